//! Conversation snapshots (`cqm.ExConversationChangeNotification`, spec §3.2–3.3).

use std::collections::HashMap;
use std::collections::hash_map::{Entry, RandomState};
use std::fmt;
use std::hash::BuildHasher;

use chrono::{DateTime, Utc};

use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::change::MessagingChange;
use super::client_properties::ClientProperties;
use super::enums::{
    ChangeType, ChannelType, CloseReason, ContextType, ConversationState, CsatStatus, DelayType,
    DialogType, ParticipantState, Role, TtrType,
};
use super::ids::{ConversationId, DialogId, ParticipantId};
use crate::json::object::Key;
use crate::json::{EpochMillis, RawJson};

wire_struct! {
    /// One conversation change: the complete current state of a conversation.
    pub struct ConversationChange {
        /// `UPSERT` or `DELETE`.
        opt change_type: ChangeType = "type",
        /// The conversation.
        opt result: ConversationResult = "result",
    }
}

impl ConversationChange {
    /// An `UPSERT` of `result`.
    pub fn upsert(result: ConversationResult) -> Self {
        ConversationChange {
            change_type: Some(ChangeType::Upsert),
            result: Some(result),
            ..Default::default()
        }
    }

    /// The conversation id (`result.convId`).
    pub fn conversation_id(&self) -> Option<&str> {
        self.result
            .as_ref()?
            .conv_id
            .as_ref()
            .map(ConversationId::as_str)
    }

    /// When this snapshot was last updated (`conversationDetails.metaDataLastUpdateTs`), in
    /// UTC: order snapshots of a conversation by it.
    pub fn time(&self) -> Option<DateTime<Utc>> {
        self.details()?.meta_data_last_update_ts?.to_datetime()
    }

    /// The conversation details.
    pub fn details(&self) -> Option<&ConversationDetails> {
        self.result.as_ref()?.conversation_details.as_deref()
    }
}

wire_struct! {
    /// `result` of a conversation change.
    pub struct ConversationResult {
        /// Conversation id.
        opt conv_id: ConversationId = "convId",
        /// When an agent should answer (epoch ms), or `-1`.
        opt effective_ttr: EpochMillis = "effectiveTTR",
        /// The conversation's state.
        opt conversation_details: Box<ConversationDetails> = "conversationDetails",
        /// The last content event (agent feeds; not always present).
        opt last_content_event_notification: Box<MessagingChange> = "lastContentEventNotification",
        /// Last update (raw feeds).
        opt last_update_time: EpochMillis = "lastUpdateTime",
        /// Unread message counts per participant (raw feeds; kept as written).
        opt number_of_unread_messages: RawJson = "numberOfunreadMessages",
    }
}

impl ConversationResult {
    /// A result for `conv_id` with `details`.
    pub fn new(conv_id: impl Into<ConversationId>, details: ConversationDetails) -> Self {
        ConversationResult {
            conv_id: Some(conv_id.into()),
            conversation_details: Some(Box::new(details)),
            ..Default::default()
        }
    }
}

wire_struct! {
    /// `conversationDetails`: participants, dialogs, state and routing of a conversation.
    pub struct ConversationDetails {
        /// Skill id (numeric text; `"-1"` means none).
        opt skill_id: String = "skillId",
        /// Participants, in either wire form.
        opt participants: Participants = "participants",
        /// Participants by role, raw feed form (kept as written).
        opt participants_pid: RawJson = "participantsPId",
        /// Dialogs: MAIN, POST_SURVEY, co-browse, …
        opt dialogs: Vec<Dialog> = "dialogs",
        /// Brand (account) id.
        opt brand_id: String = "brandId",
        /// State of the MAIN dialog.
        opt state: ConversationState = "state",
        /// State of the whole conversation (stays `OPEN` during a post-conversation survey).
        opt stage: ConversationState = "stage",
        /// Who closed the conversation.
        opt close_reason: CloseReason = "closeReason",
        /// Start.
        opt start_ts: EpochMillis = "startTs",
        /// End (closed conversations).
        opt end_ts: EpochMillis = "endTs",
        /// Last change of this snapshot: order snapshots by it.
        opt meta_data_last_update_ts: EpochMillis = "metaDataLastUpdateTs",
        /// Time to response.
        opt ttr: Ttr = "ttr",
        /// Delay (night, weekend, holiday).
        opt delay: Delay = "delay",
        /// Customer satisfaction.
        opt csat: Csat = "csat",
        /// Manual expected time to response.
        opt manual_ettr: EpochMillis = "manualETTR",
        /// `true` for the consumer's first conversation.
        opt first_conversation: bool = "firstConversation",
        /// Where the consumer is (web or app).
        opt context: Box<Context> = "context",
        /// Campaign and engagement.
        opt campaign_info: CampaignInfo = "campaignInfo",
        /// Account and skill handling the conversation.
        opt conversation_handler_details: ConversationHandlerDetails = "conversationHandlerDetails",
    }
}

impl ConversationDetails {
    /// Details with only `state` and `startTs` set (an [`EpochMillis`] or a
    /// `chrono::DateTime<Utc>`).
    ///
    /// ```
    /// use chatwire::liveperson::*;
    /// let start = chrono::DateTime::from_timestamp_millis(1528371161893).unwrap();
    /// let details = ConversationDetails::new(ConversationState::Open, start)
    ///     .with_participant(Participant::new("c1", Role::Consumer))
    ///     .with_dialog(Dialog::new("conv1", DialogType::Main));
    /// let n: chatwire::liveperson::Notification =
    ///     ExConversationChangeNotification::new([ConversationChange::upsert(ConversationResult::new("conv1", details))]).into();
    /// assert!(chatwire::validate_notification(&n).is_valid());
    /// ```
    pub fn new(state: ConversationState, start_ts: impl Into<EpochMillis>) -> Self {
        ConversationDetails {
            state: Some(state),
            start_ts: Some(start_ts.into()),
            ..Default::default()
        }
    }

    /// The same details with one more participant in `participants` (the list form; a
    /// [`Participants::ByRole`] value is replaced by a list).
    pub fn with_participant(mut self, participant: Participant) -> Self {
        match &mut self.participants {
            Some(Participants::List(list)) => list.push(participant),
            _ => self.participants = Some(Participants::List(vec![participant])),
        }
        self
    }

    /// The same details with one more dialog.
    pub fn with_dialog(mut self, dialog: Dialog) -> Self {
        self.dialogs.get_or_insert_with(Vec::new).push(dialog);
        self
    }

    /// Every `(role, id)` pair of `participants`, whichever wire form was sent, without
    /// allocating.
    pub fn participant_roles(
        &self,
    ) -> impl Iterator<Item = (Option<&Role>, Option<&ParticipantId>)> + Clone {
        let (list, groups): (&[Participant], &[(Role, Vec<ParticipantId>)]) =
            match &self.participants {
                Some(Participants::List(list)) => (list, &[]),
                Some(Participants::ByRole(groups)) => (&[], groups),
                None => (&[], &[]),
            };
        let listed = list.iter().map(|p| (p.role.as_ref(), p.id.as_ref()));
        let grouped = groups
            .iter()
            .flat_map(|(role, ids)| ids.iter().map(move |id| (Some(role), Some(id))));
        listed.chain(grouped)
    }

    /// The MAIN dialog.
    pub fn main_dialog(&self) -> Option<&Dialog> {
        self.dialogs
            .as_ref()?
            .iter()
            .find(|d| d.dialog_type == Some(DialogType::Main))
    }
}

/// `participants`: an array of `{id, role}` (webhooks), or a map from role to ids (raw feeds).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Participants {
    /// `[{"id": …, "role": …}, …]`.
    List(Vec<Participant>),
    /// `{"CONSUMER": [ids], "MANAGER": [ids], …}`, in the order written.
    ByRole(Vec<(Role, Vec<ParticipantId>)>),
}

impl Serialize for Participants {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Participants::List(list) => {
                let mut seq = s.serialize_seq(Some(list.len()))?;
                for p in list {
                    seq.serialize_element(p)?;
                }
                seq.end()
            }
            Participants::ByRole(groups) => {
                let mut map = s.serialize_map(Some(groups.len()))?;
                for (role, ids) in groups {
                    map.serialize_entry(role, ids)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> crate::json::field::Field<'de> for Participants {
    fn read<D: Deserializer<'de>>(slot: &mut Option<Self>, d: D) -> Result<(), D::Error> {
        struct ParticipantsVisitor;
        impl<'de> Visitor<'de> for ParticipantsVisitor {
            type Value = Participants;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array of participants or a map from role to participant ids")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Participants, A::Error> {
                Ok(Participants::List(crate::json::field::read_elements(seq)?))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Participants, A::Error> {
                let mut groups: Vec<(Role, Vec<ParticipantId>)> = Vec::new();
                // A few roles are compared in place; past that, the hashes of the roles seen
                // (a hash met again is checked against its role, and against every role in the
                // unlikely case of a collision) keep hostile maps of many keys linear.
                const FEW: usize = 8;
                let hasher = RandomState::new();
                let mut seen: HashMap<u64, usize> = HashMap::new();
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    let role = Role::from(key.as_str());
                    let duplicate = if groups.len() < FEW {
                        groups.iter().any(|(r, _)| *r == role)
                    } else {
                        if seen.is_empty() {
                            for (at, (r, _)) in groups.iter().enumerate() {
                                seen.entry(hasher.hash_one(r)).or_insert(at);
                            }
                        }
                        match seen.entry(hasher.hash_one(&role)) {
                            Entry::Vacant(slot) => {
                                slot.insert(groups.len());
                                false
                            }
                            Entry::Occupied(at) => {
                                groups[*at.get()].0 == role
                                    || groups.iter().any(|(r, _)| *r == role)
                            }
                        }
                    };
                    if duplicate {
                        return Err(crate::json::marker::duplicate_here(key.as_str()));
                    }
                    groups.push((role, map.next_value()?));
                }
                Ok(Participants::ByRole(groups))
            }
        }
        crate::json::field::put(slot, d.deserialize_any(ParticipantsVisitor)?);
        Ok(())
    }
}

/// Any deserializer: see [`crate::json`]'s notes on deserializing.
impl<'de> Deserialize<'de> for Participants {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::json::text::deserialize(d)
    }
}

wire_struct! {
    /// A participant (`participants[]`, `participantsDetails[]`).
    pub struct Participant {
        /// Participant id.
        opt id: ParticipantId = "id",
        /// Role.
        opt role: Role = "role",
        /// `ACTIVE` or `SUGGESTED` (dialog participants).
        opt state: ParticipantState = "state",
    }
}

impl Participant {
    /// A participant.
    pub fn new(id: impl Into<ParticipantId>, role: Role) -> Self {
        Participant {
            id: Some(id.into()),
            role: Some(role),
            ..Default::default()
        }
    }
}

wire_struct! {
    /// A dialog of a conversation.
    pub struct Dialog {
        /// Dialog id.
        opt dialog_id: DialogId = "dialogId",
        /// Participants with role and state (absent on old dialogs).
        opt participants_details: Vec<Participant> = "participantsDetails",
        /// Plain participant ids (co-browse dialogs).
        opt participants: Vec<ParticipantId> = "participants",
        /// `MAIN`, `POST_SURVEY`, `OTHER`.
        opt dialog_type: DialogType = "dialogType",
        /// `MESSAGING`, `COBROWSE`.
        opt channel_type: ChannelType = "channelType",
        /// Free-form metadata (survey `appInstallId`, co-browse session), kept as written.
        opt meta_data: RawJson = "metaData",
        /// `OPEN` or `CLOSE`.
        opt state: ConversationState = "state",
        /// Creation.
        opt creation_ts: EpochMillis = "creationTs",
        /// End.
        opt end_ts: EpochMillis = "endTs",
        /// Last metadata change.
        opt meta_data_last_update_ts: EpochMillis = "metaDataLastUpdateTs",
        /// Who closed the dialog.
        opt closed_by: CloseReason = "closedBy",
        /// Why (free text, e.g. `Closed by consumer`).
        opt closed_cause: String = "closedCause",
    }
}

impl Dialog {
    /// A dialog with its id and type; every other field empty.
    pub fn new(dialog_id: impl Into<DialogId>, dialog_type: DialogType) -> Self {
        Dialog {
            dialog_id: Some(dialog_id.into()),
            dialog_type: Some(dialog_type),
            ..Default::default()
        }
    }
}

wire_struct! {
    /// `ttr`: time to response.
    pub struct Ttr {
        /// Urgency.
        opt ttr_type: TtrType = "ttrType",
        /// Seconds from consumer input to agent response.
        opt value: i64 = "value",
    }
}

wire_struct! {
    /// `delay`.
    pub struct Delay {
        /// Kind of delay.
        opt delay_type: DelayType = "type",
        /// Until when.
        opt till_when: EpochMillis = "tillWhen",
    }
}

wire_struct! {
    /// `csat`: customer satisfaction.
    pub struct Csat {
        /// Field name (`CSATRate`).
        opt field: String = "field",
        /// Rate, 1 to 5.
        opt csat_rate: i64 = "csatRate",
        /// Whether the issue was resolved.
        opt csat_resolution_confirmation: bool = "csatResolutionConfirmation",
        /// Status.
        opt status: CsatStatus = "status",
    }
}

wire_struct! {
    /// `context`: where the consumer is.
    pub struct Context {
        /// `SharkContext` (web) or `MobileAppContext`.
        opt context_type: ContextType = "type",
        /// Language.
        opt lang: String = "lang",
        /// Device and app.
        opt client_properties: Box<ClientProperties> = "clientProperties",
        /// Visitor id.
        opt visitor_id: String = "visitorId",
        /// Session id.
        opt session_id: String = "sessionId",
        /// Interaction context id.
        opt interaction_context_id: String = "interactionContextId",
    }
}

wire_struct! {
    /// `campaignInfo`. The ids are numbers in notifications and strings in requests.
    pub struct CampaignInfo {
        /// Campaign id.
        opt campaign_id: NumberOrString = "campaignId",
        /// Engagement id.
        opt engagement_id: NumberOrString = "engagementId",
    }
}

wire_struct! {
    /// `conversationHandlerDetails`.
    pub struct ConversationHandlerDetails {
        /// Account id.
        opt account_id: String = "accountId",
        /// Skill id.
        opt skill_id: String = "skillId",
    }
}

/// An id sent as a JSON number or a string, kept in the form it came in.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NumberOrString {
    /// A JSON number, as written.
    Number(serde_json::Number),
    /// A JSON string.
    String(String),
}

impl From<i64> for NumberOrString {
    fn from(n: i64) -> Self {
        NumberOrString::Number(n.into())
    }
}

impl From<&str> for NumberOrString {
    fn from(s: &str) -> Self {
        NumberOrString::String(s.to_owned())
    }
}

impl From<String> for NumberOrString {
    fn from(s: String) -> Self {
        NumberOrString::String(s)
    }
}

impl NumberOrString {
    /// The value as an integer, from either form.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            NumberOrString::Number(n) => n.as_i64(),
            NumberOrString::String(s) => s.parse().ok(),
        }
    }
}

impl fmt::Display for NumberOrString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NumberOrString::Number(n) => write!(f, "{n}"),
            NumberOrString::String(s) => f.write_str(s),
        }
    }
}

impl Serialize for NumberOrString {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            NumberOrString::Number(n) => n.serialize(s),
            NumberOrString::String(t) => t.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for NumberOrString {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::Number(n) => Ok(NumberOrString::Number(n)),
            serde_json::Value::String(s) => Ok(NumberOrString::String(s)),
            other => Err(de::Error::invalid_type(
                unexpected(&other),
                &"a number or a string",
            )),
        }
    }
}

fn unexpected(v: &serde_json::Value) -> de::Unexpected<'_> {
    match v {
        serde_json::Value::Null => de::Unexpected::Unit,
        serde_json::Value::Bool(b) => de::Unexpected::Bool(*b),
        serde_json::Value::Array(_) => de::Unexpected::Seq,
        serde_json::Value::Object(_) => de::Unexpected::Map,
        _ => de::Unexpected::Other("value"),
    }
}

crate::json::field::plain_fields!(NumberOrString);
