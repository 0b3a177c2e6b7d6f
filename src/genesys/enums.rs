//! The open string enums of the Genesys chat model (spec §8). Every one keeps unknown values.

string_enum! {
    /// `data.notificationType`.
    pub enum NotificationType {
        /// The chat's state changed.
        StatusChange = "StatusChange",
        /// The chat's participants changed (other fields may change too).
        ParticipantsUpdated = "ParticipantsUpdated",
        /// The chat's data (`userData`) changed.
        PropertiesUpdated = "PropertiesUpdated",
        /// An operation on the chat failed.
        Error = "Error",
        /// New transcript messages (`MessageLogUpdated`).
        NewMessages = "NewMessages",
    }
}

string_enum! {
    /// `chat.state` of the agent chat resource.
    pub enum ChatState {
        /// Routed to the agent, not yet accepted.
        Invited = "Invited",
        /// The agent is in the chat.
        Chatting = "Chatting",
        /// Finished (rejected, completed, or left while in a conference).
        Completed = "Completed",
        /// The agent left; user data and disposition can still be set.
        LeftChat = "LeftChat",
        /// The chat was taken away.
        Revoked = "Revoked",
    }
}

string_enum! {
    /// An entry of `chat.capabilities`: an operation valid in the chat's current state.
    pub enum Capability {
        /// `Accept`.
        Accept = "Accept",
        /// `Reject`.
        Reject = "Reject",
        /// `Transfer`.
        Transfer = "Transfer",
        /// `Complete`.
        Complete = "Complete",
        /// `Leave`.
        Leave = "Leave",
        /// `InFocus`.
        InFocus = "InFocus",
        /// `SetInFocus`.
        SetInFocus = "SetInFocus",
        /// `Invite`.
        Invite = "Invite",
        /// `Consult`.
        Consult = "Consult",
        /// `SetDisposition`.
        SetDisposition = "SetDisposition",
        /// `AttachUserData`.
        AttachUserData = "AttachUserData",
        /// `DeleteUserData`.
        DeleteUserData = "DeleteUserData",
        /// `UpdateUserData`.
        UpdateUserData = "UpdateUserData",
        /// `SendMessage`.
        SendMessage = "SendMessage",
        /// `SendStartTypingNotification`.
        SendStartTypingNotification = "SendStartTypingNotification",
        /// `SendStopTypingNotification`.
        SendStopTypingNotification = "SendStopTypingNotification",
        /// `SendToAgents`.
        SendToAgents = "SendToAgents",
        /// `SendStartTypingToAgentsNotification`.
        SendStartTypingToAgentsNotification = "SendStartTypingToAgentsNotification",
        /// `SendStopTypingToAgentsNotification`.
        SendStopTypingToAgentsNotification = "SendStopTypingToAgentsNotification",
        /// `SendUrl`.
        SendUrl = "SendUrl",
        /// `SendCustomNotice`.
        SendCustomNotice = "SendCustomNotice",
        /// `SendCustomNoticeToAgents`.
        SendCustomNoticeToAgents = "SendCustomNoticeToAgents",
        /// `RemoveParticipantFromConference`.
        RemoveParticipantFromConference = "RemoveParticipantFromConference",
    }
}

string_enum! {
    /// A transcript message's `type`.
    pub enum MessageItemType {
        /// A text message (`text`).
        Text = "Text",
        /// A participant started typing.
        TypingStarted = "TypingStarted",
        /// A participant stopped typing. (The documentation's table misspells it
        /// `TypingStopping`; payloads say `TypingStopped`. The misspelling, if ever sent, is
        /// kept as written like any unknown value.)
        TypingStopped = "TypingStopped",
        /// A participant joined.
        ParticipantJoined = "ParticipantJoined",
        /// A participant rejoined.
        ParticipantRejoined = "ParticipantRejoined",
        /// A participant left.
        ParticipantLeft = "ParticipantLeft",
        /// A URL pushed to the customer (`url`).
        PushUrl = "PushUrl",
        /// A system notice (`text`).
        Notice = "Notice",
        /// A custom notice (`noticeText`).
        CustomNotice = "CustomNotice",
        /// The transcript was saved.
        TranscriptSaveDone = "TranscriptSaveDone",
        /// A system command about the chat, named by `noticeText` (see
        /// [`SystemCommandNotice`]): a file was uploaded to the chat (`file-uploaded`, with the
        /// file in `attachment`) or deleted from it (`file-deleted`, with `attachment.fileId`).
        /// Sent after the `UploadFile` and `DeleteFile` operations (GWS API documentation,
        /// "ChatUploadFile" and "ChatDeleteFile").
        SystemCommand = "SystemCommand",
        /// The sender's nickname changed: `from.nickname` (and, in the documented example,
        /// `noticeText`) is the new one. Sent after the `SendNicknameUpdatedNotice` operation
        /// (GWS API documentation, "ChatSendNicknameUpdatedNotice").
        NicknameUpdated = "NicknameUpdated",
    }
}

string_enum! {
    /// What a `SystemCommand` transcript message says: its `noticeText`, read with
    /// [`MessageItem::system_notice`](super::MessageItem::system_notice). Not a field of its
    /// own: `noticeText` stays the string sent, whatever the message's type.
    pub enum SystemCommandNotice {
        /// A file was uploaded to the chat (`UploadFile`); `attachment` describes it.
        FileUploaded = "file-uploaded",
        /// A file was deleted from the chat (`DeleteFile`); `attachment.fileId` names it.
        FileDeleted = "file-deleted",
    }
}

string_enum! {
    /// Who may see a message, or a participant's visibility.
    pub enum Visibility {
        /// Everyone, the customer included.
        All = "All",
        /// Agents only.
        Agents = "Agents",
        /// Supervisors only.
        Supervisors = "Supervisors",
    }
}

string_enum! {
    /// A participant's `type`.
    pub enum ParticipantType {
        /// The customer.
        Customer = "Customer",
        /// An agent.
        Agent = "Agent",
        /// A system or bot participant.
        External = "External",
    }
}

string_enum! {
    /// `chat.chatType`.
    pub enum ChatType {
        /// An inbound chat.
        Inbound = "Inbound",
        /// An internal chat.
        Internal = "Internal",
    }
}
