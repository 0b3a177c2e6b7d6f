//! Resource bounds on hostile-sized input: a LivePerson notification whose one text message is
//! 1 MB to 50 MB (with escapes and 4-byte characters), and a Genesys message the same way.
//! Prints, per size, the parse time per byte relative to the 1 MB document (linear time means
//! about 1.0), the same for `serde_json::from_str::<Value>` on the same document as the
//! baseline (large fresh buffers cost page faults and cache misses for any parser), and the peak
//! heap during the parse relative to the input size, measured by a counting global allocator.

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

fn main() {
    report("liveperson", liveperson, &|d| {
        black_box(chatwire::parse_notification(d).expect("parses"));
    });
    report("genesys", genesys, &|d| {
        black_box(chatwire::genesys::parse_notification(d).expect("parses"));
    });
}
