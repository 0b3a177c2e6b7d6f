//! [`ValidationReport`]: the result of checking a parsed notification against the vendor's
//! documented contract, separately from parsing; the stable [`Rule`] codes of its issues; and
//! [`ValidationOptions`] for the rules that are this crate's opinion rather than the vendor's.

use std::fmt;
use std::ops::Range;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

/// How serious a validation [`Issue`] is. Serialized as `"error"` or `"warning"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Severity {
    /// Something the crate does not know (a new enum value, event type, …): worth logging,
    /// not a reason to reject the payload.
    Warning,
    /// A violation of the documented contract.
    Error,
}

impl Severity {
    /// `"error"` or `"warning"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Severity {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

macro_rules! rules {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, )*) => {
        /// The rule an [`Issue`] breaks, as a stable code: filter issues by rule without
        /// matching message text. The code ([`as_str`](Self::as_str), and the JSON form) is
        /// `snake_case` and does not change between versions; new rules may be added.
        ///
        /// Which rules each vendor applies, and when, is listed in
        /// [`liveperson::validate_notification`](crate::liveperson::validate_notification) and
        /// [`genesys::validate_notification`](crate::genesys::validate_notification).
        ///
        /// ```
        /// use chatwire::Rule;
        /// assert_eq!(Rule::TimestampRange.as_str(), "timestamp_range");
        /// assert_eq!(Rule::from_code("timestamp_range"), Some(Rule::TimestampRange));
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Rule {
            $( $(#[$doc])* #[doc = concat!("\n\nCode: `", $code, "`.")] $variant, )*
        }

        impl Rule {
            /// Every rule, in documentation order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant),*];

            /// The stable code, e.g. `timestamp_range`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( Rule::$variant => $code, )*
                }
            }

            /// The rule of a code, `None` for a code this version does not know.
            pub fn from_code(code: &str) -> Option<Rule> {
                match code {
                    $( $code => Some(Rule::$variant), )*
                    _ => None,
                }
            }
        }
    };
}

rules! {
    /// LivePerson: `kind` is missing or is not `notification`. (Error.)
    EnvelopeKind = "envelope_kind",
    /// LivePerson: a change of `body.changes` did not parse; the issue is at the parse error's
    /// own path. (Error.)
    MalformedChange = "malformed_change",
    /// A field the contract requires is absent (or `null`). (Error.)
    MissingField = "missing_field",
    /// An id, a `sequenceList` or a `messages` array is present but empty. (Error.)
    EmptyValue = "empty_value",
    /// LivePerson: an epoch-millisecond timestamp outside the configured window (by default
    /// 2000-01-01 .. 2100-01-01), other than the field's documented "not set" value. This is the
    /// crate's opinion, configurable with [`ValidationOptions`]. (Error.)
    TimestampRange = "timestamp_range",
    /// LivePerson: `sequence` does not increase strictly within a dialog of one
    /// notification. (Error.)
    SequenceOrder = "sequence_order",
    /// LivePerson: `endTs` before `startTs`. (Error.)
    EndBeforeStart = "end_before_start",
    /// Genesys: a message `index` below zero. (Error.)
    NegativeIndex = "negative_index",
    /// Genesys: a message `index` that does not increase within one notification.
    /// (Warning.)
    IndexOrder = "index_order",
    /// Genesys: a `timestamp` or `receivedDate` in neither the documented format nor
    /// RFC 3339. (Error.)
    TimestampFormat = "timestamp_format",
    /// Genesys: `messages` that is not an array, `userData` that is not an object. (Error.)
    WrongType = "wrong_type",
    /// Genesys: a `channel` that is not a Bayeux channel name. (Error.)
    ChannelName = "channel_name",
    /// LivePerson: an envelope `type` this version does not model. (Warning.)
    UnknownNotificationType = "unknown_notification_type",
    /// LivePerson: an event `type` this version does not model. (Warning.)
    UnknownEventType = "unknown_event_type",
    /// LivePerson: a `contentType` this version does not model. (Warning.)
    UnknownContentType = "unknown_content_type",
    /// LivePerson: a metadata entry whose `type` this version does not model, or without
    /// `type`. (Warning.)
    UnknownMetadataType = "unknown_metadata_type",
    /// Genesys: a `messageType` this version does not model. (Warning.)
    UnknownMessageType = "unknown_message_type",
    /// A value of an open enum (roles, states, statuses, device facts, capabilities, …) that
    /// this version does not know. Every enum field of the model is checked. (Warning.)
    UnknownEnumValue = "unknown_enum_value",
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One finding of a validation, at a JSON path in wire names.
///
/// Serialized as `{"path": …, "severity": "error", "rule": "timestamp_range", "message": …}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Issue {
    /// Error or warning.
    pub severity: Severity,
    /// JSON path in wire names, e.g. `body.changes[1].event.sequenceList`; empty for the
    /// document itself.
    pub path: String,
    /// The rule broken, as a stable code.
    pub rule: Rule,
    /// What is wrong, for people (the text may change between versions; match on
    /// [`rule`](Self::rule) instead).
    pub message: String,
}

impl Issue {
    /// A finding of `severity` at `path` (wire names), of `rule`, saying `message`.
    pub fn new(
        severity: Severity,
        rule: Rule,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Issue {
            severity,
            path: path.into(),
            rule,
            message: message.into(),
        }
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "$"
        } else {
            &self.path
        };
        write!(f, "{path}: {}", self.message)
    }
}

impl Serialize for Issue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Issue", 4)?;
        st.serialize_field("path", &self.path)?;
        st.serialize_field("severity", &self.severity)?;
        st.serialize_field("rule", &self.rule)?;
        st.serialize_field("message", &self.message)?;
        st.end()
    }
}

/// Every issue found by a `validate_notification` call, errors and warnings apart.
///
/// ```
/// # let json = include_str!("../tests/webhooks_examples/liveperson/002_dc_webhooks_consumer_text.json");
/// let report = chatwire::validate_notification(&chatwire::parse_notification(json)?);
/// assert!(report.is_valid());
/// for issue in report.warnings() {
///     eprintln!("warning [{}]: {issue}", issue.rule);
/// }
/// # Ok::<(), chatwire::ParseError>(())
/// ```
///
/// Its JSON form, for an answer to a rejected request, is
/// `{"valid": false, "errors": [issue, …], "warnings": [issue, …]}` (see [`Issue`]):
///
/// ```
/// let json = r#"{"kind":"notification","type":"ms.MessagingEventNotification",
///   "body":{"changes":[{"sequence":1,"originatorId":"a","serverTimestamp":5,
///   "dialogId":"d","event":{"type":"ChatStateEvent","chatState":"ASLEEP"}}]}}"#;
/// let report = chatwire::validate_notification(&chatwire::parse_notification(json)?);
/// assert_eq!(serde_json::to_value(&report).unwrap(), serde_json::json!({
///     "valid": false,
///     "errors": [{"path": "body.changes[0].serverTimestamp", "severity": "error",
///                 "rule": "timestamp_range",
///                 "message": "timestamp 5 is outside 2000-01-01 .. 2100-01-01"}],
///     "warnings": [{"path": "body.changes[0].event.chatState", "severity": "warning",
///                   "rule": "unknown_enum_value", "message": "unknown value `ASLEEP`"}],
/// }));
/// # Ok::<(), chatwire::ParseError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidationReport {
    errors: Vec<Issue>,
    warnings: Vec<Issue>,
}

impl ValidationReport {
    /// `true` when there is no error (warnings allowed).
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }

    /// The contract violations.
    pub fn errors(&self) -> &[Issue] {
        &self.errors
    }

    /// The things this version of the crate does not know.
    pub fn warnings(&self) -> &[Issue] {
        &self.warnings
    }

    /// Errors then warnings.
    pub fn issues(&self) -> impl Iterator<Item = &Issue> {
        self.errors.iter().chain(&self.warnings)
    }

    /// The issues (errors then warnings) of one rule.
    ///
    /// ```
    /// # let json = include_str!("../tests/webhooks_examples/liveperson/002_dc_webhooks_consumer_text.json");
    /// let report = chatwire::validate_notification(&chatwire::parse_notification(json)?);
    /// assert_eq!(report.of_rule(chatwire::Rule::UnknownEnumValue).count(), 0);
    /// # Ok::<(), chatwire::ParseError>(())
    /// ```
    pub fn of_rule(&self, rule: Rule) -> impl Iterator<Item = &Issue> {
        self.issues().filter(move |i| i.rule == rule)
    }

    /// Drops the issues for which `keep` is `false` (for example the rules a receiver chooses
    /// to ignore).
    ///
    /// ```
    /// # use chatwire::{Rule, parse_notification, validate_notification};
    /// let json = r#"{"kind":"notification","type":"ms.MessagingEventNotification",
    ///   "body":{"changes":[{"sequence":1,"originatorId":"a","serverTimestamp":5,
    ///   "dialogId":"d","event":{"type":"AcceptStatusEvent","status":"READ","sequenceList":[1]}}]}}"#;
    /// let mut report = validate_notification(&parse_notification(json)?);
    /// assert!(!report.is_valid());
    /// report.retain(|issue| issue.rule != Rule::TimestampRange);
    /// assert!(report.is_valid());
    /// # Ok::<(), chatwire::ParseError>(())
    /// ```
    pub fn retain(&mut self, mut keep: impl FnMut(&Issue) -> bool) {
        self.errors.retain(&mut keep);
        self.warnings.retain(&mut keep);
    }

    pub(crate) fn error(
        &mut self,
        rule: Rule,
        path: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.errors.push(Issue {
            severity: Severity::Error,
            path: path.into(),
            rule,
            message: message.into(),
        });
    }

    pub(crate) fn warning(
        &mut self,
        rule: Rule,
        path: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.warnings.push(Issue {
            severity: Severity::Warning,
            path: path.into(),
            rule,
            message: message.into(),
        });
    }

    /// Reports `value`, an object of a tagged enum found at `path`, when it is the enum's
    /// unknown variant: with a tag, a warning under `rule` that names the tags this version
    /// models (the enum's `KNOWN`); without one, a `missing_field` error, or a warning under
    /// `rule` when `missing_is_error` is `false`.
    pub(crate) fn unknown_variant<T: TaggedEnum>(
        &mut self,
        rule: Rule,
        path: At<'_>,
        value: &T,
        missing_is_error: bool,
    ) {
        let Some(found) = value.unknown_tag() else {
            return;
        };
        let at = path.field(T::TAG);
        match found {
            Some(tag) => self.warning(
                rule,
                at,
                format!(
                    "unknown {} `{tag}` (this version models {})",
                    T::WHAT,
                    T::KNOWN.join(", ")
                ),
            ),
            None if missing_is_error => self.error(Rule::MissingField, at, "missing"),
            None => self.warning(rule, at, "missing"),
        }
    }

    /// A warning for every open-enum value in `value` that this version does not know, at
    /// its wire path below `path`.
    pub(crate) fn unknown_enum_values<T: EnumFields + ?Sized>(&mut self, path: At<'_>, value: &T) {
        value.visit_enums(&mut EnumVisitor { path, report: self });
    }
}

impl FromIterator<Issue> for ValidationReport {
    /// A report of the given issues, errors and warnings apart by their severity, each in the
    /// order given (to test code that consumes reports).
    fn from_iter<I: IntoIterator<Item = Issue>>(issues: I) -> Self {
        let mut report = ValidationReport::default();
        for issue in issues {
            match issue.severity {
                Severity::Error => report.errors.push(issue),
                Severity::Warning => report.warnings.push(issue),
            }
        }
        report
    }
}

impl fmt::Display for ValidationReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.errors.is_empty() && self.warnings.is_empty() {
            return f.write_str("valid");
        }
        let mut first = true;
        for issue in self.issues() {
            if !first {
                f.write_str("\n")?;
            }
            first = false;
            write!(f, "{}: {issue}", issue.severity)?;
        }
        Ok(())
    }
}

impl Serialize for ValidationReport {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("ValidationReport", 3)?;
        st.serialize_field("valid", &self.is_valid())?;
        st.serialize_field("errors", &self.errors)?;
        st.serialize_field("warnings", &self.warnings)?;
        st.end()
    }
}

/// 2000-01-01T00:00:00Z in epoch milliseconds: the default start of the timestamp window.
pub const EARLIEST_TIMESTAMP: i64 = 946_684_800_000;
/// 2100-01-01T00:00:00Z in epoch milliseconds: the default end (exclusive) of the timestamp
/// window.
pub const LATEST_TIMESTAMP: i64 = 4_102_444_800_000;

/// The settings of the rules that are this crate's opinion rather than the vendor's contract.
/// `Default` is what `validate_notification` uses.
///
/// ```
/// use chatwire::{ValidationOptions, liveperson};
/// # let json = include_str!("../tests/webhooks_examples/liveperson/002_dc_webhooks_consumer_text.json");
/// let n = chatwire::parse_notification(json)?;
/// // This payload is from 2018: a window starting in 2020 flags its timestamps.
/// let since_2020 = ValidationOptions::default().timestamp_window(1_577_836_800_000..i64::MAX);
/// assert!(!liveperson::validate_notification_with(&n, &since_2020).is_valid());
/// // No window: any timestamp is accepted.
/// let any_time = ValidationOptions::default().without_timestamp_window();
/// assert!(liveperson::validate_notification_with(&n, &any_time).is_valid());
/// # Ok::<(), chatwire::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ValidationOptions {
    /// The accepted epoch-millisecond timestamps (rule `timestamp_range`), start inclusive,
    /// end exclusive; `None` turns the rule off. Default:
    /// [`EARLIEST_TIMESTAMP`]`..`[`LATEST_TIMESTAMP`] (2000-01-01 .. 2100-01-01). A field's
    /// documented "not set" value (`0` for `endTs`, `-1` for `effectiveTTR`, …) is accepted
    /// whatever the window.
    pub timestamp_window: Option<Range<i64>>,
}

impl Default for ValidationOptions {
    fn default() -> Self {
        ValidationOptions {
            timestamp_window: Some(EARLIEST_TIMESTAMP..LATEST_TIMESTAMP),
        }
    }
}

impl ValidationOptions {
    /// The default options (the same as `Default`).
    pub fn new() -> Self {
        Self::default()
    }

    /// Accepts the epoch-millisecond timestamps in `window` (start inclusive, end exclusive).
    pub fn timestamp_window(mut self, window: Range<i64>) -> Self {
        self.timestamp_window = Some(window);
        self
    }

    /// Turns the `timestamp_range` rule off.
    pub fn without_timestamp_window(mut self) -> Self {
        self.timestamp_window = None;
        self
    }
}

/// A window bound for messages: a date at midnight UTC, else RFC 3339 with milliseconds, else
/// the number.
pub(crate) fn describe_instant(ms: i64) -> String {
    match chrono::DateTime::from_timestamp_millis(ms) {
        Some(t) if t.time() == chrono::NaiveTime::MIN => t.format("%Y-%m-%d").to_string(),
        Some(t) => t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        None => ms.to_string(),
    }
}

/// A wire path (`body.changes[0].event.type`) that validation is at, written out only when an
/// issue is reported there: the checks and the open-enum walk pass over every field, and most
/// values are fine, so a path is a chain of borrowed segments on the stack rather than a
/// `String` per level.
#[derive(Clone, Copy)]
pub(crate) enum At<'a> {
    /// A path written out (`""` for the document itself).
    Root(&'a str),
    /// The field `name` (wire name) of the object at the parent path.
    Field(&'a At<'a>, &'a str),
    /// Element `i` of the array at the parent path.
    Index(&'a At<'a>, usize),
}

impl At<'_> {
    /// The field `name` (wire name) below this path.
    pub(crate) fn field<'b>(&'b self, name: &'b str) -> At<'b> {
        At::Field(self, name)
    }

    /// Element `i` below this path.
    pub(crate) fn index(&self, i: usize) -> At<'_> {
        At::Index(self, i)
    }
}

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            At::Root(path) => f.write_str(path),
            At::Field(At::Root(""), name) => f.write_str(name),
            At::Field(parent, name) => write!(f, "{parent}.{name}"),
            At::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

impl From<At<'_>> for String {
    fn from(at: At<'_>) -> String {
        at.to_string()
    }
}

/// A tagged enum (see `tagged_enum!`), as validation sees it.
pub(crate) trait TaggedEnum {
    /// The tag's wire name (`type`, `messageType`).
    const TAG: &'static str;
    /// What the tag names, for messages (`event type`).
    const WHAT: &'static str;
    /// The tags the enum models.
    const KNOWN: &'static [&'static str];
    /// `None` for a modelled variant; for the unknown variant, its tag (`Some(None)`: none).
    fn unknown_tag(&self) -> Option<Option<&str>>;
}

/// Walks the open-enum values of a modelled value. `string_enum!` types report themselves,
/// `wire_struct!` types visit every field under its wire name, containers visit their
/// elements, and every other field type says explicitly that it holds no enum: a new field
/// type without an implementation does not compile, so no enum field can be left unchecked.
pub(crate) trait EnumFields {
    /// Reports every open-enum value of `self` to `v`.
    fn visit_enums(&self, v: &mut EnumVisitor<'_>);
}

/// Collects the unknown enum values met during a walk, with their wire paths.
pub(crate) struct EnumVisitor<'a> {
    path: At<'a>,
    report: &'a mut ValidationReport,
}

impl EnumVisitor<'_> {
    /// Visits `value` at the field `name` of the current path.
    pub(crate) fn field<T: EnumFields + ?Sized>(&mut self, name: &str, value: &T) {
        value.visit_enums(&mut EnumVisitor {
            path: self.path.field(name),
            report: self.report,
        });
    }

    /// Visits `value` at index `i` of the current path.
    pub(crate) fn element<T: EnumFields + ?Sized>(&mut self, i: usize, value: &T) {
        value.visit_enums(&mut EnumVisitor {
            path: self.path.index(i),
            report: self.report,
        });
    }

    /// An enum value at the current path; `type_name` is its Rust type.
    pub(crate) fn value(&mut self, type_name: &'static str, known: bool, value: &str) {
        if known {
            return;
        }
        // `contentType` has its own rule (and message), as before the generic walk.
        let (rule, what) = match type_name {
            "ContentType" => (Rule::UnknownContentType, "content type"),
            _ => (Rule::UnknownEnumValue, "value"),
        };
        self.report
            .warning(rule, self.path, format!("unknown {what} `{value}`"));
    }
}

impl<T: EnumFields + ?Sized> EnumFields for Box<T> {
    fn visit_enums(&self, v: &mut EnumVisitor<'_>) {
        (**self).visit_enums(v);
    }
}

impl<T: EnumFields> EnumFields for Option<T> {
    fn visit_enums(&self, v: &mut EnumVisitor<'_>) {
        if let Some(value) = self {
            value.visit_enums(v);
        }
    }
}

impl<T: EnumFields> EnumFields for Vec<T> {
    fn visit_enums(&self, v: &mut EnumVisitor<'_>) {
        for (i, value) in self.iter().enumerate() {
            v.element(i, value);
        }
    }
}

/// Field types that hold no enum value.
macro_rules! no_enum_fields {
    ($($ty:ty),* $(,)?) => {
        $(
            impl EnumFields for $ty {
                fn visit_enums(&self, _: &mut EnumVisitor<'_>) {}
            }
        )*
    };
}

no_enum_fields!(
    String,
    i64,
    bool,
    crate::json::RawJson,
    crate::json::EpochMillis,
    crate::liveperson::ParticipantId,
    crate::liveperson::DialogId,
    crate::liveperson::ConversationId,
    crate::liveperson::NumberOrString,
    crate::genesys::ChatId,
    crate::genesys::UserData,
    crate::genesys::Timestamp,
    crate::genesys::TimestampSeconds,
);

#[cfg(test)]
mod tests {
    use super::At;

    #[test]
    fn a_path_is_written_in_wire_names_as_the_issues_show_it() {
        let changes = At::Root("body.changes");
        let change = changes.index(3);
        let event = change.field("event");
        assert_eq!(
            event.field("sequenceList").to_string(),
            "body.changes[3].event.sequenceList"
        );
        let document = At::Root("");
        assert_eq!(document.field("messages").to_string(), "messages");
        let messages = document.field("messages");
        assert_eq!(
            messages
                .index(0)
                .field("from")
                .field("participantId")
                .to_string(),
            "messages[0].from.participantId"
        );
        let data = At::Root("data");
        assert_eq!(String::from(data.field("chat")), "data.chat");
        assert_eq!(String::from(At::Root("body.sentTs")), "body.sentTs");
    }
}
