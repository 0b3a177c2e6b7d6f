//! Walks every LivePerson fixture: it parses, validates without errors, and round-trips
//! losslessly (`to_value(parse(s)) == from_str::<Value>(s)`), printing the first differing path.

use std::fs;
use std::path::Path;

use serde_json::Value;

mod common;

#[test]
fn every_fixture_parses_validates_and_round_trips() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/webhooks_examples/liveperson");
    let mut count = 0;
    let mut entries: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
    {
        let text = fs::read_to_string(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy();
        let n = chatwire::parse_notification(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            n.malformed_changes().is_empty(),
            "{name}: {:?}",
            n.malformed_changes()
        );
        let report = chatwire::validate_notification(&n);
        assert!(report.is_valid(), "{name}:\n{report}");
        let expected: Value = serde_json::from_str(&text).unwrap();
        let actual = serde_json::to_value(&n).unwrap();
        if let Some(diff) = common::first_difference(&expected, &actual) {
            panic!("{name}: round trip differs at {diff}");
        }
        count += 1;
    }
    assert!(count >= 37, "only {count} fixtures found");
}
