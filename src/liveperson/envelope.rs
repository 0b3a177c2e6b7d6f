//! The notification envelope `{kind, type, body: {changes: [...]}}` and the two-phase parse:
//! the envelope first, then each change on its own, so that one malformed change cannot hide
//! the others (spec §3).

use std::fmt;

use serde::de::{self, DeserializeOwned, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::value::RawValue;

use super::change::MessagingChange;
use super::conversation::ConversationChange;
use super::enums::{Kind, NotificationType};
use crate::error::{ParseError, ParseErrorKind, offset_in};
use crate::json::field::{Field, next_element_into};
use crate::json::object::{ExtraBuilder, FromMap, Key, Slot};
use crate::json::path::Locator;
use crate::json::{EpochMillis, Extra, RawJson};

/// A parsed LivePerson notification, by envelope `type`.
///
/// ```
/// use chatwire::liveperson::{Notification, parse_notification};
/// # let json = include_str!("../../tests/webhooks_examples/liveperson/011_demoapp_conv_closed_by_consumer.json");
/// match parse_notification(json)? {
///     Notification::MessagingEvent(n) => println!("{} messaging changes", n.body.changes.len()),
///     Notification::ConversationChange(n) => {
///         for change in n.changes() {
///             println!("conversation {:?}", change.conversation_id());
///         }
///     }
///     Notification::Unknown(n) => println!("not modelled yet: {}", n.notification_type()),
///     _ => {}
/// }
/// # Ok::<(), chatwire::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Notification {
    /// `ms.MessagingEventNotification`.
    MessagingEvent(MessagingEventNotification),
    /// `cqm.ExConversationChangeNotification`.
    ConversationChange(ExConversationChangeNotification),
    /// Any other `type`: the whole document, kept as written.
    Unknown(UnknownNotification),
}

impl From<MessagingEventNotification> for Notification {
    fn from(n: MessagingEventNotification) -> Self {
        Notification::MessagingEvent(n)
    }
}

impl From<ExConversationChangeNotification> for Notification {
    fn from(n: ExConversationChangeNotification) -> Self {
        Notification::ConversationChange(n)
    }
}

impl From<UnknownNotification> for Notification {
    fn from(n: UnknownNotification) -> Self {
        Notification::Unknown(n)
    }
}

/// `ms.MessagingEventNotification`.
pub type MessagingEventNotification = Envelope<MessagingChange>;
/// `cqm.ExConversationChangeNotification`.
pub type ExConversationChangeNotification = Envelope<ConversationChange>;

/// A change type that belongs to one envelope `type`.
pub trait ChangeKind: Serialize + DeserializeOwned + private::Sealed {
    /// The envelope `type` that carries this change.
    const NOTIFICATION_TYPE: &'static str;
}

impl ChangeKind for MessagingChange {
    const NOTIFICATION_TYPE: &'static str = "ms.MessagingEventNotification";
}

impl ChangeKind for ConversationChange {
    const NOTIFICATION_TYPE: &'static str = "cqm.ExConversationChangeNotification";
}

mod private {
    use super::{ConversationChange, Envelope, MessagingChange, Notification, NotificationType};

    // Sealed on purpose: users can see the bound but not name or implement it.
    #[allow(unnameable_types)]
    pub trait Sealed: Sized {
        /// The change from its JSON text, by the crate's single-pass reader.
        fn read(json: &str) -> Result<Self, serde_json::Error>;
        /// The envelope, when `n` carries changes of this kind.
        fn envelope(n: Notification) -> Result<Envelope<Self>, NotificationType>;
    }

    impl Sealed for MessagingChange {
        fn read(json: &str) -> Result<Self, serde_json::Error> {
            crate::json::text::read(json)
        }
        fn envelope(n: Notification) -> Result<Envelope<Self>, NotificationType> {
            match n {
                Notification::MessagingEvent(e) => Ok(e),
                other => Err(other.notification_type()),
            }
        }
    }

    impl Sealed for ConversationChange {
        fn read(json: &str) -> Result<Self, serde_json::Error> {
            crate::json::text::read(json)
        }
        fn envelope(n: Notification) -> Result<Envelope<Self>, NotificationType> {
            match n {
                Notification::ConversationChange(e) => Ok(e),
                other => Err(other.notification_type()),
            }
        }
    }
}

/// The envelope of a known notification type.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Envelope<C> {
    /// `kind`: `notification` for pushed notifications.
    pub kind: Option<Kind>,
    /// `body`.
    pub body: Body<C>,
    /// Unknown top-level fields, and optional ones sent as `null`.
    pub extra: Extra,
}

/// `body` of a notification.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Body<C> {
    /// `changes`, in server order; each parsed on its own.
    pub changes: Vec<ChangeItem<C>>,
    /// `subscriptionId` (websocket feeds and some webhooks).
    pub subscription_id: Option<String>,
    /// `sentTs`: when the notification was sent.
    pub sent_ts: Option<EpochMillis>,
    /// Unknown body fields, and optional ones sent as `null`.
    pub extra: Extra,
}

/// One entry of `body.changes`: parsed, or malformed and kept as written with its error.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ChangeItem<C> {
    /// A change that fits the model.
    Parsed(C),
    /// A change that does not; the rest of the notification is unaffected.
    Malformed(MalformedChange),
}

impl<C> ChangeItem<C> {
    /// The parsed change.
    pub fn parsed(&self) -> Option<&C> {
        match self {
            ChangeItem::Parsed(c) => Some(c),
            ChangeItem::Malformed(_) => None,
        }
    }

    /// The parsed change, to change it in place.
    pub fn parsed_mut(&mut self) -> Option<&mut C> {
        match self {
            ChangeItem::Parsed(c) => Some(c),
            ChangeItem::Malformed(_) => None,
        }
    }

    /// The malformed change.
    pub fn malformed(&self) -> Option<&MalformedChange> {
        match self {
            ChangeItem::Parsed(_) => None,
            ChangeItem::Malformed(m) => Some(m),
        }
    }

    /// The malformed change, to replace its JSON in place
    /// ([`MalformedChange::replace_json`]).
    pub fn malformed_mut(&mut self) -> Option<&mut MalformedChange> {
        match self {
            ChangeItem::Parsed(_) => None,
            ChangeItem::Malformed(m) => Some(m),
        }
    }
}

/// A change that could not be parsed: its JSON as written and the error.
#[derive(Debug, Clone, PartialEq)]
pub struct MalformedChange {
    json: RawJson,
    error: ParseError,
}

impl MalformedChange {
    /// A change kept as `json` with the `error` its parse gave.
    pub fn new(json: RawJson, error: ParseError) -> Self {
        MalformedChange { json, error }
    }

    /// The change as written.
    pub fn json(&self) -> &RawJson {
        &self.json
    }

    /// Why it could not be parsed (path, line and column are those of the whole document).
    ///
    /// The message may quote the offending value, so treat it like the change itself when the
    /// payload carries personal data.
    pub fn error(&self) -> &ParseError {
        &self.error
    }

    /// Replaces the JSON written back for this change (serialization writes it verbatim) and
    /// returns the old one; the error is kept. Use it to redact a change that does not fit the
    /// model, such as with `RawJson::null()` or a JSON object of your own; or drop such changes
    /// with [`Envelope::drop_malformed`].
    ///
    /// ```
    /// use chatwire::json::RawJson;
    /// use chatwire::liveperson::{Notification, parse_notification};
    /// let json = r#"{"kind":"notification","type":"ms.MessagingEventNotification","body":{"changes":[
    ///   {"sequence":"x","dialogId":"d1","event":{"type":"ContentEvent","contentType":"text/plain","message":"PIN 9876"}}]}}"#;
    /// let Notification::MessagingEvent(mut n) = parse_notification(json)? else { unreachable!() };
    /// for item in &mut n.body.changes {
    ///     if let Some(bad) = item.malformed_mut() {
    ///         bad.replace_json(RawJson::from_json(r#"{"redacted":true}"#).unwrap());
    ///     }
    /// }
    /// let out = serde_json::to_string(&n).unwrap();
    /// assert!(!out.contains("9876"));
    /// assert!(out.contains(r#""changes":[{"redacted":true}]"#));
    /// # Ok::<(), chatwire::ParseError>(())
    /// ```
    pub fn replace_json(&mut self, json: RawJson) -> RawJson {
        std::mem::replace(&mut self.json, json)
    }

    /// The JSON and the error.
    pub fn into_parts(self) -> (RawJson, ParseError) {
        (self.json, self.error)
    }
}

impl<C> Body<C> {
    /// The JSON field names this type models, as written on the wire.
    pub const FIELDS: &'static [&'static str] = &["changes", "subscriptionId", "sentTs"];

    /// A body with the given changes and nothing else.
    pub fn new(changes: impl IntoIterator<Item = C>) -> Self {
        Body {
            changes: changes.into_iter().map(ChangeItem::Parsed).collect(),
            subscription_id: None,
            sent_ts: None,
            extra: Extra::new(),
        }
    }
}

impl<C> Envelope<C> {
    /// An envelope with `kind: "notification"` and the given changes; `.into()` makes it a
    /// [`Notification`].
    ///
    /// ```
    /// use chatwire::liveperson::{ChatState, ChatStateEvent, MessagingChange, MessagingEventNotification};
    /// let change = MessagingChange::new("d1", ChatStateEvent::new(ChatState::Composing));
    /// let n: chatwire::liveperson::Notification = MessagingEventNotification::new([change]).into();
    /// assert!(chatwire::validate_notification(&n).is_valid());
    /// let json = serde_json::to_string(&n)?;
    /// assert_eq!(chatwire::parse_notification(&json)?, n);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(changes: impl IntoIterator<Item = C>) -> Self {
        Envelope {
            kind: Some(Kind::Notification),
            body: Body::new(changes),
            extra: Extra::new(),
        }
    }

    /// The same envelope with `body.sentTs`.
    pub fn with_sent_ts(mut self, sent_ts: impl Into<EpochMillis>) -> Self {
        self.body.sent_ts = Some(sent_ts.into());
        self
    }

    /// The changes that parsed.
    pub fn changes(&self) -> impl Iterator<Item = &C> {
        self.body.changes.iter().filter_map(ChangeItem::parsed)
    }

    /// The changes that parsed, to change them in place (redaction, enrichment); malformed
    /// changes are skipped (see [`drop_malformed`](Self::drop_malformed)).
    pub fn changes_mut(&mut self) -> impl Iterator<Item = &mut C> {
        self.body
            .changes
            .iter_mut()
            .filter_map(ChangeItem::parsed_mut)
    }

    /// The changes that did not parse, with their index in `body.changes`.
    pub fn malformed_changes(&self) -> impl Iterator<Item = (usize, &MalformedChange)> {
        indexed_malformed(&self.body.changes)
    }

    /// Removes the changes that did not parse from `body.changes` and returns them, each with
    /// its index in `body.changes` before the removal. A malformed change is otherwise written
    /// back verbatim when the notification is serialized, personal data included.
    ///
    /// ```
    /// use chatwire::liveperson::{Notification, parse_notification};
    /// // The second change's `sequence` is not a number: it cannot be parsed.
    /// let json = r#"{"kind":"notification","type":"ms.MessagingEventNotification","body":{"changes":[
    ///   {"sequence":0,"dialogId":"d1","event":{"type":"ContentEvent","contentType":"text/plain","message":"hi"}},
    ///   {"sequence":"x","dialogId":"d1","event":{"type":"ContentEvent","contentType":"text/plain","message":"my card is 4111"}}]}}"#;
    /// let Notification::MessagingEvent(mut n) = parse_notification(json)? else { unreachable!() };
    /// let removed = n.drop_malformed();
    /// assert_eq!(removed.len(), 1);
    /// assert_eq!(removed[0].0, 1);
    /// assert_eq!(n.body.changes.len(), 1);
    /// assert!(!serde_json::to_string(&n).unwrap().contains("4111"));
    /// # Ok::<(), chatwire::ParseError>(())
    /// ```
    pub fn drop_malformed(&mut self) -> Vec<(usize, MalformedChange)> {
        let mut removed = Vec::new();
        let mut kept = Vec::with_capacity(self.body.changes.len());
        for (index, item) in std::mem::take(&mut self.body.changes)
            .into_iter()
            .enumerate()
        {
            match item {
                ChangeItem::Parsed(_) => kept.push(item),
                ChangeItem::Malformed(m) => removed.push((index, m)),
            }
        }
        self.body.changes = kept;
        removed
    }

    /// All changes, or the first change's parse error.
    pub fn into_strict(self) -> Result<Vec<C>, ParseError> {
        self.body
            .changes
            .into_iter()
            .map(|c| match c {
                ChangeItem::Parsed(c) => Ok(c),
                ChangeItem::Malformed(m) => Err(m.error),
            })
            .collect()
    }
}

/// A notification whose `type` this version of the crate does not model.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownNotification {
    notification_type: String,
    json: RawJson,
}

impl UnknownNotification {
    /// The notification `json`, which must be a JSON object whose `type` this crate does not
    /// model; otherwise an error saying why (a modelled type gives its own variant, so building
    /// it as `Unknown` would not parse back the same).
    ///
    /// ```
    /// use chatwire::liveperson::UnknownNotification;
    /// let n = UnknownNotification::from_json(r#"{"type":"routing.TaskNotification","body":{}}"#)?;
    /// assert_eq!(n.notification_type(), "routing.TaskNotification");
    /// let e = UnknownNotification::from_json(r#"{"type":"ms.MessagingEventNotification","body":{"changes":[]}}"#);
    /// assert_eq!(e.unwrap_err().path(), "type");
    /// # Ok::<(), chatwire::ParseError>(())
    /// ```
    pub fn from_json(json: &str) -> Result<Self, ParseError> {
        match parse_notification(json)? {
            Notification::Unknown(n) => Ok(n),
            other => Err(ParseError::at_offset(
                ParseErrorKind::Data,
                json,
                0,
                format!(
                    "`{}` is a modelled notification type, not an unknown one",
                    other.notification_type()
                ),
            )
            .with_path("type")),
        }
    }

    /// The envelope `type` as written.
    pub fn notification_type(&self) -> &str {
        &self.notification_type
    }

    /// The whole document as written.
    pub fn json(&self) -> &RawJson {
        &self.json
    }
}

/// The malformed items of `changes`, with their index.
fn indexed_malformed<C>(
    changes: &[ChangeItem<C>],
) -> impl Iterator<Item = (usize, &MalformedChange)> {
    changes
        .iter()
        .enumerate()
        .filter_map(|(i, c)| Some((i, c.malformed()?)))
}

impl Notification {
    /// The envelope `type`. For a type this version does not know, the string is copied into
    /// the open enum; [`UnknownNotification::notification_type`] borrows it.
    pub fn notification_type(&self) -> NotificationType {
        match self {
            Notification::MessagingEvent(_) => NotificationType::MessagingEvent,
            Notification::ConversationChange(_) => NotificationType::ExConversationChange,
            Notification::Unknown(u) => NotificationType::from(u.notification_type.as_str()),
        }
    }

    /// The messaging changes that parsed (none for other notification types).
    pub fn messaging_changes(&self) -> impl Iterator<Item = &MessagingChange> {
        let changes = match self {
            Notification::MessagingEvent(n) => &n.body.changes[..],
            _ => &[],
        };
        changes.iter().filter_map(ChangeItem::parsed)
    }

    /// The conversation changes that parsed (none for other notification types).
    pub fn conversation_changes(&self) -> impl Iterator<Item = &ConversationChange> {
        let changes = match self {
            Notification::ConversationChange(n) => &n.body.changes[..],
            _ => &[],
        };
        changes.iter().filter_map(ChangeItem::parsed)
    }

    /// The messaging changes that parsed, to change them in place (none for other
    /// notification types).
    ///
    /// Redaction is a loop. Changes that did not parse are written back verbatim, so drop them
    /// too ([`drop_malformed`](Self::drop_malformed)) or replace their JSON
    /// ([`MalformedChange::replace_json`]):
    ///
    /// ```
    /// let json = r#"{"kind":"notification","type":"ms.MessagingEventNotification","body":{"changes":[
    ///   {"sequence":0,"dialogId":"d1","event":{"type":"ContentEvent","contentType":"text/plain","message":"my card is 4111"}},
    ///   {"sequence":"x","dialogId":"d1","event":{"type":"ContentEvent","contentType":"text/plain","message":"my card is 4111"}}]}}"#;
    /// let mut n = chatwire::parse_notification(json)?;
    /// for change in n.messaging_changes_mut() {
    ///     if let Some(text) = change.text_mut() {
    ///         *text = text.replace("4111", "****");
    ///     }
    /// }
    /// let dropped = n.drop_malformed();
    /// assert_eq!(dropped.len(), 1);
    /// let out = serde_json::to_string(&n).unwrap();
    /// assert!(out.contains("my card is ****"));
    /// assert!(!out.contains("4111"));
    /// # Ok::<(), chatwire::ParseError>(())
    /// ```
    pub fn messaging_changes_mut(&mut self) -> impl Iterator<Item = &mut MessagingChange> {
        let changes = match self {
            Notification::MessagingEvent(n) => &mut n.body.changes[..],
            _ => &mut [],
        };
        changes.iter_mut().filter_map(ChangeItem::parsed_mut)
    }

    /// The conversation changes that parsed, to change them in place (none for other
    /// notification types).
    pub fn conversation_changes_mut(&mut self) -> impl Iterator<Item = &mut ConversationChange> {
        let changes = match self {
            Notification::ConversationChange(n) => &mut n.body.changes[..],
            _ => &mut [],
        };
        changes.iter_mut().filter_map(ChangeItem::parsed_mut)
    }

    /// The malformed changes with their index in `body.changes`, whatever the notification
    /// type (none for an unknown type), collected into a new vector.
    pub fn malformed_changes(&self) -> Vec<(usize, &MalformedChange)> {
        match self {
            Notification::MessagingEvent(n) => n.malformed_changes().collect(),
            Notification::ConversationChange(n) => n.malformed_changes().collect(),
            Notification::Unknown(_) => Vec::new(),
        }
    }

    /// Removes the changes that did not parse and returns them with their index before the
    /// removal (see [`Envelope::drop_malformed`]); none for an unknown type, which is kept
    /// whole as written.
    pub fn drop_malformed(&mut self) -> Vec<(usize, MalformedChange)> {
        match self {
            Notification::MessagingEvent(n) => n.drop_malformed(),
            Notification::ConversationChange(n) => n.drop_malformed(),
            Notification::Unknown(_) => Vec::new(),
        }
    }

    /// The notification when every change parsed, or else the first malformed change's error:
    /// "all or nothing" for callers who would rather reject a notification than process part
    /// of it. An unknown notification type is returned as is.
    ///
    /// ```
    /// let json = r#"{"kind":"notification","type":"ms.MessagingEventNotification",
    ///   "body":{"changes":[{"sequence":"x","dialogId":"d1"}]}}"#;
    /// let lenient = chatwire::parse_notification(json)?;
    /// assert_eq!(lenient.malformed_changes().len(), 1);
    /// let err = lenient.into_strict().unwrap_err();
    /// assert_eq!(err.path(), "body.changes[0].sequence");
    /// # Ok::<(), chatwire::ParseError>(())
    /// ```
    pub fn into_strict(self) -> Result<Notification, ParseError> {
        let first = self
            .malformed_changes()
            .first()
            .map(|(_, m)| m.error.clone());
        match first {
            Some(error) => Err(error),
            None => Ok(self),
        }
    }

    /// The notification's vendor-neutral events, in the order of its changes (see the
    /// [mapping](crate::events#mapping)). Malformed changes yield none.
    ///
    /// ```
    /// # let json = include_str!("../../tests/webhooks_examples/liveperson/043_devassist_webhook_closed_by_agent.json");
    /// use chatwire::events::{CloseReason, EventKind};
    /// let n = chatwire::parse_notification(json)?;
    /// let closed = n.events().any(|e| e.kind == EventKind::ConversationClosed { reason: CloseReason::Agent });
    /// assert!(closed);
    /// # Ok::<(), chatwire::ParseError>(())
    /// ```
    pub fn events(&self) -> crate::events::Events<'_> {
        crate::events::liveperson::notification_events(self)
    }
}

impl Serialize for Notification {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Notification::MessagingEvent(n) => n.serialize(s),
            Notification::ConversationChange(n) => n.serialize(s),
            Notification::Unknown(n) => n.json.serialize(s),
        }
    }
}

impl Serialize for UnknownNotification {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.json.serialize(s)
    }
}

impl<C: ChangeKind> Serialize for Envelope<C> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        if let Some(kind) = &self.kind {
            map.serialize_entry("kind", kind)?;
        }
        map.serialize_entry("type", C::NOTIFICATION_TYPE)?;
        map.serialize_entry("body", &self.body)?;
        let kind_written = self.kind.is_some();
        self.extra.serialize_into(&mut map, |k| match k {
            "kind" => Some(kind_written),
            "type" | "body" => Some(true),
            _ => None,
        })?;
        map.end()
    }
}

impl<C: ChangeKind> Serialize for Body<C> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("changes", &self.changes)?;
        if let Some(id) = &self.subscription_id {
            map.serialize_entry("subscriptionId", id)?;
        }
        if let Some(ts) = &self.sent_ts {
            map.serialize_entry("sentTs", ts)?;
        }
        let (id_written, ts_written) = (self.subscription_id.is_some(), self.sent_ts.is_some());
        self.extra.serialize_into(&mut map, |k| match k {
            "changes" => Some(true),
            "subscriptionId" => Some(id_written),
            "sentTs" => Some(ts_written),
            _ => None,
        })?;
        map.end()
    }
}

impl<C: Serialize> Serialize for ChangeItem<C> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ChangeItem::Parsed(c) => c.serialize(s),
            ChangeItem::Malformed(m) => m.json.serialize(s),
        }
    }
}

/// The top level, read once: `kind`, `type`, the borrowed `body`, and the other fields.
struct EnvelopeWire<'a> {
    /// Read only for known types: an unknown type's document is kept whole.
    kind: Option<&'a RawValue>,
    notification_type: Option<Key<'a>>,
    body: Option<&'a RawValue>,
    extra: Extra,
}

/// `body`, read once: `changes` as `W` (borrowed raw changes for the two-phase parse, parsed
/// changes for the single pass) and the other fields.
struct BodyWire<W> {
    changes: W,
    subscription_id: Option<String>,
    sent_ts: Option<EpochMillis>,
    extra: Extra,
}

impl<'de> Deserialize<'de> for EnvelopeWire<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = EnvelopeWire<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a LivePerson notification object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut kind = None;
                let mut notification_type = None;
                let mut body = None;
                let mut extra = ExtraBuilder::default();
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    match key.as_str() {
                        "kind" => {
                            if kind.is_some() {
                                return Err(crate::json::marker::duplicate_here("kind"));
                            }
                            kind = Some(map.next_value::<&'de RawValue>()?);
                        }
                        "type" => {
                            if notification_type.is_some() {
                                return Err(crate::json::marker::duplicate_here("type"));
                            }
                            notification_type = Some(map.next_value::<Key<'de>>()?);
                        }
                        "body" => {
                            if body.is_some() {
                                return Err(crate::json::marker::duplicate_here("body"));
                            }
                            body = Some(map.next_value::<&'de RawValue>()?);
                        }
                        _ => extra.accept(key, FromMap(&mut map))?,
                    }
                }
                let Some(_) = notification_type else {
                    return Err(crate::json::marker::missing("type"));
                };
                Ok(EnvelopeWire {
                    kind,
                    notification_type,
                    body,
                    extra: extra.finish()?,
                })
            }
        }
        d.deserialize_map(V)
    }
}

impl<'de, W: Deserialize<'de>> Deserialize<'de> for BodyWire<W> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<W>(std::marker::PhantomData<W>);
        impl<'de, W: Deserialize<'de>> Visitor<'de> for V<W> {
            type Value = BodyWire<W>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a notification body object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut changes = None;
                let mut subscription_id = Slot::default();
                let mut sent_ts = Slot::default();
                let mut extra = ExtraBuilder::default();
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    match key.as_str() {
                        "changes" => {
                            if changes.is_some() {
                                return Err(crate::json::marker::duplicate_here("changes"));
                            }
                            changes = Some(map.next_value::<W>()?);
                        }
                        "subscriptionId" => {
                            subscription_id.fill_optional("subscriptionId", FromMap(&mut map))?
                        }
                        "sentTs" => sent_ts.fill_optional("sentTs", FromMap(&mut map))?,
                        _ => extra.accept(key, FromMap(&mut map))?,
                    }
                }
                let Some(changes) = changes else {
                    return Err(crate::json::marker::missing("changes"));
                };
                let mut extra = extra.finish()?;
                let subscription_id = subscription_id.finish_optional("subscriptionId", &mut extra);
                let sent_ts = sent_ts.finish_optional("sentTs", &mut extra);
                Ok(BodyWire {
                    changes,
                    subscription_id,
                    sent_ts,
                    extra,
                })
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}

/// An envelope parsed in one pass, assuming its type is `C`'s; `None` when the document says
/// otherwise.
struct SinglePass<C>(Option<Envelope<C>>);

impl<'de, C: ChangeKind + Field<'de>> Deserialize<'de> for SinglePass<C> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<C>(std::marker::PhantomData<C>);
        impl<'de, C: ChangeKind + Field<'de>> Visitor<'de> for V<C> {
            type Value = SinglePass<C>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a LivePerson notification object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut kind = Slot::default();
                let mut type_matches = None;
                let mut body: Option<Body<C>> = None;
                let mut extra = ExtraBuilder::default();
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    match key.as_str() {
                        "kind" => kind.fill_optional("kind", FromMap(&mut map))?,
                        "type" if type_matches.is_none() => {
                            type_matches = Some(
                                map.next_value::<Key<'de>>()?.as_str() == C::NOTIFICATION_TYPE,
                            );
                        }
                        "body" if body.is_none() => {
                            let wire = map.next_value::<BodyWire<ParsedChanges<C>>>()?;
                            body = Some(Body {
                                changes: wire.changes.0,
                                subscription_id: wire.subscription_id,
                                sent_ts: wire.sent_ts,
                                extra: wire.extra,
                            })
                        }
                        "type" | "body" => return Err(de::Error::custom("duplicate")),
                        _ => extra.accept(key, FromMap(&mut map))?,
                    }
                }
                let (Some(true), Some(body)) = (type_matches, body) else {
                    return Ok(SinglePass(None));
                };
                let mut extra = extra.finish()?;
                let kind = kind.finish_optional("kind", &mut extra);
                Ok(SinglePass(Some(Envelope { kind, body, extra })))
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}

/// `changes` read in one pass, each change parsed in place.
struct ParsedChanges<C>(Vec<ChangeItem<C>>);

impl<'de, C: ChangeKind + Field<'de>> Deserialize<'de> for ParsedChanges<C> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<C>(std::marker::PhantomData<C>);
        impl<'de, C: ChangeKind + Field<'de>> Visitor<'de> for V<C> {
            type Value = ParsedChanges<C>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array of changes")
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut changes = Vec::with_capacity(seq.size_hint().unwrap_or(1).min(64));
                // Each change is built in place, then moved once, into the vector.
                let mut change = None;
                while next_element_into(&mut seq, &mut change)? {
                    changes.extend(change.take().map(ChangeItem::Parsed));
                }
                Ok(ParsedChanges(changes))
            }
        }
        d.deserialize_seq(V(std::marker::PhantomData))
    }
}

/// Parses a LivePerson webhook notification.
///
/// Returns an error only when the document itself is unusable: not JSON, trailing characters,
/// nesting deeper than serde_json's limit (128), a duplicate key in a modelled object, no
/// `type`, or — for a known type — no `body` object with a `changes` array. A change that does
/// not fit the model becomes [`ChangeItem::Malformed`] with its own error; the other changes
/// are unaffected. An unknown `type` gives [`Notification::Unknown`].
///
/// ```
/// let json = r#"{"kind":"notification","type":"ms.MessagingEventNotification",
///   "body":{"changes":[{"sequence":0,"originatorId":"c1","serverTimestamp":1528371161893,
///   "event":{"type":"ContentEvent","contentType":"text/plain","message":"hi"},"dialogId":"d1"}]}}"#;
/// let n = chatwire::parse_notification(json)?;
/// assert_eq!(n.messaging_changes().next().unwrap().text(), Some("hi"));
/// # Ok::<(), chatwire::ParseError>(())
/// ```
pub fn parse_notification(json: &str) -> Result<Notification, ParseError> {
    // Fast path: one pass over a well-formed document whose type is guessed from its text and
    // checked once the envelope is read. Anything else (a malformed change, an unknown type,
    // a wrong guess) falls back to the two-phase parse, which isolates faulty changes and
    // locates errors.
    if guess_conversation(json) {
        if let Ok(SinglePass(Some(n))) =
            serde_json::from_str::<SinglePass<ConversationChange>>(json)
        {
            return Ok(Notification::ConversationChange(n));
        }
    } else if let Ok(SinglePass(Some(n))) =
        serde_json::from_str::<SinglePass<MessagingChange>>(json)
    {
        return Ok(Notification::MessagingEvent(n));
    }
    parse_two_phase(json)
}

/// `true` when the document is probably a conversation notification. LivePerson writes `type`
/// last, so the end of the text usually tells; otherwise search. A wrong guess only costs time.
fn guess_conversation(json: &str) -> bool {
    const CONVERSATION: &str = "\"cqm.ExConversationChangeNotification\"";
    const MESSAGING: &str = "\"ms.MessagingEventNotification\"";
    let tail = json.trim_end().strip_suffix('}').unwrap_or(json).trim_end();
    if tail.ends_with(CONVERSATION) {
        true
    } else if tail.ends_with(MESSAGING) {
        false
    } else {
        json.contains(CONVERSATION)
    }
}

/// The two-phase parse: the envelope with borrowed changes, then each change on its own.
pub(crate) fn parse_two_phase(json: &str) -> Result<Notification, ParseError> {
    if let Some(empty) = crate::error::empty_body(json) {
        return Err(empty);
    }
    let wire: EnvelopeWire<'_> = serde_json::from_str(json)
        .map_err(|e| other_vendor(json, ParseError::from_json(json, 0, e)))?;
    let notification_type = wire
        .notification_type
        .as_ref()
        .map(Key::as_str)
        .unwrap_or_default();
    match notification_type {
        "ms.MessagingEventNotification" => Ok(Notification::MessagingEvent(
            parse_envelope(json, wire).map_err(|e| other_vendor(json, e))?,
        )),
        "cqm.ExConversationChangeNotification" => Ok(Notification::ConversationChange(
            parse_envelope(json, wire).map_err(|e| other_vendor(json, e))?,
        )),
        other => {
            if let Err(problem) = crate::json::check_raw(json) {
                let at = &json[problem.offset.min(json.len())..];
                let e: serde_json::Error = crate::json::marker::at_address_in_object(
                    at,
                    problem.duplicate.as_deref(),
                    problem.message(),
                );
                return Err(ParseError::from_json(json, 0, e));
            }
            Ok(Notification::Unknown(UnknownNotification {
                notification_type: other.to_owned(),
                json: RawJson::from_json(json).map_err(|e| ParseError::from_json(json, 0, e))?,
            }))
        }
    }
}

/// `error`, or — when the document is a Genesys one (by [`detect_vendor`](crate::detect_vendor))
/// and the error is only that it lacks the LivePerson envelope — an error that says so and
/// names the functions to call.
fn other_vendor(json: &str, error: ParseError) -> ParseError {
    let envelope_missing = error.path().is_empty()
        || (matches!(error.path(), "type" | "body") && error.message().starts_with("missing"));
    if !envelope_missing || crate::detect_vendor(json) != Some(crate::events::Vendor::Genesys) {
        return error;
    }
    let start = json.len() - json.trim_start().len();
    if json[start..].starts_with('[') {
        return error.with_hint(
            "a JSON array is not a LivePerson notification; a Genesys long-poll batch is \
             parsed with chatwire::genesys::parse_batch",
        );
    }
    ParseError::at_offset(
        ParseErrorKind::Data,
        json,
        start,
        "this is a Genesys notification, not a LivePerson one: parse it with \
         chatwire::genesys::parse_notification, or with chatwire::parse_any for either vendor",
    )
}

/// [`parse_notification`], all or nothing: a change that does not fit the model is an error
/// (the first one's, with its path in the whole document) instead of a
/// [`ChangeItem::Malformed`], so that it cannot pass silently through `?`. Same as
/// `parse_notification(json)?.into_strict()`.
///
/// ```
/// let json = r#"{"kind":"notification","type":"ms.MessagingEventNotification",
///   "body":{"changes":[{"sequence":0,"dialogId":"d1"},{"sequence":1.5,"dialogId":"d1"}]}}"#;
/// assert!(chatwire::parse_notification(json).is_ok());
/// let err = chatwire::parse_notification_strict(json).unwrap_err();
/// assert_eq!(err.path(), "body.changes[1].sequence");
/// ```
pub fn parse_notification_strict(json: &str) -> Result<Notification, ParseError> {
    parse_notification(json)?.into_strict()
}

/// [`parse_notification_strict`] for raw bytes.
pub fn parse_notification_strict_slice(json: &[u8]) -> Result<Notification, ParseError> {
    parse_notification_slice(json)?.into_strict()
}

/// [`parse_notification`] for raw bytes, as a webhook body arrives. Invalid UTF-8 is a
/// [`ParseErrorKind::InvalidUtf8`] error at the first bad byte.
pub fn parse_notification_slice(json: &[u8]) -> Result<Notification, ParseError> {
    parse_notification(crate::error::utf8_input(json)?)
}

fn parse_envelope<C: ChangeKind>(
    json: &str,
    wire: EnvelopeWire<'_>,
) -> Result<Envelope<C>, ParseError> {
    let mut extra = wire.extra;
    let kind = match wire.kind {
        None => None,
        Some(raw) => {
            let kind: Option<Kind> = serde_json::from_str(raw.get())
                .map_err(|e| ParseError::from_json(json, offset_in(json, raw.get()), e))?;
            if kind.is_none() {
                extra.push("kind".into(), RawJson::null());
            }
            kind
        }
    };
    let Some(body) = wire.body else {
        return Err(
            ParseError::at_offset(ParseErrorKind::Data, json, 0, "missing field `body`")
                .with_path("body"),
        );
    };
    Ok(Envelope {
        kind,
        body: parse_body(json, body.get())?,
        extra,
    })
}

/// `body`, a slice of `json` (or all of it), with each change parsed on its own.
fn parse_body<C: ChangeKind>(json: &str, body: &str) -> Result<Body<C>, ParseError> {
    let base = offset_in(json, body);
    let body: BodyWire<Vec<&RawValue>> =
        serde_json::from_str(body).map_err(|e| ParseError::from_json(json, base, e))?;
    // The changes come in document order: one locator finds every malformed change's path,
    // line and column in a single scan of the document.
    let mut locator = Locator::new(json);
    let changes = body
        .changes
        .into_iter()
        .map(|raw| change_item(&mut locator, json, raw))
        .collect();
    Ok(Body {
        changes,
        subscription_id: body.subscription_id,
        sent_ts: body.sent_ts,
        extra: body.extra,
    })
}

/// One change, a slice of `json`: parsed, or kept as written with its error.
fn change_item<C: ChangeKind>(
    locator: &mut Locator<'_>,
    json: &str,
    raw: &RawValue,
) -> ChangeItem<C> {
    match C::read(raw.get()) {
        Ok(change) => ChangeItem::Parsed(change),
        Err(e) => ChangeItem::Malformed(MalformedChange {
            json: RawJson::keep(raw),
            error: ParseError::from_json_located(locator, offset_in(json, raw.get()), e),
        }),
    }
}

// The public `Deserialize` impls of the notification types: the JSON text of the value, parsed
// as `parse_notification` parses a document (see `crate::json`'s notes on deserializing). A
// malformed change's error locates it in that text.

/// Any deserializer; the same as [`parse_notification`] on the value's JSON text.
impl<'de> Deserialize<'de> for Notification {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::json::text::deserialize_with(d, parse_notification)
    }
}

/// Any deserializer; a document of another `type` is an error.
impl<'de, C: ChangeKind> Deserialize<'de> for Envelope<C> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::json::text::deserialize_with(d, |json| {
            C::envelope(parse_notification(json)?).map_err(|found| {
                ParseError::at_offset(
                    ParseErrorKind::Data,
                    json,
                    0,
                    format!(
                        "expected a {} notification, found `{}`",
                        C::NOTIFICATION_TYPE,
                        found
                    ),
                )
                .with_path("type")
            })
        })
    }
}

/// Any deserializer; each change is parsed on its own, as in a notification.
impl<'de, C: ChangeKind> Deserialize<'de> for Body<C> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::json::text::deserialize_with(d, |json| parse_body(json, json))
    }
}

/// Any deserializer; a change that does not fit the model is [`ChangeItem::Malformed`], as in a
/// notification (only text that is not JSON is an error).
impl<'de, C: ChangeKind> Deserialize<'de> for ChangeItem<C> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::json::text::deserialize_with(d, |json| {
            let raw = serde_json::from_str::<&RawValue>(json)
                .map_err(|e| ParseError::from_json(json, 0, e))?;
            Ok(change_item(&mut Locator::new(json), json, raw))
        })
    }
}

/// Any deserializer; a document of a modelled `type` is an error.
impl<'de> Deserialize<'de> for UnknownNotification {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::json::text::deserialize_with(d, |json| match parse_notification(json)? {
            Notification::Unknown(n) => Ok(n),
            other => Err(ParseError::at_offset(
                ParseErrorKind::Data,
                json,
                0,
                format!(
                    "`{}` is a modelled notification type",
                    other.notification_type()
                ),
            )
            .with_path("type")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-pass path gives exactly what the two-phase path gives, on every fixture.
    #[test]
    fn single_pass_and_two_phase_agree() {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/webhooks_examples/liveperson"
        );
        let mut count = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let compact =
                serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&text).unwrap())
                    .unwrap();
            for form in [text, compact] {
                assert_eq!(
                    parse_notification(&form),
                    parse_two_phase(&form),
                    "{}",
                    path.display()
                );
                count += 1;
            }
        }
        assert!(count >= 74);
    }
}
