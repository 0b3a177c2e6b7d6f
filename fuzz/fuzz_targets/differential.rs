//! The fast and the general parse paths of both vendors on the same input: the results,
//! errors included, must be identical.
#![no_main]

use chatwire::{fuzzing, genesys};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    assert_eq!(
        chatwire::parse_notification(text),
        fuzzing::liveperson_two_phase(text),
        "LivePerson: single pass and two-phase parse differ"
    );
    assert_eq!(
        genesys::parse_notification(text),
        fuzzing::genesys_exact(text),
        "Genesys: fast and exact paths differ"
    );
});
