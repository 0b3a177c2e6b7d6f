//! `MessageLogUpdated` and transcript messages (spec §5, §6).

use std::fmt;

use chrono::{DateTime, Utc};

use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::chat::{Attachment, ChatId, Participant, UserData};
use super::enums::{MessageItemType, NotificationType, SystemCommandNotice, Visibility};
use super::time::{Timestamp, TimestampSeconds};
use crate::json::RawJson;

wire_struct! {
    /// `MessageLogUpdated`: new messages in a chat's transcript.
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
    /// A `NewMessages` notification of chat `chat_id` (written as `chatPath`:
    /// `/chats/{chat_id}`) with `messages`.
    pub fn new(chat_id: impl Into<ChatId>, messages: Vec<MessageItem>) -> Self {
        MessageLogUpdated {
            notification_type: Some(NotificationType::NewMessages),
            messages: Some(Messages::List(messages)),
            chat_path: Some(format!("/chats/{}", chat_id.into())),
            ..Default::default()
        }
    }

    /// The same notification with `chatUri`.
    pub fn with_chat_uri(mut self, uri: impl Into<String>) -> Self {
        self.chat_uri = Some(uri.into());
        self
    }

    /// The chat id, derived from `chatPath` (`/chats/{id}`) or else the last segment of
    /// `chatUri`: a GWS v2 notification has no `id` of its own (the Workspace API v3 sends
    /// one, used last, when written without JSON escapes). Borrowed from the field it comes
    /// from: no allocation, no JSON parse.
    ///
    /// ```
    /// # let json = include_str!("../../tests/webhooks_examples/genesys/008_sendmessage_text.json");
    /// let n = chatwire::genesys::parse_notification(json)?;
    /// let Some(chatwire::genesys::Data::MessageLogUpdated(log)) = &n.data else { panic!() };
    /// assert_eq!(log.chat_id(), Some("0000Wa9CAM6W00FN"));
    /// # Ok::<(), chatwire::ParseError>(())
    /// ```
    pub fn chat_id(&self) -> Option<&str> {
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
        from_path.or_else(from_uri).or_else(|| {
            // A JSON string without escapes is its own text: borrow it.
            let raw = self.extra.get("id")?.get();
            raw.strip_prefix('"')?
                .strip_suffix('"')
                .filter(|id| !id.contains('\\'))
        })
    }

    /// The messages, when `messages` is an array.
    pub fn items(&self) -> &[MessageItem] {
        match &self.messages {
            Some(Messages::List(list)) => list,
            _ => &[],
        }
    }

    /// The messages, when `messages` is an array, to change them in place.
    ///
    /// ```
    /// # let json = include_str!("../../tests/webhooks_examples/genesys/008_sendmessage_text.json");
    /// use chatwire::genesys::{self, Data};
    /// let mut n = genesys::parse_notification(json)?;
    /// if let Some(Data::MessageLogUpdated(log)) = &mut n.data {
    ///     for item in log.items_mut() {
    ///         if let Some(text) = &mut item.text {
    ///             text.replace_range(.., "[redacted]");
    ///         }
    ///     }
    /// }
    /// let out = serde_json::to_string(&n).unwrap();
    /// assert!(out.contains(r#""text":"[redacted]""#));
    /// # Ok::<(), chatwire::ParseError>(())
    /// ```
    pub fn items_mut(&mut self) -> &mut [MessageItem] {
        match &mut self.messages {
            Some(Messages::List(list)) => list,
            _ => &mut [],
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
        /// Notice text (`CustomNotice`; on `SystemCommand`, which command, see
        /// [`system_notice`](Self::system_notice); on `NicknameUpdated`, the new nickname).
        opt notice_text: String = "noticeText",
        /// URL (`PushUrl`).
        opt url: String = "url",
        /// The user-defined message type given to `SendMessage` (e.g. `Greeting`).
        opt message_type: String = "messageType",
        /// Attached data.
        opt user_data: UserData = "userData",
        /// The file a `SystemCommand` message is about (`file-uploaded`, `file-deleted`).
        opt attachment: Attachment = "attachment",
    }
}

impl MessageItem {
    /// A message of type `item_type` at `index` from `from`, visible to all; the type's own
    /// field (`text`, `noticeText`, `url`) is set with the `with_*` methods.
    ///
    /// ```
    /// use chatwire::genesys::*;
    /// let agent = Participant::new("A1", ParticipantType::Agent, "Ann");
    /// let time = chrono::DateTime::from_timestamp_millis(1447929020000).unwrap();
    /// let notice = MessageItem::new(5, MessageItemType::CustomNotice, agent)
    ///     .with_notice_text("This is a custom notice")
    ///     .with_time(time);
    /// assert_eq!(notice.timestamp.unwrap().as_str(), "2015-11-19 10:30:20.000+0000");
    /// assert_eq!(notice.timestamp_seconds.unwrap().0, 1447929020000);
    /// ```
    pub fn new(index: i64, item_type: MessageItemType, from: Participant) -> Self {
        MessageItem {
            index: Some(index),
            item_type: Some(item_type),
            from: Some(from),
            visibility: Some(Visibility::All),
            ..Default::default()
        }
    }

    /// A `Text` message (a constructor; the text itself is the `text` field).
    pub fn new_text(index: i64, from: Participant, text: impl Into<String>) -> Self {
        Self::new(index, MessageItemType::Text, from).with_text(text)
    }

    /// The same message with `text` (`Text` and `Notice` messages).
    pub fn with_text(mut self, text: impl Into<String>) -> Self {
        self.text = Some(text.into());
        self
    }

    /// A `SystemCommand` `file-uploaded` message: `from` uploaded `attachment` to the chat.
    ///
    /// ```
    /// use chatwire::genesys::*;
    /// let agent = Participant::new("009F5790DA8D0066", ParticipantType::Agent, "TestName");
    /// let file = Attachment::new("009F5790DAD80068").with_document("0001PaBMYY3600RC", "notes.txt", 46);
    /// let item = MessageItem::new_file_uploaded(7, agent, file);
    /// assert_eq!(item.system_notice(), Some(SystemCommandNotice::FileUploaded));
    /// assert_eq!(item.attachment.unwrap().path.as_deref(), Some("/attachments/0001PaBMYY3600RC"));
    /// ```
    pub fn new_file_uploaded(index: i64, from: Participant, attachment: Attachment) -> Self {
        Self::new(index, MessageItemType::SystemCommand, from)
            .with_notice_text(SystemCommandNotice::FileUploaded.as_str())
            .with_attachment(attachment)
    }

    /// A `SystemCommand` `file-deleted` message: `from` deleted the file `file_id` (its
    /// `attachment.fileId`) from the chat.
    pub fn new_file_deleted(index: i64, from: Participant, file_id: impl Into<String>) -> Self {
        Self::new(index, MessageItemType::SystemCommand, from)
            .with_notice_text(SystemCommandNotice::FileDeleted.as_str())
            .with_attachment(Attachment::new(file_id))
    }

    /// A `NicknameUpdated` message: `from`'s nickname is now `from.nickname`, also written as
    /// `noticeText` as in the documented example.
    pub fn new_nickname_updated(index: i64, from: Participant) -> Self {
        let nickname = from.nickname.clone();
        let mut item = Self::new(index, MessageItemType::NicknameUpdated, from);
        item.notice_text = nickname;
        item
    }

    /// The same message with `noticeText` (`CustomNotice` messages).
    pub fn with_notice_text(mut self, notice_text: impl Into<String>) -> Self {
        self.notice_text = Some(notice_text.into());
        self
    }

    /// The same message with `url` (`PushUrl` messages).
    pub fn with_url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    /// The same message with `attachment` (`SystemCommand` messages).
    pub fn with_attachment(mut self, attachment: Attachment) -> Self {
        self.attachment = Some(attachment);
        self
    }

    /// The same message with `visibility`.
    pub fn with_visibility(mut self, visibility: Visibility) -> Self {
        self.visibility = Some(visibility);
        self
    }

    /// The same message received at `time`, written as GWS v2 does: `timestamp` in
    /// `yyyy-MM-dd HH:mm:ss.SSSZ` (UTC) and `timestampSeconds` in milliseconds.
    pub fn with_time(mut self, time: DateTime<Utc>) -> Self {
        self.timestamp = Some(Timestamp::new(
            time.format("%Y-%m-%d %H:%M:%S%.3f+0000").to_string(),
        ));
        self.timestamp_seconds = Some(TimestampSeconds(time.timestamp_millis()));
        self
    }

    /// When the message was received, in UTC: `timestampSeconds` (either unit), or else
    /// `timestamp`. Parses `timestamp` when it is the only one sent.
    pub fn time(&self) -> Option<DateTime<Utc>> {
        self.timestamp_seconds
            .and_then(|t| t.to_datetime())
            .or_else(|| self.timestamp.as_ref()?.to_datetime())
    }

    /// What a `SystemCommand` message says (its `noticeText`): `file-uploaded`,
    /// `file-deleted`, or another value kept as written. `None` for other types, or without
    /// `noticeText`.
    ///
    /// ```
    /// # let json = include_str!("../../tests/webhooks_examples/genesys/022_uploadfile_systemcommand_file_uploaded.json");
    /// use chatwire::genesys::{self, Data, SystemCommandNotice};
    /// let n = genesys::parse_notification(json)?;
    /// let Some(Data::MessageLogUpdated(log)) = &n.data else { panic!() };
    /// let item = &log.items()[0];
    /// assert_eq!(item.system_notice(), Some(SystemCommandNotice::FileUploaded));
    /// let file = item.attachment.as_ref().unwrap();
    /// assert_eq!(file.name.as_deref(), Some("testfileUploadAgent.txt"));
    /// assert_eq!(file.size, Some(46));
    /// # Ok::<(), chatwire::ParseError>(())
    /// ```
    pub fn system_notice(&self) -> Option<SystemCommandNotice> {
        match &self.item_type {
            Some(MessageItemType::SystemCommand) => {
                self.notice_text.as_deref().map(SystemCommandNotice::from)
            }
            _ => None,
        }
    }

    /// The new nickname a `NicknameUpdated` message tells: `from.nickname`, else
    /// `noticeText`. `None` for other types.
    pub fn new_nickname(&self) -> Option<&str> {
        match &self.item_type {
            Some(MessageItemType::NicknameUpdated) => self
                .from
                .as_ref()
                .and_then(|f| f.nickname.as_deref())
                .or(self.notice_text.as_deref()),
            _ => None,
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
