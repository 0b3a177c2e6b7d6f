//! [`EpochMillis`]: LivePerson's integer timestamps (public as `chatwire::json::EpochMillis`).

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Milliseconds since the Unix epoch, as LivePerson writes every timestamp (`serverTimestamp`,
/// `startTs`, …). The integer is kept exactly; [`to_datetime`](Self::to_datetime) converts.
///
/// ```
/// let ts = chatwire::json::EpochMillis(1528371161893);
/// assert_eq!(ts.to_datetime().unwrap().to_rfc3339(), "2018-06-07T11:32:41.893+00:00");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
#[allow(clippy::exhaustive_structs)]
pub struct EpochMillis(pub i64);

impl EpochMillis {
    /// The instant, or `None` when it is outside chrono's range.
    pub fn to_datetime(self) -> Option<DateTime<Utc>> {
        DateTime::from_timestamp_millis(self.0)
    }

    /// The raw number of milliseconds.
    pub fn as_i64(self) -> i64 {
        self.0
    }
}

impl From<DateTime<Utc>> for EpochMillis {
    fn from(t: DateTime<Utc>) -> Self {
        EpochMillis(t.timestamp_millis())
    }
}

impl fmt::Debug for EpochMillis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.to_datetime() {
            Some(t) => write!(
                f,
                "EpochMillis({} = {})",
                self.0,
                t.format("%Y-%m-%dT%H:%M:%S%.3fZ")
            ),
            None => write!(f, "EpochMillis({})", self.0),
        }
    }
}

impl fmt::Display for EpochMillis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

crate::json::field::plain_fields!(EpochMillis);
