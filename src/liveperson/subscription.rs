//! The five webhook subscription keys of a Connector API app installation (spec §2).

string_enum! {
    /// A webhook subscription key (`capabilities.webhooks` of an app installation). It selects
    /// which events are sent; the delivered envelope's `type` never carries the event suffix.
    ///
    /// Parsing accepts the misspelling `AccpetStatusEvent` found in LivePerson's events page.
    ///
    /// ```
    /// use chatwire::liveperson::WebhookSubscription;
    /// let key: WebhookSubscription = "ms.MessagingEventNotification.AccpetStatusEvent".parse().unwrap();
    /// assert_eq!(key, WebhookSubscription::AcceptStatusEvent);
    /// assert_eq!(key.as_str(), "ms.MessagingEventNotification.AcceptStatusEvent");
    /// ```
    pub enum WebhookSubscription {
        /// Text, files and secure forms.
        ContentEvent = "ms.MessagingEventNotification.ContentEvent",
        /// Structured content.
        RichContentEvent = "ms.MessagingEventNotification.RichContentEvent",
        /// Accept and read receipts.
        AcceptStatusEvent = "ms.MessagingEventNotification.AcceptStatusEvent"
            | "ms.MessagingEventNotification.AccpetStatusEvent",
        /// Typing and presence.
        ChatStateEvent = "ms.MessagingEventNotification.ChatStateEvent",
        /// Conversation snapshots.
        ExConversationChange = "cqm.ExConversationChangeNotification",
    }
}

impl WebhookSubscription {
    /// The prefix of the subscription keys of messaging events: the key of events of `type`
    /// `T` is `ms.MessagingEventNotification.T`.
    pub const MESSAGING_EVENT_PREFIX: &'static str = "ms.MessagingEventNotification.";

    /// The subscription that delivers messaging events of `type` `event_type`. A type without
    /// a variant here gives its key as an unknown value, written correctly.
    ///
    /// ```
    /// use chatwire::liveperson::{ChatStateEvent, WebhookSubscription};
    /// assert_eq!(
    ///     WebhookSubscription::for_event_type(ChatStateEvent::TYPE),
    ///     WebhookSubscription::ChatStateEvent
    /// );
    /// let future = WebhookSubscription::for_event_type("ReactionEvent");
    /// assert_eq!(future.as_str(), "ms.MessagingEventNotification.ReactionEvent");
    /// ```
    pub fn for_event_type(event_type: &str) -> Self {
        let known = Self::KNOWN
            .iter()
            .find(|key| key.strip_prefix(Self::MESSAGING_EVENT_PREFIX) == Some(event_type));
        match known {
            Some(key) => Self::from(*key),
            None => Self::from(format!("{}{event_type}", Self::MESSAGING_EVENT_PREFIX)),
        }
    }
}
