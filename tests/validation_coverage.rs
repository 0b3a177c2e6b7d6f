//! Every open-enum field of both models is checked by validation, at its wire path.
//!
//! The oracle does not use the validator's walk: every string value (and every object key) of
//! every fixture, and of a document per vendor that carries every modelled enum field, is
//! replaced in turn by a value no enum knows. When the parsed model then holds that value in a
//! `string_enum!` type (seen in its `Debug` form, `Role("…")`), validation must report exactly
//! one issue naming it, at the replaced value's path; when it does not, validation must not
//! warn about an unknown enum value. The enum types are read from `src/` (every
//! `string_enum!`), and every one of them used in a model field must have been met.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use chatwire::{Rule, Severity, ValidationReport};
use serde_json::Value;

const UNKNOWN: &str = "ZZ_NOT_A_KNOWN_VALUE";

/// The `string_enum!` types declared in the sources under `src/{dir}`.
fn declared_enums(dir: &str) -> BTreeSet<String> {
    fn walk(dir: &Path, out: &mut BTreeSet<String>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = fs::read_to_string(&path).unwrap();
                for chunk in text.split("string_enum! {").skip(1) {
                    let after = chunk.split("pub enum ").nth(1).unwrap();
                    let name: String = after
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    out.insert(name);
                }
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir),
        &mut out,
    );
    out
}

/// The top-level fixtures of `tests/webhooks_examples/{dir}`.
fn fixtures(dir: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/webhooks_examples")
        .join(dir);
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read_to_string(&p).unwrap())
        })
        .collect()
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// Every document obtained by replacing one string value, or renaming one object key, with
/// `UNKNOWN`, with the wire path of the replaced value.
fn mutations(doc: &Value) -> Vec<(String, Value)> {
    fn walk(
        root: &Value,
        at: &mut Vec<PathStep>,
        value: &Value,
        path: &str,
        out: &mut Vec<(String, Value)>,
    ) {
        match value {
            Value::String(_) => {
                let mut doc = root.clone();
                *locate(&mut doc, at) = Value::from(UNKNOWN);
                out.push((path.to_owned(), doc));
            }
            Value::Array(list) => {
                for (i, v) in list.iter().enumerate() {
                    at.push(PathStep::Index(i));
                    walk(root, at, v, &format!("{path}[{i}]"), out);
                    at.pop();
                }
            }
            Value::Object(map) => {
                for (k, v) in map {
                    if !map.contains_key(UNKNOWN) {
                        let mut doc = root.clone();
                        let Value::Object(m) = locate(&mut doc, at) else {
                            unreachable!()
                        };
                        let moved = m.remove(k).unwrap();
                        m.insert(UNKNOWN.to_owned(), moved);
                        out.push((join(path, UNKNOWN), doc));
                    }
                    at.push(PathStep::Key(k.clone()));
                    walk(root, at, v, &join(path, k), out);
                    at.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(doc, &mut Vec::new(), doc, "", &mut out);
    out
}

enum PathStep {
    Key(String),
    Index(usize),
}

fn locate<'a>(mut v: &'a mut Value, at: &[PathStep]) -> &'a mut Value {
    for step in at {
        v = match step {
            PathStep::Key(k) => v.get_mut(k.as_str()).unwrap(),
            PathStep::Index(i) => v.get_mut(*i).unwrap(),
        };
    }
    v
}

/// The `string_enum!` types of `enums` that hold `UNKNOWN` in a `Debug` rendering.
fn holders(debug: &str, enums: &BTreeSet<String>) -> Vec<String> {
    let needle = format!("(\"{UNKNOWN}\")");
    let mut found = Vec::new();
    let mut rest = debug;
    while let Some(at) = rest.find(&needle) {
        let before = &rest[..at];
        let name: String = before
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if enums.contains(&name) {
            found.push(name);
        }
        rest = &rest[at + needle.len()..];
    }
    found
}

/// Checks one vendor: returns the enum types met.
fn check_vendor(
    docs: &[(String, String)],
    enums: &BTreeSet<String>,
    validate: impl Fn(&str) -> Option<(String, ValidationReport)>,
) -> BTreeSet<String> {
    let mut met = BTreeSet::new();
    let mut checked = 0;
    for (name, text) in docs {
        let doc: Value = serde_json::from_str(text).unwrap();
        for (path, mutated) in mutations(&doc) {
            let Some((debug, report)) = validate(&mutated.to_string()) else {
                continue;
            };
            let naming: Vec<_> = report
                .issues()
                .filter(|i| i.message.contains(UNKNOWN))
                .collect();
            let held = holders(&debug, enums);
            match held.as_slice() {
                [] => {
                    let enum_warnings: Vec<_> = naming
                        .iter()
                        .filter(|i| i.rule == Rule::UnknownEnumValue)
                        .collect();
                    assert!(
                        enum_warnings.is_empty(),
                        "{name}: {path} holds no enum, yet {enum_warnings:?}"
                    );
                }
                [ty] => {
                    assert_eq!(
                        naming.len(),
                        1,
                        "{name}: the {ty} at {path} is reported {} times:\n{report}",
                        naming.len()
                    );
                    let issue = naming[0];
                    assert_eq!(issue.path, path, "{name}: {ty}\n{report}");
                    let expected = match ty.as_str() {
                        "Kind" => (Severity::Error, Rule::EnvelopeKind),
                        "ContentType" => (Severity::Warning, Rule::UnknownContentType),
                        _ => (Severity::Warning, Rule::UnknownEnumValue),
                    };
                    assert_eq!((issue.severity, issue.rule), expected, "{name}: {path}");
                    met.insert(ty.clone());
                    checked += 1;
                }
                more => panic!("{name}: {path} is held by {more:?}"),
            }
        }
    }
    assert!(checked > 100, "only {checked} enum values replaced");
    met
}

#[test]
fn every_liveperson_enum_field_is_checked() {
    let enums = declared_enums("liveperson");
    assert!(
        enums.contains("DeviceFamily") && enums.contains("Role"),
        "{enums:?}"
    );
    let mut docs = fixtures("liveperson");
    for (i, doc) in LIVEPERSON_EVERY_ENUM.iter().enumerate() {
        let n = chatwire::parse_notification(doc).unwrap();
        let report = chatwire::validate_notification(&n);
        assert!(report.issues().next().is_none(), "{report}");
        docs.push((format!("every enum field, document {i}"), doc.to_string()));
    }
    let met = check_vendor(&docs, &enums, |json| {
        let n = chatwire::parse_notification(json).ok()?;
        Some((format!("{n:?}"), chatwire::validate_notification(&n)))
    });
    // Not fields of the model: the envelope `type` picks the notification variant (an unknown
    // one has its own rule, `unknown_notification_type`), and `WebhookSubscription` names
    // subscriptions in configuration.
    let not_fields: BTreeSet<String> = ["NotificationType", "WebhookSubscription"]
        .map(String::from)
        .into();
    let expected: BTreeSet<String> = enums.difference(&not_fields).cloned().collect();
    assert_eq!(met, expected);
}

#[test]
fn every_genesys_enum_field_is_checked() {
    let enums = declared_enums("genesys");
    assert!(
        enums.contains("Reconnect") && enums.contains("Capability"),
        "{enums:?}"
    );
    let mut docs = fixtures("genesys");
    let n = chatwire::genesys::parse_notification(GENESYS_EVERY_ENUM).unwrap();
    let report = chatwire::genesys::validate_notification(&n);
    assert!(report.issues().next().is_none(), "{report}");
    docs.push(("every enum field".into(), GENESYS_EVERY_ENUM.into()));
    let met = check_vendor(&docs, &enums, |json| {
        let n = chatwire::genesys::parse_notification(json).ok()?;
        Some((
            format!("{n:?}"),
            chatwire::genesys::validate_notification(&n),
        ))
    });
    // Not a field of the model: `SystemCommandNotice` is read from a `SystemCommand`'s
    // `noticeText` (a string field) by `MessageItem::system_notice()`.
    let not_fields: BTreeSet<String> = ["SystemCommandNotice"].map(String::from).into();
    let expected: BTreeSet<String> = enums.difference(&not_fields).cloned().collect();
    assert_eq!(met, expected);
}

/// Between them, these documents carry every enum field of the LivePerson model at least once
/// (values from the model's documented lists): a messaging change with both forms of client
/// properties and a hosted file, a closed conversation with every detail, and the raw-feed
/// form of `participants` (a map from role to ids).
const LIVEPERSON_EVERY_ENUM: [&str; 3] = [
    r#"{"kind":"notification","type":"ms.MessagingEventNotification","body":{"changes":[
        {"sequence":1,"originatorId":"c1",
         "originatorMetadata":{"id":"c1","role":"CONSUMER","clientProperties":{"type":".ClientProperties",
           "deviceFamily":"MOBILE","os":"ANDROID","integration":"MOBILE_SDK","features":["PHOTO_SHARING","CO_APP"]}},
         "originatorClientProperties":{"type":".ClientProperties","deviceFamily":"DESKTOP","os":"WINDOWS",
           "integration":"WEB_SDK","features":["RICH_CONTENT"]},
         "serverTimestamp":1528371161893,"dialogId":"d","messageAudience":"ALL",
         "event":{"type":"ContentEvent","contentType":"hosted/file",
           "message":{"caption":"","relativePath":"/v1/x.png","fileType":"PNG"}}}]}}"#,
    r#"{"kind":"notification","type":"cqm.ExConversationChangeNotification","body":{"changes":[
        {"type":"UPSERT","result":{"convId":"c","effectiveTTR":-1,
         "conversationDetails":{
           "participants":[{"id":"c1","role":"CONSUMER","state":"ACTIVE"}],
           "dialogs":[{"dialogId":"c","participantsDetails":[{"id":"c1","role":"CONSUMER","state":"ACTIVE"}],
             "dialogType":"MAIN","channelType":"MESSAGING","state":"CLOSE","creationTs":1528371161000,
             "endTs":1528371169000,"closedBy":"CONSUMER"}],
           "state":"CLOSE","stage":"CLOSE","closeReason":"CONSUMER","startTs":1528371161000,
           "endTs":1528371169000,"metaDataLastUpdateTs":1528371169000,
           "ttr":{"ttrType":"NORMAL","value":3600},"delay":{"type":"NIGHT","tillWhen":0},
           "csat":{"csatRate":5,"status":"FILLED"},"manualETTR":0,
           "context":{"type":"MobileAppContext","clientProperties":{"deviceFamily":"TABLET","os":"IOS",
             "integration":"BRAND_SDK","features":["CO_BROWSE"]}}},
         "lastContentEventNotification":{"sequence":3,"originatorId":"a1",
           "originatorMetadata":{"id":"a1","role":"ASSIGNED_AGENT"},"serverTimestamp":1528371165000,
           "dialogId":"c","event":{"type":"AcceptStatusEvent","status":"READ","sequenceList":[1]}}}}]}}"#,
    r#"{"kind":"notification","type":"cqm.ExConversationChangeNotification","body":{"changes":[
        {"type":"UPSERT","result":{"convId":"c","conversationDetails":{"state":"OPEN",
          "startTs":1528371161000,"participants":{"CONSUMER":["c1"],"ASSIGNED_AGENT":["a1"]}}}}]}}"#,
];

/// A Bayeux message whose `data` and `advice` carry every enum field of the Genesys chat
/// resource and the Bayeux envelope (the message log's fields are in the fixtures).
const GENESYS_EVERY_ENUM: &str = r#"{"channel":"/v2/me/chats","advice":{"reconnect":"retry","interval":0},
  "data":{"messageType":"ChatStateChangeMessage","notificationType":"StatusChange",
    "chat":{"id":"0000Wa9CAM6W00J","state":"Invited","capabilities":["Accept","Reject"],
      "participants":[{"nickname":"Kristi","type":"Customer","participantId":"00975A4F6A7C0003","visibility":"All"}],
      "chatType":"Inbound","receivedDate":"2016-03-16 09:55:18.000+1000"}}}"#;

#[test]
fn every_rule_code_is_documented_in_the_validate_docs() {
    let docs: String = ["src/liveperson/validate.rs", "src/genesys/validate.rs"]
        .iter()
        .map(|file| {
            let text =
                fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap();
            // The rustdoc of `validate_notification` (the `///` lines).
            text.lines()
                .filter_map(|l| l.trim_start().strip_prefix("///"))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect();
    for rule in Rule::ALL {
        assert!(
            docs.contains(&format!("`[{}]`", rule.as_str())),
            "rule `{rule}` is not in the rule list of either validate_notification"
        );
    }
}
