//! `validate_notification`: the documented contract of LivePerson notifications.

use std::collections::HashMap;

use super::change::MessagingChange;
use super::content::{Content, ContentEvent};
use super::conversation::{ConversationChange, ConversationDetails, Participant, Participants};
use super::enums::Kind;
use super::envelope::{ChangeItem, Envelope, Notification};
use super::event::Event;
use super::metadata::Metadata;
use crate::json::EpochMillis;
use crate::validation::{ValidationReport, index, join};

/// 2000-01-01T00:00:00Z in epoch milliseconds.
pub const EARLIEST_TIMESTAMP: i64 = 946_684_800_000;
/// 2100-01-01T00:00:00Z in epoch milliseconds.
pub const LATEST_TIMESTAMP: i64 = 4_102_444_800_000;

/// Checks a parsed notification against LivePerson's documented contract.
///
/// Parsing is structural and forgiving; this is where the contract is enforced. Every issue
/// carries the JSON path in wire names. The rules:
///
/// **Errors**
/// - `kind` missing or other than `notification`.
/// - Every malformed change (the parse error, at its own path).
/// - A messaging change without `dialogId`, or with an empty `dialogId` or `originatorId`.
/// - A messaging change without `event`; an event without `type`; a ContentEvent without
///   `contentType`.
/// - A ContentEvent, RichContentEvent or AcceptStatusEvent change without `sequence` or
///   `serverTimestamp`.
/// - Any timestamp (`serverTimestamp`, `sentTs`, `startTs`, `endTs`, `metaDataLastUpdateTs`,
///   `creationTs`, `effectiveTTR`, `lastUpdateTime`, `manualETTR`, `delay.tillWhen`) outside
///   2000-01-01 .. 2100-01-01; `effectiveTTR` may be `-1`.
/// - `sequence` not strictly increasing per dialog within one notification.
/// - `text/plain` whose `message` is not a string, `hosted/file` without `relativePath` or
///   `fileType`, secure forms without `invitationId`: these fail the parse of their change, so
///   they are reported as malformed changes at the exact path.
/// - AcceptStatusEvent with an empty `sequenceList`.
/// - A conversation change without `result`, `convId`, `conversationDetails`, `state` or
///   `startTs`; `endTs` before `startTs`.
/// - A participant (`participants[]`, `participantsDetails[]`) without `id` or `role`.
///
/// **Warnings**
/// - Unknown notification type, event type, content type, metadata kind, and any enum value
///   this version of the crate does not know (roles, statuses, states, …).
///
/// ```
/// let json = r#"{"kind":"notification","type":"ms.MessagingEventNotification",
///   "body":{"changes":[{"sequence":1,"originatorId":"a","serverTimestamp":1528371161893,
///   "dialogId":"d","event":{"type":"AcceptStatusEvent","status":"SEEN","sequenceList":[]}}]}}"#;
/// let report = chatwire::validate_notification(&chatwire::parse_notification(json)?);
/// assert!(!report.is_valid());
/// assert_eq!(report.errors()[0].to_string(), "body.changes[0].event.sequenceList: is empty");
/// assert_eq!(report.warnings()[0].to_string(), "body.changes[0].event.status: unknown value `SEEN`");
/// # Ok::<(), chatwire::ParseError>(())
/// ```
pub fn validate_notification(notification: &Notification) -> ValidationReport {
    let mut r = ValidationReport::default();
    match notification {
        Notification::MessagingEvent(n) => {
            envelope(&mut r, n);
            let mut last: HashMap<&str, (i64, usize)> = HashMap::new();
            for (i, item) in n.body.changes.iter().enumerate() {
                let path = index("body.changes", i);
                if let ChangeItem::Parsed(c) = item {
                    messaging_change(&mut r, &path, c);
                    if let (Some(seq), Some(dialog)) = (c.sequence, c.dialog_id.as_ref()) {
                        if let Some(&(prev, at)) = last.get(dialog.as_str())
                            && seq <= prev
                        {
                            r.error(
                                    join(&path, "sequence"),
                                    format!("{seq} is not greater than {prev} at body.changes[{at}] in dialog `{dialog}`"),
                                );
                        }
                        last.insert(dialog.as_str(), (seq, i));
                    }
                }
            }
        }
        Notification::ConversationChange(n) => {
            envelope(&mut r, n);
            for (i, item) in n.body.changes.iter().enumerate() {
                if let ChangeItem::Parsed(c) = item {
                    conversation_change(&mut r, &index("body.changes", i), c);
                }
            }
        }
        Notification::Unknown(u) => {
            r.warning(
                "type",
                format!("unknown notification type `{}`", u.notification_type()),
            );
        }
    }
    r
}

fn envelope<C>(r: &mut ValidationReport, n: &Envelope<C>) {
    match &n.kind {
        None => r.error("kind", "missing"),
        Some(Kind::Notification) => {}
        Some(other) => r.error("kind", format!("is `{other}`, expected `notification`")),
    }
    timestamp(r, "body.sentTs", n.body.sent_ts);
    for (i, m) in n.malformed_changes() {
        let e = m.error();
        let path = if e.path().is_empty() {
            index("body.changes", i)
        } else {
            e.path().to_owned()
        };
        r.error(
            path,
            format!("{} (line {}, column {})", e.message(), e.line(), e.column()),
        );
    }
}

fn known<T: AsRef<str>>(r: &mut ValidationReport, path: &str, is_known: bool, value: T) {
    if !is_known {
        r.warning(path, format!("unknown value `{}`", value.as_ref()));
    }
}

macro_rules! check_enum {
    ($r:expr, $path:expr, $field:literal, $value:expr) => {
        if let Some(v) = &$value {
            known($r, &join($path, $field), v.is_known(), v.as_str());
        }
    };
}

fn timestamp(r: &mut ValidationReport, path: &str, ts: Option<EpochMillis>) {
    if let Some(EpochMillis(ms)) = ts
        && !(EARLIEST_TIMESTAMP..LATEST_TIMESTAMP).contains(&ms)
    {
        r.error(
            path,
            format!("timestamp {ms} is outside 2000-01-01 .. 2100-01-01"),
        );
    }
}

fn messaging_change(r: &mut ValidationReport, path: &str, c: &MessagingChange) {
    match &c.dialog_id {
        None => r.error(join(path, "dialogId"), "missing"),
        Some(d) if d.is_empty() => r.error(join(path, "dialogId"), "is empty"),
        Some(_) => {}
    }
    if c.originator_id.as_ref().is_some_and(|o| o.is_empty()) {
        r.error(join(path, "originatorId"), "is empty");
    }
    timestamp(r, &join(path, "serverTimestamp"), c.server_timestamp);
    check_enum!(r, path, "messageAudience", c.message_audience);
    if let Some(m) = &c.originator_metadata {
        check_enum!(r, &join(path, "originatorMetadata"), "role", m.role);
    }
    if let Some(list) = &c.metadata {
        for (i, m) in list.iter().enumerate() {
            if let Metadata::Unknown(u) = m {
                let p = index(&join(path, "metadata"), i);
                match u.metadata_type() {
                    Some(t) => r.warning(join(&p, "type"), format!("unknown metadata kind `{t}`")),
                    None => r.warning(p, "metadata entry without `type`"),
                }
            }
        }
    }
    let event_path = join(path, "event");
    let Some(event) = &c.event else {
        r.error(event_path, "missing");
        return;
    };
    let needs_sequence = matches!(
        event,
        Event::Content(_) | Event::RichContent(_) | Event::AcceptStatus(_)
    );
    if needs_sequence {
        if c.sequence.is_none() {
            r.error(
                join(path, "sequence"),
                format!("missing on a {}", event.event_type().unwrap_or_default()),
            );
        }
        if c.server_timestamp.is_none() {
            r.error(
                join(path, "serverTimestamp"),
                format!("missing on a {}", event.event_type().unwrap_or_default()),
            );
        }
    }
    match event {
        Event::Content(e) => content_event(r, &event_path, e),
        Event::RichContent(_) => {}
        Event::AcceptStatus(e) => {
            known(
                r,
                &join(&event_path, "status"),
                e.status.is_known(),
                e.status.as_str(),
            );
            if e.sequence_list.is_empty() {
                r.error(join(&event_path, "sequenceList"), "is empty");
            }
        }
        Event::ChatState(e) => {
            known(
                r,
                &join(&event_path, "chatState"),
                e.chat_state.is_known(),
                e.chat_state.as_str(),
            );
        }
        Event::Unknown(u) => match u.event_type() {
            Some(t) => r.warning(
                join(&event_path, "type"),
                format!("unknown event type `{t}`"),
            ),
            None => r.error(join(&event_path, "type"), "missing"),
        },
    }
}

fn content_event(r: &mut ValidationReport, path: &str, e: &ContentEvent) {
    match &e.content {
        Content::Other(o) => match &o.content_type {
            None => r.error(join(path, "contentType"), "missing"),
            Some(t) if t.is_known() => {}
            Some(t) => r.warning(
                join(path, "contentType"),
                format!("unknown content type `{t}`"),
            ),
        },
        Content::HostedFile(f) => {
            let p = join(path, "message");
            known(
                r,
                &join(&p, "fileType"),
                f.file_type.is_known(),
                f.file_type.as_str(),
            );
        }
        _ => {}
    }
}

fn conversation_change(r: &mut ValidationReport, path: &str, c: &ConversationChange) {
    check_enum!(r, path, "type", c.change_type);
    let result_path = join(path, "result");
    let Some(result) = &c.result else {
        r.error(result_path, "missing");
        return;
    };
    if result.conv_id.as_ref().is_none_or(|id| id.is_empty()) {
        r.error(join(&result_path, "convId"), "missing");
    }
    if result.effective_ttr != Some(EpochMillis(-1)) {
        timestamp(r, &join(&result_path, "effectiveTTR"), result.effective_ttr);
    }
    timestamp(
        r,
        &join(&result_path, "lastUpdateTime"),
        result.last_update_time,
    );
    if let Some(last) = &result.last_content_event_notification {
        messaging_change(r, &join(&result_path, "lastContentEventNotification"), last);
    }
    let details_path = join(&result_path, "conversationDetails");
    match &result.conversation_details {
        None => r.error(details_path, "missing"),
        Some(d) => details(r, &details_path, d),
    }
}

fn details(r: &mut ValidationReport, path: &str, d: &ConversationDetails) {
    match &d.state {
        None => r.error(join(path, "state"), "missing"),
        Some(s) => known(r, &join(path, "state"), s.is_known(), s.as_str()),
    }
    check_enum!(r, path, "stage", d.stage);
    check_enum!(r, path, "closeReason", d.close_reason);
    if d.start_ts.is_none() {
        r.error(join(path, "startTs"), "missing");
    }
    for (field, ts) in [
        ("startTs", d.start_ts),
        ("endTs", d.end_ts),
        ("metaDataLastUpdateTs", d.meta_data_last_update_ts),
        ("manualETTR", d.manual_ettr),
    ] {
        timestamp(r, &join(path, field), ts);
    }
    if let (Some(start), Some(end)) = (d.start_ts, d.end_ts)
        && end < start
    {
        r.error(
            join(path, "endTs"),
            format!("{} is before startTs {}", end.0, start.0),
        );
    }
    if let Some(ttr) = &d.ttr {
        check_enum!(r, &join(path, "ttr"), "ttrType", ttr.ttr_type);
    }
    if let Some(delay) = &d.delay {
        let p = join(path, "delay");
        check_enum!(r, &p, "type", delay.delay_type);
        timestamp(r, &join(&p, "tillWhen"), delay.till_when);
    }
    if let Some(csat) = &d.csat {
        check_enum!(r, &join(path, "csat"), "status", csat.status);
    }
    if let Some(ctx) = &d.context {
        check_enum!(r, &join(path, "context"), "type", ctx.context_type);
    }
    match &d.participants {
        Some(Participants::List(list)) => participants(r, &join(path, "participants"), list),
        Some(Participants::ByRole(groups)) => {
            for (role, _) in groups {
                known(
                    r,
                    &join(&join(path, "participants"), role.as_str()),
                    role.is_known(),
                    role.as_str(),
                );
            }
        }
        None => {}
    }
    for (i, dialog) in d.dialogs.iter().flatten().enumerate() {
        let p = index(&join(path, "dialogs"), i);
        if dialog.dialog_id.as_ref().is_none_or(|id| id.is_empty()) {
            r.error(join(&p, "dialogId"), "missing");
        }
        check_enum!(r, &p, "dialogType", dialog.dialog_type);
        check_enum!(r, &p, "channelType", dialog.channel_type);
        check_enum!(r, &p, "state", dialog.state);
        check_enum!(r, &p, "closedBy", dialog.closed_by);
        for (field, ts) in [
            ("creationTs", dialog.creation_ts),
            ("endTs", dialog.end_ts),
            ("metaDataLastUpdateTs", dialog.meta_data_last_update_ts),
        ] {
            timestamp(r, &join(&p, field), ts);
        }
        if let Some(list) = &dialog.participants_details {
            participants(r, &join(&p, "participantsDetails"), list);
        }
    }
}

fn participants(r: &mut ValidationReport, path: &str, list: &[Participant]) {
    for (i, p) in list.iter().enumerate() {
        let at = index(path, i);
        if p.id.as_ref().is_none_or(|id| id.is_empty()) {
            r.error(join(&at, "id"), "missing");
        }
        match &p.role {
            None => r.error(join(&at, "role"), "missing"),
            Some(role) => known(r, &join(&at, "role"), role.is_known(), role.as_str()),
        }
        check_enum!(r, &at, "state", p.state);
    }
}
