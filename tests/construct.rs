//! Every notification kind of both vendors built from code alone — no JSON written by hand
//! except the payloads of items the model keeps as written — then validated, serialized,
//! checked against the crate's JSON Schema and parsed back equal; and a `ChatEvent` built by
//! hand for a handler test.

#[cfg(chatwire_schema_check)]
use std::sync::OnceLock;

use chatwire::AnyNotification;
use chatwire::events::{
    Audience, ChatEvent, DeliveryStatus, EventKind, Participant as EventParticipant, Position,
    Role as EventRole, Source,
};
use chatwire::genesys::{self, *};
use chatwire::json::{EpochMillis, Extra, RawJson};
use chatwire::liveperson::{
    self, AcceptStatus, AcceptStatusEvent, ActionReason, Answer, BotResponse, CampaignInfo,
    ChangeType, ChannelType, ChatStateEvent, ClientProperties, CloseReason,
    ConnectorAuthenticationResponse, ConnectorPaymentResponse, Content, ContentEvent, ContentType,
    Context, ContextType, ConversationChange, ConversationDetails, ConversationHandlerDetails,
    ConversationResult, ConversationState, Csat, CsatStatus, Delay, DelayType, DeviceFamily,
    DialogType, EscalationSummary, Event, ExConversationChangeNotification, ExternalId, FileType,
    HostedFile, IbmWatsonInfo, MessageAudience, MessagingChange, MessagingEventNotification,
    Metadata, OriginatorMetadata, OtherContent, ParticipantState, Participants, Question,
    RichContentEvent, Role, SecureFormInvitation, SecureFormSubmission, Survey, Ttr, TtrType,
    UnknownEvent, UnknownMetadata, UnknownNotification,
};

use chrono::{DateTime, Utc};
#[cfg(chatwire_schema_check)]
use common::schema::SchemaFile;

mod common;

// The JSON Schema check needs jsonschema, which the crate's own tests do not build: the
// `chatwire-schemas` package runs this same file as its test `construct` with the check
// (`cargo test -p chatwire-schemas --test construct`; its build script sets
// `cfg(chatwire_schema_check)`), and `cargo test` at the root runs it without.

#[cfg(chatwire_schema_check)]
fn schema(path: &'static str) -> &'static SchemaFile {
    static LIVEPERSON: OnceLock<SchemaFile> = OnceLock::new();
    static GENESYS: OnceLock<SchemaFile> = OnceLock::new();
    let cell = if path.contains("genesys") {
        &GENESYS
    } else {
        &LIVEPERSON
    };
    cell.get_or_init(|| SchemaFile::load(path))
}

/// The JSON conforms to the vendor's schema in `schemas/`.
#[cfg(chatwire_schema_check)]
fn assert_schema_valid(path: &'static str, json: &str) {
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    let errors: Vec<String> = schema(path)
        .validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{path}: {errors:#?}\n{json}");
}

/// Without jsonschema (the crate's own `cargo test`), the schema check runs in the
/// `chatwire-schemas` package instead.
#[cfg(not(chatwire_schema_check))]
fn assert_schema_valid(_path: &'static str, _json: &str) {}

/// 2018-06-07T11:32:41.893Z, a time inside the validator's range.
fn time(offset_ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(1_528_371_161_893 + offset_ms).unwrap()
}

fn raw(json: &str) -> RawJson {
    RawJson::from_json(json).unwrap()
}

/// Valid with no warning (or, for `unknown`, no error), serializes, parses back equal — by
/// the vendor's parse and by `parse_any` — and serializes to the same text again.
fn check_liveperson(n: liveperson::Notification, unknown: bool) -> String {
    let report = chatwire::validate_notification(&n);
    assert!(report.is_valid(), "{report}\n{n:#?}");
    assert_eq!(report.warnings().is_empty(), !unknown, "{report}");
    let json = serde_json::to_string(&n).unwrap();
    assert_schema_valid("schemas/liveperson/notification.schema.json", &json);
    let back = chatwire::parse_notification(&json).unwrap();
    assert_eq!(back, n, "{json}");
    assert!(back.malformed_changes().is_empty());
    assert_eq!(serde_json::to_string(&back).unwrap(), json);
    let any = AnyNotification::from(n);
    assert_eq!(chatwire::parse_any(&json).unwrap(), any);
    assert!(any.validate().is_valid());
    json
}

fn check_genesys(n: genesys::Notification, unknown: bool) -> String {
    let report = genesys::validate_notification(&n);
    assert!(report.is_valid(), "{report}\n{n:#?}");
    assert_eq!(report.warnings().is_empty(), !unknown, "{report}");
    let json = serde_json::to_string(&n).unwrap();
    assert_schema_valid("schemas/genesys/notification.schema.json", &json);
    let back = genesys::parse_notification(&json).unwrap();
    assert_eq!(back, n, "{json}");
    assert_eq!(serde_json::to_string(&back).unwrap(), json);
    let any = AnyNotification::from(n);
    assert_eq!(chatwire::parse_any(&json).unwrap(), any);
    json
}

/// A consumer's change at `sequence` carrying `event`.
fn consumer_change(sequence: i64, event: impl Into<Event>) -> MessagingChange {
    MessagingChange::new("dialog-1", event)
        .with_sequence(sequence)
        .with_originator("consumer-1", Role::Consumer)
        .with_time(time(sequence))
        .with_audience(MessageAudience::All)
        .with_conversation_id("conv-1")
}

#[test]
fn liveperson_every_content_type() {
    let contents: Vec<(ContentEvent, ContentType)> = vec![
        (ContentEvent::text_plain("Hello"), ContentType::TextPlain),
        (
            ContentEvent::new(HostedFile::new("/v1/files/a.png", FileType::Png)),
            ContentType::HostedFile,
        ),
        (
            ContentEvent::new(SecureFormInvitation::new("inv-1")),
            ContentType::SecureInvitation,
        ),
        (
            ContentEvent::new(SecureFormSubmission::new("inv-1")),
            ContentType::SecureSubmission,
        ),
        (
            ContentEvent::new(Content::ExternalFile(raw(r#"{"url":"https://x/a.pdf"}"#))),
            ContentType::ExternalFile,
        ),
    ];
    assert_eq!(contents.len(), ContentType::KNOWN.len());
    for (i, (content, content_type)) in contents.into_iter().enumerate() {
        assert_eq!(content.content_type(), Some(&content_type));
        let n = MessagingEventNotification::new([consumer_change(i as i64, content)]);
        let json = check_liveperson(n.into(), false);
        assert!(json.contains(&format!(r#""contentType":"{content_type}""#)));
    }

    // The optional fields of the message types, set on the public fields.
    let mut file = HostedFile::new("/v1/files/b.jpg", FileType::Jpg);
    file.caption = Some("a cat".into());
    file.preview = Some("data:image/jpeg;base64,AAAA".into());
    let mut invitation = SecureFormInvitation::new("inv-2");
    invitation.title = Some("Card".into());
    invitation.form_id = Some(42);
    let mut submission = SecureFormSubmission::new("inv-2");
    submission.submission_id = Some("sub-2".into());
    let quick = ContentEvent::text_plain("Pick one").with_quick_replies(raw(
        r#"{"type":"quickReplies","itemsPerRow":8,"replies":[]}"#,
    ));
    let changes = [
        consumer_change(0, ContentEvent::new(file)),
        consumer_change(1, ContentEvent::new(invitation)),
        consumer_change(2, ContentEvent::new(submission)),
        consumer_change(3, quick),
    ];
    check_liveperson(MessagingEventNotification::new(changes).into(), false);

    // A content type this crate does not know, kept as written (a validation warning).
    let other = OtherContent::new(
        Some(ContentType::from("application/x-sticker")),
        Some(raw(r#"{"sticker":"wave"}"#)),
    );
    let n = MessagingEventNotification::new([consumer_change(0, ContentEvent::new(other))]);
    let json = check_liveperson(n.into(), true);
    assert!(json.contains(r#""contentType":"application/x-sticker","message":{"sticker":"wave"}"#));
}

#[test]
fn liveperson_every_event_type() {
    let agent_change = |sequence, event: Event| {
        MessagingChange::new("dialog-1", event)
            .with_sequence(sequence)
            .with_originator("agent-1", Role::AssignedAgent)
            .with_time(time(sequence))
    };
    let mut changes = vec![
        agent_change(0, ContentEvent::text_plain("Hi").into()),
        agent_change(
            1,
            RichContentEvent::new(raw(r#"{"type":"vertical","elements":[]}"#)).into(),
        ),
    ];
    // Every status and every chat state, each in its own change.
    for (i, status) in AcceptStatus::KNOWN.iter().enumerate() {
        let event = AcceptStatusEvent::new(AcceptStatus::from(*status), [0, 1]);
        changes.push(agent_change(2 + i as i64, event.into()));
    }
    for state in liveperson::ChatState::KNOWN {
        let event = ChatStateEvent::new(liveperson::ChatState::from(*state));
        // Chat-state events carry no sequence nor serverTimestamp.
        changes
            .push(MessagingChange::new("dialog-1", event).with_originator("agent-1", Role::Agent));
    }
    let count = changes.len();
    let n: chatwire::liveperson::Notification = MessagingEventNotification::new(changes)
        .with_sent_ts(time(100))
        .into();
    check_liveperson(n.clone(), false);
    assert_eq!(n.messaging_changes().count(), count);
    let kinds: Vec<_> = n.events().map(|e| e.kind).collect();
    assert!(kinds.contains(&EventKind::StructuredContent {
        element_type: Some("vertical".into())
    }));
    assert!(kinds.contains(&EventKind::Delivery {
        status: DeliveryStatus::Read,
        sequences: vec![0, 1]
    }));
    assert!(kinds.contains(&EventKind::TypingStarted));

    // An event type this crate does not model (a warning); a `type` among its fields is
    // replaced by the tag.
    let mut fields = Extra::new();
    fields.insert("type", raw(r#""ContentEvent""#));
    fields.insert("mood", raw(r#""cheerful""#));
    let unknown = UnknownEvent::new("MoodEvent", fields);
    assert_eq!(unknown.fields().len(), 1);
    let n = MessagingEventNotification::new([consumer_change(0, unknown)]);
    let json = check_liveperson(n.into(), true);
    assert!(
        json.contains(r#""event":{"type":"MoodEvent","mood":"cheerful"}"#),
        "{json}"
    );
}

#[test]
fn liveperson_setters_reach_the_wire_and_the_events() {
    let change = MessagingChange::new("dialog-1", ContentEvent::text_plain("private note"))
        .with_sequence(7)
        .with_originator("agent-1", Role::Agent)
        .with_time(time(0))
        .with_audience(MessageAudience::AgentsAndManagers)
        .with_conversation_id("conv-1");
    let json = serde_json::to_value(&change).unwrap();
    assert_eq!(json["sequence"], 7);
    assert_eq!(json["originatorId"], "agent-1");
    assert_eq!(json["originatorMetadata"]["id"], "agent-1");
    assert_eq!(json["originatorMetadata"]["role"], "AGENT");
    assert_eq!(json["serverTimestamp"], 1_528_371_161_893_i64);
    assert_eq!(json["messageAudience"], "AGENTS_AND_MANAGERS");
    assert_eq!(json["conversationId"], "conv-1");
    assert_eq!(json["dialogId"], "dialog-1");
    assert_eq!(json["event"]["message"], "private note");

    let event = change.to_event();
    assert!(event.is_private());
    assert_eq!(event.time, Some(time(0)));
    assert_eq!(event.position, Some(Position::Sequence(7)));
    assert_eq!(event.sender_role(), Some(EventRole::Agent));
    assert_eq!(event.conversation_id.as_deref(), Some("conv-1"));
}

#[test]
fn liveperson_every_metadata_kind() {
    let mut question = Question::default();
    question.id = Some("q1".into());
    question.replies = Some(vec!["r1".into(), "r2".into()]);
    let mut answer = Answer::default();
    answer.id = Some("r1".into());
    answer.question_id = Some("q1".into());
    let mut external = ExternalId::default();
    external.id = Some("crm-42".into());
    let mut reason = ActionReason::default();
    reason.reason = Some("escalated_by_user".into());
    let mut bot = BotResponse::default();
    bot.intents = Some(raw(r#"[{"id":"i1","name":"billing","confidence":"HIGH"}]"#));
    let mut summary = EscalationSummary::default();
    summary.escalation_cause = Some("agent request".into());
    let mut watson = IbmWatsonInfo::default();
    watson.nodes_visited = Some(raw(r#"["node_1"]"#));
    let mut payment = ConnectorPaymentResponse::default();
    payment.status = Some(raw("true"));
    let mut auth = ConnectorAuthenticationResponse::default();
    auth.token = Some("t".into());
    let mut survey = Survey::default();
    survey.id = Some("s1".into());
    survey.revision = Some(raw("3"));

    let entries: Vec<Metadata> = vec![
        external.into(),
        reason.into(),
        bot.into(),
        summary.into(),
        watson.into(),
        payment.into(),
        auth.into(),
        question.into(),
        answer.into(),
        survey.into(),
    ];
    let kinds: Vec<_> = entries.iter().filter_map(|m| m.metadata_type()).collect();
    assert_eq!(kinds, Metadata::KNOWN);
    let mut change = consumer_change(0, ContentEvent::text_plain("with metadata"));
    for entry in entries {
        change = change.with_metadata(entry);
    }
    check_liveperson(MessagingEventNotification::new([change]).into(), false);

    let mut fields = Extra::new();
    fields.insert("channel", raw(r#""whatsapp""#));
    let unknown = UnknownMetadata::new("WhatsAppInfo", fields);
    let change = consumer_change(0, ContentEvent::text_plain("x")).with_metadata(unknown);
    let json = check_liveperson(MessagingEventNotification::new([change]).into(), true);
    assert!(json.contains(r#""metadata":[{"type":"WhatsAppInfo","channel":"whatsapp"}]"#));
}

#[test]
fn liveperson_originator_client_properties() {
    let mut props = ClientProperties::default();
    props.device_family = Some(DeviceFamily::Mobile);
    props.browser = Some("CHROME".into());
    let mut change = consumer_change(0, ContentEvent::text_plain("from a phone"));
    change.originator_metadata =
        Some(OriginatorMetadata::new("consumer-1", Role::Consumer).with_client_properties(props));
    let json = check_liveperson(MessagingEventNotification::new([change]).into(), false);
    assert!(json.contains(r#""clientProperties":{"deviceFamily":"MOBILE","browser":"CHROME"}"#));
}

fn full_details() -> ConversationDetails {
    let mut ttr = Ttr::default();
    ttr.ttr_type = Some(TtrType::Normal);
    ttr.value = Some(1200);
    let mut delay = Delay::default();
    delay.delay_type = Some(DelayType::Night);
    delay.till_when = Some(time(3_600_000).into());
    let mut csat = Csat::default();
    csat.csat_rate = Some(5);
    csat.status = Some(CsatStatus::Filled);
    let mut props = ClientProperties::default();
    props.device_family = Some(DeviceFamily::Desktop);
    let mut context = Context::default();
    context.context_type = Some(ContextType::SharkContext);
    context.lang = Some("en-US".into());
    context.client_properties = Some(Box::new(props));
    let mut campaign = CampaignInfo::default();
    campaign.campaign_id = Some(3_377_436_110_i64.into());
    campaign.engagement_id = Some("3377436310".into());
    let mut handler = ConversationHandlerDetails::default();
    handler.account_id = Some("12345678".into());
    handler.skill_id = Some("-1".into());

    let mut main = liveperson::Dialog::new("conv-1", DialogType::Main);
    main.channel_type = Some(ChannelType::Messaging);
    main.state = Some(ConversationState::Close);
    main.creation_ts = Some(time(0).into());
    main.end_ts = Some(time(60_000).into());
    main.closed_by = Some(CloseReason::Consumer);
    let mut agent = liveperson::Participant::new("agent-1", Role::AssignedAgent);
    agent.state = Some(ParticipantState::Active);
    main.participants_details = Some(vec![
        liveperson::Participant::new("consumer-1", Role::Consumer),
        agent,
    ]);

    let mut details = ConversationDetails::new(ConversationState::Close, time(0))
        .with_participant(liveperson::Participant::new("consumer-1", Role::Consumer))
        .with_participant(liveperson::Participant::new("agent-1", Role::AssignedAgent))
        .with_dialog(main);
    details.skill_id = Some("-1".into());
    details.stage = Some(ConversationState::Close);
    details.close_reason = Some(CloseReason::Consumer);
    details.end_ts = Some(time(60_000).into());
    details.meta_data_last_update_ts = Some(time(60_000).into());
    details.ttr = Some(ttr);
    details.delay = Some(delay);
    details.csat = Some(csat);
    details.context = Some(Box::new(context));
    details.campaign_info = Some(campaign);
    details.conversation_handler_details = Some(handler);
    details
}

#[test]
fn liveperson_conversation_change_notifications() {
    let mut result = ConversationResult::new("conv-1", full_details());
    result.effective_ttr = Some(EpochMillis(-1));
    result.last_content_event_notification = Some(Box::new(consumer_change(
        3,
        ContentEvent::text_plain("bye"),
    )));
    let closed = ConversationChange::upsert(result);
    let open = ConversationChange::upsert(ConversationResult::new(
        "conv-2",
        ConversationDetails::new(ConversationState::Open, time(0)),
    ));
    let mut deleted = ConversationChange::upsert(ConversationResult::new(
        "conv-3",
        ConversationDetails::new(ConversationState::Close, EpochMillis::from(time(0))),
    ));
    deleted.change_type = Some(ChangeType::Delete);
    let n: chatwire::liveperson::Notification =
        ExConversationChangeNotification::new([closed, open, deleted]).into();
    let json = check_liveperson(n.clone(), false);
    assert!(
        json.contains(r#""campaignInfo":{"campaignId":3377436110,"engagementId":"3377436310"}"#)
    );
    assert!(n.events().any(|e| e.kind
        == EventKind::ConversationClosed {
            reason: chatwire::events::CloseReason::Consumer
        }));

    // The by-role form of `participants` (raw feeds).
    let mut details = ConversationDetails::new(ConversationState::Open, time(0));
    details.participants = Some(Participants::ByRole(vec![(
        Role::Consumer,
        vec!["consumer-1".into()],
    )]));
    let change = ConversationChange::upsert(ConversationResult::new("conv-4", details));
    check_liveperson(
        ExConversationChangeNotification::new([change]).into(),
        false,
    );
}

#[test]
fn liveperson_unknown_notification() {
    let json =
        r#"{"kind":"notification","type":"routing.RoutingTaskNotification","body":{"x":[1,2]}}"#;
    let unknown = UnknownNotification::from_json(json).unwrap();
    assert_eq!(
        unknown.notification_type(),
        "routing.RoutingTaskNotification"
    );
    let text = check_liveperson(unknown.into(), true);
    assert_eq!(text, json);

    // A modelled type, or a document that is no notification, is refused.
    let modelled = r#"{"type":"cqm.ExConversationChangeNotification","body":{"changes":[]}}"#;
    let e = UnknownNotification::from_json(modelled).unwrap_err();
    assert_eq!(e.path(), "type");
    assert!(e.message().contains("cqm.ExConversationChangeNotification"));
    assert!(UnknownNotification::from_json(r#"{"body":{}}"#).is_err());
    assert!(UnknownNotification::from_json("[1]").is_err());
}

fn agent() -> genesys::Participant {
    genesys::Participant::new("00975A4F6A7C0003", ParticipantType::Agent, "Kristi")
}

fn customer() -> genesys::Participant {
    genesys::Participant::new("00975A4F6A7C0002", ParticipantType::Customer, "John")
}

fn full_chat(state: genesys::ChatState) -> Chat {
    let mut chat = Chat::new("0000Na9B26EF002X", state)
        .with_participant(customer())
        .with_participant(agent());
    chat.uri = Some("http://gws/api/v2/chats/0000Na9B26EF002X".into());
    chat.capabilities = Some(vec![Capability::SendMessage, Capability::Complete]);
    chat.user_data = Some(UserData::new(raw(r#"{"FirstName":"John","Order #":42}"#)));
    chat.chat_type = Some(ChatType::Inbound);
    chat.received_date = Some(Timestamp::new("2014-01-09 11:58:12.035+0200"));
    chat
}

#[test]
fn genesys_chat_state_changes() {
    for (i, state) in genesys::ChatState::KNOWN.iter().enumerate() {
        let mut message = ChatStateChangeMessage::new(
            NotificationType::StatusChange,
            full_chat(genesys::ChatState::from(*state)),
        );
        message.reference_id = Some(i as i64);
        let n = genesys::Notification::new(message);
        let json = check_genesys(n, false);
        assert!(json.starts_with(r#"{"messageType":"ChatStateChangeMessage""#));
    }
    for t in [
        NotificationType::ParticipantsUpdated,
        NotificationType::PropertiesUpdated,
    ] {
        let message = ChatStateChangeMessage::new(t, full_chat(genesys::ChatState::Chatting));
        check_genesys(genesys::Notification::new(message), false);
    }
    // The Error form, whose chat is optional.
    let mut error = ChatStateChangeMessage::default();
    error.notification_type = Some(NotificationType::Error);
    error.error_code = Some(400);
    error.error_message = Some("Bad request".into());
    assert!(error.is_error());
    check_genesys(genesys::Notification::new(error), false);
}

#[test]
fn genesys_message_log_with_every_item_type() {
    let mut items = Vec::new();
    for (i, t) in MessageItemType::KNOWN.iter().enumerate() {
        let item_type = MessageItemType::from(*t);
        let from = if i % 2 == 0 { agent() } else { customer() };
        let item = MessageItem::new(i as i64 + 1, item_type.clone(), from)
            .with_time(time(i as i64 * 1000));
        let item = match item_type {
            MessageItemType::Text | MessageItemType::Notice => item.with_text("Hello"),
            MessageItemType::CustomNotice => item.with_notice_text("A custom notice"),
            MessageItemType::PushUrl => item.with_url("https://example.com/help"),
            MessageItemType::SystemCommand => {
                item.with_notice_text("file-uploaded").with_attachment(
                    Attachment::new("009F5790DAD80068")
                        .with_document("0001PaBMYY3600RC", "notes.txt", 46)
                        .with_uri("http://gws/api/v2/attachments/0001PaBMYY3600RC")
                        .with_mime("text/plain"),
                )
            }
            _ => item,
        };
        items.push(item);
    }
    let next = MessageItemType::KNOWN.len() as i64 + 1;
    let mut private =
        MessageItem::new_text(next, agent(), "whisper").with_visibility(Visibility::Agents);
    private.message_type = Some("Greeting".into());
    private.user_data = Some(UserData::new(raw(r#"{"k":"v"}"#)));
    items.push(private);

    let log = MessageLogUpdated::new("0000Na9B26EF002X", items)
        .with_chat_uri("http://gws/api/v2/chats/0000Na9B26EF002X");
    assert_eq!(log.items().len(), MessageItemType::KNOWN.len() + 1);
    let n = genesys::Notification::new(log);
    let json = check_genesys(n.clone(), false);
    assert!(json.contains(r#""chatPath":"/chats/0000Na9B26EF002X""#));
    assert!(json.contains(
        r#""timestamp":"2018-06-07 11:32:41.893+0000","timestampSeconds":1528371161893"#
    ));

    // The events carry the chat id, the positions, the times and the audience.
    let events: Vec<_> = n.events().collect();
    assert_eq!(events.len(), MessageItemType::KNOWN.len() + 1);
    assert!(
        events
            .iter()
            .all(|e| e.conversation_id.as_deref() == Some("0000Na9B26EF002X"))
    );
    assert_eq!(events[0].position, Some(Position::Index(1)));
    assert_eq!(events[0].time, Some(time(0)));
    assert_eq!(events[0].text(), Some("Hello"));
    assert!(events.last().unwrap().is_private());
    // The built file upload and nickname change give their neutral events.
    let of_type = |t: MessageItemType| {
        let at = MessageItemType::KNOWN
            .iter()
            .position(|k| *k == t.as_str())
            .unwrap();
        &events[at].kind
    };
    assert_eq!(
        of_type(MessageItemType::SystemCommand),
        &EventKind::FileShared {
            location: Some("http://gws/api/v2/attachments/0001PaBMYY3600RC".into()),
            file_type: Some("text/plain".into()),
            caption: None,
        }
    );
    let EventKind::ParticipantRenamed { participant } = of_type(MessageItemType::NicknameUpdated)
    else {
        panic!("{:?}", of_type(MessageItemType::NicknameUpdated));
    };
    // The eleventh item: from the customer.
    assert_eq!(participant.id.as_deref(), Some("00975A4F6A7C0002"));
    assert_eq!(participant.name.as_deref(), Some("John"));
}

#[test]
fn genesys_bayeux_forms_and_unknown_data() {
    let data = || {
        Data::from(MessageLogUpdated::new(
            "0000Na9B26EF002X",
            vec![MessageItem::new_text(1, agent(), "Hi")],
        ))
    };
    // The three forms: data alone, `{"data": …}`, a whole Bayeux message.
    let alone = check_genesys(data().into(), false);
    assert!(alone.starts_with(r#"{"messageType""#));
    let wrapped = check_genesys(
        genesys::Notification::new(data()).with_bayeux(BayeuxMessage::default()),
        false,
    );
    assert!(wrapped.starts_with(r#"{"data":{"messageType""#) && wrapped.ends_with("}}"));
    let mut bayeux = BayeuxMessage::on_channel("/v2/me/chats");
    bayeux.id = Some("7".into());
    bayeux.client_id = Some("1xmnx1n5qv7d0o10yq7cy0ybpq".into());
    bayeux.ext = Some(raw(r#"{"ack":true}"#));
    let n = genesys::Notification::new(data()).with_bayeux(bayeux);
    assert_eq!(n.channel(), Some("/v2/me/chats"));
    let full = check_genesys(n, false);
    assert!(full.contains(r#""channel":"/v2/me/chats","id":"7""#));

    // A meta-channel reply without data.
    let mut advice = Advice::default();
    advice.reconnect = Some(Reconnect::Retry);
    advice.interval = Some(0);
    advice.timeout = Some(30_000);
    let mut reply = BayeuxMessage::on_channel("/meta/connect");
    reply.successful = Some(true);
    reply.advice = Some(advice);
    let meta = genesys::Notification::without_data(reply);
    assert!(meta.is_meta());
    let json = check_genesys(meta, false);
    assert!(json.contains(r#""advice":{"reconnect":"retry","interval":0,"timeout":30000}"#));

    // Data of a message type this crate does not model (a warning), in each form.
    let mut fields = Extra::new();
    fields.insert("messageType", raw(r#""MessageLogUpdated""#));
    fields.insert("notificationType", raw(r#""FileUploaded""#));
    fields.insert("fileId", raw(r#""f-1""#));
    let unknown = UnknownData::new("FileTransfer", fields);
    assert_eq!(unknown.message_type(), Some("FileTransfer"));
    let json = check_genesys(unknown.clone().into(), true);
    assert_eq!(
        json,
        r#"{"messageType":"FileTransfer","notificationType":"FileUploaded","fileId":"f-1"}"#
    );
    let n =
        genesys::Notification::new(unknown).with_bayeux(BayeuxMessage::on_channel("/v2/me/chats"));
    check_genesys(n, true);
}

/// A handler under test: what a connector forwards to the consumer's channel.
fn forward_to_consumer(event: &ChatEvent<'_>) -> Option<String> {
    if event.is_private() || event.sender_role() == Some(EventRole::Consumer) {
        return None;
    }
    match &event.kind {
        EventKind::Message { text } => Some(text.clone()),
        EventKind::FileShared {
            location: Some(l), ..
        } => Some(format!("file: {l}")),
        _ => None,
    }
}

#[test]
fn a_chat_event_built_by_hand_tests_a_handler() {
    let change = MessagingChange::new("dialog-1", ContentEvent::text_plain("How can I help?"))
        .with_sequence(4)
        .with_originator("agent-1", Role::Agent)
        .with_time(time(0))
        .with_audience(MessageAudience::All);
    let by_hand = ChatEvent::new(
        EventKind::Message {
            text: "How can I help?".into(),
        },
        &change,
    )
    .with_conversation_id("dialog-1")
    .with_dialog_id("dialog-1")
    .with_position(Position::Sequence(4))
    .with_time(time(0))
    .with_sender(EventParticipant::new(
        Some("agent-1".into()),
        EventRole::Agent,
        None,
    ))
    .with_audience(Audience::Everyone);
    // Exactly the event the crate derives from the same change.
    assert_eq!(by_hand, change.to_event());
    assert_eq!(
        forward_to_consumer(&by_hand).as_deref(),
        Some("How can I help?")
    );

    let private = by_hand.clone().with_audience(Audience::AgentsOnly);
    assert_eq!(forward_to_consumer(&private), None);
    let from_consumer =
        by_hand
            .clone()
            .with_sender(EventParticipant::new(None, EventRole::Consumer, None));
    assert_eq!(forward_to_consumer(&from_consumer), None);

    // An owned source (a Genesys item) works as well; the event outlives its item.
    let event: ChatEvent<'static> = ChatEvent::new(
        EventKind::FileShared {
            location: Some("/files/1".into()),
            file_type: None,
            caption: None,
        },
        MessageItem::new(3, MessageItemType::Text, agent()),
    );
    assert!(matches!(event.source, Source::GenesysMessage(_)));
    assert_eq!(event.audience, Audience::Everyone);
    assert_eq!(
        forward_to_consumer(&event).as_deref(),
        Some("file: /files/1")
    );
}

#[test]
fn generated_constructors_and_defaults() {
    // `new` takes the required fields; the optional ones start empty.
    let file = HostedFile::new("/a", FileType::Pdf);
    assert_eq!((file.caption, file.preview), (None, None));
    assert!(file.extra.is_empty());
    assert_eq!(
        serde_json::to_string(&AcceptStatusEvent::new(AcceptStatus::Accept, vec![3])).unwrap(),
        r#"{"status":"ACCEPT","sequenceList":[3]}"#
    );
    // `Default` for types without required fields writes an empty object.
    for json in [
        serde_json::to_string(&Ttr::default()).unwrap(),
        serde_json::to_string(&Advice::default()).unwrap(),
        serde_json::to_string(&ExternalId::default()).unwrap(),
        serde_json::to_string(&ClientProperties::default()).unwrap(),
    ] {
        assert_eq!(json, "{}");
    }
    // An untyped unknown event is a validation error.
    let n =
        MessagingEventNotification::new([consumer_change(0, UnknownEvent::untyped(Extra::new()))]);
    let report = chatwire::validate_notification(&n.into());
    assert_eq!(report.errors()[0].path, "body.changes[0].event.type");
    let issue = chatwire::Issue::new(
        chatwire::Severity::Error,
        chatwire::Rule::MissingField,
        "body.changes[0].event.type",
        "missing",
    );
    assert_eq!(report.errors()[0], issue);

    // A report built from issues, for code that consumes reports.
    let warning = chatwire::Issue::new(
        chatwire::Severity::Warning,
        chatwire::Rule::UnknownEnumValue,
        "kind",
        "unknown value `x`",
    );
    let built: chatwire::ValidationReport = [warning.clone(), issue.clone()].into_iter().collect();
    assert!(!built.is_valid());
    assert_eq!(
        (built.errors(), built.warnings()),
        (&[issue][..], &[warning][..])
    );
    assert_eq!(
        built.to_string(),
        "error: body.changes[0].event.type: missing\nwarning: kind: unknown value `x`"
    );
}

#[test]
fn a_malformed_change_built_from_its_json_and_error() {
    let bad = r#"{"dialogId":"d1","event":{"type":"AcceptStatusEvent","status":"READ","sequenceList":"x"}}"#;
    assert!(serde_json::from_str::<MessagingChange>(bad).is_err());
    // The `ParseError` of the change as the crate reports it, from a whole-document parse.
    let document = format!(
        r#"{{"kind":"notification","type":"ms.MessagingEventNotification","body":{{"changes":[{bad}]}}}}"#
    );
    let parsed = chatwire::parse_notification(&document).unwrap();
    let (_, malformed) = parsed.malformed_changes()[0];
    let built = liveperson::MalformedChange::new(raw(bad), malformed.error().clone());
    assert_eq!(&built, malformed);

    // First in its envelope, as in the document its error comes from: the error keeps its
    // path, line and column.
    let mut envelope =
        MessagingEventNotification::new([consumer_change(0, ContentEvent::text_plain("fine"))]);
    envelope
        .body
        .changes
        .insert(0, liveperson::ChangeItem::Malformed(built));
    let n = chatwire::liveperson::Notification::from(envelope);
    assert_eq!(n.messaging_changes().count(), 1);
    let report = chatwire::validate_notification(&n);
    assert_eq!(report.errors().len(), 1, "{report}");
    assert_eq!(
        report.errors()[0].path,
        "body.changes[0].event.sequenceList"
    );
    let json = serde_json::to_string(&n).unwrap();
    assert!(json.contains(&format!(r#""changes":[{bad},{{"#)), "{json}");
}
