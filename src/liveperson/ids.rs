//! Identifier newtypes. LivePerson ids are opaque strings: consumer ids are 64 hex digits, agent
//! ids UUIDs or legacy `account.user` pairs, dialog ids sometimes base64url. Never parse them.

id_type! {
    /// A conversation id (`conversationId`, `convId`).
    ConversationId
}

id_type! {
    /// A dialog id (`dialogId`). Equal to the conversation id for the MAIN dialog; a
    /// POST_SURVEY dialog has its own.
    DialogId
}

id_type! {
    /// A participant id (`originatorId`, `participants[].id`).
    ParticipantId
}
