//! Throughput of `parse_notification` against `serde_json::from_str::<Value>` on the same
//! compact documents (every bundled LivePerson and Genesys chat fixture, minified), in one run.
//!
//! Criterion reports each side's time; the closing lines print the ratio measured by
//! interleaved rounds in the same process (min and median over the rounds).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use serde_json::Value;

/// Which fixtures, and how to parse one of them with the crate.
#[derive(Clone, Copy)]
struct Vendor {
    name: &'static str,
    dir: &'static str,
    parse: fn(&str),
}

const VENDORS: [Vendor; 2] = [
    Vendor {
        name: "liveperson",
        dir: concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/webhooks_examples/liveperson"
        ),
        parse: |d| {
            black_box(chatwire::parse_notification(black_box(d)).expect("parses"));
        },
    },
    Vendor {
        name: "genesys",
        dir: concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/webhooks_examples/genesys"
        ),
        parse: |d| {
            black_box(chatwire::genesys::parse_notification(black_box(d)).expect("parses"));
        },
    },
];

fn corpus(dir: &str) -> Vec<String> {
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

fn parse_all_typed(vendor: Vendor, docs: &[String]) {
    for d in docs {
        (vendor.parse)(d);
    }
}

fn parse_all_value(docs: &[String]) {
    for d in docs {
        black_box(serde_json::from_str::<Value>(black_box(d)).expect("parses"));
    }
}

fn bench_parse(c: &mut Criterion, vendor: Vendor) {
    let docs = corpus(vendor.dir);
    let bytes: usize = docs.iter().map(String::len).sum();
    let mut group = c.benchmark_group(format!("{}/parse", vendor.name));
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("chatwire", |b| b.iter(|| parse_all_typed(vendor, &docs)));
    group.bench_function("serde_json::from_str::<Value>", |b| {
        b.iter(|| parse_all_value(&docs))
    });
    group.finish();
}

/// Time of `rounds` interleaved measurements of each side, each about `budget` long.
fn ratio(vendor: Vendor, docs: &[String], rounds: usize, budget: Duration) -> Vec<f64> {
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
            let typed = time(&|d| parse_all_typed(vendor, d));
            value / typed
        })
        .collect()
}

fn report_ratio(vendor: Vendor) {
    let docs = corpus(vendor.dir);
    let mut ratios = ratio(vendor, &docs, 7, Duration::from_millis(300));
    ratios.sort_by(f64::total_cmp);
    println!(
        "{} parse speed-up over serde_json::Value ({} documents, {} bytes): min {:.2}x, median {:.2}x, max {:.2}x",
        vendor.name,
        docs.len(),
        docs.iter().map(String::len).sum::<usize>(),
        ratios[0],
        ratios[ratios.len() / 2],
        ratios[ratios.len() - 1]
    );
}

/// The routing peek against the `Value` parse, same rounds as [`ratio`].
fn report_peek_ratio() {
    let docs = corpus(VENDORS[0].dir);
    let peek = Vendor {
        name: "liveperson peek",
        dir: VENDORS[0].dir,
        parse: |d| {
            let mut n = 0;
            black_box(
                chatwire::liveperson::peek_notification(black_box(d), |_| n += 1).expect("peeks"),
            );
            black_box(n);
        },
    };
    let mut ratios = ratio(peek, &docs, 7, Duration::from_millis(300));
    ratios.sort_by(f64::total_cmp);
    println!(
        "liveperson peek_notification speed-up over serde_json::Value: min {:.2}x, median {:.2}x, max {:.2}x",
        ratios[0],
        ratios[ratios.len() / 2],
        ratios[ratios.len() - 1]
    );
}

/// Runs the criterion benchmarks, then prints the speed-up ratio.
fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    for vendor in VENDORS {
        bench_parse(&mut criterion, vendor);
    }
    criterion.final_summary();
    for vendor in VENDORS {
        report_ratio(vendor);
    }
    report_peek_ratio();
}
