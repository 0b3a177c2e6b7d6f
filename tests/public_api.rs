//! The public API as a downstream crate uses it: change and redact notifications, drop or
//! replace malformed changes, parse all or nothing, key maps by ids, read times, and process
//! notifications in spawned tokio tasks. Only public items are used.

use std::collections::{BTreeMap, HashMap, HashSet};

use chatwire::genesys::{self as gws, ChatId, Data, MessageItem, Timestamp};
use chatwire::json::RawJson;
use chatwire::liveperson::{ConversationId, DialogId, Envelope, MessagingChange, ParticipantId};
use chatwire::prelude::*;
use chatwire::{parse_notification, parse_notification_strict, validate_notification};
use serde_json::{Value, json};

const SECRET: &str = "4111 1111 1111 1111";

fn read(path: &str) -> String {
    let path = format!(
        "{}/tests/webhooks_examples/{path}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every `.json` document directly in `tests/webhooks_examples/{dir}`, by name.
fn fixtures(dir: &str) -> Vec<(String, String)> {
    let root = format!(
        "{}/tests/webhooks_examples/{dir}",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut out: Vec<(String, String)> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no fixtures in {root}");
    out
}

/// Fixture 002 (a consumer's text) with the secret in its text, followed by a copy whose
/// `sequence` is not a number: a malformed change that still carries the secret.
fn with_secret() -> Value {
    let mut doc: Value =
        serde_json::from_str(&read("liveperson/002_dc_webhooks_consumer_text.json")).unwrap();
    let changes = doc["body"]["changes"].as_array_mut().unwrap();
    changes[0]["event"]["message"] = json!(format!("my card is {SECRET}"));
    let mut bad = changes[0].clone();
    bad["sequence"] = json!("one");
    changes.push(bad);
    doc
}

/// Replaces, in place, the text of every `text/plain` ContentEvent of a LivePerson document
/// `Value` by `with`; returns how many it replaced.
fn redact_value(doc: &mut Value, with: &str) -> usize {
    let mut count = 0;
    if let Some(changes) = doc["body"]["changes"].as_array_mut() {
        for change in changes {
            let Some(event) = change.get_mut("event") else {
                continue;
            };
            if event["type"] == "ContentEvent"
                && event["contentType"] == "text/plain"
                && event["message"].is_string()
            {
                event["message"] = json!(with);
                count += 1;
            }
        }
    }
    count
}

#[test]
fn redacting_parsed_changes_is_a_loop_and_malformed_ones_can_be_dropped() {
    let doc = with_secret();
    let mut n = parse_notification(&doc.to_string()).unwrap();
    assert_eq!(n.malformed_changes().len(), 1);

    for change in n.messaging_changes_mut() {
        if let Some(text) = change.text_mut() {
            *text = text.replace(SECRET, "[card]");
        }
    }
    // The malformed change is still written back verbatim, secret included.
    let before_drop = serde_json::to_string(&n).unwrap();
    assert_eq!(before_drop.matches(SECRET).count(), 1, "{before_drop}");

    let removed = n.drop_malformed();
    assert_eq!(removed.len(), 1);
    assert_eq!(removed[0].0, 1, "index in body.changes before removal");
    assert_eq!(removed[0].1.error().path(), "body.changes[1].sequence");
    assert!(removed[0].1.json().get().contains(SECRET));
    assert!(n.malformed_changes().is_empty());

    let out = serde_json::to_string(&n).unwrap();
    assert!(!out.contains(SECRET), "{out}");
    let mut expected = doc;
    expected["body"]["changes"].as_array_mut().unwrap().pop();
    expected["body"]["changes"][0]["event"]["message"] = json!("my card is [card]");
    assert_eq!(serde_json::from_str::<Value>(&out).unwrap(), expected);
    // What is left is a well-formed, valid notification.
    let again = parse_notification_strict(&out).unwrap();
    assert!(validate_notification(&again).is_valid());
}

#[test]
fn a_malformed_change_can_be_replaced_in_place() {
    let doc = with_secret();
    let chatwire::liveperson::Notification::MessagingEvent(mut n) =
        parse_notification(&doc.to_string()).unwrap()
    else {
        panic!("not a messaging notification")
    };
    for change in n.changes_mut() {
        change.text_mut().unwrap().replace_range(.., "[redacted]");
    }
    let placeholder = RawJson::from_json(r#"{"redacted":true}"#).unwrap();
    let mut replaced = 0;
    for item in &mut n.body.changes {
        if let Some(bad) = item.malformed_mut() {
            let old = bad.replace_json(placeholder.clone());
            assert!(old.get().contains(SECRET));
            replaced += 1;
        }
    }
    assert_eq!(replaced, 1);
    // The item is still malformed (its error is kept), and is written as the placeholder.
    assert_eq!(n.malformed_changes().count(), 1);
    let out: Value = serde_json::to_value(&n).unwrap();
    assert!(!out.to_string().contains(SECRET));
    assert_eq!(out["body"]["changes"][1], json!({"redacted": true}));
    assert_eq!(out["body"]["changes"][0]["event"]["message"], "[redacted]");
    assert_eq!(out["body"]["changes"].as_array().unwrap().len(), 2);
    assert!(n.body.changes[0].parsed().is_some() && n.body.changes[0].malformed().is_none());
}

#[test]
fn every_liveperson_fixture_redacts_to_the_expected_document() {
    let mut redacted = 0;
    for (name, text) in fixtures("liveperson") {
        let mut n = parse_notification(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut changed = 0;
        for change in n.messaging_changes_mut() {
            if let Some(text) = change.text_mut() {
                *text = "[redacted]".to_owned();
                changed += 1;
            }
        }
        let mut expected: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(redact_value(&mut expected, "[redacted]"), changed, "{name}");
        assert_eq!(serde_json::to_value(&n).unwrap(), expected, "{name}");
        redacted += changed;
    }
    assert!(redacted >= 10, "only {redacted} texts redacted");
}

#[test]
fn every_genesys_fixture_redacts_to_the_expected_document() {
    let (mut redacted, mut in_json) = (0, 0);
    for (name, text) in fixtures("genesys") {
        let mut n = gws::parse_notification(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        if let Some(Data::MessageLogUpdated(log)) = &mut n.data {
            for item in log.items_mut() {
                if let Some(text) = &mut item.text {
                    *text = "[redacted]".to_owned();
                    redacted += 1;
                }
            }
        }
        let mut expected: Value = serde_json::from_str(&text).unwrap();
        let data = if expected.get("data").is_some() {
            &mut expected["data"]
        } else {
            &mut expected
        };
        if let Some(messages) = data.get_mut("messages").and_then(Value::as_array_mut) {
            for m in messages {
                if m.get("text").is_some_and(Value::is_string) {
                    m["text"] = json!("[redacted]");
                    in_json += 1;
                }
            }
        }
        assert_eq!(serde_json::to_value(&n).unwrap(), expected, "{name}");
    }
    assert_eq!(redacted, in_json);
    assert!(redacted >= 4, "only {redacted} texts redacted");
}

#[test]
fn strict_parsing_is_all_or_nothing() {
    for (name, text) in fixtures("liveperson") {
        let lenient = parse_notification(&text).unwrap();
        assert!(lenient.malformed_changes().is_empty(), "{name}");
        let strict = parse_notification_strict(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(strict, lenient, "{name}");
        assert_eq!(
            chatwire::parse_notification_strict_slice(text.as_bytes()).unwrap(),
            lenient
        );
    }

    let doc = with_secret().to_string();
    let lenient = parse_notification(&doc).unwrap();
    let expected = lenient.malformed_changes()[0].1.error().clone();
    let err = parse_notification_strict(&doc).unwrap_err();
    assert_eq!(err, expected);
    assert_eq!(err.path(), "body.changes[1].sequence");
    assert_eq!(lenient.into_strict().unwrap_err(), expected);
    let err = chatwire::parse_notification_strict_slice(doc.as_bytes()).unwrap_err();
    assert_eq!(err.path(), "body.changes[1].sequence");

    // `?` cannot let a malformed change through.
    fn handle(body: &str) -> Result<usize, ParseError> {
        Ok(parse_notification_strict(body)?.messaging_changes().count())
    }
    assert!(handle(&doc).is_err());
    assert_eq!(
        handle(&read("liveperson/002_dc_webhooks_consumer_text.json")).unwrap(),
        1
    );

    // The envelope-level counterpart gives the changes themselves.
    let chatwire::liveperson::Notification::MessagingEvent(envelope) =
        parse_notification(&doc).unwrap()
    else {
        panic!()
    };
    let _: &Envelope<MessagingChange> = &envelope;
    assert_eq!(envelope.into_strict().unwrap_err(), expected);
}

fn assert_send<T: Send>(_: T) {}
fn assert_send_sync<T: Send + Sync>(_: T) {}

/// Every iterator the crate returns is `Send` (and `Sync`) when its items are.
#[test]
fn every_returned_iterator_is_send() {
    let lp_text = read("liveperson/002_dc_webhooks_consumer_text.json");
    let conv_text = read("liveperson/011_demoapp_conv_closed_by_consumer.json");
    let gws_text = read("genesys/008_sendmessage_text.json");

    let mut lp = parse_notification(&lp_text).unwrap();
    let mut conv = parse_notification(&conv_text).unwrap();
    let gws_n = gws::parse_notification(&gws_text).unwrap();
    let any = parse_any(&gws_text).unwrap();

    assert_send_sync(lp.messaging_changes());
    assert_send_sync(lp.conversation_changes());
    assert_send_sync(lp.events());
    assert_send_sync(conv.events());
    assert_send_sync(gws_n.events());
    assert_send_sync(any.events());
    assert_send(lp.messaging_changes_mut());
    assert_send(conv.conversation_changes_mut());
    let details = conv
        .conversation_changes()
        .next()
        .unwrap()
        .details()
        .unwrap();
    assert_send_sync(details.participant_roles());
    if let chatwire::liveperson::Notification::MessagingEvent(n) = &mut lp {
        assert_send_sync(n.changes());
        assert_send_sync(n.malformed_changes());
        assert_send(n.changes_mut());
        assert_send_sync(n.extra.iter());
        assert_send_sync(n.extra.keys());
    }
    let report = validate_notification(&lp);
    assert_send_sync(report.issues());

    let mut tracker = ConversationTracker::default();
    tracker.ingest_json(&lp_text).unwrap();
    assert_send_sync(tracker.conversations());
    let conversation = tracker.conversations().next().unwrap();
    assert_send_sync(conversation.dialogs());
    assert_send_sync(conversation.dialogs().next().unwrap().entries());

    // The events iterator owns nothing that ties it to a thread: it moves to another one.
    let count = std::thread::scope(|s| s.spawn(|| any.events().count()).join().unwrap());
    assert_eq!(count, 1);
}

/// `events()` held across an `.await` in a spawned task: this compiles only because the
/// iterator is `Send`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_are_iterated_across_an_await_in_a_spawned_task() {
    let docs: Vec<String> = [
        "liveperson/002_dc_webhooks_consumer_text.json",
        "liveperson/043_devassist_webhook_closed_by_agent.json",
        "genesys/008_sendmessage_text.json",
        "genesys/004_reject_statuschange_completed.json",
    ]
    .iter()
    .map(|p| read(p))
    .collect();
    let expected: Vec<Vec<String>> = docs
        .iter()
        .map(|d| {
            let n = parse_any(d).unwrap();
            n.events().map(|e| format!("{:?}", e.kind)).collect()
        })
        .collect();
    assert!(expected.iter().all(|e| !e.is_empty()));

    let handle = tokio::spawn(async move {
        let mut seen = Vec::new();
        for doc in &docs {
            let n = parse_any(doc).unwrap();
            let mut kinds = Vec::new();
            for event in n.events() {
                tokio::task::yield_now().await;
                kinds.push(format!("{:?}", event.kind));
            }
            seen.push(kinds);
        }
        seen
    });
    assert_eq!(handle.await.unwrap(), expected);
}

/// A service: bodies come in on a channel, a spawned task parses, redacts, drops malformed
/// changes, validates and sends back the serialized notification with its events' texts.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_spawned_worker_redacts_and_forwards_notifications() {
    let (to_worker, mut inbox) = tokio::sync::mpsc::channel::<String>(4);
    let (to_caller, mut outbox) = tokio::sync::mpsc::channel::<(String, Vec<String>, bool)>(4);
    let worker = tokio::spawn(async move {
        while let Some(body) = inbox.recv().await {
            let mut n = match parse_any(&body).unwrap() {
                AnyNotification::LivePerson(n) => n,
                other => panic!("unexpected {:?}", other.vendor()),
            };
            for change in n.messaging_changes_mut() {
                if let Some(text) = change.text_mut() {
                    *text = text.replace(SECRET, "[card]");
                }
            }
            n.drop_malformed();
            let valid = validate_notification(&n).is_valid();
            let mut texts = Vec::new();
            for event in n.events() {
                tokio::task::yield_now().await;
                texts.extend(event.text().map(str::to_owned));
            }
            let out = serde_json::to_string(&n).unwrap();
            to_caller.send((out, texts, valid)).await.unwrap();
        }
    });
    to_worker.send(with_secret().to_string()).await.unwrap();
    to_worker
        .send(read("liveperson/007_dc_webhooks_agent_text.json"))
        .await
        .unwrap();
    drop(to_worker);

    let (out, texts, valid) = outbox.recv().await.unwrap();
    assert!(!out.contains(SECRET), "{out}");
    assert_eq!(texts, ["my card is [card]"]);
    assert!(valid);
    let (out, texts, valid) = outbox.recv().await.unwrap();
    let original: Value =
        serde_json::from_str(&read("liveperson/007_dc_webhooks_agent_text.json")).unwrap();
    assert_eq!(serde_json::from_str::<Value>(&out).unwrap(), original);
    assert_eq!(texts.len(), 1);
    assert!(valid);
    assert!(outbox.recv().await.is_none());
    worker.await.unwrap();
}

#[test]
fn ids_key_maps_looked_up_by_str() {
    let mut by_conversation: HashMap<ConversationId, usize> = HashMap::new();
    by_conversation.insert(ConversationId::from("x"), 1);
    by_conversation.insert("y".into(), 2);
    assert_eq!(by_conversation.get("x"), Some(&1));
    assert_eq!(by_conversation.get("y"), Some(&2));
    assert_eq!(by_conversation.get("z"), None);

    let mut by_chat: BTreeMap<ChatId, &str> = BTreeMap::new();
    by_chat.insert(ChatId::from(String::from("0000Na9B26EF002X")), "gws");
    assert_eq!(by_chat.get("0000Na9B26EF002X"), Some(&"gws"));
    assert!(by_chat.contains_key("0000Na9B26EF002X"));

    // Keys taken from a parsed notification, looked up by the `&str` a getter returns.
    let n = parse_notification(&read("liveperson/002_dc_webhooks_consumer_text.json")).unwrap();
    let change = n.messaging_changes().next().unwrap();
    let dialogs: HashSet<DialogId> = change.dialog_id.iter().cloned().collect();
    let key: &str = change.conversation_or_dialog_id().unwrap();
    assert!(dialogs.contains(key));
    assert!(dialogs.contains("5491244f-e462-4c63-bf4e-faf4b2d3e7b5"));

    let id = ParticipantId::from("ade26082");
    assert_eq!(id.to_string(), "ade26082");
    assert_eq!(AsRef::<str>::as_ref(&id), "ade26082");
    assert_eq!(id.as_uuid(), None, "not a UUID: kept as a string");
    let uuid = DialogId::from("5491244f-e462-4c63-bf4e-faf4b2d3e7b5");
    assert_eq!(
        uuid.as_uuid().map(|u| u.to_string()).as_deref(),
        Some("5491244f-e462-4c63-bf4e-faf4b2d3e7b5")
    );
}

#[test]
fn id_getters_borrow_from_the_notification() {
    let text = read("genesys/008_sendmessage_text.json");
    let n = gws::parse_notification(&text).unwrap();
    let Some(Data::MessageLogUpdated(log)) = &n.data else {
        panic!()
    };
    let id: &str = n.chat_id().unwrap();
    assert_eq!(id, "0000Wa9CAM6W00FN");
    // Borrowed from `chatUri`, not a copy.
    let uri = log.chat_uri.as_deref().unwrap();
    let range = uri.as_ptr() as usize..uri.as_ptr() as usize + uri.len();
    assert!(range.contains(&(id.as_ptr() as usize)));

    let conv =
        parse_notification(&read("liveperson/011_demoapp_conv_closed_by_consumer.json")).unwrap();
    let change = conv.conversation_changes().next().unwrap();
    let id: &str = change.conversation_id().unwrap();
    assert_eq!(
        Some(id),
        change
            .result
            .as_ref()
            .unwrap()
            .conv_id
            .as_ref()
            .map(|c| c.as_str())
    );
}

#[test]
fn time_accessors_are_utc() {
    let text = read("liveperson/002_dc_webhooks_consumer_text.json");
    let n = parse_notification(&text).unwrap();
    let change = n.messaging_changes().next().unwrap();
    assert_eq!(
        change.time().unwrap().to_rfc3339(),
        "2018-06-07T11:32:41.893+00:00"
    );
    assert_eq!(change.time(), n.events().next().unwrap().time);

    let text = read("liveperson/001_dc_webhooks_conv_created.json");
    let doc: Value = serde_json::from_str(&text).unwrap();
    let n = parse_notification(&text).unwrap();
    let change = n.conversation_changes().next().unwrap();
    let written =
        doc["body"]["changes"][0]["result"]["conversationDetails"]["metaDataLastUpdateTs"]
            .as_i64()
            .unwrap();
    assert_eq!(change.time().unwrap().timestamp_millis(), written);

    // GWS v2: milliseconds and a +0200 string name the same instant, given in UTC.
    let n = gws::parse_notification(&read("genesys/008_sendmessage_text.json")).unwrap();
    let Some(Data::MessageLogUpdated(log)) = &n.data else {
        panic!()
    };
    let item = &log.items()[0];
    assert_eq!(
        item.time().unwrap().to_rfc3339(),
        "2014-01-09T09:58:12.035+00:00"
    );
    assert_eq!(item.timestamp.as_ref().unwrap().to_datetime(), item.time());
    // Without `timestampSeconds`, the string is read.
    let mut only_string = item.clone();
    only_string.timestamp_seconds = None;
    assert_eq!(only_string.time(), item.time());
    assert_eq!(MessageItem::default().time(), None);

    // v3: seconds and RFC 3339.
    let n = gws::parse_notification(&read(
        "genesys/v3/v3_002_messagelogupdated_newmessages.json",
    ))
    .unwrap();
    let Some(Data::MessageLogUpdated(log)) = &n.data else {
        panic!()
    };
    let item = log
        .items()
        .iter()
        .find(|m| m.timestamp_seconds.is_some())
        .unwrap();
    assert_eq!(
        item.time().unwrap().to_rfc3339(),
        "2018-05-17T13:59:45+00:00"
    );

    let ts = Timestamp::new("2016-03-16 09:55:18.000+1000");
    assert_eq!(
        ts.to_datetime().unwrap().to_rfc3339(),
        "2016-03-15T23:55:18+00:00"
    );
    assert_eq!(
        ts.to_datetime_with_offset().unwrap().to_rfc3339(),
        "2016-03-16T09:55:18+10:00"
    );
}

/// `Events` converts lazily; its size hint holds, and it is fused, on every fixture.
#[test]
fn events_size_hints_hold_on_every_fixture() {
    let mut total = 0;
    for dir in ["liveperson", "genesys"] {
        for (name, text) in fixtures(dir) {
            let n = parse_any(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            let mut events = n.events();
            let mut count = 0;
            loop {
                let (low, high) = events.size_hint();
                let left = events.clone().count();
                assert!(low <= left, "{name}: {low} > {left}");
                assert!(high.is_none_or(|h| left <= h), "{name}: {high:?} < {left}");
                if events.next().is_none() {
                    break;
                }
                count += 1;
            }
            assert!(events.next().is_none(), "{name}: not fused");
            assert_eq!(count, n.events().count(), "{name}");
            total += count;
        }
    }
    assert!(total > 50, "{total}");
}

#[test]
fn any_notification_strict_and_drop_malformed() {
    let doc = with_secret().to_string();
    let mut any = parse_any(&doc).unwrap();
    let expected = parse_notification(&doc).unwrap().malformed_changes()[0]
        .1
        .error()
        .clone();
    assert_eq!(any.clone().into_strict().unwrap_err(), expected);
    let removed = any.drop_malformed();
    assert_eq!(removed.len(), 1);
    assert_eq!(removed[0].0, 1);
    let strict = any.clone().into_strict().unwrap();
    assert_eq!(strict, any);
    // Only the parsed change is left; it holds the secret until its text is redacted.
    let out = serde_json::to_string(&strict).unwrap();
    assert_eq!(out.matches(SECRET).count(), 1, "{out}");

    let text = read("genesys/008_sendmessage_text.json");
    let mut any = parse_any(&text).unwrap();
    assert!(any.drop_malformed().is_empty());
    assert_eq!(any.clone().into_strict().unwrap(), any);
}

/// A user's own queue message that embeds a notification of either vendor.
#[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
struct QueueMessage {
    account: String,
    notification: AnyNotification,
}

/// The whole downstream path with the public API alone: notifications of both vendors built in
/// code, embedded in the user's queue messages, serialized, then deserialized (as `String` and
/// as `Value`, as a queue or a JSONB column hands them back), redacted, validated and turned
/// into events in a spawned task.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn built_notifications_travel_through_a_queue_to_a_spawned_worker() {
    use chatwire::liveperson::{ContentEvent, MessagingEventNotification, Role};
    let at = chrono::DateTime::from_timestamp_millis(1_528_371_161_893).unwrap();
    let change = MessagingChange::new(
        "dialog-1",
        ContentEvent::text_plain(format!("card {SECRET}")),
    )
    .with_sequence(0)
    .with_originator("consumer-1", Role::Consumer)
    .with_time(at)
    .with_conversation_id("conv-1");
    let lp: liveperson::Notification = MessagingEventNotification::new([change]).into();
    let from = gws::Participant::new("00975A4F6A7C0003", gws::ParticipantType::Customer, "Kristi");
    let item = MessageItem::new_text(3, from, format!("card {SECRET}")).with_time(at);
    let log = gws::MessageLogUpdated::new("0000Na9B26EF002X", vec![item]);
    let gn: gws::Notification = log.into();
    let sent = [
        QueueMessage {
            account: "lp".into(),
            notification: lp.into(),
        },
        QueueMessage {
            account: "gws".into(),
            notification: gn.into(),
        },
    ];
    let wire: Vec<String> = sent
        .iter()
        .map(|m| serde_json::to_string(m).unwrap())
        .collect();
    assert!(wire.iter().all(|w| w.contains(SECRET)));

    let (to_worker, mut inbox) = tokio::sync::mpsc::channel::<(String, bool)>(4);
    let worker = tokio::spawn(async move {
        let mut out = Vec::new();
        while let Some((text, as_value)) = inbox.recv().await {
            let mut message: QueueMessage = if as_value {
                let value: Value = serde_json::from_str(&text).unwrap();
                serde_json::from_value(value).unwrap()
            } else {
                serde_json::from_reader(text.as_bytes()).unwrap()
            };
            match &mut message.notification {
                AnyNotification::LivePerson(n) => {
                    for change in n.messaging_changes_mut() {
                        if let Some(t) = change.text_mut() {
                            *t = t.replace(SECRET, "[card]");
                        }
                    }
                }
                AnyNotification::Genesys(n) => {
                    if let Some(Data::MessageLogUpdated(log)) = &mut n.data {
                        for item in log.items_mut() {
                            if let Some(t) = &mut item.text {
                                *t = t.replace(SECRET, "[card]");
                            }
                        }
                    }
                }
                other => panic!("unexpected {:?}", other.vendor()),
            }
            let valid = message.notification.validate().is_valid();
            let mut texts = Vec::new();
            for event in message.notification.events() {
                tokio::task::yield_now().await;
                texts.extend(event.text().map(str::to_owned));
            }
            out.push((
                message.account,
                valid,
                texts,
                serde_json::to_string(&message.notification).unwrap(),
            ));
        }
        out
    });
    for text in &wire {
        to_worker.send((text.clone(), false)).await.unwrap();
        to_worker.send((text.clone(), true)).await.unwrap();
    }
    drop(to_worker);
    let out = worker.await.unwrap();
    assert_eq!(out.len(), 4);
    for (i, (account, valid, texts, json)) in out.iter().enumerate() {
        assert_eq!(account, if i < 2 { "lp" } else { "gws" });
        assert!(valid, "{json}");
        assert_eq!(texts, &["card [card]"], "{json}");
        assert!(!json.contains(SECRET), "{json}");
    }
    // Nothing else changed: the redacted text put back gives the notification as sent.
    for (message, (_, _, _, json)) in sent.iter().zip(out.iter().step_by(2)) {
        let restored = json.replace("[card]", SECRET);
        assert_eq!(
            serde_json::from_str::<AnyNotification>(&restored).unwrap(),
            message.notification
        );
    }
}
