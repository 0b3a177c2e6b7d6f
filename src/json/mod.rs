//! Building blocks shared by the vendor models: opaque JSON kept as written ([`RawJson`]),
//! unknown fields ([`Extra`]), and LivePerson's timestamps ([`EpochMillis`], defined with the
//! LivePerson types and kept at this path).
//!
//! # Deserializing with any deserializer
//!
//! Every public type of the model that is `Serialize` is also `Deserialize`, for any serde
//! deserializer: serde_json's `from_str`, `from_slice`, `from_reader` and `from_value`, and
//! other self-describing formats (the tests use CBOR), also as a field of your own types. The
//! `Deserialize` of a model type first obtains the JSON text of the value, then reads it with
//! the crate's own single-pass reader (the one the `parse_*` functions use; they do not go
//! through `Deserialize` and stay the fast path, with the better errors):
//!
//! - serde_json hands over the text as written (borrowed from the input by `from_str` and
//!   `from_slice`); a `Value` is written out as compact JSON first, by serde_json, which
//!   recurses as deep as the `Value` is nested (as it does to drop one).
//! - Another format's value is written out as compact JSON: at most [`MAX_DEPTH`] levels deep,
//!   numbers that are not finite refused. A [`RawJson`] serializes, in other formats, to a map
//!   whose one key is serde_json's raw-value token and whose value is the JSON text; such a map
//!   is read back as that text, so raw subtrees come back byte for byte.
//! - Notifications ([`Notification`](crate::liveperson::Notification),
//!   [`genesys::Notification`](crate::genesys::Notification),
//!   [`AnyNotification`](crate::AnyNotification)) are read as their `parse_*` function reads
//!   the text; a malformed LivePerson change keeps its error, located in that text.
//! - An error names the JSON path inside the value in wire names, then the message
//!   (`event.sequenceList[1]: invalid type: …`); the deserializer adds its own position.
//!
//! What comes back: through `from_str`, `from_slice` and `from_reader` of the same text, the
//! same value as the `parse_*` function gives (`==`). Through a format that keeps the order of
//! map entries (CBOR), a value that serializes as the original did, and is `==` to it unless it
//! holds a malformed change (whose error then locates it in the text written out).
//! Through a `Value`, a value that serializes to an equal `Value`: a `Value` sorts object keys
//! (unless serde_json's `preserve_order` feature is on) and may respell numbers, and
//! [`RawJson`] compares its text.

pub(crate) mod field;
pub(crate) mod key;
pub(crate) mod marker;
pub(crate) mod object;
pub(crate) mod path;
mod raw;
pub(crate) mod scan;
pub(crate) mod text;

pub(crate) use raw::check_raw;
pub use raw::{Extra, MAX_DEPTH, RawJson};
// LivePerson's timestamp, defined with LivePerson's types; this public path is kept, and no
// code of `json` uses it.
pub use crate::liveperson::time::EpochMillis;

/// The string of an unknown open-enum value. Deliberately opaque: use the enum's `as_str()`.
#[doc(hidden)]
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct PrivateStr(Box<str>);

impl PrivateStr {
    pub(crate) fn new(s: &str) -> Self {
        PrivateStr(s.into())
    }
    pub(crate) fn from_string(s: String) -> Self {
        PrivateStr(s.into_boxed_str())
    }
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}
