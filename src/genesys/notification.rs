//! A Genesys notification in any of its three forms, and the parse entry points.

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

use super::bayeux::BayeuxMessage;
use super::chat::{ChatId, ChatStateChangeMessage};
use super::message_log::MessageLogUpdated;
use crate::error::ParseError;
use crate::json::Extra;
use crate::json::object::{
    FromRaw, Key, Tagged, WireFields, WireObject, no_more_fields, serialize_tagged,
    serialize_unknown,
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
    pub bayeux: Option<BayeuxMessage>,
    /// `data`, by `messageType`; `None` for messages without data (meta-channel replies).
    pub data: Option<Data>,
}

impl Notification {
    /// A data-only notification.
    pub fn new(data: Data) -> Self {
        Notification {
            bayeux: None,
            data: Some(data),
        }
    }

    /// The channel, when the Bayeux message was sent.
    pub fn channel(&self) -> Option<&str> {
        self.bayeux.as_ref()?.channel.as_deref()
    }

    /// `true` for a meta-channel message (`/meta/connect`, `/meta/handshake`, …).
    pub fn is_meta(&self) -> bool {
        self.bayeux.as_ref().is_some_and(BayeuxMessage::is_meta)
    }

    /// `data.messageType`, as written.
    pub fn message_type(&self) -> Option<&str> {
        self.data.as_ref()?.message_type()
    }

    /// The chat this notification is about: `chat.id`, or derived from `chatPath`/`chatUri`.
    pub fn chat_id(&self) -> Option<ChatId> {
        match self.data.as_ref()? {
            Data::ChatStateChange(m) => m.chat.as_ref()?.id.clone(),
            Data::MessageLogUpdated(m) => m.chat_id(),
            Data::Unknown(_) => None,
        }
    }
}

/// `data`, by its `messageType`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Data {
    /// `ChatStateChangeMessage`.
    ChatStateChange(Box<ChatStateChangeMessage>),
    /// `MessageLogUpdated`.
    MessageLogUpdated(Box<MessageLogUpdated>),
    /// Any other `messageType` (or none): kept as written.
    Unknown(UnknownData),
}

impl Data {
    /// `messageType` as written.
    pub fn message_type(&self) -> Option<&str> {
        match self {
            Data::ChatStateChange(_) => Some("ChatStateChangeMessage"),
            Data::MessageLogUpdated(_) => Some("MessageLogUpdated"),
            Data::Unknown(u) => u.message_type.as_deref(),
        }
    }

    fn dispatch<'de, A: MapAccess<'de>>(
        tagged: Tagged<'de>,
        map: &mut A,
    ) -> Result<Self, A::Error> {
        Ok(match tagged.tag() {
            Some("ChatStateChangeMessage") => Data::ChatStateChange(Box::new(tagged.finish(map)?)),
            Some("MessageLogUpdated") => Data::MessageLogUpdated(Box::new(tagged.finish(map)?)),
            _ => Data::Unknown(UnknownData {
                message_type: tagged.tag_owned(),
                fields: tagged.finish_unknown(map)?,
            }),
        })
    }
}

/// `data` with a `messageType` this version of the crate does not know, kept as written.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownData {
    message_type: Option<String>,
    fields: Extra,
}

impl UnknownData {
    /// `messageType` as written; `None` when absent.
    pub fn message_type(&self) -> Option<&str> {
        self.message_type.as_deref()
    }

    /// The other fields, as written.
    pub fn fields(&self) -> &Extra {
        &self.fields
    }
}

impl Serialize for Data {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Data::ChatStateChange(m) => {
                serialize_tagged(s, "messageType", "ChatStateChangeMessage", &**m)
            }
            Data::MessageLogUpdated(m) => {
                serialize_tagged(s, "messageType", "MessageLogUpdated", &**m)
            }
            Data::Unknown(u) => {
                serialize_unknown(s, "messageType", u.message_type.as_deref(), &u.fields)
            }
        }
    }
}

impl<'de> Deserialize<'de> for Data {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Data;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a notification data object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Data, A::Error> {
                let tagged = Tagged::read(&mut map, "messageType")?;
                Data::dispatch(tagged, &mut map)
            }
        }
        d.deserialize_map(V)
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
                bayeux.serialize_fields(&mut map)?;
                map.end()
            }
        }
    }
}

/// The top level of one message, read once: `data` parsed in place, every other field kept
/// borrowed until the form is known.
struct TopLevel<'de> {
    data: Option<Data>,
    /// `data` was written as `null`.
    data_null: bool,
    others: Vec<(Key<'de>, &'de RawValue)>,
}

impl<'de> Deserialize<'de> for TopLevel<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TopLevel<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a Genesys notification object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TopLevel<'de>, A::Error> {
                let mut data = None;
                let mut data_null = false;
                let mut others = Vec::new();
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    if key.as_str() == "data" {
                        if data.is_some() || data_null {
                            return Err(crate::error::marker::duplicate_here("data"));
                        }
                        data = map.next_value::<Option<Data>>()?;
                        data_null = data.is_none();
                    } else {
                        others.push((key, map.next_value::<&'de RawValue>()?));
                    }
                }
                // Duplicates among the other fields are found when they are built.
                let mut keys: Vec<&str> = others.iter().map(|(k, _)| k.as_str()).collect();
                keys.sort_unstable();
                if let Some(w) = keys.windows(2).find(|w| w[0] == w[1]) {
                    return Err(crate::error::marker::duplicate(w[0]));
                }
                Ok(TopLevel {
                    data,
                    data_null,
                    others,
                })
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
    if !matches!(first_key(part), Some("data" | "channel"))
        && let Ok(data) = serde_json::from_str::<Data>(part)
        && !has_envelope_keys(&data)
    {
        return Ok(Notification {
            bayeux: None,
            data: Some(data),
        });
    }
    let base = offset_in(input, part);
    let top: TopLevel<'_> =
        serde_json::from_str(part).map_err(|e| ParseError::from_json(input, base, e))?;
    let is_envelope = top.data.is_some()
        || top.data_null
        || top.others.iter().any(|(k, _)| k.as_str() == "channel");
    let fail = |e: serde_json::Error| ParseError::from_json(input, base, e);
    if is_envelope {
        let mut builder = <BayeuxMessage as WireObject<'_>>::Builder::default();
        for (key, raw) in top.others {
            BayeuxMessage::accept(&mut builder, key, FromRaw::<serde_json::Error>::new(raw))
                .map_err(fail)?;
        }
        let mut bayeux = BayeuxMessage::finish::<serde_json::Error>(builder).map_err(fail)?;
        if top.data_null {
            bayeux.extra.insert(
                "data",
                crate::json::RawJson::from_json("null").map_err(fail)?,
            );
        }
        Ok(Notification {
            bayeux: Some(bayeux),
            data: top.data,
        })
    } else {
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
    let extra = match data {
        Data::ChatStateChange(m) => &m.extra,
        Data::MessageLogUpdated(m) => &m.extra,
        Data::Unknown(u) => &u.fields,
    };
    extra.get("data").is_some() || extra.get("channel").is_some()
}

fn offset_in(whole: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize)
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
