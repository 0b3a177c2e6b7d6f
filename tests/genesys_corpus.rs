//! Walks every Genesys fixture: the `/v2/me/chats` examples parse, validate without errors and
//! round-trip losslessly; the related and v3 documents (other topics and APIs) parse and
//! round-trip; the texts exactly as the documentation printed them (Python repr, Java `L`
//! suffixes) are not JSON and get a clear error with line and column, never a panic.

use std::fs;
use std::path::{Path, PathBuf};

use chatwire::genesys;
use serde_json::Value;

mod common;

fn files(folder: &str, extension: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/webhooks_examples/genesys")
        .join(folder);
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect();
    paths.sort();
    paths
}

fn round_trip(name: &str, text: &str, n: &genesys::Notification) {
    let expected: Value = serde_json::from_str(text).unwrap();
    let actual = serde_json::to_value(n).unwrap();
    if let Some(diff) = common::first_difference(&expected, &actual) {
        panic!("{name}: round trip differs at {diff}");
    }
}

#[test]
fn every_chat_example_parses_validates_and_round_trips() {
    let paths = files("", "json");
    for path in &paths {
        let name = path.file_name().unwrap().to_string_lossy();
        let text = fs::read_to_string(path).unwrap();
        let n = genesys::parse_notification(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(n.message_type().is_some(), "{name}");
        let report = genesys::validate_notification(&n);
        assert!(report.is_valid(), "{name}:\n{report}");
        assert!(report.warnings().is_empty(), "{name}:\n{report}");
        round_trip(&name, &text, &n);
    }
    assert!(paths.len() >= 16, "only {} fixtures", paths.len());
}

#[test]
fn related_and_v3_documents_parse_and_round_trip() {
    for folder in ["related", "v3"] {
        for path in files(folder, "json") {
            let name = path.file_name().unwrap().to_string_lossy();
            let text = fs::read_to_string(&path).unwrap();
            let n = genesys::parse_notification(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            round_trip(&name, &text, &n);
            // Nothing in them may crash validation; what it reports depends on the API.
            let _ = genesys::validate_notification(&n);
        }
    }
}

#[test]
fn as_published_texts_are_clear_errors() {
    let mut count = 0;
    for folder in [
        "as-published",
        "as-published/partial",
        "as-published/related",
        "as-published/v3",
        "partial",
    ] {
        for path in files(folder, "txt") {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = fs::read_to_string(&path).unwrap();
            if serde_json::from_str::<Value>(&text).is_ok() {
                continue; // a few texts were published as valid JSON
            }
            let e = genesys::parse_notification(&text).expect_err(&name);
            assert!(e.line() >= 1, "{name}: {e}");
            assert!(
                e.to_string()
                    .contains(&format!("at line {} column {}", e.line(), e.column())),
                "{e}"
            );
            count += 1;
        }
    }
    assert!(count >= 10, "only {count} non-JSON texts");
}
