//! The scanner-based peek agrees with the serde_json reference on every fixture and on
//! truncated and mutated copies of them: the same result, or an error both ways (of the same
//! kind, at the same path when the document is well-formed JSON of the wrong shape).

use super::{ChangePeek, Peek, peek_notification, reference};
use crate::error::ParseErrorKind;

type Outcome<'a> = Result<(Peek<'a>, Vec<ChangePeek<'a>>), crate::ParseError>;

fn both(json: &str) -> (Outcome<'_>, Outcome<'_>) {
    let mut new = Vec::new();
    let mut old = Vec::new();
    let a = peek_notification(json, |c| new.push(c)).map(|p| (p, new));
    let b = reference::peek_notification(json, |c| old.push(c)).map(|p| (p, old));
    (a, b)
}

fn assert_agree(json: &str, what: &str) {
    match both(json) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{what}"),
        (Err(a), Err(b)) => {
            assert_eq!(a.kind(), b.kind(), "{what}: {a} / {b}");
            if a.kind() == ParseErrorKind::Data {
                assert_eq!(a.path(), b.path(), "{what}: {a} / {b}");
            }
        }
        (a, b) => panic!("{what}: scanner {a:?}, reference {b:?}"),
    }
}

pub(crate) fn fixtures(vendor: &str) -> Vec<(String, String)> {
    let dir = format!(
        "{}/tests/webhooks_examples/{vendor}",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// Truncations and one-byte changes of `json` (ASCII bytes replaced by JSON punctuation).
pub(crate) fn variants(json: &str) -> impl Iterator<Item = String> + '_ {
    let cuts = (0..json.len())
        .filter(|&i| json.is_char_boundary(i))
        .map(|i| json[..i].to_owned());
    let changes = (0..json.len())
        .filter(|&i| json.as_bytes()[i].is_ascii())
        .flat_map(move |i| {
            [b'"', b'\\', b',', b':', b'{', b'}', b'[', b']', b'0', b'n']
                .into_iter()
                .map(move |r| {
                    let mut bytes = json.as_bytes().to_vec();
                    bytes[i] = r;
                    String::from_utf8(bytes).unwrap()
                })
        });
    cuts.chain(changes)
}

#[test]
fn agrees_with_the_reference_on_every_fixture_and_its_variants() {
    let files = fixtures("liveperson");
    assert!(files.len() >= 37);
    for (name, json) in &files {
        assert_agree(json, name);
        let compact =
            serde_json::to_string(&serde_json::from_str::<serde_json::Value>(json).unwrap())
                .unwrap();
        for (k, variant) in variants(&compact).enumerate() {
            assert_agree(&variant, &format!("{name} variant {k}"));
        }
    }
}

#[test]
fn agrees_with_the_reference_on_odd_shapes() {
    for json in [
        r#"{"type":"ms.MessagingEventNotification","body":{"changes":[{"event":{"type":5}}]}}"#,
        r#"{"type":"x","body":{"changes":null}}"#,
        r#"{"type":"x","body":{"changes":[null]}}"#,
        r#"{"type":"x","body":{"changes":[1]}}"#,
        r#"{"type":"x","body":{"changes":{}}}"#,
        r#"{"type":"x","body":{"changes":[{"event":null,"type":"UPSERT"}]}}"#,
        r#"{"type":"x","body":{"changes":[{"event":[],"type":"UPSERT"}]}}"#,
        r#"{"type":"x","body":{"changes":[{"event":{"type":"A"},"event":{"contentType":"b"}}]}}"#,
        r#"{"type":"x","type":"y","body":[1,2]}"#,
        r#"{"type":null,"body":"text"}"#,
        r#"{"type":true}"#,
        r#"{"type":{"a":1}}"#,
        r#"{"type":1.5e3}"#,
        r#"{"ty\u0070e":"a\u00e9","body":{"chang\u0065s":[{"\u0074ype":"UPSERT"}]}}"#,
        r#"{"type":"\ud800"}"#,
        r#"{"\ud800":1}"#,
        r#"{"other":"\ud800"}"#,
        r#"[]"#,
        r#"null"#,
        r#""type""#,
        " {} ",
        "{\"type\":\"x\"} trailing",
    ] {
        assert_agree(json, json);
    }
}

#[test]
fn agrees_with_the_reference_on_deep_nesting() {
    for depth in [10, 127, 128, 129, 300] {
        let deep = format!("{}{}", "[{\"a\":".repeat(depth), "1}]".repeat(depth));
        for json in [
            format!(r#"{{"type":"x","other":{deep},"body":{{"changes":[]}}}}"#),
            format!(
                r#"{{"type":"x","body":{{"changes":[{{"event":{{"type":"A","m":{deep}}}}}]}}}}"#
            ),
            format!(r#"{{"type":"x","body":{deep}}}"#),
        ] {
            assert_agree(&json, &format!("depth {depth}"));
        }
    }
}

#[test]
fn reports_a_wrong_type_at_its_path() {
    let e = peek_notification(
        r#"{"type":"ms.MessagingEventNotification","body":{"changes":[{"event":{"type":5}}]}}"#,
        |_| {},
    )
    .unwrap_err();
    assert_eq!(e.path(), "body.changes[0].event.type");
    assert_eq!(e.kind(), ParseErrorKind::Data);
    assert_eq!(e.message(), "invalid type: number `5`, expected a string");
}
