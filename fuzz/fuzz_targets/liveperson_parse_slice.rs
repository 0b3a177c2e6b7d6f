//! `parse_notification_slice` on arbitrary bytes (invalid UTF-8 included); it must agree with
//! `parse_notification` on the same text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let from_bytes = chatwire::parse_notification_slice(data);
    match std::str::from_utf8(data) {
        Err(_) => assert!(from_bytes.is_err(), "invalid UTF-8 accepted"),
        Ok(text) => assert_eq!(from_bytes, chatwire::parse_notification(text)),
    }
    if let Ok(n) = from_bytes {
        let _ = chatwire::validate_notification(&n);
    }
});
