//! The corpus the benchmarks and the profiling loop run on: every bundled fixture of one vendor,
//! minified, as webhooks arrive.

/// The fixtures in `tests/webhooks_examples/<vendor>`, in file-name order, each minified.
pub(crate) fn corpus(vendor: &str) -> Vec<String> {
    let dir = format!(
        "{}/tests/webhooks_examples/{vendor}",
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
            let value: serde_json::Value = serde_json::from_str(&text).expect("fixture is JSON");
            serde_json::to_string(&value).expect("compact")
        })
        .collect()
}
