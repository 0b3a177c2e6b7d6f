//! The three byte-level JSON walkers (`json::scan`, `check_raw`, `json::path`) against
//! references built on serde_json: value boundaries and decoded keys, the verdict on duplicate
//! keys and nesting depth, and the path, line and column at every value must agree.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        chatwire::fuzzing::assert_walkers_agree(text);
    }
});
