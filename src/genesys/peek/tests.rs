//! The scanner-based peek agrees with the serde_json reference on every Genesys fixture and on
//! truncated and mutated copies of them.

use super::{peek_notification, reference};
use crate::peek_tests;

fn assert_agree(json: &str, what: &str) {
    peek_tests::assert_agree(
        peek_notification(json),
        reference::peek_notification(json),
        what,
    );
}

#[test]
fn agrees_with_the_reference_on_every_fixture_and_its_variants() {
    peek_tests::check_fixtures_and_variants(
        &["genesys", "genesys/related", "genesys/v3"],
        26,
        assert_agree,
    );
}

#[test]
fn agrees_with_the_reference_on_odd_shapes() {
    for json in [
        r#"{"channel":null,"messageType":"MessageLogUpdated"}"#,
        r#"{"data":null,"messageType":"MessageLogUpdated"}"#,
        r#"{"data":{"messageType":"A"},"data":null}"#,
        r#"{"data":{"messageType":"A"},"data":{"notificationType":"B"}}"#,
        r#"{"data":[1]}"#,
        r#"{"data":"x"}"#,
        r#"{"channel":5}"#,
        r#"{"messageType":["x"]}"#,
        r#"{"me\u0073sageType":"M\u00e9"}"#,
        r#"{"messageType":"a","messageType":"b"}"#,
        r#"[]"#,
        r#"1"#,
        "{} x",
    ] {
        assert_agree(json, json);
    }
}
