//! `parse_notification` and `validate_notification` on arbitrary text; what parses must
//! round-trip: serialize, parse again, serialize to the same text, and equal the input's value.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(n) = chatwire::parse_notification(text) else {
        return;
    };
    let _ = chatwire::validate_notification(&n);
    let out = serde_json::to_string(&n).expect("a parsed value serializes");
    let again = chatwire::parse_notification(&out).expect("serialized output parses");
    let out_again = serde_json::to_string(&again).expect("serializes again");
    assert_eq!(
        out_again, out,
        "serialize -> parse -> serialize changed the text"
    );
    // Lossless against the input's JSON value, where serde_json can represent it (a value
    // kept as written may hold a number beyond f64, which only the text keeps).
    if let Ok(input) = serde_json::from_str::<serde_json::Value>(text) {
        assert_eq!(
            serde_json::to_value(&n).expect("representable"),
            input,
            "not lossless"
        );
    }
});
