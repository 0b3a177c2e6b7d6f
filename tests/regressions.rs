//! Inputs found by fuzzing (`tests/webhooks_examples/regressions/`): each parses without a
//! panic, keeps what it cannot model exactly as written, and serializes to text that parses
//! back to the same text.

use std::fs;
use std::path::Path;

fn read(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/webhooks_examples/regressions")
        .join(name);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn liveperson_malformed_change_with_a_number_beyond_f64() {
    let text = read("liveperson_malformed_change_huge_float.json");
    let n = chatwire::parse_notification(&text).unwrap();
    let malformed = n.malformed_changes();
    assert_eq!(malformed.len(), 1);
    assert!(
        malformed[0]
            .1
            .error()
            .path()
            .ends_with("metaDataLastUpdateTs"),
        "{}",
        malformed[0].1.error()
    );
    let out = serde_json::to_string(&n).unwrap();
    assert!(out.contains("15E5399379370"), "kept as written");
    let again = chatwire::parse_notification(&out).unwrap();
    assert_eq!(serde_json::to_string(&again).unwrap(), out);
    // serde_json::Value holds such a number only with its arbitrary_precision feature; where it
    // does, the output equals the input's value.
    if let Ok(input) = serde_json::from_str::<serde_json::Value>(&text) {
        assert_eq!(serde_json::to_value(&n).unwrap(), input);
    }
}

#[test]
fn genesys_unknown_field_with_a_number_beyond_f64() {
    let text = read("genesys_unknown_field_huge_float.json");
    let n = chatwire::genesys::parse_notification(&text).unwrap();
    let bayeux = n
        .bayeux
        .as_ref()
        .expect("a data key makes it a Bayeux message");
    assert_eq!(
        bayeux.extra.get("timestampSeconds").unwrap().get(),
        "1385e888406142010"
    );
    let out = serde_json::to_string(&n).unwrap();
    let again = chatwire::genesys::parse_notification(&out).unwrap();
    assert_eq!(again, n);
    assert_eq!(serde_json::to_string(&again).unwrap(), out);
}
