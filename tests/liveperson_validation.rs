//! Each rule of `validate_notification`, on a document that breaks exactly that rule; the same
//! document with the rule respected has no such issue.

use chatwire::{Severity, ValidationReport, parse_notification, validate_notification};

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

/// Asserts that `bad` has exactly one error, at `path`, and that `good` has none.
fn rule(bad: &str, good: &str, path: &str) {
    let r = report(bad);
    let paths: Vec<_> = r.errors().iter().map(|i| i.path.as_str()).collect();
    assert_eq!(paths, [path], "{r}\n{bad}");
    assert_eq!(r.errors()[0].severity, Severity::Error);
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
    );
    rule(
        &good.replace(r#""kind":"notification""#, r#""kind":"req""#),
        &good,
        "kind",
    );
}

#[test]
fn malformed_changes_are_errors() {
    let good = messaging(&text_change(1, "d"));
    rule(
        &good.replace(r#""message":"m""#, r#""message":{"text":"m"}"#),
        &good,
        "body.changes[0].event.message",
    );
}

#[test]
fn dialog_and_originator_ids() {
    let good = messaging(&text_change(1, "d"));
    rule(
        &messaging(&text_change(1, "")),
        &good,
        "body.changes[0].dialogId",
    );
    rule(
        &good.replace(r#""dialogId":"d","#, ""),
        &good,
        "body.changes[0].dialogId",
    );
    rule(
        &good.replace(r#""dialogId":"d""#, r#""dialogId":null"#),
        &good,
        "body.changes[0].dialogId",
    );
    rule(
        &good.replace(r#""originatorId":"o""#, r#""originatorId":"""#),
        &good,
        "body.changes[0].originatorId",
    );
}

#[test]
fn event_type_and_content_type_are_required() {
    let good = messaging(&text_change(1, "d"));
    let no_event = messaging(
        r#"{"sequence":1,"originatorId":"o","serverTimestamp":1528371161893,"dialogId":"d"}"#,
    );
    rule(&no_event, &good, "body.changes[0].event");
    rule(
        &good.replace(r#""type":"ContentEvent","#, ""),
        &good,
        "body.changes[0].event.type",
    );
    rule(
        &good.replace(r#""contentType":"text/plain","#, ""),
        &good,
        "body.changes[0].event.contentType",
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
        );
        rule(
            &good.replace(r#""serverTimestamp":1528371161893,"#, ""),
            &good,
            "body.changes[0].serverTimestamp",
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
    );
    rule(
        &good.replace("1528371161893", "4102444800000"),
        &good,
        "body.changes[0].serverTimestamp",
    );
    let sent = good.replace(r#""changes":"#, r#""sentTs":1528371161,"changes":"#);
    rule(&sent, &good, "body.sentTs");
    let good = conversation(DETAILS);
    rule(
        &good.replace("1528371161000", "-5"),
        &good,
        "body.changes[0].result.conversationDetails.startTs",
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
    rule(&bad, &good, "body.changes[2].sequence");
    let bad = messaging(&[text_change(3, "a"), text_change(2, "a")].join(","));
    rule(&bad, &good, "body.changes[1].sequence");
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
    );
    rule(
        &hosted(r#"{"caption":"","relativePath":"/v1/x.png"}"#),
        &good,
        "body.changes[0].event.message.fileType",
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
        );
    }
    rule(
        &form("text/plain", "42"),
        &form("text/plain", r#""42""#),
        "body.changes[0].event.message",
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
    );
}

#[test]
fn conversation_change_required_fields() {
    let good = conversation(DETAILS);
    rule(
        &good.replace(r#""convId":"c","#, ""),
        &good,
        "body.changes[0].result.convId",
    );
    rule(
        &good.replace(r#""state":"OPEN","#, ""),
        &good,
        "body.changes[0].result.conversationDetails.state",
    );
    rule(
        &good.replace(r#""startTs":1528371161000,"#, ""),
        &good,
        "body.changes[0].result.conversationDetails.startTs",
    );
    let no_details = r#"{"kind":"notification","type":"cqm.ExConversationChangeNotification","body":{"changes":[{"type":"UPSERT","result":{"convId":"c"}}]}}"#;
    rule(
        no_details,
        &good,
        "body.changes[0].result.conversationDetails",
    );
    let no_result = r#"{"kind":"notification","type":"cqm.ExConversationChangeNotification","body":{"changes":[{"type":"UPSERT"}]}}"#;
    rule(no_result, &good, "body.changes[0].result");
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
    );
}

#[test]
fn participants_need_id_and_role() {
    let good = conversation(DETAILS);
    rule(
        &good.replace(r#"{"id":"p","role":"CONSUMER"}"#, r#"{"role":"CONSUMER"}"#),
        &good,
        "body.changes[0].result.conversationDetails.participants[0].id",
    );
    rule(
        &good.replace(r#"{"id":"p","role":"CONSUMER"}"#, r#"{"id":"p"}"#),
        &good,
        "body.changes[0].result.conversationDetails.participants[0].role",
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
    );
}

#[test]
fn unknown_things_are_warnings_not_errors() {
    let unknowns = [
        (
            r#"{"kind":"notification","type":"routing.AgentStateNotification","body":{}}"#,
            "type",
        ),
        (
            &messaging(r#"{"dialogId":"d","event":{"type":"TypingEvent"}}"#) as &str,
            "body.changes[0].event.type",
        ),
        (
            &messaging(
                r#"{"sequence":1,"serverTimestamp":1528371161893,"dialogId":"d","event":{"type":"ContentEvent","contentType":"text/markdown","message":"*"}}"#,
            ),
            "body.changes[0].event.contentType",
        ),
        (
            &messaging(
                r#"{"dialogId":"d","metadata":[{"type":"WhatsAppReply"}],"event":{"type":"ChatStateEvent","chatState":"ACTIVE"}}"#,
            ),
            "body.changes[0].metadata[0].type",
        ),
        (
            &messaging(
                r#"{"dialogId":"d","event":{"type":"ChatStateEvent","chatState":"SLEEPING"}}"#,
            ),
            "body.changes[0].event.chatState",
        ),
        (
            &conversation(&DETAILS.replace("CONSUMER", "BOT")),
            "body.changes[0].result.conversationDetails.participants[0].role",
        ),
        (
            &conversation(&DETAILS.replace(r#""state":"OPEN""#, r#""state":"ARCHIVED""#)),
            "body.changes[0].result.conversationDetails.state",
        ),
    ];
    for (json, path) in unknowns {
        let r = report(json);
        assert!(r.is_valid(), "{r}");
        let paths: Vec<_> = r.warnings().iter().map(|i| i.path.as_str()).collect();
        assert_eq!(paths, [path], "{json}");
        assert_eq!(r.warnings()[0].severity, Severity::Warning);
    }
}
