//! Test support shared by both vendors' peek tests: the scanner-based peek and its serde_json
//! reference must agree on every fixture and on truncated and mutated copies of it, the same
//! result or an error both ways (of the same kind, at the same path when the document is
//! well-formed JSON of the wrong shape).

use std::fmt::Debug;

use crate::error::{ParseError, ParseErrorKind};

/// Asserts that the scanner's result `a` and the reference's result `b` agree.
pub(crate) fn assert_agree<T: PartialEq + Debug>(
    a: Result<T, ParseError>,
    b: Result<T, ParseError>,
    what: &str,
) {
    match (a, b) {
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

/// Runs `check` on every fixture in the given folders under `tests/webhooks_examples` (at least
/// `at_least` of them) and on every variant of each fixture's compact form.
pub(crate) fn check_fixtures_and_variants(
    folders: &[&str],
    at_least: usize,
    check: impl Fn(&str, &str),
) {
    let files: Vec<_> = folders.iter().flat_map(|f| fixtures(f)).collect();
    assert!(files.len() >= at_least, "{} fixtures", files.len());
    for (name, json) in &files {
        check(json, name);
        let compact =
            serde_json::to_string(&serde_json::from_str::<serde_json::Value>(json).unwrap())
                .unwrap();
        for (k, variant) in variants(&compact).enumerate() {
            check(&variant, &format!("{name} variant {k}"));
        }
    }
}

/// The `.json` files in `tests/webhooks_examples/{folder}`, as (path, text), sorted.
fn fixtures(folder: &str) -> Vec<(String, String)> {
    let dir = format!(
        "{}/tests/webhooks_examples/{folder}",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// Truncations and one-byte changes of `json` (ASCII bytes replaced by JSON punctuation).
fn variants(json: &str) -> impl Iterator<Item = String> + '_ {
    let cuts = (0..json.len())
        .filter(|&i| json.is_char_boundary(i))
        .map(|i| json[..i].to_owned());
    let changes = (0..json.len())
        .filter(|&i| json.as_bytes()[i].is_ascii())
        .flat_map(move |i| {
            [b'"', b'\\', b',', b':', b'{', b'}', b'[', b']', b'0', b'n']
                .into_iter()
                .map(move |r| {
                    let mut bytes = json.as_bytes().to_vec();
                    bytes[i] = r;
                    String::from_utf8(bytes).unwrap()
                })
        });
    cuts.chain(changes)
}
