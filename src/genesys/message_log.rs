//! `MessageLogUpdated` and transcript messages (spec §5, §6).

use std::fmt;

use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::chat::{ChatId, Participant, UserData};
use super::enums::{MessageItemType, NotificationType, Visibility};
use super::time::{Timestamp, TimestampSeconds};
use crate::json::RawJson;

wire_struct! {
    /// `MessageLogUpdated`: new messages in a chat's transcript.
    #[derive(Default)]
    pub struct MessageLogUpdated {
        /// `NewMessages`.
        opt notification_type: NotificationType = "notificationType",
        /// The new messages (after Accept: the whole history so far).
        opt messages: Messages = "messages",
        /// The chat's URL.
        opt chat_uri: String = "chatUri",
        /// The chat's path (`/chats/{id}`).
        opt chat_path: String = "chatPath",
    }
}

impl MessageLogUpdated {
    /// A `NewMessages` notification.
    pub fn new(messages: Vec<MessageItem>) -> Self {
        MessageLogUpdated {
            notification_type: Some(NotificationType::NewMessages),
            messages: Some(Messages::List(messages)),
            ..Default::default()
        }
    }

    /// The chat id, derived from `chatPath` (`/chats/{id}`) or else the last segment of
    /// `chatUri`: a GWS v2 notification has no `id` of its own (the Workspace API v3 sends
    /// one, used last).
    ///
    /// ```
    /// # let json = include_str!("../../tests/webhooks_examples/genesys/008_sendmessage_text.json");
    /// let n = chatwire::genesys::parse_notification(json)?;
    /// let Some(chatwire::genesys::Data::MessageLogUpdated(log)) = &n.data else { panic!() };
    /// assert_eq!(log.chat_id().unwrap().as_str(), "0000Wa9CAM6W00FN");
    /// # Ok::<(), chatwire::ParseError>(())
    /// ```
    pub fn chat_id(&self) -> Option<ChatId> {
        let from_path = self
            .chat_path
            .as_deref()
            .and_then(|p| p.strip_prefix("/chats/")?.split('/').next())
            .filter(|id| !id.is_empty());
        let from_uri = || {
            let uri = self.chat_uri.as_deref()?;
            let uri = uri.split(['?', '#']).next()?.trim_end_matches('/');
            uri.rsplit('/').next().filter(|id| !id.is_empty())
        };
        from_path
            .or_else(from_uri)
            .map(ChatId::from)
            .or_else(|| self.extra.get("id")?.as_string().map(ChatId::from))
    }

    /// The messages, when `messages` is an array.
    pub fn items(&self) -> &[MessageItem] {
        match &self.messages {
            Some(Messages::List(list)) => list,
            _ => &[],
        }
    }
}

/// `messages`: an array of message items as documented, or — kept as written so that
/// validation can report it — any other JSON value.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Messages {
    /// The documented form.
    List(Vec<MessageItem>),
    /// Not an array.
    Other(RawJson),
}

impl Serialize for Messages {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Messages::List(list) => list.serialize(s),
            Messages::Other(raw) => raw.serialize(s),
        }
    }
}

impl<'de> crate::json::field::Field<'de> for Messages {
    fn read<D: Deserializer<'de>>(slot: &mut Option<Self>, d: D) -> Result<(), D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Messages;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array of messages")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Messages, A::Error> {
                Ok(Messages::List(crate::json::field::read_elements(seq)?))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Messages, A::Error> {
                let value =
                    serde_json::Value::deserialize(de::value::MapAccessDeserializer::new(map))?;
                other(&value)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Messages, E> {
                other(&v)
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Messages, E> {
                other(&v)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Messages, E> {
                other(&v)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Messages, E> {
                other(&v)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Messages, E> {
                other(&v)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Messages, E> {
                other(&())
            }
        }
        crate::json::field::put(slot, d.deserialize_any(V)?);
        Ok(())
    }
}

/// Any deserializer: see [`crate::json`]'s notes on deserializing.
impl<'de> Deserialize<'de> for Messages {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::json::text::deserialize(d)
    }
}

fn other<T: Serialize + ?Sized, E: de::Error>(value: &T) -> Result<Messages, E> {
    RawJson::from_serialize(value)
        .map(Messages::Other)
        .map_err(E::custom)
}

wire_struct! {
    /// One transcript message (`messages[]`).
    #[derive(Default)]
    pub struct MessageItem {
        /// Sequence number in the chat (may jump).
        opt index: i64 = "index",
        /// What kind of message.
        opt item_type: MessageItemType = "type",
        /// Who sent it.
        opt from: Participant = "from",
        /// Who may see it.
        opt visibility: Visibility = "visibility",
        /// When it was received, as written.
        opt timestamp: Timestamp = "timestamp",
        /// When it was received, as an integer (milliseconds in GWS v2).
        opt timestamp_seconds: TimestampSeconds = "timestampSeconds",
        /// Text (`Text`, `Notice`).
        opt text: String = "text",
        /// Notice text (`CustomNotice`).
        opt notice_text: String = "noticeText",
        /// URL (`PushUrl`).
        opt url: String = "url",
        /// The user-defined message type given to `SendMessage` (e.g. `Greeting`).
        opt message_type: String = "messageType",
        /// Attached data.
        opt user_data: UserData = "userData",
    }
}

impl MessageItem {
    /// A `Text` message.
    pub fn text(index: i64, from: Participant, text: impl Into<String>) -> Self {
        MessageItem {
            index: Some(index),
            item_type: Some(MessageItemType::Text),
            from: Some(from),
            visibility: Some(Visibility::All),
            text: Some(text.into()),
            ..Default::default()
        }
    }

    /// `true` when only agents (or supervisors) may see the message.
    pub fn is_private(&self) -> bool {
        matches!(
            self.visibility,
            Some(Visibility::Agents | Visibility::Supervisors)
        )
    }
}
