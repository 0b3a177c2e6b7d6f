//! The open string enums of the LivePerson model (spec §7). Every one keeps unknown values.

string_enum! {
    /// A participant's role in a conversation or dialog (`role`).
    pub enum Role {
        /// The consumer.
        Consumer = "CONSUMER",
        /// The agent the conversation is assigned to.
        AssignedAgent = "ASSIGNED_AGENT",
        /// An agent, such as the post-conversation survey bot.
        Agent = "AGENT",
        /// A manager.
        Manager = "MANAGER",
        /// An assigned manager (documented, not yet seen in payloads).
        AssignedManager = "ASSIGNED_MANAGER",
        /// An agent manager (documented, not yet seen in payloads).
        AgentManager = "AGENT_MANAGER",
        /// A read-only participant, such as the original agent during a survey.
        Reader = "READER",
        /// The system controller (automatic messages, closing).
        Controller = "CONTROLLER",
    }
}

impl Role {
    /// `true` for roles played by the brand's side (agents, managers, bots, controller).
    pub fn is_brand_side(&self) -> bool {
        self.is_known() && *self != Role::Consumer
    }
}

string_enum! {
    /// Who may see a message (`messageAudience`).
    pub enum MessageAudience {
        /// Everyone, the consumer included.
        All = "ALL",
        /// Agents and managers only: a private note a connector must not forward to the consumer.
        AgentsAndManagers = "AGENTS_AND_MANAGERS",
    }
}

string_enum! {
    /// The envelope's `kind`.
    pub enum Kind {
        /// A notification pushed by LivePerson.
        Notification = "notification",
    }
}

string_enum! {
    /// The envelope's `type`.
    pub enum NotificationType {
        /// Messaging events: content, rich content, accept status, chat state.
        MessagingEvent = "ms.MessagingEventNotification",
        /// Conversation snapshots.
        ExConversationChange = "cqm.ExConversationChangeNotification",
    }
}

string_enum! {
    /// An `AcceptStatusEvent`'s `status`.
    pub enum AcceptStatus {
        /// The message reached the recipient's side.
        Accept = "ACCEPT",
        /// The recipient read the message.
        Read = "READ",
        /// The recipient accessed the message.
        Access = "ACCESS",
        /// The message was not accepted.
        Nack = "NACK",
        /// The recipient acted on structured content (with change `metadata`).
        Action = "ACTION",
        /// A secure-form submission was viewed.
        Viewed = "VIEWED",
    }
}

string_enum! {
    /// A `ChatStateEvent`'s `chatState`.
    pub enum ChatState {
        /// Present, not typing.
        Active = "ACTIVE",
        /// Inactive.
        Inactive = "INACTIVE",
        /// Left the window.
        Gone = "GONE",
        /// Typing.
        Composing = "COMPOSING",
        /// Paused typing.
        Pause = "PAUSE",
        /// The consumer's app went to the background.
        Background = "BACKGROUND",
    }
}

string_enum! {
    /// A ContentEvent's `contentType`.
    pub enum ContentType {
        /// A text message.
        TextPlain = "text/plain",
        /// A file hosted by LivePerson.
        HostedFile = "hosted/file",
        /// A file hosted elsewhere.
        ExternalFile = "external/file",
        /// A secure-form invitation.
        SecureInvitation = "forms/secure-invitation",
        /// A secure-form submission.
        SecureSubmission = "forms/secure-submission",
    }
}

string_enum! {
    /// A hosted file's `fileType`.
    pub enum FileType {
        /// Image.
        Img = "IMG",
        /// JPEG image.
        Jpg = "JPG",
        /// JPEG image (connector documentation spelling).
        Jpeg = "JPEG",
        /// PNG image.
        Png = "PNG",
        /// GIF image.
        Gif = "GIF",
        /// Text file.
        Txt = "TXT",
        /// PDF document.
        Pdf = "PDF",
    }
}

string_enum! {
    /// A conversation change's `type`.
    pub enum ChangeType {
        /// The conversation was added or changed.
        Upsert = "UPSERT",
        /// The conversation was removed from the subscription.
        Delete = "DELETE",
    }
}

string_enum! {
    /// A conversation's `state` (the MAIN dialog) or `stage` (the whole conversation), or a
    /// dialog's `state`.
    pub enum ConversationState {
        /// Open.
        Open = "OPEN",
        /// Closed.
        Close = "CLOSE",
        /// Locked (third-party sources only).
        Locked = "LOCKED",
    }
}

string_enum! {
    /// Who closed a conversation (`closeReason`) or dialog (`closedBy`).
    pub enum CloseReason {
        /// The consumer.
        Consumer = "CONSUMER",
        /// The agent.
        Agent = "AGENT",
        /// The system.
        System = "SYSTEM",
    }
}

string_enum! {
    /// A dialog's `dialogType`.
    pub enum DialogType {
        /// The main messaging dialog.
        Main = "MAIN",
        /// A post-conversation survey.
        PostSurvey = "POST_SURVEY",
        /// Another dialog, such as co-browse or a call.
        Other = "OTHER",
    }
}

string_enum! {
    /// A dialog's `channelType`.
    pub enum ChannelType {
        /// Messaging.
        Messaging = "MESSAGING",
        /// Co-browse, voice or video call.
        Cobrowse = "COBROWSE",
    }
}

string_enum! {
    /// A dialog participant's `state`.
    pub enum ParticipantState {
        /// Taking part.
        Active = "ACTIVE",
        /// Suggested (a transfer to this agent is pending).
        Suggested = "SUGGESTED",
    }
}

string_enum! {
    /// `ttr.ttrType`.
    pub enum TtrType {
        /// Custom.
        Custom = "CUSTOM",
        /// Normal.
        Normal = "NORMAL",
        /// Prioritized.
        Prioritized = "PRIORITIZED",
        /// Urgent.
        Urgent = "URGENT",
    }
}

string_enum! {
    /// `delay.type`.
    pub enum DelayType {
        /// Outside working hours at night.
        Night = "NIGHT",
        /// Weekend.
        Weekend = "WEEKEND",
        /// Holiday.
        Holiday = "HOLIDAY",
    }
}

string_enum! {
    /// `csat.status`.
    pub enum CsatStatus {
        /// Filled.
        Filled = "FILLED",
        /// Partially filled.
        PartiallyFilled = "PARTIALLY_FILLED",
        /// Skipped.
        Skipped = "SKIPPED",
    }
}

string_enum! {
    /// `context.type`.
    pub enum ContextType {
        /// Web messaging.
        SharkContext = "SharkContext",
        /// Mobile app messaging.
        MobileAppContext = "MobileAppContext",
    }
}

string_enum! {
    /// `clientProperties.deviceFamily`.
    pub enum DeviceFamily {
        /// Desktop.
        Desktop = "DESKTOP",
        /// Tablet.
        Tablet = "TABLET",
        /// Mobile.
        Mobile = "MOBILE",
        /// Other.
        Other = "OTHER",
    }
}

string_enum! {
    /// `clientProperties.os`.
    pub enum Os {
        /// Windows.
        Windows = "WINDOWS",
        /// Linux.
        Linux = "LINUX",
        /// macOS.
        Osx = "OSX",
        /// Android.
        Android = "ANDROID",
        /// iOS.
        Ios = "IOS",
        /// Other.
        Other = "OTHER",
    }
}

string_enum! {
    /// `clientProperties.integration`.
    pub enum Integration {
        /// Web SDK.
        WebSdk = "WEB_SDK",
        /// Mobile SDK.
        MobileSdk = "MOBILE_SDK",
        /// Brand SDK.
        BrandSdk = "BRAND_SDK",
    }
}

string_enum! {
    /// An entry of `clientProperties.features`.
    pub enum Feature {
        /// Co-browse.
        CoBrowse = "CO_BROWSE",
        /// Co-app.
        CoApp = "CO_APP",
        /// Photo sharing.
        PhotoSharing = "PHOTO_SHARING",
        /// Secure forms.
        SecureForms = "SECURE_FORMS",
        /// Automatic messages.
        AutoMessages = "AUTO_MESSAGES",
        /// Rich content.
        RichContent = "RICH_CONTENT",
        /// Quick replies.
        QuickReplies = "QUICK_REPLIES",
        /// Several dialogs per conversation.
        MultiDialog = "MULTI_DIALOG",
        /// File sharing.
        FileSharing = "FILE_SHARING",
        /// Markdown hyperlinks.
        MarkdownHyperlinks = "MARKDOWN_HYPERLINKS",
    }
}
