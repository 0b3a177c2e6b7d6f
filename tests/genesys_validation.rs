//! Each rule of `genesys::validate_notification`, on a document that breaks exactly that rule;
//! the same document with the rule respected has no such issue.

use chatwire::ValidationReport;
use chatwire::genesys::{parse_notification, validate_notification};

fn report(json: &str) -> ValidationReport {
    validate_notification(&parse_notification(json).unwrap_or_else(|e| panic!("{e}\n{json}")))
}

/// Asserts that `bad` has exactly one error, at `path`, of the rule `code` (compared as the
/// stable string), and that `good` has no error.
fn rule(bad: &str, good: &str, path: &str, code: &str) {
    let r = report(bad);
    let paths: Vec<_> = r.errors().iter().map(|i| i.path.as_str()).collect();
    assert_eq!(paths, [path], "{r}\n{bad}");
    assert_eq!(r.errors()[0].rule.as_str(), code, "{r}\n{bad}");
    let r = report(good);
    assert!(r.is_valid(), "{r}\n{good}");
}

const AGENT: &str = r#"{"nickname":"TestName","type":"Agent","participantId":"007352CE984F0321"}"#;

fn log(items: &str) -> String {
    format!(
        r#"{{"messageType":"MessageLogUpdated","notificationType":"NewMessages","chatUri":"http://gws/api/v2/chats/0000Na9B26EF002X","messages":{items}}}"#
    )
}

fn item(fields: &str) -> String {
    log(&format!(
        r#"[{{"index":1,"from":{AGENT},"visibility":"All","timestamp":"2014-01-09 11:58:12.035+0200",{fields}}}]"#
    ))
}

fn state(chat: &str) -> String {
    format!(
        r#"{{"messageType":"ChatStateChangeMessage","notificationType":"StatusChange","chat":{chat}}}"#
    )
}

#[test]
fn message_type_is_required() {
    let good = state(r#"{"id":"c","state":"Chatting"}"#);
    rule(
        &good.replace(r#""messageType":"ChatStateChangeMessage","#, ""),
        &good,
        "messageType",
        "missing_field",
    );
    let bayeux = format!(r#"{{"channel":"/v2/me/chats","data":{good}}}"#);
    rule(
        &bayeux.replace(r#""messageType":"ChatStateChangeMessage","#, ""),
        &bayeux,
        "data.messageType",
        "missing_field",
    );
    rule(
        r#"{"channel":"/v2/me/chats"}"#,
        &bayeux,
        "data",
        "missing_field",
    );
    assert!(
        report(r#"{"channel":"/meta/connect","successful":true}"#).is_valid(),
        "meta replies carry no data"
    );
}

#[test]
fn chat_is_required_except_on_error() {
    let good = state(r#"{"id":"c","state":"Chatting"}"#);
    let bad = r#"{"messageType":"ChatStateChangeMessage","notificationType":"StatusChange"}"#;
    rule(bad, &good, "chat", "missing_field");
    assert!(report(&bad.replace("StatusChange", "Error")).is_valid());
}

#[test]
fn chat_needs_id_and_state() {
    let good = state(r#"{"id":"c","state":"Chatting"}"#);
    rule(
        &state(r#"{"state":"Chatting"}"#),
        &good,
        "chat.id",
        "missing_field",
    );
    rule(
        &state(r#"{"id":"c"}"#),
        &good,
        "chat.state",
        "missing_field",
    );
}

#[test]
fn messages_must_be_a_non_empty_array() {
    let good = item(r#""type":"TypingStarted""#);
    rule(&log("[]"), &good, "messages", "empty_value");
    rule(&log(r#"{"index":1}"#), &good, "messages", "wrong_type");
    rule(&log(r#""none""#), &good, "messages", "wrong_type");
    rule(&log("null"), &good, "messages", "missing_field");
}

#[test]
fn message_needs_index_type_and_from() {
    let good = item(r#""type":"TypingStarted""#);
    rule(
        &good.replace(r#""index":1,"#, ""),
        &good,
        "messages[0].index",
        "missing_field",
    );
    rule(
        &good.replace(r#","type":"TypingStarted""#, ""),
        &good,
        "messages[0].type",
        "missing_field",
    );
    rule(
        &good.replace(&format!(r#""from":{AGENT},"#), ""),
        &good,
        "messages[0].from",
        "missing_field",
    );
    rule(
        &good.replace(r#""index":1"#, r#""index":-3"#),
        &good,
        "messages[0].index",
        "negative_index",
    );
}

#[test]
fn participants_need_an_id() {
    let good = item(r#""type":"TypingStarted""#);
    rule(
        &good.replace(r#","participantId":"007352CE984F0321""#, ""),
        &good,
        "messages[0].from.participantId",
        "missing_field",
    );
    let good = state(&format!(
        r#"{{"id":"c","state":"Chatting","participants":[{AGENT}]}}"#
    ));
    rule(
        &good.replace(r#","participantId":"007352CE984F0321""#, ""),
        &good,
        "chat.participants[0].participantId",
        "missing_field",
    );
}

#[test]
fn content_fields_by_message_type() {
    rule(
        &item(r#""type":"Text""#),
        &item(r#""type":"Text","text":"hi""#),
        "messages[0].text",
        "missing_field",
    );
    rule(
        &item(r#""type":"Notice""#),
        &item(r#""type":"Notice","text":"n""#),
        "messages[0].text",
        "missing_field",
    );
    rule(
        &item(r#""type":"CustomNotice","text":"n""#),
        &item(r#""type":"CustomNotice","noticeText":"n""#),
        "messages[0].noticeText",
        "missing_field",
    );
    rule(
        &item(r#""type":"PushUrl""#),
        &item(r#""type":"PushUrl","url":"http://x""#),
        "messages[0].url",
        "missing_field",
    );
    rule(
        &item(r#""type":"SystemCommand","attachment":{"fileId":"f"}"#),
        &item(r#""type":"SystemCommand","noticeText":"file-deleted","attachment":{"fileId":"f"}"#),
        "messages[0].noticeText",
        "missing_field",
    );
    // The file commands need the file; another command does not.
    for notice in ["file-uploaded", "file-deleted"] {
        rule(
            &item(&format!(
                r#""type":"SystemCommand","noticeText":"{notice}""#
            )),
            &item(&format!(
                r#""type":"SystemCommand","noticeText":"{notice}","attachment":{{"fileId":"f"}}"#
            )),
            "messages[0].attachment",
            "missing_field",
        );
    }
    let r = report(&item(
        r#""type":"SystemCommand","noticeText":"file-scanned""#,
    ));
    assert!(r.issues().next().is_none(), "{r}");
    // An attachment means nothing on other types: no rule about it.
    let r = report(&item(r#""type":"NicknameUpdated","noticeText":"Ann""#));
    assert!(r.issues().next().is_none(), "{r}");
    let r = report(&item(r#""type":"NicknameUpdated""#));
    assert!(r.issues().next().is_none(), "{r}");
}

#[test]
fn timestamps_in_the_documented_format() {
    let good = item(r#""type":"TypingStarted""#);
    for bad in [
        "2014-05-1502:24:00.000-0700",
        "2013-11-2521: 02: 22.000+0200",
        "09.01.2014 11:58",
        "",
    ] {
        rule(
            &good.replace("2014-01-09 11:58:12.035+0200", bad),
            &good,
            "messages[0].timestamp",
            "timestamp_format",
        );
    }
    assert!(
        report(&good.replace("2014-01-09 11:58:12.035+0200", "2018-05-17T13:59:45.000Z"))
            .is_valid(),
        "RFC 3339 (v3)"
    );
    let good =
        state(r#"{"id":"c","state":"Invited","receivedDate":"2016-03-16 09:55:18.000+1000"}"#);
    rule(
        &good.replace("2016-03-16 09:55:18.000+1000", "2016-03-16"),
        &good,
        "chat.receivedDate",
        "timestamp_format",
    );
}

#[test]
fn user_data_must_be_an_object() {
    let good = state(r#"{"id":"c","state":"Chatting","userData":{"a":1}}"#);
    rule(
        &state(r#"{"id":"c","state":"Chatting","userData":[1]}"#),
        &good,
        "chat.userData",
        "wrong_type",
    );
    rule(
        &state(r#"{"id":"c","state":"Chatting","userData":"a=1"}"#),
        &good,
        "chat.userData",
        "wrong_type",
    );
    rule(
        &item(r#""type":"ParticipantJoined","userData":7"#),
        &item(r#""type":"ParticipantJoined","userData":{}"#),
        "messages[0].userData",
        "wrong_type",
    );
}

#[test]
fn channel_must_be_a_bayeux_channel_name() {
    let data = state(r#"{"id":"c","state":"Chatting"}"#);
    let with = |channel: &str| format!(r#"{{"channel":"{channel}","data":{data}}}"#);
    for bad in [
        "v2/me/chats",
        "/v2//chats",
        "/",
        "/v2/me chats",
        "/v2/*/chats",
    ] {
        rule(&with(bad), &with("/v2/me/chats"), "channel", "channel_name");
    }
    for good in ["/meta/connect", "/v2/me/*", "/service/**"] {
        assert!(report(&with(good)).is_valid(), "{good}");
    }
}

#[test]
fn warnings_for_unknown_types_and_going_back() {
    let warned = |json: &str| -> Vec<String> {
        let r = report(json);
        assert!(r.is_valid(), "{r}");
        r.warnings()
            .iter()
            .map(|w| format!("{} [{}]", w.path, w.rule))
            .collect()
    };
    assert_eq!(
        warned(r#"{"messageType":"ChatTranscriptArchived"}"#),
        ["messageType [unknown_message_type]"]
    );
    assert_eq!(
        warned(&state(r#"{"id":"c","state":"Chatting"}"#).replace("StatusChange", "Muted")),
        ["notificationType [unknown_enum_value]"]
    );
    assert_eq!(
        warned(&item(r#""type":"Sticker""#)),
        ["messages[0].type [unknown_enum_value]"]
    );
    assert_eq!(
        warned(&item(r#""type":"TypingStarted""#).replace(r#""type":"Agent""#, r#""type":"Bot""#)),
        ["messages[0].from.type [unknown_enum_value]"]
    );
    let two = |a: i64, b: i64| {
        log(&format!(
            r#"[{{"index":{a},"type":"TypingStarted","from":{AGENT}}},{{"index":{b},"type":"TypingStopped","from":{AGENT}}}]"#
        ))
    };
    assert_eq!(warned(&two(5, 5)), ["messages[1].index [index_order]"]);
    assert_eq!(warned(&two(5, 2)), ["messages[1].index [index_order]"]);
    assert!(warned(&two(5, 9)).is_empty(), "indices may jump");
}

#[test]
fn bayeux_advice_and_chat_enums_are_checked() {
    let data =
        state(r#"{"id":"c","state":"Chatting","chatType":"Inbound","capabilities":["Leave"]}"#);
    let with = |reconnect: &str| {
        format!(
            r#"{{"channel":"/v2/me/chats","advice":{{"reconnect":"{reconnect}"}},"data":{data}}}"#
        )
    };
    assert!(report(&with("retry")).issues().next().is_none());
    let r = report(&with("backoff"));
    assert!(r.is_valid(), "{r}");
    let found: Vec<_> = r
        .warnings()
        .iter()
        .map(|w| (w.to_string(), w.rule))
        .collect();
    assert_eq!(
        found,
        [(
            "advice.reconnect: unknown value `backoff`".to_owned(),
            chatwire::Rule::UnknownEnumValue
        )]
    );
    let r = report(
        &with("retry")
            .replace("Inbound", "Outbound")
            .replace("Leave", "Hover"),
    );
    let paths: Vec<_> = r.warnings().iter().map(|w| w.path.as_str()).collect();
    assert_eq!(paths, ["data.chat.capabilities[0]", "data.chat.chatType"]);
}

#[test]
fn the_report_serializes_to_json() {
    let r = report(
        &item(r#""type":"Text","visibility":"Everyone""#).replace(r#""visibility":"All","#, ""),
    );
    assert_eq!(
        serde_json::to_value(&r).unwrap(),
        serde_json::json!({
            "valid": false,
            "errors": [{"path": "messages[0].text", "severity": "error", "rule": "missing_field",
                        "message": "missing on a Text message"}],
            "warnings": [{"path": "messages[0].visibility", "severity": "warning",
                          "rule": "unknown_enum_value", "message": "unknown value `Everyone`"}],
        })
    );
}
