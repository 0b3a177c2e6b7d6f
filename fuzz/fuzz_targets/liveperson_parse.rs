//! `parse_notification` and `validate_notification` on arbitrary text; what parses must
//! round-trip losslessly.
#![no_main]

#[path = "round_trip.rs"]
mod round_trip;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(n) = chatwire::parse_notification(text) else {
        return;
    };
    let _ = chatwire::validate_notification(&n);
    round_trip::assert_lossless(data, &n, chatwire::parse_notification);
});
