//! The first implementation of the Genesys peek, on serde_json with `IgnoredAny`: kept for the
//! tests as the reference the scanner-based peek must agree with.

use std::fmt;

use serde::de::{IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::error::ParseError;
use crate::json::object::Key;

use super::Peek;

/// The peek, as serde_json reads it.
pub(crate) fn peek_notification(json: &str) -> Result<Peek<'_>, ParseError> {
    let mut de = serde_json::Deserializer::from_str(json);
    Top::deserialize(&mut de)
        .and_then(|top| de.end().map(|()| top))
        .map(|top| {
            // A document with a `data` or `channel` key (whatever its value) is a Bayeux
            // message, as for the parse: its tags are in `data`.
            if top.has_data || top.has_channel {
                Peek {
                    channel: top.peek.channel,
                    message_type: top.data.message_type,
                    notification_type: top.data.notification_type,
                }
            } else {
                top.peek
            }
        })
        .map_err(|e| ParseError::from_json(json, 0, e))
}

/// The top level: its own channel and tags, and those of `data`.
struct Top<'a> {
    peek: Peek<'a>,
    data: Peek<'a>,
    has_data: bool,
    has_channel: bool,
}

impl<'de> Deserialize<'de> for Top<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Top<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a Genesys notification object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Top<'de>, A::Error> {
                let mut top = Top {
                    peek: Peek::default(),
                    data: Peek::default(),
                    has_data: false,
                    has_channel: false,
                };
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    match &*key.0 {
                        "channel" => {
                            top.has_channel = true;
                            top.peek.channel = map.next_value::<Option<Key<'de>>>()?.map(|t| t.0)
                        }
                        "messageType" => {
                            top.peek.message_type =
                                map.next_value::<Option<Key<'de>>>()?.map(|t| t.0)
                        }
                        "notificationType" => {
                            top.peek.notification_type =
                                map.next_value::<Option<Key<'de>>>()?.map(|t| t.0)
                        }
                        "data" => {
                            top.has_data = true;
                            if let Some(Tags(data)) = map.next_value()? {
                                top.data = data;
                            }
                        }
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(top)
            }
        }
        d.deserialize_map(V)
    }
}

/// `messageType` and `notificationType` of a data object.
struct Tags<'a>(Peek<'a>);

impl<'de> Deserialize<'de> for Tags<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Tags<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a notification data object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tags<'de>, A::Error> {
                let mut peek = Peek::default();
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    match &*key.0 {
                        "messageType" => {
                            peek.message_type = map.next_value::<Option<Key<'de>>>()?.map(|t| t.0)
                        }
                        "notificationType" => {
                            peek.notification_type =
                                map.next_value::<Option<Key<'de>>>()?.map(|t| t.0)
                        }
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(Tags(peek))
            }
        }
        d.deserialize_map(V)
    }
}
