//! Deterministic mutation test (seeded, bounded, runs in seconds). From every fixture of both
//! vendors it derives hostile variants and checks that each one ends in exactly one of:
//! a `ParseError` that names a line (and a JSON path where there is one), an accepted document
//! whose validation reports an error at a JSON path, or a lossless accept. Where a mutation
//! certainly breaks the contract (truncation, invalid UTF-8, duplicate keys, nesting beyond the
//! limit, non-integers in integer fields, a required field dropped), a clean accept fails the
//! test. A panic anywhere fails it too.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

mod common;
use common::mutation_corpus::{Expect, Vendor, for_each_mutation};

/// How a document ended.
enum Outcome {
    Rejected(chatwire::ParseError),
    Flagged(Vec<String>),
    Clean,
}

/// Every error of the chain of `err` (its `Display`, its `Debug`, and each `source()` down the
/// chain) is clean: no NUL byte, no number that the input does not contain (an address), no
/// serde_json error (whose position is relative to the part it parsed), and any `ParseError`
/// in the chain is at the same absolute line and column.
fn assert_clean_chain(input: &[u8], err: &(dyn std::error::Error + 'static), what: &str) {
    let counter = if what.ends_with("change") {
        &CHANGE_CHAINS
    } else {
        &REJECTION_CHAINS
    };
    counter.fetch_add(1, Ordering::Relaxed);
    let input = String::from_utf8_lossy(input);
    let position = err
        .downcast_ref::<chatwire::ParseError>()
        .map(|e| (e.line(), e.column()));
    let mut level: Option<&(dyn std::error::Error + 'static)> = Some(err);
    let mut depth = 0;
    while let Some(e) = level {
        for text in [e.to_string(), format!("{e:?}"), format!("{e:#?}")] {
            assert!(!text.contains('\0'), "{what}: a NUL byte in {text:?}");
            // An integer of many digits that the input does not hold (parts of a float that
            // serde_json wrote again, as `-9.223372036854776e+18`, excepted).
            let mut digits = String::new();
            let mut after_point = false;
            let mut previous = ' ';
            for c in text.chars().chain([' ']) {
                if c.is_ascii_digit() {
                    if digits.is_empty() {
                        after_point = previous == '.';
                    }
                    digits.push(c);
                } else {
                    let float = after_point || matches!(c, '.' | 'e' | 'E');
                    assert!(
                        digits.len() < 9 || float || input.contains(&digits),
                        "{what}: the number {digits} (not in the input) in {text:?}"
                    );
                    digits.clear();
                }
                previous = c;
            }
            assert!(
                !text.contains("Error(\""),
                "{what}: a serde_json error in {text:?}"
            );
        }
        assert!(
            e.downcast_ref::<serde_json::Error>().is_none(),
            "{what}: a serde_json error in the chain: {e}"
        );
        if let Some(parse) = e.downcast_ref::<chatwire::ParseError>() {
            let at = format!(" at line {} column {}", parse.line(), parse.column());
            assert!(e.to_string().ends_with(&at), "{what}: {e}");
            assert_eq!(e.to_string().matches(" at line ").count(), 1, "{what}: {e}");
            if let Some(first) = position {
                assert_eq!((parse.line(), parse.column()), first, "{what}: {e}");
            }
        }
        depth += 1;
        assert!(depth < 16, "{what}: an endless chain");
        level = e.source();
    }
}

/// The error chains of every rejection and of every malformed change of `bytes`, through the
/// vendor's parse and through `parse_any`.
/// How many rejections and malformed changes had their error chains checked.
static REJECTION_CHAINS: AtomicUsize = AtomicUsize::new(0);
static CHANGE_CHAINS: AtomicUsize = AtomicUsize::new(0);

fn check_error_chains(vendor: Vendor, bytes: &[u8]) {
    match vendor {
        Vendor::LivePerson => match chatwire::parse_notification_slice(bytes) {
            Err(e) => assert_clean_chain(bytes, &e, "LivePerson rejection"),
            Ok(n) => {
                for (_, m) in n.malformed_changes() {
                    assert_clean_chain(bytes, m.error(), "LivePerson malformed change");
                }
            }
        },
        Vendor::Genesys => {
            if let Err(e) = chatwire::genesys::parse_notification_slice(bytes) {
                assert_clean_chain(bytes, &e, "Genesys rejection");
            }
        }
    }
    match chatwire::parse_any_slice(bytes) {
        Err(e) => assert_clean_chain(bytes, &e, "parse_any rejection"),
        Ok(chatwire::AnyNotification::LivePerson(n)) => {
            for (_, m) in n.malformed_changes() {
                assert_clean_chain(bytes, m.error(), "parse_any malformed change");
            }
        }
        Ok(_) => {}
    }
}

fn run(vendor: Vendor, bytes: &[u8]) -> Outcome {
    check_error_chains(vendor, bytes);
    let report = |errors: Vec<String>| {
        if errors.is_empty() {
            Outcome::Clean
        } else {
            Outcome::Flagged(errors)
        }
    };
    match vendor {
        Vendor::LivePerson => match chatwire::parse_notification_slice(bytes) {
            Err(e) => Outcome::Rejected(e),
            Ok(n) => {
                check_lossless(bytes, &n, |t| {
                    chatwire::parse_notification(t).map(|x| serde_json::to_string(&x).unwrap())
                });
                let r = chatwire::validate_notification(&n);
                report(r.errors().iter().map(|i| i.path.clone()).collect())
            }
        },
        Vendor::Genesys => match chatwire::genesys::parse_notification_slice(bytes) {
            Err(e) => Outcome::Rejected(e),
            Ok(n) => {
                check_lossless(bytes, &n, |t| {
                    chatwire::genesys::parse_notification(t)
                        .map(|x| serde_json::to_string(&x).unwrap())
                });
                let r = chatwire::genesys::validate_notification(&n);
                report(r.errors().iter().map(|i| i.path.clone()).collect())
            }
        },
    }
}

/// An accepted document serializes to its input's value, and serializing is stable.
fn check_lossless<T: serde::Serialize>(
    bytes: &[u8],
    n: &T,
    reparse: impl Fn(&str) -> Result<String, chatwire::ParseError>,
) {
    let out = serde_json::to_string(n).expect("an accepted document serializes");
    assert_eq!(
        reparse(&out).expect("the output parses"),
        out,
        "serialization is not stable"
    );
    if let Ok(input) = serde_json::from_slice::<Value>(bytes) {
        assert_eq!(
            serde_json::to_value(n).expect("representable"),
            input,
            "not lossless"
        );
    }
}

struct Stats {
    documents: usize,
    rejected: usize,
    flagged: usize,
    clean: usize,
}

fn check(vendor: Vendor, name: &str, what: &str, bytes: &[u8], expect: Expect, stats: &mut Stats) {
    let outcome = catch_unwind(AssertUnwindSafe(|| run(vendor, bytes))).unwrap_or_else(|_| {
        panic!(
            "{name}: {what}: panicked on {}",
            String::from_utf8_lossy(&bytes[..bytes.len().min(300)])
        )
    });
    stats.documents += 1;
    match outcome {
        Outcome::Rejected(e) => {
            stats.rejected += 1;
            assert!(e.line() >= 1, "{name}: {what}: error without a line: {e}");
            assert!(
                e.to_string()
                    .contains(&format!(" at line {} column {}", e.line(), e.column())),
                "{e}"
            );
        }
        Outcome::Flagged(paths) => {
            stats.flagged += 1;
            assert!(
                expect != Expect::Rejected,
                "{name}: {what}: accepted (with validation errors {paths:?}) but must not parse"
            );
        }
        Outcome::Clean => {
            stats.clean += 1;
            assert_eq!(
                expect,
                Expect::Anything,
                "{name}: {what}: silently accepted"
            );
        }
    }
}

#[test]
fn hostile_variants_of_every_fixture() {
    let mut stats = Stats {
        documents: 0,
        rejected: 0,
        flagged: 0,
        clean: 0,
    };
    for_each_mutation(&mut |vendor, name, what, bytes, expect| {
        check(vendor, name, what, bytes, expect, &mut stats)
    });
    eprintln!(
        "mutations: {} documents, {} rejected, {} flagged by validation, {} accepted losslessly",
        stats.documents, stats.rejected, stats.flagged, stats.clean
    );
    assert!(stats.documents > 5_000, "{} documents", stats.documents);
    assert!(stats.rejected > 0 && stats.flagged > 0 && stats.clean > 0);
    // Error chains checked on both kinds of failure.
    let (rejections, changes) = (
        REJECTION_CHAINS.load(Ordering::Relaxed),
        CHANGE_CHAINS.load(Ordering::Relaxed),
    );
    assert!(
        rejections > 1_000 && changes > 100,
        "{rejections} rejections, {changes} malformed changes"
    );
}
