//! Throughput of `parse_notification` against `serde_json::from_str::<Value>` on the same
//! compact documents (every bundled LivePerson fixture, minified), in one run.
//!
//! Criterion reports each side's time; the closing lines print the ratio measured by
//! interleaved rounds in the same process (min and median over the rounds).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use serde_json::Value;

fn corpus() -> Vec<String> {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/webhooks_examples/liveperson"
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
            let value: Value = serde_json::from_str(&text).expect("fixture is JSON");
            serde_json::to_string(&value).expect("compact")
        })
        .collect()
}

fn parse_all_typed(docs: &[String]) {
    for d in docs {
        black_box(chatwire::parse_notification(black_box(d)).expect("parses"));
    }
}

fn parse_all_value(docs: &[String]) {
    for d in docs {
        black_box(serde_json::from_str::<Value>(black_box(d)).expect("parses"));
    }
}

fn bench_parse(c: &mut Criterion) {
    let docs = corpus();
    let bytes: usize = docs.iter().map(String::len).sum();
    let mut group = c.benchmark_group("liveperson/parse");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("chatwire::parse_notification", |b| {
        b.iter(|| parse_all_typed(&docs))
    });
    group.bench_function("serde_json::from_str::<Value>", |b| {
        b.iter(|| parse_all_value(&docs))
    });
    group.finish();
}

/// Time of `rounds` interleaved measurements of each side, each about `budget` long.
fn ratio(docs: &[String], rounds: usize, budget: Duration) -> Vec<f64> {
    let time = |f: &dyn Fn(&[String])| {
        let start = Instant::now();
        let mut n = 0u32;
        while start.elapsed() < budget {
            f(docs);
            n += 1;
        }
        start.elapsed().as_secs_f64() / f64::from(n)
    };
    (0..rounds)
        .map(|_| {
            let value = time(&parse_all_value);
            let typed = time(&parse_all_typed);
            value / typed
        })
        .collect()
}

fn report_ratio() {
    let docs = corpus();
    let mut ratios = ratio(&docs, 7, Duration::from_millis(300));
    ratios.sort_by(f64::total_cmp);
    println!(
        "liveperson parse speed-up over serde_json::Value ({} documents, {} bytes): min {:.2}x, median {:.2}x, max {:.2}x",
        docs.len(),
        docs.iter().map(String::len).sum::<usize>(),
        ratios[0],
        ratios[ratios.len() / 2],
        ratios[ratios.len() - 1]
    );
}

/// Runs the criterion benchmarks, then prints the speed-up ratio.
fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    bench_parse(&mut criterion);
    criterion.final_summary();
    report_ratio();
}
