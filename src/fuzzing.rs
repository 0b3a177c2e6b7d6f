//! The crate's redundant implementations side by side, for the differential fuzz targets and for
//! the equivalence test below: the slower, general parse paths on their own (so that the fast
//! paths can be required to give exactly the same results), and the three byte-level JSON walkers
//! (`json::scan`, `json::check_raw`, `json::path`) checked against references built on
//! serde_json. Compiled only under `cfg(fuzzing)` (set by `cargo fuzz`) or `cfg(test)`; not part
//! of the public API.

use serde::Deserialize;
use serde::de::{self, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::json::scan::{Next, Scanner};
use crate::json::{MAX_DEPTH, check_raw, path::Locator};
use crate::{ParseError, genesys, liveperson};

/// The LivePerson two-phase parse (envelope first, then each change on its own), which
/// `parse_notification` falls back to when its single pass does not apply.
pub fn liveperson_two_phase(json: &str) -> Result<liveperson::Notification, ParseError> {
    liveperson::envelope::parse_two_phase(json)
}

/// The Genesys general path (top level read once, then the form decided), which
/// `genesys::parse_notification` falls back to when its one-pass paths do not apply.
pub fn genesys_exact(json: &str) -> Result<genesys::Notification, ParseError> {
    genesys::notification::parse_exact(json, json)
}

/// The start of `text`, for messages.
fn shown(text: &str) -> &str {
    let mut end = text.len().min(300);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Both LivePerson paths (the single pass behind `parse_notification` and the two-phase parse)
/// and both Genesys paths (the one-pass `Speculative` and `TopLevel<Speculative>` reads behind
/// `genesys::parse_notification`, and `parse_exact`) on `text`: panics unless each pair gives
/// the same result, errors (kind, message, path, line, column) included.
pub fn assert_parse_paths_agree(text: &str) {
    assert_eq!(
        crate::parse_notification(text),
        liveperson_two_phase(text),
        "LivePerson: single pass and two-phase parse differ on {}",
        shown(text)
    );
    assert_eq!(
        genesys::parse_notification(text),
        genesys_exact(text),
        "Genesys: fast and exact paths differ on {}",
        shown(text)
    );
}

/// One step of a JSON path: a decoded key or an index.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Seg {
    Key(String),
    Index(usize),
}

/// Every value of a document, in post-order: its path, and its start and end byte offsets.
/// Containers nested deeper than [`MAX_DEPTH`] are not entered (one span for the whole).
type Spans = Vec<(Vec<Seg>, usize, usize)>;

/// The crate's path notation, written independently of `json::path`: `a.b[0]`, and a key that
/// is not made of letters, digits, `_`, `-` and `$` as a JSON string in brackets.
fn render(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
            Seg::Key(k)
                if !k.is_empty()
                    && k.chars()
                        .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '$')) =>
            {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Key(k) => out.push_str(&format!("[{}]", serde_json::Value::from(k.as_str()))),
        }
    }
    out
}

/// An object's entries in order, duplicates kept, values left raw.
struct Entries<'a>(Vec<(String, &'a RawValue)>);

impl<'de> Deserialize<'de> for Entries<'de> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Entries<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries<'de>, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry::<String, &'de RawValue>()? {
                    out.push(entry);
                }
                Ok(Entries(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// What serde_json says about a document: its values' spans, the first bracket nested deeper
/// than [`MAX_DEPTH`], and each object's keys (decoded, with the offset of the opening quote)
/// with the offset of its closing brace, in the order the objects close.
#[derive(Default)]
struct Reference {
    spans: Spans,
    too_deep: Option<usize>,
    objects: Vec<(usize, Vec<(String, usize)>)>,
}

fn offset_in(doc: &str, part: &str) -> usize {
    part.as_ptr() as usize - doc.as_ptr() as usize
}

fn reference(doc: &str) -> Result<Reference, serde_json::Error> {
    fn walk(
        doc: &str,
        raw: &RawValue,
        path: &mut Vec<Seg>,
        depth: usize,
        out: &mut Reference,
    ) -> Result<(), serde_json::Error> {
        let text = raw.get();
        let start = offset_in(doc, text);
        let end = start + text.len();
        let bytes = doc.as_bytes();
        match text.as_bytes()[0] {
            b'{' | b'[' if depth == MAX_DEPTH => {
                out.too_deep.get_or_insert(start);
            }
            b'{' => {
                let Entries(entries) = serde_json::from_str(text)?;
                let (mut cursor, mut keys) = (start + 1, Vec::new());
                for (key, value) in entries {
                    while matches!(bytes[cursor], b' ' | b'\t' | b'\n' | b'\r' | b',') {
                        cursor += 1;
                    }
                    assert_eq!(bytes[cursor], b'"', "a key starts at {cursor}");
                    keys.push((key.clone(), cursor));
                    path.push(Seg::Key(key));
                    walk(doc, value, path, depth + 1, out)?;
                    path.pop();
                    cursor = offset_in(doc, value.get()) + value.get().len();
                }
                out.objects.push((end - 1, keys));
            }
            b'[' => {
                let elements: Vec<&RawValue> = serde_json::from_str(text)?;
                for (i, value) in elements.into_iter().enumerate() {
                    path.push(Seg::Index(i));
                    walk(doc, value, path, depth + 1, out)?;
                    path.pop();
                }
            }
            _ => {}
        }
        out.spans.push((path.clone(), start, end));
        Ok(())
    }
    let root: &RawValue = serde_json::from_str(doc)?;
    let mut out = Reference::default();
    walk(doc, root, &mut Vec::new(), 0, &mut out)?;
    Ok(out)
}

/// The same spans, found by `json::scan`'s cursor (keys decoded by it, values skipped by it).
fn scanner_spans(doc: &str) -> crate::json::scan::Result<Spans> {
    fn walk(
        sc: &mut Scanner<'_>,
        path: &mut Vec<Seg>,
        depth: usize,
        out: &mut Spans,
    ) -> crate::json::scan::Result<()> {
        let next = sc.next()?;
        let start = sc.offset();
        match next {
            Next::Object if depth < MAX_DEPTH => {
                sc.begin_object();
                let mut first = true;
                while let Some(key) = sc.next_key(&mut first)? {
                    path.push(Seg::Key(key.into_owned()));
                    walk(sc, path, depth + 1, out)?;
                    path.pop();
                }
            }
            Next::Array if depth < MAX_DEPTH => {
                sc.begin_array();
                let (mut first, mut i) = (true, 0);
                while sc.next_element(&mut first)? {
                    path.push(Seg::Index(i));
                    walk(sc, path, depth + 1, out)?;
                    path.pop();
                    i += 1;
                }
            }
            _ => sc.skip_value()?,
        }
        out.push((path.clone(), start, sc.offset()));
        Ok(())
    }
    let mut sc = Scanner::new(doc);
    let mut out = Vec::new();
    walk(&mut sc, &mut Vec::new(), 0, &mut out)?;
    sc.end()?;
    Ok(out)
}

/// What `check_raw` must report, from the reference: the first problem in document order, where
/// a bracket too deep is found at its offset and an object's duplicate at its closing brace; of
/// an object's duplicates, the smallest key, located at its second occurrence.
fn expected_raw_problem(r: &Reference) -> Option<(usize, Option<String>)> {
    let duplicate = r.objects.iter().find_map(|(close, keys)| {
        let mut sorted = keys.clone();
        sorted.sort();
        let w = sorted.windows(2).find(|w| w[0].0 == w[1].0)?;
        Some((*close, w[1].1, render(&[Seg::Key(w[0].0.clone())])))
    });
    match (r.too_deep, duplicate) {
        (Some(deep), Some((close, _, _))) if deep < close => Some((deep, None)),
        (_, Some((_, at, key))) => Some((at, Some(key))),
        (Some(deep), None) => Some((deep, None)),
        (None, None) => None,
    }
}

/// How much one call of [`assert_walkers_agree`] compared.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct WalkerChecks {
    /// The document was JSON (serde_json read it as raw values), so the per-value checks ran.
    pub json: bool,
    /// Values whose span (scanner) and path (locator) were compared.
    pub values: usize,
}

/// The three byte-level walkers against serde_json on `doc`; panics where one disagrees:
///
/// - `json::scan` accepts exactly what serde_json accepts (as `IgnoredAny`) and, on a JSON
///   document, finds every value where serde_json's `RawValue` finds it, under the same decoded
///   keys (or fails where serde_json fails to decode a key);
/// - `check_raw` on a JSON document reports the first key written twice in one object or the
///   first bracket nested deeper than [`MAX_DEPTH`], exactly as a reference built on serde_json;
/// - `json::path`'s locator, asked in document order, gives at the start of every value that
///   value's path, and the line and column serde_json counts (newlines before it; bytes since).
pub fn assert_walkers_agree(doc: &str) -> WalkerChecks {
    let mut skip = Scanner::new(doc);
    let skipped = skip.skip_value().and_then(|()| skip.end());
    assert_eq!(
        skipped.is_ok(),
        serde_json::from_str::<IgnoredAny>(doc).is_ok(),
        "scan and serde_json disagree on whether this is JSON: {}",
        shown(doc)
    );
    let mut checks = WalkerChecks::default();
    let Ok(reference) = reference(doc) else {
        assert!(
            scanner_spans(doc).is_err(),
            "scan reads what serde_json does not: {}",
            shown(doc)
        );
        return checks;
    };
    checks.json = true;
    let spans = scanner_spans(doc)
        .map_err(|e| e.into_parse_error(doc))
        .unwrap_or_else(|e| panic!("scan rejects a JSON document ({e}): {}", shown(doc)));
    assert_eq!(
        spans,
        reference.spans,
        "scan and serde_json find different values: {}",
        shown(doc)
    );

    let problem = check_raw(doc).err().map(|p| (p.offset, p.duplicate));
    assert_eq!(
        problem,
        expected_raw_problem(&reference),
        "check_raw and serde_json disagree: {}",
        shown(doc)
    );

    let mut starts: Vec<(usize, &[Seg])> = reference
        .spans
        .iter()
        .map(|(path, start, _)| (*start, path.as_slice()))
        .collect();
    starts.sort_by_key(|&(start, _)| start);
    let mut locator = Locator::new(doc);
    for (start, path) in starts {
        assert_eq!(
            locator.path_at(start),
            render(path),
            "path at byte {start}: {}",
            shown(doc)
        );
        let before = &doc.as_bytes()[..start];
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        let column = start
            - before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |n| n + 1);
        assert_eq!(
            locator.line_column(start),
            (line, column),
            "line and column of byte {start}"
        );
        checks.values += 1;
    }
    checks
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::mutation_corpus::for_each_mutation;

    /// Every fixture file of both vendors (subfolders included), with the folder it is in.
    fn fixture_files() -> Vec<PathBuf> {
        fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    collect(&path, out);
                } else if path.extension().is_some_and(|e| e == "json") {
                    out.push(path);
                }
            }
        }
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/webhooks_examples");
        let mut out = Vec::new();
        for folder in ["liveperson", "genesys", "regressions"] {
            collect(&root.join(folder), &mut out);
        }
        out.sort();
        out
    }

    /// Each fixture as written, compact, and (for Genesys) in the forms the Genesys unit test
    /// uses: its data object alone, wrapped in `{"data": …}`, and with a channel and an id.
    fn fixture_forms() -> Vec<(String, String)> {
        let mut out = Vec::new();
        for path in fixture_files() {
            let name = path.display().to_string();
            let text = std::fs::read_to_string(&path).unwrap();
            let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
                out.push((name, text));
                continue;
            };
            out.push((name.clone(), text));
            out.push((format!("{name} (compact)"), value.to_string()));
            if name.contains("genesys") {
                let data = value.get("data").cloned().unwrap_or_else(|| value.clone());
                out.push((format!("{name} (data)"), data.to_string()));
                out.push((
                    format!("{name} (in data)"),
                    serde_json::json!({ "data": data }).to_string(),
                ));
                out.push((
                    format!("{name} (envelope)"),
                    serde_json::json!({"data": data, "channel": "/v2/me/chats", "id": "7"})
                        .to_string(),
                ));
            }
        }
        out
    }

    /// The documents of `tests/mutations.rs`, same generator and seed; the invalid UTF-8 ones
    /// (which no `&str` path sees) counted apart.
    fn mutation_documents() -> (Vec<(String, String)>, usize) {
        let (mut out, mut not_utf8) = (Vec::new(), 0);
        for_each_mutation(
            &mut |_, name, what, bytes, _| match std::str::from_utf8(bytes) {
                Ok(text) => out.push((format!("{name}: {what}"), text.to_owned())),
                Err(_) => not_utf8 += 1,
            },
        );
        (out, not_utf8)
    }

    #[test]
    fn parse_paths_agree_on_every_fixture_form_and_mutation() {
        let forms = fixture_forms();
        for (name, text) in &forms {
            let outcome = std::panic::catch_unwind(|| assert_parse_paths_agree(text));
            assert!(outcome.is_ok(), "{name}");
        }
        let (mutations, not_utf8) = mutation_documents();
        for (name, text) in &mutations {
            let outcome = std::panic::catch_unwind(|| assert_parse_paths_agree(text));
            assert!(outcome.is_ok(), "{name}");
        }
        eprintln!(
            "parse paths: {} fixture forms and {} mutations compared ({} mutations not UTF-8)",
            forms.len(),
            mutations.len(),
            not_utf8
        );
        assert!(forms.len() >= 200, "{} fixture forms", forms.len());
        assert!(mutations.len() >= 7_000, "{} mutations", mutations.len());
    }

    #[test]
    fn walkers_agree_on_every_fixture_form_and_mutation() {
        let (mutations, _) = mutation_documents();
        let (mut documents, mut json, mut values) = (0, 0, 0);
        for (name, text) in fixture_forms().iter().chain(&mutations) {
            let checks = std::panic::catch_unwind(|| assert_walkers_agree(text))
                .unwrap_or_else(|_| panic!("{name}"));
            documents += 1;
            json += usize::from(checks.json);
            values += checks.values;
        }
        eprintln!("walkers: {documents} documents, {json} of them JSON, {values} values compared");
        assert!(documents >= 7_000 && json >= 3_000 && values >= 100_000);
    }

    /// The reference sees what the walkers must report: a duplicate key, too-deep nesting.
    #[test]
    fn the_walker_reference_finds_duplicates_and_depth() {
        let doc = r#"{"b":1,"a":{"x":[1,{"k":2,"k":3}]},"b":2}"#;
        let r = reference(doc).unwrap();
        let second_k = doc.rfind("\"k\"").unwrap();
        assert_eq!(expected_raw_problem(&r), Some((second_k, Some("k".into()))));
        let deep = format!(
            "{{\"a\":{}{}}}",
            "[".repeat(MAX_DEPTH),
            "]".repeat(MAX_DEPTH)
        );
        let r = reference(&deep).unwrap();
        assert_eq!(expected_raw_problem(&r), Some((5 + MAX_DEPTH - 1, None)));
        assert_walkers_agree(doc);
        assert_walkers_agree(&deep);
        assert_eq!(assert_walkers_agree(r#"{"a" : [1, "x\"y"]}"#).values, 4);
    }
}
