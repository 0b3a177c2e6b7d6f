//! The scanner-based peek agrees with the serde_json reference on every Genesys fixture and on
//! truncated and mutated copies of them.

use super::{peek_notification, reference};
use crate::error::ParseErrorKind;
use crate::liveperson::peek_tests::{fixtures, variants};

fn assert_agree(json: &str, what: &str) {
    match (peek_notification(json), reference::peek_notification(json)) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{what}"),
        (Err(a), Err(b)) => {
            assert_eq!(a.kind(), b.kind(), "{what}: {a} / {b}");
            if a.kind() == ParseErrorKind::Data {
                assert_eq!(a.path(), b.path(), "{what}: {a} / {b}");
            }
        }
        (a, b) => panic!("{what}: scanner {a:?}, reference {b:?}"),
    }
}

#[test]
fn agrees_with_the_reference_on_every_fixture_and_its_variants() {
    let mut files = fixtures("genesys");
    files.extend(fixtures("genesys/related"));
    files.extend(fixtures("genesys/v3"));
    assert!(files.len() >= 26);
    for (name, json) in &files {
        assert_agree(json, name);
        let compact =
            serde_json::to_string(&serde_json::from_str::<serde_json::Value>(json).unwrap())
                .unwrap();
        for (k, variant) in variants(&compact).enumerate() {
            assert_agree(&variant, &format!("{name} variant {k}"));
        }
    }
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
