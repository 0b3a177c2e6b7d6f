//! LivePerson notifications as neutral events (see the mapping table in the module docs).

use chrono::{DateTime, Utc};

use super::{
    Audience, ChatEvent, DeliveryStatus, EventKind, Events, Item, Participant, Position, Role,
    Source, snapshot,
};
use crate::liveperson::{
    AcceptStatus, ChatState, Content, ConversationChange, Event, MessageAudience, MessagingChange,
    Notification,
};

/// The events of a LivePerson notification, in the order of its changes (see
/// [`Notification::events`]).
pub(crate) fn notification_events(n: &Notification) -> Events<'_> {
    match n {
        Notification::MessagingEvent(n) => Events::messaging(&n.body.changes),
        Notification::ConversationChange(n) => Events::snapshots(&n.body.changes),
        Notification::Unknown(_) => Events::listed(Vec::new()),
    }
}

pub(crate) fn messaging_event(change: &MessagingChange) -> ChatEvent<'_> {
    // Every match names every variant of the vendor's enums: a new event or content type does
    // not compile until it is mapped here and in the table of the module docs.
    let kind = match &change.event {
        Some(Event::Content(e)) => match &e.content {
            Content::Text(text) => EventKind::Message { text: text.clone() },
            Content::HostedFile(f) => EventKind::FileShared {
                location: Some(f.relative_path.clone()),
                file_type: Some(f.file_type.as_str().to_owned()),
                caption: f.caption.clone(),
            },
            Content::ExternalFile(_) => EventKind::FileShared {
                location: None,
                file_type: None,
                caption: None,
            },
            Content::SecureInvitation(_) | Content::SecureSubmission(_) | Content::Other(_) => {
                EventKind::Unknown
            }
        },
        Some(Event::RichContent(e)) => EventKind::StructuredContent {
            element_type: e.element_type(),
        },
        Some(Event::AcceptStatus(e)) => match delivery_status(&e.status) {
            Some(status) => EventKind::Delivery {
                status,
                sequences: e.sequence_list.clone(),
            },
            None => EventKind::Unknown,
        },
        Some(Event::ChatState(e)) => match &e.chat_state {
            ChatState::Composing => EventKind::TypingStarted,
            s if s.is_known() => EventKind::TypingStopped,
            _ => EventKind::Unknown,
        },
        Some(Event::Unknown(_)) | None => EventKind::Unknown,
    };
    let metadata = change.originator_metadata.as_ref();
    let sender_id = change
        .originator_id
        .as_ref()
        .or_else(|| metadata?.id.as_ref())
        .map(|id| id.as_str().to_owned());
    let role = metadata.and_then(|m| m.role.as_ref());
    let sender = (sender_id.is_some() || role.is_some())
        .then(|| Participant::new(sender_id, role.map_or(Role::Unknown, Role::from), None));
    let audience = match &change.message_audience {
        None | Some(MessageAudience::All) => Audience::Everyone,
        Some(_) => Audience::AgentsOnly,
    };
    ChatEvent {
        kind,
        conversation_id: change.conversation_or_dialog_id().map(str::to_owned),
        dialog_id: change.dialog_id.as_ref().map(|d| d.as_str().to_owned()),
        position: change.sequence.map(Position::Sequence),
        time: change.server_timestamp.and_then(|t| t.to_datetime()),
        sender,
        audience,
        source: Source::LivePersonMessaging(Item::borrowed(change)),
    }
}

fn delivery_status(status: &AcceptStatus) -> Option<DeliveryStatus> {
    Some(match status {
        AcceptStatus::Accept => DeliveryStatus::Accepted,
        AcceptStatus::Read => DeliveryStatus::Read,
        AcceptStatus::Access => DeliveryStatus::Accessed,
        AcceptStatus::Nack => DeliveryStatus::NotAccepted,
        AcceptStatus::Action => DeliveryStatus::Acted,
        AcceptStatus::Viewed => DeliveryStatus::Viewed,
        _ => return None,
    })
}

/// Events of the given kinds and times, about the snapshot `change`.
pub(crate) fn snapshot_events<'a>(
    change: &'a ConversationChange,
    kinds: Vec<(EventKind, Option<DateTime<Utc>>)>,
) -> Vec<ChatEvent<'a>> {
    let main_dialog = change
        .details()
        .and_then(|d| d.main_dialog())
        .and_then(|d| d.dialog_id.as_ref())
        .map(|d| d.as_str().to_owned());
    snapshot::events(
        kinds,
        change.conversation_id().map(str::to_owned),
        main_dialog,
        Source::LivePersonConversation(Item::borrowed(change)),
    )
}
