//! Deterministic mutation test (seeded, bounded, runs in seconds). From every fixture of both
//! vendors it derives hostile variants and checks that each one ends in exactly one of:
//! a `ParseError` that names a line (and a JSON path where there is one), an accepted document
//! whose validation reports an error at a JSON path, or a lossless accept. Where a mutation
//! certainly breaks the contract (truncation, invalid UTF-8, duplicate keys, nesting beyond the
//! limit, non-integers in integer fields, a required field dropped), a clean accept fails the
//! test. A panic anywhere fails it too.

use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::{Map, Value};

mod common;
use common::Rng;

#[derive(Clone, Copy, PartialEq, Debug)]
enum Vendor {
    LivePerson,
    Genesys,
}

#[derive(Clone, Debug, PartialEq)]
enum Seg {
    Key(String),
    Index(usize),
}

fn path_text(path: &[Seg]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// Every value in `v` with its path (the root excluded).
fn paths(v: &Value) -> Vec<Vec<Seg>> {
    fn walk(v: &Value, at: &mut Vec<Seg>, out: &mut Vec<Vec<Seg>>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    at.push(Seg::Key(k.clone()));
                    out.push(at.clone());
                    walk(x, at, out);
                    at.pop();
                }
            }
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    at.push(Seg::Index(i));
                    out.push(at.clone());
                    walk(x, at, out);
                    at.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(v, &mut Vec::new(), &mut out);
    out
}

fn get_mut<'a>(v: &'a mut Value, path: &[Seg]) -> &'a mut Value {
    path.iter().fold(v, |v, seg| match seg {
        Seg::Key(k) => v.get_mut(k.as_str()).expect("path exists"),
        Seg::Index(i) => v.get_mut(*i).expect("path exists"),
    })
}

fn get<'a>(v: &'a Value, path: &[Seg]) -> &'a Value {
    path.iter().fold(v, |v, seg| match seg {
        Seg::Key(k) => &v[k.as_str()],
        Seg::Index(i) => &v[*i],
    })
}

fn remove(v: &mut Value, path: &[Seg]) {
    let (last, parent) = path.split_last().expect("not the root");
    match (get_mut(v, parent), last) {
        (Value::Object(m), Seg::Key(k)) => {
            m.remove(k.as_str());
        }
        (Value::Array(a), Seg::Index(i)) => {
            a.remove(*i);
        }
        _ => unreachable!("paths come from the value"),
    }
}

/// Compact JSON of `v`, writing the first key of the object at `dup` twice.
fn write_with_duplicate(v: &Value, dup: &[Seg], at: &mut Vec<Seg>, out: &mut String) {
    match v {
        Value::Object(m) => {
            out.push('{');
            let mut first = true;
            let mut entries: Vec<(&String, &Value)> = m.iter().collect();
            if at.as_slice() == dup
                && let Some(&e) = entries.first()
            {
                entries.insert(0, e);
            }
            for (k, x) in entries {
                if !first {
                    out.push(',');
                }
                first = false;
                out.push_str(&serde_json::to_string(k).unwrap());
                out.push(':');
                at.push(Seg::Key(k.clone()));
                write_with_duplicate(x, dup, at, out);
                at.pop();
            }
            out.push('}');
        }
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                at.push(Seg::Index(i));
                write_with_duplicate(x, dup, at, out);
                at.pop();
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// Byte offsets just after each structural character of compact JSON, outside strings.
fn boundaries(text: &str) -> Vec<usize> {
    let (mut out, mut in_string, mut escaped) = (Vec::new(), false, false);
    for (i, b) in text.bytes().enumerate() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
        } else if b == b'"' {
            in_string = true;
        } else if b"{}[],:".contains(&b) {
            out.push(i + 1);
        }
    }
    out
}

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

/// What a mutation must lead to.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Expect {
    /// Any of the three outcomes.
    Anything,
    /// Not a clean accept.
    Flagged,
    /// A parse error (not even a malformed change).
    Rejected,
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

/// Fields whose value must be an integer in the model, by wire name.
const INTEGER_FIELDS: &[&str] = &[
    "sequence",
    "serverTimestamp",
    "sentTs",
    "startTs",
    "endTs",
    "metaDataLastUpdateTs",
    "creationTs",
    "effectiveTTR",
    "lastUpdateTime",
    "index",
    "timestampSeconds",
    "referenceId",
    "errorCode",
];

/// Whether dropping the value at `path` breaks the documented contract.
fn required(vendor: Vendor, doc: &Value, path: &[Seg]) -> bool {
    let text = path_text(path);
    let last = match path.last() {
        Some(Seg::Key(k)) => k.as_str(),
        _ => return false,
    };
    match vendor {
        Vendor::LivePerson => {
            let in_change = text.starts_with("body.changes[") && path.len() == 4;
            let is_messaging = doc["type"] == "ms.MessagingEventNotification";
            text == "kind"
                || (in_change && is_messaging && matches!(last, "dialogId" | "event"))
                || (is_messaging && path.len() == 5 && text.ends_with(".event.type"))
                || (is_messaging && path.len() == 5 && text.ends_with(".event.contentType"))
                || (!is_messaging
                    && path.len() == 5
                    && matches!(last, "convId" | "conversationDetails"))
                || (!is_messaging
                    && path.len() == 6
                    && text.contains(".conversationDetails.")
                    && matches!(last, "state" | "startTs"))
                || (text.contains(".conversationDetails.participants[")
                    && path.len() == 8
                    && matches!(last, "id" | "role"))
        }
        Vendor::Genesys => {
            let inner: &[Seg] = if matches!(path.first(), Some(Seg::Key(k)) if k == "data") {
                &path[1..]
            } else {
                path
            };
            let data = if doc.get("data").is_some() {
                &doc["data"]
            } else {
                doc
            };
            let t = path_text(inner);
            let is_error = data["notificationType"] == "Error";
            t == "messageType"
                || (inner.len() == 3
                    && t.starts_with("messages[")
                    && matches!(last, "index" | "type" | "from"))
                || (t.starts_with("messages[") && t.ends_with(".from.participantId"))
                || (t.starts_with("chat.participants[") && t.ends_with(".participantId"))
                || (!is_error && (t == "chat" || t == "chat.id" || t == "chat.state"))
        }
    }
}

/// Compact JSON of `doc` with the JSON text `literal` at `path` (for values `Value` cannot hold).
fn with_literal(doc: &Value, path: &[Seg], literal: &str) -> String {
    const MARK: &str = "__chatwire_mutation__";
    let mut doc = doc.clone();
    *get_mut(&mut doc, path) = Value::from(MARK);
    serde_json::to_string(&doc)
        .unwrap()
        .replacen(&format!("\"{MARK}\""), literal, 1)
}

fn mutate(vendor: Vendor, name: &str, original: &Value, rng: &mut Rng, stats: &mut Stats) {
    let compact = serde_json::to_string(original).unwrap();
    let all = paths(original);

    // Truncation at every structural boundary: never JSON, always a parse error.
    for cut in boundaries(&compact) {
        if cut < compact.len() {
            check(
                vendor,
                name,
                &format!("truncated at {cut}"),
                &compact.as_bytes()[..cut],
                Expect::Rejected,
                stats,
            );
        }
    }

    // Invalid UTF-8 at a few places, and a cut multi-byte character.
    for _ in 0..8 {
        let mut bytes = compact.clone().into_bytes();
        let at = rng.below(bytes.len());
        bytes.insert(at, 0xFF);
        check(
            vendor,
            name,
            &format!("0xFF at {at}"),
            &bytes,
            Expect::Rejected,
            stats,
        );
    }
    let mut bytes = compact.clone().into_bytes();
    bytes.extend_from_slice(&[b' ', 0xF0, 0x9F]);
    check(
        vendor,
        name,
        "cut 4-byte character",
        &bytes,
        Expect::Rejected,
        stats,
    );

    for path in &all {
        let text = path_text(path);
        let original_value = get(original, path);

        // Dropped key or element.
        let mut doc = original.clone();
        remove(&mut doc, path);
        let expect = if required(vendor, original, path) {
            Expect::Flagged
        } else {
            Expect::Anything
        };
        check(
            vendor,
            name,
            &format!("dropped {text}"),
            serde_json::to_string(&doc).unwrap().as_bytes(),
            expect,
            stats,
        );

        // The value replaced by other JSON types.
        let last_key = match path.last() {
            Some(Seg::Key(k)) => k.as_str(),
            _ => "",
        };
        let integer_field = INTEGER_FIELDS.contains(&last_key) && original_value.is_i64();
        let replacements: [Value; 8] = [
            Value::Null,
            Value::Bool(true),
            Value::from(-1),
            serde_json::from_str("1.5").unwrap(),
            Value::from("x"),
            Value::Array(vec![]),
            Value::Object(Map::new()),
            serde_json::from_str("18446744073709551616").unwrap(),
        ];
        let pick = rng.below(replacements.len());
        for (i, r) in replacements.iter().enumerate() {
            // All replacements for integer fields, one at random elsewhere (bounded).
            if !integer_field && i != pick {
                continue;
            }
            let mut doc = original.clone();
            *get_mut(&mut doc, path) = r.clone();
            let must_flag = integer_field
                && (r.is_f64()
                    || r.is_string()
                    || r.is_boolean()
                    || r.is_array()
                    || r.is_object()
                    || r.is_u64() && !r.is_i64());
            let expect = if must_flag {
                Expect::Flagged
            } else {
                Expect::Anything
            };
            check(
                vendor,
                name,
                &format!("{text} = {r}"),
                serde_json::to_string(&doc).unwrap().as_bytes(),
                expect,
                stats,
            );
        }
        if integer_field {
            for bad in ["1e400", "-9223372036854775809", "2.0"] {
                let text_doc = with_literal(original, path, bad);
                check(
                    vendor,
                    name,
                    &format!("{text} = {bad}"),
                    text_doc.as_bytes(),
                    Expect::Flagged,
                    stats,
                );
            }
        }

        // Duplicate key in the object that holds this field (once per object).
        if let (Some(Seg::Key(_)), parent) = (path.last(), &path[..path.len() - 1])
            && let Value::Object(m) = get(original, parent)
            && m.keys().next().map(String::as_str) == Some(last_key)
        {
            let mut out = String::new();
            write_with_duplicate(original, parent, &mut Vec::new(), &mut out);
            check(
                vendor,
                name,
                &format!("duplicate key {text}"),
                out.as_bytes(),
                Expect::Flagged,
                stats,
            );
        }
    }

    // Huge strings and deep nesting at a few random places.
    for _ in 0..2 {
        let path = &all[rng.below(all.len())];
        let mut doc = original.clone();
        *get_mut(&mut doc, path) = Value::from("é".repeat(1 << 17));
        check(
            vendor,
            name,
            &format!("huge string at {}", path_text(path)),
            serde_json::to_string(&doc).unwrap().as_bytes(),
            Expect::Anything,
            stats,
        );

        let depth = 200;
        let deep = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        let text = with_literal(original, path, &deep);
        check(
            vendor,
            name,
            &format!("nesting {depth} at {}", path_text(path)),
            text.as_bytes(),
            Expect::Flagged,
            stats,
        );
    }
}

fn fixtures(folder: &str) -> Vec<(String, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/webhooks_examples")
        .join(folder);
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = fs::read_to_string(&p).unwrap();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                serde_json::from_str(&text).unwrap(),
            )
        })
        .collect()
}

#[test]
fn hostile_variants_of_every_fixture() {
    let mut rng = Rng(0x00C4_A7F1_2E5E_ED01);
    let mut stats = Stats {
        documents: 0,
        rejected: 0,
        flagged: 0,
        clean: 0,
    };
    for (vendor, folder) in [
        (Vendor::LivePerson, "liveperson"),
        (Vendor::Genesys, "genesys"),
    ] {
        for (name, doc) in fixtures(folder) {
            mutate(vendor, &name, &doc, &mut rng, &mut stats);
        }
    }
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
