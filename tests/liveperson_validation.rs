//! Each rule of `validate_notification`, on a document that breaks exactly that rule; the same
//! document with the rule respected has no such issue.

use chatwire::{Rule, Severity, ValidationReport, parse_notification, validate_notification};

fn report(json: &str) -> ValidationReport {
    validate_notification(&parse_notification(json).unwrap_or_else(|e| panic!("{e}\n{json}")))
}

fn messaging(changes: &str) -> String {
    format!(
        r#"{{"kind":"notification","type":"ms.MessagingEventNotification","body":{{"changes":[{changes}]}}}}"#
    )
}

fn text_change(seq: i64, dialog: &str) -> String {
    format!(
        r#"{{"sequence":{seq},"originatorId":"o","serverTimestamp":1528371161893,"dialogId":"{dialog}","event":{{"type":"ContentEvent","contentType":"text/plain","message":"m"}}}}"#
    )
}

fn conversation(details: &str) -> String {
    format!(
        r#"{{"kind":"notification","type":"cqm.ExConversationChangeNotification","body":{{"changes":[{{"type":"UPSERT","result":{{"convId":"c","conversationDetails":{details}}}}}]}}}}"#
    )
}

const DETAILS: &str =
    r#"{"state":"OPEN","startTs":1528371161000,"participants":[{"id":"p","role":"CONSUMER"}]}"#;

/// Asserts that `bad` has exactly one error, at `path`, of the rule `code` (compared as the
/// stable string, so that renaming a code fails here), and that `good` has none.
fn rule(bad: &str, good: &str, path: &str, code: &str) {
    let r = report(bad);
    let paths: Vec<_> = r.errors().iter().map(|i| i.path.as_str()).collect();
    assert_eq!(paths, [path], "{r}\n{bad}");
    assert_eq!(r.errors()[0].severity, Severity::Error);
    assert_eq!(r.errors()[0].rule.as_str(), code, "{r}\n{bad}");
    assert_eq!(Rule::from_code(code), Some(r.errors()[0].rule));
    assert!(r.errors()[0].to_string().starts_with(&format!("{path}: ")));
    let r = report(good);
    assert!(r.is_valid(), "{r}\n{good}");
}

#[test]
fn kind_must_be_notification() {
    let good = messaging(&text_change(1, "d"));
    rule(
        &good.replace(r#""kind":"notification","#, ""),
        &good,
        "kind",
        "envelope_kind",
    );
    rule(
        &good.replace(r#""kind":"notification""#, r#""kind":"req""#),
        &good,
        "kind",
        "envelope_kind",
    );
}

#[test]
fn malformed_changes_are_errors() {
    let good = messaging(&text_change(1, "d"));
    rule(
        &good.replace(r#""message":"m""#, r#""message":{"text":"m"}"#),
        &good,
        "body.changes[0].event.message",
        "malformed_change",
    );
}

#[test]
fn dialog_and_originator_ids() {
    let good = messaging(&text_change(1, "d"));
    rule(
        &messaging(&text_change(1, "")),
        &good,
        "body.changes[0].dialogId",
        "empty_value",
    );
    rule(
        &good.replace(r#""dialogId":"d","#, ""),
        &good,
        "body.changes[0].dialogId",
        "missing_field",
    );
    rule(
        &good.replace(r#""dialogId":"d""#, r#""dialogId":null"#),
        &good,
        "body.changes[0].dialogId",
        "missing_field",
    );
    rule(
        &good.replace(r#""originatorId":"o""#, r#""originatorId":"""#),
        &good,
        "body.changes[0].originatorId",
        "empty_value",
    );
}

#[test]
fn event_type_and_content_type_are_required() {
    let good = messaging(&text_change(1, "d"));
    let no_event = messaging(
        r#"{"sequence":1,"originatorId":"o","serverTimestamp":1528371161893,"dialogId":"d"}"#,
    );
    rule(&no_event, &good, "body.changes[0].event", "missing_field");
    rule(
        &good.replace(r#""type":"ContentEvent","#, ""),
        &good,
        "body.changes[0].event.type",
        "missing_field",
    );
    rule(
        &good.replace(r#""contentType":"text/plain","#, ""),
        &good,
        "body.changes[0].event.contentType",
        "missing_field",
    );
}

#[test]
fn sequence_and_server_timestamp_on_content_rich_content_and_accept_status() {
    for event in [
        r#"{"type":"ContentEvent","contentType":"text/plain","message":"m"}"#,
        r#"{"type":"RichContentEvent","content":{"type":"vertical","elements":[]}}"#,
        r#"{"type":"AcceptStatusEvent","status":"READ","sequenceList":[0]}"#,
    ] {
        let good = messaging(&format!(
            r#"{{"sequence":1,"originatorId":"o","serverTimestamp":1528371161893,"dialogId":"d","event":{event}}}"#
        ));
        rule(
            &good.replace(r#""sequence":1,"#, ""),
            &good,
            "body.changes[0].sequence",
            "missing_field",
        );
        rule(
            &good.replace(r#""serverTimestamp":1528371161893,"#, ""),
            &good,
            "body.changes[0].serverTimestamp",
            "missing_field",
        );
    }
    let chat_state = messaging(
        r#"{"originatorId":"o","dialogId":"d","event":{"type":"ChatStateEvent","chatState":"COMPOSING"}}"#,
    );
    assert!(
        report(&chat_state).is_valid(),
        "chat-state events carry neither"
    );
}

#[test]
fn timestamps_between_2000_and_2100() {
    let good = messaging(&text_change(1, "d"));
    rule(
        &good.replace("1528371161893", "946684799999"),
        &good,
        "body.changes[0].serverTimestamp",
        "timestamp_range",
    );
    rule(
        &good.replace("1528371161893", "4102444800000"),
        &good,
        "body.changes[0].serverTimestamp",
        "timestamp_range",
    );
    let sent = good.replace(r#""changes":"#, r#""sentTs":1528371161,"changes":"#);
    rule(&sent, &good, "body.sentTs", "timestamp_range");
    let good = conversation(DETAILS);
    rule(
        &good.replace("1528371161000", "-5"),
        &good,
        "body.changes[0].result.conversationDetails.startTs",
        "timestamp_range",
    );
    let ttr = |v: &str| {
        good.replace(
            r#""convId":"c","#,
            &format!(r#""convId":"c","effectiveTTR":{v},"#),
        )
    };
    rule(
        &ttr("12"),
        &ttr("-1"),
        "body.changes[0].result.effectiveTTR",
        "timestamp_range",
    );
    let dialog = |ts: &str| {
        conversation(&DETAILS.replace(
            r#""state":"OPEN","#,
            &format!(
                r#""state":"OPEN","dialogs":[{{"dialogId":"d","state":"OPEN","creationTs":{ts}}}],"#
            ),
        ))
    };
    rule(
        &dialog("1"),
        &dialog("1528371161000"),
        "body.changes[0].result.conversationDetails.dialogs[0].creationTs",
        "timestamp_range",
    );
}

#[test]
fn sequence_strictly_increasing_per_dialog() {
    let good = messaging(
        &[
            text_change(1, "a"),
            text_change(0, "b"),
            text_change(2, "a"),
        ]
        .join(","),
    );
    let bad = messaging(
        &[
            text_change(1, "a"),
            text_change(0, "b"),
            text_change(1, "a"),
        ]
        .join(","),
    );
    rule(&bad, &good, "body.changes[2].sequence", "sequence_order");
    let bad = messaging(&[text_change(3, "a"), text_change(2, "a")].join(","));
    rule(&bad, &good, "body.changes[1].sequence", "sequence_order");
}

#[test]
fn content_shapes_by_content_type() {
    let hosted = |message: &str| {
        messaging(&format!(
            r#"{{"sequence":1,"originatorId":"o","serverTimestamp":1528371161893,"dialogId":"d","event":{{"type":"ContentEvent","contentType":"hosted/file","message":{message}}}}}"#
        ))
    };
    let good = hosted(r#"{"caption":"","relativePath":"/v1/x.png","fileType":"PNG"}"#);
    rule(
        &hosted(r#"{"caption":"","fileType":"PNG"}"#),
        &good,
        "body.changes[0].event.message.relativePath",
        "malformed_change",
    );
    rule(
        &hosted(r#"{"caption":"","relativePath":"/v1/x.png"}"#),
        &good,
        "body.changes[0].event.message.fileType",
        "malformed_change",
    );
    let form = |ct: &str, message: &str| {
        messaging(&format!(
            r#"{{"sequence":1,"originatorId":"o","serverTimestamp":1528371161893,"dialogId":"d","event":{{"type":"ContentEvent","contentType":"{ct}","message":{message}}}}}"#
        ))
    };
    for ct in ["forms/secure-invitation", "forms/secure-submission"] {
        rule(
            &form(ct, r#"{"title":"t"}"#),
            &form(ct, r#"{"invitationId":"i","title":"t"}"#),
            "body.changes[0].event.message.invitationId",
            "malformed_change",
        );
    }
    rule(
        &form("text/plain", "42"),
        &form("text/plain", r#""42""#),
        "body.changes[0].event.message",
        "malformed_change",
    );
}

#[test]
fn accept_status_needs_sequences() {
    let accept = |list: &str| {
        messaging(&format!(
            r#"{{"sequence":1,"originatorId":"o","serverTimestamp":1528371161893,"dialogId":"d","event":{{"type":"AcceptStatusEvent","status":"READ","sequenceList":{list}}}}}"#
        ))
    };
    rule(
        &accept("[]"),
        &accept("[0]"),
        "body.changes[0].event.sequenceList",
        "empty_value",
    );
}

#[test]
fn conversation_change_required_fields() {
    let good = conversation(DETAILS);
    rule(
        &good.replace(r#""convId":"c","#, ""),
        &good,
        "body.changes[0].result.convId",
        "missing_field",
    );
    rule(
        &good.replace(r#""state":"OPEN","#, ""),
        &good,
        "body.changes[0].result.conversationDetails.state",
        "missing_field",
    );
    rule(
        &good.replace(r#""startTs":1528371161000,"#, ""),
        &good,
        "body.changes[0].result.conversationDetails.startTs",
        "missing_field",
    );
    let no_details = r#"{"kind":"notification","type":"cqm.ExConversationChangeNotification","body":{"changes":[{"type":"UPSERT","result":{"convId":"c"}}]}}"#;
    rule(
        no_details,
        &good,
        "body.changes[0].result.conversationDetails",
        "missing_field",
    );
    let no_result = r#"{"kind":"notification","type":"cqm.ExConversationChangeNotification","body":{"changes":[{"type":"UPSERT"}]}}"#;
    rule(no_result, &good, "body.changes[0].result", "missing_field");
}

#[test]
fn end_before_start() {
    let good = conversation(&DETAILS.replace(
        r#""startTs":1528371161000"#,
        r#""startTs":1528371161000,"endTs":1528371162000"#,
    ));
    let bad = conversation(&DETAILS.replace(
        r#""startTs":1528371161000"#,
        r#""startTs":1528371161000,"endTs":1528371160000"#,
    ));
    rule(
        &bad,
        &good,
        "body.changes[0].result.conversationDetails.endTs",
        "end_before_start",
    );
}

#[test]
fn participants_need_id_and_role() {
    let good = conversation(DETAILS);
    rule(
        &good.replace(r#"{"id":"p","role":"CONSUMER"}"#, r#"{"role":"CONSUMER"}"#),
        &good,
        "body.changes[0].result.conversationDetails.participants[0].id",
        "missing_field",
    );
    rule(
        &good.replace(r#"{"id":"p","role":"CONSUMER"}"#, r#"{"id":"p"}"#),
        &good,
        "body.changes[0].result.conversationDetails.participants[0].role",
        "missing_field",
    );
    let dialog = |p: &str| {
        conversation(&DETAILS.replace(
            r#""state":"OPEN","#,
            &format!(
                r#""state":"OPEN","dialogs":[{{"dialogId":"d","participantsDetails":[{p}]}}],"#
            ),
        ))
    };
    rule(
        &dialog(
            r#"{"id":"p","role":"CONSUMER","state":"ACTIVE"},{"state":"ACTIVE","role":"AGENT"}"#,
        ),
        &dialog(r#"{"id":"p","role":"CONSUMER","state":"ACTIVE"}"#),
        "body.changes[0].result.conversationDetails.dialogs[0].participantsDetails[1].id",
        "missing_field",
    );
}

#[test]
fn unknown_things_are_warnings_not_errors() {
    let unknowns = [
        (
            r#"{"kind":"notification","type":"routing.AgentStateNotification","body":{}}"#,
            "type",
            "unknown_notification_type",
        ),
        (
            &messaging(r#"{"dialogId":"d","event":{"type":"TypingEvent"}}"#) as &str,
            "body.changes[0].event.type",
            "unknown_event_type",
        ),
        (
            &messaging(
                r#"{"sequence":1,"serverTimestamp":1528371161893,"dialogId":"d","event":{"type":"ContentEvent","contentType":"text/markdown","message":"*"}}"#,
            ),
            "body.changes[0].event.contentType",
            "unknown_content_type",
        ),
        (
            &messaging(
                r#"{"dialogId":"d","metadata":[{"type":"WhatsAppReply"}],"event":{"type":"ChatStateEvent","chatState":"ACTIVE"}}"#,
            ),
            "body.changes[0].metadata[0].type",
            "unknown_metadata_type",
        ),
        (
            &messaging(
                r#"{"dialogId":"d","event":{"type":"ChatStateEvent","chatState":"SLEEPING"}}"#,
            ),
            "body.changes[0].event.chatState",
            "unknown_enum_value",
        ),
        (
            &conversation(&DETAILS.replace("CONSUMER", "BOT")),
            "body.changes[0].result.conversationDetails.participants[0].role",
            "unknown_enum_value",
        ),
        (
            &conversation(&DETAILS.replace(r#""state":"OPEN""#, r#""state":"ARCHIVED""#)),
            "body.changes[0].result.conversationDetails.state",
            "unknown_enum_value",
        ),
    ];
    for (json, path, code) in unknowns {
        let r = report(json);
        assert!(r.is_valid(), "{r}");
        let paths: Vec<_> = r.warnings().iter().map(|i| i.path.as_str()).collect();
        assert_eq!(paths, [path], "{json}");
        assert_eq!(r.warnings()[0].severity, Severity::Warning);
        assert_eq!(r.warnings()[0].rule.as_str(), code, "{json}");
    }
}

// --- "Not set" zeros ---------------------------------------------------------------------------

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/webhooks_examples/liveperson/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The Messaging Window API reference's open conversation (see SOURCES.md): `endTs`,
/// `delay.tillWhen` and `manualETTR` are `0`, LivePerson's "not set".
const OPEN_WITH_ZEROS: &str = "044_mwapi_apiref_exconv_open_zero_sentinels.json";

#[test]
fn zero_means_not_set_in_the_documented_fields() {
    let json = fixture(OPEN_WITH_ZEROS);
    for zero in [r#""endTs":0"#, r#""tillWhen":0"#, r#""manualETTR":0"#] {
        assert!(json.contains(zero), "the fixture carries {zero}");
    }
    let r = report(&json);
    assert!(r.is_valid(), "{r}");
    assert_eq!(r.issues().count(), 0, "{r}");
    let details = "body.changes[0].result.conversationDetails";
    // The same fields with a non-zero value outside the window are still errors, each at its
    // path; `1` (1970) is the closest such value to the sentinel.
    for (from, to, path) in [
        (r#""endTs":0"#, r#""endTs":1"#, format!("{details}.endTs")),
        (
            r#""tillWhen":0"#,
            r#""tillWhen":1"#,
            format!("{details}.delay.tillWhen"),
        ),
        (
            r#""manualETTR":0"#,
            r#""manualETTR":-1"#,
            format!("{details}.manualETTR"),
        ),
        (
            r#""manualETTR":0"#,
            r#""manualETTR":4102444800000"#,
            format!("{details}.manualETTR"),
        ),
    ] {
        let bad = json.replace(from, to);
        let r = report(&bad);
        let found: Vec<_> = r
            .errors()
            .iter()
            .map(|i| (i.path.as_str(), i.rule))
            .collect();
        // `endTs: 1` is also before `startTs`.
        let mut expected = vec![(path.as_str(), Rule::TimestampRange)];
        if to == r#""endTs":1"# {
            expected.push((path.as_str(), Rule::EndBeforeStart));
        }
        assert_eq!(found, expected, "{to}");
    }
}

#[test]
fn zero_end_of_a_dialog_is_not_set_and_not_before_start() {
    // An open conversation with its MAIN dialog, from LivePerson's demo connector (009), with
    // the dialog's and the conversation's `endTs` written as `0`.
    let json = fixture("009_demoapp_conv_open_with_dialog.json");
    assert!(report(&json).issues().next().is_none());
    let with_zero = json
        .replacen(r#""dialogType":"#, r#""endTs":0,"dialogType":"#, 1)
        .replacen(r#""startTs":"#, r#""endTs":0,"startTs":"#, 1);
    assert_ne!(with_zero, json);
    let r = report(&with_zero);
    assert!(r.is_valid(), "{r}");
    let r = report(&with_zero.replace(r#""endTs":0"#, r#""endTs":7"#));
    let rules: Vec<_> = r.errors().iter().map(|i| i.rule.as_str()).collect();
    assert!(rules.contains(&"timestamp_range"), "{r}");
    assert!(rules.contains(&"end_before_start"), "{r}");
}

#[test]
fn zero_is_still_an_error_where_the_vendor_never_sends_it() {
    // Always-set timestamps have no sentinel: `0` there is 1970, an error.
    let good = messaging(&text_change(1, "d"));
    rule(
        &good.replace("1528371161893", "0"),
        &good,
        "body.changes[0].serverTimestamp",
        "timestamp_range",
    );
    let good = conversation(DETAILS);
    rule(
        &good.replace("1528371161000", "0"),
        &good,
        "body.changes[0].result.conversationDetails.startTs",
        "timestamp_range",
    );
    let ttr = |v: &str| {
        good.replace(
            r#""convId":"c","#,
            &format!(r#""convId":"c","effectiveTTR":{v},"#),
        )
    };
    // `effectiveTTR` says "not set" with `-1`, not `0`.
    rule(
        &ttr("0"),
        &ttr("-1"),
        "body.changes[0].result.effectiveTTR",
        "timestamp_range",
    );
    let dialog = |field: &str| {
        conversation(&DETAILS.replace(
            r#""state":"OPEN","#,
            &format!(r#""state":"OPEN","dialogs":[{{"dialogId":"d","{field}":0}}],"#),
        ))
    };
    for field in ["creationTs", "metaDataLastUpdateTs"] {
        rule(
            &dialog(field),
            &dialog("endTs"),
            &format!("body.changes[0].result.conversationDetails.dialogs[0].{field}"),
            "timestamp_range",
        );
    }
}

// --- The configurable window -------------------------------------------------------------------

#[test]
fn the_timestamp_window_is_configurable() {
    use chatwire::{ValidationOptions, validate_notification_with};
    let json = messaging(&text_change(1, "d")); // serverTimestamp 2018-06-07
    let n = parse_notification(&json).unwrap();
    let default = ValidationOptions::default();
    assert_eq!(
        default.timestamp_window,
        Some(chatwire::liveperson::EARLIEST_TIMESTAMP..chatwire::liveperson::LATEST_TIMESTAMP)
    );
    assert_eq!(
        validate_notification_with(&n, &default),
        validate_notification(&n)
    );
    assert!(validate_notification_with(&n, &default).is_valid());

    // A window that ends before 2018: the same document breaks the rule, and the message
    // names the configured window.
    let until_2010 = ValidationOptions::new().timestamp_window(946_684_800_000..1_262_304_000_000);
    let r = validate_notification_with(&n, &until_2010);
    assert_eq!(r.errors().len(), 1, "{r}");
    assert_eq!(r.errors()[0].rule, Rule::TimestampRange);
    assert_eq!(
        r.errors()[0].to_string(),
        "body.changes[0].serverTimestamp: timestamp 1528371161893 is outside 2000-01-01 .. 2010-01-01"
    );
    // A bound that is not midnight is written to the millisecond.
    let r = validate_notification_with(
        &n,
        &ValidationOptions::new().timestamp_window(1_528_371_161_894..i64::MAX),
    );
    assert!(
        r.errors()[0]
            .message
            .ends_with("outside 2018-06-07T11:32:41.894Z .. 9223372036854775807"),
        "{r}"
    );

    // Seconds instead of milliseconds are an error by default, accepted without a window.
    let seconds = parse_notification(&json.replace("1528371161893", "1528371161")).unwrap();
    assert!(!validate_notification(&seconds).is_valid());
    let none = ValidationOptions::new().without_timestamp_window();
    assert_eq!(none.timestamp_window, None);
    assert!(validate_notification_with(&seconds, &none).is_valid());

    // The sentinels are "not set" whatever the window.
    let zeros = parse_notification(&fixture(OPEN_WITH_ZEROS)).unwrap();
    let narrow = ValidationOptions::new().timestamp_window(1_478_069_636_348..1_478_069_636_349);
    let r = validate_notification_with(&zeros, &narrow);
    assert!(r.is_valid(), "{r}");
    // And the window does not change the other rules.
    let no_dialog = messaging(&text_change(1, "")).replace("1528371161893", "1");
    let r = validate_notification_with(&parse_notification(&no_dialog).unwrap(), &none);
    let rules: Vec<_> = r.errors().iter().map(|i| i.rule).collect();
    assert_eq!(rules, [Rule::EmptyValue]);
}

// --- Rule codes and the JSON form --------------------------------------------------------------

#[test]
fn rule_codes_are_stable_strings() {
    let codes: Vec<&str> = Rule::ALL.iter().map(|r| r.as_str()).collect();
    assert_eq!(
        codes,
        [
            "envelope_kind",
            "malformed_change",
            "missing_field",
            "empty_value",
            "timestamp_range",
            "sequence_order",
            "end_before_start",
            "negative_index",
            "index_order",
            "timestamp_format",
            "wrong_type",
            "channel_name",
            "unknown_notification_type",
            "unknown_event_type",
            "unknown_content_type",
            "unknown_metadata_type",
            "unknown_message_type",
            "unknown_enum_value",
        ]
    );
    for rule in Rule::ALL {
        assert_eq!(Rule::from_code(rule.as_str()), Some(*rule));
        assert_eq!(rule.to_string(), rule.as_str());
        assert_eq!(
            serde_json::to_value(rule).unwrap(),
            serde_json::Value::String(rule.as_str().to_owned())
        );
    }
    assert_eq!(Rule::from_code("timestamp-range"), None);
}

#[test]
fn the_report_serializes_to_json_for_an_answer() {
    use serde_json::json;
    let json = messaging(
        r#"{"sequence":1,"originatorId":"o","serverTimestamp":12,"dialogId":"",
            "originatorMetadata":{"id":"o","role":"CONSUMER","clientProperties":{"os":"BEOS"}},
            "event":{"type":"AcceptStatusEvent","status":"READ","sequenceList":[1]}}"#,
    );
    let r = report(&json);
    assert_eq!(
        serde_json::to_value(&r).unwrap(),
        json!({
            "valid": false,
            "errors": [
                {"path": "body.changes[0].dialogId", "severity": "error", "rule": "empty_value",
                 "message": "is empty"},
                {"path": "body.changes[0].serverTimestamp", "severity": "error",
                 "rule": "timestamp_range",
                 "message": "timestamp 12 is outside 2000-01-01 .. 2100-01-01"},
            ],
            "warnings": [
                {"path": "body.changes[0].originatorMetadata.clientProperties.os",
                 "severity": "warning", "rule": "unknown_enum_value",
                 "message": "unknown value `BEOS`"},
            ],
        })
    );
    // Field order of an issue: path, severity, rule, message.
    let issue = serde_json::to_string(&r.errors()[0]).unwrap();
    assert_eq!(
        issue,
        r#"{"path":"body.changes[0].dialogId","severity":"error","rule":"empty_value","message":"is empty"}"#
    );
    let valid = report(&messaging(&text_change(1, "d")));
    assert_eq!(
        serde_json::to_value(&valid).unwrap(),
        json!({"valid": true, "errors": [], "warnings": []})
    );
}

#[test]
fn reports_filter_by_rule() {
    let json = messaging(&[text_change(2, "a"), text_change(1, "a")].join(","))
        .replace("1528371161893", "3");
    let mut r = report(&json);
    let ranges: Vec<_> = r
        .of_rule(Rule::TimestampRange)
        .map(|i| i.path.as_str())
        .collect();
    assert_eq!(
        ranges,
        [
            "body.changes[0].serverTimestamp",
            "body.changes[1].serverTimestamp"
        ]
    );
    assert_eq!(r.of_rule(Rule::SequenceOrder).count(), 1);
    r.retain(|i| i.rule != Rule::TimestampRange);
    let left: Vec<_> = r.issues().map(|i| i.rule).collect();
    assert_eq!(left, [Rule::SequenceOrder]);
}

// --- clientProperties --------------------------------------------------------------------------

#[test]
fn client_properties_enums_are_checked_wherever_they_appear() {
    use serde_json::Value;
    // A consumer's typing event with full mobile `clientProperties`, twice (LivePerson's agent
    // SDK README, partial/004), and the same properties in a conversation's `context`.
    let change: Value = serde_json::from_str(&fixture(
        "partial/004_nas_change_consumer_composing_clientprops.json",
    ))
    .unwrap();
    let props = change["originatorMetadata"]["clientProperties"].clone();
    let composing = |props: &Value| {
        let mut change = change.clone();
        change["originatorMetadata"]["clientProperties"] = props.clone();
        change["originatorClientProperties"] = props.clone();
        messaging(&change.to_string())
    };
    let context = |props: &Value| {
        conversation(&DETAILS.replace(
            r#""state":"OPEN","#,
            &format!(
                r#""state":"OPEN","context":{{"type":"MobileAppContext","lang":"en-US","clientProperties":{props}}},"#
            ),
        ))
    };
    assert!(report(&composing(&props)).issues().next().is_none());
    assert!(report(&context(&props)).issues().next().is_none());
    for (field, path, value) in [
        ("deviceFamily", "deviceFamily", "WATCH"),
        ("os", "os", "HARMONY"),
        ("integration", "integration", "TV_SDK"),
        ("features", "features[1]", "TELEPATHY"),
    ] {
        let mut bad = props.clone();
        match &mut bad[field] {
            Value::Array(list) => list[1] = Value::from(value),
            other => *other = Value::from(value),
        }
        for (json, paths) in [
            (
                composing(&bad),
                vec![
                    format!("body.changes[0].originatorMetadata.clientProperties.{path}"),
                    format!("body.changes[0].originatorClientProperties.{path}"),
                ],
            ),
            (
                context(&bad),
                vec![format!(
                    "body.changes[0].result.conversationDetails.context.clientProperties.{path}"
                )],
            ),
        ] {
            let r = report(&json);
            assert!(r.is_valid(), "{r}");
            let found: Vec<_> = r.warnings().iter().map(|i| i.path.clone()).collect();
            assert_eq!(found, paths, "{json}");
            for w in r.warnings() {
                assert_eq!(w.rule, Rule::UnknownEnumValue);
                assert_eq!(w.message, format!("unknown value `{value}`"));
            }
        }
    }
}
