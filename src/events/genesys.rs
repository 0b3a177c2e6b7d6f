//! Genesys notifications as neutral events (see the mapping table in the module docs).

use chrono::{DateTime, Utc};

use super::snapshot::{self, genesys_participant};
use super::{
    Audience, ChatEvent, EventKind, Events, Item, Participant, Position, Snapshot, Source,
};
use crate::genesys::{
    ChatStateChangeMessage, Data, MessageItem, MessageItemType, Notification, SystemCommandNotice,
    Visibility,
};

/// The events of a Genesys notification (see [`Notification::events`]).
pub(crate) fn notification_events(n: &Notification) -> Events<'_> {
    let chat_id = n.chat_id().map(str::to_owned);
    match &n.data {
        Some(Data::MessageLogUpdated(log)) => Events::messages(chat_id, log.items()),
        Some(Data::ChatStateChange(m)) => Events::listed(snapshot_events(
            chat_id,
            m,
            Snapshot::from_genesys(m).events_alone(),
        )),
        Some(Data::Unknown(_)) | None => Events::listed(Vec::new()),
    }
}

pub(crate) fn message_event(chat_id: Option<String>, item: &MessageItem) -> ChatEvent<'_> {
    let from = item.from.as_ref().map(genesys_participant);
    // Every variant is named, so that a new item type does not compile until it is mapped.
    let kind = match &item.item_type {
        Some(MessageItemType::Text | MessageItemType::Notice) => EventKind::Message {
            text: item.text.clone().unwrap_or_default(),
        },
        Some(MessageItemType::CustomNotice) => EventKind::Message {
            text: item.notice_text.clone().unwrap_or_default(),
        },
        Some(MessageItemType::PushUrl) => EventKind::UrlPushed {
            url: item.url.clone(),
        },
        Some(MessageItemType::TypingStarted) => EventKind::TypingStarted,
        Some(MessageItemType::TypingStopped) => EventKind::TypingStopped,
        Some(MessageItemType::ParticipantJoined | MessageItemType::ParticipantRejoined) => {
            match &from {
                Some(p) => EventKind::ParticipantJoined {
                    participant: p.clone(),
                },
                None => EventKind::Unknown,
            }
        }
        Some(MessageItemType::ParticipantLeft) => match &from {
            Some(p) => EventKind::ParticipantLeft {
                participant: p.clone(),
            },
            None => EventKind::Unknown,
        },
        Some(MessageItemType::SystemCommand) => match item.system_notice() {
            Some(SystemCommandNotice::FileUploaded) => {
                let file = item.attachment.as_ref();
                EventKind::FileShared {
                    // The attachment's URL, which fetches it; else its path under the API.
                    location: file
                        .and_then(|f| f.uri.as_ref().or(f.path.as_ref()))
                        .cloned(),
                    file_type: file.and_then(|f| f.mime.clone()),
                    caption: None,
                }
            }
            // `file-deleted` (no neutral equivalent) and other commands.
            _ => EventKind::Unknown,
        },
        Some(MessageItemType::NicknameUpdated) => match &from {
            Some(p) => EventKind::ParticipantRenamed {
                participant: Participant {
                    name: item.new_nickname().map(str::to_owned),
                    ..p.clone()
                },
            },
            None => EventKind::Unknown,
        },
        Some(MessageItemType::TranscriptSaveDone | MessageItemType::_Unknown(_)) | None => {
            EventKind::Unknown
        }
    };
    let time = item.time();
    let audience = match &item.visibility {
        None | Some(Visibility::All) => Audience::Everyone,
        Some(_) => Audience::AgentsOnly,
    };
    ChatEvent {
        kind,
        conversation_id: chat_id,
        dialog_id: None,
        position: item.index.map(Position::Index),
        time,
        sender: from,
        audience,
        source: Source::GenesysMessage(Item::borrowed(item)),
    }
}

/// Events of the given kinds and times, about the snapshot `message`.
pub(crate) fn snapshot_events<'a>(
    chat_id: Option<String>,
    message: &'a ChatStateChangeMessage,
    kinds: Vec<(EventKind, Option<DateTime<Utc>>)>,
) -> Vec<ChatEvent<'a>> {
    snapshot::events(
        kinds,
        chat_id,
        None,
        Source::GenesysChatState(Item::borrowed(message)),
    )
}
