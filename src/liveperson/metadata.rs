//! Metadata entries (`change.metadata[]`), dispatched on `type` (spec §5).

use crate::json::RawJson;

tagged_enum! {
    /// A metadata entry, by its `type`.
    pub enum Metadata {
        tag: "type",
        tag_fn: metadata_type,
        tag_const: TYPE,
        expecting: "a metadata object",
        what: "metadata kind",
        /// An id in the brand's systems.
        ExternalId(ExternalId) = "ExternalId",
        /// Why a conversation was escalated.
        ActionReason(ActionReason) = "ActionReason",
        /// The bot's intents and business cases.
        BotResponse(BotResponse) = "BotResponse",
        /// Why and when a bot escalated.
        EscalationSummary(EscalationSummary) = "EscalationSummary",
        /// A Watson Assistant dialog trace.
        IbmWatsonInfo(IbmWatsonInfo) = "IBMWatsonInfo",
        /// A connector's payment response.
        ConnectorPaymentResponse(ConnectorPaymentResponse) = "ConnectorPaymentResponse",
        /// A connector's authentication response.
        ConnectorAuthenticationResponse(ConnectorAuthenticationResponse) = "ConnectorAuthenticationResponse",
        /// A survey question.
        Question(Question) = "Question",
        /// The answer to a survey question.
        Answer(Answer) = "Answer",
        /// A survey.
        Survey(Survey) = "Survey",
    }

    /// A metadata entry of a kind this version of the crate does not know (channel-specific
    /// metadata, …), kept as written.
    pub struct UnknownMetadata;
}

wire_struct! {
    /// `ExternalId` metadata: an id in the brand's systems.
    pub struct ExternalId {
        /// The id (at most 64 characters).
        opt id: String = "id",
    }
}

wire_struct! {
    /// `ActionReason` metadata (`escalated_by_user`, `escalated_by_bot`, …).
    pub struct ActionReason {
        /// The reason.
        opt reason: String = "reason",
        /// The reason's id.
        opt reason_id: String = "reasonId",
    }
}

wire_struct! {
    /// `BotResponse` metadata.
    pub struct BotResponse {
        /// The bot platform's conversation id.
        opt external_conversation_id: String = "externalConversationId",
        /// Business cases (kept as written).
        opt business_cases: RawJson = "businessCases",
        /// Intents with `id`, `name`, `confidence` / `confidenceScore` (kept as written: the
        /// sources disagree on the types).
        opt intents: RawJson = "intents",
    }
}

wire_struct! {
    /// `EscalationSummary` metadata.
    pub struct EscalationSummary {
        /// Why the bot escalated.
        opt escalation_cause: String = "escalationCause",
        /// Business cases with `id` and `time` (kept as written).
        opt business_cases: RawJson = "businessCases",
        /// Conversation duration (kept as written).
        opt conversation_duration: RawJson = "conversationDuration",
        /// The business case during which the conversation was escalated (kept as written).
        opt escalated_during_business_case: RawJson = "escalatedDuringBusinessCase",
    }
}

wire_struct! {
    /// `IBMWatsonInfo` metadata (kept as written: a Watson Assistant dialog trace).
    pub struct IbmWatsonInfo {
        /// `branch_exited`.
        opt branch_exited: RawJson = "branch_exited",
        /// `branch_exited_reason`.
        opt branch_exited_reason: RawJson = "branch_exited_reason",
        /// `capability`.
        opt capability: RawJson = "capability",
        /// `nodes_visited`.
        opt nodes_visited: RawJson = "nodes_visited",
        /// `referred_capability`.
        opt referred_capability: RawJson = "referred_capability",
        /// `referred_nodes`.
        opt referred_nodes: RawJson = "referred_nodes",
        /// `referred_visitor_message_sequences`.
        opt referred_visitor_message_sequences: RawJson = "referred_visitor_message_sequences",
        /// `entities`.
        opt entities: RawJson = "entities",
    }
}

wire_struct! {
    /// `ConnectorPaymentResponse` metadata.
    pub struct ConnectorPaymentResponse {
        /// Payment status (a boolean in the guide; kept as written).
        opt status: RawJson = "status",
        /// The request this answers.
        opt request_identifier: String = "requestIdentifier",
    }
}

wire_struct! {
    /// `ConnectorAuthenticationResponse` metadata.
    pub struct ConnectorAuthenticationResponse {
        /// Authentication status (a boolean in the guide; kept as written).
        opt status: RawJson = "status",
        /// Token.
        opt token: String = "token",
        /// Errors (kept as written).
        opt errors: RawJson = "errors",
    }
}

wire_struct! {
    /// `Question` metadata: a survey question with its reply ids.
    pub struct Question {
        /// Question id.
        opt id: String = "id",
        /// Group id.
        opt group_id: String = "groupId",
        /// Survey id.
        opt survey_id: String = "surveyId",
        /// Provider (`AC`, `External`).
        opt provider: String = "provider",
        /// Ids of the possible answers.
        opt replies: Vec<String> = "replies",
    }
}

wire_struct! {
    /// `Answer` metadata.
    pub struct Answer {
        /// Answer id.
        opt id: String = "id",
        /// The question answered.
        opt question_id: String = "questionId",
        /// Provider (`AC`, `External`).
        opt provider: String = "provider",
        /// Group id.
        opt group_id: String = "groupId",
        /// Survey id.
        opt survey_id: String = "surveyId",
    }
}

wire_struct! {
    /// `Survey` metadata.
    pub struct Survey {
        /// Survey id.
        opt id: String = "id",
        /// Revision (kept as written).
        opt revision: RawJson = "revision",
        /// Provider.
        opt provider: String = "provider",
    }
}
