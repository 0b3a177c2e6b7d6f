//! Allocations per notification, by vendor and notification kind, for the crate's parse,
//! serialization and peek against the same work done with `serde_json::Value`, counted by an
//! instrumented global allocator (`stats_alloc`) on the compact fixture corpus; then the
//! `size_of` of the main public types.
//!
//! Counts are deterministic, so one pass over the corpus is enough. Run with
//! `cargo bench -p chatwire-benches --bench alloc`.

use std::alloc::System;
use std::collections::BTreeMap;
use std::hint::black_box;

use serde_json::Value;
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Allocations made while `f` runs (this program has a single thread).
fn allocations(f: impl FnOnce()) -> usize {
    let region = Region::new(GLOBAL);
    f();
    region.change().allocations
}

#[path = "common/corpus.rs"]
mod corpus;
use corpus::corpus;

/// Totals for one fixture class.
#[derive(Default)]
struct Counts {
    documents: usize,
    bytes: usize,
    typed_parse: usize,
    value_parse: usize,
    typed_serialize: usize,
    value_serialize: usize,
    peek: usize,
}

impl Counts {
    /// Counts the `Value` side, the crate's parse and the peek of `doc` (the crate's
    /// serialization is counted by the caller, which has the typed notification).
    fn add(&mut self, doc: &str, typed_parse: &dyn Fn(&str), peek: &dyn Fn(&str)) {
        self.documents += 1;
        self.bytes += doc.len();
        self.value_parse += allocations(|| {
            black_box(serde_json::from_str::<Value>(black_box(doc)).expect("JSON"));
        });
        let value: Value = serde_json::from_str(doc).expect("JSON");
        self.value_serialize += allocations(|| {
            black_box(serde_json::to_string(black_box(&value)).expect("serializes"));
        });
        self.typed_parse += allocations(|| typed_parse(black_box(doc)));
        self.peek += allocations(|| peek(black_box(doc)));
    }
}

fn per_doc(total: usize, docs: usize) -> f64 {
    total as f64 / docs as f64
}

fn print(vendor: &str, classes: &BTreeMap<String, Counts>) {
    for (class, c) in classes {
        println!(
            "{:<10} {:<22} {:>4} {:>7.0}  {:>8.1} {:>8.1} {:>6.2}  {:>8.1} {:>8.1}  {:>6.1}",
            vendor,
            class,
            c.documents,
            per_doc(c.bytes, c.documents),
            per_doc(c.typed_parse, c.documents),
            per_doc(c.value_parse, c.documents),
            c.value_parse as f64 / c.typed_parse.max(1) as f64,
            per_doc(c.typed_serialize, c.documents),
            per_doc(c.value_serialize, c.documents),
            per_doc(c.peek, c.documents),
        );
    }
}

fn main() {
    println!(
        "allocations per notification (compact fixtures; mean over the documents of each class)"
    );
    println!(
        "{:<10} {:<22} {:>4} {:>7}  {:>8} {:>8} {:>6}  {:>8} {:>8}  {:>6}",
        "vendor", "class", "docs", "bytes", "parse", "Value", "ratio", "to_str", "Value", "peek"
    );

    let mut classes: BTreeMap<String, Counts> = BTreeMap::new();
    for doc in corpus("liveperson") {
        let n = chatwire::parse_notification(&doc).expect("parses");
        let class = match &n {
            chatwire::liveperson::Notification::MessagingEvent(_) => "messaging-event",
            chatwire::liveperson::Notification::ConversationChange(_) => "conversation-change",
            _ => "other",
        };
        let counts = classes.entry(class.to_owned()).or_default();
        counts.typed_serialize += allocations(|| {
            black_box(serde_json::to_string(black_box(&n)).expect("serializes"));
        });
        counts.add(
            &doc,
            &|d| {
                black_box(chatwire::parse_notification(d).expect("parses"));
            },
            &|d| {
                black_box(chatwire::liveperson::peek_notification(d, |c| {
                    black_box(c);
                }))
                .expect("peeks");
            },
        );
    }
    print("liveperson", &classes);

    let mut classes: BTreeMap<String, Counts> = BTreeMap::new();
    for doc in corpus("genesys") {
        let n = chatwire::genesys::parse_notification(&doc).expect("parses");
        let class = match &n.data {
            Some(chatwire::genesys::Data::ChatStateChange(_)) => "chat-state-change",
            Some(chatwire::genesys::Data::MessageLogUpdated(_)) => "message-log",
            Some(_) => "other-data",
            None => "no-data",
        };
        let counts = classes.entry(class.to_owned()).or_default();
        counts.typed_serialize += allocations(|| {
            black_box(serde_json::to_string(black_box(&n)).expect("serializes"));
        });
        counts.add(
            &doc,
            &|d| {
                black_box(chatwire::genesys::parse_notification(d).expect("parses"));
            },
            &|d| {
                black_box(chatwire::genesys::peek_notification(d).expect("peeks"));
            },
        );
    }
    print("genesys", &classes);
    println!(
        "(parse, Value: allocations of the crate's parse and of serde_json::from_str::<Value>; ratio: Value / crate; to_str, Value: serde_json::to_string of each; peek: the routing peek)"
    );

    println!();
    println!("size_of the main public types, in bytes:");
    macro_rules! sizes {
        ($($t:ty),* $(,)?) => {
            $( println!("{:>6}  {}", std::mem::size_of::<$t>(), stringify!($t)); )*
        };
    }
    sizes!(
        chatwire::liveperson::Notification,
        chatwire::liveperson::MessagingEventNotification,
        chatwire::liveperson::ExConversationChangeNotification,
        chatwire::liveperson::UnknownNotification,
        chatwire::liveperson::ChangeItem<chatwire::liveperson::MessagingChange>,
        chatwire::liveperson::ChangeItem<chatwire::liveperson::ConversationChange>,
        chatwire::liveperson::MessagingChange,
        chatwire::liveperson::Event,
        chatwire::liveperson::ContentEvent,
        chatwire::liveperson::Content,
        chatwire::liveperson::Metadata,
        chatwire::liveperson::ConversationChange,
        chatwire::liveperson::ConversationDetails,
        chatwire::liveperson::Participant,
        chatwire::liveperson::Dialog,
        chatwire::liveperson::Peek<'static>,
        chatwire::liveperson::ChangePeek<'static>,
        chatwire::genesys::Notification,
        chatwire::genesys::Data,
        chatwire::genesys::BayeuxMessage,
        chatwire::genesys::ChatStateChangeMessage,
        chatwire::genesys::MessageLogUpdated,
        chatwire::genesys::MessageItem,
        chatwire::genesys::Peek<'static>,
        chatwire::json::RawJson,
        chatwire::json::Extra,
        chatwire::ParseError,
        chatwire::ValidationReport,
        serde_json::Value,
    );
}
