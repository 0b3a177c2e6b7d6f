//! Genesys timestamps: strings kept as written, parsed on demand.

use std::fmt;

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};

/// A `timestamp` or `receivedDate` string, kept exactly as sent.
///
/// GWS v2 writes `yyyy-MM-dd HH:mm:ss.SSSZ` (`2014-01-09 11:58:12.035+0200`); the Workspace API
/// v3 writes RFC 3339 (`2018-05-17T13:59:45.000Z`). [`to_datetime`](Self::to_datetime) reads
/// both and gives the instant in UTC, like every other time accessor of the crate;
/// [`to_datetime_with_offset`](Self::to_datetime_with_offset) keeps the offset as written.
///
/// ```
/// let ts = chatwire::genesys::Timestamp::new("2014-01-09 11:58:12.035+0200");
/// assert_eq!(ts.to_datetime().unwrap().to_rfc3339(), "2014-01-09T09:58:12.035+00:00");
/// assert_eq!(ts.to_datetime_with_offset().unwrap().to_rfc3339(), "2014-01-09T11:58:12.035+02:00");
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(String);

impl Timestamp {
    /// Wraps a timestamp string.
    pub fn new(s: impl Into<String>) -> Self {
        Timestamp(s.into())
    }

    /// The string as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The instant in UTC, from the v2 format or RFC 3339; `None` otherwise. Parses the string
    /// on each call.
    pub fn to_datetime(&self) -> Option<DateTime<Utc>> {
        self.to_datetime_with_offset().map(|t| t.to_utc())
    }

    /// The instant with the offset as written (the sender's local time), from the v2 format or
    /// RFC 3339; `None` otherwise. Parses the string on each call.
    pub fn to_datetime_with_offset(&self) -> Option<DateTime<FixedOffset>> {
        self.to_v2_datetime()
            .or_else(|| DateTime::parse_from_rfc3339(&self.0).ok())
    }

    /// The instant with the offset as written, only when written in the documented v2 format
    /// `yyyy-MM-dd HH:mm:ss.SSSZ`.
    pub fn to_v2_datetime(&self) -> Option<DateTime<FixedOffset>> {
        let s = &self.0;
        // Exactly: 10 date chars, a space, 8 time chars, '.', 3 digits, then +HHMM / -HHMM.
        let well_formed = s.len() == 28
            && s.as_bytes()[10] == b' '
            && s.as_bytes()[19] == b'.'
            && matches!(s.as_bytes()[23], b'+' | b'-');
        if !well_formed {
            return None;
        }
        DateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.3f%z").ok()
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({:?})", self.0)
    }
}

/// `timestampSeconds`: despite the name, GWS v2 sends epoch **milliseconds**; the Workspace API
/// v3 sends seconds. The integer is kept as sent; [`to_datetime`](Self::to_datetime) tells
/// them apart (values above 10^11 are milliseconds: 10^11 seconds is the year 5138).
///
/// ```
/// use chatwire::genesys::TimestampSeconds;
/// let v2 = TimestampSeconds(1389261492035);
/// let v3 = TimestampSeconds(1526565585);
/// assert_eq!(v2.to_datetime().unwrap().timestamp_millis(), 1389261492035);
/// assert_eq!(v3.to_datetime().unwrap().timestamp(), 1526565585);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
#[allow(clippy::exhaustive_structs)]
pub struct TimestampSeconds(pub i64);

impl TimestampSeconds {
    /// Values whose magnitude is above this are taken as milliseconds.
    pub const MILLIS_THRESHOLD: i64 = 100_000_000_000;

    /// `true` when the value is taken as milliseconds.
    pub fn is_millis(self) -> bool {
        self.0.unsigned_abs() > Self::MILLIS_THRESHOLD as u64
    }

    /// The instant, whichever unit was sent.
    pub fn to_datetime(self) -> Option<DateTime<Utc>> {
        if self.is_millis() {
            DateTime::from_timestamp_millis(self.0)
        } else {
            DateTime::from_timestamp(self.0, 0)
        }
    }
}

impl fmt::Debug for TimestampSeconds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TimestampSeconds({})", self.0)
    }
}

crate::json::field::plain_fields!(Timestamp, TimestampSeconds);
