//! The public `Deserialize` of the model, for any deserializer: the JSON text of the value is
//! obtained first, then read by the crate's own single-pass reader (the one the `parse_*`
//! functions use, which never comes through here).
//!
//! serde_json's deserializers (`from_str`, `from_slice`, `from_reader`, and `Value` with the
//! `raw_value` feature this crate enables) hand the text over through their raw-value protocol,
//! borrowed from the input when they can. Any other deserializer is asked for its value with
//! `deserialize_any`, which is written out as compact JSON: at most [`MAX_DEPTH`] levels deep,
//! numbers that are not finite refused, and a map whose one key is serde_json's raw-value
//! token (what a [`RawValue`](serde_json::value::RawValue), and so a [`RawJson`](super::RawJson),
//! serializes to in other formats) taken as the JSON text it holds, so that raw subtrees come
//! back byte for byte.
//!
//! An error of the second read becomes the deserializer's error, with the JSON path inside the
//! value in wire names and the message; the deserializer adds its own position.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::MAX_DEPTH;
use super::field::Field;
use super::key::Key;
use crate::error::ParseError;

/// The name serde_json gives its raw-value protocol (and the one key of a raw value serialized
/// into another format).
const RAW_TOKEN: &str = "$serde_json::private::RawValue";

/// The JSON text of a value: borrowed from the input, or written out.
pub(crate) enum Text<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Text<'_> {
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Text::Borrowed(s) => s,
            Text::Owned(s) => s,
        }
    }
}

/// The JSON text of the value `deserializer` holds.
pub(crate) fn json_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Text<'de>, D::Error> {
    deserializer.deserialize_newtype_struct(RAW_TOKEN, TextVisitor)
}

/// The public `Deserialize` of a model type: its JSON text, read by its [`Field`] reader.
pub(crate) fn deserialize<'de, T, D>(deserializer: D) -> Result<T, D::Error>
where
    T: for<'a> Field<'a>,
    D: Deserializer<'de>,
{
    let text = json_text(deserializer)?;
    read::<T>(text.as_str()).map_err(|e| error(text.as_str(), e))
}

/// Reads `text`, one JSON value, with the single-pass reader of `T`.
pub(crate) fn read<'a, T: Field<'a>>(text: &'a str) -> Result<T, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let mut slot = None;
    T::read(&mut slot, &mut de)?;
    de.end()?;
    slot.ok_or_else(|| de::Error::custom("value not built"))
}

/// An error of reading `text` again, as the outer deserializer's error: the path inside the
/// value (wire names) and the message, without a position relative to `text`.
#[cold]
pub(crate) fn error<E: de::Error>(text: &str, err: serde_json::Error) -> E {
    parse_error(&ParseError::from_json(text, 0, err))
}

/// A [`ParseError`] of a value read from its text, as the outer deserializer's error.
#[cold]
pub(crate) fn parse_error<E: de::Error>(err: &ParseError) -> E {
    // The message of a `ParseError` carries no private marker; keep it so whatever it says.
    let message = err.message().replace('\u{0}', "");
    if err.path().is_empty() {
        E::custom(message)
    } else {
        E::custom(format_args!("{}: {message}", err.path()))
    }
}

/// The value as JSON text: the raw text serde_json gives, or the value written out.
struct TextVisitor;

impl<'de> TextVisitor {
    /// A value given as a scalar or a sequence: written out.
    fn write<E: de::Error>(
        self,
        f: impl FnOnce(Writer<'_>) -> Result<(), E>,
    ) -> Result<Text<'de>, E> {
        let mut out = Vec::new();
        f(Writer {
            out: &mut out,
            depth: 0,
        })?;
        finish(out)
    }
}

fn finish<'de, E: de::Error>(out: Vec<u8>) -> Result<Text<'de>, E> {
    String::from_utf8(out)
        .map(Text::Owned)
        .map_err(|_| E::custom("the value written out is not UTF-8"))
}

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text<'de>, A::Error> {
        let first = map.next_key_seed(AnyKey)?;
        if let Some(key) = &first
            && key.as_str() == RAW_TOKEN
        {
            // serde_json's raw value (or one serialized into another format): the text itself.
            let text = map.next_value_seed(RawText)?;
            if map.next_key::<de::IgnoredAny>()?.is_some() {
                return Err(de::Error::custom("a raw JSON value has one entry"));
            }
            return Ok(text);
        }
        let mut out = Vec::new();
        Writer {
            out: &mut out,
            depth: 0,
        }
        .map_from(first, map)?;
        finish(out)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Text<'de>, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Text<'de>, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Text<'de>, A::Error> {
        self.write(|w| w.visit_seq(seq))
    }

    fn visit_none<E: de::Error>(self) -> Result<Text<'de>, E> {
        Ok(Text::Owned("null".to_owned()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Text<'de>, E> {
        Ok(Text::Owned("null".to_owned()))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text<'de>, E> {
        self.write(|w| w.visit_bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text<'de>, E> {
        self.write(|w| w.visit_i64(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text<'de>, E> {
        self.write(|w| w.visit_u64(v))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Text<'de>, E> {
        self.write(|w| w.visit_i128(v))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Text<'de>, E> {
        self.write(|w| w.visit_u128(v))
    }

    fn visit_f32<E: de::Error>(self, v: f32) -> Result<Text<'de>, E> {
        self.write(|w| w.visit_f32(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text<'de>, E> {
        self.write(|w| w.visit_f64(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text<'de>, E> {
        self.write(|w| w.visit_str(v))
    }
}

/// A map key, whatever its length (see [`Key::any`]).
struct AnyKey;

impl<'de> DeserializeSeed<'de> for AnyKey {
    type Value = Key<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key<'de>, D::Error> {
        Key::any(d)
    }
}

/// The text of a raw value: borrowed when the input allows it.
struct RawText;

impl<'de> DeserializeSeed<'de> for RawText {
    type Value = Text<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Text<'de>, D::Error> {
        d.deserialize_string(self)
    }
}

impl<'de> Visitor<'de> for RawText {
    type Value = Text<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the text of a raw JSON value")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Text<'de>, E> {
        Ok(Text::Borrowed(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text<'de>, E> {
        Ok(Text::Owned(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Text<'de>, E> {
        Ok(Text::Owned(v))
    }
}

/// Writes the value it visits as compact JSON into `out`; `depth` is the number of containers
/// around it.
struct Writer<'a> {
    out: &'a mut Vec<u8>,
    depth: usize,
}

impl Writer<'_> {
    fn scalar<T: serde::Serialize + ?Sized, E: de::Error>(self, v: &T) -> Result<(), E> {
        serde_json::to_writer(&mut *self.out, v).map_err(E::custom)
    }

    /// The depth of a container opened here, or the recursion-limit error.
    fn enter<E: de::Error>(&self) -> Result<usize, E> {
        if self.depth >= MAX_DEPTH {
            return Err(E::custom("recursion limit exceeded"));
        }
        Ok(self.depth + 1)
    }

    /// A map whose first key (already read) is `first`: a raw value, or an object.
    fn map_from<'de, A: MapAccess<'de>>(
        self,
        first: Option<Key<'de>>,
        mut map: A,
    ) -> Result<(), A::Error> {
        let depth = self.enter()?;
        let Some(first) = first else {
            self.out.extend_from_slice(b"{}");
            return Ok(());
        };
        if first.as_str() == RAW_TOKEN {
            let text = map.next_value_seed(RawText)?;
            if map.next_key::<de::IgnoredAny>()?.is_some() {
                return Err(de::Error::custom("a raw JSON value has one entry"));
            }
            // One well-formed JSON value, whatever the source: the text is pasted as is.
            let raw = serde_json::from_str::<&serde_json::value::RawValue>(text.as_str())
                .map_err(|e| de::Error::custom(format_args!("raw JSON value: {e}")))?;
            self.out.extend_from_slice(raw.get().as_bytes());
            return Ok(());
        }
        self.out.push(b'{');
        let mut key = Some(first);
        while let Some(k) = key {
            serde_json::to_writer(&mut *self.out, k.as_str()).map_err(de::Error::custom)?;
            self.out.push(b':');
            map.next_value_seed(Writer {
                out: &mut *self.out,
                depth,
            })?;
            key = map.next_key_seed(AnyKey)?;
            if key.is_some() {
                self.out.push(b',');
            }
        }
        self.out.push(b'}');
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for Writer<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Writer<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value that has a JSON form")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let first = map.next_key_seed(AnyKey)?;
        self.map_from(first, map)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let depth = self.enter()?;
        self.out.push(b'[');
        let mut first = true;
        loop {
            let at = self.out.len();
            if !first {
                self.out.push(b',');
            }
            let more = seq
                .next_element_seed(Writer {
                    out: &mut *self.out,
                    depth,
                })?
                .is_some();
            if !more {
                self.out.truncate(at);
                break;
            }
            first = false;
        }
        self.out.push(b']');
        Ok(())
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        self.scalar(&v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        self.scalar(&v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        self.scalar(&v)
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<(), E> {
        self.scalar(&v)
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<(), E> {
        self.scalar(&v)
    }

    fn visit_f32<E: de::Error>(self, v: f32) -> Result<(), E> {
        if !v.is_finite() {
            return Err(E::custom(format_args!("{v} has no JSON form")));
        }
        self.scalar(&v)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        if !v.is_finite() {
            return Err(E::custom(format_args!("{v} has no JSON form")));
        }
        self.scalar(&v)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.scalar(v)
    }
}

/// A public `Deserialize` that parses the value's JSON text with a `parse_*` function.
pub(crate) fn deserialize_with<'de, T, D: Deserializer<'de>>(
    deserializer: D,
    parse: impl FnOnce(&str) -> Result<T, ParseError>,
) -> Result<T, D::Error> {
    let text = json_text(deserializer)?;
    parse(text.as_str()).map_err(|e| parse_error(&e))
}
