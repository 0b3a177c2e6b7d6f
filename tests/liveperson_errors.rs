//! Bad input: every error names the JSON path in wire names with line and column, never
//! panics, and one malformed change does not hide the others.

use chatwire::{
    ParseError, ParseErrorKind, parse_notification, parse_notification_slice, validate_notification,
};

/// A notification whose second change is `change` (the first is a sound ChatStateEvent).
fn with_change(change: &str) -> String {
    format!(
        r#"{{"kind":"notification","body":{{"changes":[{{"dialogId":"d","event":{{"type":"ChatStateEvent","chatState":"ACTIVE"}}}},{change}]}},"type":"ms.MessagingEventNotification"}}"#
    )
}

/// The error of the (single) malformed change.
fn change_error(json: &str) -> ParseError {
    let n = parse_notification(json).unwrap_or_else(|e| panic!("envelope rejected: {e}"));
    let malformed = n.malformed_changes();
    assert_eq!(malformed.len(), 1, "{malformed:?}");
    assert_eq!(
        n.messaging_changes().count(),
        1,
        "the sound change is still there"
    );
    malformed[0].1.error().clone()
}

fn assert_at(json: &str, path: &str, message: &str) {
    let e = change_error(json);
    assert_eq!(e.path(), path, "{e}");
    assert!(e.message().contains(message), "{e}");
    assert_eq!(e.kind(), ParseErrorKind::Data);
    assert!(e.to_string().starts_with(&format!("{path}: ")), "{e}");
    // The column points into the document at or just after the offending token.
    assert_eq!(e.line(), 1);
    assert!(e.column() > 0 && e.column() <= json.len());
}

#[test]
fn wrong_type_in_an_array_names_the_index() {
    let json = with_change(
        r#"{"sequence":1,"dialogId":"d","event":{"type":"AcceptStatusEvent","status":"READ","sequenceList":[1,"x"]}}"#,
    );
    assert_at(
        &json,
        "body.changes[1].event.sequenceList[1]",
        r#"invalid type: string "x", expected i64"#,
    );
    let e = change_error(&json);
    assert_eq!(
        &json[..e.column()],
        &json[..json.find(r#""x""#).unwrap() + 3],
        "column is just after the bad value"
    );
}

#[test]
fn path_is_exact_when_the_tag_comes_last() {
    let json = with_change(
        r#"{"sequence":1,"dialogId":"d","event":{"status":"READ","sequenceList":[1,"x"],"type":"AcceptStatusEvent"}}"#,
    );
    assert_at(
        &json,
        "body.changes[1].event.sequenceList[1]",
        "expected i64",
    );
    let e = change_error(&json);
    assert_eq!(e.column(), json.find(r#""x""#).unwrap() + 3);
}

#[test]
fn missing_required_field_is_named() {
    let json = with_change(
        r#"{"sequence":1,"dialogId":"d","event":{"type":"AcceptStatusEvent","status":"READ"}}"#,
    );
    assert_at(
        &json,
        "body.changes[1].event.sequenceList",
        "missing field `sequenceList`",
    );
    let json = with_change(
        r#"{"dialogId":"d","event":{"type":"ContentEvent","contentType":"text/plain"}}"#,
    );
    assert_at(
        &json,
        "body.changes[1].event.message",
        "missing field `message`",
    );
}

#[test]
fn content_message_is_checked_against_content_type_in_any_key_order() {
    let json = with_change(
        r#"{"sequence":1,"dialogId":"d","event":{"message":42,"type":"ContentEvent","contentType":"text/plain"}}"#,
    );
    assert_at(
        &json,
        "body.changes[1].event.message",
        "invalid type: integer `42`, expected a string",
    );
    let json = with_change(
        r#"{"sequence":1,"dialogId":"d","event":{"type":"ContentEvent","message":{"caption":"c"},"contentType":"hosted/file"}}"#,
    );
    assert_at(
        &json,
        "body.changes[1].event.message.relativePath",
        "missing field `relativePath`",
    );
    let json = with_change(
        r#"{"dialogId":"d","event":{"type":"ContentEvent","message":{"relativePath":5,"fileType":"PNG"},"contentType":"hosted/file"}}"#,
    );
    assert_at(
        &json,
        "body.changes[1].event.message.relativePath",
        "expected a string",
    );
    let json = with_change(
        r#"{"dialogId":"d","event":{"type":"ContentEvent","contentType":"forms/secure-submission","message":{"submissionId":"s"}}}"#,
    );
    assert_at(
        &json,
        "body.changes[1].event.message.invitationId",
        "missing field `invitationId`",
    );
}

#[test]
fn wrong_scalar_types() {
    assert_at(
        &with_change(r#"{"sequence":"one","dialogId":"d"}"#),
        "body.changes[1].sequence",
        "expected i64",
    );
    assert_at(
        &with_change(r#"{"serverTimestamp":1.5,"dialogId":"d"}"#),
        "body.changes[1].serverTimestamp",
        "floating point",
    );
    assert_at(
        &with_change(r#"{"sequence":18446744073709551616,"dialogId":"d"}"#),
        "body.changes[1].sequence",
        "",
    );
    assert_at(
        &with_change(r#"{"event":"ContentEvent"}"#),
        "body.changes[1].event",
        "expected an event object",
    );
    assert_at(
        &with_change(r#"{"metadata":[{"replies":[1],"type":"Question"}]}"#),
        "body.changes[1].metadata[0].replies[0]",
        "expected a string",
    );
}

#[test]
fn duplicate_keys_are_errors() {
    assert_at(
        &with_change(r#"{"sequence":1,"sequence":2,"dialogId":"d"}"#),
        "body.changes[1].sequence",
        "duplicate field `sequence`",
    );
    assert_at(
        &with_change(r#"{"x":1,"y":2,"x":3,"dialogId":"d"}"#),
        "body.changes[1].x",
        "duplicate field `x`",
    );
    assert_at(
        &with_change(
            r#"{"dialogId":"d","event":{"type":"ChatStateEvent","chatState":"ACTIVE","type":"X"}}"#,
        ),
        "body.changes[1].event.type",
        "duplicate field `type`",
    );
    assert_at(
        &with_change(
            r#"{"dialogId":"d","event":{"chatState":"ACTIVE","chatState":"GONE","type":"ChatStateEvent"}}"#,
        ),
        "body.changes[1].event.chatState",
        "duplicate field `chatState`",
    );
    let e = parse_notification(r#"{"kind":"notification","body":{"changes":[]},"type":"ms.MessagingEventNotification","kind":"x"}"#).unwrap_err();
    assert_eq!(e.path(), "kind");
    assert!(e.message().contains("duplicate field `kind`"));
    let e = parse_notification(r#"{"kind":"notification","body":{"changes":[],"changes":[]},"type":"ms.MessagingEventNotification"}"#).unwrap_err();
    assert_eq!(e.path(), "body.changes");
}

#[test]
fn one_malformed_change_does_not_hide_the_others_and_validation_reports_it() {
    let json = with_change(
        r#"{"sequence":1,"dialogId":"d","event":{"type":"AcceptStatusEvent","status":"READ","sequenceList":[1,"x"]}}"#,
    );
    let n = parse_notification(&json).unwrap();
    let (index, malformed) = n.malformed_changes()[0];
    assert_eq!(index, 1);
    assert!(malformed.json().get().starts_with(r#"{"sequence":1"#));
    let report = validate_notification(&n);
    assert!(!report.is_valid());
    assert_eq!(report.errors().len(), 1);
    assert_eq!(
        report.errors()[0].path,
        "body.changes[1].event.sequenceList[1]"
    );
    // The malformed change is written back as it came.
    let expected: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(serde_json::to_value(&n).unwrap(), expected);
    let chatwire::liveperson::Notification::MessagingEvent(env) = n else {
        panic!()
    };
    assert_eq!(
        env.into_strict().unwrap_err().path(),
        "body.changes[1].event.sequenceList[1]"
    );
}

#[test]
fn unusable_envelopes_are_parse_errors() {
    let cases = [
        (
            r#"{"kind":"notification","type":"ms.MessagingEventNotification"}"#,
            "body",
            "missing field `body`",
        ),
        (
            r#"{"kind":"notification","body":{},"type":"ms.MessagingEventNotification"}"#,
            "body.changes",
            "missing field `changes`",
        ),
        (
            r#"{"kind":"notification","body":{"changes":{}},"type":"ms.MessagingEventNotification"}"#,
            "body.changes",
            "expected a sequence",
        ),
        (
            r#"{"kind":"notification","body":{"changes":null},"type":"cqm.ExConversationChangeNotification"}"#,
            "body.changes",
            "invalid type: null",
        ),
        (
            r#"{"kind":"notification","body":"x","type":"ms.MessagingEventNotification"}"#,
            "body",
            "expected a notification body object",
        ),
        (
            r#"{"kind":"notification","body":{"changes":[]}}"#,
            "type",
            "missing field `type`",
        ),
        (
            r#"{"kind":"notification","body":{"changes":[]},"type":7}"#,
            "type",
            "expected a string",
        ),
        (
            r#"{"kind":5,"body":{"changes":[]},"type":"ms.MessagingEventNotification"}"#,
            "kind",
            "expected a string",
        ),
        ("[1,2]", "", "expected a LivePerson notification object"),
        (
            "\"notification\"",
            "",
            "expected a LivePerson notification object",
        ),
    ];
    for (json, path, message) in cases {
        let e = parse_notification(json).unwrap_err();
        assert_eq!(e.path(), path, "{json}: {e}");
        assert!(e.message().contains(message), "{json}: {e}");
        assert_eq!(e.kind(), ParseErrorKind::Data, "{json}");
    }
}

#[test]
fn not_json_is_a_syntax_error_with_line_and_column() {
    let json = "{\n  \"kind\": \"notification\",\n  \"body\": {\"changes\": [ {\"a\": 1}, ]},\n  \"type\": \"ms.MessagingEventNotification\"\n}";
    let e = parse_notification(json).unwrap_err();
    assert_eq!(e.kind(), ParseErrorKind::Syntax);
    assert_eq!(e.line(), 3);
    assert_eq!(e.path(), "body.changes");
    assert!(e.to_string().contains("at line 3 column"), "{e}");

    let e = parse_notification(r#"{"kind":"notification","body":{"changes":[{"a":1}"#).unwrap_err();
    assert_eq!(e.kind(), ParseErrorKind::Eof);
    assert_eq!(e.path(), "body.changes[0]");

    let e = parse_notification("").unwrap_err();
    assert_eq!(e.kind(), ParseErrorKind::Eof);

    let e = parse_notification(
        r#"{"kind":"notification","body":{"changes":[]},"type":"ms.MessagingEventNotification"} x"#,
    )
    .unwrap_err();
    assert_eq!(e.kind(), ParseErrorKind::Syntax);
    assert!(e.message().contains("trailing characters"));
}

#[test]
fn multi_line_positions_are_absolute() {
    let json = "{\n  \"kind\": \"notification\",\n  \"body\": {\n    \"changes\": [\n      {\"dialogId\": 5}\n    ]\n  },\n  \"type\": \"ms.MessagingEventNotification\"\n}";
    let n = parse_notification(json).unwrap();
    let e = n.malformed_changes()[0].1.error().clone();
    assert_eq!(
        (e.path(), e.line(), e.column()),
        ("body.changes[0].dialogId", 5, 20)
    );
}

#[test]
fn invalid_utf8_is_an_error() {
    let e = parse_notification_slice(b"{\"kind\":\"notif\xffication\"}").unwrap_err();
    assert_eq!(e.kind(), ParseErrorKind::InvalidUtf8);
    assert_eq!(e.column(), 14);
    assert!(e.message().contains("byte 14"));
    let ok = parse_notification_slice(
        br#"{"kind":"notification","body":{"changes":[]},"type":"ms.MessagingEventNotification"}"#,
    );
    assert!(ok.is_ok());
}

#[test]
fn nesting_beyond_the_limit_is_an_error_not_a_crash() {
    for depth in [127, 129, 10_000, 1_000_000] {
        let deep = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        let json = format!(
            r#"{{"kind":"notification","body":{{"changes":[{{"dialogId":"d","x":{deep}}}]}},"type":"ms.MessagingEventNotification"}}"#
        );
        let n = parse_notification(&json).unwrap();
        let malformed = n.malformed_changes();
        if depth <= chatwire::json::MAX_DEPTH {
            assert!(malformed.is_empty(), "depth {depth}");
        } else {
            let e = malformed[0].1.error();
            // The path leads to the first level beyond the limit.
            let expected = format!(
                "body.changes[0].x{}",
                "[0]".repeat(chatwire::json::MAX_DEPTH)
            );
            assert_eq!(e.path(), expected, "depth {depth}");
            assert!(e.message().contains("recursion limit"), "{e}");
        }
        let unknown = format!(r#"{{"type":"x.Other","deep":{deep}}}"#);
        assert_eq!(
            parse_notification(&unknown).is_ok(),
            depth <= chatwire::json::MAX_DEPTH,
            "depth {depth}"
        );
    }
}

#[test]
fn parse_error_is_a_proper_error_type() {
    fn assert_error<E: std::error::Error + Send + Sync + 'static>() {}
    assert_error::<ParseError>();
    // Everything the error knows is in its own message and absolute position: no source whose
    // position is relative to a part of the document, or whose text holds private markers.
    let e = parse_notification("{").unwrap_err();
    assert!(std::error::Error::source(&e).is_none());
}

#[test]
fn null_in_a_required_field_is_named() {
    let json =
        with_change(r#"{"dialogId":"d","event":{"type":"RichContentEvent","content":null}}"#);
    assert_at(&json, "body.changes[1].event.content", "invalid type: null");
    let json = with_change(
        r#"{"dialogId":"d","event":{"type":"AcceptStatusEvent","sequenceList":null,"status":"READ"}}"#,
    );
    assert_at(
        &json,
        "body.changes[1].event.sequenceList",
        "invalid type: null",
    );
}

#[test]
fn duplicate_keys_inside_kept_raw_json_are_errors() {
    let json = with_change(
        r#"{"sequence":1,"dialogId":"d","event":{"type":"RichContentEvent","content":{"type":"vertical","elements":[{"type":"text","text":"a","text":"b"}]}}}"#,
    );
    assert_at(
        &json,
        "body.changes[1].event.content.elements[0].text",
        "duplicate field `text`",
    );
    let e = change_error(&json);
    assert_eq!(
        e.column(),
        json.rfind(r#""text":"b""#).unwrap(),
        "column of the second key"
    );

    let json = with_change(r#"{"dialogId":"d","novel":{"a":1,"b":{"c":1,"c":2}}}"#);
    assert_at(&json, "body.changes[1].novel.b.c", "duplicate field `c`");
    // Escapes are compared by value: "\u0061" is "a".
    let json = with_change(r#"{"dialogId":"d","novel":{"a":1,"\u0061":2}}"#);
    assert_at(&json, "body.changes[1].novel.a", "duplicate field `a`");
    // The same key in sibling objects is fine.
    let ok = with_change(r#"{"dialogId":"d","novel":[{"a":1},{"a":2}],"more":{"a":{"a":1}}}"#);
    assert!(
        parse_notification(&ok)
            .unwrap()
            .malformed_changes()
            .is_empty()
    );

    let e = parse_notification(r#"{"type":"x.Unknown","body":{"k":1,"k":2}}"#).unwrap_err();
    assert_eq!(e.path(), "body.k");
}
