//! `genesys::validate_notification`: the documented contract of `/v2/me/chats` notifications.

use super::bayeux::is_channel_name;
use super::chat::{Chat, ChatStateChangeMessage, Participant, UserData};
use super::enums::MessageItemType;
use super::enums::NotificationType;
use super::message_log::{MessageLogUpdated, Messages};
use super::notification::{Data, Notification};
use crate::validation::{ValidationReport, index, join};

/// Checks a parsed Genesys notification against the documented contract.
///
/// Paths are in wire names and start at the document (`data.messages[0].index`). The rules:
///
/// **Errors**
/// - `messageType` missing (a message that is not a meta-channel reply must have `data` with a
///   `messageType`).
/// - A ChatStateChangeMessage other than `notificationType: Error` without `chat`.
/// - A chat without `id` or `state`.
/// - `messages` missing, not an array, or empty.
/// - A message without `index`, `type` or `from`; a negative `index`.
/// - A participant (`chat.participants[]`, `messages[].from`) without `participantId`.
/// - `Text` or `Notice` without `text`; `CustomNotice` without `noticeText`; `PushUrl` without
///   `url`.
/// - A `timestamp` or `receivedDate` not in the documented format `yyyy-MM-dd HH:mm:ss.SSSZ`
///   (RFC 3339, as the Workspace API v3 writes, is also accepted).
/// - `userData` that is not a JSON object.
/// - A `channel` that is not a Bayeux channel name.
///
/// **Warnings**
/// - Unknown `messageType`, `notificationType`, message `type`, participant `type`, and any
///   other enum value this version of the crate does not know.
/// - `index` not increasing within one notification (indices may jump, but not go back).
///
/// ```
/// let json = r#"{"messageType":"MessageLogUpdated","notificationType":"NewMessages",
///   "messages":[{"index":-1,"type":"Text","from":{"type":"Agent","participantId":"A1"}}]}"#;
/// let report = chatwire::genesys::validate_notification(&chatwire::genesys::parse_notification(json)?);
/// let errors: Vec<String> = report.errors().iter().map(|e| e.to_string()).collect();
/// assert_eq!(errors, ["messages[0].index: is negative (-1)", "messages[0].text: missing on a Text message"]);
/// # Ok::<(), chatwire::ParseError>(())
/// ```
pub fn validate_notification(notification: &Notification) -> ValidationReport {
    let mut r = ValidationReport::default();
    let prefix = if notification.bayeux.is_some() {
        "data"
    } else {
        ""
    };
    if let Some(bayeux) = &notification.bayeux
        && let Some(channel) = &bayeux.channel
        && !is_channel_name(channel)
    {
        r.error(
            "channel",
            format!("`{channel}` is not a Bayeux channel name"),
        );
    }
    match &notification.data {
        None if notification.is_meta() => {}
        None => r.error("data", "missing"),
        Some(Data::ChatStateChange(m)) => chat_state_change(&mut r, prefix, m),
        Some(Data::MessageLogUpdated(m)) => message_log(&mut r, prefix, m),
        Some(Data::Unknown(u)) => match u.message_type() {
            Some(t) => r.warning(
                join(prefix, "messageType"),
                format!("unknown message type `{t}`"),
            ),
            None => r.error(join(prefix, "messageType"), "missing"),
        },
    }
    r
}

fn known(r: &mut ValidationReport, path: String, is_known: bool, value: &str, what: &str) {
    if !is_known {
        r.warning(path, format!("unknown {what} `{value}`"));
    }
}

fn notification_type(r: &mut ValidationReport, prefix: &str, t: Option<&NotificationType>) {
    if let Some(t) = t {
        known(
            r,
            join(prefix, "notificationType"),
            t.is_known(),
            t.as_str(),
            "notification type",
        );
    }
}

fn chat_state_change(r: &mut ValidationReport, prefix: &str, m: &ChatStateChangeMessage) {
    notification_type(r, prefix, m.notification_type.as_ref());
    match &m.chat {
        None if m.is_error() => {}
        None => r.error(join(prefix, "chat"), "missing"),
        Some(chat) => check_chat(r, &join(prefix, "chat"), chat),
    }
}

fn check_chat(r: &mut ValidationReport, path: &str, chat: &Chat) {
    if chat.id.as_ref().is_none_or(|id| id.is_empty()) {
        r.error(join(path, "id"), "missing");
    }
    match &chat.state {
        None => r.error(join(path, "state"), "missing"),
        Some(s) => known(
            r,
            join(path, "state"),
            s.is_known(),
            s.as_str(),
            "chat state",
        ),
    }
    for (i, c) in chat.capabilities.iter().flatten().enumerate() {
        known(
            r,
            index(&join(path, "capabilities"), i),
            c.is_known(),
            c.as_str(),
            "capability",
        );
    }
    for (i, p) in chat.participants.iter().flatten().enumerate() {
        participant(r, &index(&join(path, "participants"), i), p);
    }
    if let Some(u) = &chat.user_data {
        user_data(r, &join(path, "userData"), u);
    }
    if let Some(t) = &chat.chat_type {
        known(
            r,
            join(path, "chatType"),
            t.is_known(),
            t.as_str(),
            "chat type",
        );
    }
    if let Some(ts) = &chat.received_date
        && ts.to_datetime().is_none()
    {
        r.error(
            join(path, "receivedDate"),
            format!(
                "`{}` is neither yyyy-MM-dd HH:mm:ss.SSSZ nor RFC 3339",
                ts.as_str()
            ),
        );
    }
}

fn participant(r: &mut ValidationReport, path: &str, p: &Participant) {
    if p.participant_id.as_ref().is_none_or(|id| id.is_empty()) {
        r.error(join(path, "participantId"), "missing");
    }
    if let Some(t) = &p.participant_type {
        known(
            r,
            join(path, "type"),
            t.is_known(),
            t.as_str(),
            "participant type",
        );
    }
    if let Some(v) = &p.visibility {
        known(
            r,
            join(path, "visibility"),
            v.is_known(),
            v.as_str(),
            "visibility",
        );
    }
}

fn user_data(r: &mut ValidationReport, path: &str, u: &UserData) {
    if !u.is_object() {
        r.error(path, "is not an object");
    }
}

fn message_log(r: &mut ValidationReport, prefix: &str, m: &MessageLogUpdated) {
    notification_type(r, prefix, m.notification_type.as_ref());
    let path = join(prefix, "messages");
    let list = match &m.messages {
        None => return r.error(path, "missing"),
        Some(Messages::Other(_)) => return r.error(path, "is not an array"),
        Some(Messages::List(list)) if list.is_empty() => return r.error(path, "is empty"),
        Some(Messages::List(list)) => list,
    };
    let mut last: Option<i64> = None;
    for (i, item) in list.iter().enumerate() {
        let at = index(&path, i);
        match item.index {
            None => r.error(join(&at, "index"), "missing"),
            Some(n) if n < 0 => r.error(join(&at, "index"), format!("is negative ({n})")),
            Some(n) => {
                if let Some(prev) = last
                    && n <= prev
                {
                    r.warning(
                        join(&at, "index"),
                        format!("{n} does not increase on {prev}"),
                    );
                }
                last = Some(n);
            }
        }
        match &item.from {
            None => r.error(join(&at, "from"), "missing"),
            Some(from) => participant(r, &join(&at, "from"), from),
        }
        match &item.item_type {
            None => r.error(join(&at, "type"), "missing"),
            Some(t) if !t.is_known() => {
                known(r, join(&at, "type"), false, t.as_str(), "message type")
            }
            Some(t) => {
                let (field, present) = match t {
                    MessageItemType::Text | MessageItemType::Notice => {
                        ("text", item.text.is_some())
                    }
                    MessageItemType::CustomNotice => ("noticeText", item.notice_text.is_some()),
                    MessageItemType::PushUrl => ("url", item.url.is_some()),
                    _ => ("", true),
                };
                if !present {
                    r.error(join(&at, field), format!("missing on a {t} message"));
                }
            }
        }
        if let Some(v) = &item.visibility {
            known(
                r,
                join(&at, "visibility"),
                v.is_known(),
                v.as_str(),
                "visibility",
            );
        }
        if let Some(ts) = &item.timestamp
            && ts.to_datetime().is_none()
        {
            r.error(
                join(&at, "timestamp"),
                format!(
                    "`{}` is neither yyyy-MM-dd HH:mm:ss.SSSZ nor RFC 3339",
                    ts.as_str()
                ),
            );
        }
        if let Some(u) = &item.user_data {
            user_data(r, &join(&at, "userData"), u);
        }
    }
}
