//! Checks `schemas/liveperson/notification.schema.json` (JSON Schema draft 2020-12): the schema is
//! a valid 2020-12 schema, it documents exactly the fields and enum values the model has, every
//! LivePerson fixture validates against it, and on documents at the edge of the model it agrees
//! with `chatwire::parse_notification` (accepted: parses with no malformed change; rejected:
//! fails to parse or yields a malformed change).

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::sync::OnceLock;

use chatwire::liveperson as lp;
use common::schema::{SchemaFile, errors_of, pointer_of};
use jsonschema::Validator;
use serde_json::{Value, json};

mod common;

const SCHEMA_PATH: &str = "schemas/liveperson/notification.schema.json";
const FIXTURES: &str = "tests/webhooks_examples/liveperson";

/// The schema, read and compiled once.
fn file() -> &'static SchemaFile {
    static FILE: OnceLock<SchemaFile> = OnceLock::new();
    FILE.get_or_init(|| SchemaFile::load(SCHEMA_PATH))
}

fn validator() -> &'static Validator {
    &file().validator
}

fn schema_errors(instance: &Value) -> Vec<String> {
    errors_of(validator(), instance)
}

/// Why the crate does not accept `json`: the parse error, or the first malformed change's
/// error; `None` when it parses with no malformed change.
fn crate_error(json: &str) -> Option<chatwire::ParseError> {
    match chatwire::parse_notification(json) {
        Err(e) => Some(e),
        Ok(n) => n
            .malformed_changes()
            .first()
            .map(|(_, m)| m.error().clone()),
    }
}

/// What the crate makes of `json`: `Ok` when it parses with no malformed change.
fn crate_verdict(json: &str) -> Result<(), String> {
    match crate_error(json) {
        Some(e) => Err(e.to_string()),
        None => Ok(()),
    }
}

#[test]
fn schema_is_a_valid_draft_2020_12_schema() {
    file().assert_valid_2020_12(
        "https://chatwire.invalid/schemas/liveperson/notification.schema.json",
    );
}

#[test]
fn schema_is_open_documented_and_has_no_dangling_refs() {
    file().assert_open_and_documented(&[]);
}

/// `$defs` entries that model a `wire_struct!` of the crate, with its wire field names.
const STRUCTS: &[(&str, &[&str])] = &[
    ("ClientProperties", lp::ClientProperties::FIELDS),
    ("OriginatorMetadata", lp::OriginatorMetadata::FIELDS),
    ("MessagingChange", lp::MessagingChange::FIELDS),
    ("HostedFile", lp::HostedFile::FIELDS),
    ("SecureFormInvitation", lp::SecureFormInvitation::FIELDS),
    ("SecureFormSubmission", lp::SecureFormSubmission::FIELDS),
    ("ConversationChange", lp::ConversationChange::FIELDS),
    ("ConversationResult", lp::ConversationResult::FIELDS),
    ("ConversationDetails", lp::ConversationDetails::FIELDS),
    ("Participant", lp::Participant::FIELDS),
    ("Dialog", lp::Dialog::FIELDS),
    ("Ttr", lp::Ttr::FIELDS),
    ("Delay", lp::Delay::FIELDS),
    ("Csat", lp::Csat::FIELDS),
    ("Context", lp::Context::FIELDS),
    ("CampaignInfo", lp::CampaignInfo::FIELDS),
    (
        "ConversationHandlerDetails",
        lp::ConversationHandlerDetails::FIELDS,
    ),
];

/// `$defs` entries that document an open enum of the crate, with its known values in order.
const ENUMS: &[(&str, &[&str])] = &[
    ("Kind", lp::Kind::KNOWN),
    ("NotificationType", lp::NotificationType::KNOWN),
    ("ContentType", lp::ContentType::KNOWN),
    ("EventType", lp::Event::KNOWN),
    ("MetadataType", lp::Metadata::KNOWN),
    ("Role", lp::Role::KNOWN),
    ("MessageAudience", lp::MessageAudience::KNOWN),
    ("AcceptStatus", lp::AcceptStatus::KNOWN),
    ("ChatState", lp::ChatState::KNOWN),
    ("FileType", lp::FileType::KNOWN),
    ("ChangeType", lp::ChangeType::KNOWN),
    ("ConversationState", lp::ConversationState::KNOWN),
    ("CloseReason", lp::CloseReason::KNOWN),
    ("DialogType", lp::DialogType::KNOWN),
    ("ChannelType", lp::ChannelType::KNOWN),
    ("ParticipantState", lp::ParticipantState::KNOWN),
    ("TtrType", lp::TtrType::KNOWN),
    ("DelayType", lp::DelayType::KNOWN),
    ("CsatStatus", lp::CsatStatus::KNOWN),
    ("ContextType", lp::ContextType::KNOWN),
    ("DeviceFamily", lp::DeviceFamily::KNOWN),
    ("Os", lp::Os::KNOWN),
    ("Integration", lp::Integration::KNOWN),
    ("Feature", lp::Feature::KNOWN),
];

#[test]
fn schema_matches_the_model() {
    let mut problems = Vec::new();
    for (name, fields) in STRUCTS {
        problems.extend(file().fields_mismatch(name, fields));
    }
    for (name, known) in ENUMS {
        problems.extend(file().enum_mismatches(name, known));
    }
    // The dispatch mirrors the crate's: every known event type and metadata kind has its own
    // branch, to a `$defs` entry with the variant's fields; both lists come from the crate.
    problems.extend(file().dispatch_mismatches("Event", "type", lp::Event::FIELDS_BY_TAG));
    problems.extend(file().dispatch_mismatches("Metadata", "type", lp::Metadata::FIELDS_BY_TAG));
    for body in ["MessagingEventBody", "ConversationChangeBody"] {
        problems.extend(file().fields_mismatch(body, lp::Body::<lp::MessagingChange>::FIELDS));
    }
    // Every object of the schema is compared with the crate: above, or as a dispatch target;
    // `Event` and `Metadata` are the dispatches themselves.
    let mut checked: Vec<String> = STRUCTS.iter().map(|(name, _)| name.to_string()).collect();
    for (dispatch, tag) in [("Event", "type"), ("Metadata", "type")] {
        checked.push(dispatch.to_owned());
        checked.extend(
            file()
                .dispatched_defs(dispatch, tag)
                .into_iter()
                .map(|(_, def)| def),
        );
    }
    checked.extend(["MessagingEventBody", "ConversationChangeBody"].map(str::to_owned));
    let checked: Vec<&str> = checked.iter().map(String::as_str).collect();
    problems.extend(file().unchecked_objects(&checked));
    let content_types: BTreeSet<String> = file()
        .dispatched("ContentEvent", "contentType")
        .into_iter()
        .collect();
    let known_content_types: BTreeSet<String> = lp::ContentType::KNOWN
        .iter()
        .map(|t| t.to_string())
        .collect();
    assert_eq!(content_types, known_content_types, "ContentEvent dispatch");
    assert!(
        problems.is_empty(),
        "{SCHEMA_PATH} disagrees with the model:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_fixture_validates_against_the_schema() {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/..")).join(FIXTURES);
    let mut paths: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| {
            entry
                .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
                .path()
        })
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    let mut failures = Vec::new();
    for path in &paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {name}: {e}"));
        let doc: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name} is not JSON: {e}"));
        for error in schema_errors(&doc) {
            failures.push(format!("{name}: {error}"));
        }
        if let Err(e) = crate_verdict(&text) {
            failures.push(format!("{name}: the crate rejects it: {e}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} problem(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        paths.len() >= 37,
        "only {} fixtures found in {FIXTURES}",
        paths.len()
    );
}

/// `{kind, type: ms.MessagingEventNotification, body: {changes: [change]}}`.
fn messaging(change: Value) -> Value {
    json!({"kind": "notification", "type": "ms.MessagingEventNotification", "body": {"changes": [change]}})
}

/// A messaging change carrying `event`, with the usual fields.
fn with_event(event: Value) -> Value {
    messaging(json!({
        "sequence": 3, "originatorId": "c1", "serverTimestamp": 1528371161893_i64,
        "dialogId": "d1", "conversationId": "d1", "event": event
    }))
}

/// A conversation change whose `conversationDetails` are `details`.
fn conversation(details: Value) -> Value {
    json!({"kind": "notification", "type": "cqm.ExConversationChangeNotification", "body": {"changes": [
        {"type": "UPSERT", "result": {"convId": "c1", "conversationDetails": details}}
    ]}})
}

/// Documents both the schema and the crate accept.
fn accepted() -> Vec<(&'static str, Value)> {
    vec![
        (
            "unknown event type with arbitrary fields",
            with_event(json!({
                "type": "FutureEvent", "anything": {"nested": [1, 2.5, null]}, "flag": true, "n": null
            })),
        ),
        (
            "event without a type",
            with_event(json!({"something": "else"})),
        ),
        (
            "unknown chatState value",
            messaging(json!({
                "originatorId": "c1", "dialogId": "d1", "event": {"type": "ChatStateEvent", "chatState": "DREAMING"}
            })),
        ),
        (
            "metadata: null",
            messaging(json!({
                "sequence": 0, "dialogId": "d1", "metadata": null,
                "event": {"type": "ContentEvent", "contentType": "text/plain", "message": "hi"}
            })),
        ),
        (
            "participants in role -> ids map form",
            conversation(json!({
                "state": "OPEN", "startTs": 1528371161893_i64,
                "participants": {"CONSUMER": ["c1"], "MANAGER": [], "FUTURE_ROLE": ["x", "y"]}
            })),
        ),
        (
            "participants in array form with unknown role and state",
            conversation(json!({
                "participants": [{"id": "a", "role": "FUTURE_ROLE", "state": "LURKING", "extra": 1}]
            })),
        ),
        (
            "unknown notification type without a body",
            json!({"kind": "notification", "type": "routing.AgentStateNotification"}),
        ),
        (
            "unknown notification type with a non-object body",
            json!({"type": "future.Notification", "body": [1, "two"]}),
        ),
        (
            "explicit null on every optional envelope field",
            json!({
                "kind": null, "type": "ms.MessagingEventNotification",
                "body": {"changes": [], "subscriptionId": null, "sentTs": null}
            }),
        ),
        (
            "explicit null on every optional change field",
            messaging(json!({
                "sequence": null, "originatorId": null, "originatorPId": null, "originatorMetadata": null,
                "originatorClientProperties": null, "serverTimestamp": null, "event": null,
                "conversationId": null, "dialogId": null, "metadata": null, "messageAudience": null,
                "encodedMetadata": null
            })),
        ),
        (
            "nulls inside originator metadata and client properties",
            messaging(json!({
                "originatorMetadata": {"id": null, "role": null, "clientProperties": {
                    "type": null, "os": null, "features": null, "deviceFamily": "SMART_FRIDGE", "integration": "FUTURE_SDK"
                }},
                "originatorClientProperties": {"features": ["CO_BROWSE", "TELEPATHY"]}
            })),
        ),
        (
            "unknown content type with any message",
            with_event(json!({
                "type": "ContentEvent", "contentType": "text/html", "message": {"html": "<b>hi</b>"}
            })),
        ),
        (
            "contentType null and no message",
            with_event(json!({"type": "ContentEvent", "contentType": null})),
        ),
        (
            "external/file with an object message",
            with_event(json!({
                "type": "ContentEvent", "contentType": "external/file", "message": {"url": "https://example.invalid/f"}
            })),
        ),
        (
            "hosted/file with nulls and an unknown fileType",
            with_event(json!({
                "type": "ContentEvent", "contentType": "hosted/file", "quickReplies": null,
                "message": {"caption": null, "relativePath": "/v1/x.HEIC", "fileType": "HEIC", "preview": null}
            })),
        ),
        (
            "secure forms",
            messaging(
                json!({"event": {"type": "ContentEvent", "contentType": "forms/secure-invitation",
            "message": {"invitationId": "i1", "title": null, "formId": 1550964770}}}),
            ),
        ),
        (
            "kind of any shape on an unknown notification type (kept whole)",
            json!({"kind": 5, "type": "future.Notification"}),
        ),
        (
            "rich content as a JSON string",
            with_event(json!({
                "type": "RichContentEvent", "content": "{\"type\":\"vertical\",\"elements\":[]}"
            })),
        ),
        (
            "unknown accept status",
            with_event(json!({
                "type": "AcceptStatusEvent", "status": "SEEN", "sequenceList": [-1, 0, 9_223_372_036_854_775_807_i64]
            })),
        ),
        (
            "metadata of known and unknown kinds",
            messaging(json!({"metadata": [
                {"type": "ExternalId", "id": null},
                {"type": "BotResponse", "intents": [{"id": "i", "confidence": "0.8"}], "businessCases": null},
                {"type": "Question", "replies": null, "provider": "AC"},
                {"type": "SocialMessagingEventData", "channel": "Public"},
                {"no": "type"}
            ]})),
        ),
        (
            "campaign ids as number and string, effectiveTTR -1",
            json!({
                "kind": "notification", "type": "cqm.ExConversationChangeNotification", "body": {"changes": [{
                    "type": "FUTURE_CHANGE", "result": {"convId": "c", "effectiveTTR": -1, "conversationDetails": {
                        "campaignInfo": {"campaignId": 774285730, "engagementId": "2739101812"},
                        "csat": {"csatRate": null, "status": "MAYBE"}, "delay": {"type": null, "tillWhen": null},
                        "dialogs": [{"dialogId": "d", "participants": ["a"], "metaData": {"expires": 1.502893131855E9},
                                     "dialogType": "CALL", "channelType": null, "closedBy": "ROBOT"}]
                    }}
                }]}
            }),
        ),
        (
            "conversation change with null type and result",
            json!({
                "type": "cqm.ExConversationChangeNotification", "body": {"changes": [{"type": null, "result": null}]}
            }),
        ),
        (
            "unknown fields everywhere",
            json!({
                "kind": "notification", "type": "ms.MessagingEventNotification", "x-top": 1,
                "body": {"changes": [{"x-change": [], "event": {
                    "type": "AcceptStatusEvent", "status": "READ", "sequenceList": [0], "x-event": {}
                }}], "dialogId": "sdk-only"}
            }),
        ),
    ]
}

/// Documents both the schema and the crate reject (the crate by failing or by a malformed change).
fn rejected() -> Vec<(&'static str, Value)> {
    vec![
        (
            "text/plain ContentEvent with message 42",
            with_event(json!({
                "type": "ContentEvent", "contentType": "text/plain", "message": 42
            })),
        ),
        (
            "AcceptStatusEvent without sequenceList",
            with_event(json!({"type": "AcceptStatusEvent", "status": "READ"})),
        ),
        (
            "known-type envelope without body.changes",
            json!({
                "kind": "notification", "type": "ms.MessagingEventNotification", "body": {"subscriptionId": "s"}
            }),
        ),
        (
            "sequence \"one\"",
            messaging(json!({"sequence": "one", "dialogId": "d1"})),
        ),
        (
            "conversation envelope without body",
            json!({"kind": "notification", "type": "cqm.ExConversationChangeNotification"}),
        ),
        (
            "body null",
            json!({"type": "ms.MessagingEventNotification", "body": null}),
        ),
        (
            "changes null",
            json!({"type": "cqm.ExConversationChangeNotification", "body": {"changes": null}}),
        ),
        (
            "envelope without type",
            json!({"kind": "notification", "body": {"changes": []}}),
        ),
        ("envelope type null", json!({"type": null})),
        (
            "kind not a string (known notification type)",
            json!({"kind": 5, "type": "ms.MessagingEventNotification", "body": {"changes": []}}),
        ),
        (
            "rich content null (a required field)",
            with_event(json!({"type": "RichContentEvent", "content": null})),
        ),
        ("a change that is not an object", messaging(json!(null))),
        (
            "text/plain message null",
            with_event(
                json!({"type": "ContentEvent", "contentType": "text/plain", "message": null}),
            ),
        ),
        (
            "text/plain without message",
            with_event(json!({"type": "ContentEvent", "contentType": "text/plain"})),
        ),
        (
            "hosted/file without relativePath",
            with_event(json!({
                "type": "ContentEvent", "contentType": "hosted/file", "message": {"fileType": "JPG"}
            })),
        ),
        (
            "hosted/file message as a string",
            with_event(json!({
                "type": "ContentEvent", "contentType": "hosted/file", "message": "/v1/x.jpg"
            })),
        ),
        (
            "secure-submission without invitationId",
            with_event(json!({
                "type": "ContentEvent", "contentType": "forms/secure-submission", "message": {"submissionId": "s"}
            })),
        ),
        (
            "contentType not a string",
            with_event(json!({"type": "ContentEvent", "contentType": 5, "message": "x"})),
        ),
        ("event type null", with_event(json!({"type": null}))),
        ("event not an object", with_event(json!(["ContentEvent"]))),
        (
            "RichContentEvent without content",
            with_event(json!({"type": "RichContentEvent"})),
        ),
        (
            "AcceptStatusEvent status null",
            with_event(json!({"type": "AcceptStatusEvent", "status": null, "sequenceList": [1]})),
        ),
        (
            "sequenceList with a fraction",
            with_event(
                json!({"type": "AcceptStatusEvent", "status": "READ", "sequenceList": [1.5]}),
            ),
        ),
        (
            "ChatStateEvent chatState null",
            with_event(json!({"type": "ChatStateEvent", "chatState": null})),
        ),
        (
            "sequence above i64::MAX",
            messaging(json!({"sequence": u64::MAX})),
        ),
        (
            "serverTimestamp as a string",
            messaging(json!({"serverTimestamp": "2018-06-07T11:32:41Z"})),
        ),
        (
            "metadata entry null",
            messaging(json!({"metadata": [null]})),
        ),
        (
            "metadata type not a string",
            messaging(json!({"metadata": [{"type": 7}]})),
        ),
        (
            "metadata not an array",
            messaging(json!({"metadata": {"type": "ExternalId"}})),
        ),
        (
            "Question replies with a number",
            messaging(json!({"metadata": [{"type": "Question", "replies": [1]}]})),
        ),
        (
            "role not a string",
            messaging(json!({"originatorMetadata": {"role": 1}})),
        ),
        (
            "client features with a number",
            messaging(json!({"originatorClientProperties": {"features": [1]}})),
        ),
        (
            "participants map with a null value",
            conversation(json!({"participants": {"CONSUMER": null}})),
        ),
        (
            "participants as a string",
            conversation(json!({"participants": "c1"})),
        ),
        (
            "participant that is not an object",
            conversation(json!({"participants": ["c1"]})),
        ),
        (
            "campaignId boolean",
            conversation(json!({"campaignInfo": {"campaignId": true}})),
        ),
        (
            "firstConversation as a string",
            conversation(json!({"firstConversation": "yes"})),
        ),
        (
            "startTs with a fraction",
            conversation(json!({"startTs": 1528371161893.5})),
        ),
        (
            "dialog participants with a null",
            conversation(json!({"dialogs": [{"participants": [null]}]})),
        ),
        (
            "top level not an object",
            json!([{"type": "ms.MessagingEventNotification"}]),
        ),
    ]
}

#[test]
fn schema_and_crate_agree_on_accepted_documents() {
    let mut problems = Vec::new();
    for (name, doc) in accepted() {
        let errors = schema_errors(&doc);
        if !errors.is_empty() {
            problems.push(format!(
                "{name}: the schema rejects it:\n  {}",
                errors.join("\n  ")
            ));
        }
        if let Err(e) = crate_verdict(&doc.to_string()) {
            problems.push(format!("{name}: the crate rejects it: {e}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn schema_and_crate_agree_on_rejected_documents() {
    let mut problems = Vec::new();
    for (name, doc) in rejected() {
        let Some(crate_error) = crate_error(&doc.to_string()) else {
            problems.push(format!("{name}: the crate accepts it: {doc}"));
            continue;
        };
        // The schema must object at the place the crate objects to, or at an enclosing value
        // (a missing required field, or a failed `anyOf` of a nullable field, is reported on
        // the object or field that holds it).
        let target = pointer_of(crate_error.path());
        let errors: Vec<(String, String)> = validator()
            .iter_errors(&doc)
            .map(|e| (e.instance_path.to_string(), e.to_string()))
            .collect();
        let encloses = |at: &str| target == at || target.starts_with(&format!("{at}/"));
        if errors.is_empty() {
            problems.push(format!("{name}: the schema accepts it: {doc}"));
        } else if !errors.iter().any(|(at, _)| encloses(at)) {
            problems.push(format!(
                "{name}: the crate rejects `{target}` ({crate_error}) but the schema objects elsewhere:\n  {}",
                errors.iter().map(|(at, e)| format!("`{at}`: {e}")).collect::<Vec<_>>().join("\n  ")
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn crate_paths_convert_to_json_pointers() {
    assert_eq!(pointer_of(""), "");
    assert_eq!(pointer_of("kind"), "/kind");
    assert_eq!(
        pointer_of("body.changes[0].event.sequenceList[1]"),
        "/body/changes/0/event/sequenceList/1"
    );
    assert_eq!(pointer_of(r#"a["x.y/z"].b"#), "/a/x.y~1z/b");
}

/// What JSON Schema cannot express, pinned so that a change on either side is noticed: the
/// schema's description states these limits.
#[test]
fn known_limits_of_the_schema() {
    // JSON Schema counts 3.0 as an integer; serde's i64 does not.
    let doc = r#"{"type":"ms.MessagingEventNotification","body":{"changes":[{"sequence":3.0}]}}"#;
    let value: Value = serde_json::from_str(doc).expect("valid JSON");
    assert!(
        validator().is_valid(&value),
        "the schema should accept 3.0 as an integer"
    );
    assert!(
        crate_verdict(doc).is_err(),
        "the crate should reject 3.0 as an i64"
    );

    // Duplicate keys are invisible once parsed into a `Value` (the last one wins).
    let doc = r#"{"type":"future.Notification","a":1,"a":2}"#;
    let value: Value = serde_json::from_str(doc).expect("valid JSON");
    assert!(validator().is_valid(&value));
    assert!(
        crate_verdict(doc).is_err(),
        "the crate should reject a duplicate key"
    );
}
