//! The first implementation of the LivePerson peek, on serde_json with `IgnoredAny`: kept for
//! the tests as the reference the scanner-based peek must agree with.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::error::ParseError;
use crate::json::object::Key;

use super::{ChangePeek, Peek};

/// The peek, as serde_json reads it.
pub(crate) fn peek_notification<'a>(
    json: &'a str,
    mut on_change: impl FnMut(ChangePeek<'a>),
) -> Result<Peek<'a>, ParseError> {
    let mut de = serde_json::Deserializer::from_str(json);
    let peek = TopSeed(&mut on_change)
        .deserialize(&mut de)
        .and_then(|p| de.end().map(|()| p))
        .map_err(|e| ParseError::from_json(json, 0, e))?;
    Ok(peek)
}

struct TopSeed<'f, F>(&'f mut F);

impl<'de, F: FnMut(ChangePeek<'de>)> DeserializeSeed<'de> for TopSeed<'_, F> {
    type Value = Peek<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Peek<'de>, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, F: FnMut(ChangePeek<'de>)> Visitor<'de> for TopSeed<'_, F> {
    type Value = Peek<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a LivePerson notification object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Peek<'de>, A::Error> {
        let mut peek = Peek {
            notification_type: None,
            changes: 0,
        };
        while let Some(key) = map.next_key::<Key<'de>>()? {
            match &*key.0 {
                "type" => {
                    peek.notification_type = map.next_value::<Option<Key<'de>>>()?.map(|t| t.0)
                }
                "body" => peek.changes = map.next_value_seed(BodySeed(&mut *self.0))?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(peek)
    }
}

struct BodySeed<'f, F>(&'f mut F);

impl<'de, F: FnMut(ChangePeek<'de>)> DeserializeSeed<'de> for BodySeed<'_, F> {
    type Value = usize;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, F: FnMut(ChangePeek<'de>)> Visitor<'de> for BodySeed<'_, F> {
    type Value = usize;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a notification body")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<usize, A::Error> {
        let mut changes = 0;
        while let Some(key) = map.next_key::<Key<'de>>()? {
            if key.0 == "changes" {
                changes = map.next_value_seed(ChangesSeed(&mut *self.0))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(changes)
    }
    // A body of an unknown notification type may be anything.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<usize, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(0)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<usize, E> {
        Ok(0)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<usize, E> {
        Ok(0)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<usize, E> {
        Ok(0)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<usize, E> {
        Ok(0)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<usize, E> {
        Ok(0)
    }
    fn visit_unit<E: de::Error>(self) -> Result<usize, E> {
        Ok(0)
    }
}

struct ChangesSeed<'f, F>(&'f mut F);

impl<'de, F: FnMut(ChangePeek<'de>)> DeserializeSeed<'de> for ChangesSeed<'_, F> {
    type Value = usize;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, F: FnMut(ChangePeek<'de>)> Visitor<'de> for ChangesSeed<'_, F> {
    type Value = usize;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of changes")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<usize, A::Error> {
        let mut index = 0;
        while let Some(change) = seq.next_element::<ChangeWire<'de>>()? {
            (self.0)(ChangePeek {
                index,
                event_type: change.event_type,
                content_type: change.content_type,
                change_type: change.change_type,
            });
            index += 1;
        }
        Ok(index)
    }
}

/// The routing fields of one change; everything else is skipped.
struct ChangeWire<'a> {
    event_type: Option<Cow<'a, str>>,
    content_type: Option<Cow<'a, str>>,
    change_type: Option<Cow<'a, str>>,
}

impl<'de> Deserialize<'de> for ChangeWire<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ChangeWire<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a change object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ChangeWire<'de>, A::Error> {
                let mut change = ChangeWire {
                    event_type: None,
                    content_type: None,
                    change_type: None,
                };
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    match &*key.0 {
                        "event" => {
                            if let Some(EventWire(event_type, content_type)) = map.next_value()? {
                                change.event_type = event_type;
                                change.content_type = content_type;
                            }
                        }
                        "type" => {
                            change.change_type = map.next_value::<Option<Key<'de>>>()?.map(|t| t.0)
                        }
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(change)
            }
        }
        d.deserialize_map(V)
    }
}

/// `event.type` and `event.contentType`.
struct EventWire<'a>(Option<Cow<'a, str>>, Option<Cow<'a, str>>);

impl<'de> Deserialize<'de> for EventWire<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = EventWire<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an event object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<EventWire<'de>, A::Error> {
                let mut event = EventWire(None, None);
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    match &*key.0 {
                        "type" => event.0 = map.next_value::<Option<Key<'de>>>()?.map(|t| t.0),
                        "contentType" => {
                            event.1 = map.next_value::<Option<Key<'de>>>()?.map(|t| t.0)
                        }
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(event)
            }
        }
        d.deserialize_map(V)
    }
}
