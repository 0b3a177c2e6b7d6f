//! Resource bounds on hostile input, in two parts.
//!
//! `text`: a LivePerson notification whose one text message is 1 MB to 50 MB (with escapes and
//! 4-byte characters), and a Genesys message the same way. Prints, per size, the parse time per
//! byte relative to the 1 MB document (linear time means about 1.0), the same for
//! `serde_json::from_str::<Value>` on the same document as the baseline (large fresh buffers
//! cost page faults and cache misses for any parser), and the peak heap during the parse
//! relative to the input size, measured by a counting global allocator.
//!
//! `hostile`: documents made of many small parts (malformed changes, role keys, unknown keys,
//! changes of one dialog, participants, transcript messages), each at 256 KB, 512 KB, 1 MB and
//! 2 MB. Prints, per size, the crate's time over `serde_json::from_str::<Value>`'s on the same
//! document, and the growth of the crate's time from the smallest to the largest document over
//! the growth of the size (1.0 is linear time; quadratic time gives about 8).
//!
//! The growth of `Value`'s own time is printed too: past the caches, any parser's time per byte
//! rises with the size, so the crate's growth over `Value`'s tells its own share.
//!
//! `cargo bench -p chatwire-benches --bench limits` runs both; `-- text` or `-- hostile` runs
//! one, `--max-kb N` stops the hostile part at documents of N KB, and `--only WORD` runs the
//! shapes whose name has WORD.

use std::hint::black_box;
use std::time::Instant;

use peak_alloc::PeakAlloc;

#[global_allocator]
static ALLOCATOR: PeakAlloc = PeakAlloc;

const SIZES_MB: [usize; 4] = [1, 5, 20, 50];

/// A message of about `bytes` bytes: plain text, escapes and 4-byte UTF-8.
fn message(bytes: usize) -> String {
    let unit = r#"Hello \"agent\", 😒 𝄞 日本語\n "#;
    unit.repeat(bytes / unit.len() + 1)
}

fn liveperson(bytes: usize) -> String {
    format!(
        r#"{{"kind":"notification","type":"ms.MessagingEventNotification","body":{{"changes":[{{"sequence":1,"originatorId":"c","serverTimestamp":1528371161893,"dialogId":"d","event":{{"type":"ContentEvent","message":"{}","contentType":"text/plain"}}}}]}}}}"#,
        message(bytes)
    )
}

fn genesys(bytes: usize) -> String {
    format!(
        r#"{{"channel":"/v2/me/chats","data":{{"messageType":"MessageLogUpdated","notificationType":"NewMessages","messages":[{{"index":1,"type":"Text","text":"{}","from":{{"type":"Customer","participantId":"p"}}}}]}}}}"#,
        message(bytes)
    )
}

/// Best time of a few runs, and the peak heap above what was live before the parse.
fn measure(doc: &str, parse: &dyn Fn(&str)) -> (f64, usize) {
    let mut best = f64::MAX;
    let mut peak = 0;
    for _ in 0..3 {
        let base = ALLOCATOR.current_usage();
        ALLOCATOR.reset_peak_usage();
        let start = Instant::now();
        parse(black_box(doc));
        best = best.min(start.elapsed().as_secs_f64());
        peak = peak.max(ALLOCATOR.peak_usage().saturating_sub(base));
    }
    (best, peak)
}

fn report(vendor: &str, build: fn(usize) -> String, parse: &dyn Fn(&str)) {
    let value = |d: &str| {
        black_box(serde_json::from_str::<serde_json::Value>(d).expect("parses"));
    };
    let mut first = None;
    for mb in SIZES_MB {
        let doc = build(mb << 20);
        let (seconds, peak) = measure(&doc, parse);
        let (value_seconds, value_peak) = measure(&doc, &value);
        let per_byte = seconds / doc.len() as f64;
        let value_per_byte = value_seconds / doc.len() as f64;
        let (base, value_base) = *first.get_or_insert((per_byte, value_per_byte));
        println!(
            "{vendor} {mb:>2} MB text: {:>6.1} ms ({:>4.0} MB/s), time per byte {:.2}x the 1 MB document (Value: {:.2}x), \
             {:.2}x Value's time, peak heap {:.2}x the input (Value: {:.2}x)",
            seconds * 1e3,
            doc.len() as f64 / seconds / 1e6,
            per_byte / base,
            value_per_byte / value_base,
            seconds / value_seconds,
            peak as f64 / doc.len() as f64,
            value_peak as f64 / doc.len() as f64,
        );
    }
}

fn text_part() {
    report("liveperson", liveperson, &|d| {
        black_box(chatwire::parse_notification(d).expect("parses"));
    });
    report("genesys", genesys, &|d| {
        black_box(chatwire::genesys::parse_notification(d).expect("parses"));
    });
}

const HOSTILE_SIZES_KB: [usize; 4] = [256, 512, 1024, 2048];

/// `head`, then parts `part(0)`, `part(1)`, … joined by commas until the document has at least
/// `bytes` bytes, then `tail`; returns the document and the number of parts.
fn repeated(
    bytes: usize,
    head: &str,
    part: &dyn Fn(usize) -> String,
    tail: &str,
) -> (String, usize) {
    let mut doc = String::with_capacity(bytes + 256);
    doc.push_str(head);
    let mut n = 0;
    while doc.len() + tail.len() < bytes {
        if n > 0 {
            doc.push(',');
        }
        doc.push_str(&part(n));
        n += 1;
    }
    doc.push_str(tail);
    (doc, n)
}

const LP_MESSAGING: &str =
    r#"{"kind":"notification","type":"ms.MessagingEventNotification","body":{"changes":["#;
const LP_CONVERSATION: &str =
    r#"{"kind":"notification","type":"cqm.ExConversationChangeNotification","body":{"changes":["#;

fn text_change(n: usize, dialog: &str) -> String {
    format!(
        r#"{{"sequence":{n},"originatorId":"c1","serverTimestamp":{},"dialogId":"{dialog}","conversationId":"{dialog}","originatorMetadata":{{"id":"c1","role":"CONSUMER"}},"event":{{"type":"ContentEvent","message":"hello {n}","contentType":"text/plain"}}}}"#,
        1_528_371_161_893 + n
    )
}

fn conversation_change(participants: &str, updated: u64) -> String {
    format!(
        r#"{{"type":"UPSERT","result":{{"convId":"c1","conversationDetails":{{"skillId":"-1","participants":{participants},"dialogs":[{{"dialogId":"c1","dialogType":"MAIN","state":"OPEN","creationTs":1528371161893}}],"brandId":"b","state":"OPEN","stage":"OPEN","startTs":1528371161893,"metaDataLastUpdateTs":{updated}}}}}}}"#
    )
}

/// A hostile document shape: builds a document of about `bytes` bytes and checks the crate's
/// result on it (outside the timing), and the operation timed.
struct Shape {
    name: &'static str,
    build: fn(usize) -> String,
    run: fn(&str),
}

fn shapes() -> Vec<Shape> {
    vec![
        Shape {
            name: "LivePerson: malformed changes, parse",
            build: |bytes| {
                let (doc, n) = repeated(
                    bytes,
                    LP_MESSAGING,
                    &|_| r#"{"sequence":"x"}"#.into(),
                    "]}}",
                );
                let parsed = chatwire::parse_notification(&doc).expect("parses");
                assert_eq!(parsed.malformed_changes().len(), n);
                doc
            },
            run: |d| {
                black_box(chatwire::parse_notification(d).expect("parses"));
            },
        },
        Shape {
            name: "LivePerson: role keys (participants map), parse",
            build: |bytes| {
                let (doc, n) = repeated(
                    bytes,
                    &format!(
                        "{LP_CONVERSATION}{{\"type\":\"UPSERT\",\"result\":{{\"convId\":\"c1\",\"conversationDetails\":{{\"participants\":{{"
                    ),
                    &|n| format!(r#""ROLE{n}":["p{n}"]"#),
                    "}}}}]}}",
                );
                let parsed = chatwire::parse_notification(&doc).expect("parses");
                let change = parsed.conversation_changes().next().expect("a change");
                assert_eq!(change.details().unwrap().participant_roles().count(), n);
                doc
            },
            run: |d| {
                black_box(chatwire::parse_notification(d).expect("parses"));
            },
        },
        Shape {
            name: "LivePerson: unknown keys in one change, parse",
            build: |bytes| {
                let head = format!(
                    "{LP_MESSAGING}{}",
                    text_change(0, "d1").strip_suffix('}').unwrap()
                );
                let (doc, n) = repeated(
                    bytes,
                    &format!("{head},"),
                    &|n| format!(r#""k{n}":{n}"#),
                    "}]}}",
                );
                let parsed = chatwire::parse_notification(&doc).expect("parses");
                assert_eq!(parsed.messaging_changes().next().unwrap().extra.len(), n);
                doc
            },
            run: |d| {
                black_box(chatwire::parse_notification(d).expect("parses"));
            },
        },
        Shape {
            name: "LivePerson: changes, parse and validate",
            build: |bytes| {
                let (doc, n) = repeated(
                    bytes,
                    LP_MESSAGING,
                    &|n| text_change(n, &format!("d{}", n % 97)),
                    "]}}",
                );
                let parsed = chatwire::parse_notification(&doc).expect("parses");
                assert_eq!(parsed.messaging_changes().count(), n);
                assert!(chatwire::validate_notification(&parsed).is_valid());
                doc
            },
            run: |d| {
                let parsed = chatwire::parse_notification(d).expect("parses");
                black_box(chatwire::validate_notification(&parsed));
            },
        },
        Shape {
            name: "LivePerson: changes of one dialog, tracker",
            build: |bytes| {
                let (doc, n) = repeated(bytes, LP_MESSAGING, &|n| text_change(n, "d1"), "]}}");
                let mut tracker = chatwire::tracker::ConversationTracker::default();
                assert_eq!(tracker.ingest_json(&doc).expect("ingests").events.len(), n);
                doc
            },
            run: |d| {
                let mut tracker = chatwire::tracker::ConversationTracker::default();
                black_box(tracker.ingest_json(d).expect("ingests"));
            },
        },
        Shape {
            name: "LivePerson: two snapshots of many participants, tracker",
            build: |bytes| {
                // Two conversation changes of one conversation, half of each's participants
                // not in the other: the second snapshot joins and leaves half of them.
                let half = bytes / 2;
                let list = |from: usize| {
                    repeated(
                        half,
                        "[",
                        &move |n| format!(r#"{{"id":"p{}","role":"AGENT"}}"#, n + from),
                        "]",
                    )
                };
                let (first, n) = list(0);
                let (second, _) = list(n / 2);
                let doc = format!(
                    "{LP_CONVERSATION}{},{}]}}}}",
                    conversation_change(&first, 1_528_371_161_900),
                    conversation_change(&second, 1_528_371_161_999)
                );
                let mut tracker = chatwire::tracker::ConversationTracker::default();
                let out = tracker.ingest_json(&doc).expect("ingests");
                assert!(
                    out.events.len() > n,
                    "{} events for {n} participants",
                    out.events.len()
                );
                doc
            },
            run: |d| {
                let mut tracker = chatwire::tracker::ConversationTracker::default();
                black_box(tracker.ingest_json(d).expect("ingests"));
            },
        },
        Shape {
            name: "Genesys: unknown keys in data, parse",
            build: |bytes| {
                let (doc, n) = repeated(
                    bytes,
                    r#"{"messageType":"MessageLogUpdated","notificationType":"NewMessages","chatUri":"http://gws/api/v2/chats/c1","messages":[],"#,
                    &|n| format!(r#""k{n}":{n}"#),
                    "}",
                );
                let parsed = chatwire::genesys::parse_notification(&doc).expect("parses");
                let Some(chatwire::genesys::Data::MessageLogUpdated(log)) = &parsed.data else {
                    panic!("a message log")
                };
                assert_eq!(log.extra.len(), n);
                doc
            },
            run: |d| {
                black_box(chatwire::genesys::parse_notification(d).expect("parses"));
            },
        },
        Shape {
            name: "Genesys: transcript messages, parse and validate",
            build: |bytes| {
                let (doc, n) = genesys_messages(bytes);
                let parsed = chatwire::genesys::parse_notification(&doc).expect("parses");
                assert_eq!(parsed.events().count(), n);
                assert!(chatwire::genesys::validate_notification(&parsed).is_valid());
                doc
            },
            run: |d| {
                let parsed = chatwire::genesys::parse_notification(d).expect("parses");
                black_box(chatwire::genesys::validate_notification(&parsed));
            },
        },
        Shape {
            name: "Genesys: transcript messages, tracker",
            build: |bytes| {
                let (doc, n) = genesys_messages(bytes);
                let mut tracker = chatwire::tracker::ConversationTracker::default();
                assert_eq!(tracker.ingest_json(&doc).expect("ingests").events.len(), n);
                doc
            },
            run: |d| {
                let mut tracker = chatwire::tracker::ConversationTracker::default();
                black_box(tracker.ingest_json(d).expect("ingests"));
            },
        },
    ]
}

fn genesys_messages(bytes: usize) -> (String, usize) {
    repeated(
        bytes,
        r#"{"channel":"/v2/me/chats","data":{"messageType":"MessageLogUpdated","notificationType":"NewMessages","chatUri":"http://gws/api/v2/chats/c1","messages":["#,
        &|n| {
            format!(
                r#"{{"index":{},"type":"Text","text":"hello {n}","visibility":"All","timestamp":"2017-06-07 10:12:41.893+0000","from":{{"nickname":"Kristi","type":"Customer","participantId":"p1"}}}}"#,
                n + 1
            )
        },
        "]}}",
    )
}

/// Best times of the crate's operation and of the `Value` parse, run alternately (so that a
/// change of machine load touches both): at least 5 rounds and about half a second, or one
/// round when the crate's run takes over a second (as quadratic code does).
fn best_times(doc: &str, run: &dyn Fn(&str)) -> (f64, f64) {
    let (mut best, mut value_best) = (f64::MAX, f64::MAX);
    let started = Instant::now();
    for round in 0..200 {
        let start = Instant::now();
        run(black_box(doc));
        best = best.min(start.elapsed().as_secs_f64());
        let start = Instant::now();
        black_box(serde_json::from_str::<serde_json::Value>(black_box(doc)).expect("parses"));
        value_best = value_best.min(start.elapsed().as_secs_f64());
        if best > 1.0 || (round >= 4 && started.elapsed().as_secs_f64() > 0.5) {
            break;
        }
    }
    (best, value_best)
}

fn hostile_part(max_kb: usize, only: Option<&str>) {
    for shape in shapes() {
        if only.is_some_and(|word| !shape.name.to_lowercase().contains(&word.to_lowercase())) {
            continue;
        }
        println!("{}", shape.name);
        let mut first: Option<(usize, f64, f64)> = None;
        let mut last = None;
        for kb in HOSTILE_SIZES_KB.into_iter().filter(|&kb| kb <= max_kb) {
            let doc = (shape.build)(kb << 10);
            let (seconds, value_seconds) = best_times(&doc, &|d| (shape.run)(d));
            first.get_or_insert((doc.len(), seconds, value_seconds));
            last = Some((doc.len(), seconds, value_seconds));
            println!(
                "  {kb:>5} KB: {:>10.2} ms, Value {:>7.2} ms, {:>7.2}x Value's time",
                seconds * 1e3,
                value_seconds * 1e3,
                seconds / value_seconds,
            );
        }
        if let (Some((small, t_small, v_small)), Some((large, t_large, v_large))) = (first, last)
            && large > small
        {
            let size = large as f64 / small as f64;
            let time = t_large / t_small;
            let value = v_large / v_small;
            println!(
                "  growth: time {time:.1}x for size {size:.1}x ({:.2}x linear); Value's time \
                 {value:.1}x ({:.2}x linear); the crate's growth over Value's: {:.2}x",
                time / size,
                value / size,
                time / value,
            );
        }
    }
}

fn main() {
    // `cargo bench` passes `--bench`; the other arguments choose the parts.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let max_kb = args
        .iter()
        .position(|a| a == "--max-kb")
        .and_then(|i| args.get(i + 1)?.parse().ok())
        .unwrap_or(usize::MAX);
    let wanted = |part: &str| {
        !args.iter().any(|a| a == "text" || a == "hostile") || args.iter().any(|a| a == part)
    };
    if wanted("text") {
        text_part();
    }
    if wanted("hostile") {
        // `--only WORD`: the shapes whose name has WORD.
        let only = args
            .iter()
            .position(|a| a == "--only")
            .and_then(|i| args.get(i + 1))
            .map(String::as_str);
        hostile_part(max_kb, only);
    }
}
