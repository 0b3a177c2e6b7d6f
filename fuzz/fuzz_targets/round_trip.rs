//! The lossless property every target checks on what it accepts.

use serde::Serialize;

/// `parsed` (read from `input`) serializes, parses back through `reparse` to the same text, and
/// equals the input's JSON value wherever serde_json can represent it (a value kept as written
/// may hold a number beyond f64, which only the text keeps).
pub fn assert_lossless<T: Serialize, E: std::fmt::Debug>(
    input: &[u8],
    parsed: &T,
    reparse: impl Fn(&str) -> Result<T, E>,
) {
    let out = serde_json::to_string(parsed).expect("a parsed value serializes");
    let again = reparse(&out).expect("serialized output parses");
    let out_again = serde_json::to_string(&again).expect("serializes again");
    assert_eq!(
        out_again, out,
        "serialize -> parse -> serialize changed the text"
    );
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(input) {
        assert_eq!(
            serde_json::to_value(parsed).expect("representable"),
            value,
            "not lossless"
        );
    }
}
