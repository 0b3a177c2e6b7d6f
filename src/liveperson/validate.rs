//! `validate_notification`: the documented contract of LivePerson notifications.

use std::collections::HashMap;

use std::ops::Range;

use super::change::MessagingChange;
use super::content::{Content, ContentEvent};
use super::conversation::{ConversationChange, ConversationDetails, Participant, Participants};
use super::enums::Kind;
use super::envelope::{ChangeItem, Envelope, Notification};
use super::event::Event;
use crate::json::EpochMillis;
use crate::validation::{
    At, EnumFields, EnumVisitor, Rule, ValidationOptions, ValidationReport, describe_instant,
};

pub use crate::validation::{EARLIEST_TIMESTAMP, LATEST_TIMESTAMP};

/// Checks a parsed notification against LivePerson's documented contract, with the default
/// [`ValidationOptions`] (timestamps between 2000-01-01 and 2100-01-01).
///
/// Parsing is structural and forgiving; this is where the contract is enforced. Every issue
/// carries the JSON path in wire names and a stable [`Rule`](crate::Rule) code (in brackets
/// below). The rules:
///
/// **Errors**
/// - `[envelope_kind]` `kind` missing or other than `notification`.
/// - `[malformed_change]` Every malformed change (the parse error, at its own path).
///   `text/plain` whose `message` is not a string, `hosted/file` without `relativePath` or
///   `fileType`, secure forms without `invitationId` fail the parse of their change, so they
///   are reported this way, at the exact path.
/// - `[missing_field]` A messaging change without `dialogId` or `event`; an event without
///   `type`; a ContentEvent without `contentType`; a ContentEvent, RichContentEvent or
///   AcceptStatusEvent change without `sequence` or `serverTimestamp`. A conversation change
///   without `result`, `convId`, `conversationDetails`, `state` or `startTs`. A participant
///   (`participants[]`, `participantsDetails[]`) without `id` or `role`; a dialog without
///   `dialogId`.
/// - `[empty_value]` An empty `dialogId`, `originatorId`, `convId`, participant `id` or
///   dialog `dialogId`; an AcceptStatusEvent with an empty `sequenceList`.
/// - `[timestamp_range]` A timestamp (`sentTs`, `serverTimestamp`, `startTs`, `endTs`,
///   `metaDataLastUpdateTs`, `creationTs`, `effectiveTTR`, `lastUpdateTime`, `manualETTR`,
///   `delay.tillWhen`) outside the window of [`ValidationOptions::timestamp_window`]
///   (2000-01-01 .. 2100-01-01 by default), except a field's "not set" value, which LivePerson
///   sends in genuine payloads:
///   - `endTs` (of the conversation and of a dialog), `manualETTR` and `delay.tillWhen` may
///     be `0`: the Messaging Window API reference's `ExConversationChangeNotification` example
///     (developer-center, "Subscribe to Conversation Metadata") is an open conversation with
///     `"endTs":0`, `"delay":{"type":"NIGHT","tillWhen":0}` and `"manualETTR":0`. (A dialog's
///     `endTs` is the same field of the same service, and is treated alike.)
///   - `effectiveTTR` may be `-1` (webhook examples of closed and open conversations).
///   - The other timestamps have no "not set" value: they are absent when unknown.
/// - `[sequence_order]` `sequence` not strictly increasing per dialog within one
///   notification.
/// - `[end_before_start]` `endTs` (when set) before `startTs`.
///
/// **Warnings**
/// - `[unknown_notification_type]` An envelope `type` this version does not model (the rest
///   of the document is then not checked).
/// - `[unknown_event_type]`, `[unknown_content_type]`, `[unknown_metadata_type]` An event
///   `type`, `contentType` or metadata `type` this version does not model (or a metadata
///   entry without `type`).
/// - `[unknown_enum_value]` Any value of an open enum this version does not know, in every
///   enum field of the model: roles, states, stages, close reasons, statuses, chat states,
///   audiences, dialog and channel types, file types, TTR, delay, CSAT and context types,
///   participant roles in either `participants` form, and `clientProperties` (`deviceFamily`,
///   `os`, `integration`, `features[]`) wherever it appears. The walk over the fields is
///   generated with the model, so a new enum field is checked without a change here.
///
/// ```
/// let json = r#"{"kind":"notification","type":"ms.MessagingEventNotification",
///   "body":{"changes":[{"sequence":1,"originatorId":"a","serverTimestamp":1528371161893,
///   "dialogId":"d","event":{"type":"AcceptStatusEvent","status":"SEEN","sequenceList":[]}}]}}"#;
/// let report = chatwire::validate_notification(&chatwire::parse_notification(json)?);
/// assert!(!report.is_valid());
/// assert_eq!(report.errors()[0].to_string(), "body.changes[0].event.sequenceList: is empty");
/// assert_eq!(report.errors()[0].rule, chatwire::Rule::EmptyValue);
/// assert_eq!(report.warnings()[0].to_string(), "body.changes[0].event.status: unknown value `SEEN`");
/// assert_eq!(report.warnings()[0].rule.as_str(), "unknown_enum_value");
/// # Ok::<(), chatwire::ParseError>(())
/// ```
pub fn validate_notification(notification: &Notification) -> ValidationReport {
    validate_notification_with(notification, &ValidationOptions::default())
}

/// [`validate_notification`] with the given options (the timestamp window).
///
/// ```
/// use chatwire::{ValidationOptions, liveperson::validate_notification_with};
/// let json = r#"{"kind":"notification","type":"ms.MessagingEventNotification",
///   "body":{"changes":[{"sequence":1,"originatorId":"a","serverTimestamp":1528371161,
///   "dialogId":"d","event":{"type":"AcceptStatusEvent","status":"READ","sequenceList":[1]}}]}}"#;
/// let n = chatwire::parse_notification(json)?;
/// // Seconds instead of milliseconds: 1970 by default, an error.
/// assert!(!validate_notification_with(&n, &ValidationOptions::default()).is_valid());
/// let lenient = ValidationOptions::default().without_timestamp_window();
/// assert!(validate_notification_with(&n, &lenient).is_valid());
/// # Ok::<(), chatwire::ParseError>(())
/// ```
pub fn validate_notification_with(
    notification: &Notification,
    options: &ValidationOptions,
) -> ValidationReport {
    let mut r = ValidationReport::default();
    let mut v = Check {
        r: &mut r,
        window: options.timestamp_window.clone(),
    };
    match notification {
        Notification::MessagingEvent(n) => {
            v.envelope(n);
            let mut last: HashMap<&str, (i64, usize)> = HashMap::new();
            for (i, item) in n.body.changes.iter().enumerate() {
                let path = CHANGES.index(i);
                if let ChangeItem::Parsed(c) = item {
                    v.messaging_change(path, c);
                    v.r.unknown_enum_values(path, c);
                    if let (Some(seq), Some(dialog)) = (c.sequence, c.dialog_id.as_ref()) {
                        if let Some(&(prev, at)) = last.get(dialog.as_str())
                            && seq <= prev
                        {
                            v.r.error(
                                Rule::SequenceOrder,
                                path.field("sequence"),
                                format!("{seq} is not greater than {prev} at body.changes[{at}] in dialog `{dialog}`"),
                            );
                        }
                        last.insert(dialog.as_str(), (seq, i));
                    }
                }
            }
        }
        Notification::ConversationChange(n) => {
            v.envelope(n);
            for (i, item) in n.body.changes.iter().enumerate() {
                if let ChangeItem::Parsed(c) = item {
                    let path = CHANGES.index(i);
                    v.conversation_change(path, c);
                    v.r.unknown_enum_values(path, c);
                }
            }
        }
        Notification::Unknown(u) => {
            v.r.warning(
                Rule::UnknownNotificationType,
                "type",
                format!("unknown notification type `{}`", u.notification_type()),
            );
        }
    }
    r
}

/// Where the changes of a notification are.
const CHANGES: At<'static> = At::Root("body.changes");

/// How a timestamp field says "not set" (see the rule list of [`validate_notification`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Unset {
    /// Absent when not set; every number is an instant.
    Never,
    /// `0`.
    Zero,
    /// `-1`.
    MinusOne,
}

impl Unset {
    fn is_unset(self, ts: EpochMillis) -> bool {
        match self {
            Unset::Never => false,
            Unset::Zero => ts.0 == 0,
            Unset::MinusOne => ts.0 == -1,
        }
    }
}

/// One validation run: the report and the options.
struct Check<'a> {
    r: &'a mut ValidationReport,
    window: Option<Range<i64>>,
}

impl Check<'_> {
    fn timestamp(&mut self, path: At<'_>, ts: Option<EpochMillis>, unset: Unset) {
        let (Some(ts), Some(window)) = (ts, &self.window) else {
            return;
        };
        if unset.is_unset(ts) || window.contains(&ts.0) {
            return;
        }
        self.r.error(
            Rule::TimestampRange,
            path,
            format!(
                "timestamp {} is outside {} .. {}",
                ts.0,
                describe_instant(window.start),
                describe_instant(window.end)
            ),
        );
    }

    fn id(&mut self, path: At<'_>, present: bool, empty: bool) {
        if !present {
            self.r.error(Rule::MissingField, path, "missing");
        } else if empty {
            self.r.error(Rule::EmptyValue, path, "is empty");
        }
    }

    fn envelope<C>(&mut self, n: &Envelope<C>) {
        match &n.kind {
            None => self.r.error(Rule::EnvelopeKind, "kind", "missing"),
            Some(Kind::Notification) => {}
            Some(other) => self.r.error(
                Rule::EnvelopeKind,
                "kind",
                format!("is `{other}`, expected `notification`"),
            ),
        }
        self.timestamp(At::Root("body.sentTs"), n.body.sent_ts, Unset::Never);
        for (i, m) in n.malformed_changes() {
            let e = m.error();
            let path = if e.path().is_empty() {
                CHANGES.index(i).to_string()
            } else {
                e.path().to_owned()
            };
            self.r.error(
                Rule::MalformedChange,
                path,
                format!("{} (line {}, column {})", e.message(), e.line(), e.column()),
            );
        }
    }

    fn messaging_change(&mut self, path: At<'_>, c: &MessagingChange) {
        self.id(
            path.field("dialogId"),
            c.dialog_id.is_some(),
            c.dialog_id.as_ref().is_some_and(|d| d.is_empty()),
        );
        if c.originator_id.as_ref().is_some_and(|o| o.is_empty()) {
            self.r
                .error(Rule::EmptyValue, path.field("originatorId"), "is empty");
        }
        self.timestamp(
            path.field("serverTimestamp"),
            c.server_timestamp,
            Unset::Never,
        );
        if let Some(list) = &c.metadata {
            let metadata = path.field("metadata");
            for (i, m) in list.iter().enumerate() {
                self.r
                    .unknown_variant(Rule::UnknownMetadataType, metadata.index(i), m, false);
            }
        }
        let event_path = path.field("event");
        let Some(event) = &c.event else {
            self.r.error(Rule::MissingField, event_path, "missing");
            return;
        };
        let needs_sequence = matches!(
            event,
            Event::Content(_) | Event::RichContent(_) | Event::AcceptStatus(_)
        );
        if needs_sequence {
            for (field, present) in [
                ("sequence", c.sequence.is_some()),
                ("serverTimestamp", c.server_timestamp.is_some()),
            ] {
                if !present {
                    self.r.error(
                        Rule::MissingField,
                        path.field(field),
                        format!("missing on a {}", event.event_type().unwrap_or_default()),
                    );
                }
            }
        }
        match event {
            Event::Content(e) => {
                if let Content::Other(o) = &e.content
                    && o.content_type.is_none()
                {
                    self.r.error(
                        Rule::MissingField,
                        event_path.field("contentType"),
                        "missing",
                    );
                }
            }
            Event::AcceptStatus(e) if e.sequence_list.is_empty() => {
                self.r.error(
                    Rule::EmptyValue,
                    event_path.field("sequenceList"),
                    "is empty",
                );
            }
            // The other types have no rule of their own: their fields' enums are walked with
            // the whole notification's.
            _ => {}
        }
        self.r
            .unknown_variant(Rule::UnknownEventType, event_path, event, true);
    }

    fn conversation_change(&mut self, path: At<'_>, c: &ConversationChange) {
        let result_path = path.field("result");
        let Some(result) = &c.result else {
            self.r.error(Rule::MissingField, result_path, "missing");
            return;
        };
        self.id(
            result_path.field("convId"),
            result.conv_id.is_some(),
            result.conv_id.as_ref().is_some_and(|id| id.is_empty()),
        );
        self.timestamp(
            result_path.field("effectiveTTR"),
            result.effective_ttr,
            Unset::MinusOne,
        );
        self.timestamp(
            result_path.field("lastUpdateTime"),
            result.last_update_time,
            Unset::Never,
        );
        if let Some(last) = &result.last_content_event_notification {
            self.messaging_change(result_path.field("lastContentEventNotification"), last);
        }
        let details_path = result_path.field("conversationDetails");
        match &result.conversation_details {
            None => self.r.error(Rule::MissingField, details_path, "missing"),
            Some(d) => self.details(details_path, d),
        }
    }

    fn details(&mut self, path: At<'_>, d: &ConversationDetails) {
        if d.state.is_none() {
            self.r
                .error(Rule::MissingField, path.field("state"), "missing");
        }
        if d.start_ts.is_none() {
            self.r
                .error(Rule::MissingField, path.field("startTs"), "missing");
        }
        for (field, ts, unset) in [
            ("startTs", d.start_ts, Unset::Never),
            ("endTs", d.end_ts, Unset::Zero),
            (
                "metaDataLastUpdateTs",
                d.meta_data_last_update_ts,
                Unset::Never,
            ),
            ("manualETTR", d.manual_ettr, Unset::Zero),
        ] {
            self.timestamp(path.field(field), ts, unset);
        }
        if let (Some(start), Some(end)) = (d.start_ts, d.end_ts)
            && !Unset::Zero.is_unset(end)
            && end < start
        {
            self.r.error(
                Rule::EndBeforeStart,
                path.field("endTs"),
                format!("{} is before startTs {}", end.0, start.0),
            );
        }
        if let Some(delay) = &d.delay {
            self.timestamp(
                path.field("delay").field("tillWhen"),
                delay.till_when,
                Unset::Zero,
            );
        }
        if let Some(Participants::List(list)) = &d.participants {
            self.participants(path.field("participants"), list);
        }
        let dialogs = path.field("dialogs");
        for (i, dialog) in d.dialogs.iter().flatten().enumerate() {
            let p = dialogs.index(i);
            self.id(
                p.field("dialogId"),
                dialog.dialog_id.is_some(),
                dialog.dialog_id.as_ref().is_some_and(|id| id.is_empty()),
            );
            for (field, ts, unset) in [
                ("creationTs", dialog.creation_ts, Unset::Never),
                ("endTs", dialog.end_ts, Unset::Zero),
                (
                    "metaDataLastUpdateTs",
                    dialog.meta_data_last_update_ts,
                    Unset::Never,
                ),
            ] {
                self.timestamp(p.field(field), ts, unset);
            }
            if let Some(list) = &dialog.participants_details {
                self.participants(p.field("participantsDetails"), list);
            }
        }
    }

    fn participants(&mut self, path: At<'_>, list: &[Participant]) {
        for (i, p) in list.iter().enumerate() {
            let at = path.index(i);
            self.id(
                at.field("id"),
                p.id.is_some(),
                p.id.as_ref().is_some_and(|id| id.is_empty()),
            );
            if p.role.is_none() {
                self.r
                    .error(Rule::MissingField, at.field("role"), "missing");
            }
        }
    }
}

// The open-enum walk of the types that are not `wire_struct!`s. Each `match` names every
// variant, so that a new variant does not compile until it is walked.

impl EnumFields for ContentEvent {
    fn visit_enums(&self, v: &mut EnumVisitor<'_>) {
        match &self.content {
            Content::HostedFile(f) => v.field("message", f),
            Content::SecureInvitation(f) => v.field("message", f),
            Content::SecureSubmission(f) => v.field("message", f),
            Content::Other(o) => v.field("contentType", &o.content_type),
            Content::Text(_) | Content::ExternalFile(_) => {}
        }
    }
}

impl EnumFields for Participants {
    fn visit_enums(&self, v: &mut EnumVisitor<'_>) {
        match self {
            Participants::List(list) => list.visit_enums(v),
            // The role is the key: `participants.BOT`.
            Participants::ByRole(groups) => {
                for (role, _) in groups {
                    v.field(role.as_str(), role);
                }
            }
        }
    }
}
