//! Speed of the crate against `serde_json::Value` on the same compact documents (every bundled
//! LivePerson and Genesys chat fixture, minified), for both vendors:
//!
//! - **parse**: `parse_notification` against `serde_json::from_str::<Value>`;
//! - **serialize**: `serde_json::to_string` of the parsed notification against
//!   `serde_json::to_string` of the parsed `Value`;
//! - **validate**: `validate_notification` of a parsed notification, against the `Value` parse
//!   (how much a validation costs next to what users would do anyway);
//! - **peek**: the routing peek against the `Value` parse.
//!
//! Criterion reports each side's time; the closing lines print the ratios (baseline time over
//! crate time, so higher is better for the crate) measured by interleaved rounds in the same
//! process, min and median over the rounds, then the ratio of the fifth percentiles of single
//! passes (each side timed once per pass, the two sides alternating pass by pass): the fastest
//! passes are the ones least touched by other work on the machine, so this figure varies least
//! from run to run. `cargo bench -p chatwire-benches --bench parse -- ratios` skips the criterion
//! part (no criterion benchmark matches that filter) and prints only the ratios.
//! Allocation counts and type sizes are in `benches/alloc.rs`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use serde_json::Value;

/// How many interleaved rounds the ratio report measures, and how long each side runs per round.
const ROUNDS: usize = 9;
const BUDGET: Duration = Duration::from_millis(200);
const SLICE: Duration = Duration::from_millis(10);
/// How many single passes of each side the percentile report times.
const PASSES: usize = 4_000;

#[path = "common/corpus.rs"]
mod corpus;
use corpus::corpus;

/// One comparison: the same work done over the whole corpus by a baseline and by the crate.
struct Case {
    vendor: &'static str,
    what: &'static str,
    baseline_name: &'static str,
    typed_name: &'static str,
    bytes: u64,
    baseline: Box<dyn Fn()>,
    typed: Box<dyn Fn()>,
}

fn value_parse(docs: &[String]) {
    for d in docs {
        black_box(serde_json::from_str::<Value>(black_box(d)).expect("parses"));
    }
}

fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    push_cases(
        &mut cases,
        "liveperson",
        |d| chatwire::parse_notification(d).expect("parses"),
        |n| {
            black_box(chatwire::liveperson::validate_notification(black_box(n)));
        },
        |d| {
            let mut n = 0;
            black_box(
                chatwire::liveperson::peek_notification(black_box(d), |_| n += 1).expect("peeks"),
            );
            black_box(n);
        },
    );
    push_cases(
        &mut cases,
        "genesys",
        |d| chatwire::genesys::parse_notification(d).expect("parses"),
        |n| {
            black_box(chatwire::genesys::validate_notification(black_box(n)));
        },
        |d| {
            black_box(chatwire::genesys::peek_notification(black_box(d)).expect("peeks"));
        },
    );
    cases
}

/// The four cases of one vendor, on its corpus, after checking the lossless round trip of
/// every document.
fn push_cases<N: serde::Serialize + 'static>(
    cases: &mut Vec<Case>,
    vendor: &'static str,
    parse: fn(&str) -> N,
    validate: fn(&N),
    peek: fn(&str),
) {
    let docs = corpus(vendor);
    let bytes: u64 = docs.iter().map(|d| d.len() as u64).sum();
    let values: Vec<Value> = docs
        .iter()
        .map(|d| serde_json::from_str(d).expect("JSON"))
        .collect();
    let parsed: Vec<N> = docs.iter().map(|d| parse(d)).collect();
    for (value, n) in values.iter().zip(&parsed) {
        assert_eq!(
            &serde_json::to_value(n).expect("serializes"),
            value,
            "lossless round trip"
        );
    }
    let docs = std::rc::Rc::new(docs);
    let values = std::rc::Rc::new(values);
    let parsed = std::rc::Rc::new(parsed);
    let value_parse = || {
        let docs = docs.clone();
        Box::new(move || value_parse(&docs)) as Box<dyn Fn()>
    };
    cases.push(Case {
        vendor,
        what: "parse",
        baseline_name: "serde_json::from_str::<Value>",
        typed_name: "parse_notification",
        bytes,
        baseline: value_parse(),
        typed: {
            let docs = docs.clone();
            Box::new(move || {
                for d in docs.iter() {
                    black_box(parse(black_box(d)));
                }
            })
        },
    });
    cases.push(Case {
        vendor,
        what: "serialize",
        baseline_name: "serde_json::to_string(&Value)",
        typed_name: "serde_json::to_string(&Notification)",
        bytes,
        baseline: Box::new(move || {
            for v in values.iter() {
                black_box(serde_json::to_string(black_box(v)).expect("serializes"));
            }
        }),
        typed: {
            let parsed = parsed.clone();
            Box::new(move || {
                for n in parsed.iter() {
                    black_box(serde_json::to_string(black_box(n)).expect("serializes"));
                }
            })
        },
    });
    cases.push(Case {
        vendor,
        what: "validate",
        baseline_name: "serde_json::from_str::<Value>",
        typed_name: "validate_notification",
        bytes,
        baseline: value_parse(),
        typed: Box::new(move || parsed.iter().for_each(validate)),
    });
    cases.push(Case {
        vendor,
        what: "peek",
        baseline_name: "serde_json::from_str::<Value>",
        typed_name: "peek_notification",
        bytes,
        baseline: value_parse(),
        typed: Box::new(move || docs.iter().for_each(|d| peek(d))),
    });
}

/// Mean time of one call of `baseline` and of `typed`, measured in alternating slices of
/// [`SLICE`] each for about [`BUDGET`] per side, so that a change in machine load during the
/// round touches both sides alike.
fn time_pair(baseline: &dyn Fn(), typed: &dyn Fn()) -> (f64, f64) {
    let mut total = [(0.0f64, 0u32); 2];
    let sides: [&dyn Fn(); 2] = [baseline, typed];
    let slices = (BUDGET.as_micros() / SLICE.as_micros()).max(1);
    for _ in 0..slices {
        for (f, t) in sides.iter().zip(&mut total) {
            let start = Instant::now();
            while start.elapsed() < SLICE {
                f();
                t.1 += 1;
            }
            t.0 += start.elapsed().as_secs_f64();
        }
    }
    (
        total[0].0 / f64::from(total[0].1),
        total[1].0 / f64::from(total[1].1),
    )
}

/// The fifth percentiles of [`PASSES`] single passes of `baseline` and `typed`, timed
/// alternately, in seconds.
fn percentiles(baseline: &dyn Fn(), typed: &dyn Fn()) -> (f64, f64) {
    let mut times = [Vec::with_capacity(PASSES), Vec::with_capacity(PASSES)];
    for _ in 0..PASSES {
        for (f, t) in [baseline, typed].iter().zip(&mut times) {
            let start = Instant::now();
            f();
            t.push(start.elapsed());
        }
    }
    let [baseline, typed] = times.map(|mut t| {
        t.sort();
        t[PASSES / 20].as_secs_f64()
    });
    (baseline, typed)
}

/// Runs the criterion benchmarks, then prints the ratios measured by interleaved rounds.
fn main() {
    let cases = cases();
    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    for case in &cases {
        let mut group = criterion.benchmark_group(format!("{}/{}", case.vendor, case.what));
        group.throughput(Throughput::Bytes(case.bytes));
        group.bench_function(case.typed_name, |b| b.iter(|| (case.typed)()));
        group.bench_function(case.baseline_name, |b| b.iter(|| (case.baseline)()));
        group.finish();
    }
    criterion.final_summary();

    // Interleaved rounds: every case, both sides, once per round, so drift in machine speed
    // touches all ratios alike.
    let mut ratios = vec![Vec::with_capacity(ROUNDS); cases.len()];
    for _ in 0..ROUNDS {
        for (case, r) in cases.iter().zip(&mut ratios) {
            let (baseline, typed) = time_pair(&*case.baseline, &*case.typed);
            r.push(baseline / typed);
        }
    }
    println!(
        "ratios, baseline time / chatwire time (higher is better), {ROUNDS} interleaved rounds of {} ms per side in {} ms slices:",
        BUDGET.as_millis(),
        SLICE.as_millis()
    );
    for (case, mut r) in cases.iter().zip(ratios) {
        r.sort_by(f64::total_cmp);
        let (baseline, typed) = percentiles(&*case.baseline, &*case.typed);
        println!(
            "{:<10} {:<9} {:<38} vs {:<30} min {:.2}x  median {:.2}x  max {:.2}x  p5 of passes {:.2}x ({:.1} / {:.1} µs)",
            case.vendor,
            case.what,
            case.typed_name,
            case.baseline_name,
            r[0],
            r[r.len() / 2],
            r[r.len() - 1],
            baseline / typed,
            baseline * 1e6,
            typed * 1e6,
        );
    }
}
