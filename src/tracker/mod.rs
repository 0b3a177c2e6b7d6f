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
//! with serde_json). Its [saved state](#the-saved-state) carries a format version. It keeps a
//! bounded number of conversations (see [memory](#memory)).
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
//!
//! # Time
//!
//! The tracker has no clock and never reads the wall clock. The times it keeps are the
//! vendors': event times (LivePerson `serverTimestamp`, Genesys `timestampSeconds`) and, for
//! LivePerson, the snapshot's `metaDataLastUpdateTs`, `startTs` and `endTs`. The hold time
//! compares them with each other: an event waits until its dialog has one that much newer.
//! Eviction compares them with the `now` you pass to
//! [`evict_closed`](ConversationTracker::evict_closed) and
//! [`evict_idle`](ConversationTracker::evict_idle): the wall clock in a live receiver (the
//! vendors' times are UTC instants), or the newest notification's time when you replay old
//! ones. A conversation that no notification told a time about (a Genesys chat known only from
//! its state changes) is timed by the `now` of the first call that looked at it (for idle
//! eviction, the first since its last notification).
//!
//! Those times are whatever the notifications say: whoever can send notifications can make a
//! conversation look idle for years (dropped at the next call) or active in the year 9999
//! (never idle). The cap below does not depend on any time.
//!
//! # Memory
//!
//! - **At most [`max_conversations`](TrackerConfig::max_conversations) conversations** (both
//!   vendors together; 100 000 by default) are kept after every call: when a notification
//!   brings one more, the least recently active one goes, in the order notifications were
//!   ingested (not by their times), and is returned in [`Ingested::evicted`].
//! - **Closed and idle conversations**: call [`evict_closed`](ConversationTracker::evict_closed)
//!   and [`evict_idle`](ConversationTracker::evict_idle) regularly (for example every minute).
//!   They drop the conversations closed for
//!   [`evict_closed_after`](TrackerConfig::evict_closed_after) (an hour by default) and those
//!   with no activity for [`evict_idle_after`](TrackerConfig::evict_idle_after) (24 hours by
//!   default; a conversation whose close never arrives is one of them), and return them. Called
//!   every interval, they keep the count at most the conversations active within
//!   `evict_idle_after`, plus those started since the last call.
//! - **[`remove`](ConversationTracker::remove)** drops one conversation when you know it is
//!   done.
//!
//! Every conversation dropped is returned with what it still held back, and all but those you
//! remove count in [`TrackerStats::evicted`]. A later notification about a dropped
//! conversation starts it anew: nothing about it is remembered, so a retried event is emitted
//! again and its snapshot is compared with no state in force.
//!
//! Each conversation keeps its transcript (every positioned event), its dialogs and the state
//! of its newest snapshot: its size grows with what is sent about it, of which at most
//! [`hold_limit`](TrackerConfig::hold_limit) events wait per dialog. Beside the
//! conversations, the tracker keeps the LivePerson dialog ids their snapshots listed (dropped
//! with them) and a few counters. Events without a conversation are not kept.
//!
//! # The saved state
//!
//! What you can rely on across versions of this crate:
//!
//! - The saved state is a struct (in JSON an object) whose first field, `chatwire_tracker_format`,
//!   is its format version, an unsigned integer: [`ConversationTracker::FORMAT_VERSION`] in
//!   the states this build writes. That field, its name and its meaning stay the same in every
//!   version.
//! - A build reads the states of its own format version only. Reading a state of another
//!   version, or one whose `chatwire_tracker_format` is not a version, is an error that names
//!   what it found and the version this build reads: never a silent misread. The version is
//!   checked wherever it is; written first, and with a key that sorts before the others, it is
//!   met first even after a store re-ordered the keys alphabetically, so the error names the
//!   version rather than some field this build cannot read.
//! - Releases with the same format version read each other's states. A release that changes
//!   what the state holds or how changes the version, and its changelog says so.
//! - A state without `chatwire_tracker_format` (written before states carried a format
//!   version; no release wrote one) is refused with an error that says so: start a new
//!   tracker.
//! - Everything else in the state (the names and nesting of its fields, the vendor items kept
//!   in it) is not a public format: store it and read it back whole, do not read or edit it.
//!
//! ```
//! use chatwire::tracker::ConversationTracker;
//!
//! let saved = serde_json::to_string(&ConversationTracker::default()).unwrap();
//! assert!(saved.starts_with(r#"{"chatwire_tracker_format":1,"#));
//! let next = saved.replacen(":1,", ":2,", 1);
//! let err = serde_json::from_str::<ConversationTracker>(&next).unwrap_err();
//! assert!(err.to_string().starts_with(
//!     "saved tracker state of format version 2: this build of chatwire reads format version 1 only"
//! ));
//! ```

mod conversation;
mod store;

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

use crate::AnyNotification;
use crate::error::ParseError;
use crate::events::{
    ChatEvent, EventKind, Snapshot, Vendor, genesys_snapshot_events, liveperson_snapshot_events,
};
use crate::genesys::{self, ChatState, Data};
use crate::liveperson;

use conversation::position_of;
pub use conversation::{Conversation, ConversationStatus, Dialog, Gap};
use store::Store;

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
    /// A conversation, open or closed, is dropped by [`ConversationTracker::evict_idle`] once
    /// its [last activity](Conversation::last_activity) is this long before the time you pass.
    /// Make it longer than the longest silence your conversations may have: a conversation
    /// dropped while open starts anew at its next notification. `Duration::MAX` never drops.
    /// Absent from a serialized configuration, it takes the default.
    #[serde(default = "default_evict_idle_after")]
    pub evict_idle_after: Duration,
    /// At most this many conversations (both vendors together) are kept: when a notification
    /// brings one more, the least recently active (in the order notifications were ingested,
    /// whatever their times) is dropped and returned in [`Ingested::evicted`]. `0` keeps none.
    /// Absent from a serialized configuration, it takes the default.
    #[serde(default = "default_max_conversations")]
    pub max_conversations: usize,
}

fn default_evict_idle_after() -> Duration {
    Duration::from_secs(24 * 3600)
}

fn default_max_conversations() -> usize {
    100_000
}

impl Default for TrackerConfig {
    /// Holds up to 32 events for up to 5 minutes (LivePerson retries every 30 seconds, up to
    /// 5 times); evicts closed conversations after an hour and idle ones after 24 hours; keeps
    /// at most 100 000 conversations.
    fn default() -> Self {
        TrackerConfig {
            hold_limit: 32,
            hold_time: Duration::from_secs(300),
            evict_closed_after: Duration::from_secs(3600),
            evict_idle_after: default_evict_idle_after(),
            max_conversations: default_max_conversations(),
        }
    }
}

impl TrackerConfig {
    /// A configuration with the given bounds, and the default
    /// [`evict_idle_after`](Self::evict_idle_after) and
    /// [`max_conversations`](Self::max_conversations) (set those fields to change them).
    pub fn new(hold_limit: usize, hold_time: Duration, evict_closed_after: Duration) -> Self {
        TrackerConfig {
            hold_limit,
            hold_time,
            evict_closed_after,
            ..TrackerConfig::default()
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
    /// Conversations dropped to stay within
    /// [`max_conversations`](TrackerConfig::max_conversations), least recently active first,
    /// with whatever they still held back.
    pub evicted: Vec<Conversation>,
}

impl Ingested {
    fn append(&mut self, mut other: Ingested) {
        self.events.append(&mut other.events);
        self.duplicates += other.duplicates;
        self.stale += other.stale;
        self.gaps.append(&mut other.gaps);
        self.evicted.append(&mut other.evicted);
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
    /// Conversations evicted: closed, idle or over the cap (not those you
    /// [`remove`](ConversationTracker::remove)).
    pub evicted: u64,
}

/// Conversations of both vendors, built from notifications in any order (see the
/// [module docs](self)).
///
/// Its saved state carries a format version, checked when read (see
/// [the saved state](self#the-saved-state)).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(try_from = "SavedState")]
pub struct ConversationTracker {
    config: TrackerConfig,
    store: Store,
    stats: TrackerStats,
}

/// The key of the format version in the saved state. It sorts before the other keys, so that
/// a reader meets it first even after a store sorted the keys.
const FORMAT_KEY: &str = "chatwire_tracker_format";

impl Serialize for ConversationTracker {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // The format version first, then the fields in the order `SavedState` reads them.
        let mut state = serializer.serialize_struct("ConversationTracker", 6)?;
        state.serialize_field(FORMAT_KEY, &Self::FORMAT_VERSION)?;
        state.serialize_field("config", &self.config)?;
        state.serialize_field("liveperson", &self.store.liveperson)?;
        state.serialize_field("genesys", &self.store.genesys)?;
        state.serialize_field("dialogs", &self.store.dialogs)?;
        state.serialize_field("stats", &self.stats)?;
        state.end()
    }
}

/// The saved state as read, before its format version is checked as a whole.
#[derive(Deserialize)]
#[serde(rename = "ConversationTracker")]
struct SavedState {
    #[serde(rename = "chatwire_tracker_format", default)]
    format: FormatSeen,
    config: TrackerConfig,
    liveperson: BTreeMap<String, Conversation>,
    genesys: BTreeMap<String, Conversation>,
    dialogs: BTreeMap<String, String>,
    stats: TrackerStats,
}

/// Whether the saved state had the format version this build reads: reading any other value
/// is an error at once.
#[derive(Default)]
struct FormatSeen(bool);

impl<'de> Deserialize<'de> for FormatSeen {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl Visitor {
            fn check<E: de::Error>(version: i128) -> Result<FormatSeen, E> {
                if version == i128::from(ConversationTracker::FORMAT_VERSION) {
                    Ok(FormatSeen(true))
                } else {
                    Err(E::custom(format_args!(
                        "saved tracker state of format version {version}: this build of chatwire \
                         reads format version {} only",
                        ConversationTracker::FORMAT_VERSION
                    )))
                }
            }
        }
        impl de::Visitor<'_> for Visitor {
            type Value = FormatSeen;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(
                    f,
                    "the format version of a saved tracker state (this build of chatwire reads \
                     format version {})",
                    ConversationTracker::FORMAT_VERSION
                )
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<FormatSeen, E> {
                Self::check(v.into())
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<FormatSeen, E> {
                Self::check(v.into())
            }
        }
        deserializer.deserialize_u32(Visitor)
    }
}

impl TryFrom<SavedState> for ConversationTracker {
    type Error = String;

    fn try_from(saved: SavedState) -> Result<Self, String> {
        if !saved.format.0 {
            return Err(format!(
                "saved tracker state without `{FORMAT_KEY}`: written before saved states carried \
                 a format version, or not a tracker state; this build of chatwire reads format \
                 version {} only (start a new tracker)",
                ConversationTracker::FORMAT_VERSION
            ));
        }
        Ok(ConversationTracker {
            config: saved.config,
            store: Store::rebuild(saved.liveperson, saved.genesys, saved.dialogs),
            stats: saved.stats,
        })
    }
}

impl ConversationTracker {
    /// The format version of the saved state that this build writes, and the only one it
    /// reads (see [the saved state](self#the-saved-state)).
    pub const FORMAT_VERSION: u32 = 1;

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
        self.store.map(vendor).get(id)
    }

    /// Every conversation, LivePerson first, each vendor's by id.
    pub fn conversations(&self) -> impl Iterator<Item = &Conversation> {
        self.store
            .liveperson
            .values()
            .chain(self.store.genesys.values())
    }

    /// How many conversations it keeps, of both vendors.
    pub fn len(&self) -> usize {
        self.store.len()
    }

    /// Whether it keeps no conversation.
    pub fn is_empty(&self) -> bool {
        self.store.len() == 0
    }

    /// Drops one conversation and returns it, with whatever it still held back; `None` when
    /// the tracker does not know it. A later notification about it starts it anew. Not counted
    /// in [`TrackerStats::evicted`].
    pub fn remove(&mut self, vendor: Vendor, id: &str) -> Option<Conversation> {
        self.store.take(vendor, id)
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
                    self.store
                        .dialogs
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
        self.enforce_cap(&mut out);
        self.count(&out);
        out
    }

    /// Ingests a Genesys notification.
    pub fn ingest_genesys(&mut self, notification: &genesys::Notification) -> Ingested {
        self.stats.notifications += 1;
        let mut out = Ingested::default();
        let chat_id = notification.chat_id().map(str::to_owned);
        match (&notification.data, chat_id) {
            (Some(Data::MessageLogUpdated(_)), Some(id)) => {
                for event in notification.events() {
                    out.append(self.positioned(Vendor::Genesys, id.clone(), event.into_owned()));
                }
            }
            (Some(Data::ChatStateChange(message)), Some(id)) => {
                let snapshot = Snapshot::from_genesys(message);
                let rank = message.chat.as_ref().and_then(|c| rank(c.state.as_ref()?));
                let tick = self.stats.notifications;
                let conversation = self.store.touch(Vendor::Genesys, &id, tick);
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
        self.enforce_cap(&mut out);
        self.count(&out);
        out
    }

    /// Releases every held event (in position order, skipping the gaps before them).
    pub fn flush(&mut self) -> Ingested {
        let mut out = Ingested::default();
        for conversation in self
            .store
            .liveperson
            .values_mut()
            .chain(self.store.genesys.values_mut())
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
    /// them (LivePerson first, each vendor's by id). A conversation closed at the snapshot's end
    /// time (LivePerson `endTs` of the conversation or its MAIN dialog, else the
    /// `metaDataLastUpdateTs` that closed it), else at its newest event, else at the first call
    /// that saw it closed. `now` is the time described in [time](self#time); a deadline past
    /// the last time chrono can represent never comes.
    pub fn evict_closed(&mut self, now: DateTime<Utc>) -> Vec<Conversation> {
        let keep_for = chrono::Duration::from_std(self.config.evict_closed_after)
            .unwrap_or(chrono::Duration::MAX);
        self.evict_where(|c| {
            if c.status() != Some(ConversationStatus::Closed) {
                return false;
            }
            let told = c.snapshot.as_ref().and_then(|s| s.ended).or(c.last_time);
            let closed = told.unwrap_or(*c.closed_at.get_or_insert(now));
            due(closed, keep_for, now)
        })
    }

    /// Drops the conversations, open or closed, whose
    /// [last activity](Conversation::last_activity) is at least
    /// [`evict_idle_after`](TrackerConfig::evict_idle_after) before `now`, and returns them
    /// (LivePerson first, each vendor's by id), with whatever they still held back. A
    /// conversation no notification told a time about is idle from the first call that saw it
    /// since its last notification. `now` is the time described in [time](self#time); a
    /// deadline past the last time chrono can represent never comes. A later notification
    /// about an evicted conversation starts it anew.
    pub fn evict_idle(&mut self, now: DateTime<Utc>) -> Vec<Conversation> {
        let idle_for = chrono::Duration::from_std(self.config.evict_idle_after)
            .unwrap_or(chrono::Duration::MAX);
        self.evict_where(|c| {
            let active = c
                .last_activity()
                .unwrap_or_else(|| *c.seen_at.get_or_insert(now));
            due(active, idle_for, now)
        })
    }

    /// Drops and returns the conversations `evict` picks, LivePerson first, each by id.
    fn evict_where(
        &mut self,
        mut evict: impl FnMut(&mut Conversation) -> bool,
    ) -> Vec<Conversation> {
        let mut picked = Vec::new();
        for (vendor, map) in [
            (Vendor::LivePerson, &mut self.store.liveperson),
            (Vendor::Genesys, &mut self.store.genesys),
        ] {
            for (id, conversation) in map.iter_mut() {
                if evict(conversation) {
                    picked.push((vendor, id.clone()));
                }
            }
        }
        let evicted: Vec<Conversation> = picked
            .into_iter()
            .filter_map(|(vendor, id)| self.store.take(vendor, &id))
            .collect();
        self.stats.evicted += evicted.len() as u64;
        evicted
    }

    /// Drops the least recently active conversations until at most
    /// [`max_conversations`](TrackerConfig::max_conversations) are left.
    fn enforce_cap(&mut self, out: &mut Ingested) {
        while self.store.len() > self.config.max_conversations {
            match self.store.take_least_recent() {
                Some(conversation) => out.evicted.push(conversation),
                None => break,
            }
        }
    }

    fn count(&mut self, out: &Ingested) {
        self.stats.events += out.events.len() as u64;
        self.stats.duplicates += out.duplicates as u64;
        self.stats.stale += out.stale as u64;
        self.stats.gaps += out.gaps.len() as u64;
        self.stats.evicted += out.evicted.len() as u64;
    }

    fn liveperson_snapshot(&mut self, change: &liveperson::ConversationChange) -> Ingested {
        let mut out = Ingested::default();
        let Some(id) = change.conversation_id().map(str::to_owned) else {
            let kinds = Snapshot::from_liveperson(change).events_alone();
            let events = liveperson_snapshot_events(change, kinds);
            out.events.extend(crate::events::into_owned_sharing(events));
            return out;
        };
        let snapshot = Snapshot::from_liveperson(change);
        let tick = self.stats.notifications;
        // Dialogs first seen in messaging events before this snapshot join the conversation.
        for (dialog, _, _) in &snapshot.dialogs {
            self.store.register(dialog, &id);
            if *dialog != id
                && let Some(orphan) = self.store.take(Vendor::LivePerson, dialog)
            {
                let conversation = self.store.touch(Vendor::LivePerson, &id, tick);
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
        let conversation = self.store.touch(Vendor::LivePerson, &id, tick);
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
        let conversation = self.store.touch(vendor, &id, self.stats.notifications);
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
            (Some((now, hold)), Some(t)) => t.checked_add_signed(hold).is_some_and(|end| end < now),
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

/// Whether `duration` after `from` is `now` or before; never when it is past the last time
/// chrono can represent.
fn due(from: DateTime<Utc>, duration: chrono::Duration, now: DateTime<Utc>) -> bool {
    from.checked_add_signed(duration).is_some_and(|t| t <= now)
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
