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

    /// The string, when the value is a JSON string. Decodes it (escapes included) into a new
    /// `String` on every call.
    pub fn as_string(&self) -> Option<String> {
        if self.get().starts_with('"') {
            serde_json::from_str(self.get()).ok()
        } else {
            None
        }
    }

    /// Keeps a borrowed slice of the input, checked like the values serde_json parses (depth
    /// limit, no duplicate keys).
    pub(crate) fn from_borrowed<E: de::Error>(raw: &RawValue) -> Result<Self, E> {
        check_raw(raw.get()).map_err(|p| p.to_error(raw.get()))?;
        Ok(RawJson(raw.to_owned()))
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

/// Any deserializer: serde_json's hand over the text as written; other formats give the text a
/// `RawJson` (or serde_json's `RawValue`) serialized to, or the value written out as compact
/// JSON (see [`crate::json`]'s notes on deserializing).
impl<'de> Deserialize<'de> for RawJson {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        super::text::deserialize(deserializer)
    }
}

impl<'de> super::field::Field<'de> for RawJson {
    fn read<D: Deserializer<'de>>(slot: &mut Option<Self>, d: D) -> Result<(), D::Error> {
        // Borrowed from the input (as every parse of this crate reads it), so that a problem
        // inside the value can be located in the document.
        let raw = <&'de RawValue>::deserialize(d)?;
        super::field::put(slot, RawJson::from_borrowed(raw)?);
        Ok(())
    }
}

/// The deepest nesting accepted inside a value kept as raw JSON, as serde_json allows for the
/// values it parses.
pub const MAX_DEPTH: usize = 128;

/// What is wrong with a value kept as raw JSON.
pub(crate) struct RawProblem {
    /// Byte offset in the raw text: the bracket too deep, or the duplicate key's opening quote.
    pub(crate) offset: usize,
    /// The duplicate key, as a path fragment; `None` for too-deep nesting.
    pub(crate) duplicate: Option<String>,
}

impl RawProblem {
    pub(crate) fn message(&self) -> String {
        match &self.duplicate {
            None => "recursion limit exceeded".to_owned(),
            Some(key) => format!("duplicate field `{key}`"),
        }
    }

    /// The error for a problem in `raw`, a slice of the input being parsed.
    pub(crate) fn to_error<E: de::Error>(&self, raw: &str) -> E {
        let at = &raw[self.offset.min(raw.len())..];
        super::marker::at_address_in_object(at, self.duplicate.as_deref(), self.message())
    }
}

/// serde_json skips over the values it keeps raw without counting their depth or comparing
/// their keys. This restores both rules for them: nesting at most [`MAX_DEPTH`] levels and no
/// key twice in one object. One pass, no allocation unless an object has two or more keys.
pub(crate) fn check_raw(json: &str) -> Result<(), RawProblem> {
    let bytes = json.as_bytes();
    // A scalar (most unknown fields) has no nesting and no keys.
    if !json.trim_start().starts_with(['{', '[']) {
        return Ok(());
    }
    // Open containers: (is_object, where its keys start in `keys`, expecting a key).
    let mut stack: Stack<(bool, usize, bool), 16> = Stack::new();
    // Keys of the open objects, as (start, end) of the text between the quotes.
    let mut keys: Stack<(usize, usize), 32> = Stack::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    // Plain content eight bytes at a time; then past an escape (or a control
                    // byte, which serde_json has rejected already when it matters).
                    let stop = super::scan::skip_plain(bytes, i);
                    i = match bytes.get(stop) {
                        Some(b'\\') => stop + 2,
                        Some(b'"') | None => stop,
                        Some(_) => stop + 1,
                    };
                }
                if let Some(top) = stack.last_mut()
                    && top.0
                    && top.2
                {
                    top.2 = false;
                    keys.push((start, i.min(bytes.len())));
                }
            }
            b'{' | b'[' => {
                if stack.len() == MAX_DEPTH {
                    return Err(RawProblem {
                        offset: i,
                        duplicate: None,
                    });
                }
                stack.push((bytes[i] == b'{', keys.len(), bytes[i] == b'{'));
            }
            b',' => {
                if let Some(top) = stack.last_mut() {
                    top.2 = top.0;
                }
            }
            b'}' | b']' => {
                if let Some((true, from, _)) = stack.pop() {
                    if keys.len() - from > 1 {
                        find_duplicate(json, &keys.tail(from))?;
                    }
                    keys.truncate(from);
                }
            }
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

/// A stack that keeps its first `N` entries inline, so that checking a small value allocates
/// nothing.
struct Stack<T, const N: usize> {
    inline: [T; N],
    len: usize,
    spill: Vec<T>,
}

impl<T: Copy + Default, const N: usize> Stack<T, N> {
    fn new() -> Self {
        Stack {
            inline: [T::default(); N],
            len: 0,
            spill: Vec::new(),
        }
    }

    fn len(&self) -> usize {
        self.len
    }

    fn push(&mut self, value: T) {
        match self.inline.get_mut(self.len) {
            Some(slot) => *slot = value,
            None => self.spill.push(value),
        }
        self.len += 1;
    }

    fn pop(&mut self) -> Option<T> {
        self.len = self.len.checked_sub(1)?;
        match self.inline.get(self.len) {
            Some(value) => Some(*value),
            None => self.spill.pop(),
        }
    }

    fn last_mut(&mut self) -> Option<&mut T> {
        let last = self.len.checked_sub(1)?;
        match self.inline.get_mut(last) {
            Some(value) => Some(value),
            None => self.spill.last_mut(),
        }
    }

    fn truncate(&mut self, len: usize) {
        if len < self.len {
            self.len = len;
            self.spill.truncate(len.saturating_sub(N));
        }
    }

    /// The entries from `from` to the top, borrowed while they all fit inline.
    fn tail(&self, from: usize) -> std::borrow::Cow<'_, [T]> {
        if self.len <= N {
            return self.inline[from.min(self.len)..self.len].into();
        }
        let mut all = self.inline.to_vec();
        all.extend_from_slice(&self.spill);
        all.split_off(from.min(all.len())).into()
    }
}

fn find_duplicate(json: &str, keys: &[(usize, usize)]) -> Result<(), RawProblem> {
    // Usual case: a few keys written without escapes, all different. Comparing them pairwise
    // in place is cheaper than sorting decoded copies; any duplicate (or escape) takes the
    // general path below, which also chooses the key to report.
    if keys.len() <= 16 {
        let text = |&(s, e): &(usize, usize)| &json.as_bytes()[s..e];
        if keys.iter().all(|k| !text(k).contains(&b'\\'))
            && keys
                .iter()
                .enumerate()
                .all(|(n, a)| keys[n + 1..].iter().all(|b| text(a) != text(b)))
        {
            return Ok(());
        }
    }
    let decode = |&(s, e): &(usize, usize)| -> std::borrow::Cow<'_, str> {
        let text = &json[s..e];
        if text.contains('\\') {
            serde_json::from_str::<String>(&json[s - 1..=e]).map_or(text.into(), Into::into)
        } else {
            text.into()
        }
    };
    let mut sorted: Vec<(std::borrow::Cow<'_, str>, usize)> =
        keys.iter().map(|k| (decode(k), k.0 - 1)).collect();
    sorted.sort();
    match sorted.windows(2).find(|w| w[0].0 == w[1].0) {
        None => Ok(()),
        Some(w) => {
            let mut key = String::new();
            crate::json::path::push_key(&mut key, &w[0].0);
            Err(RawProblem {
                offset: w[1].1,
                duplicate: Some(key),
            })
        }
    }
}

/// Fields of a JSON object that the model does not know, in the order they were written, plus
/// known optional fields that were sent as an explicit `null`.
///
/// An entry cannot shadow a field the object models: serializing skips an entry named like a
/// modelled field (or like the tag of a tagged object, `type`, `messageType`), except a `null`
/// for an optional field that is unset, which is how an explicit `null` is written back. So
/// re-parsing what was serialized gives every modelled field the value it had.
///
/// Every modelled struct has one (`extra`), so serializing a parsed value gives back the input's
/// JSON value: nothing the vendor adds is lost. Reading an unknown field:
///
/// ```
/// let json = r#"{"kind":"notification","type":"ms.MessagingEventNotification",
///                "body":{"changes":[],"newVendorField":{"a":1}}}"#;
/// let n = chatwire::parse_notification(json).unwrap();
/// let chatwire::liveperson::Notification::MessagingEvent(n) = n else { unreachable!() };
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

    /// Rejects a key written twice.
    pub(crate) fn check_unique<E: de::Error>(&self) -> Result<(), E> {
        match super::key::first_duplicate(self.keys()) {
            Some(key) => Err(super::marker::duplicate(key)),
            None => Ok(()),
        }
    }

    /// Writes the entries into a map being serialized. `modelled` tells, for a key that names a
    /// field the object models, whether that field may come from here: `Some(false)` for an
    /// optional field that is unset (its explicit `null` is written back from here, and only a
    /// `null`), `Some(true)` for one written by the object itself or never written from here;
    /// `None` for any other key. So an entry cannot shadow a modelled field.
    #[inline]
    pub(crate) fn serialize_into<M: SerializeMap>(
        &self,
        map: &mut M,
        modelled: impl Fn(&str) -> Option<bool>,
    ) -> Result<(), M::Error> {
        // Most objects have none: a test in the caller's body rather than a call.
        if self.fields.is_empty() {
            return Ok(());
        }
        self.serialize_entries(map, modelled)
    }

    #[inline(never)]
    fn serialize_entries<M: SerializeMap>(
        &self,
        map: &mut M,
        modelled: impl Fn(&str) -> Option<bool>,
    ) -> Result<(), M::Error> {
        for (k, v) in &self.fields {
            let write = match modelled(k) {
                None => true,
                Some(false) => v.is_null(),
                Some(true) => false,
            };
            if write {
                map.serialize_entry(&**k, v)?;
            }
        }
        Ok(())
    }
}

/// A JSON object of every entry, in order.
impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.fields.len()))?;
        for (k, v) in &self.fields {
            map.serialize_entry(&**k, v)?;
        }
        map.end()
    }
}

/// Any deserializer: a JSON object, its entries kept in order (see [`crate::json`]'s notes on
/// deserializing); a key written twice is an error.
impl<'de> Deserialize<'de> for Extra {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        super::text::deserialize(deserializer)
    }
}

impl fmt::Debug for Extra {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::check_raw;

    /// `(offset, key)` of the reported duplicate, `None` when there is none.
    fn duplicate(json: &str) -> Option<(usize, String)> {
        check_raw(json)
            .err()
            .map(|p| (p.offset, p.duplicate.unwrap_or_default()))
    }

    #[test]
    fn finds_duplicates_among_few_and_many_keys_with_and_without_escapes() {
        assert_eq!(duplicate(r#"{"a":1,"b":2}"#), None);
        assert_eq!(duplicate(r#"{"a":1,"b":2,"a":3}"#), Some((13, "a".into())));
        // The same key once escaped, once not.
        assert_eq!(duplicate(r#"{"a":1,"\u0061":2}"#), Some((7, "a".into())));
        assert_eq!(duplicate(r#"{"a\"":1,"a\\":2}"#), None);
        // The smallest duplicated key is reported, at its second occurrence.
        assert_eq!(
            duplicate(r#"{"b":1,"a":2,"b":3,"a":4}"#),
            Some((19, "a".into()))
        );
        // Many keys (more than the pairwise check handles).
        let many: Vec<String> = (0..40).map(|n| format!("\"k{n}\":{n}")).collect();
        let json = format!("{{{}}}", many.join(","));
        assert_eq!(duplicate(&json), None);
        let json = format!("{{{},\"k7\":0}}", many.join(","));
        assert_eq!(duplicate(&json).map(|d| d.1), Some("k7".into()));
        // Nested objects are checked on their own; keys of siblings do not clash.
        assert_eq!(duplicate(r#"{"a":{"x":1},"b":{"x":2}}"#), None);
        assert_eq!(duplicate(r#"[{"x":1,"x":2}]"#), Some((8, "x".into())));
        // Scalars have nothing to check.
        assert_eq!(duplicate(r#""{\"a\":1,\"a\":2}""#), None);
        assert_eq!(duplicate("12"), None);
    }

    /// Deeper than the containers and keys kept inline: every level is still checked on its
    /// own, before and after the inner levels close, and the depth limit holds.
    #[test]
    fn checks_deep_values_beyond_the_inline_stacks() {
        let nest = |depth: usize, inner: &str, outer_tail: &str| {
            let mut json = String::new();
            for n in 0..depth {
                json.push_str(&format!("{{\"a{n}\":1,\"b{n}\":"));
            }
            json.push_str(inner);
            for n in (0..depth).rev() {
                json.push_str(if n == 0 { outer_tail } else { "}" });
            }
            json
        };
        assert_eq!(duplicate(&nest(40, "0", "}")), None);
        // A duplicate at the deepest level, and one in the outermost object after the inner
        // levels (beyond the inline stacks) have closed.
        let deep = nest(40, r#"{"x":1,"x":2}"#, "}");
        assert_eq!(duplicate(&deep).map(|d| d.1), Some("x".into()));
        let outer = nest(40, "0", r#","a0":3}"#);
        assert_eq!(duplicate(&outer).map(|d| d.1), Some("a0".into()));
        // Arrays count towards the depth as objects do.
        let depth = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(check_raw(&depth(super::MAX_DEPTH)).is_ok());
        let too_deep = check_raw(&depth(super::MAX_DEPTH + 1)).unwrap_err();
        assert_eq!(
            (too_deep.offset, too_deep.duplicate),
            (super::MAX_DEPTH, None)
        );
    }

    /// `true` when some object in `json` has a key twice: a plain recursive reference.
    fn has_duplicate(value: &serde_json::Value) -> bool {
        use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = bool;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("JSON")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
                let mut seen = std::collections::HashSet::new();
                let mut found = false;
                while let Some(key) = map.next_key::<String>()? {
                    found |= !seen.insert(key);
                    found |= map.next_value_seed(S)?;
                }
                Ok(found)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
                let mut found = false;
                while let Some(f) = seq.next_element_seed(S)? {
                    found |= f;
                }
                Ok(found)
            }
            fn visit_i64<E>(self, _: i64) -> Result<bool, E> {
                Ok(false)
            }
            fn visit_u64<E>(self, _: u64) -> Result<bool, E> {
                Ok(false)
            }
            fn visit_str<E>(self, _: &str) -> Result<bool, E> {
                Ok(false)
            }
        }
        struct S;
        impl<'de> serde::de::DeserializeSeed<'de> for S {
            type Value = bool;
            fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
                d.deserialize_any(V)
            }
        }
        let text = value.as_str().expect("a document");
        serde_json::Deserializer::from_str(text)
            .deserialize_any(V)
            .expect("JSON")
    }

    /// Random nested documents (up to 60 levels, up to 51 keys per object from a small
    /// alphabet, so that duplicates occur at every depth): `check_raw` finds a duplicate exactly when the
    /// reference does.
    #[test]
    fn agrees_with_a_reference_on_random_deep_documents() {
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move |n: u64| {
            // splitmix64
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            (z ^ (z >> 31)) % n
        };
        // One chain of containers `depth` deep; each level has a few scalar siblings, and now
        // and then many, before and after the level below it.
        fn build(out: &mut String, depth: u64, next: &mut dyn FnMut(u64) -> u64) {
            let object = next(3) != 0;
            let wide = next(8) == 0;
            let width = next(if wide { 50 } else { 4 });
            // Keys drawn so that about one object in fifty has a duplicate.
            let alphabet = if wide { 40_000 } else { 200 };
            let inner_at = if depth == 0 {
                u64::MAX
            } else {
                next(width + 1)
            };
            out.push(if object { '{' } else { '[' });
            for n in 0..width {
                if n > 0 {
                    out.push(',');
                }
                if object {
                    out.push_str(&format!("\"k{}\":", next(alphabet)));
                }
                if n == inner_at {
                    build(out, depth - 1, next);
                } else {
                    out.push_str(&next(100).to_string());
                }
            }
            if inner_at == width {
                if width > 0 {
                    out.push(',');
                }
                if object {
                    out.push_str(&format!("\"k{}\":", next(alphabet)));
                }
                build(out, depth - 1, next);
            }
            out.push(if object { '}' } else { ']' });
        }
        let (mut with, mut without) = (0, 0);
        for _ in 0..2_000 {
            let mut json = String::new();
            let depth = 1 + next(60);
            build(&mut json, depth, &mut next);
            let expected = has_duplicate(&serde_json::Value::String(json.clone()));
            assert_eq!(check_raw(&json).is_err(), expected, "{json}");
            if expected {
                with += 1;
            } else {
                without += 1;
            }
        }
        assert!(
            with > 200 && without > 200,
            "{with} with, {without} without"
        );
    }
}
