//! A messaging-event change (`body.changes[]` of `ms.MessagingEventNotification`, spec §3.1).

use chrono::{DateTime, Utc};

use super::client_properties::ClientProperties;
use super::enums::{MessageAudience, Role};
use super::event::Event;
use super::ids::{ConversationId, DialogId, ParticipantId};
use super::metadata::Metadata;
use super::subscription::WebhookSubscription;
use crate::json::EpochMillis;

wire_struct! {
    /// Who created an event (`originatorMetadata`).
    #[derive(Default)]
    pub struct OriginatorMetadata {
        /// The originator's participant id.
        opt id: ParticipantId = "id",
        /// The originator's role.
        opt role: Role = "role",
        /// The originator's device and app.
        opt client_properties: Box<ClientProperties> = "clientProperties",
    }
}

wire_struct! {
    /// One messaging event: a message, a read receipt, a typing indicator, …
    ///
    /// ```
    /// # let json = include_str!("../../tests/webhooks_examples/liveperson/002_dc_webhooks_consumer_text.json");
    /// let n = chatwire::parse_notification(json)?;
    /// let change = n.messaging_changes().next().unwrap();
    /// assert_eq!(change.text(), Some("Hello from Consumer"));
    /// assert_eq!(change.originator_role(), Some(&chatwire::liveperson::Role::Consumer));
    /// assert!(!change.is_private());
    /// # Ok::<(), chatwire::ParseError>(())
    /// ```
    #[derive(Default)]
    pub struct MessagingChange {
        /// The event's sequence number within its dialog (absent on chat-state events).
        opt sequence: i64 = "sequence",
        /// Id of the participant who created the event.
        opt originator_id: ParticipantId = "originatorId",
        /// Raw (agent feed) participant id.
        opt originator_pid: String = "originatorPId",
        /// Id, role and client properties of the originator.
        opt originator_metadata: OriginatorMetadata = "originatorMetadata",
        /// Client properties of the originator (agent feeds).
        opt originator_client_properties: Box<ClientProperties> = "originatorClientProperties",
        /// When the server accepted the event.
        opt server_timestamp: EpochMillis = "serverTimestamp",
        /// The event itself.
        opt event: Event = "event",
        /// The conversation.
        opt conversation_id: ConversationId = "conversationId",
        /// The dialog (the conversation id for the MAIN dialog).
        opt dialog_id: DialogId = "dialogId",
        /// Metadata entries (`null` on the wire is kept as `null`).
        opt metadata: Vec<Metadata> = "metadata",
        /// Who may see the event.
        opt message_audience: MessageAudience = "messageAudience",
        /// Base64-encoded metadata.
        opt encoded_metadata: String = "encodedMetadata",
    }
}

impl MessagingChange {
    /// A change carrying `event` in `dialog_id`; every other field empty.
    pub fn new(dialog_id: impl Into<DialogId>, event: Event) -> Self {
        MessagingChange {
            event: Some(event),
            dialog_id: Some(dialog_id.into()),
            ..Default::default()
        }
    }

    /// The text of a `text/plain` ContentEvent.
    pub fn text(&self) -> Option<&str> {
        match &self.event {
            Some(Event::Content(c)) => c.text(),
            _ => None,
        }
    }

    /// The text of a `text/plain` ContentEvent, to change it in place.
    ///
    /// ```
    /// # let json = include_str!("../../tests/webhooks_examples/liveperson/002_dc_webhooks_consumer_text.json");
    /// let mut n = chatwire::parse_notification(json)?;
    /// for change in n.messaging_changes_mut() {
    ///     if let Some(text) = change.text_mut() {
    ///         text.replace_range(.., "[redacted]");
    ///     }
    /// }
    /// assert_eq!(n.messaging_changes().next().unwrap().text(), Some("[redacted]"));
    /// # Ok::<(), chatwire::ParseError>(())
    /// ```
    pub fn text_mut(&mut self) -> Option<&mut String> {
        match &mut self.event {
            Some(Event::Content(c)) => c.text_mut(),
            _ => None,
        }
    }

    /// When the server accepted the event (`serverTimestamp`), in UTC.
    pub fn time(&self) -> Option<DateTime<Utc>> {
        self.server_timestamp?.to_datetime()
    }

    /// The originator's role, from `originatorMetadata.role`.
    pub fn originator_role(&self) -> Option<&Role> {
        self.originator_metadata.as_ref()?.role.as_ref()
    }

    /// `true` when only agents and managers may see the event (`AGENTS_AND_MANAGERS`): a
    /// connector must not forward it to the consumer.
    pub fn is_private(&self) -> bool {
        self.message_audience == Some(MessageAudience::AgentsAndManagers)
    }

    /// The webhook subscription that delivers this change, from its event type.
    pub fn subscription(&self) -> Option<WebhookSubscription> {
        match self.event.as_ref()? {
            Event::Content(_) => Some(WebhookSubscription::ContentEvent),
            Event::RichContent(_) => Some(WebhookSubscription::RichContentEvent),
            Event::AcceptStatus(_) => Some(WebhookSubscription::AcceptStatusEvent),
            Event::ChatState(_) => Some(WebhookSubscription::ChatStateEvent),
            Event::Unknown(_) => None,
        }
    }

    /// The conversation id, or else the dialog id (they are equal for the MAIN dialog).
    pub fn conversation_or_dialog_id(&self) -> Option<&str> {
        self.conversation_id
            .as_ref()
            .map(|c| c.as_str())
            .or_else(|| self.dialog_id.as_ref().map(|d| d.as_str()))
    }
}
