//! [`RawJson`] (an opaque JSON value kept byte for byte) and [`Extra`] (fields the model does
//! not know, kept so that nothing is lost).

use std::fmt;

use serde::de::{self, DeserializeOwned};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

/// A JSON value kept exactly as it was written (whitespace and number spelling included).
///
/// Used for vendor-defined subtrees the crate does not interpret (rich content, dialog
/// `metaData`, unknown fields and events). Read it with [`get`](Self::get),
/// [`to_value`](Self::to_value) or [`deserialize_as`](Self::deserialize_as).
///
/// Equality compares the text: two `RawJson` values are equal when they were written alike.
///
/// ```
/// use chatwire::json::RawJson;
/// let raw = RawJson::from_json(r#"{"type":"vertical"}"#).unwrap();
/// assert_eq!(raw.get(), r#"{"type":"vertical"}"#);
/// assert_eq!(raw.to_value().unwrap()["type"], "vertical");
/// ```
#[derive(Clone)]
pub struct RawJson(Box<RawValue>);

impl RawJson {
    /// Checks that `json` is one well-formed JSON value and keeps it as written.
    pub fn from_json(json: &str) -> Result<Self, serde_json::Error> {
        RawValue::from_string(json.to_owned()).map(RawJson)
    }

    /// Serializes `value` to compact JSON and keeps the text.
    pub fn from_serialize<T: Serialize + ?Sized>(value: &T) -> Result<Self, serde_json::Error> {
        serde_json::value::to_raw_value(value).map(RawJson)
    }

    /// The JSON text as written.
    pub fn get(&self) -> &str {
        self.0.get()
    }

    /// The underlying [`RawValue`].
    pub fn as_raw_value(&self) -> &RawValue {
        &self.0
    }

    /// Parses the text into a [`serde_json::Value`].
    pub fn to_value(&self) -> Result<serde_json::Value, serde_json::Error> {
        serde_json::from_str(self.get())
    }

    /// Parses the text into any deserializable type.
    pub fn deserialize_as<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_str(self.get())
    }

    /// `true` when the value is the literal `null`.
    pub fn is_null(&self) -> bool {
        self.get() == "null"
    }

    /// The string, when the value is a JSON string.
    pub fn as_string(&self) -> Option<String> {
        if self.get().starts_with('"') {
            serde_json::from_str(self.get()).ok()
        } else {
            None
        }
    }

    /// Keeps a borrowed slice of the input, with the same depth limit as deserialization.
    pub(crate) fn from_borrowed<E: de::Error>(raw: &RawValue) -> Result<Self, E> {
        check_depth(raw.get()).map_err(|m| crate::error::marker::at_address(raw.get(), m))?;
        Ok(RawJson(raw.to_owned()))
    }

    pub(crate) fn from_box(raw: Box<RawValue>) -> Self {
        RawJson(raw)
    }

    /// Keeps a borrowed slice of the input as it is (for changes that failed to parse).
    pub(crate) fn keep(raw: &RawValue) -> Self {
        RawJson(raw.to_owned())
    }

    pub(crate) fn null() -> Self {
        RawJson(RawValue::NULL.to_owned())
    }
}

impl fmt::Debug for RawJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RawJson({})", self.get())
    }
}

impl fmt::Display for RawJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.get())
    }
}

impl PartialEq for RawJson {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl Eq for RawJson {}

impl Serialize for RawJson {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for RawJson {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        check_depth(raw.get()).map_err(de::Error::custom)?;
        Ok(RawJson(raw))
    }
}

/// The deepest nesting accepted inside a value kept as raw JSON, as serde_json allows for the
/// values it parses.
pub const MAX_DEPTH: usize = 128;

/// serde_json skips over values it keeps raw without counting their depth; this restores its
/// recursion limit for them, so that nothing the crate accepts is too deep to read later.
pub(crate) fn check_depth(json: &str) -> Result<(), &'static str> {
    let bytes = json.as_bytes();
    if bytes.len() <= 2 * MAX_DEPTH {
        return Ok(()); // too short to open more than MAX_DEPTH arrays or objects
    }
    let (mut depth, mut i) = (0usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err("recursion limit exceeded");
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

/// Fields of a JSON object that the model does not know, in the order they were written, plus
/// known optional fields that were sent as an explicit `null`.
///
/// Every modelled struct has one (`extra`), so serializing a parsed value gives back the input's
/// JSON value: nothing the vendor adds is lost. Reading an unknown field:
///
/// ```
/// let json = r#"{"kind":"notification","type":"ms.MessagingEventNotification",
///                "body":{"changes":[],"newVendorField":{"a":1}}}"#;
/// let n = chatwire::parse_notification(json).unwrap();
/// let chatwire::Notification::MessagingEvent(n) = n else { unreachable!() };
/// assert_eq!(n.body.extra.get("newVendorField").unwrap().get(), r#"{"a":1}"#);
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Extra {
    fields: Vec<(Box<str>, RawJson)>,
}

impl Extra {
    /// An empty set of extra fields.
    pub fn new() -> Self {
        Self::default()
    }

    /// The value of the extra field `key`.
    pub fn get(&self, key: &str) -> Option<&RawJson> {
        self.fields
            .iter()
            .find(|(k, _)| &**k == key)
            .map(|(_, v)| v)
    }

    /// The extra fields in the order they were written.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &RawJson)> {
        self.fields.iter().map(|(k, v)| (&**k, v))
    }

    /// The field names in the order they were written.
    pub fn keys(&self) -> impl ExactSizeIterator<Item = &str> {
        self.fields.iter().map(|(k, _)| &**k)
    }

    /// Number of extra fields.
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// `true` when there are none.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Sets the extra field `key`, replacing an earlier value of the same name.
    pub fn insert(&mut self, key: impl Into<Box<str>>, value: RawJson) {
        let key = key.into();
        match self.fields.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.fields.push((key, value)),
        }
    }

    /// Removes the extra field `key` and returns its value.
    pub fn remove(&mut self, key: &str) -> Option<RawJson> {
        let at = self.fields.iter().position(|(k, _)| &**k == key)?;
        Some(self.fields.remove(at).1)
    }

    pub(crate) fn push(&mut self, key: Box<str>, value: RawJson) {
        self.fields.push((key, value));
    }

    /// Rejects a key written twice. Sorting keeps this `O(n log n)` on hostile input.
    pub(crate) fn check_unique<E: de::Error>(&self) -> Result<(), E> {
        if self.fields.len() < 2 {
            return Ok(());
        }
        let mut keys: Vec<&str> = self.keys().collect();
        keys.sort_unstable();
        match keys.windows(2).find(|w| w[0] == w[1]) {
            Some(w) => Err(crate::error::marker::duplicate(w[0])),
            None => Ok(()),
        }
    }

    /// Writes the entries into a map being serialized, skipping keys for which `written` says a
    /// modelled field of the same name was already written.
    pub(crate) fn serialize_into<M: SerializeMap>(
        &self,
        map: &mut M,
        written: impl Fn(&str) -> bool,
    ) -> Result<(), M::Error> {
        for (k, v) in &self.fields {
            if !written(k) {
                map.serialize_entry(&**k, v)?;
            }
        }
        Ok(())
    }
}

impl fmt::Debug for Extra {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}
