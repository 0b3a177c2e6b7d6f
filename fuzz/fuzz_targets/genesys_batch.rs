//! `genesys::parse_batch` on arbitrary text, with the lossless round trip on what is accepted,
//! and `genesys::peek_notification` on each element.
#![no_main]

use chatwire::genesys;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(batch) = genesys::parse_batch(text) else {
        return;
    };
    for n in &batch {
        let _ = genesys::validate_notification(n);
    }
    let out = serde_json::to_string(&batch).expect("a parsed value serializes");
    let again = genesys::parse_batch(&out).expect("serialized output parses");
    let out_again = serde_json::to_string(&again).expect("serializes again");
    assert_eq!(
        out_again, out,
        "serialize -> parse -> serialize changed the text"
    );
    // Lossless against the input's JSON value, where serde_json can represent it (a value
    // kept as written may hold a number beyond f64, which only the text keeps).
    if let Ok(input) = serde_json::from_str::<serde_json::Value>(text) {
        assert_eq!(
            serde_json::to_value(&batch).expect("representable"),
            input,
            "not lossless"
        );
    }
});
