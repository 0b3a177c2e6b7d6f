//! The slower, general parse paths on their own, so that the differential fuzz target can
//! require that the fast paths give exactly the same results. Compiled only under
//! `cfg(fuzzing)`; not part of the public API.

use crate::{ParseError, genesys, liveperson};

/// The LivePerson two-phase parse (envelope first, then each change on its own), which
/// `parse_notification` falls back to when its single pass does not apply.
pub fn liveperson_two_phase(json: &str) -> Result<liveperson::Notification, ParseError> {
    liveperson::envelope::parse_two_phase(json)
}

/// The Genesys general path (top level read once, then the form decided), which
/// `genesys::parse_notification` falls back to when its one-pass paths do not apply.
pub fn genesys_exact(json: &str) -> Result<genesys::Notification, ParseError> {
    genesys::notification::parse_exact(json, json)
}
