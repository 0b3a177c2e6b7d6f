//! `genesys::validate_notification`: the documented contract of `/v2/me/chats` notifications.

use super::bayeux::is_channel_name;
use super::chat::{Chat, ChatStateChangeMessage, Participant, UserData};
use super::enums::MessageItemType;
use super::message_log::{MessageLogUpdated, Messages};
use super::notification::{Data, Notification};
use super::time::Timestamp;
use crate::validation::{At, EnumFields, EnumVisitor, Rule, ValidationReport};

/// Checks a parsed Genesys notification against the documented contract.
///
/// Paths are in wire names and start at the document (`data.messages[0].index`). Every issue
/// carries a stable [`Rule`](crate::Rule) code (in brackets below). The rules:
///
/// **Errors**
/// - `[missing_field]` `messageType` missing (a message that is not a meta-channel reply must
///   have `data` with a `messageType`); a ChatStateChangeMessage other than
///   `notificationType: Error` without `chat`; a chat without `id` or `state`; `messages`
///   missing; a message without `index`, `type` or `from`; a participant
///   (`chat.participants[]`, `messages[].from`) without `participantId`; `Text` or `Notice`
///   without `text`, `CustomNotice` or `SystemCommand` without `noticeText`, `PushUrl` without
///   `url`; a `SystemCommand` `file-uploaded` or `file-deleted` without `attachment`.
/// - `[empty_value]` An empty `messages` array, chat `id` or `participantId`.
/// - `[wrong_type]` `messages` that is not an array; `userData` that is not a JSON object.
/// - `[negative_index]` A negative message `index`.
/// - `[timestamp_format]` A `timestamp` or `receivedDate` not in the documented format
///   `yyyy-MM-dd HH:mm:ss.SSSZ` (RFC 3339, as the Workspace API v3 writes, is also accepted).
///   Genesys has no "not set" timestamp value: a timestamp that is not known is absent.
/// - `[channel_name]` A `channel` that is not a Bayeux channel name.
///
/// **Warnings**
/// - `[unknown_message_type]` A `messageType` this version does not model (the rest of `data`
///   is then not checked).
/// - `[unknown_enum_value]` Any value of an open enum this version does not know, in every
///   enum field of the model: `notificationType`, chat `state`, `capabilities[]`, `chatType`,
///   message `type` and `visibility`, participant `type` and `visibility`, and the Bayeux
///   `advice.reconnect`. The walk over the fields is generated with the model, so a new enum
///   field is checked without a change here.
/// - `[index_order]` `index` not increasing within one notification (indices may jump, but
///   not go back).
///
/// ```
/// let json = r#"{"messageType":"MessageLogUpdated","notificationType":"NewMessages",
///   "messages":[{"index":-1,"type":"Text","from":{"type":"Agent","participantId":"A1"}}]}"#;
/// let report = chatwire::genesys::validate_notification(&chatwire::genesys::parse_notification(json)?);
/// let errors: Vec<String> = report.errors().iter().map(|e| e.to_string()).collect();
/// assert_eq!(errors, ["messages[0].index: is negative (-1)", "messages[0].text: missing on a Text message"]);
/// let rules: Vec<&str> = report.errors().iter().map(|e| e.rule.as_str()).collect();
/// assert_eq!(rules, ["negative_index", "missing_field"]);
/// # Ok::<(), chatwire::ParseError>(())
/// ```
pub fn validate_notification(notification: &Notification) -> ValidationReport {
    let mut r = ValidationReport::default();
    let prefix = At::Root(if notification.bayeux.is_some() {
        "data"
    } else {
        ""
    });
    if let Some(bayeux) = &notification.bayeux {
        if let Some(channel) = &bayeux.channel
            && !is_channel_name(channel)
        {
            r.error(
                Rule::ChannelName,
                "channel",
                format!("`{channel}` is not a Bayeux channel name"),
            );
        }
        r.unknown_enum_values(At::Root(""), bayeux);
    }
    match &notification.data {
        None if notification.is_meta() => {}
        None => r.error(Rule::MissingField, "data", "missing"),
        Some(Data::ChatStateChange(m)) => chat_state_change(&mut r, prefix, m),
        Some(Data::MessageLogUpdated(m)) => message_log(&mut r, prefix, m),
        Some(unknown @ Data::Unknown(_)) => {
            r.unknown_variant(Rule::UnknownMessageType, prefix, unknown, true)
        }
    }
    if let Some(data) = &notification.data {
        r.unknown_enum_values(prefix, data);
    }
    r
}

fn id(r: &mut ValidationReport, path: At<'_>, value: Option<&str>) {
    match value {
        None => r.error(Rule::MissingField, path, "missing"),
        Some("") => r.error(Rule::EmptyValue, path, "is empty"),
        Some(_) => {}
    }
}

fn chat_state_change(r: &mut ValidationReport, prefix: At<'_>, m: &ChatStateChangeMessage) {
    match &m.chat {
        None if m.is_error() => {}
        None => r.error(Rule::MissingField, prefix.field("chat"), "missing"),
        Some(chat) => check_chat(r, prefix.field("chat"), chat),
    }
}

fn check_chat(r: &mut ValidationReport, path: At<'_>, chat: &Chat) {
    id(r, path.field("id"), chat.id.as_ref().map(|id| id.as_str()));
    if chat.state.is_none() {
        r.error(Rule::MissingField, path.field("state"), "missing");
    }
    let participants = path.field("participants");
    for (i, p) in chat.participants.iter().flatten().enumerate() {
        participant(r, participants.index(i), p);
    }
    if let Some(u) = &chat.user_data {
        user_data(r, path.field("userData"), u);
    }
    timestamp(r, path.field("receivedDate"), chat.received_date.as_ref());
}

fn timestamp(r: &mut ValidationReport, path: At<'_>, ts: Option<&Timestamp>) {
    if let Some(ts) = ts
        && ts.to_datetime().is_none()
    {
        r.error(
            Rule::TimestampFormat,
            path,
            format!(
                "`{}` is neither yyyy-MM-dd HH:mm:ss.SSSZ nor RFC 3339",
                ts.as_str()
            ),
        );
    }
}

fn participant(r: &mut ValidationReport, path: At<'_>, p: &Participant) {
    id(r, path.field("participantId"), p.participant_id.as_deref());
}

fn user_data(r: &mut ValidationReport, path: At<'_>, u: &UserData) {
    if !u.is_object() {
        r.error(Rule::WrongType, path, "is not an object");
    }
}

fn message_log(r: &mut ValidationReport, prefix: At<'_>, m: &MessageLogUpdated) {
    let path = prefix.field("messages");
    let list = match &m.messages {
        None => return r.error(Rule::MissingField, path, "missing"),
        Some(Messages::Other(_)) => return r.error(Rule::WrongType, path, "is not an array"),
        Some(Messages::List(list)) if list.is_empty() => {
            return r.error(Rule::EmptyValue, path, "is empty");
        }
        Some(Messages::List(list)) => list,
    };
    let mut last: Option<i64> = None;
    for (i, item) in list.iter().enumerate() {
        let at = path.index(i);
        match item.index {
            None => r.error(Rule::MissingField, at.field("index"), "missing"),
            Some(n) if n < 0 => r.error(
                Rule::NegativeIndex,
                at.field("index"),
                format!("is negative ({n})"),
            ),
            Some(n) => {
                if let Some(prev) = last
                    && n <= prev
                {
                    r.warning(
                        Rule::IndexOrder,
                        at.field("index"),
                        format!("{n} does not increase on {prev}"),
                    );
                }
                last = Some(n);
            }
        }
        match &item.from {
            None => r.error(Rule::MissingField, at.field("from"), "missing"),
            Some(from) => participant(r, at.field("from"), from),
        }
        match &item.item_type {
            None => r.error(Rule::MissingField, at.field("type"), "missing"),
            // An unknown type is warned about by the enum walk.
            Some(t) if !t.is_known() => {}
            Some(t) => {
                let (field, present) = match t {
                    MessageItemType::Text | MessageItemType::Notice => {
                        ("text", item.text.is_some())
                    }
                    MessageItemType::CustomNotice | MessageItemType::SystemCommand => {
                        ("noticeText", item.notice_text.is_some())
                    }
                    MessageItemType::PushUrl => ("url", item.url.is_some()),
                    _ => ("", true),
                };
                if !present {
                    r.error(
                        Rule::MissingField,
                        at.field(field),
                        format!("missing on a {t} message"),
                    );
                }
                // The file commands are about the file in `attachment`.
                if let Some(notice) = item.system_notice()
                    && notice.is_known()
                    && item.attachment.is_none()
                {
                    r.error(
                        Rule::MissingField,
                        at.field("attachment"),
                        format!("missing on a {t} {notice} message"),
                    );
                }
            }
        }
        timestamp(r, at.field("timestamp"), item.timestamp.as_ref());
        if let Some(u) = &item.user_data {
            user_data(r, at.field("userData"), u);
        }
    }
}

// The open-enum walk of the types that are not `wire_struct!`s. Each `match` names every
// variant, so that a new variant does not compile until it is walked.

impl EnumFields for Messages {
    fn visit_enums(&self, v: &mut EnumVisitor<'_>) {
        match self {
            Messages::List(list) => list.visit_enums(v),
            Messages::Other(_) => {}
        }
    }
}
