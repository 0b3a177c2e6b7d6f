//! `change.event`, dispatched on `event.type` (spec §4).

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::content::ContentEvent;
use super::enums::{AcceptStatus, ChatState};
use crate::error::{ParseError, ParseErrorKind};
use crate::json::object::{Tagged, serialize_tagged, serialize_unknown};
use crate::json::{Extra, RawJson};

/// A messaging event, by its `type`.
///
/// ```
/// use chatwire::liveperson::{Event, ChatState};
/// # let json = include_str!("../../tests/webhooks_examples/liveperson/005_dc_webhooks_agent_composing.json");
/// for change in chatwire::parse_notification(json)?.messaging_changes() {
///     match &change.event {
///         Some(Event::ChatState(e)) if e.chat_state == ChatState::Composing => println!("typing…"),
///         Some(Event::Content(e)) => println!("message: {:?}", e.text()),
///         Some(other) => println!("{} event", other.event_type().unwrap_or("untyped")),
///         None => {}
///     }
/// }
/// # Ok::<(), chatwire::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Event {
    /// `ContentEvent`: text, files, secure forms.
    Content(Box<ContentEvent>),
    /// `RichContentEvent`: structured content.
    RichContent(RichContentEvent),
    /// `AcceptStatusEvent`: accepted, read, … receipts.
    AcceptStatus(AcceptStatusEvent),
    /// `ChatStateEvent`: typing indicators and presence.
    ChatState(ChatStateEvent),
    /// Any other event type, or an event without `type`: kept as written.
    Unknown(UnknownEvent),
}

impl From<ContentEvent> for Event {
    fn from(e: ContentEvent) -> Self {
        Event::Content(Box::new(e))
    }
}

impl From<Box<ContentEvent>> for Event {
    fn from(e: Box<ContentEvent>) -> Self {
        Event::Content(e)
    }
}

impl From<RichContentEvent> for Event {
    fn from(e: RichContentEvent) -> Self {
        Event::RichContent(e)
    }
}

impl From<AcceptStatusEvent> for Event {
    fn from(e: AcceptStatusEvent) -> Self {
        Event::AcceptStatus(e)
    }
}

impl From<ChatStateEvent> for Event {
    fn from(e: ChatStateEvent) -> Self {
        Event::ChatState(e)
    }
}

impl From<UnknownEvent> for Event {
    fn from(e: UnknownEvent) -> Self {
        Event::Unknown(e)
    }
}

impl Event {
    /// The event's `type` as written (`None` when the event had none).
    pub fn event_type(&self) -> Option<&str> {
        match self {
            Event::Content(_) => Some("ContentEvent"),
            Event::RichContent(_) => Some("RichContentEvent"),
            Event::AcceptStatus(_) => Some("AcceptStatusEvent"),
            Event::ChatState(_) => Some("ChatStateEvent"),
            Event::Unknown(u) => u.event_type(),
        }
    }
}

wire_struct! {
    /// `RichContentEvent`: structured content (cards, carousels, quick replies, maps…).
    pub struct RichContentEvent {
        /// The structured-content JSON, kept exactly: an object on the wire, or a JSON-encoded
        /// string as the history API sends it. See [`content_value`](Self::content_value).
        req content: RawJson = "content",
    }
}

impl RichContentEvent {
    /// The content as a JSON value, decoding the string form when needed. Parses on every
    /// call.
    pub fn content_value(&self) -> Result<serde_json::Value, serde_json::Error> {
        match self.content.as_string() {
            Some(text) => serde_json::from_str(&text),
            None => self.content.to_value(),
        }
    }

    /// The root element's `type` (`vertical`, `carousel`, `map`, …).
    ///
    /// Cost: parses `content` into a `serde_json::Value` on every call (the content is kept as
    /// written, not as a tree); call it once and keep the result.
    pub fn element_type(&self) -> Option<String> {
        self.content_value()
            .ok()?
            .get("type")?
            .as_str()
            .map(str::to_owned)
    }
}

wire_struct! {
    /// `AcceptStatusEvent`: the other party accepted, read, … the listed messages.
    pub struct AcceptStatusEvent {
        /// The status.
        req status: AcceptStatus = "status",
        /// The sequences of the messages it refers to, in the same dialog.
        req sequence_list: Vec<i64> = "sequenceList",
    }
}

wire_struct! {
    /// `ChatStateEvent`: typing and presence. Carries no `sequence` or `serverTimestamp`.
    pub struct ChatStateEvent {
        /// The state.
        req chat_state: ChatState = "chatState",
    }
}

/// An event whose `type` this version of the crate does not know, kept as written.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownEvent {
    event_type: Option<String>,
    fields: Extra,
}

impl UnknownEvent {
    /// An event of type `event_type` with the other `fields` (a `type` entry among them is
    /// dropped: the tag is `event_type`). Give it a type this crate does not model: a modelled
    /// one (`ContentEvent`, …) parses back as that variant, not as `Unknown`.
    ///
    /// ```
    /// use chatwire::json::{Extra, RawJson};
    /// use chatwire::liveperson::{Event, UnknownEvent};
    /// let mut fields = Extra::new();
    /// fields.insert("mood", RawJson::from_json(r#""cheerful""#)?);
    /// let event = Event::from(UnknownEvent::new("MoodEvent", fields));
    /// assert_eq!(serde_json::to_string(&event)?, r#"{"type":"MoodEvent","mood":"cheerful"}"#);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn new(event_type: impl Into<String>, mut fields: Extra) -> Self {
        fields.remove("type");
        UnknownEvent {
            event_type: Some(event_type.into()),
            fields,
        }
    }

    /// An event without `type` (which validation reports), with the other `fields`.
    pub fn untyped(mut fields: Extra) -> Self {
        fields.remove("type");
        UnknownEvent {
            event_type: None,
            fields,
        }
    }

    /// The `type` as written; `None` when the event had no `type`.
    pub fn event_type(&self) -> Option<&str> {
        self.event_type.as_deref()
    }

    /// The other fields, as written.
    pub fn fields(&self) -> &Extra {
        &self.fields
    }

    /// The whole event as JSON.
    pub fn to_json(&self) -> RawJson {
        RawJson::from_serialize(self).unwrap_or_else(|_| RawJson::null())
    }
}

impl Serialize for UnknownEvent {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_unknown(s, "type", self.event_type.as_deref(), &self.fields)
    }
}

/// Any deserializer; an event of a modelled type is an error (see [`crate::json`]'s notes on
/// deserializing).
impl<'de> Deserialize<'de> for UnknownEvent {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::json::text::deserialize_with(d, |json| match crate::json::text::read(json) {
            Ok(Event::Unknown(e)) => Ok(e),
            Ok(other) => Err(wrong_type(json, "an event of an unknown type", &other)),
            Err(e) => Err(ParseError::from_json(json, 0, e)),
        })
    }
}

/// Any deserializer; `type` is `ContentEvent` (as `Serialize` writes it) or absent (see
/// [`crate::json`]'s notes on deserializing).
impl<'de> Deserialize<'de> for ContentEvent {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::json::text::deserialize_with(d, |json| {
            let fail = |e| ParseError::from_json(json, 0, e);
            match crate::json::text::read(json).map_err(fail)? {
                Event::Content(e) => Ok(*e),
                Event::Unknown(e) if e.event_type.is_none() => {
                    crate::json::text::read(json).map_err(fail)
                }
                other => Err(wrong_type(json, "a ContentEvent", &other)),
            }
        })
    }
}

/// An event of another type than `expected`.
fn wrong_type(json: &str, expected: &str, found: &Event) -> ParseError {
    let found = found.event_type().unwrap_or("none");
    ParseError::at_offset(
        ParseErrorKind::Data,
        json,
        0,
        format!("expected {expected}, found type `{found}`"),
    )
    .with_path("type")
}

impl Serialize for Event {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Event::Content(e) => serialize_tagged(s, "type", "ContentEvent", &**e),
            Event::RichContent(e) => serialize_tagged(s, "type", "RichContentEvent", e),
            Event::AcceptStatus(e) => serialize_tagged(s, "type", "AcceptStatusEvent", e),
            Event::ChatState(e) => serialize_tagged(s, "type", "ChatStateEvent", e),
            Event::Unknown(e) => e.serialize(s),
        }
    }
}

impl<'de> crate::json::field::Field<'de> for Event {
    fn read<D: Deserializer<'de>>(slot: &mut Option<Self>, d: D) -> Result<(), D::Error> {
        struct EventVisitor;
        impl<'de> Visitor<'de> for EventVisitor {
            type Value = Event;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an event object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Event, A::Error> {
                let tagged = Tagged::read(&mut map, "type")?;
                Ok(match tagged.tag() {
                    Some("ContentEvent") => Event::Content(tagged.finish_boxed(&mut map)?),
                    Some("RichContentEvent") => Event::RichContent(tagged.finish(&mut map)?),
                    Some("AcceptStatusEvent") => Event::AcceptStatus(tagged.finish(&mut map)?),
                    Some("ChatStateEvent") => Event::ChatState(tagged.finish(&mut map)?),
                    _ => Event::Unknown(UnknownEvent {
                        event_type: tagged.tag_owned(),
                        fields: tagged.finish_unknown(&mut map)?,
                    }),
                })
            }
        }
        crate::json::field::put(slot, d.deserialize_map(EventVisitor)?);
        Ok(())
    }
}

/// Any deserializer: see [`crate::json`]'s notes on deserializing.
impl<'de> Deserialize<'de> for Event {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::json::text::deserialize(d)
    }
}
