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
    pub struct OriginatorMetadata {
        /// The originator's participant id.
        opt id: ParticipantId = "id",
        /// The originator's role.
        opt role: Role = "role",
        /// The originator's device and app.
        opt client_properties: Box<ClientProperties> = "clientProperties",
    }
}

impl OriginatorMetadata {
    /// The originator `id` with its `role`.
    pub fn new(id: impl Into<ParticipantId>, role: Role) -> Self {
        OriginatorMetadata {
            id: Some(id.into()),
            role: Some(role),
            ..Default::default()
        }
    }

    /// The same metadata with the originator's device and app.
    pub fn with_client_properties(mut self, client_properties: ClientProperties) -> Self {
        self.client_properties = Some(Box::new(client_properties));
        self
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
    /// A change carrying `event` (an [`Event`] or any event struct) in `dialog_id`; every other
    /// field empty. The `with_*` methods set the common ones.
    ///
    /// ```
    /// use chatwire::liveperson::{ContentEvent, MessageAudience, MessagingChange, Role};
    /// let time = chrono::DateTime::from_timestamp_millis(1528371161893).unwrap();
    /// let change = MessagingChange::new("d1", ContentEvent::text_plain("hello"))
    ///     .with_sequence(0)
    ///     .with_originator("c1", Role::Consumer)
    ///     .with_time(time)
    ///     .with_audience(MessageAudience::All);
    /// assert_eq!(change.text(), Some("hello"));
    /// assert_eq!(change.originator_role(), Some(&Role::Consumer));
    /// assert_eq!(change.server_timestamp.unwrap().as_i64(), 1528371161893);
    /// ```
    pub fn new(dialog_id: impl Into<DialogId>, event: impl Into<Event>) -> Self {
        MessagingChange {
            event: Some(event.into()),
            dialog_id: Some(dialog_id.into()),
            ..Default::default()
        }
    }

    /// The same change with `sequence`.
    pub fn with_sequence(mut self, sequence: i64) -> Self {
        self.sequence = Some(sequence);
        self
    }

    /// The same change from participant `id` with `role`: sets `originatorId` and
    /// `originatorMetadata` (`id` and `role`), as LivePerson sends them.
    pub fn with_originator(mut self, id: impl Into<ParticipantId>, role: Role) -> Self {
        let id = id.into();
        self.originator_id = Some(id.clone());
        self.originator_metadata = Some(OriginatorMetadata::new(id, role));
        self
    }

    /// The same change accepted by the server at `time` (`serverTimestamp`, in milliseconds).
    pub fn with_time(mut self, time: DateTime<Utc>) -> Self {
        self.server_timestamp = Some(EpochMillis::from(time));
        self
    }

    /// The same change with `messageAudience`.
    pub fn with_audience(mut self, audience: MessageAudience) -> Self {
        self.message_audience = Some(audience);
        self
    }

    /// The same change in conversation `id` (`conversationId`).
    pub fn with_conversation_id(mut self, id: impl Into<ConversationId>) -> Self {
        self.conversation_id = Some(id.into());
        self
    }

    /// The same change with one more `metadata` entry (a [`Metadata`] or any metadata struct).
    pub fn with_metadata(mut self, entry: impl Into<Metadata>) -> Self {
        self.metadata
            .get_or_insert_with(Vec::new)
            .push(entry.into());
        self
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

    /// The webhook subscription that delivers this change, from its event type; `None` when
    /// the event's type is not one this version models (or there is no event).
    pub fn subscription(&self) -> Option<WebhookSubscription> {
        let event = self.event.as_ref().filter(|e| e.is_known())?;
        event.event_type().map(WebhookSubscription::for_event_type)
    }

    /// The conversation id, or else the dialog id (they are equal for the MAIN dialog).
    pub fn conversation_or_dialog_id(&self) -> Option<&str> {
        self.conversation_id
            .as_ref()
            .map(|c| c.as_str())
            .or_else(|| self.dialog_id.as_ref().map(|d| d.as_str()))
    }

    /// This change as a vendor-neutral event.
    pub fn to_event(&self) -> crate::events::ChatEvent<'_> {
        crate::events::liveperson::messaging_event(self)
    }
}
