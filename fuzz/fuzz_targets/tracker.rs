//! The conversation tracker on arbitrary input: each line is a notification of either vendor.
//! Whatever arrives, nothing panics, no dialog holds more than the limit, a flush leaves nothing
//! held, and the state reads back equal after a round trip through JSON.
#![no_main]

use std::time::Duration;

use chatwire::tracker::{ConversationTracker, TrackerConfig};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The first byte picks the hold limit, so the fuzzer explores releasing and holding.
    let limit = usize::from(data.first().copied().unwrap_or(0) % 4);
    let config = TrackerConfig::new(limit, Duration::from_secs(60), Duration::from_secs(60));
    let mut tracker = ConversationTracker::new(config);
    for line in text.lines() {
        let _ = tracker.ingest_json(line);
        for c in tracker.conversations() {
            assert!(c.dialogs().all(|d| d.held() <= limit));
        }
    }
    let saved = serde_json::to_string(&tracker).expect("the state serializes");
    let restored: ConversationTracker = serde_json::from_str(&saved).expect("and reads back");
    assert_eq!(restored, tracker);
    tracker.flush();
    assert!(tracker.conversations().all(|c| c.held() == 0));
    let _ = tracker.evict_closed(chrono::DateTime::UNIX_EPOCH);
});
