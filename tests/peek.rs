//! `peek_notification` agrees with the full parse on every fixture and allocates nothing while
//! doing so, except one buffer (serde_json's scratch space) for a document with escapes,
//! counted by an instrumented global allocator. This file holds a single test so that no other
//! test allocates concurrently.

use std::alloc::System;

use chatwire::liveperson::{ChangeItem, Notification, peek_notification};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Allocations made while `f` runs, the least of three runs: the counter is global, so an
/// allocation by another thread of the test process (the harness) can fall into one window,
/// but the peek itself is deterministic.
fn allocations(mut f: impl FnMut()) -> usize {
    (0..3)
        .map(|_| {
            let region = Region::new(GLOBAL);
            f();
            region.change().allocations
        })
        .min()
        .unwrap_or(0)
}

/// `(index, event type, content type, change type)` as the peek saw them, borrowed.
type Seen<'a> = (usize, Option<&'a str>, Option<&'a str>, Option<&'a str>);
/// The same, from the full parse.
type Expected = (usize, Option<String>, Option<String>, Option<String>);

#[test]
fn peek_agrees_with_the_parse_and_allocates_nothing_without_escapes() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/webhooks_examples/liveperson"
    );
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 37);
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();

        // What the peek saw, stored without allocating during the peek.
        let mut seen: [Seen<'_>; 8] = Default::default();
        let mut count = 0;
        fn borrowed<'a>(s: &Option<std::borrow::Cow<'a, str>>) -> Option<&'a str> {
            match s {
                Some(std::borrow::Cow::Borrowed(b)) => Some(b),
                _ => None,
            }
        }
        let peek = peek_notification(&text, |c| {
            if count < seen.len() {
                seen[count] = (
                    c.index,
                    borrowed(&c.event_type),
                    borrowed(&c.content_type),
                    borrowed(&c.change_type),
                );
            }
            count += 1;
        })
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        let count_allocations = allocations(|| {
            peek_notification(&text, |_| {}).unwrap();
        });
        let allowed = usize::from(text.contains('\\'));
        assert!(
            count_allocations <= allowed,
            "{name}: the peek allocated {count_allocations} times"
        );

        let n = chatwire::parse_notification(&text).unwrap();
        assert_eq!(
            peek.notification_type.as_deref(),
            Some(n.notification_type().as_str()),
            "{name}"
        );
        let expected: Vec<Expected> = match &n {
            Notification::MessagingEvent(env) => env
                .body
                .changes
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let ChangeItem::Parsed(c) = c else {
                        panic!("{name}: malformed")
                    };
                    let event = c.event.as_ref();
                    let content_type = match event {
                        Some(chatwire::liveperson::Event::Content(e)) => {
                            e.content_type().map(|t| t.to_string())
                        }
                        _ => None,
                    };
                    (
                        i,
                        event.and_then(|e| e.event_type()).map(str::to_owned),
                        content_type,
                        None,
                    )
                })
                .collect(),
            Notification::ConversationChange(env) => env
                .changes()
                .enumerate()
                .map(|(i, c)| (i, None, None, c.change_type.as_ref().map(|t| t.to_string())))
                .collect(),
            _ => Vec::new(),
        };
        assert_eq!(peek.changes, expected.len(), "{name}");
        assert_eq!(count, expected.len(), "{name}");
        for (got, want) in seen.iter().zip(&expected) {
            assert_eq!(got.0, want.0, "{name}");
            assert_eq!(got.1, want.1.as_deref(), "{name}");
            assert_eq!(got.2, want.2.as_deref(), "{name}");
            assert_eq!(got.3, want.3.as_deref(), "{name}");
        }
    }

    // Genesys: channel and tags, in any form, as a lookup in the JSON value finds them.
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/webhooks_examples/genesys"
    );
    let mut checked = 0;
    for folder in ["", "/related", "/v3"] {
        for entry in std::fs::read_dir(format!("{dir}{folder}")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let peek = chatwire::genesys::peek_notification(&text).unwrap();
            let count_allocations = allocations(|| {
                chatwire::genesys::peek_notification(&text).unwrap();
            });
            let allowed = usize::from(text.contains('\\'));
            assert!(
                count_allocations <= allowed,
                "{}: {count_allocations}",
                path.display()
            );
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            let bayeux = v.get("data").is_some() || v.get("channel").is_some();
            let data = if bayeux { &v["data"] } else { &v };
            assert_eq!(
                peek.channel.as_deref(),
                v["channel"].as_str(),
                "{}",
                path.display()
            );
            assert_eq!(
                peek.message_type.as_deref(),
                data["messageType"].as_str(),
                "{}",
                path.display()
            );
            assert_eq!(
                peek.notification_type.as_deref(),
                data["notificationType"].as_str(),
                "{}",
                path.display()
            );
            let n = chatwire::genesys::parse_notification(&text).unwrap();
            assert_eq!(
                peek.message_type.as_deref(),
                n.message_type(),
                "{}",
                path.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 26);

    // The form is decided by the keys, as for the parse: a `channel` key, even null, makes a
    // Bayeux message whose tags would be in `data`.
    let odd = r#"{"channel":null,"messageType":"MessageLogUpdated"}"#;
    let peek = chatwire::genesys::peek_notification(odd).unwrap();
    assert_eq!(
        peek.message_type.as_deref(),
        chatwire::genesys::parse_notification(odd)
            .unwrap()
            .message_type()
    );
    assert_eq!(peek.message_type, None);

    let e = peek_notification(
        r#"{"type":"ms.MessagingEventNotification","body":{"changes":[{"event":{"type":5}}]}}"#,
        |_| {},
    )
    .unwrap_err();
    assert_eq!(e.path(), "body.changes[0].event.type");
    assert!(peek_notification("{\"type\":\"x\"} trailing", |_| {}).is_err());
}
