//! Conversation state from at-least-once, unordered delivery.
//!
//! Both vendors deliver with duplicates, gaps and reordering: LivePerson retries webhooks and
//! orders nothing; Genesys transcript indexes can jump. A [`ConversationTracker`] ingests
//! notifications of either vendor in any order and emits each [neutral event](crate::events)
//! once, in conversation order:
//!
//! - **Positioned events** (LivePerson changes with a `sequence`, Genesys messages with an
//!   `index`) are de-duplicated by `(dialogId, sequence)` or `(chat id, index)`. One that arrives
//!   ahead of a gap is held back until the gap fills, until more than
//!   [`hold_limit`](TrackerConfig::hold_limit) events wait in the dialog, or until it is older
//!   than [`hold_time`](TrackerConfig::hold_time) by the newest event of the dialog; the gap it
//!   skips is then reported in [`Ingested::gaps`], and an event that fills it later is emitted
//!   when it arrives. They make up the [transcript](Conversation::transcript).
//! - **Snapshots** (LivePerson conversation changes, Genesys `ChatStateChangeMessage`) update the
//!   conversation's state and emit what changed since the state in force. A LivePerson snapshot
//!   whose `metaDataLastUpdateTs` is not newer than the one in force is stale and ignored;
//!   Genesys snapshots carry no time, so one whose chat state is behind the one in force
//!   (`Invited` < `Chatting` < `LeftChat` < `Completed`, `Revoked`) is stale, though the
//!   participants it lists are taken when no snapshot further on listed any. Of two Genesys
//!   snapshots in the same state, the one delivered last is in force: nothing tells their order.
//!   Genesys joins and leaves are emitted from the transcript (`ParticipantJoined` messages),
//!   not again from snapshots.
//! - **Events without a position** (LivePerson chat states) are passed through as they come:
//!   the vendor gives nothing to de-duplicate or order them by.
//!
//! Only positioned events make up the transcript, so the same notifications give the same
//! transcripts and final states in any order of arrival, with any duplicates.
//!
//! The tracker is `Serialize + Deserialize`: keep it between requests in the store of your
//! choice as JSON (`serde_json::to_string` / `from_str`; the vendor items inside are read back
//! with serde_json). Memory stays bounded by
//! [`evict_closed`](ConversationTracker::evict_closed), which drops conversations closed longer
//! than [`evict_closed_after`](TrackerConfig::evict_closed_after), and by the hold limit; a
//! notification about a conversation already evicted starts it anew.
//!
//! ```
//! use chatwire::tracker::{ConversationStatus, ConversationTracker};
//! use chatwire::events::EventKind;
//!
//! let mut tracker = ConversationTracker::default();
//! let text = |seq: i64, msg: &str| format!(r#"{{"kind":"notification","type":"ms.MessagingEventNotification",
//!     "body":{{"changes":[{{"sequence":{seq},"serverTimestamp":{},"dialogId":"c1","conversationId":"c1",
//!     "originatorMetadata":{{"id":"u1","role":"CONSUMER"}},
//!     "event":{{"type":"ContentEvent","contentType":"text/plain","message":"{msg}"}}}}]}}}}"#, 1528371161893 + seq);
//!
//! // Sequence 1 arrives first: it waits for 0.
//! assert!(tracker.ingest_json(&text(1, "second"))?.events.is_empty());
//! // 0 arrives, then 1 again (a retry): each is emitted once, in order.
//! let out = tracker.ingest_json(&text(0, "first"))?;
//! let texts: Vec<_> = out.events.iter().filter_map(|e| e.text()).collect();
//! assert_eq!(texts, ["first", "second"]);
//! assert_eq!(tracker.ingest_json(&text(1, "second"))?.duplicates, 1);
//!
//! let conversation = tracker.conversation(chatwire::events::Vendor::LivePerson, "c1").unwrap();
//! assert_eq!(conversation.transcript().len(), 2);
//! assert_eq!(conversation.status(), None); // no snapshot yet
//! # Ok::<(), chatwire::ParseError>(())
//! ```

mod conversation;

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::AnyNotification;
use crate::error::ParseError;
use crate::events::{
    ChatEvent, EventKind, Snapshot, Vendor, genesys_snapshot_events, liveperson_snapshot_events,
};
use crate::genesys::{self, ChatState, Data};
use crate::liveperson;

use conversation::position_of;
pub use conversation::{Conversation, ConversationStatus, Dialog, Gap};

/// How long the tracker waits and keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TrackerConfig {
    /// At most this many events wait ahead of a gap in one dialog; one more releases the
    /// earliest and skips the gap. `0` holds nothing back.
    pub hold_limit: usize,
    /// An event waits ahead of a gap at most this long, measured by the vendor's times: once
    /// the dialog has an event this much newer, it is released.
    pub hold_time: Duration,
    /// A closed conversation is dropped by [`ConversationTracker::evict_closed`] this long
    /// after it closed.
    pub evict_closed_after: Duration,
}

impl Default for TrackerConfig {
    /// Holds up to 32 events for up to 5 minutes (LivePerson retries every 30 seconds, up to
    /// 5 times); evicts closed conversations after an hour.
    fn default() -> Self {
        TrackerConfig {
            hold_limit: 32,
            hold_time: Duration::from_secs(300),
            evict_closed_after: Duration::from_secs(3600),
        }
    }
}

impl TrackerConfig {
    /// A configuration with the given bounds.
    pub fn new(hold_limit: usize, hold_time: Duration, evict_closed_after: Duration) -> Self {
        TrackerConfig {
            hold_limit,
            hold_time,
            evict_closed_after,
        }
    }
}

/// What one call of the tracker released.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Ingested {
    /// The events released, in conversation order within each dialog.
    pub events: Vec<ChatEvent<'static>>,
    /// Positioned events dropped because they were already known.
    pub duplicates: usize,
    /// Snapshots ignored because a newer one is in force.
    pub stale: usize,
    /// Gaps skipped by releasing events ahead of them.
    pub gaps: Vec<Gap>,
}

impl Ingested {
    fn append(&mut self, mut other: Ingested) {
        self.events.append(&mut other.events);
        self.duplicates += other.duplicates;
        self.stale += other.stale;
        self.gaps.append(&mut other.gaps);
    }
}

/// Running totals since the tracker was made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TrackerStats {
    /// Notifications ingested.
    pub notifications: u64,
    /// Events emitted.
    pub events: u64,
    /// Duplicates dropped.
    pub duplicates: u64,
    /// Stale snapshots ignored.
    pub stale: u64,
    /// Gaps skipped.
    pub gaps: u64,
    /// Conversations evicted.
    pub evicted: u64,
}

/// Conversations of both vendors, built from notifications in any order (see the
/// [module docs](self)).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConversationTracker {
    config: TrackerConfig,
    liveperson: BTreeMap<String, Conversation>,
    genesys: BTreeMap<String, Conversation>,
    /// LivePerson dialog id → conversation id, from snapshots.
    dialogs: BTreeMap<String, String>,
    stats: TrackerStats,
}

impl ConversationTracker {
    /// An empty tracker.
    pub fn new(config: TrackerConfig) -> Self {
        ConversationTracker {
            config,
            ..Default::default()
        }
    }

    /// The configuration.
    pub fn config(&self) -> &TrackerConfig {
        &self.config
    }

    /// Running totals.
    pub fn stats(&self) -> TrackerStats {
        self.stats
    }

    /// One conversation.
    pub fn conversation(&self, vendor: Vendor, id: &str) -> Option<&Conversation> {
        match vendor {
            Vendor::LivePerson => self.liveperson.get(id),
            Vendor::Genesys => self.genesys.get(id),
        }
    }

    /// Every conversation, LivePerson first, each vendor's by id.
    pub fn conversations(&self) -> impl Iterator<Item = &Conversation> {
        self.liveperson.values().chain(self.genesys.values())
    }

    /// Parses a document of either vendor ([`parse_any`](crate::parse_any)) and ingests it.
    pub fn ingest_json(&mut self, json: &str) -> Result<Ingested, ParseError> {
        Ok(self.ingest(&crate::parse_any(json)?))
    }

    /// Ingests a notification of either vendor.
    pub fn ingest(&mut self, notification: &AnyNotification) -> Ingested {
        match notification {
            AnyNotification::LivePerson(n) => self.ingest_liveperson(n),
            AnyNotification::Genesys(n) => self.ingest_genesys(n),
        }
    }

    /// Ingests a LivePerson notification.
    pub fn ingest_liveperson(&mut self, notification: &liveperson::Notification) -> Ingested {
        self.stats.notifications += 1;
        let mut out = Ingested::default();
        for change in notification.conversation_changes() {
            out.append(self.liveperson_snapshot(change));
        }
        for change in notification.messaging_changes() {
            let event = change.to_event().into_owned();
            let id = change
                .conversation_id
                .as_ref()
                .map(|c| c.as_str())
                .or_else(|| {
                    self.dialogs
                        .get(change.dialog_id.as_ref()?.as_str())
                        .map(String::as_str)
                })
                .or_else(|| change.dialog_id.as_ref().map(|d| d.as_str()))
                .map(str::to_owned);
            match id {
                Some(id) => out.append(self.positioned(Vendor::LivePerson, id, event)),
                None => out.events.push(event),
            }
        }
        self.count(&out);
        out
    }

    /// Ingests a Genesys notification.
    pub fn ingest_genesys(&mut self, notification: &genesys::Notification) -> Ingested {
        self.stats.notifications += 1;
        let mut out = Ingested::default();
        let chat_id = notification.chat_id().map(|c| c.as_str().to_owned());
        match (&notification.data, chat_id) {
            (Some(Data::MessageLogUpdated(_)), Some(id)) => {
                for event in notification.events() {
                    out.append(self.positioned(Vendor::Genesys, id.clone(), event.into_owned()));
                }
            }
            (Some(Data::ChatStateChange(message)), Some(id)) => {
                let snapshot = Snapshot::from_genesys(message);
                let rank = message.chat.as_ref().and_then(|c| rank(c.state.as_ref()?));
                let conversation = conversation_mut(&mut self.genesys, Vendor::Genesys, &id);
                if rank.is_some() && rank < conversation.rank {
                    out.stale += 1;
                    // Behind in state, but the participants it lists may be the newest told
                    // (a ParticipantsUpdated delivered after the chat ended).
                    if snapshot.participants.is_some() && rank >= conversation.participants_rank {
                        conversation.participants_rank = rank;
                        if let Some(current) = conversation.snapshot.as_mut() {
                            current.participants = snapshot.participants;
                        }
                    }
                } else {
                    if snapshot.participants.is_some() {
                        conversation.participants_rank = rank;
                    }
                    let mut kinds = snapshot.events_since(conversation.snapshot.as_ref());
                    kinds.retain(|(k, _)| {
                        !matches!(
                            k,
                            EventKind::ParticipantJoined { .. } | EventKind::ParticipantLeft { .. }
                        )
                    });
                    let events = genesys_snapshot_events(Some(id.clone()), message, kinds);
                    conversation.rank = conversation.rank.max(rank);
                    apply(conversation, snapshot);
                    out.events.extend(crate::events::into_owned_sharing(events));
                }
            }
            _ => out
                .events
                .extend(crate::events::into_owned_sharing(notification.events())),
        }
        self.count(&out);
        out
    }

    /// Releases every held event (in position order, skipping the gaps before them).
    pub fn flush(&mut self) -> Ingested {
        let mut out = Ingested::default();
        for conversation in self
            .liveperson
            .values_mut()
            .chain(self.genesys.values_mut())
        {
            let (vendor, id) = (conversation.vendor, conversation.id.clone());
            for dialog in conversation.dialogs.values_mut() {
                release(vendor, &id, dialog, 0, None, &mut out);
            }
        }
        self.count(&out);
        out
    }

    /// Drops the conversations closed at least
    /// [`evict_closed_after`](TrackerConfig::evict_closed_after) before `now`, and returns
    /// them. A conversation closed at the snapshot's end time (LivePerson `endTs` of the
    /// conversation or its MAIN dialog, else the `metaDataLastUpdateTs` that closed it), else at
    /// its newest event, else at the first call that saw it closed.
    pub fn evict_closed(&mut self, now: DateTime<Utc>) -> Vec<Conversation> {
        let keep_for = chrono::Duration::from_std(self.config.evict_closed_after)
            .unwrap_or(chrono::Duration::MAX);
        let mut evicted = Vec::new();
        for map in [&mut self.liveperson, &mut self.genesys] {
            let ids: Vec<String> = map
                .values_mut()
                .filter(|c| c.status() == Some(ConversationStatus::Closed))
                .filter_map(|c| {
                    let told = c.snapshot.as_ref().and_then(|s| s.ended).or(c.last_time);
                    let closed = told.unwrap_or(*c.closed_at.get_or_insert(now));
                    (closed.checked_add_signed(keep_for).is_none_or(|t| t <= now))
                        .then(|| c.id.clone())
                })
                .collect();
            evicted.extend(ids.iter().filter_map(|id| map.remove(id)));
        }
        self.dialogs
            .retain(|_, conversation| self.liveperson.contains_key(conversation));
        self.stats.evicted += evicted.len() as u64;
        evicted
    }

    fn count(&mut self, out: &Ingested) {
        self.stats.events += out.events.len() as u64;
        self.stats.duplicates += out.duplicates as u64;
        self.stats.stale += out.stale as u64;
        self.stats.gaps += out.gaps.len() as u64;
    }

    fn liveperson_snapshot(&mut self, change: &liveperson::ConversationChange) -> Ingested {
        let mut out = Ingested::default();
        let Some(id) = change.conversation_id().map(|c| c.as_str().to_owned()) else {
            let kinds = Snapshot::from_liveperson(change).events_alone();
            let events = liveperson_snapshot_events(change, kinds);
            out.events.extend(crate::events::into_owned_sharing(events));
            return out;
        };
        let snapshot = Snapshot::from_liveperson(change);
        // Dialogs first seen in messaging events before this snapshot join the conversation.
        for (dialog, _, _) in &snapshot.dialogs {
            self.dialogs.insert(dialog.clone(), id.clone());
            if *dialog != id
                && let Some(orphan) = self.liveperson.remove(dialog)
            {
                let conversation = conversation_mut(&mut self.liveperson, Vendor::LivePerson, &id);
                merge(conversation, orphan, &mut out);
                // What waited in the orphan may now be due, or over the limit.
                for dialog in conversation.dialogs.values_mut() {
                    release(
                        Vendor::LivePerson,
                        &id,
                        dialog,
                        self.config.hold_limit,
                        None,
                        &mut out,
                    );
                }
            }
        }
        let conversation = conversation_mut(&mut self.liveperson, Vendor::LivePerson, &id);
        let current = conversation.snapshot.as_ref().and_then(|s| s.updated);
        if let (Some(new), Some(current)) = (snapshot.updated, current)
            && new <= current
        {
            out.stale += 1;
            return out;
        }
        let kinds = snapshot.events_since(conversation.snapshot.as_ref());
        let events = liveperson_snapshot_events(change, kinds);
        apply(conversation, snapshot);
        out.events.extend(crate::events::into_owned_sharing(events));
        out
    }

    fn positioned(
        &mut self,
        vendor: Vendor,
        id: String,
        mut event: ChatEvent<'static>,
    ) -> Ingested {
        let mut out = Ingested::default();
        event.conversation_id = Some(id.clone());
        let map = match vendor {
            Vendor::LivePerson => &mut self.liveperson,
            Vendor::Genesys => &mut self.genesys,
        };
        let conversation = conversation_mut(map, vendor, &id);
        if event.time > conversation.last_time {
            conversation.last_time = event.time;
        }
        let Some(position) = position_of(&event) else {
            out.events.push(event);
            return out;
        };
        let dialog = conversation.dialog_mut(event.dialog_id.as_deref());
        if dialog.entries.contains_key(&position) || dialog.held.contains_key(&position) {
            out.duplicates += 1;
            return out;
        }
        if position < dialog.next {
            // Fills a gap that was skipped: emitted now, and in its place in the transcript.
            dialog.entries.insert(position, event.clone());
            out.events.push(event);
            return out;
        }
        let newest = event.time;
        dialog.held.insert(position, event);
        let hold_time =
            chrono::Duration::from_std(self.config.hold_time).unwrap_or(chrono::Duration::MAX);
        release(
            vendor,
            &id,
            dialog,
            self.config.hold_limit,
            newest.map(|t| (t, hold_time)),
            &mut out,
        );
        out
    }
}

/// Moves held events whose turn has come into the transcript: those at the expected position,
/// and, skipping the gap before them, those beyond `limit` or older than the newest time by
/// more than the hold time.
fn release(
    vendor: Vendor,
    id: &str,
    dialog: &mut Dialog,
    limit: usize,
    newest: Option<(DateTime<Utc>, chrono::Duration)>,
    out: &mut Ingested,
) {
    loop {
        let Some((&position, first)) = dialog.held.first_key_value() else {
            return;
        };
        let expired = match (newest, first.time) {
            (Some((now, hold)), Some(t)) => t.checked_add_signed(hold).is_none_or(|end| end < now),
            _ => false,
        };
        if position != dialog.next && dialog.held.len() <= limit && !expired {
            return;
        }
        if position > dialog.next {
            out.gaps.push(Gap {
                vendor,
                conversation_id: id.to_owned(),
                dialog_id: dialog.id.clone(),
                from: dialog.next,
                to: position,
            });
        }
        let event = dialog.held.remove(&position).expect("first key is present");
        dialog.entries.insert(position, event.clone());
        dialog.next = position.saturating_add(1);
        out.events.push(event);
    }
}

fn conversation_mut<'a>(
    map: &'a mut BTreeMap<String, Conversation>,
    vendor: Vendor,
    id: &str,
) -> &'a mut Conversation {
    map.entry(id.to_owned())
        .or_insert_with(|| Conversation::new(vendor, id.to_owned()))
}

/// Puts `snapshot` in force: fields it tells replace the old ones.
fn apply(conversation: &mut Conversation, snapshot: Snapshot) {
    for (dialog_id, kind, open) in &snapshot.dialogs {
        let dialog = conversation.dialog_mut(Some(dialog_id));
        dialog.kind = Some(*kind);
        if let Some(open) = open {
            dialog.status = Some(if *open {
                ConversationStatus::Open
            } else {
                ConversationStatus::Closed
            });
        }
    }
    let merged = match conversation.snapshot.take() {
        None => snapshot,
        Some(old) => Snapshot {
            open: snapshot.open.or(old.open),
            close_reason: if snapshot.open.is_some() {
                snapshot.close_reason
            } else {
                old.close_reason
            },
            participants: snapshot.participants.or(old.participants),
            skill: snapshot.skill.or(old.skill),
            dialogs: if snapshot.dialogs.is_empty() {
                old.dialogs
            } else {
                snapshot.dialogs
            },
            started: snapshot.started.or(old.started),
            ended: snapshot.ended.or(old.ended),
            updated: snapshot.updated.or(old.updated),
        },
    };
    if merged.open != Some(false) {
        conversation.closed_at = None;
    }
    conversation.snapshot = Some(merged);
}

/// Moves the dialogs of a conversation known only by a dialog id into the real one.
fn merge(into: &mut Conversation, orphan: Conversation, out: &mut Ingested) {
    for (key, dialog) in orphan.dialogs {
        let target = into
            .dialogs
            .entry(key)
            .or_insert_with(|| Dialog::new(dialog.id.clone(), dialog.next));
        for (position, mut event) in dialog.entries.into_iter().chain(dialog.held) {
            event.conversation_id = Some(into.id.clone());
            if target.entries.contains_key(&position) || target.held.contains_key(&position) {
                out.duplicates += 1;
            } else if position < target.next || dialog.next > position {
                target.entries.insert(position, event);
            } else {
                target.held.insert(position, event);
            }
        }
        target.next = target.next.max(dialog.next);
    }
    into.last_time = into.last_time.max(orphan.last_time);
}

/// Genesys chat states only move forward.
fn rank(state: &ChatState) -> Option<u8> {
    Some(match state {
        ChatState::Invited => 0,
        ChatState::Chatting => 1,
        ChatState::LeftChat => 2,
        ChatState::Completed | ChatState::Revoked => 3,
        _ => return None,
    })
}
