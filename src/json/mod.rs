//! Building blocks shared by the vendor models: opaque JSON kept as written ([`RawJson`]),
//! unknown fields ([`Extra`]) and timestamps ([`EpochMillis`]).

pub(crate) mod field;
pub(crate) mod object;
pub(crate) mod path;
mod raw;
pub(crate) mod scan;
mod time;

pub(crate) use raw::check_raw;
pub use raw::{Extra, MAX_DEPTH, RawJson};
pub use time::EpochMillis;

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
