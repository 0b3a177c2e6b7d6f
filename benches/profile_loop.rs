//! Runs one operation many times over the compact fixture corpus of one vendor, for profilers
//! (`valgrind --tool=callgrind`, `perf`), where criterion's own work would get in the way.
//!
//! ```text
//! cargo build --release -p chatwire-benches --example profile_loop
//! valgrind --tool=callgrind target/release/examples/profile_loop genesys parse 200
//! ```
//!
//! Vendors: `liveperson`, `genesys`. Operations: `parse`, `serialize`, `validate`, `peek`, and
//! the baselines `value` (`serde_json::from_str::<Value>`), `value-serialize`
//! (`serde_json::to_string(&Value)`) and `ignored` (`serde_json::from_str::<IgnoredAny>`).
//! With 0 repetitions it only loads the corpus, which gives the setup cost to subtract.

use std::hint::black_box;

use serde_json::Value;

#[path = "common/corpus.rs"]
mod corpus;
use corpus::corpus;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, vendor, op, times] = &args[..] else {
        eprintln!("usage: profile_loop <liveperson|genesys> <operation> <repetitions>");
        std::process::exit(2);
    };
    let times: usize = times.parse().expect("a number of repetitions");
    let docs = corpus(vendor);
    let values: Vec<Value> = docs
        .iter()
        .map(|d| serde_json::from_str(d).expect("JSON"))
        .collect();
    let liveperson: Vec<_> = match vendor.as_str() {
        "liveperson" => docs
            .iter()
            .map(|d| chatwire::parse_notification(d).expect("parses"))
            .collect(),
        _ => Vec::new(),
    };
    let genesys: Vec<_> = match vendor.as_str() {
        "genesys" => docs
            .iter()
            .map(|d| chatwire::genesys::parse_notification(d).expect("parses"))
            .collect(),
        _ => Vec::new(),
    };
    let run: Box<dyn Fn()> = match (vendor.as_str(), op.as_str()) {
        (_, "value") => Box::new(|| {
            for d in &docs {
                black_box(serde_json::from_str::<Value>(black_box(d)).expect("JSON"));
            }
        }),
        (_, "value-serialize") => Box::new(|| {
            for v in &values {
                black_box(serde_json::to_string(black_box(v)).expect("serializes"));
            }
        }),
        (_, "ignored") => Box::new(|| {
            for d in &docs {
                black_box(
                    serde_json::from_str::<serde::de::IgnoredAny>(black_box(d)).expect("JSON"),
                );
            }
        }),
        ("liveperson", "parse") => Box::new(|| {
            for d in &docs {
                black_box(chatwire::parse_notification(black_box(d)).expect("parses"));
            }
        }),
        ("liveperson", "serialize") => Box::new(|| {
            for n in &liveperson {
                black_box(serde_json::to_string(black_box(n)).expect("serializes"));
            }
        }),
        ("liveperson", "validate") => Box::new(|| {
            for n in &liveperson {
                black_box(chatwire::liveperson::validate_notification(black_box(n)));
            }
        }),
        ("liveperson", "peek") => Box::new(|| {
            for d in &docs {
                black_box(
                    chatwire::liveperson::peek_notification(black_box(d), |c| {
                        black_box(c);
                    })
                    .expect("peeks"),
                );
            }
        }),
        ("genesys", "parse") => Box::new(|| {
            for d in &docs {
                black_box(chatwire::genesys::parse_notification(black_box(d)).expect("parses"));
            }
        }),
        ("genesys", "serialize") => Box::new(|| {
            for n in &genesys {
                black_box(serde_json::to_string(black_box(n)).expect("serializes"));
            }
        }),
        ("genesys", "validate") => Box::new(|| {
            for n in &genesys {
                black_box(chatwire::genesys::validate_notification(black_box(n)));
            }
        }),
        ("genesys", "peek") => Box::new(|| {
            for d in &docs {
                black_box(chatwire::genesys::peek_notification(black_box(d)).expect("peeks"));
            }
        }),
        _ => {
            eprintln!("unknown vendor or operation: {vendor} {op}");
            std::process::exit(2);
        }
    };
    for _ in 0..times {
        run();
    }
}
