//! The model's `Deserialize` with any deserializer: for every fixture of both vendors, in every
//! form the corpus tests use, each public type reachable from it comes back through
//! `from_str`, `from_slice`, `from_reader`, `from_value` and CBOR (ciborium) as the `parse_*`
//! functions give it, and serializes as before. Plus: entries of `extra` cannot shadow modelled
//! fields, errors name wire paths without private markers, and deep nesting is an error.
//!
//! What "the same" means (see `chatwire::json`): through the text entry points, `==`; through
//! CBOR, `==` (a malformed change's error locates it in the text written out, so there only
//! the serialization, the path and the message are compared); through a `Value`, an equal
//! serialization (a `Value` may sort keys and respell numbers, and `RawJson` compares text).

use std::fmt::Debug;
use std::path::Path;

use chatwire::events::ChatEvent;
use chatwire::json::{Extra, RawJson};
use chatwire::liveperson::{
    self, ChangeItem, ConversationChange, Event, MessagingChange, Metadata,
};
use chatwire::tracker::ConversationTracker;
use chatwire::{AnyNotification, genesys};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

mod common;

/// How strictly a value read back must match.
#[derive(Clone, Copy, PartialEq)]
enum Other {
    /// `==`.
    Equal,
    /// Equal serialization, and malformed changes with the same path and message (the value
    /// holds malformed changes, whose errors locate them in the text they were read from).
    Serialized,
}

impl Other {
    fn assert<T: Serialize + PartialEq + Debug>(self, got: &T, expected: &T, what: &str) {
        match self {
            Other::Equal => assert_eq!(got, expected, "{what}"),
            Other::Serialized => {
                assert_eq!(
                    serde_json::to_string(got).unwrap(),
                    serde_json::to_string(expected).unwrap(),
                    "{what}"
                );
                let errors = |v: &T| {
                    let debug = format!("{v:?}");
                    debug.matches("path: ").count()
                };
                assert_eq!(errors(got), errors(expected), "{what}: malformed changes");
            }
        }
    }
}

/// Counts of the checks made, so that the walk cannot silently check nothing.
#[derive(Default)]
struct Seen {
    values: usize,
    cbor: usize,
    from_value: usize,
}

fn cbor<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = Vec::new();
    ciborium::into_writer(value, &mut bytes).expect("CBOR serialization");
    bytes
}

/// `value`, whose JSON text is `text` (a fixture, or its serialization), comes back the same
/// through every entry point, and serializes to the JSON value of `text`.
///
/// `text_is_input`: `text` is what `expected` was parsed from (through the text entry points
/// the value is then `==`); otherwise `other` applies to them too.
fn check<T>(seen: &mut Seen, what: &str, expected: &T, text: &str, other: Other)
where
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    check_text(seen, what, expected, text, Other::Equal, other);
}

fn check_text<T>(seen: &mut Seen, what: &str, expected: &T, text: &str, texts: Other, other: Other)
where
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    seen.values += 1;
    let from_str: T =
        serde_json::from_str(text).unwrap_or_else(|e| panic!("{what}: from_str: {e}\n{text}"));
    texts.assert(&from_str, expected, &format!("{what}: from_str"));
    let from_slice: T = serde_json::from_slice(text.as_bytes())
        .unwrap_or_else(|e| panic!("{what}: from_slice: {e}"));
    texts.assert(&from_slice, expected, &format!("{what}: from_slice"));
    let from_reader: T = serde_json::from_reader(std::io::Cursor::new(text.as_bytes()))
        .unwrap_or_else(|e| panic!("{what}: from_reader: {e}"));
    texts.assert(&from_reader, expected, &format!("{what}: from_reader"));

    // Lossless: what was read serializes to the JSON value of the text. (A few regression
    // fixtures hold numbers beyond `f64`, which a `Value` cannot hold: they are compared as
    // text through the other formats only.)
    let value = serde_json::from_str::<Value>(text).ok();
    if let Some(value) = &value {
        let written = serde_json::to_value(&from_str).unwrap();
        if let Some(d) = common::first_difference(value, &written) {
            panic!("{what}: serialization differs at {d}");
        }
        let from_value: T = serde_json::from_value(value.clone())
            .unwrap_or_else(|e| panic!("{what}: from_value: {e}"));
        let by_ref = T::deserialize(value).unwrap_or_else(|e| panic!("{what}: &Value: {e}"));
        for (how, got) in [("from_value", &from_value), ("&Value", &by_ref)] {
            let written = serde_json::to_value(got).unwrap();
            if let Some(d) = common::first_difference(value, &written) {
                panic!("{what}: {how}: differs at {d}");
            }
        }
        seen.from_value += 1;
    }

    let bytes = cbor(expected);
    let from_cbor: T = ciborium::from_reader(&bytes[..])
        .unwrap_or_else(|e| panic!("{what}: from CBOR: {e:?}\n{text}"));
    other.assert(&from_cbor, expected, &format!("{what}: CBOR"));
    seen.cbor += 1;
}

/// [`check`] on the value's own serialization.
fn check_serialized<T>(seen: &mut Seen, what: &str, expected: &T)
where
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    let text = serde_json::to_string(expected).unwrap();
    check(seen, what, expected, &text, Other::Equal);
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The `.json` files of a fixture folder, sorted.
fn json_files(folder: &str) -> Vec<(String, String)> {
    let dir = root().join("tests/webhooks_examples").join(folder);
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let name = format!("{folder}/{}", p.file_name().unwrap().to_string_lossy());
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// Every LivePerson document the corpus tests read: the notifications as written and
/// compacted, the bodies of the SDK feeds wrapped in an envelope, single changes wrapped in
/// a messaging notification, and the regression inputs.
fn liveperson_documents() -> Vec<(String, String)> {
    let mut docs = Vec::new();
    for (name, text) in json_files("liveperson") {
        let compact =
            serde_json::to_string(&serde_json::from_str::<Value>(&text).unwrap()).unwrap();
        docs.push((format!("{name} (compact)"), compact));
        docs.push((name, text));
    }
    for (name, text) in json_files("liveperson/partial") {
        let value: Value = serde_json::from_str(&text).unwrap();
        let Some(object) = value.as_object() else {
            continue;
        };
        if object.contains_key("changes") {
            for ty in [
                "ms.MessagingEventNotification",
                "cqm.ExConversationChangeNotification",
            ] {
                let doc = format!(r#"{{"kind":"notification","type":"{ty}","body":{text}}}"#);
                docs.push((format!("{name} (body of {ty})"), doc));
            }
        } else if object.contains_key("body") || object.contains_key("kind") {
            docs.push((name, text));
        } else {
            let ty = if object.contains_key("result") {
                "cqm.ExConversationChangeNotification"
            } else {
                "ms.MessagingEventNotification"
            };
            let doc =
                format!(r#"{{"kind":"notification","type":"{ty}","body":{{"changes":[{text}]}}}}"#);
            docs.push((format!("{name} (as a change)"), doc));
        }
    }
    for (name, text) in json_files("regressions") {
        if name.contains("liveperson") {
            docs.push((name, text));
        }
    }
    // One malformed change among good ones, on several lines (errors carry a position).
    docs.push((
        "a malformed change".to_owned(),
        r#"{"kind":"notification","type":"ms.MessagingEventNotification","body":{"changes":[
          {"sequence":1,"dialogId":"d1","event":{"type":"ChatStateEvent","chatState":"COMPOSING"}},
          {"sequence":2,"dialogId":"d1","event":{"type":"AcceptStatusEvent","status":"READ","sequenceList":[1,"x"]}},
          {"sequence":3,"dialogId":"d1","event":{"type":"ContentEvent","contentType":"text/plain","message":"hi"}}
        ]}}"#
            .to_owned(),
    ));
    docs
}

/// Every Genesys document the corpus tests read, in the four forms of a message (as written,
/// `data` alone, `{"data": …}`, a Bayeux message), and the regression inputs.
fn genesys_documents() -> Vec<(String, String)> {
    let mut docs = Vec::new();
    for folder in ["genesys", "genesys/related", "genesys/v3"] {
        for (name, text) in json_files(folder) {
            let value: Value = serde_json::from_str(&text).unwrap();
            let data = value.get("data").cloned().unwrap_or_else(|| value.clone());
            docs.push((format!("{name} (data alone)"), data.to_string()));
            docs.push((
                format!("{name} (in data)"),
                serde_json::json!({ "data": data }).to_string(),
            ));
            docs.push((
                format!("{name} (Bayeux)"),
                serde_json::json!({"data": data, "channel": "/v2/me/chats", "id": "7"}).to_string(),
            ));
            docs.push((name, text));
        }
    }
    for (name, text) in json_files("regressions") {
        if name.contains("genesys") {
            docs.push((name, text));
        }
    }
    docs
}

fn check_events<'a>(seen: &mut Seen, name: &str, events: impl Iterator<Item = ChatEvent<'a>>) {
    for (i, event) in events.enumerate() {
        let event: ChatEvent<'static> = event.into_owned();
        check_serialized(seen, &format!("{name}: events()[{i}]"), &event);
    }
}

fn check_messaging_change(seen: &mut Seen, what: &str, change: &MessagingChange) {
    check_serialized(seen, what, change);
    if let Some(m) = &change.originator_metadata {
        check_serialized(seen, &format!("{what}.originatorMetadata"), m);
    }
    for (i, m) in change.metadata.iter().flatten().enumerate() {
        check_serialized::<Metadata>(seen, &format!("{what}.metadata[{i}]"), m);
        if let Metadata::Unknown(u) = m {
            check_serialized(seen, &format!("{what}.metadata[{i}]"), u);
        }
    }
    let Some(event) = &change.event else { return };
    let what = format!("{what}.event");
    check_serialized::<Event>(seen, &what, event);
    match event {
        Event::Content(e) => {
            check_serialized(seen, &what, &**e);
            match &e.content {
                liveperson::Content::HostedFile(f) => check_serialized(seen, &what, f),
                liveperson::Content::SecureInvitation(f) => check_serialized(seen, &what, f),
                liveperson::Content::SecureSubmission(f) => check_serialized(seen, &what, f),
                liveperson::Content::ExternalFile(raw) => check_serialized(seen, &what, raw),
                _ => {}
            }
            if let Some(q) = &e.quick_replies {
                check_serialized::<RawJson>(seen, &what, q);
            }
        }
        Event::RichContent(e) => check_serialized(seen, &what, e),
        Event::AcceptStatus(e) => check_serialized(seen, &what, e),
        Event::ChatState(e) => check_serialized(seen, &what, e),
        Event::Unknown(e) => check_serialized(seen, &what, e),
        _ => {}
    }
}

fn check_conversation_change(seen: &mut Seen, what: &str, change: &ConversationChange) {
    check_serialized(seen, what, change);
    let Some(result) = &change.result else { return };
    check_serialized(seen, &format!("{what}.result"), result);
    if let Some(c) = &result.last_content_event_notification {
        check_messaging_change(
            seen,
            &format!("{what}.result.lastContentEventNotification"),
            c,
        );
    }
    let Some(details) = &result.conversation_details else {
        return;
    };
    let what = format!("{what}.result.conversationDetails");
    check_serialized(seen, &what, &**details);
    if let Some(p) = &details.participants {
        check_serialized(seen, &format!("{what}.participants"), p);
    }
    for (i, dialog) in details.dialogs.iter().flatten().enumerate() {
        check_serialized(seen, &format!("{what}.dialogs[{i}]"), dialog);
        for (j, p) in dialog.participants_details.iter().flatten().enumerate() {
            check_serialized(
                seen,
                &format!("{what}.dialogs[{i}].participantsDetails[{j}]"),
                p,
            );
        }
    }
    if let Some(c) = &details.context {
        check_serialized(seen, &format!("{what}.context"), &**c);
    }
    if let Some(c) = &details.campaign_info {
        check_serialized(seen, &format!("{what}.campaignInfo"), c);
    }
}

fn check_items<C>(seen: &mut Seen, name: &str, envelope: &liveperson::Envelope<C>, text: &str)
where
    C: liveperson::ChangeKind + PartialEq + Debug,
    liveperson::Envelope<C>: PartialEq + Debug,
{
    let other = if envelope.malformed_changes().next().is_some() {
        Other::Serialized
    } else {
        Other::Equal
    };
    check(seen, &format!("{name}: envelope"), envelope, text, other);
    let body = serde_json::to_string(&envelope.body).unwrap();
    check_text(
        seen,
        &format!("{name}: body"),
        &envelope.body,
        &body,
        other,
        other,
    );
    for (i, item) in envelope.body.changes.iter().enumerate() {
        let what = format!("{name}: body.changes[{i}]");
        let text = serde_json::to_string(item).unwrap();
        match item {
            ChangeItem::Parsed(_) => check(seen, &what, item, &text, Other::Equal),
            ChangeItem::Malformed(m) => {
                // Read on its own, a malformed change is malformed again, for the same reason.
                let again: ChangeItem<C> = serde_json::from_str(&text).unwrap();
                let ChangeItem::Malformed(again) = again else {
                    panic!("{what}: parsed on its own");
                };
                assert_eq!(again.json(), m.json(), "{what}");
                assert_eq!(again.error().message(), m.error().message(), "{what}");
                let from_cbor: ChangeItem<C> = ciborium::from_reader(&cbor(item)[..]).unwrap();
                assert!(matches!(from_cbor, ChangeItem::Malformed(_)), "{what}");
            }
            _ => {}
        }
    }
}

#[test]
fn every_liveperson_fixture_and_its_parts_through_every_entry_point() {
    let mut seen = Seen::default();
    let mut malformed = 0;
    for (name, text) in liveperson_documents() {
        let Ok(n) = chatwire::parse_notification(&text) else {
            continue;
        };
        let other = if n.malformed_changes().is_empty() {
            Other::Equal
        } else {
            malformed += 1;
            Other::Serialized
        };
        check(&mut seen, &name, &n, &text, other);
        let any = chatwire::parse_any(&text).unwrap();
        check::<AnyNotification>(&mut seen, &name, &any, &text, other);
        match &n {
            liveperson::Notification::MessagingEvent(e) => {
                check_items(&mut seen, &name, e, &text);
                for (i, change) in e.changes().enumerate() {
                    check_messaging_change(&mut seen, &format!("{name}: changes[{i}]"), change);
                }
            }
            liveperson::Notification::ConversationChange(e) => {
                check_items(&mut seen, &name, e, &text);
                for (i, change) in e.changes().enumerate() {
                    check_conversation_change(&mut seen, &format!("{name}: changes[{i}]"), change);
                }
            }
            liveperson::Notification::Unknown(u) => check(&mut seen, &name, u, &text, other),
            _ => unreachable!(),
        }
        check_events(&mut seen, &name, n.events());
    }
    assert!(
        malformed >= 2,
        "{malformed} documents with malformed changes"
    );
    assert!(seen.values > 1_000, "{} values", seen.values);
    assert!(seen.cbor == seen.values, "{} through CBOR", seen.cbor);
    assert!(
        seen.from_value + 10 > seen.values,
        "{} through Value",
        seen.from_value
    );
}

#[test]
fn every_genesys_fixture_and_its_parts_through_every_entry_point() {
    let mut seen = Seen::default();
    let mut envelopes = Vec::new();
    for (name, text) in genesys_documents() {
        let n = genesys::parse_notification(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        check(&mut seen, &name, &n, &text, Other::Equal);
        if let Ok(any) = chatwire::parse_any(&text) {
            check::<AnyNotification>(&mut seen, &name, &any, &text, Other::Equal);
        }
        if let Some(bayeux) = &n.bayeux {
            check_serialized(&mut seen, &format!("{name}: Bayeux"), &**bayeux);
            envelopes.push(text.clone());
        }
        if let Some(data) = &n.data {
            check_serialized::<genesys::Data>(&mut seen, &format!("{name}: data"), data);
            match data {
                genesys::Data::MessageLogUpdated(log) => {
                    check_serialized(&mut seen, &format!("{name}: data"), &**log);
                    if let Some(messages) = &log.messages {
                        check_serialized(&mut seen, &format!("{name}: messages"), messages);
                    }
                    for (i, item) in log.items().iter().enumerate() {
                        let what = format!("{name}: messages[{i}]");
                        check_serialized(&mut seen, &what, item);
                        if let Some(from) = &item.from {
                            check_serialized(&mut seen, &format!("{what}.from"), from);
                        }
                        if let Some(user_data) = &item.user_data {
                            check_serialized(&mut seen, &format!("{what}.userData"), user_data);
                        }
                        if let Some(attachment) = &item.attachment {
                            check_serialized(&mut seen, &format!("{what}.attachment"), attachment);
                        }
                    }
                }
                genesys::Data::ChatStateChange(change) => {
                    check_serialized(&mut seen, &format!("{name}: data"), &**change);
                    if let Some(chat) = &change.chat {
                        check_serialized(&mut seen, &format!("{name}: chat"), chat);
                        for (i, p) in chat.participants.iter().flatten().enumerate() {
                            let what = format!("{name}: chat.participants[{i}]");
                            check_serialized(&mut seen, &what, p);
                        }
                        for (i, a) in chat.attachments.iter().flatten().enumerate() {
                            let what = format!("{name}: chat.attachments[{i}]");
                            check_serialized(&mut seen, &what, a);
                        }
                    }
                }
                genesys::Data::Unknown(u) => {
                    check_serialized(&mut seen, &format!("{name}: data"), u);
                }
                _ => {}
            }
        }
        check_events(&mut seen, &name, n.events());
    }
    // A long-poll batch of every Bayeux message: `Vec<Notification>` as `parse_batch` reads it.
    let batch = format!("[{}]", envelopes.join(","));
    let parsed = genesys::parse_batch(&batch).unwrap();
    check(&mut seen, "batch", &parsed, &batch, Other::Equal);
    assert!(envelopes.len() > 50, "{} envelopes", envelopes.len());
    assert!(seen.values > 600, "{} values", seen.values);
    assert!(seen.cbor == seen.values, "{} through CBOR", seen.cbor);
    assert!(
        seen.from_value + 10 > seen.values,
        "{} through Value",
        seen.from_value
    );
}

/// A tracker fed every fixture conversation and every fixture is restored through every entry
/// point, and goes on as the original does.
#[test]
fn a_tracker_state_is_restored_through_every_entry_point() {
    let mut tracker = ConversationTracker::default();
    let dir = root().join("tests/webhooks_examples/conversations");
    let mut fed = 0;
    for name in [
        "liveperson_dc_webhooks_5491244f.jsonl",
        "liveperson_devassist_f2384f56.jsonl",
        "genesys_chat_0000Na9B26EF002X.jsonl",
    ] {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            tracker.ingest_json(line).unwrap();
            fed += 1;
        }
    }
    for (_, text) in liveperson_documents().iter().chain(&genesys_documents()) {
        if tracker.ingest_json(text).is_ok() {
            fed += 1;
        }
    }
    assert!(fed > 200, "{fed}");
    assert!(tracker.conversations().count() >= 5);
    let mut seen = Seen::default();
    check_serialized(&mut seen, "tracker", &tracker);

    // The restored trackers go on as the original: the same events for the same input.
    let text = serde_json::to_string(&tracker).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    let restored = [
        serde_json::from_reader(text.as_bytes()).unwrap(),
        serde_json::from_value(value).unwrap(),
        ciborium::from_reader::<ConversationTracker, _>(&cbor(&tracker)[..]).unwrap(),
    ];
    let next = r#"{"kind":"notification","type":"ms.MessagingEventNotification","body":{"changes":[
        {"sequence":1000,"serverTimestamp":1528371999000,"dialogId":"5491244f-e462-4c63-bf4e-faf4b2d3e7b5",
         "originatorMetadata":{"id":"c1","role":"CONSUMER"},
         "event":{"type":"ContentEvent","contentType":"text/plain","message":"still here"}}]}}"#;
    let expected = tracker.clone().ingest_json(next).unwrap();
    for mut r in restored {
        let got = r.ingest_json(next).unwrap();
        assert_eq!(
            serde_json::to_value(&got.events).unwrap(),
            serde_json::to_value(&expected.events).unwrap()
        );
        assert_eq!(got.duplicates, expected.duplicates);
    }
}

/// Raw subtrees come back byte for byte through CBOR (spacing and number spelling included),
/// and the shared building blocks (`RawJson`, `Extra`) take any deserializer.
#[test]
fn raw_json_and_extra_through_cbor_byte_for_byte() {
    let text = r#"{"content": { "type" : "vertical", "n": 1.50e3, "big": 123456789012345678901234567890 },
        "x-vendor": [ 1.0 , "\u00e9" ]}"#;
    let change: MessagingChange = serde_json::from_str(&format!(
        r#"{{"event":{{"type":"RichContentEvent","content":{}}},"x":{}}}"#,
        r#"{ "type" : "vertical", "n": 1.50e3 }"#, r#"[ 1.0 , "\u00e9" ]"#
    ))
    .unwrap();
    let back: MessagingChange = ciborium::from_reader(&cbor(&change)[..]).unwrap();
    assert_eq!(back, change);
    let Some(Event::RichContent(e)) = &back.event else {
        panic!("{back:?}")
    };
    assert_eq!(e.content.get(), r#"{ "type" : "vertical", "n": 1.50e3 }"#);
    assert_eq!(back.extra.get("x").unwrap().get(), r#"[ 1.0 , "\u00e9" ]"#);

    let raw = RawJson::from_json(text).unwrap();
    let back: RawJson = ciborium::from_reader(&cbor(&raw)[..]).unwrap();
    assert_eq!(back.get(), text);
    let back: RawJson = serde_json::from_reader(text.as_bytes()).unwrap();
    assert_eq!(back.get(), text.trim());

    let extra: Extra = serde_json::from_str(r#"{"b":1,"a":{"c":null}}"#).unwrap();
    assert_eq!(extra.keys().collect::<Vec<_>>(), ["b", "a"]);
    assert_eq!(
        serde_json::to_string(&extra).unwrap(),
        r#"{"b":1,"a":{"c":null}}"#
    );
    let back: Extra = ciborium::from_reader(&cbor(&extra)[..]).unwrap();
    assert_eq!(back, extra);
    let duplicate = serde_json::from_str::<Extra>(r#"{"a":1,"a":2}"#).unwrap_err();
    assert!(
        duplicate.to_string().contains("duplicate field `a`"),
        "{duplicate}"
    );

    // A value of another format without raw subtrees is written out as JSON: plain CBOR data
    // (no raw-value token anywhere) reads as a change.
    let plain = ciborium::Value::Map(vec![
        ("sequence".into(), 4.into()),
        (
            "event".into(),
            ciborium::Value::Map(vec![
                ("type".into(), "AcceptStatusEvent".into()),
                ("status".into(), "READ".into()),
                (
                    "sequenceList".into(),
                    ciborium::Value::Array(vec![1.into(), 2.into()]),
                ),
            ]),
        ),
        ("x".into(), ciborium::Value::Float(0.5)),
    ]);
    let change: MessagingChange = ciborium::from_reader(&cbor(&plain)[..]).unwrap();
    assert_eq!(
        serde_json::to_string(&change).unwrap(),
        r#"{"sequence":4,"event":{"type":"AcceptStatusEvent","status":"READ","sequenceList":[1,2]},"x":0.5}"#
    );
    // A number JSON cannot write is an error.
    let nan = ciborium::Value::Map(vec![("x".into(), ciborium::Value::Float(f64::NAN))]);
    let err = ciborium::from_reader::<MessagingChange, _>(&cbor(&nan)[..]).unwrap_err();
    assert!(format!("{err:?}").contains("has no JSON form"), "{err:?}");
    // A raw-value map whose text is not one JSON value cannot inject fields.
    let token = "$serde_json::private::RawValue";
    let injected = ciborium::Value::Map(vec![(
        "x".into(),
        ciborium::Value::Map(vec![(token.into(), r#"1,"sequence":5"#.into())]),
    )]);
    assert!(ciborium::from_reader::<MessagingChange, _>(&cbor(&injected)[..]).is_err());
}

/// `extra` cannot shadow a modelled field: serializing skips an entry named like a modelled
/// field or a tag, except the `null` of an unset optional field.
#[test]
fn extra_cannot_shadow_modelled_fields() {
    let text = r#"{"sequence":3,"dialogId":"d1","event":{"type":"ChatStateEvent","chatState":"COMPOSING"}}"#;
    let mut change: MessagingChange = serde_json::from_str(text).unwrap();
    let reparse = |c: &MessagingChange| -> MessagingChange {
        let json = serde_json::to_string(c).unwrap();
        chatwire::parse_notification(&format!(
            r#"{{"type":"ms.MessagingEventNotification","body":{{"changes":[{json}]}}}}"#
        ))
        .unwrap()
        .messaging_changes()
        .next()
        .unwrap()
        .clone()
    };
    // A set field: the entry is not written.
    change
        .extra
        .insert("sequence", RawJson::from_json("7").unwrap());
    assert_eq!(reparse(&change).sequence, Some(3));
    assert_eq!(
        serde_json::to_string(&change)
            .unwrap()
            .matches("sequence")
            .count(),
        1
    );
    // An unset field: still not written, the re-parse has no sequence.
    change.sequence = None;
    let again = reparse(&change);
    assert_eq!(again.sequence, None);
    assert!(again.extra.get("sequence").is_none());
    // An explicit `null` of an unset optional field is written back, as parsed.
    let with_null: MessagingChange =
        serde_json::from_str(r#"{"sequence":null,"dialogId":"d1"}"#).unwrap();
    assert_eq!(with_null.extra.get("sequence").unwrap().get(), "null");
    assert_eq!(
        serde_json::to_string(&with_null).unwrap(),
        r#"{"dialogId":"d1","sequence":null}"#
    );
    assert_eq!(reparse(&with_null), with_null);
    change
        .extra
        .insert("sequence", RawJson::from_json("null").unwrap());
    assert_eq!(
        reparse(&change).extra.get("sequence").unwrap().get(),
        "null"
    );

    // The tag of a tagged object: written once, from the variant.
    let Some(Event::ChatState(state)) = &mut change.event else {
        unreachable!()
    };
    state
        .extra
        .insert("type", RawJson::from_json(r#""ContentEvent""#).unwrap());
    let json = serde_json::to_string(&change).unwrap();
    assert_eq!(json.matches(r#""type""#).count(), 1, "{json}");
    assert!(matches!(reparse(&change).event, Some(Event::ChatState(_))));

    // A Genesys Bayeux message's `data`: from the notification, never from `extra`, except the
    // `null` of a message without data.
    let mut n = genesys::parse_notification(
        r#"{"channel":"/v2/me/chats","data":{"messageType":"Other","x":1}}"#,
    )
    .unwrap();
    let bayeux = n.bayeux.as_mut().unwrap();
    bayeux
        .extra
        .insert("data", RawJson::from_json(r#"{"y":2}"#).unwrap());
    bayeux
        .extra
        .insert("channel", RawJson::from_json(r#""/other""#).unwrap());
    let json = serde_json::to_string(&n).unwrap();
    assert_eq!(
        json,
        r#"{"data":{"messageType":"Other","x":1},"channel":"/v2/me/chats"}"#
    );
    n.data = None;
    assert_eq!(
        serde_json::to_string(&n).unwrap(),
        r#"{"channel":"/v2/me/chats"}"#
    );
    let null_data =
        genesys::parse_notification(r#"{"channel":"/meta/connect","data":null}"#).unwrap();
    assert_eq!(
        serde_json::to_string(&null_data).unwrap(),
        r#"{"channel":"/meta/connect","data":null}"#
    );

    // The envelope's and the body's own fields.
    let mut lp = chatwire::parse_notification(
        r#"{"kind":"notification","type":"ms.MessagingEventNotification","body":{"changes":[]}}"#,
    )
    .unwrap();
    let liveperson::Notification::MessagingEvent(e) = &mut lp else {
        unreachable!()
    };
    e.extra
        .insert("type", RawJson::from_json(r#""x""#).unwrap());
    e.extra.insert("body", RawJson::from_json("{}").unwrap());
    e.body
        .extra
        .insert("changes", RawJson::from_json("[1]").unwrap());
    e.body
        .extra
        .insert("sentTs", RawJson::from_json("5").unwrap());
    assert_eq!(
        serde_json::to_string(&lp).unwrap(),
        r#"{"kind":"notification","type":"ms.MessagingEventNotification","body":{"changes":[]}}"#
    );
}

/// Errors through `from_value`, `from_reader` and CBOR name the wire path inside the value and
/// carry none of the crate's private markers.
#[test]
fn errors_name_the_wire_path_without_markers() {
    let bad_change = r#"{"sequence":1,"event":{"type":"AcceptStatusEvent","status":"READ","sequenceList":[1,"x"]}}"#;
    let duplicate = r#"{"sequence":1,"dialogId":"a","dialogId":"b"}"#;
    let raw_duplicate = r#"{"event":{"type":"RichContentEvent","content":{"a":{"k":1,"k":2}}}}"#;
    for (json, path, message) in [
        (
            bad_change,
            "event.sequenceList[1]",
            r#"invalid type: string "x", expected i64"#,
        ),
        (duplicate, "dialogId", "duplicate field `dialogId`"),
        (raw_duplicate, "event.content.a.k", "duplicate field `k`"),
    ] {
        let value: Value = serde_json::from_str(json).unwrap();
        let errors = [
            serde_json::from_reader::<_, MessagingChange>(json.as_bytes())
                .unwrap_err()
                .to_string(),
            serde_json::from_str::<MessagingChange>(json)
                .unwrap_err()
                .to_string(),
            // A `Value` has no duplicate keys: that case is a different document there.
            serde_json::from_value::<MessagingChange>(value)
                .map_or_else(|e| e.to_string(), |_| format!("{path}: {message}")),
            match ciborium::from_reader::<MessagingChange, _>(
                &cbor(&RawJson::from_json(json).unwrap())[..],
            ) {
                Err(ciborium::de::Error::Semantic(_, message)) => message,
                other => panic!("{other:?}"),
            },
        ];
        for e in errors {
            assert!(e.contains(&format!("{path}: {message}")), "{e}");
            assert!(!e.contains('\u{0}'), "{e:?}");
        }
    }

    // Inside a struct of the user's, and inside a tracker state: the outer deserializer adds
    // its position; the path is the one inside the model value.
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct QueueMessage {
        id: u32,
        change: MessagingChange,
    }
    let message = format!("{{\"id\":1,\n\"change\":{bad_change}}}");
    let e = serde_json::from_reader::<_, QueueMessage>(message.as_bytes()).unwrap_err();
    assert_eq!(e.line(), 2, "{e}");
    assert!(
        e.to_string().starts_with(
            r#"event.sequenceList[1]: invalid type: string "x", expected i64 at line 2"#
        ),
        "{e}"
    );

    // A notification: the path and message of its `ParseError`.
    let lp = r#"{"type":"ms.MessagingEventNotification","body":{"changes":{}}}"#;
    let e = serde_json::from_value::<chatwire::liveperson::Notification>(
        serde_json::from_str(lp).unwrap(),
    )
    .unwrap_err();
    assert!(
        e.to_string().starts_with("body.changes: invalid type: map"),
        "{e}"
    );
    let gws = r#"{"messageType":"MessageLogUpdated","messages":[{"index":"1"}]}"#;
    let e = serde_json::from_reader::<_, genesys::Notification>(gws.as_bytes()).unwrap_err();
    assert!(
        e.to_string().starts_with("messages[0].index: invalid type"),
        "{e}"
    );
    assert!(!e.to_string().contains('\u{0}'));
}

/// Nesting deeper than the limit is an error, never a stack overflow: through a `Value` (as
/// deep as serde_json itself can write out and drop) and through CBOR 100,000 levels deep.
#[test]
fn deep_nesting_is_an_error() {
    // A `Value` 1,000 levels deep in a raw subtree, built iteratively (serde_json writes a
    // `Value` out, and drops it, recursively: in a debug build it cannot go much deeper on a
    // test thread's stack).
    let mut deep = Value::Null;
    for _ in 0..1_000 {
        deep = Value::Array(vec![deep]);
    }
    let value = serde_json::json!({"event": {"type": "RichContentEvent", "content": deep}});
    let e = serde_json::from_value::<MessagingChange>(value).unwrap_err();
    assert!(e.to_string().contains("recursion limit exceeded"), "{e}");

    // CBOR: `{"event":{"type":"RichContentEvent","content":[[[…]]]}}`, 100,000 arrays deep,
    // read without ciborium's own recursion limit.
    let mut bytes = cbor(&ciborium::Value::Map(vec![(
        "event".into(),
        ciborium::Value::Map(vec![
            ("type".into(), "RichContentEvent".into()),
            ("content".into(), ciborium::Value::Null),
        ]),
    )]));
    assert_eq!(bytes.pop(), Some(0xf6)); // the `null`, replaced by the arrays
    bytes.extend(std::iter::repeat_n(0x81, 100_000));
    bytes.push(0xf6);
    let e = ciborium::de::from_reader_with_recursion_limit::<MessagingChange, _>(
        &bytes[..],
        usize::MAX,
    )
    .unwrap_err();
    assert!(
        format!("{e:?}").contains("recursion limit exceeded"),
        "{e:?}"
    );
    // The same for a notification.
    let e =
        ciborium::de::from_reader_with_recursion_limit::<chatwire::liveperson::Notification, _>(
            &bytes[..],
            usize::MAX,
        )
        .unwrap_err();
    assert!(
        format!("{e:?}").contains("recursion limit exceeded"),
        "{e:?}"
    );
}
