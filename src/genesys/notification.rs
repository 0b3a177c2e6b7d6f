//! A Genesys notification in any of its three forms, and the parse entry points.

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

use super::bayeux::BayeuxMessage;
use super::chat::{ChatId, ChatStateChangeMessage};
use super::message_log::MessageLogUpdated;
use crate::error::{ParseError, ParseErrorKind, offset_in};
use crate::json::object::{
    FromMap, FromPlainStr, FromRaw, Internal, Key, Tagged, WireFields, WireObject, first_duplicate,
    no_more_fields,
};

/// A notification, as delivered on a CometD channel.
///
/// It remembers its form: the `data` object alone (as the GWS documentation prints it),
/// `{"data": …}`, or a whole Bayeux message (`channel`, `data`, `id`, `clientId`, `ext`, …);
/// serializing gives the same JSON value back.
///
/// ```
/// use chatwire::genesys::{self, Data, MessageItemType};
/// let json = r#"{"channel":"/v2/me/chats","data":{"messageType":"MessageLogUpdated",
///   "notificationType":"NewMessages","chatUri":"http://gws/api/v2/chats/0000Na9B26EF002X",
///   "messages":[{"index":3,"type":"Text","text":"Hi","visibility":"All",
///   "from":{"nickname":"Kristi","type":"Customer","participantId":"00975A4F6A7C0003"}}]}}"#;
/// let n = genesys::parse_notification(json)?;
/// match &n.data {
///     Some(Data::MessageLogUpdated(log)) => {
///         for m in log.items() {
///             if m.item_type == Some(MessageItemType::Text) {
///                 println!("{:?}: {:?}", m.from.as_ref().and_then(|f| f.nickname.as_deref()), m.text);
///             }
///         }
///     }
///     Some(Data::ChatStateChange(c)) => println!("chat is {:?}", c.chat.as_ref().and_then(|c| c.state.clone())),
///     Some(other) => println!("other message type {:?}", other.message_type()),
///     None => println!("a meta message on {:?}", n.channel()),
/// }
/// # Ok::<(), chatwire::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Notification {
    /// The Bayeux message around `data`; `None` when the document was the `data` object alone.
    pub bayeux: Option<Box<BayeuxMessage>>,
    /// `data`, by `messageType`; `None` for messages without data (meta-channel replies).
    pub data: Option<Data>,
}

impl Notification {
    /// A data-only notification: `data` is a [`Data`] or any message struct
    /// ([`MessageLogUpdated`], [`ChatStateChangeMessage`], [`UnknownData`]).
    /// [`with_bayeux`](Self::with_bayeux) gives the other two forms.
    ///
    /// ```
    /// use chatwire::genesys::*;
    /// let agent = Participant::new("A1", ParticipantType::Agent, "Ann");
    /// let log = MessageLogUpdated::new("0000Na9B26EF002X", vec![MessageItem::new_text(1, agent, "Hello")]);
    /// let n = Notification::new(log).with_bayeux(BayeuxMessage::on_channel("/v2/me/chats"));
    /// assert!(validate_notification(&n).is_valid());
    /// assert_eq!(n.chat_id(), Some("0000Na9B26EF002X"));
    /// let json = serde_json::to_string(&n)?;
    /// assert_eq!(parse_notification(&json)?, n);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(data: impl Into<Data>) -> Self {
        Notification {
            bayeux: None,
            data: Some(data.into()),
        }
    }

    /// A Bayeux message without `data` (a meta-channel reply, …).
    pub fn without_data(bayeux: BayeuxMessage) -> Self {
        Notification {
            bayeux: Some(Box::new(bayeux)),
            data: None,
        }
    }

    /// The same notification inside the Bayeux message `bayeux`: `{"data": …}` alone for
    /// `BayeuxMessage::default()`, or with `channel`, `id`, `clientId`, … as set.
    pub fn with_bayeux(mut self, bayeux: BayeuxMessage) -> Self {
        self.bayeux = Some(Box::new(bayeux));
        self
    }

    /// The channel, when the Bayeux message was sent.
    pub fn channel(&self) -> Option<&str> {
        self.bayeux.as_ref()?.channel.as_deref()
    }

    /// `true` for a meta-channel message (`/meta/connect`, `/meta/handshake`, …).
    pub fn is_meta(&self) -> bool {
        self.bayeux.as_ref().is_some_and(|b| b.is_meta())
    }

    /// `data.messageType`, as written.
    pub fn message_type(&self) -> Option<&str> {
        self.data.as_ref()?.message_type()
    }

    /// The chat this notification is about: `chat.id`, or derived from `chatPath`/`chatUri`
    /// ([`MessageLogUpdated::chat_id`]); borrowed, no allocation.
    pub fn chat_id(&self) -> Option<&str> {
        match self.data.as_ref()? {
            Data::ChatStateChange(m) => m.chat.as_ref()?.id.as_ref().map(ChatId::as_str),
            Data::MessageLogUpdated(m) => m.chat_id(),
            Data::Unknown(_) => None,
        }
    }

    /// The notification's vendor-neutral events: one per transcript message, or those of a
    /// chat snapshot (see the [mapping](crate::events#mapping)). Meta messages and unknown
    /// message types yield none.
    ///
    /// ```
    /// # let json = include_str!("../../tests/webhooks_examples/genesys/008_sendmessage_text.json");
    /// use chatwire::events::{EventKind, Position, Role};
    /// let n = chatwire::genesys::parse_notification(json)?;
    /// let event = n.events().next().unwrap();
    /// assert!(matches!(event.kind, EventKind::Message { .. }));
    /// assert_eq!(event.position, Some(Position::Index(3)));
    /// assert_eq!(event.sender_role(), Some(Role::Agent));
    /// # Ok::<(), chatwire::ParseError>(())
    /// ```
    pub fn events(&self) -> crate::events::Events<'_> {
        crate::events::genesys::notification_events(self)
    }
}

tagged_enum! {
    /// `data`, by its `messageType`.
    pub enum Data {
        tag: "messageType",
        tag_fn: message_type,
        tag_const: MESSAGE_TYPE,
        expecting: "a notification data object",
        what: "message type",
        /// A chat's state changed: the chat resource, with its participants.
        ChatStateChange(Box<ChatStateChangeMessage>) = "ChatStateChangeMessage",
        /// The transcript grew: new messages.
        MessageLogUpdated(Box<MessageLogUpdated>) = "MessageLogUpdated",
    }

    /// `data` with a `messageType` this version of the crate does not know, kept as written.
    ///
    /// ```
    /// use chatwire::genesys::{Notification, UnknownData};
    /// use chatwire::json::{Extra, RawJson};
    /// let mut fields = Extra::new();
    /// fields.insert("fileId", RawJson::from_json(r#""f-1""#)?);
    /// let n = Notification::from(UnknownData::new("FileTransfer", fields));
    /// assert_eq!(serde_json::to_string(&n)?, r#"{"messageType":"FileTransfer","fileId":"f-1"}"#);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub struct UnknownData;
}

impl From<Data> for Notification {
    fn from(data: Data) -> Self {
        Notification::new(data)
    }
}

impl From<ChatStateChangeMessage> for Notification {
    fn from(m: ChatStateChangeMessage) -> Self {
        Notification::new(m)
    }
}

impl From<MessageLogUpdated> for Notification {
    fn from(m: MessageLogUpdated) -> Self {
        Notification::new(m)
    }
}

impl From<UnknownData> for Notification {
    fn from(u: UnknownData) -> Self {
        Notification::new(u)
    }
}

impl Serialize for Notification {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match (&self.bayeux, &self.data) {
            (None, Some(data)) => data.serialize(s),
            (None, None) => s.serialize_map(Some(0))?.end(),
            (Some(bayeux), data) => {
                let mut map = s.serialize_map(None)?;
                if let Some(data) = data {
                    map.serialize_entry("data", data)?;
                }
                bayeux.serialize_fields(&mut map, Some(("data", data.is_some())))?;
                map.end()
            }
        }
    }
}

/// Any deserializer; the same as [`parse_notification`] on the value's JSON text (see
/// [`crate::json`]'s notes on deserializing).
impl<'de> Deserialize<'de> for Notification {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::json::text::deserialize_with(d, parse_notification)
    }
}

/// The top level of one message, read once: `data` parsed in place, every other field kept
/// borrowed until the form is known.
struct TopLevel<'de, W = Internal<Data>> {
    data: Option<W>,
    /// `data` was written as `null`.
    data_null: bool,
    others: Vec<(Key<'de>, &'de RawValue)>,
}

impl<'de, W: Deserialize<'de>> Deserialize<'de> for TopLevel<'de, W> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<W>(std::marker::PhantomData<W>);
        impl<'de, W: Deserialize<'de>> Visitor<'de> for V<W> {
            type Value = TopLevel<'de, W>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a Genesys notification object")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<TopLevel<'de, W>, A::Error> {
                let mut data = None;
                let mut data_null = false;
                let mut others = Vec::new();
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    if key.as_str() == "data" {
                        if data.is_some() || data_null {
                            return Err(crate::json::marker::duplicate_here("data"));
                        }
                        data = map.next_value::<Option<W>>()?;
                        data_null = data.is_none();
                    } else {
                        others.push((key, map.next_value::<&'de RawValue>()?));
                    }
                }
                // Duplicates among the other fields are found when they are built.
                if let Some(key) = first_duplicate(others.iter().map(|(k, _)| k.as_str())) {
                    return Err(crate::json::marker::duplicate(key));
                }
                Ok(TopLevel {
                    data,
                    data_null,
                    others,
                })
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}

/// `data` read in one pass when its `messageType` comes after other fields: each known key goes
/// straight to the builder of the variant that has it (shared and unknown keys to both), and the
/// variant is chosen when the tag has been read. It gives up (an error) when the tag is unknown
/// or the fields belong to the other variant; callers then take the exact path.
struct Speculative(Data);

impl<'de> Deserialize<'de> for Speculative {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Speculative;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a notification data object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Speculative, A::Error> {
                type Csc = ChatStateChangeMessage;
                type Mlu = MessageLogUpdated;
                let mut tag_seen = false;
                let mut csc = <Csc as WireObject<'de>>::Builder::default();
                let mut mlu = <Mlu as WireObject<'de>>::Builder::default();
                // Which variant the object can still be: set by the tag, or by a field only one
                // of them has; from then on only that builder is fed.
                let mut side: Option<bool> = None; // `Some(true)`: ChatStateChangeMessage
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    let k = key.as_str();
                    if k == "messageType" {
                        if tag_seen {
                            return Err(de::Error::custom("duplicate"));
                        }
                        tag_seen = true;
                        let tag = match map.next_value::<Key<'de>>()?.as_str() {
                            Csc::MESSAGE_TYPE => true,
                            Mlu::MESSAGE_TYPE => false,
                            _ => return Err(de::Error::custom("unknown messageType")),
                        };
                        if side.is_some_and(|s| s != tag) {
                            return Err(de::Error::custom("undecided"));
                        }
                        side = Some(tag);
                        continue;
                    }
                    let (in_csc, in_mlu) = (Csc::knows(k), Mlu::knows(k));
                    match side {
                        // A field of the other variant: only the exact path can place it.
                        Some(true) if in_mlu && !in_csc => {
                            return Err(de::Error::custom("undecided"));
                        }
                        Some(false) if in_csc && !in_mlu => {
                            return Err(de::Error::custom("undecided"));
                        }
                        Some(true) => Csc::accept(&mut csc, key, FromMap(&mut map))?,
                        Some(false) => Mlu::accept(&mut mlu, key, FromMap(&mut map))?,
                        None if in_csc && !in_mlu => {
                            side = Some(true);
                            Csc::accept(&mut csc, key, FromMap(&mut map))?;
                        }
                        None if in_mlu && !in_csc => {
                            side = Some(false);
                            Mlu::accept(&mut mlu, key, FromMap(&mut map))?;
                        }
                        None => {
                            let raw = map.next_value::<&'de RawValue>()?;
                            // `notificationType`, in both, is usually a plain string: read it
                            // as a borrowed `&str` rather than parse the JSON twice.
                            if let Some(plain) = FromPlainStr::<A::Error>::new(raw) {
                                Csc::accept(&mut csc, key.clone(), plain)?;
                                Mlu::accept(
                                    &mut mlu,
                                    key,
                                    FromPlainStr::<A::Error>::new(raw).expect("a plain string"),
                                )?;
                            } else {
                                Csc::accept(&mut csc, key.clone(), FromRaw::<A::Error>::new(raw))?;
                                Mlu::accept(&mut mlu, key, FromRaw::<A::Error>::new(raw))?;
                            }
                        }
                    }
                }
                match (tag_seen, side) {
                    (true, Some(true)) => Ok(Speculative(Data::ChatStateChange(
                        Csc::finish_boxed(&mut csc)?,
                    ))),
                    (true, Some(false)) => Ok(Speculative(Data::MessageLogUpdated(
                        Mlu::finish_boxed(&mut mlu)?,
                    ))),
                    _ => Err(de::Error::custom("undecided")),
                }
            }
        }
        d.deserialize_map(V)
    }
}

/// Parses one message `part`, a slice of `input` (all of it, or one element of a batch).
fn parse_part(input: &str, part: &str) -> Result<Notification, ParseError> {
    // Fast path for the data object alone: parse it directly and check that it was not an
    // envelope after all. Envelopes (usually starting with `data` or `channel`), failures and
    // everything else take the general path below, which also locates errors.
    if !matches!(first_key(part), Some("data" | "channel")) {
        if let Ok(Speculative(data)) = serde_json::from_str::<Speculative>(part)
            && !has_envelope_keys(&data)
        {
            return Ok(Notification {
                bayeux: None,
                data: Some(data),
            });
        }
    } else if let Ok(top) = serde_json::from_str::<TopLevel<'_, Speculative>>(part)
        && top.is_envelope()
        && let Ok(n) = envelope(top.data.map(|s| s.0), top.data_null, top.others)
    {
        return Ok(n);
    }
    parse_exact(input, part)
}

/// The general path: the top level read once with its fields kept borrowed, then the form
/// decided and each part built; it also locates errors.
pub(crate) fn parse_exact(input: &str, part: &str) -> Result<Notification, ParseError> {
    if let Some(empty) = crate::error::empty_body(part) {
        return Err(empty);
    }
    let base = offset_in(input, part);
    let top: TopLevel<'_> =
        serde_json::from_str(part).map_err(|e| ParseError::from_json(input, base, e))?;
    let fail = |e: serde_json::Error| ParseError::from_json(input, base, e);
    if top.is_envelope() {
        envelope(top.data.map(|d| d.0), top.data_null, top.others).map_err(fail)
    } else {
        if looks_like_liveperson(&top.others) {
            let start = base + (part.len() - part.trim_start().len());
            return Err(ParseError::at_offset(
                ParseErrorKind::Data,
                input,
                start,
                "this is a LivePerson notification, not a Genesys one: parse it with \
                 chatwire::parse_notification (chatwire::liveperson::parse_notification), or \
                 with chatwire::parse_any for either vendor",
            ));
        }
        let tagged =
            Tagged::from_pairs::<serde_json::Error>(top.others, "messageType").map_err(fail)?;
        let data =
            Data::dispatch(tagged, &mut no_more_fields::<serde_json::Error>()).map_err(fail)?;
        Ok(Notification {
            bayeux: None,
            data: Some(data),
        })
    }
}

impl<W> TopLevel<'_, W> {
    /// A document with `data` or `channel` is a Bayeux message; otherwise it is the data object.
    fn is_envelope(&self) -> bool {
        self.data.is_some()
            || self.data_null
            || self.others.iter().any(|(k, _)| k.as_str() == "channel")
    }
}

/// A Bayeux message from its `data` and its other fields (kept borrowed until now).
fn envelope(
    data: Option<Data>,
    data_null: bool,
    others: Vec<(Key<'_>, &RawValue)>,
) -> Result<Notification, serde_json::Error> {
    let mut builder = <BayeuxMessage as WireObject<'_>>::Builder::default();
    for (key, raw) in others {
        BayeuxMessage::accept(&mut builder, key, FromRaw::<serde_json::Error>::new(raw))?;
    }
    let mut bayeux = BayeuxMessage::finish_boxed::<serde_json::Error>(&mut builder)?;
    if data_null {
        bayeux
            .extra
            .insert("data", crate::json::RawJson::from_json("null")?);
    }
    Ok(Notification {
        bayeux: Some(bayeux),
        data,
    })
}

/// `true` for the top-level fields of a LivePerson notification — `kind`, `body`, or a `type`
/// in LivePerson's dotted form (`ms.MessagingEventNotification`) — with none of the fields that
/// mark a Genesys one (`messageType`, `notificationType`, `clientId`; `data` and `channel` make
/// the document a Bayeux message before this is asked). Genesys resources of other kinds (a
/// transcript item has a `type` such as `Text`) are not taken for LivePerson notifications.
fn looks_like_liveperson(fields: &[(Key<'_>, &RawValue)]) -> bool {
    let mut liveperson = false;
    for (key, raw) in fields {
        match key.as_str() {
            "kind" | "body" => liveperson = true,
            "type" => {
                let dotted = |t: &str| {
                    t.split_once('.').is_some_and(|(space, name)| {
                        !space.is_empty()
                            && space.bytes().all(|b| b.is_ascii_lowercase())
                            && !name.is_empty()
                    })
                };
                liveperson |= serde_json::from_str::<&str>(raw.get()).is_ok_and(dotted);
            }
            "messageType" | "notificationType" | "clientId" => return false,
            _ => {}
        }
    }
    liveperson
}

/// The first key of a JSON object, when it is written without escapes.
fn first_key(json: &str) -> Option<&str> {
    let rest = json
        .trim_start()
        .strip_prefix('{')?
        .trim_start()
        .strip_prefix('"')?;
    let key = &rest[..rest.find('"')?];
    (!key.contains('\\')).then_some(key)
}

/// `true` when a data object read on its own has `data` or `channel` fields: the document is
/// then a Bayeux message.
fn has_envelope_keys(data: &Data) -> bool {
    let extra = data.unmodelled();
    extra.get("data").is_some() || extra.get("channel").is_some()
}

/// Parses one Genesys notification: the `data` object alone, `{"data": …}`, or a whole Bayeux
/// message, including meta-channel replies.
///
/// Unknown `messageType`s, notification types, enum values and fields never fail the parse and
/// are written back by `Serialize`. Errors name the JSON path in wire names
/// (`data.messages[0].index`) with line and column.
pub fn parse_notification(json: &str) -> Result<Notification, ParseError> {
    parse_part(json, json)
}

/// Parses a JSON array of Bayeux messages, as a long-poll response carries them. Errors name
/// the element: `[2].data.messages[0].index`.
pub fn parse_batch(json: &str) -> Result<Vec<Notification>, ParseError> {
    if let Some(empty) = crate::error::empty_body(json) {
        return Err(empty);
    }
    let parts: Vec<&RawValue> =
        serde_json::from_str(json).map_err(|e| ParseError::from_json(json, 0, e))?;
    parts
        .into_iter()
        .map(|raw| parse_part(json, raw.get()))
        .collect()
}

/// [`parse_notification`] for raw bytes; invalid UTF-8 is an error.
pub fn parse_notification_slice(json: &[u8]) -> Result<Notification, ParseError> {
    parse_notification(crate::error::utf8_input(json)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-pass paths give exactly what the general path gives, on every fixture.
    #[test]
    fn fast_and_exact_paths_agree() {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/webhooks_examples/genesys"
        );
        let mut count = 0;
        for folder in ["", "/related", "/v3"] {
            for entry in std::fs::read_dir(format!("{dir}{folder}")).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_none_or(|e| e != "json") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                let value: serde_json::Value = serde_json::from_str(&text).unwrap();
                let data = value.get("data").cloned().unwrap_or_else(|| value.clone());
                let forms = [
                    text.clone(),
                    data.to_string(),
                    serde_json::json!({"data": data}).to_string(),
                    serde_json::json!({"data": data, "channel": "/v2/me/chats", "id": "7"})
                        .to_string(),
                ];
                for form in forms {
                    assert_eq!(
                        parse_part(&form, &form),
                        parse_exact(&form, &form),
                        "{}: {form}",
                        path.display()
                    );
                    count += 1;
                }
            }
        }
        assert!(count >= 100);
    }

    /// The shared `notificationType` read as a plain string, with escapes, as a non-string
    /// and twice: the one-pass path agrees with the general path each time.
    #[test]
    fn shared_notification_type_in_every_spelling() {
        for value in [
            r#""NewMessages""#,
            r#""New\u004dessages""#,
            r#""""#,
            "null",
            "7",
            r#"{"a":1}"#,
        ] {
            for tag in Data::KNOWN {
                for form in [
                    format!(r#"{{"notificationType":{value},"messageType":"{tag}"}}"#),
                    format!(
                        r#"{{"notificationType":{value},"notificationType":{value},"messageType":"{tag}"}}"#
                    ),
                ] {
                    assert_eq!(
                        parse_part(&form, &form),
                        parse_exact(&form, &form),
                        "{form}"
                    );
                }
            }
        }
    }
}
