//! `ChatStateChangeMessage` and the chat resource (spec §4, §7, §10).

use super::enums::{
    Capability, ChatState, ChatType, NotificationType, ParticipantType, Visibility,
};
use super::time::Timestamp;
use crate::json::RawJson;

id_type! {
    /// A chat (interaction) id, e.g. `0000Wa9CAM6W00J`.
    ChatId
}

wire_struct! {
    /// `ChatStateChangeMessage`: a snapshot of the chat after a change of state, participants or
    /// data, or the report of a failed operation (`notificationType: Error`).
    pub struct ChatStateChangeMessage {
        /// Why it was sent.
        opt notification_type: NotificationType = "notificationType",
        /// The chat resource with its updated state (optional on `Error`).
        opt chat: Chat = "chat",
        /// Links the notification to the request that caused it.
        opt reference_id: i64 = "referenceId",
        /// What went wrong (`Error` notifications).
        opt error_message: String = "errorMessage",
        /// Error code (`Error` notifications).
        opt error_code: i64 = "errorCode",
    }
}

impl ChatStateChangeMessage {
    /// A notification of the given type about `chat`.
    pub fn new(notification_type: NotificationType, chat: Chat) -> Self {
        ChatStateChangeMessage {
            notification_type: Some(notification_type),
            chat: Some(chat),
            ..Default::default()
        }
    }

    /// `true` for `notificationType: Error`.
    pub fn is_error(&self) -> bool {
        self.notification_type == Some(NotificationType::Error)
    }
}

wire_struct! {
    /// The agent chat resource (`data.chat`).
    pub struct Chat {
        /// Chat id.
        opt id: ChatId = "id",
        /// State.
        opt state: ChatState = "state",
        /// The resource's URL (`…/api/v2/chats/{id}`).
        opt uri: String = "uri",
        /// Operations valid in the current state.
        opt capabilities: Vec<Capability> = "capabilities",
        /// Participants.
        opt participants: Vec<Participant> = "participants",
        /// Attached data: an object of arbitrary JSON values, kept as written.
        opt user_data: UserData = "userData",
        /// `Inbound`, …
        opt chat_type: ChatType = "chatType",
        /// When the chat was received.
        opt received_date: Timestamp = "receivedDate",
        /// The documents attached to the chat (after `AddAttachment`, GWS API documentation
        /// "ChatAddAttachment").
        opt attachments: Vec<Attachment> = "attachments",
    }
}

impl Chat {
    /// A chat with an id and a state.
    pub fn new(id: impl Into<ChatId>, state: ChatState) -> Self {
        Chat {
            id: Some(id.into()),
            state: Some(state),
            ..Default::default()
        }
    }

    /// The same chat with one more participant.
    pub fn with_participant(mut self, participant: Participant) -> Self {
        self.participants
            .get_or_insert_with(Vec::new)
            .push(participant);
        self
    }

    /// `true` when `capability` is listed.
    pub fn can(&self, capability: &Capability) -> bool {
        self.capabilities.iter().flatten().any(|c| c == capability)
    }
}

wire_struct! {
    /// A participant (`chat.participants[]`, `message.from`).
    pub struct Participant {
        /// Display name (not unique).
        opt nickname: String = "nickname",
        /// `Customer`, `Agent`, `External`, …
        opt participant_type: ParticipantType = "type",
        /// The participant's id in the chat.
        opt participant_id: String = "participantId",
        /// The agent's user URL.
        opt uri: String = "uri",
        /// The agent's user path (`/users/{id}`).
        opt path: String = "path",
        /// Id (equal to `participantId` in examples).
        opt id: String = "id",
        /// The participant's visibility.
        opt visibility: Visibility = "visibility",
    }
}

impl Participant {
    /// A participant.
    pub fn new(
        participant_id: impl Into<String>,
        participant_type: ParticipantType,
        nickname: impl Into<String>,
    ) -> Self {
        Participant {
            nickname: Some(nickname.into()),
            participant_type: Some(participant_type),
            participant_id: Some(participant_id.into()),
            ..Default::default()
        }
    }
}

wire_struct! {
    /// A document attached to a chat: `messages[].attachment` of a `SystemCommand` message
    /// (`file-uploaded`: the whole document; `file-deleted`: its `fileId` alone) and
    /// `chat.attachments[]`. Fields from the GWS API documentation ("ChatUploadFile",
    /// "ChatDeleteFile", "ChatAddAttachment").
    pub struct Attachment {
        /// The document's identity in the chat, which `DeleteFile` takes (e.g.
        /// `009F5790DAD80068`).
        opt file_id: String = "fileId",
        /// The document's id (`documentId` of `UploadFile` and `AddAttachment`, e.g.
        /// `0001PaBMYY3600RC`).
        opt id: String = "id",
        /// The file name.
        opt name: String = "name",
        /// The attachment's path (`/attachments/{id}`).
        opt path: String = "path",
        /// The size in bytes.
        opt size: i64 = "size",
        /// The attachment's URL (`…/api/v2/attachments/{id}`).
        opt uri: String = "uri",
        /// The MIME type (e.g. `text/plain`), in `chat.attachments[]`.
        opt mime: String = "mime",
    }
}

impl Attachment {
    /// An attachment named by its `fileId` alone, as a `file-deleted` notice sends it.
    pub fn new(file_id: impl Into<String>) -> Self {
        Attachment {
            file_id: Some(file_id.into()),
            ..Default::default()
        }
    }

    /// The same attachment with the document's `id`, `path` (`/attachments/{id}`), `name` and
    /// `size` in bytes, as a `file-uploaded` notice sends them.
    pub fn with_document(
        mut self,
        id: impl Into<String>,
        name: impl Into<String>,
        size: i64,
    ) -> Self {
        let id = id.into();
        self.path = Some(format!("/attachments/{id}"));
        self.id = Some(id);
        self.name = Some(name.into());
        self.size = Some(size);
        self
    }

    /// The same attachment with `uri`.
    pub fn with_uri(mut self, uri: impl Into<String>) -> Self {
        self.uri = Some(uri.into());
        self
    }

    /// The same attachment with `mime`.
    pub fn with_mime(mut self, mime: impl Into<String>) -> Self {
        self.mime = Some(mime.into());
        self
    }
}

/// `userData`: an object of arbitrary JSON values (keys may contain spaces and punctuation),
/// kept exactly as written.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct UserData(RawJson);

impl<'de> crate::json::field::Field<'de> for UserData {
    fn read<D: serde::Deserializer<'de>>(slot: &mut Option<Self>, d: D) -> Result<(), D::Error> {
        let mut raw = None;
        RawJson::read(&mut raw, d)?;
        *slot = raw.map(UserData);
        Ok(())
    }
}

impl UserData {
    /// Keeps `json` (any JSON value) as user data.
    pub fn new(json: RawJson) -> Self {
        UserData(json)
    }

    /// The JSON as written.
    pub fn json(&self) -> &RawJson {
        &self.0
    }

    /// `true` when it is a JSON object, as documented.
    pub fn is_object(&self) -> bool {
        self.0.get().trim_start().starts_with('{')
    }

    /// The entries, when it is an object. Parses the JSON into a new map on every call.
    pub fn to_map(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        serde_json::from_str(self.0.get()).ok()
    }

    /// The value of `key`, when it is an object that has it.
    ///
    /// Cost: parses the whole object on every call (user data is kept as written, not as a
    /// tree); to read several keys, call [`to_map`](Self::to_map) once.
    pub fn get(&self, key: &str) -> Option<serde_json::Value> {
        self.to_map()?.remove(key)
    }
}
