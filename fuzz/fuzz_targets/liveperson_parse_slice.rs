//! `parse_notification_slice` on arbitrary bytes (invalid UTF-8 included): it agrees with
//! `parse_notification` on the same text, and what it accepts round-trips losslessly. Both
//! routing peeks run on the same text and are exactly as strict about JSON syntax as serde_json.
#![no_main]

#[path = "round_trip.rs"]
mod round_trip;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let from_bytes = chatwire::parse_notification_slice(data);
    let text = match std::str::from_utf8(data) {
        Err(_) => {
            assert!(from_bytes.is_err(), "invalid UTF-8 accepted");
            return;
        }
        Ok(text) => text,
    };
    assert_eq!(from_bytes, chatwire::parse_notification(text));
    // The routing peeks read any text without panicking; a peek of a document that parses
    // sees its type.
    let peek = chatwire::liveperson::peek_notification(text, |_| {});
    let genesys_peek = chatwire::genesys::peek_notification(text);
    // The peeks' scanner is exactly as strict about JSON as serde_json: it accepts no text
    // serde_json rejects, and rejects no JSON text for its syntax.
    let json_ok = serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok();
    for (name, outcome) in [
        ("liveperson", peek.as_ref().map(drop)),
        ("genesys", genesys_peek.as_ref().map(drop)),
    ] {
        match outcome {
            Ok(()) => assert!(json_ok, "{name} peek accepted text serde_json rejects"),
            Err(e) => assert!(
                !json_ok || e.kind() == chatwire::ParseErrorKind::Data,
                "{name} peek rejected JSON text: {e}"
            ),
        }
    }
    if let (Ok(peek), Ok(n)) = (&peek, &from_bytes) {
        assert_eq!(
            peek.notification_type.as_deref(),
            Some(n.notification_type().as_str())
        );
    }
    let Ok(n) = from_bytes else { return };
    let _ = chatwire::validate_notification(&n);
    round_trip::assert_lossless(data, &n, |t: &str| {
        chatwire::parse_notification_slice(t.as_bytes())
    });
});
