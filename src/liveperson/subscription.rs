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
