//! `genesys::parse_notification` and `validate_notification` on arbitrary text; what parses
//! must round-trip losslessly.
#![no_main]

#[path = "round_trip.rs"]
mod round_trip;

use chatwire::genesys;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(n) = genesys::parse_notification(text) else {
        return;
    };
    let _ = genesys::validate_notification(&n);
    round_trip::assert_lossless(data, &n, genesys::parse_notification);
});
