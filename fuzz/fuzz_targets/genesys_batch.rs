//! `genesys::parse_batch` on arbitrary text, with the lossless round trip on what is accepted,
//! and `genesys::peek_notification` on each element.
#![no_main]

#[path = "round_trip.rs"]
mod round_trip;

use chatwire::genesys;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The routing peek reads each element without panicking; where the batch parses, it sees
    // each message's type.
    let peeks: Vec<_> = serde_json::from_str::<Vec<&serde_json::value::RawValue>>(text)
        .map(|parts| {
            parts
                .iter()
                .map(|p| genesys::peek_notification(p.get()).ok())
                .collect()
        })
        .unwrap_or_default();
    let Ok(batch) = genesys::parse_batch(text) else {
        return;
    };
    for (i, n) in batch.iter().enumerate() {
        let _ = genesys::validate_notification(n);
        if let Some(Some(peek)) = peeks.get(i) {
            assert_eq!(
                peek.message_type.as_deref(),
                n.message_type(),
                "peek and parse disagree"
            );
        }
    }
    round_trip::assert_lossless(data, &batch, genesys::parse_batch);
});
