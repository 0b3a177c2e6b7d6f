//! The corpus the benchmarks and the profiling loop run on: every bundled fixture of one vendor,
//! minified, as webhooks arrive.

/// The fixtures in `tests/webhooks_examples/<vendor>`, in file-name order, each minified.
pub(crate) fn corpus(vendor: &str) -> Vec<String> {
    let dir = format!(
        "{}/../tests/webhooks_examples/{vendor}",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("fixture folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("fixture");
            let compact = minify(&text);
            serde_json::from_str::<serde::de::IgnoredAny>(&compact).expect("fixture is JSON");
            compact
        })
        .collect()
}

/// `json` without the whitespace between its tokens, its keys in the order written: vendors
/// send compact documents in their own key order, which decides where a tag such as `type`
/// comes in its object.
pub(crate) fn minify(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            in_string = c == '"';
            out.push(c);
        }
    }
    out
}
