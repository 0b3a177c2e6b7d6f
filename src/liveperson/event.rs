//! `change.event`, dispatched on `event.type` (spec §4).

use serde::{Deserialize, Deserializer};

use super::content::ContentEvent;
use super::enums::{AcceptStatus, ChatState};
use crate::error::ParseError;
use crate::json::RawJson;

tagged_enum! {
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
    pub enum Event {
        tag: "type",
        tag_fn: event_type,
        tag_const: TYPE,
        expecting: "an event object",
        what: "event type",
        /// Text, files, secure forms.
        Content(Box<ContentEvent>) = "ContentEvent",
        /// Structured content.
        RichContent(RichContentEvent) = "RichContentEvent",
        /// Accepted, read, … receipts.
        AcceptStatus(AcceptStatusEvent) = "AcceptStatusEvent",
        /// Typing indicators and presence.
        ChatState(ChatStateEvent) = "ChatStateEvent",
    }

    /// An event whose `type` this version of the crate does not know, kept as written.
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
    pub struct UnknownEvent;
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

/// Any deserializer; `type` is `ContentEvent` (as `Serialize` writes it) or absent (see
/// [`crate::json`]'s notes on deserializing).
impl<'de> Deserialize<'de> for ContentEvent {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::json::text::deserialize_with(d, |json| {
            let fail = |e| ParseError::from_json(json, 0, e);
            match crate::json::text::read(json).map_err(fail)? {
                Event::Content(e) => Ok(*e),
                Event::Unknown(e) if e.event_type().is_none() => {
                    crate::json::text::read(json).map_err(fail)
                }
                other => Err(ParseError::wrong_tag(
                    json,
                    "type",
                    "a ContentEvent",
                    other.event_type(),
                )),
            }
        })
    }
}
