//! The scanner-based peek agrees with the serde_json reference on every fixture and on
//! truncated and mutated copies of them: the same result, or an error both ways (of the same
//! kind, at the same path when the document is well-formed JSON of the wrong shape).

use super::{ChangePeek, Peek, peek_notification, reference};
use crate::error::ParseErrorKind;
use crate::peek_tests;

type Outcome<'a> = Result<(Peek<'a>, Vec<ChangePeek<'a>>), crate::ParseError>;

fn both(json: &str) -> (Outcome<'_>, Outcome<'_>) {
    let mut new = Vec::new();
    let mut old = Vec::new();
    let a = peek_notification(json, |c| new.push(c)).map(|p| (p, new));
    let b = reference::peek_notification(json, |c| old.push(c)).map(|p| (p, old));
    (a, b)
}

fn assert_agree(json: &str, what: &str) {
    let (a, b) = both(json);
    peek_tests::assert_agree(a, b, what);
}

#[test]
fn agrees_with_the_reference_on_every_fixture_and_its_variants() {
    peek_tests::check_fixtures_and_variants(&["liveperson"], 37, assert_agree);
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
