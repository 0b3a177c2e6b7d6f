//! The fast and the general parse paths of both vendors on the same input: the results,
//! errors included, must be identical.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        chatwire::fuzzing::assert_parse_paths_agree(text);
    }
});
