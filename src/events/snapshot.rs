//! Conversation snapshots of both vendors, reduced to what the neutral model tells, and the
//! events between two of them.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Audience, ChatEvent, CloseReason, EventKind, Participant, Role, Source};
use crate::genesys::{self, ChatStateChangeMessage};
use crate::liveperson::{self, ConversationChange, ConversationState, DialogType, Participants};

/// What kind of dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum DialogKind {
    /// The main conversation dialog (LivePerson `MAIN`; the one Genesys dialog).
    Main,
    /// A post-conversation survey (`POST_SURVEY`).
    Survey,
    /// Another dialog (co-browse, calls, values this version does not know).
    Other,
}

/// The state a snapshot tells; `None` fields are not told.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Snapshot {
    pub(crate) open: Option<bool>,
    pub(crate) close_reason: Option<CloseReason>,
    pub(crate) participants: Option<Vec<Participant>>,
    /// The skill id as written; `-1` (or empty) says there is none.
    pub(crate) skill: Option<String>,
    pub(crate) dialogs: Vec<(String, DialogKind, Option<bool>)>,
    pub(crate) started: Option<DateTime<Utc>>,
    pub(crate) ended: Option<DateTime<Utc>>,
    /// LivePerson `metaDataLastUpdateTs`, in milliseconds.
    pub(crate) updated: Option<i64>,
}

impl Snapshot {
    pub(crate) fn from_liveperson(change: &ConversationChange) -> Snapshot {
        let mut snap = Snapshot::default();
        if change.change_type == Some(liveperson::ChangeType::Delete) {
            return snap;
        }
        let Some(details) = change.details() else {
            return snap;
        };
        let state = details.stage.as_ref().or(details.state.as_ref());
        snap.open = match state {
            Some(ConversationState::Open) => Some(true),
            Some(ConversationState::Close) => Some(false),
            _ => None,
        };
        if snap.open == Some(false) {
            snap.close_reason = Some(match &details.close_reason {
                Some(liveperson::CloseReason::Consumer) => CloseReason::Consumer,
                Some(liveperson::CloseReason::Agent) => CloseReason::Agent,
                Some(liveperson::CloseReason::System) => CloseReason::System,
                _ => CloseReason::Unknown,
            });
        }
        if let Some(participants) = &details.participants {
            let list = match participants {
                Participants::List(list) => list
                    .iter()
                    .map(|p| participant(p.id.as_ref().map(|i| i.as_str()), p.role.as_ref()))
                    .collect(),
                Participants::ByRole(groups) => groups
                    .iter()
                    .flat_map(|(role, ids)| {
                        ids.iter()
                            .map(move |id| participant(Some(id.as_str()), Some(role)))
                    })
                    .collect(),
            };
            snap.participants = Some(list);
        }
        snap.skill = details.skill_id.clone();
        for dialog in details.dialogs.iter().flatten() {
            let Some(id) = &dialog.dialog_id else {
                continue;
            };
            let kind = match &dialog.dialog_type {
                Some(DialogType::Main) => DialogKind::Main,
                Some(DialogType::PostSurvey) => DialogKind::Survey,
                _ => DialogKind::Other,
            };
            let open = match &dialog.state {
                Some(ConversationState::Open) => Some(true),
                Some(ConversationState::Close) => Some(false),
                _ => None,
            };
            snap.dialogs.push((id.as_str().to_owned(), kind, open));
        }
        snap.started = details.start_ts.and_then(|t| t.to_datetime());
        // `endTs` of the conversation, else of its MAIN dialog, else the update that closed it.
        // An `endTs` of 0 is LivePerson's "not set" (an open conversation), not 1970.
        let set = |t: &crate::json::EpochMillis| t.as_i64() != 0;
        let main_end = details.main_dialog().and_then(|d| d.end_ts).filter(set);
        let update = details
            .meta_data_last_update_ts
            .filter(|_| snap.open == Some(false));
        snap.ended =
            (details.end_ts.filter(set).or(main_end).or(update)).and_then(|t| t.to_datetime());
        snap.updated = details.meta_data_last_update_ts.map(|t| t.as_i64());
        snap
    }

    pub(crate) fn from_genesys(message: &ChatStateChangeMessage) -> Snapshot {
        let mut snap = Snapshot::default();
        if message.is_error() {
            return snap;
        }
        let Some(chat) = &message.chat else {
            return snap;
        };
        match &chat.state {
            Some(genesys::ChatState::Invited | genesys::ChatState::Chatting) => {
                snap.open = Some(true)
            }
            Some(genesys::ChatState::Completed | genesys::ChatState::LeftChat) => {
                snap.open = Some(false);
                snap.close_reason = Some(CloseReason::Agent);
            }
            Some(genesys::ChatState::Revoked) => {
                snap.open = Some(false);
                snap.close_reason = Some(CloseReason::System);
            }
            _ => {}
        }
        if let Some(list) = chat.participants.as_ref().filter(|l| !l.is_empty()) {
            snap.participants = Some(list.iter().map(genesys_participant).collect());
        }
        snap.started = chat.received_date.as_ref().and_then(|t| t.to_datetime());
        snap
    }

    /// The skill, unless none is set.
    pub(crate) fn skill(&self) -> Option<&str> {
        self.skill
            .as_deref()
            .filter(|s| *s != "-1" && !s.is_empty())
    }

    /// The events of this snapshot read on its own: those since an empty conversation, or
    /// `Unknown` when it tells none.
    pub(crate) fn events_alone(&self) -> Vec<(EventKind, Option<DateTime<Utc>>)> {
        let mut events = self.events_since(None);
        if events.is_empty() {
            events.push((EventKind::Unknown, None));
        }
        events
    }

    /// The events from `prev` (an empty conversation when `None`) to `self`, each with its
    /// time when known.
    pub(crate) fn events_since(
        &self,
        prev: Option<&Snapshot>,
    ) -> Vec<(EventKind, Option<DateTime<Utc>>)> {
        let mut events = Vec::new();
        let at = self.updated.and_then(DateTime::from_timestamp_millis);
        let was_open = prev.and_then(|p| p.open);
        if self.open == Some(true) && was_open != Some(true) {
            events.push((EventKind::ConversationOpened, self.started.or(at)));
        }
        if let Some(now) = &self.participants {
            let before = prev.and_then(|p| p.participants.as_deref()).unwrap_or(&[]);
            // Who is in one list and not the other, by id and role (`same_as`): compared in
            // place for short lists, through hash sets for long ones (linear on hostile
            // snapshots of many participants).
            let key = |p: &'_ Participant| (p.id.clone(), p.role);
            let (in_now, in_before): (HashSet<_>, HashSet<_>) = if now.len() * before.len() > 256 {
                (
                    now.iter().map(key).collect(),
                    before.iter().map(key).collect(),
                )
            } else {
                Default::default()
            };
            let hashed = !in_now.is_empty() || !in_before.is_empty();
            let contains = |list: &[Participant], set: &HashSet<_>, p: &Participant| {
                if hashed {
                    set.contains(&key(p))
                } else {
                    list.iter().any(|q| q.same_as(p))
                }
            };
            for p in now.iter().filter(|p| !contains(before, &in_before, p)) {
                let participant = p.clone();
                events.push((EventKind::ParticipantJoined { participant }, at));
            }
            for p in before.iter().filter(|b| !contains(now, &in_now, b)) {
                let participant = p.clone();
                events.push((EventKind::ParticipantLeft { participant }, at));
            }
        }
        if let (Some(from), Some(to)) = (prev.and_then(Snapshot::skill), self.skill())
            && from != to
        {
            events.push((
                EventKind::ConversationTransferred {
                    from_skill: Some(from.to_owned()),
                    to_skill: Some(to.to_owned()),
                },
                at,
            ));
        }
        if self.open == Some(false) && was_open != Some(false) {
            let reason = self.close_reason.unwrap_or(CloseReason::Unknown);
            events.push((EventKind::ConversationClosed { reason }, self.ended.or(at)));
        }
        events
    }
}

/// Events of the given kinds and times about one snapshot item: conversation-wide, with no
/// position or sender.
pub(crate) fn events<'a>(
    kinds: Vec<(EventKind, Option<DateTime<Utc>>)>,
    conversation_id: Option<String>,
    dialog_id: Option<String>,
    source: Source<'a>,
) -> Vec<ChatEvent<'a>> {
    kinds
        .into_iter()
        .map(|(kind, time)| ChatEvent {
            kind,
            conversation_id: conversation_id.clone(),
            dialog_id: dialog_id.clone(),
            position: None,
            time,
            sender: None,
            audience: Audience::Everyone,
            source: source.clone(),
        })
        .collect()
}

fn participant(id: Option<&str>, role: Option<&liveperson::Role>) -> Participant {
    Participant::new(
        id.map(str::to_owned),
        role.map_or(Role::Unknown, Role::from),
        None,
    )
}

pub(crate) fn genesys_participant(p: &genesys::Participant) -> Participant {
    Participant::new(
        p.participant_id.clone().or_else(|| p.id.clone()),
        p.participant_type
            .as_ref()
            .map_or(Role::Unknown, Role::from),
        p.nickname.clone(),
    )
}

impl From<&liveperson::Role> for Role {
    fn from(role: &liveperson::Role) -> Role {
        use liveperson::Role as L;
        match role {
            L::Consumer => Role::Consumer,
            L::AssignedAgent | L::Agent | L::Reader => Role::Agent,
            L::Manager | L::AssignedManager | L::AgentManager => Role::Manager,
            L::Controller => Role::System,
            _ => Role::Unknown,
        }
    }
}

impl From<&genesys::ParticipantType> for Role {
    fn from(kind: &genesys::ParticipantType) -> Role {
        use genesys::ParticipantType as G;
        match kind {
            G::Customer => Role::Consumer,
            G::Agent => Role::Agent,
            G::External => Role::Bot,
            _ => Role::Unknown,
        }
    }
}
