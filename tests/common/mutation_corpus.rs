//! The mutation corpus: from a fixture, the hostile variants that `tests/mutations.rs` checks
//! one by one. Shared by that test and by the crate's own equivalence test (which includes this
//! file by path, so that it reaches the crate-private parse paths and JSON walkers): both see
//! exactly the same documents. Self-contained on purpose: it needs serde_json only.
#![allow(dead_code)]

use std::fs;
use std::path::Path;

use serde_json::{Map, Value};

/// splitmix64: a small, fixed, seeded generator (no dependency, same sequence everywhere).
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Which vendor a fixture belongs to.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(crate) enum Vendor {
    LivePerson,
    Genesys,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Seg {
    Key(String),
    Index(usize),
}

pub(crate) fn path_text(path: &[Seg]) -> String {
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
pub(crate) fn paths(v: &Value) -> Vec<Vec<Seg>> {
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

pub(crate) fn get_mut<'a>(v: &'a mut Value, path: &[Seg]) -> &'a mut Value {
    path.iter().fold(v, |v, seg| match seg {
        Seg::Key(k) => v.get_mut(k.as_str()).expect("path exists"),
        Seg::Index(i) => v.get_mut(*i).expect("path exists"),
    })
}

pub(crate) fn get<'a>(v: &'a Value, path: &[Seg]) -> &'a Value {
    path.iter().fold(v, |v, seg| match seg {
        Seg::Key(k) => &v[k.as_str()],
        Seg::Index(i) => &v[*i],
    })
}

pub(crate) fn remove(v: &mut Value, path: &[Seg]) {
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
pub(crate) fn write_with_duplicate(v: &Value, dup: &[Seg], at: &mut Vec<Seg>, out: &mut String) {
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
pub(crate) fn boundaries(text: &str) -> Vec<usize> {
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

/// What a mutation must lead to.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(crate) enum Expect {
    /// Any of the three outcomes.
    Anything,
    /// Not a clean accept.
    Flagged,
    /// A parse error (not even a malformed change).
    Rejected,
}

/// Fields whose value must be an integer in the model, by wire name.
pub(crate) const INTEGER_FIELDS: &[&str] = &[
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
pub(crate) fn required(vendor: Vendor, doc: &Value, path: &[Seg]) -> bool {
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
pub(crate) fn with_literal(doc: &Value, path: &[Seg], literal: &str) -> String {
    const MARK: &str = "__chatwire_mutation__";
    let mut doc = doc.clone();
    *get_mut(&mut doc, path) = Value::from(MARK);
    serde_json::to_string(&doc)
        .unwrap()
        .replacen(&format!("\"{MARK}\""), literal, 1)
}

/// Every hostile variant of `original`, handed to `emit` with what was done and what it must
/// lead to. `below(n)` is the seeded random source (a number in `0..n`); the same source gives
/// the same documents.
pub(crate) fn mutate(
    vendor: Vendor,
    original: &Value,
    below: &mut dyn FnMut(usize) -> usize,
    emit: &mut dyn FnMut(&str, &[u8], Expect),
) {
    let compact = serde_json::to_string(original).unwrap();
    let all = paths(original);

    // Truncation at every structural boundary: never JSON, always a parse error.
    for cut in boundaries(&compact) {
        if cut < compact.len() {
            emit(
                &format!("truncated at {cut}"),
                &compact.as_bytes()[..cut],
                Expect::Rejected,
            );
        }
    }

    // Invalid UTF-8 at a few places, and a cut multi-byte character.
    for _ in 0..8 {
        let mut bytes = compact.clone().into_bytes();
        let at = below(bytes.len());
        bytes.insert(at, 0xFF);
        emit(&format!("0xFF at {at}"), &bytes, Expect::Rejected);
    }
    let mut bytes = compact.clone().into_bytes();
    bytes.extend_from_slice(&[b' ', 0xF0, 0x9F]);
    emit("cut 4-byte character", &bytes, Expect::Rejected);

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
        emit(
            &format!("dropped {text}"),
            serde_json::to_string(&doc).unwrap().as_bytes(),
            expect,
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
        let pick = below(replacements.len());
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
            emit(
                &format!("{text} = {r}"),
                serde_json::to_string(&doc).unwrap().as_bytes(),
                expect,
            );
        }
        if integer_field {
            for bad in ["1e400", "-9223372036854775809", "2.0"] {
                let text_doc = with_literal(original, path, bad);
                emit(
                    &format!("{text} = {bad}"),
                    text_doc.as_bytes(),
                    Expect::Flagged,
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
            emit(
                &format!("duplicate key {text}"),
                out.as_bytes(),
                Expect::Flagged,
            );
        }
    }

    // Huge strings and deep nesting at a few random places.
    for _ in 0..2 {
        let path = &all[below(all.len())];
        let mut doc = original.clone();
        *get_mut(&mut doc, path) = Value::from("é".repeat(1 << 17));
        emit(
            &format!("huge string at {}", path_text(path)),
            serde_json::to_string(&doc).unwrap().as_bytes(),
            Expect::Anything,
        );

        let depth = 200;
        let deep = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        let text = with_literal(original, path, &deep);
        emit(
            &format!("nesting {depth} at {}", path_text(path)),
            text.as_bytes(),
            Expect::Flagged,
        );
    }
}

/// What receives each document of the corpus: vendor, fixture name, what was done, the bytes,
/// and what they must lead to.
pub(crate) type MutationSink<'a> = dyn FnMut(Vendor, &str, &str, &[u8], Expect) + 'a;

/// The whole mutation corpus: every hostile variant of every fixture of both vendors, from one
/// seed, handed to `emit` with the vendor, the fixture's name, what was done and what it must
/// lead to. Every user of the corpus sees the same documents in the same order.
pub(crate) fn for_each_mutation(emit: &mut MutationSink<'_>) {
    let mut rng = Rng(0x00C4_A7F1_2E5E_ED01);
    for (vendor, folder) in [
        (Vendor::LivePerson, "liveperson"),
        (Vendor::Genesys, "genesys"),
    ] {
        for (name, doc) in fixtures(folder) {
            mutate(
                vendor,
                &doc,
                &mut |n| rng.below(n),
                &mut |what, bytes, expect| emit(vendor, &name, what, bytes, expect),
            );
        }
    }
}

/// The fixtures of one vendor folder (not its subfolders), sorted by name, as values.
pub(crate) fn fixtures(folder: &str) -> Vec<(String, Value)> {
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
