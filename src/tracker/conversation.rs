//! The state the tracker keeps per conversation.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::events::{ChatEvent, CloseReason, DialogKind, Participant, Position, Snapshot, Vendor};

/// Open or closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum ConversationStatus {
    /// Open.
    Open,
    /// Closed.
    Closed,
}

/// A missing run of positions in a dialog: `from..to` (end exclusive).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Gap {
    /// The vendor.
    pub vendor: Vendor,
    /// The conversation.
    pub conversation_id: String,
    /// The dialog (`None` for Genesys chats).
    pub dialog_id: Option<String>,
    /// The first missing position.
    pub from: i64,
    /// One past the last missing position.
    pub to: i64,
}

impl Gap {
    /// The positions `from..to` missing in `dialog_id` of conversation `conversation_id`.
    pub fn new(
        vendor: Vendor,
        conversation_id: impl Into<String>,
        dialog_id: Option<String>,
        from: i64,
        to: i64,
    ) -> Self {
        Gap {
            vendor,
            conversation_id: conversation_id.into(),
            dialog_id,
            from,
            to,
        }
    }
}

/// One dialog of a conversation: its transcript, and what is held back ahead of a gap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Dialog {
    /// The dialog id (`None` for Genesys chats).
    pub id: Option<String>,
    /// Main, survey or other, when a snapshot told.
    pub kind: Option<DialogKind>,
    /// Open or closed, when a snapshot told.
    pub status: Option<ConversationStatus>,
    /// Released events by position.
    pub(crate) entries: BTreeMap<i64, ChatEvent<'static>>,
    /// Events ahead of a gap, by position.
    pub(crate) held: BTreeMap<i64, ChatEvent<'static>>,
    /// The next position expected: everything below it was released or skipped.
    pub(crate) next: i64,
}

impl Dialog {
    pub(crate) fn new(id: Option<String>, first: i64) -> Self {
        Dialog {
            id,
            kind: None,
            status: None,
            entries: BTreeMap::new(),
            held: BTreeMap::new(),
            next: first,
        }
    }

    /// The released events, in position order.
    pub fn entries(&self) -> impl Iterator<Item = &ChatEvent<'static>> {
        self.entries.values()
    }

    /// How many events wait ahead of a gap.
    pub fn held(&self) -> usize {
        self.held.len()
    }

    /// The earliest time of a released event.
    fn first_time(&self) -> Option<DateTime<Utc>> {
        self.entries.values().filter_map(|e| e.time).min()
    }

    /// The missing runs below the newest released position, starting at `first`.
    pub(crate) fn gaps(&self, first: i64) -> Vec<(i64, i64)> {
        let mut gaps = Vec::new();
        let mut expected = first;
        for &position in self.entries.keys() {
            if position > expected {
                gaps.push((expected, position));
            }
            expected = expected.max(position.saturating_add(1));
        }
        gaps
    }
}

/// One conversation as the tracker knows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Conversation {
    /// The vendor.
    pub vendor: Vendor,
    /// The conversation id (LivePerson `convId`, Genesys chat id).
    pub id: String,
    /// The newest snapshot's state, merged with what earlier ones told.
    pub(crate) snapshot: Option<Snapshot>,
    /// Genesys: the rank of the newest chat state (states only move forward).
    pub(crate) rank: Option<u8>,
    /// Genesys: the rank of the snapshot whose participants are in force.
    pub(crate) participants_rank: Option<u8>,
    pub(crate) dialogs: BTreeMap<String, Dialog>,
    /// When it closed, for eviction.
    pub(crate) closed_at: Option<DateTime<Utc>>,
    /// The newest event time seen.
    pub(crate) last_time: Option<DateTime<Utc>>,
    /// The tracker's notification count when a notification last concerned it: the order of
    /// activity for the cap on live conversations, which no vendor time can move.
    #[serde(default)]
    pub(crate) touched: u64,
    /// When idle eviction first saw it without any vendor time since its last notification.
    #[serde(default)]
    pub(crate) seen_at: Option<DateTime<Utc>>,
}

impl Conversation {
    pub(crate) fn new(vendor: Vendor, id: String) -> Self {
        Conversation {
            vendor,
            id,
            snapshot: None,
            rank: None,
            participants_rank: None,
            dialogs: BTreeMap::new(),
            closed_at: None,
            last_time: None,
            touched: 0,
            seen_at: None,
        }
    }

    /// Its last activity by the vendor's clock: the newest of its event times and, for
    /// LivePerson, the `metaDataLastUpdateTs`, `startTs` and `endTs` of the snapshot in force.
    /// Idle eviction ([`ConversationTracker::evict_idle`](super::ConversationTracker::evict_idle))
    /// measures from it. `None` when no notification about it carried a time (a Genesys chat
    /// known only from state changes).
    pub fn last_activity(&self) -> Option<DateTime<Utc>> {
        let snapshot = self.snapshot.as_ref();
        [
            self.last_time,
            self.snapshot_updated(),
            snapshot.and_then(|s| s.started),
            snapshot.and_then(|s| s.ended),
        ]
        .into_iter()
        .flatten()
        .max()
    }

    /// Open or closed, once a snapshot told.
    pub fn status(&self) -> Option<ConversationStatus> {
        let open = self.snapshot.as_ref()?.open?;
        Some(if open {
            ConversationStatus::Open
        } else {
            ConversationStatus::Closed
        })
    }

    /// Who closed it, when closed.
    pub fn close_reason(&self) -> Option<CloseReason> {
        self.snapshot.as_ref()?.close_reason
    }

    /// The participants of the newest snapshot that listed them.
    pub fn participants(&self) -> &[Participant] {
        self.snapshot
            .as_ref()
            .and_then(|s| s.participants.as_deref())
            .unwrap_or(&[])
    }

    /// The skill (LivePerson `skillId`), when one is set.
    pub fn skill(&self) -> Option<&str> {
        self.snapshot.as_ref()?.skill()
    }

    /// LivePerson `metaDataLastUpdateTs` of the snapshot in force.
    pub fn snapshot_updated(&self) -> Option<DateTime<Utc>> {
        DateTime::from_timestamp_millis(self.snapshot.as_ref()?.updated?)
    }

    /// The dialogs, by id (the Genesys chat's one dialog has the empty key).
    pub fn dialogs(&self) -> impl Iterator<Item = &Dialog> {
        self.dialogs.values()
    }

    /// The transcript so far: every released event that has a position, each dialog in
    /// position order, dialogs by their first event's time (main dialog first on a tie).
    /// Duplicates are gone; the same set of notifications gives the same transcript in any
    /// order of arrival. Sorts the dialogs and collects the events into a new vector on every
    /// call.
    pub fn transcript(&self) -> Vec<&ChatEvent<'static>> {
        let mut dialogs: Vec<&Dialog> = self.dialogs.values().collect();
        dialogs.sort_by_key(|d| {
            (
                d.first_time(),
                d.kind != Some(DialogKind::Main),
                d.id.clone(),
            )
        });
        dialogs.iter().flat_map(|d| d.entries.values()).collect()
    }

    /// The runs of positions that are missing below the newest released one, in every dialog,
    /// computed into a new vector on every call.
    pub fn gaps(&self) -> Vec<Gap> {
        let first = first_position(self.vendor);
        self.dialogs
            .values()
            .flat_map(|d| {
                d.gaps(first).into_iter().map(|(from, to)| Gap {
                    vendor: self.vendor,
                    conversation_id: self.id.clone(),
                    dialog_id: d.id.clone(),
                    from,
                    to,
                })
            })
            .collect()
    }

    /// How many events wait ahead of a gap.
    pub fn held(&self) -> usize {
        self.dialogs.values().map(Dialog::held).sum()
    }

    pub(crate) fn dialog_mut(&mut self, id: Option<&str>) -> &mut Dialog {
        let first = first_position(self.vendor);
        self.dialogs
            .entry(id.unwrap_or_default().to_owned())
            .or_insert_with(|| Dialog::new(id.map(str::to_owned), first))
    }
}

/// The first position of a dialog: LivePerson sequences start at 0, Genesys indexes at 1.
pub(crate) fn first_position(vendor: Vendor) -> i64 {
    match vendor {
        Vendor::LivePerson => 0,
        Vendor::Genesys => 1,
    }
}

/// The position as a number.
pub(crate) fn position_of(event: &ChatEvent<'_>) -> Option<i64> {
    event.position.map(Position::value)
}
