//! Metadata entries (`change.metadata[]`), dispatched on `type` (spec §5).

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::json::object::{Tagged, serialize_tagged, serialize_unknown};
use crate::json::{Extra, RawJson};

macro_rules! metadata_enum {
    ($( $(#[$doc:meta])* $variant:ident = $wire:literal, )*) => {
        /// A metadata entry, by its `type`.
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum Metadata {
            $( $(#[$doc])* $variant($variant), )*
            /// Any other kind (channel-specific metadata, …), kept as written.
            Unknown(UnknownMetadata),
        }

        $(
            impl From<$variant> for Metadata {
                fn from(m: $variant) -> Self {
                    Metadata::$variant(m)
                }
            }
        )*

        impl From<UnknownMetadata> for Metadata {
            fn from(m: UnknownMetadata) -> Self {
                Metadata::Unknown(m)
            }
        }

        impl Metadata {
            /// The documented metadata kinds.
            pub const KNOWN: &'static [&'static str] = &[$($wire),*];

            /// The entry's `type` as written.
            pub fn metadata_type(&self) -> Option<&str> {
                match self {
                    $( Metadata::$variant(_) => Some($wire), )*
                    Metadata::Unknown(u) => u.metadata_type.as_deref(),
                }
            }
        }

        impl Serialize for Metadata {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self {
                    $( Metadata::$variant(m) => serialize_tagged(s, "type", $wire, m), )*
                    Metadata::Unknown(u) => serialize_unknown(s, "type", u.metadata_type.as_deref(), &u.fields),
                }
            }
        }

        impl<'de> crate::json::field::Field<'de> for Metadata {
            fn read<D: Deserializer<'de>>(slot: &mut Option<Self>, d: D) -> Result<(), D::Error> {
                struct MetadataVisitor;
                impl<'de> Visitor<'de> for MetadataVisitor {
                    type Value = Metadata;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("a metadata object")
                    }
                    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Metadata, A::Error> {
                        let tagged = Tagged::read(&mut map, "type")?;
                        Ok(match tagged.tag() {
                            $( Some($wire) => Metadata::$variant(tagged.finish(&mut map)?), )*
                            _ => Metadata::Unknown(UnknownMetadata {
                                metadata_type: tagged.tag_owned(),
                                fields: tagged.finish_unknown(&mut map)?,
                            }),
                        })
                    }
                }
                crate::json::field::put(slot, d.deserialize_map(MetadataVisitor)?);
                Ok(())
            }
        }

        /// Any deserializer: see [`crate::json`]'s notes on deserializing.
        impl<'de> Deserialize<'de> for Metadata {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                crate::json::text::deserialize(d)
            }
        }
    };
}

metadata_enum! {
    /// `ExternalId`.
    ExternalId = "ExternalId",
    /// `ActionReason`: why a conversation was escalated.
    ActionReason = "ActionReason",
    /// `BotResponse`: the bot's intents and business cases.
    BotResponse = "BotResponse",
    /// `EscalationSummary`.
    EscalationSummary = "EscalationSummary",
    /// `IBMWatsonInfo`.
    IbmWatsonInfo = "IBMWatsonInfo",
    /// `ConnectorPaymentResponse`.
    ConnectorPaymentResponse = "ConnectorPaymentResponse",
    /// `ConnectorAuthenticationResponse`.
    ConnectorAuthenticationResponse = "ConnectorAuthenticationResponse",
    /// `Question`: a survey question.
    Question = "Question",
    /// `Answer`: the answer to a survey question.
    Answer = "Answer",
    /// `Survey`.
    Survey = "Survey",
}

/// A metadata entry of a kind this version of the crate does not know, kept as written.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownMetadata {
    metadata_type: Option<String>,
    fields: Extra,
}

impl UnknownMetadata {
    /// An entry of kind `metadata_type` with the other `fields` (a `type` entry among them is
    /// dropped). Give it a kind this crate does not model: a modelled one parses back as that
    /// variant.
    pub fn new(metadata_type: impl Into<String>, mut fields: Extra) -> Self {
        fields.remove("type");
        UnknownMetadata {
            metadata_type: Some(metadata_type.into()),
            fields,
        }
    }

    /// An entry without `type`, with the other `fields`.
    pub fn untyped(mut fields: Extra) -> Self {
        fields.remove("type");
        UnknownMetadata {
            metadata_type: None,
            fields,
        }
    }

    /// The `type` as written.
    pub fn metadata_type(&self) -> Option<&str> {
        self.metadata_type.as_deref()
    }

    /// The other fields, as written.
    pub fn fields(&self) -> &Extra {
        &self.fields
    }
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
