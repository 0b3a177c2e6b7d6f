//! Checks `schemas/genesys/notification.schema.json` (JSON Schema draft 2020-12): the schema is a
//! valid 2020-12 schema, it documents exactly the fields and enum values the Genesys model has,
//! every Genesys fixture (chat examples, related documents, Workspace API v3) validates against
//! it, and on documents at the edge of the model it agrees with
//! `chatwire::genesys::parse_notification` and `parse_batch` (accepted: parses; rejected: fails to
//! parse, and the schema objects at the place the crate names, or at a value enclosing it). The
//! data-level cases are checked in all three forms of a message: the `data` object alone,
//! `{"data": …}` and a whole Bayeux message.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chatwire::genesys;
use common::schema::{SchemaFile, errors_of, pointer_of};
use jsonschema::Validator;
use serde_json::{Value, json};

mod common;

const SCHEMA_PATH: &str = "schemas/genesys/notification.schema.json";
const FIXTURES: &str = "tests/webhooks_examples/genesys";

/// `$defs` entries meant to be referenced from outside the schema (not from the root).
const ENTRY_POINTS: &[&str] = &["Batch"];

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

fn def(name: &str) -> &'static Value {
    file().def(name)
}

fn validator_for_def(name: &str) -> Validator {
    file().validator_for_def(name)
}

/// The validator of `$defs/Batch`, compiled once.
fn batch_validator() -> &'static Validator {
    static VALIDATOR: OnceLock<Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| validator_for_def("Batch"))
}

#[test]
fn schema_is_a_valid_draft_2020_12_schema() {
    file()
        .assert_valid_2020_12("https://chatwire.invalid/schemas/genesys/notification.schema.json");
}

#[test]
fn schema_is_open_documented_and_has_no_dangling_refs() {
    file().assert_open_and_documented(ENTRY_POINTS);
}

/// `$defs` entries that model a `wire_struct!` of the crate, with its wire field names.
const STRUCTS: &[(&str, &[&str])] = &[
    (
        "ChatStateChangeMessage",
        genesys::ChatStateChangeMessage::FIELDS,
    ),
    ("Chat", genesys::Chat::FIELDS),
    ("Participant", genesys::Participant::FIELDS),
    ("Attachment", genesys::Attachment::FIELDS),
    ("MessageLogUpdated", genesys::MessageLogUpdated::FIELDS),
    ("MessageItem", genesys::MessageItem::FIELDS),
    ("BayeuxMessage", genesys::BayeuxMessage::FIELDS),
    ("Advice", genesys::Advice::FIELDS),
];

/// `$defs` entries that document an open enum of the crate, with its known values in order.
const ENUMS: &[(&str, &[&str])] = &[
    ("MessageType", genesys::Data::KNOWN),
    ("NotificationType", genesys::NotificationType::KNOWN),
    ("ChatState", genesys::ChatState::KNOWN),
    ("Capability", genesys::Capability::KNOWN),
    ("MessageItemType", genesys::MessageItemType::KNOWN),
    ("Visibility", genesys::Visibility::KNOWN),
    ("ParticipantType", genesys::ParticipantType::KNOWN),
    ("ChatType", genesys::ChatType::KNOWN),
];

#[test]
fn schema_matches_the_model() {
    let mut problems = Vec::new();
    for (name, fields) in STRUCTS {
        problems.extend(file().fields_mismatch(name, fields));
        // Every field is `opt` in this module: nothing is required, and `null` is accepted.
        if def(name).get("required").is_some() {
            problems.push(format!("$defs/{name}: lists required fields"));
        }
        for field in fields.iter() {
            let mut doc = serde_json::Map::new();
            doc.insert((*field).to_owned(), Value::Null);
            if !validator_for_def(name).is_valid(&Value::Object(doc)) {
                problems.push(format!("$defs/{name}: rejects `{field}: null`"));
            }
        }
    }
    for (name, known) in ENUMS {
        problems.extend(file().enum_mismatches(name, known));
        // Open to any other string, but only to strings.
        let v = validator_for_def(name);
        if v.is_valid(&json!(5)) || v.is_valid(&Value::Null) {
            problems.push(format!("$defs/{name} accepts a non-string"));
        }
    }
    // The dispatch mirrors the crate's: one branch per `Data` variant, on `messageType`, to a
    // `$defs` entry with the variant's fields; the list comes from the crate.
    problems.extend(file().dispatch_mismatches(
        "Data",
        "messageType",
        genesys::Data::FIELDS_BY_TAG,
    ));
    // Every object of the schema is compared with the crate: above, or as a dispatch target;
    // `Data` is the dispatch itself.
    let mut checked: Vec<&str> = STRUCTS.iter().map(|(name, _)| *name).collect();
    checked.push("Data");
    problems.extend(file().unchecked_objects(&checked));
    for t in genesys::Data::KNOWN {
        let n = genesys::parse_notification(&json!({ "messageType": t }).to_string())
            .unwrap_or_else(|e| panic!("{t}: {e}"));
        let data = n.data.as_ref().expect("data");
        assert!(data.is_known(), "the crate keeps `{t}` as unknown");
        assert_eq!(data.message_type(), Some(*t));
    }
    assert!(
        problems.is_empty(),
        "{SCHEMA_PATH} disagrees with the model:\n{}",
        problems.join("\n")
    );
}

/// The `.json` files of `FIXTURES/folder`, sorted.
fn fixtures(folder: &str) -> Vec<PathBuf> {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .join(FIXTURES)
        .join(folder);
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
    paths
}

#[test]
fn every_fixture_validates_against_the_schema() {
    let mut failures = Vec::new();
    let mut batch = Vec::new();
    for (folder, at_least) in [("", 16), ("related", 8), ("v3", 2)] {
        let paths = fixtures(folder);
        for path in &paths {
            let name = path
                .strip_prefix(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/..")).join(FIXTURES))
                .unwrap_or(path)
                .display()
                .to_string();
            let text =
                fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {name}: {e}"));
            let doc: Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name} is not JSON: {e}"));
            for error in schema_errors(&doc) {
                failures.push(format!("{name}: {error}"));
            }
            if let Err(e) = genesys::parse_notification(&text) {
                failures.push(format!("{name}: the crate rejects it: {e}"));
            }
            batch.push(doc);
        }
        assert!(
            paths.len() >= at_least,
            "only {} fixtures found in {FIXTURES}/{folder}",
            paths.len()
        );
    }
    // All of them together are a long-poll batch, for the schema and for the crate.
    let batch = Value::Array(batch);
    for error in errors_of(batch_validator(), &batch) {
        failures.push(format!("all fixtures as a batch: {error}"));
    }
    match genesys::parse_batch(&batch.to_string()) {
        Ok(list) if list.len() == batch.as_array().map_or(0, Vec::len) => {}
        Ok(list) => failures.push(format!("parse_batch gave {} messages", list.len())),
        Err(e) => failures.push(format!("parse_batch rejects the fixtures: {e}")),
    }
    assert!(
        failures.is_empty(),
        "{} problem(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The three forms of a message carrying `data`: alone (when it has no `data` or `channel` key,
/// else it would be a Bayeux message), `{"data": …}`, and a whole Bayeux message. The second
/// element is the JSON pointer prefix of the data object.
fn forms(data: &Value) -> Vec<(&'static str, &'static str, Value)> {
    let mut out = Vec::new();
    let is_data_alone = data
        .as_object()
        .is_some_and(|m| !m.contains_key("data") && !m.contains_key("channel"));
    if is_data_alone {
        out.push(("data alone", "", data.clone()));
    }
    out.push(("{data}", "/data", json!({ "data": data })));
    out.push((
        "Bayeux message",
        "/data",
        json!({"channel": "/v2/me/chats", "id": "42", "clientId": "1a2b3c", "data": data}),
    ));
    out
}

/// A `MessageLogUpdated` data object with `item` as its only message.
fn one_message(item: Value) -> Value {
    json!({
        "messageType": "MessageLogUpdated", "notificationType": "NewMessages",
        "chatUri": "http://gws/api/v2/chats/0000Wa9CAM6W00FN", "messages": [item]
    })
}

/// A `ChatStateChangeMessage` data object about `chat`.
fn state_change(chat: Value) -> Value {
    json!({
        "messageType": "ChatStateChangeMessage", "notificationType": "StatusChange",
        "referenceId": 17, "chat": chat
    })
}

/// A well-formed text message.
fn text_message() -> Value {
    json!({
        "index": 3, "type": "Text", "text": "Hi", "visibility": "All",
        "timestamp": "2014-01-09 11:58:12.035+0200", "timestampSeconds": 1389261492035_i64,
        "from": {"nickname": "Kristi", "type": "Agent", "participantId": "007352CE72D50290"}
    })
}

/// Data objects both the schema and the crate accept, in every form.
fn accepted_data() -> Vec<(&'static str, Value)> {
    vec![
        (
            "unknown messageType with arbitrary fields",
            json!({
                "messageType": "FutureChatMessage", "anything": {"nested": [1, 2.5, null]},
                "flag": true, "chat": 5, "messages": "not modelled here", "n": null
            }),
        ),
        ("no messageType at all", json!({"something": "else"})),
        ("an empty object", json!({})),
        (
            "other GWS topics' message types",
            json!({"messageType": "CallStateChangeMessage", "call": {"participants": ["1001"]}}),
        ),
        (
            "a plain ChatStateChangeMessage",
            state_change(json!({"id": "0000Na9B26EF002X", "state": "Chatting"})),
        ),
        ("a plain MessageLogUpdated", one_message(text_message())),
        (
            "unknown enum values everywhere",
            json!({
                "messageType": "ChatStateChangeMessage", "notificationType": "SomethingHappened",
                "chat": {
                    "id": "c", "state": "Dreaming", "chatType": "Outbound",
                    "capabilities": ["accept", "Teleport", "Accept"],
                    "participants": [{"participantId": "p", "type": "Bot", "visibility": "Agent"}]
                }
            }),
        ),
        (
            "unknown message type, visibility and participant type",
            one_message(json!({
                "index": 1, "type": "Sneeze", "visibility": "Nobody",
                "from": {"participantId": "p", "type": "Client", "visibility": "Supervisor"}
            })),
        ),
        (
            "the documented misspelling TypingStopping",
            one_message(
                json!({"index": 4, "type": "TypingStopping", "from": {"participantId": "p"}}),
            ),
        ),
        (
            "explicit null on every ChatStateChangeMessage field",
            json!({
                "messageType": "ChatStateChangeMessage", "notificationType": null, "chat": null,
                "referenceId": null, "errorMessage": null, "errorCode": null
            }),
        ),
        (
            "explicit null on every chat field",
            state_change(json!({
                "id": null, "state": null, "uri": null, "capabilities": null, "participants": null,
                "userData": null, "chatType": null, "receivedDate": null
            })),
        ),
        (
            "explicit null on every participant field",
            state_change(json!({"id": "c", "state": "Chatting", "participants": [{
                "nickname": null, "type": null, "participantId": null, "uri": null, "path": null,
                "id": null, "visibility": null
            }]})),
        ),
        (
            "explicit null on every MessageLogUpdated field",
            json!({
                "messageType": "MessageLogUpdated", "notificationType": null, "messages": null,
                "chatUri": null, "chatPath": null
            }),
        ),
        (
            "explicit null on every message field",
            one_message(json!({
                "index": null, "type": null, "from": null, "visibility": null, "timestamp": null,
                "timestampSeconds": null, "text": null, "noticeText": null, "url": null,
                "messageType": null, "userData": null
            })),
        ),
        (
            "an Error notification without chat",
            json!({
                "messageType": "ChatStateChangeMessage", "notificationType": "Error",
                "referenceId": 85, "errorMessage": "Chat is not in a valid state", "errorCode": 3
            }),
        ),
        (
            "messages not an array (an object)",
            json!({"messageType": "MessageLogUpdated", "messages": {"index": 1, "type": "Text"}}),
        ),
        (
            "messages a string",
            json!({"messageType": "MessageLogUpdated", "messages": "none", "chatPath": "/chats/x"}),
        ),
        (
            "messages a number",
            json!({"messageType": "MessageLogUpdated", "messages": 0}),
        ),
        (
            "messages a boolean",
            json!({"messageType": "MessageLogUpdated", "messages": false}),
        ),
        (
            "messages empty",
            json!({"messageType": "MessageLogUpdated", "notificationType": "NewMessages", "messages": []}),
        ),
        (
            "userData not an object",
            json!({
                "messageType": "ChatStateChangeMessage",
                "chat": {"id": "c", "state": "Invited", "userData": [{"key": "LastName", "type": "str", "value": "Smith"}]}
            }),
        ),
        (
            "userData a string on a message",
            one_message(
                json!({"index": 1, "type": "ParticipantJoined", "userData": "x", "from": {"participantId": "p"}}),
            ),
        ),
        (
            "userData with nulls, numbers and odd keys",
            state_change(json!({"id": "c", "state": "Chatting", "userData": {
                "RRequestedSkills": null, "UserData2": 123456789, "PegAG?:2>1": 1, "a.b/c": {"deep": [true]}
            }})),
        ),
        (
            "timestamps in any format, i64 extremes",
            one_message(json!({
                "index": 9_223_372_036_854_775_807_i64, "timestampSeconds": -9_223_372_036_854_775_807_i64,
                "timestamp": "2014-05-1502:24:00.000-0700", "type": "Text", "text": "", "from": {"participantId": ""}
            })),
        ),
        (
            "Workspace API v3 MessageLogUpdated",
            json!({
                "id": "022AKaDEME4A000X", "messageType": "MessageLogUpdated", "notificationType": "NewMessages",
                "messages": [{
                    "type": "Text", "index": 3, "visibility": "All", "timestamp": "2018-05-17T13:59:45.000Z",
                    "timestampSeconds": 1526565585, "text": "agent will be with you shortly ...",
                    "from": {"participantId": "00935AFD8AD10008", "type": "External", "nickname": "PoD service", "visibility": "All"}
                }]
            }),
        ),
        (
            "Workspace API v3 InteractionStateChanged",
            json!({
                "messageType": "InteractionStateChanged", "notificationType": "StatusChange",
                "interaction": {"id": "022AKaDEME4A000K", "state": "Invited", "capabilities": ["accept", "reject"],
                                "userData": [{"key": "LastName", "type": "str", "value": "Smith"}]}
            }),
        ),
        (
            "the receivedDate and chatType of a live capture",
            state_change(json!({
                "state": "Invited", "userData": {}, "id": "000XJaBEC1HH000S", "receivedDate": "2016-03-16 09:55:18.000+1000",
                "participants": [], "chatType": "Inbound", "capabilities": ["Accept", "Reject"]
            })),
        ),
        (
            "unknown fields everywhere",
            json!({
                "messageType": "MessageLogUpdated", "x-data": 1, "messages": [{
                    "index": 1, "type": "PushUrl", "url": "http://example.invalid", "x-item": [],
                    "from": {"participantId": "p", "x-from": {}}, "treatAs": "System"
                }]
            }),
        ),
        (
            "chat.attachments as the AddAttachment notification lists them",
            state_change(json!({
                "id": "0001PaBMYY3600R8", "state": "Chatting", "attachments": [
                    {"id": "0001PaBMYY3600RC", "mime": "text/plain", "name": "testfileUploadAgent.txt",
                     "path": "/attachments/0001PaBMYY3600RC", "size": 46,
                     "uri": "http://gws/api/v2/chats/0001PaBMYY3600R8/attachments/0001PaBMYY3600RC"},
                    {"id": "0000YaB6ARKB0019", "size": 20053630, "x-unknown": true}
                ]
            })),
        ),
        (
            "a SystemCommand with an unknown notice, attachment fields null",
            one_message(json!({
                "index": 1, "type": "SystemCommand", "noticeText": "file-scanned", "from": {"participantId": "p"},
                "attachment": {"fileId": null, "id": null, "name": null, "path": null, "size": null, "uri": null, "mime": null}
            })),
        ),
        (
            "a message's own messageType, a free string",
            one_message(
                json!({"index": 1, "type": "Text", "text": "Hello", "messageType": "Greeting", "from": {"participantId": "p"}}),
            ),
        ),
    ]
}

/// Whole documents both the schema and the crate accept (meta replies, forms, batches' members).
fn accepted_messages() -> Vec<(&'static str, Value)> {
    vec![
        (
            "data null on a meta reply (kept as written)",
            json!({"data": null, "channel": "/meta/connect"}),
        ),
        ("data null in form 2", json!({"data": null})),
        (
            "handshake reply",
            json!({
                "channel": "/meta/handshake", "version": "1.0", "minimumVersion": "1.0", "successful": true,
                "clientId": "1ssrl2ihf9f2zdb1n9wvbq2zmq", "supportedConnectionTypes": ["websocket", "long-polling", "callback-polling"],
                "advice": {"reconnect": "retry", "interval": 0, "timeout": 30000}, "id": "1"
            }),
        ),
        (
            "connect reply with advice",
            json!({
                "channel": "/meta/connect", "successful": true, "connectionType": "long-polling",
                "advice": {"reconnect": "retry", "interval": 0, "timeout": 30000, "maxInterval": 60000}, "id": "3"
            }),
        ),
        (
            "failed connect asking for a new handshake",
            json!({
                "channel": "/meta/connect", "successful": false, "error": "402::Unknown client",
                "advice": {"reconnect": "handshake", "interval": 500}
            }),
        ),
        (
            "subscribe replies, subscription as a string and as an array",
            json!({
                "channel": "/meta/subscribe", "successful": true, "subscription": "/v2/me/chats",
                "ext": {"ack": 3}, "timestamp": "Tue, 17 May 2018 13:59:45 GMT"
            }),
        ),
        (
            "subscribe reply, subscription as an array",
            json!({"channel": "/meta/subscribe", "successful": true, "subscription": ["/v2/me/chats", "/v2/me/calls"]}),
        ),
        (
            "explicit null on every Bayeux and advice field",
            json!({
                "channel": null, "id": null, "clientId": null, "successful": null, "error": null,
                "advice": {"reconnect": null, "interval": null, "timeout": null, "maxInterval": null},
                "ext": null, "subscription": null, "version": null, "minimumVersion": null,
                "supportedConnectionTypes": null, "connectionType": null, "timestamp": null
            }),
        ),
        (
            "advice null, unknown advice and Bayeux fields",
            json!({"channel": "/meta/disconnect", "advice": null, "transport": "x", "x-bayeux": [1]}),
        ),
        (
            "channel null makes a Bayeux message: data-like fields are not interpreted",
            json!({"channel": null, "messageType": "MessageLogUpdated", "messages": [5]}),
        ),
        (
            "top-level messageType of a Bayeux message is not interpreted",
            json!({"channel": "/v2/me/chats", "messageType": 5, "chat": "x"}),
        ),
        (
            "data with its own data and channel fields (unknown there)",
            json!({"data": {"messageType": "MessageLogUpdated", "messages": [], "channel": 5, "data": null}}),
        ),
        (
            "a data message on another topic",
            json!({"channel": "/v2/me/devices", "data": {"messageType": "DeviceStateChangeMessage", "devices": []}}),
        ),
        (
            "a malformed channel name (validation reports it)",
            json!({"channel": "v2 me chats", "data": {}}),
        ),
    ]
}

/// Data objects both the schema and the crate reject, in every form. The crate's error path
/// is given relative to the data object.
fn rejected_data() -> Vec<(&'static str, Value)> {
    vec![
        (
            "messages[0].index a string",
            one_message(
                json!({"index": "3", "type": "Text", "text": "x", "from": {"participantId": "p"}}),
            ),
        ),
        (
            "messages[0].index with a fraction",
            one_message(json!({"index": 1.5})),
        ),
        (
            "messages[0].index above i64::MAX",
            one_message(json!({"index": u64::MAX})),
        ),
        ("a message that is null", one_message(Value::Null)),
        ("a message that is a number", one_message(json!(1))),
        (
            "second message malformed",
            json!({"messageType": "MessageLogUpdated", "messages": [text_message(), "Hi"]}),
        ),
        (
            "from a string",
            one_message(json!({"index": 1, "from": "Kristi"})),
        ),
        (
            "from.participantId a number",
            one_message(
                json!({"index": 1, "from": {"nickname": "First Last", "participantId": 1, "type": "Client"}}),
            ),
        ),
        ("message type a number", one_message(json!({"type": 1}))),
        (
            "message visibility a number",
            one_message(json!({"visibility": 0})),
        ),
        (
            "message timestamp a number",
            one_message(json!({"timestamp": 1389261492035_i64})),
        ),
        (
            "timestampSeconds a string",
            one_message(json!({"timestampSeconds": "1389261492035"})),
        ),
        ("message text a number", one_message(json!({"text": 42}))),
        (
            "attachment a string",
            one_message(
                json!({"index": 1, "type": "SystemCommand", "attachment": "009F5790DAD80068"}),
            ),
        ),
        (
            "attachment.size a string",
            one_message(json!({"attachment": {"fileId": "f", "size": "46"}})),
        ),
        (
            "attachment.fileId a number",
            one_message(json!({"attachment": {"fileId": 1}})),
        ),
        (
            "chat.attachments an object",
            state_change(json!({"attachments": {"id": "0001PaBMYY3600RC"}})),
        ),
        (
            "chat.attachments with a string",
            state_change(json!({"attachments": ["0001PaBMYY3600RC"]})),
        ),
        (
            "message messageType an object",
            one_message(json!({"messageType": {"a": 1}})),
        ),
        (
            "chat.capabilities not an array",
            state_change(json!({"id": "c", "state": "Chatting", "capabilities": "Accept,Reject"})),
        ),
        (
            "chat.capabilities with null",
            state_change(json!({"capabilities": ["Accept", null]})),
        ),
        (
            "chat.capabilities with a number",
            state_change(json!({"capabilities": [1]})),
        ),
        (
            "a participant's participantId a number",
            state_change(
                json!({"id": "c", "participants": [{"nickname": "x", "participantId": 7}]}),
            ),
        ),
        (
            "a participant that is a string",
            state_change(json!({"participants": ["1001"]})),
        ),
        (
            "chat.participants an object",
            state_change(json!({"participants": {"nickname": "x"}})),
        ),
        ("chat an array", state_change(json!([]))),
        ("chat a string", state_change(json!("0000Na9B26EF002X"))),
        ("chat.id a number", state_change(json!({"id": 42}))),
        ("chat.state a number", state_change(json!({"state": 1}))),
        ("chat.uri an object", state_change(json!({"uri": {}}))),
        (
            "chat.receivedDate a number",
            state_change(json!({"receivedDate": 1458086118000_i64})),
        ),
        (
            "chat.chatType a boolean",
            state_change(json!({"chatType": true})),
        ),
        (
            "referenceId a string",
            json!({"messageType": "ChatStateChangeMessage", "referenceId": "83"}),
        ),
        (
            "referenceId with a fraction",
            json!({"messageType": "ChatStateChangeMessage", "referenceId": 83.5}),
        ),
        (
            "errorCode a boolean",
            json!({"messageType": "ChatStateChangeMessage", "notificationType": "Error", "errorCode": true}),
        ),
        (
            "errorMessage a number",
            json!({"messageType": "ChatStateChangeMessage", "notificationType": "Error", "errorMessage": 500}),
        ),
        (
            "notificationType a number",
            json!({"messageType": "ChatStateChangeMessage", "notificationType": 1}),
        ),
        (
            "MessageLogUpdated notificationType an array",
            json!({"messageType": "MessageLogUpdated", "notificationType": ["NewMessages"]}),
        ),
        (
            "chatUri a number",
            json!({"messageType": "MessageLogUpdated", "messages": [], "chatUri": 1}),
        ),
        (
            "chatPath an array",
            json!({"messageType": "MessageLogUpdated", "chatPath": ["/chats/x"]}),
        ),
        ("messageType a number", json!({"messageType": 5})),
        ("messageType null", json!({"messageType": null, "chat": {}})),
        (
            "messageType a boolean on an otherwise unknown object",
            json!({"a": 1, "messageType": true}),
        ),
    ]
}

/// Whole documents both the schema and the crate reject.
fn rejected_messages() -> Vec<(&'static str, Value)> {
    vec![
        (
            "channel a number",
            json!({"channel": 5, "data": {"messageType": "MessageLogUpdated"}}),
        ),
        ("channel a number, no data", json!({"channel": 5})),
        (
            "a data object with an object-valued channel is read as a Bayeux message",
            json!({"messageType": "ChannelStateChangeMessage", "channel": {"name": "chat"}}),
        ),
        (
            "data a string",
            json!({"data": "{\"messageType\":\"MessageLogUpdated\"}"}),
        ),
        (
            "data an array",
            json!({"channel": "/v2/me/chats", "data": [{"messageType": "X"}]}),
        ),
        ("id a number", json!({"channel": "/meta/connect", "id": 5})),
        (
            "clientId a number",
            json!({"channel": "/meta/connect", "clientId": 1}),
        ),
        (
            "successful a string",
            json!({"channel": "/meta/connect", "successful": "true"}),
        ),
        (
            "error an object",
            json!({"channel": "/meta/connect", "error": {"code": 402}}),
        ),
        (
            "advice an array",
            json!({"channel": "/meta/connect", "advice": []}),
        ),
        (
            "advice.interval a string",
            json!({"channel": "/meta/connect", "advice": {"interval": "500"}}),
        ),
        (
            "advice.timeout with a fraction",
            json!({"channel": "/meta/connect", "advice": {"timeout": 0.5}}),
        ),
        (
            "advice.reconnect a number",
            json!({"channel": "/meta/connect", "advice": {"reconnect": 1}}),
        ),
        (
            "supportedConnectionTypes a string",
            json!({"channel": "/meta/handshake", "supportedConnectionTypes": "long-polling"}),
        ),
        (
            "supportedConnectionTypes with null",
            json!({"channel": "/meta/handshake", "supportedConnectionTypes": ["long-polling", null]}),
        ),
        (
            "version a number",
            json!({"channel": "/meta/handshake", "version": 1.0}),
        ),
        (
            "Bayeux timestamp a number",
            json!({"channel": "/v2/me/chats", "data": {}, "timestamp": 1}),
        ),
        (
            "a batch is not one notification",
            json!([{"channel": "/meta/connect", "successful": true}]),
        ),
        ("top level a string", json!("notification")),
        ("top level null", Value::Null),
    ]
}

/// Checks that the crate and the schema both accept `doc`, and that they put it in the same
/// form (Bayeux message or data object alone).
fn check_accepted(name: &str, doc: &Value, problems: &mut Vec<String>) {
    static IS_BAYEUX: OnceLock<Validator> = OnceLock::new();
    let is_bayeux = IS_BAYEUX.get_or_init(|| file().validator_for(&def("Notification")["if"]));
    let errors = schema_errors(doc);
    if !errors.is_empty() {
        problems.push(format!(
            "{name}: the schema rejects it:\n  {}",
            errors.join("\n  ")
        ));
    }
    match genesys::parse_notification(&doc.to_string()) {
        Err(e) => problems.push(format!("{name}: the crate rejects it: {e}")),
        Ok(n) => {
            if n.bayeux.is_some() != is_bayeux.is_valid(doc) {
                problems.push(format!(
                    "{name}: the crate reads it as {}, the schema does not",
                    if n.bayeux.is_some() {
                        "a Bayeux message"
                    } else {
                        "a data object alone"
                    }
                ));
            }
        }
    }
}

/// Checks that the crate rejects `doc` and that the schema objects at the crate's error path or
/// at a value enclosing it; returns the crate's error path.
fn check_rejected(
    name: &str,
    doc: &Value,
    validator: &Validator,
    parse: impl Fn(&str) -> Result<(), chatwire::ParseError>,
    problems: &mut Vec<String>,
) -> Option<String> {
    let crate_error = match parse(&doc.to_string()) {
        Ok(()) => {
            problems.push(format!("{name}: the crate accepts it: {doc}"));
            return None;
        }
        Err(e) => e,
    };
    // The schema must object at the place the crate objects to, or at an enclosing value (a
    // failed `anyOf` of a nullable field is reported on the field that holds it).
    let target = pointer_of(crate_error.path());
    let errors: Vec<(String, String)> = validator
        .iter_errors(doc)
        .map(|e| (e.instance_path.to_string(), e.to_string()))
        .collect();
    let encloses = |at: &str| target == at || target.starts_with(&format!("{at}/"));
    if errors.is_empty() {
        problems.push(format!("{name}: the schema accepts it: {doc}"));
    } else if !errors.iter().any(|(at, _)| encloses(at)) {
        problems.push(format!(
            "{name}: the crate rejects `{target}` ({crate_error}) but the schema objects elsewhere:\n  {}",
            errors
                .iter()
                .map(|(at, e)| format!("`{at}`: {e}"))
                .collect::<Vec<_>>()
                .join("\n  ")
        ));
    }
    Some(target)
}

fn parse_one(json: &str) -> Result<(), chatwire::ParseError> {
    genesys::parse_notification(json).map(drop)
}

fn parse_many(json: &str) -> Result<(), chatwire::ParseError> {
    genesys::parse_batch(json).map(drop)
}

#[test]
fn schema_and_crate_agree_on_accepted_documents() {
    let mut problems = Vec::new();
    let mut count = 0;
    for (name, data) in accepted_data() {
        for (form, _, doc) in forms(&data) {
            check_accepted(&format!("{name} ({form})"), &doc, &mut problems);
            count += 1;
        }
    }
    for (name, doc) in accepted_messages() {
        check_accepted(name, &doc, &mut problems);
        count += 1;
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(count >= 90, "only {count} accepted documents");
}

#[test]
fn schema_and_crate_agree_on_rejected_documents() {
    let mut problems = Vec::new();
    for (name, data) in rejected_data() {
        // The same mistake is found at the same place of the data object in every form.
        let mut targets = BTreeSet::new();
        for (form, prefix, doc) in forms(&data) {
            let name = format!("{name} ({form})");
            if let Some(target) = check_rejected(&name, &doc, validator(), parse_one, &mut problems)
            {
                match target.strip_prefix(prefix) {
                    Some(relative) => {
                        targets.insert(relative.to_owned());
                    }
                    None => problems.push(format!(
                        "{name}: the crate's error `{target}` is outside the data object"
                    )),
                }
            }
        }
        if targets.len() > 1 {
            problems.push(format!(
                "{name}: the crate names different places in different forms: {targets:?}"
            ));
        }
    }
    for (name, doc) in rejected_messages() {
        check_rejected(name, &doc, validator(), parse_one, &mut problems);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn batches_are_arrays_of_notifications() {
    let mut problems = Vec::new();
    let accepted = [
        ("empty batch", json!([])),
        (
            "meta replies and data messages in all forms",
            json!([
                {"channel": "/meta/connect", "successful": true, "advice": {"timeout": 30000}},
                {"channel": "/v2/me/chats", "data": one_message(text_message())},
                {"data": state_change(json!({"id": "c", "state": "Completed"}))},
                one_message(text_message()),
                {}
            ]),
        ),
    ];
    for (name, doc) in &accepted {
        for error in errors_of(batch_validator(), doc) {
            problems.push(format!("{name}: {error}"));
        }
        if let Err(e) = parse_many(&doc.to_string()) {
            problems.push(format!("{name}: parse_batch rejects it: {e}"));
        }
        // A batch is not one notification, for either of them.
        if validator().is_valid(doc) {
            problems.push(format!("{name}: the root schema accepts a batch"));
        }
        if genesys::parse_notification(&doc.to_string()).is_ok() {
            problems.push(format!("{name}: parse_notification accepts a batch"));
        }
    }
    let rejected = [
        ("a single message", json!({"channel": "/meta/connect"})),
        ("an element that is not an object", json!([{}, 5])),
        (
            "second element's channel a number",
            json!([{"channel": "/meta/connect"}, {"channel": 5}]),
        ),
        (
            "an index deep in the third element",
            json!([{}, {}, {"channel": "/v2/me/chats", "data": one_message(json!({"index": "1"}))}]),
        ),
        (
            "a data object alone in a batch",
            json!([state_change(
                json!({"participants": [{"participantId": 1}]})
            )]),
        ),
    ];
    for (name, doc) in &rejected {
        check_rejected(name, doc, batch_validator(), parse_many, &mut problems);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn crate_paths_convert_to_json_pointers() {
    assert_eq!(pointer_of(""), "");
    assert_eq!(pointer_of("channel"), "/channel");
    assert_eq!(
        pointer_of("data.messages[0].index"),
        "/data/messages/0/index"
    );
    assert_eq!(pointer_of("[1].channel"), "/1/channel");
    assert_eq!(
        pointer_of("[2].data.chat.participants[0].participantId"),
        "/2/data/chat/participants/0/participantId"
    );
    assert_eq!(
        pointer_of(r#"chat.userData["a.b/c"]"#),
        "/chat/userData/a.b~1c"
    );
    // And the crate names paths that way.
    let e = genesys::parse_batch(
        r#"[{}, {"data": {"messageType": "MessageLogUpdated", "messages": [{"index": "1"}]}}]"#,
    )
    .expect_err("index is a string");
    assert_eq!(e.path(), "[1].data.messages[0].index");
}

/// What JSON Schema cannot express, pinned so that a change on either side is noticed: the
/// schema's description states these limits.
#[test]
fn known_limits_of_the_schema() {
    // JSON Schema counts 3.0 and 1e3 as integers; serde's i64 does not.
    for index in ["3.0", "1e3"] {
        let doc =
            format!(r#"{{"messageType":"MessageLogUpdated","messages":[{{"index":{index}}}]}}"#);
        let value: Value = serde_json::from_str(&doc).expect("valid JSON");
        assert!(
            validator().is_valid(&value),
            "the schema should accept {index} as an integer"
        );
        assert!(
            genesys::parse_notification(&doc).is_err(),
            "the crate should reject {index} as an i64"
        );
    }

    // Duplicate keys are invisible once parsed into a `Value` (the last one wins).
    for doc in [
        r#"{"messageType":"FutureMessage","a":1,"a":2}"#,
        r#"{"messageType":"MessageLogUpdated","messageType":"MessageLogUpdated"}"#,
        r#"{"channel":"/meta/connect","channel":"/meta/connect"}"#,
    ] {
        let value: Value = serde_json::from_str(doc).expect("valid JSON");
        assert!(validator().is_valid(&value), "{doc}");
        assert!(
            genesys::parse_notification(doc).is_err(),
            "the crate should reject a duplicate key: {doc}"
        );
    }
}
