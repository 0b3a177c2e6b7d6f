//! The conversation tracker: order independence (a seeded, bounded property test over the
//! fixture conversations), de-duplication, gaps, stale snapshots, eviction (closed, idle, over the
//! cap, removed) with the memory bound, the state's round trip through serde and its format
//! version.

use std::time::Duration;

use chatwire::events::{CloseReason, EventKind, Position, Role, Vendor};
use chatwire::tracker::{ConversationStatus, ConversationTracker, Gap, TrackerConfig};
use serde_json::{Value, json};

mod common;
use common::Rng;

const CONVERSATIONS: [&str; 3] = [
    "liveperson_dc_webhooks_5491244f.jsonl",
    "liveperson_devassist_f2384f56.jsonl",
    "genesys_chat_0000Na9B26EF002X.jsonl",
];

const DC: &str = "5491244f-e462-4c63-bf4e-faf4b2d3e7b5";
const DEVASSIST: &str = "f2384f56-57d5-4087-bd47-8df0ec3102f6";
const GENESYS: &str = "0000Na9B26EF002X";

fn lines(name: &str) -> Vec<String> {
    let path = format!(
        "{}/tests/webhooks_examples/conversations/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines().map(str::to_owned).collect()
}

fn all_lines() -> Vec<String> {
    CONVERSATIONS.iter().flat_map(|c| lines(c)).collect()
}

fn replay(config: TrackerConfig, docs: &[String]) -> ConversationTracker {
    let mut tracker = ConversationTracker::new(config);
    for doc in docs {
        tracker
            .ingest_json(doc)
            .unwrap_or_else(|e| panic!("{e}\n{doc}"));
    }
    tracker.flush();
    tracker
}

/// What must not depend on the order of arrival: per conversation its state and transcript.
fn outcome(tracker: &ConversationTracker) -> Value {
    let conversations: Vec<Value> = tracker
        .conversations()
        .map(|c| {
            let dialogs: Vec<Value> = c
                .dialogs()
                .map(|d| {
                    json!([
                        d.id,
                        format!("{:?}", d.kind),
                        format!("{:?}", d.status),
                        d.held()
                    ])
                })
                .collect();
            json!({
                "vendor": format!("{:?}", c.vendor),
                "id": c.id,
                "status": format!("{:?}", c.status()),
                "close_reason": format!("{:?}", c.close_reason()),
                "participants": serde_json::to_value(c.participants()).unwrap(),
                "skill": c.skill(),
                "dialogs": dialogs,
                "transcript": serde_json::to_value(c.transcript()).unwrap(),
                "gaps": serde_json::to_value(c.gaps()).unwrap(),
            })
        })
        .collect();
    Value::Array(conversations)
}

/// The documents again, some of them twice or three times, in a shuffled order.
fn shuffled_with_duplicates(docs: &[String], rng: &mut Rng) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for doc in docs {
        let copies = 1 + usize::from(rng.below(3) == 0) + usize::from(rng.below(8) == 0);
        out.extend(std::iter::repeat_n(doc.clone(), copies));
    }
    for i in (1..out.len()).rev() {
        out.swap(i, rng.below(i + 1));
    }
    out
}

#[test]
fn any_order_with_duplicates_gives_the_same_transcripts_and_states() {
    let docs = all_lines();
    let expected = outcome(&replay(TrackerConfig::default(), &docs));
    // The in-order replay is the reference; check that it holds what the fixtures say.
    let reference = replay(TrackerConfig::default(), &docs);
    assert_eq!(reference.conversations().count(), 3);
    let mut rng = Rng(0x00C0_FFEE);
    let mut runs = 0;
    for hold_limit in [0, 1, 3, 32] {
        let config = TrackerConfig::new(
            hold_limit,
            Duration::from_secs(300),
            Duration::from_secs(60),
        );
        assert_eq!(
            outcome(&replay(config.clone(), &docs)),
            expected,
            "in order, hold {hold_limit}"
        );
        for _ in 0..50 {
            let order = shuffled_with_duplicates(&docs, &mut rng);
            let got = outcome(&replay(config.clone(), &order));
            if got != expected {
                panic!(
                    "hold {hold_limit}: order differs\n{}\nexpected {expected:#}\ngot {got:#}",
                    order.join("\n")
                );
            }
            runs += 1;
        }
    }
    assert_eq!(runs, 200);
}

#[test]
fn in_order_replay_builds_the_documented_conversations() {
    let tracker = replay(TrackerConfig::default(), &all_lines());

    let dc = tracker.conversation(Vendor::LivePerson, DC).unwrap();
    assert_eq!(dc.status(), Some(ConversationStatus::Open));
    let roles: Vec<Role> = dc.participants().iter().map(|p| p.role).collect();
    assert_eq!(roles, [Role::Agent, Role::Consumer]);
    let transcript: Vec<(Option<Position>, &EventKind)> = dc
        .transcript()
        .iter()
        .map(|e| (e.position, &e.kind))
        .collect();
    assert_eq!(transcript.len(), 3, "{transcript:?}");
    assert_eq!(dc.transcript()[0].text(), Some("Hello from Consumer"));
    assert!(matches!(transcript[1].1, EventKind::Delivery { .. }));
    assert_eq!(transcript[2].0, Some(Position::Sequence(2)));
    assert!(dc.gaps().is_empty());

    let devassist = tracker.conversation(Vendor::LivePerson, DEVASSIST).unwrap();
    assert_eq!(devassist.status(), Some(ConversationStatus::Closed));
    assert_eq!(devassist.close_reason(), Some(CloseReason::Agent));
    assert_eq!(devassist.skill(), Some("558327413"));

    let chat = tracker.conversation(Vendor::Genesys, GENESYS).unwrap();
    assert_eq!(chat.status(), Some(ConversationStatus::Closed));
    assert_eq!(chat.participants().len(), 2);
    let indexes: Vec<i64> = chat
        .transcript()
        .iter()
        .map(|e| e.position.unwrap().value())
        .collect();
    assert_eq!(indexes, (1..=9).collect::<Vec<_>>());
    assert!(chat.transcript()[6].is_private());
}

#[test]
fn each_event_is_emitted_once_in_conversation_order() {
    let docs = lines("genesys_chat_0000Na9B26EF002X.jsonl");
    let mut tracker = ConversationTracker::default();
    let mut emitted = Vec::new();
    // Messages in reverse, each twice, after the snapshots.
    let (snapshots, messages): (Vec<_>, Vec<_>) = docs
        .iter()
        .partition(|d| d.contains("ChatStateChangeMessage"));
    for doc in snapshots
        .iter()
        .chain(messages.iter().rev())
        .chain(messages.iter())
    {
        let out = tracker.ingest_json(doc).unwrap();
        emitted.extend(out.events.into_iter().filter_map(|e| e.position));
    }
    let expected: Vec<Position> = (1..=9).map(Position::Index).collect();
    assert_eq!(emitted, expected);
    assert_eq!(tracker.stats().duplicates, 9);
}

#[test]
fn a_gap_holds_events_back_until_it_fills() {
    let mut tracker = ConversationTracker::default();
    let text = |seq: i64, t: i64| {
        format!(
            r#"{{"kind":"notification","type":"ms.MessagingEventNotification","body":{{"changes":[
            {{"sequence":{seq},"serverTimestamp":{t},"dialogId":"c1","conversationId":"c1",
            "event":{{"type":"ContentEvent","contentType":"text/plain","message":"m{seq}"}}}}]}}}}"#
        )
    };
    let t0 = 1_700_000_000_000;
    assert!(tracker.ingest_json(&text(0, t0)).unwrap().events.len() == 1);
    let held = tracker.ingest_json(&text(2, t0 + 2)).unwrap();
    assert!(held.events.is_empty() && held.gaps.is_empty());
    assert_eq!(
        tracker
            .conversation(Vendor::LivePerson, "c1")
            .unwrap()
            .held(),
        1
    );
    let filled = tracker.ingest_json(&text(1, t0 + 1)).unwrap();
    let texts: Vec<_> = filled.events.iter().filter_map(|e| e.text()).collect();
    assert_eq!(texts, ["m1", "m2"]);
    assert!(
        tracker
            .conversation(Vendor::LivePerson, "c1")
            .unwrap()
            .gaps()
            .is_empty()
    );
}

#[test]
fn the_hold_limit_skips_a_gap_and_reports_it() {
    let config = TrackerConfig::new(1, Duration::from_secs(300), Duration::from_secs(60));
    let mut tracker = ConversationTracker::new(config);
    let docs = lines("liveperson_devassist_f2384f56.jsonl");
    // Sequence 5 alone waits for 0..5; the limit lets one event wait.
    let out = tracker.ingest_json(&docs[2]).unwrap();
    assert!(out.events.is_empty());
    // A second waiting event (sequence 7) goes over the limit: 5 is released, 0..5 skipped.
    let seq7 = docs[2].replace(r#""sequence":5"#, r#""sequence":7"#);
    let out = tracker.ingest_json(&seq7).unwrap();
    let released: Vec<_> = out.events.iter().filter_map(|e| e.position).collect();
    assert_eq!(released, [Position::Sequence(5)]);
    assert_eq!(
        out.gaps.iter().map(|g| (g.from, g.to)).collect::<Vec<_>>(),
        [(0, 5)]
    );
    let out = tracker.flush();
    assert_eq!(
        out.gaps.iter().map(|g| (g.from, g.to)).collect::<Vec<_>>(),
        [(6, 7)]
    );
    let conversation = tracker.conversation(Vendor::LivePerson, DEVASSIST).unwrap();
    let gaps: Vec<(i64, i64)> = conversation.gaps().iter().map(|g| (g.from, g.to)).collect();
    assert_eq!(gaps, [(0, 5), (6, 7)]);
    // The late sequence 6 fills its gap: emitted when it comes, placed in order.
    let seq6 = docs[2].replace(r#""sequence":5"#, r#""sequence":6"#);
    assert_eq!(tracker.ingest_json(&seq6).unwrap().events.len(), 1);
    let conversation = tracker.conversation(Vendor::LivePerson, DEVASSIST).unwrap();
    let order: Vec<i64> = conversation
        .transcript()
        .iter()
        .map(|e| e.position.unwrap().value())
        .collect();
    assert_eq!(order, [5, 6, 7]);
    let gap: &Gap = &conversation.gaps()[0];
    assert_eq!((gap.from, gap.to), (0, 5));
    assert_eq!(gap.vendor, Vendor::LivePerson);
    assert_eq!(gap.conversation_id, DEVASSIST);
    assert_eq!(conversation.gaps()[0].dialog_id.as_deref(), Some(DEVASSIST));
}

#[test]
fn the_hold_time_releases_old_events_by_vendor_time() {
    let config = TrackerConfig::new(32, Duration::from_secs(300), Duration::from_secs(60));
    let mut tracker = ConversationTracker::new(config);
    let text = |seq: i64, t: i64| {
        format!(
            r#"{{"kind":"notification","type":"ms.MessagingEventNotification","body":{{"changes":[
            {{"sequence":{seq},"serverTimestamp":{t},"dialogId":"c1",
            "event":{{"type":"ContentEvent","contentType":"text/plain","message":"m{seq}"}}}}]}}}}"#
        )
    };
    let t0 = 1_700_000_000_000;
    assert!(tracker.ingest_json(&text(3, t0)).unwrap().events.is_empty());
    assert!(
        tracker
            .ingest_json(&text(5, t0 + 299_000))
            .unwrap()
            .events
            .is_empty()
    );
    // Ten minutes after sequence 3: it and 5 have waited long enough.
    let out = tracker.ingest_json(&text(7, t0 + 600_000)).unwrap();
    let released: Vec<i64> = out
        .events
        .iter()
        .map(|e| e.position.unwrap().value())
        .collect();
    assert_eq!(released, [3, 5]);
    let gaps: Vec<(i64, i64)> = out.gaps.iter().map(|g| (g.from, g.to)).collect();
    assert_eq!(gaps, [(0, 3), (4, 5)]);
}

#[test]
fn stale_and_repeated_snapshots_are_ignored() {
    let docs = lines("liveperson_devassist_f2384f56.jsonl");
    let mut tracker = ConversationTracker::default();
    let closed = tracker.ingest_json(&docs[4]).unwrap();
    assert!(closed.events.iter().any(|e| e.kind
        == EventKind::ConversationClosed {
            reason: CloseReason::Agent
        }));
    // The same snapshot again (a retry) and an older one (reordered): nothing changes.
    for doc in [&docs[4], &docs[1], &docs[0]] {
        let out = tracker.ingest_json(doc).unwrap();
        assert!(out.events.is_empty(), "{:?}", out.events);
        assert_eq!(out.stale, 1);
    }
    let c = tracker.conversation(Vendor::LivePerson, DEVASSIST).unwrap();
    assert_eq!(c.status(), Some(ConversationStatus::Closed));
    assert_eq!(
        c.snapshot_updated().unwrap().timestamp_millis(),
        1553599771074
    );
    assert_eq!(tracker.stats().stale, 3);

    // Genesys: a chat that left is not brought back by a late Chatting.
    let chat = lines("genesys_chat_0000Na9B26EF002X.jsonl");
    let mut tracker = ConversationTracker::default();
    tracker.ingest_json(chat.last().unwrap()).unwrap();
    assert_eq!(tracker.ingest_json(&chat[1]).unwrap().stale, 1);
    let c = tracker.conversation(Vendor::Genesys, GENESYS).unwrap();
    assert_eq!(c.status(), Some(ConversationStatus::Closed));
}

#[test]
fn snapshots_emit_what_changed_since_the_state_in_force() {
    let docs = lines("liveperson_devassist_f2384f56.jsonl");
    let mut tracker = ConversationTracker::default();
    let kinds = |out: chatwire::tracker::Ingested| -> Vec<EventKind> {
        out.events.into_iter().map(|e| e.kind).collect()
    };
    let opened = kinds(tracker.ingest_json(&docs[0]).unwrap());
    assert!(matches!(
        opened[..],
        [
            EventKind::ConversationOpened,
            EventKind::ParticipantJoined { .. }
        ]
    ));
    let joined = kinds(tracker.ingest_json(&docs[1]).unwrap());
    assert!(
        matches!(&joined[..], [EventKind::ParticipantJoined { participant }] if participant.role == Role::Agent),
        "{joined:?}"
    );
    let transfer = kinds(tracker.ingest_json(&docs[3]).unwrap());
    assert!(transfer.contains(&EventKind::ConversationTransferred {
        from_skill: Some("558327413".into()),
        to_skill: Some("99999999".into())
    }));
    assert!(transfer
        .iter()
        .any(|k| matches!(k, EventKind::ParticipantLeft { participant } if participant.role == Role::Agent)));
}

#[test]
fn dialogs_seen_before_their_snapshot_join_the_conversation() {
    let survey_text = r#"{"kind":"notification","type":"ms.MessagingEventNotification","body":{"changes":[
        {"sequence":0,"serverTimestamp":1538499227634,"dialogId":"survey-1",
        "originatorMetadata":{"id":"bot","role":"AGENT"},
        "event":{"type":"ContentEvent","contentType":"text/plain","message":"Rate us"}}]}}"#;
    let snapshot = r#"{"kind":"notification","type":"cqm.ExConversationChangeNotification","body":{"changes":[
        {"type":"UPSERT","result":{"convId":"conv-1","conversationDetails":{"state":"CLOSE","stage":"OPEN",
        "metaDataLastUpdateTs":1538499227108,"dialogs":[
          {"dialogId":"conv-1","dialogType":"MAIN","state":"CLOSE"},
          {"dialogId":"survey-1","dialogType":"POST_SURVEY","state":"OPEN"}]}}}]}}"#;
    for order in [[survey_text, snapshot], [snapshot, survey_text]] {
        let mut tracker = ConversationTracker::default();
        for doc in order {
            tracker.ingest_json(doc).unwrap();
        }
        assert!(
            tracker
                .conversation(Vendor::LivePerson, "survey-1")
                .is_none()
        );
        let c = tracker.conversation(Vendor::LivePerson, "conv-1").unwrap();
        assert_eq!(c.status(), Some(ConversationStatus::Open));
        let transcript = c.transcript();
        assert_eq!(transcript.len(), 1);
        assert_eq!(transcript[0].text(), Some("Rate us"));
        assert_eq!(transcript[0].conversation_id.as_deref(), Some("conv-1"));
        assert_eq!(transcript[0].dialog_id.as_deref(), Some("survey-1"));
    }
}

#[test]
fn closed_conversations_are_evicted_after_the_configured_time() {
    let config = TrackerConfig::new(32, Duration::from_secs(300), Duration::from_secs(3600));
    let mut tracker = replay(config, &all_lines());
    assert_eq!(tracker.conversations().count(), 3);
    // devassist closed at its endTs; the Genesys chat, whose snapshots carry no time, at its
    // newest message (index 9).
    let hour = chrono::Duration::seconds(3600);
    let second = chrono::Duration::seconds(1);
    let genesys_end = chrono::DateTime::from_timestamp_millis(1389261516000).unwrap();
    assert!(tracker.evict_closed(genesys_end + hour - second).is_empty());
    let evicted: Vec<String> = tracker
        .evict_closed(genesys_end + hour)
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(evicted, [GENESYS]);
    let devassist_end = chrono::DateTime::from_timestamp_millis(1553599771074).unwrap();
    assert!(
        tracker
            .evict_closed(devassist_end + hour - second)
            .is_empty()
    );
    let evicted: Vec<String> = tracker
        .evict_closed(devassist_end + hour)
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(evicted, [DEVASSIST]);
    // The open conversation stays, however late.
    assert!(tracker.evict_closed(devassist_end + hour * 1000).is_empty());
    let left: Vec<&str> = tracker.conversations().map(|c| c.id.as_str()).collect();
    assert_eq!(left, [DC]);
    assert_eq!(tracker.stats().evicted, 2);
}

#[test]
fn the_state_round_trips_through_serde_and_goes_on_the_same() {
    let docs = all_lines();
    let (first, rest) = docs.split_at(docs.len() / 2);
    let mut original = ConversationTracker::new(TrackerConfig::new(
        4,
        Duration::from_secs(300),
        Duration::from_secs(60),
    ));
    // Reversed, so that events are held back when the state is saved.
    for doc in first.iter().rev() {
        original.ingest_json(doc).unwrap();
    }
    let held: usize = original.conversations().map(|c| c.held()).sum();
    assert!(held > 0, "the saved state should hold events back");
    let saved = serde_json::to_string(&original).unwrap();
    let mut restored: ConversationTracker = serde_json::from_str(&saved).unwrap();
    assert_eq!(restored, original);
    for doc in rest {
        assert_eq!(
            restored.ingest_json(doc).unwrap(),
            original.ingest_json(doc).unwrap()
        );
    }
    assert_eq!(restored.flush(), original.flush());
    assert_eq!(outcome(&restored), outcome(&original));
    // A saved state that is not a tracker is a clear error, not a panic.
    let err = serde_json::from_str::<ConversationTracker>(r#"{"config":1}"#).unwrap_err();
    assert!(err.to_string().contains("TrackerConfig"), "{err}");
}

#[test]
fn chat_states_without_a_position_pass_through() {
    let docs = lines("liveperson_dc_webhooks_5491244f.jsonl");
    let mut tracker = ConversationTracker::default();
    let typing = tracker.ingest_json(&docs[4]).unwrap();
    assert_eq!(typing.events.len(), 1);
    assert_eq!(typing.events[0].kind, EventKind::TypingStarted);
    // Not part of the transcript.
    assert!(
        tracker
            .conversation(Vendor::LivePerson, DC)
            .unwrap()
            .transcript()
            .is_empty()
    );
}

#[test]
fn hostile_positions_neither_panic_nor_hold_without_bound() {
    let text = |seq: i64| {
        format!(
            r#"{{"kind":"notification","type":"ms.MessagingEventNotification","body":{{"changes":[
            {{"sequence":{seq},"dialogId":"c1",
            "event":{{"type":"ContentEvent","contentType":"text/plain","message":"m"}}}}]}}}}"#
        )
    };
    let config = TrackerConfig::new(8, Duration::from_secs(300), Duration::from_secs(60));
    let mut tracker = ConversationTracker::new(config);
    for seq in [i64::MAX, i64::MIN, -1, 0, i64::MAX - 1, i64::MAX] {
        tracker.ingest_json(&text(seq)).unwrap();
    }
    // Far-apart positions: at most the limit waits, whatever arrives.
    for seq in (0..1000).map(|n| 1_000_000 + n * 7) {
        tracker.ingest_json(&text(seq)).unwrap();
        assert!(
            tracker
                .conversation(Vendor::LivePerson, "c1")
                .unwrap()
                .held()
                <= 8
        );
    }
    tracker.flush();
    let c = tracker.conversation(Vendor::LivePerson, "c1").unwrap();
    assert_eq!(c.held(), 0);
    assert!(c.gaps().iter().all(|g| g.from < g.to));
    // An event without a usable id goes through without a conversation.
    let orphan = r#"{"kind":"notification","type":"ms.MessagingEventNotification","body":{"changes":[
        {"event":{"type":"ChatStateEvent","chatState":"COMPOSING"}}]}}"#;
    assert_eq!(tracker.ingest_json(orphan).unwrap().events.len(), 1);
}

#[test]
fn snapshots_that_change_nothing_neutral_emit_nothing() {
    let chat = lines("genesys_chat_0000Na9B26EF002X.jsonl");
    let mut tracker = ConversationTracker::default();
    tracker.ingest_json(&chat[2]).unwrap(); // ParticipantsUpdated: Chatting, two participants
    // A PropertiesUpdated of the same chat, same state, same participants: only userData moved.
    let properties = chat[2].replace("ParticipantsUpdated", "PropertiesUpdated");
    let out = tracker.ingest_json(&properties).unwrap();
    assert!(out.events.is_empty(), "{:?}", out.events);
    assert_eq!(out.stale, 0);
    // Read on its own, the same document tells that the chat is open.
    let alone: Vec<EventKind> = chatwire::parse_any(&properties)
        .unwrap()
        .events()
        .map(|e| e.kind)
        .collect();
    assert_eq!(alone[0], EventKind::ConversationOpened);
}

/// Every bundled document of both vendors that parses, in `dir` and its subfolders.
fn every_fixture() -> Vec<String> {
    fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "json") {
                let text = std::fs::read_to_string(&path).unwrap();
                if chatwire::parse_any(&text).is_ok() {
                    out.push(text);
                }
            }
        }
    }
    let mut out = Vec::new();
    for vendor in ["liveperson", "genesys"] {
        let dir = format!(
            "{}/tests/webhooks_examples/{vendor}",
            env!("CARGO_MANIFEST_DIR")
        );
        walk(std::path::Path::new(&dir), &mut out);
    }
    out
}

#[test]
fn every_fixture_in_any_order_keeps_the_invariants() {
    let docs = every_fixture();
    assert!(docs.len() >= 60, "{}", docs.len());
    let mut rng = Rng(7);
    for round in 0..20 {
        let limit = rng.below(5);
        let config = TrackerConfig::new(limit, Duration::from_secs(60), Duration::from_secs(60));
        let mut tracker = ConversationTracker::new(config);
        let mut emitted = 0;
        for doc in shuffled_with_duplicates(&docs, &mut rng) {
            emitted += tracker.ingest_json(&doc).unwrap().events.len();
            for c in tracker.conversations() {
                for d in c.dialogs() {
                    assert!(
                        d.held() <= limit,
                        "round {round}: {} holds {}",
                        c.id,
                        d.held()
                    );
                }
            }
        }
        emitted += tracker.flush().events.len();
        assert_eq!(tracker.stats().events, emitted as u64);
        assert!(tracker.conversations().all(|c| c.held() == 0));
        // Every positioned event is in exactly one transcript, once.
        for c in tracker.conversations() {
            let positions: Vec<_> = c
                .transcript()
                .iter()
                .map(|e| (e.dialog_id.clone(), e.position))
                .collect();
            let mut unique = positions.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), positions.len(), "{}", c.id);
        }
        let saved = serde_json::to_string(&tracker).unwrap();
        let restored: ConversationTracker = serde_json::from_str(&saved).unwrap();
        if restored != tracker {
            let (a, b) = (format!("{tracker:?}"), format!("{restored:?}"));
            let at = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
            let from = at.saturating_sub(300);
            panic!(
                "round {round}: the restored state differs\n  saved: {}\nrestored: {}",
                &a[from..(at + 200).min(a.len())],
                &b[from..(at + 200).min(b.len())]
            );
        }
    }
}

#[test]
fn events_waiting_in_a_dialog_are_released_when_it_joins_its_conversation() {
    let survey = |seq: i64| {
        format!(
            r#"{{"kind":"notification","type":"ms.MessagingEventNotification","body":{{"changes":[
            {{"sequence":{seq},"serverTimestamp":{},"dialogId":"survey-1",
            "event":{{"type":"ContentEvent","contentType":"text/plain","message":"s{seq}"}}}}]}}}}"#,
            1538499227634 + seq
        )
    };
    let snapshot = r#"{"kind":"notification","type":"cqm.ExConversationChangeNotification","body":{"changes":[
        {"type":"UPSERT","result":{"convId":"conv-1","conversationDetails":{"stage":"OPEN",
        "metaDataLastUpdateTs":1538499227108,"dialogs":[
          {"dialogId":"survey-1","dialogType":"POST_SURVEY","state":"OPEN"}]}}}]}}"#;
    let mut tracker = ConversationTracker::default();
    // 1 waits for 0 in the orphan dialog; 0 arrives after the snapshot joined the dialog.
    assert!(tracker.ingest_json(&survey(1)).unwrap().events.is_empty());
    tracker.ingest_json(snapshot).unwrap();
    let out = tracker.ingest_json(&survey(0)).unwrap();
    let texts: Vec<_> = out.events.iter().filter_map(|e| e.text()).collect();
    assert_eq!(texts, ["s0", "s1"]);
    let c = tracker.conversation(Vendor::LivePerson, "conv-1").unwrap();
    assert_eq!(c.held(), 0);
    assert!(
        c.transcript()
            .iter()
            .all(|e| e.conversation_id.as_deref() == Some("conv-1"))
    );
}

/// A LivePerson text of conversation `id` (its main dialog) at `millis`, sequence `seq`.
fn liveperson_text(id: &str, seq: i64, millis: i64) -> String {
    format!(
        r#"{{"kind":"notification","type":"ms.MessagingEventNotification","body":{{"changes":[
        {{"sequence":{seq},"serverTimestamp":{millis},"dialogId":"{id}","conversationId":"{id}",
        "originatorMetadata":{{"id":"u1","role":"CONSUMER"}},
        "event":{{"type":"ContentEvent","contentType":"text/plain","message":"m{seq}"}}}}]}}}}"#
    )
}

/// A LivePerson snapshot of open conversation `id` with a main and a survey dialog.
fn liveperson_snapshot(id: &str, millis: i64) -> String {
    format!(
        r#"{{"kind":"notification","type":"cqm.ExConversationChangeNotification","body":{{"changes":[
        {{"type":"UPSERT","result":{{"convId":"{id}","conversationDetails":{{"stage":"OPEN",
        "metaDataLastUpdateTs":{millis},"dialogs":[
          {{"dialogId":"{id}","dialogType":"MAIN","state":"OPEN"}},
          {{"dialogId":"{id}-survey","dialogType":"POST_SURVEY","state":"OPEN"}}]}}}}}}]}}}}"#
    )
}

/// A Genesys message (index 1) of chat `id` at `millis`, from the fixture chat's first one.
fn genesys_message(id: &str, millis: i64) -> String {
    lines("genesys_chat_0000Na9B26EF002X.jsonl")[3]
        .replace(GENESYS, id)
        .replace("1389261484000", &millis.to_string())
}

fn time(millis: i64) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(millis).unwrap()
}

#[test]
fn never_closed_conversations_are_evicted_when_idle_and_stay_within_the_bound() {
    const N: i64 = 10_000;
    const EVERY: i64 = 100;
    let t0 = 1_700_000_000_000;
    let mut config = TrackerConfig::default();
    config.evict_idle_after = Duration::from_secs(600);
    let mut tracker = ConversationTracker::new(config.clone());
    let mut unbounded = ConversationTracker::new(config);
    // One conversation a second, each opened and never closed; every 100 notifications the
    // receiver evicts the idle ones, `now` being the newest notification's time.
    let (mut most, mut evicted) = (0, 0);
    for n in 0..N {
        let doc = if n % 2 == 0 {
            liveperson_text(&format!("c{n}"), 0, t0 + n * 1000)
        } else {
            genesys_message(&format!("chat{n}"), t0 + n * 1000)
        };
        tracker.ingest_json(&doc).unwrap();
        unbounded.ingest_json(&doc).unwrap();
        most = most.max(tracker.len());
        if n % EVERY == EVERY - 1 {
            let gone = tracker.evict_idle(time(t0 + n * 1000));
            // Every one evicted was idle for at least 600 s, and none was closed.
            for c in &gone {
                let idle = time(t0 + n * 1000) - c.last_activity().unwrap();
                assert!(idle >= chrono::Duration::seconds(600), "{} {idle}", c.id);
                assert_eq!(c.status(), None);
                // One text per LivePerson conversation, two joins per Genesys chat.
                let expected = if c.vendor == Vendor::LivePerson { 1 } else { 2 };
                assert_eq!(c.transcript().len(), expected);
            }
            evicted += gone.len();
            // Left: the 600 conversations active in the last 600 s (n-599..=n), once that many
            // were ingested.
            assert_eq!(tracker.len(), (n as usize + 1).min(600), "after {n}");
        }
    }
    // The bound: 600 active in the idle time, plus the 100 ingested between two calls.
    assert_eq!(most, 700);
    assert_eq!(evicted, N as usize - 600);
    assert_eq!(tracker.stats().evicted, evicted as u64);
    assert_eq!(tracker.stats().notifications, N as u64);
    // Without eviction the same notifications keep every conversation.
    assert_eq!(unbounded.len(), N as usize);
    // What is left is what was active last.
    let oldest = tracker
        .conversations()
        .map(|c| c.last_activity().unwrap())
        .min()
        .unwrap();
    assert_eq!(oldest, time(t0 + (N - 600) * 1000));
}

#[test]
fn idle_eviction_measures_by_vendor_times_and_stamps_conversations_without_one() {
    let mut config = TrackerConfig::default();
    config.evict_idle_after = Duration::from_secs(3600);
    let mut tracker = ConversationTracker::new(config);
    let t0 = 1_700_000_000_000;
    let hour = chrono::Duration::seconds(3600);
    // A LivePerson conversation: its text at t0, then a snapshot updated 10 minutes later.
    tracker.ingest_json(&liveperson_text("c1", 0, t0)).unwrap();
    tracker
        .ingest_json(&liveperson_snapshot("c1", t0 + 600_000))
        .unwrap();
    let c1 = tracker.conversation(Vendor::LivePerson, "c1").unwrap();
    assert_eq!(c1.last_activity(), Some(time(t0 + 600_000)));
    // A Genesys chat known only from a state change: no time at all.
    let chat = lines("genesys_chat_0000Na9B26EF002X.jsonl");
    tracker.ingest_json(&chat[1]).unwrap();
    let untimed = tracker.conversation(Vendor::Genesys, GENESYS).unwrap();
    assert_eq!(untimed.last_activity(), None);

    // The first call stamps the untimed chat and keeps both.
    let now = time(t0 + 600_000) + hour - chrono::Duration::milliseconds(1);
    assert!(tracker.evict_idle(now).is_empty());
    assert_eq!(tracker.len(), 2);
    // An hour after the snapshot: c1 goes; the chat, stamped at the first call, stays.
    let evicted: Vec<String> = tracker
        .evict_idle(time(t0 + 600_000) + hour)
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(evicted, ["c1"]);
    // A notification about the chat, still without a time, restarts its idle time.
    tracker.ingest_json(&chat[2]).unwrap();
    assert!(tracker.evict_idle(now + hour).is_empty());
    assert!(
        tracker
            .evict_idle(now + hour + hour - chrono::Duration::seconds(1))
            .is_empty()
    );
    let evicted: Vec<String> = tracker
        .evict_idle(now + hour + hour)
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(evicted, [GENESYS]);
    assert!(tracker.is_empty());
    assert_eq!(tracker.stats().evicted, 2);

    // Duration::MAX never evicts, whatever the times.
    let mut config = TrackerConfig::default();
    config.evict_idle_after = Duration::MAX;
    config.evict_closed_after = Duration::MAX;
    let mut tracker = replay(config, &all_lines());
    let far = chrono::DateTime::<chrono::Utc>::MAX_UTC;
    assert!(tracker.evict_idle(far).is_empty());
    assert!(tracker.evict_closed(far).is_empty());
    assert_eq!(tracker.len(), 3);
}

#[test]
fn the_cap_bounds_live_conversations_whatever_their_times() {
    const CAP: usize = 1000;
    const N: usize = 20_000;
    let mut config = TrackerConfig::default();
    config.max_conversations = CAP;
    let mut tracker = ConversationTracker::new(config);
    let mut rng = Rng(0x5EED);
    let far_future = 253_402_300_799_000; // 9999-12-31T23:59:59Z
    let mut evicted: Vec<String> = Vec::new();
    let mut most = 0;
    // A conversation touched again and again stays, however old its times.
    tracker
        .ingest_json(&liveperson_snapshot("keep", 1_000))
        .unwrap();
    for n in 0..N {
        // Times an attacker picks: far future, far past, or anything.
        let millis = match rng.below(3) {
            0 => far_future - n as i64,
            1 => n as i64,
            _ => 1_000_000_000_000 + rng.below(1 << 30) as i64,
        };
        let doc = match n % 3 {
            0 => liveperson_text(&format!("c{n}"), 0, millis),
            1 => liveperson_snapshot(&format!("c{n}"), millis),
            _ => genesys_message(&format!("chat{n}"), millis),
        };
        let out = tracker.ingest_json(&doc).unwrap();
        evicted.extend(out.evicted.into_iter().map(|c| c.id));
        if n % 500 == 0 {
            tracker
                .ingest_json(&liveperson_text("keep", n as i64 + 1, 2_000))
                .unwrap();
        }
        most = most.max(tracker.len());
        assert!(tracker.len() <= CAP, "{} after {n}", tracker.len());
    }
    assert_eq!(most, CAP);
    assert_eq!(tracker.len(), CAP);
    // 20 001 conversations came, 1 000 are kept; the rest were evicted and reported, least
    // recently active first: the order they came in, whatever their times.
    assert_eq!(evicted.len(), N + 1 - CAP);
    assert_eq!(tracker.stats().evicted, (N + 1 - CAP) as u64);
    assert!(!evicted.iter().any(|id| id == "keep"));
    let expected: Vec<String> = (0..N - CAP + 1)
        .map(|n| match n % 3 {
            2 => format!("chat{n}"),
            _ => format!("c{n}"),
        })
        .collect();
    assert_eq!(evicted, expected);
    assert!(tracker.conversation(Vendor::LivePerson, "keep").is_some());
    // The dialogs registered by the evicted snapshots went with them: the saved state lists
    // only those of the conversations kept.
    let saved = serde_json::to_value(&tracker).unwrap();
    let dialogs = saved["dialogs"].as_object().unwrap();
    assert!(dialogs.len() <= 2 * tracker.len(), "{}", dialogs.len());
    for conversation in dialogs.values() {
        let id = conversation.as_str().unwrap();
        assert!(
            tracker.conversation(Vendor::LivePerson, id).is_some(),
            "{id}"
        );
    }
    // And the order of activity survives a save: the next eviction is the least recent one.
    let mut restored: ConversationTracker = serde_json::from_str(&saved.to_string()).unwrap();
    assert_eq!(restored, tracker);
    let out = restored.ingest_json(&liveperson_text("new", 0, 5)).unwrap();
    let next = tracker.ingest_json(&liveperson_text("new", 0, 5)).unwrap();
    assert_eq!(out.evicted.len(), 1);
    assert_eq!(out, next);
    let n = N - CAP + 1;
    let least_recent = match n % 3 {
        2 => format!("chat{n}"),
        _ => format!("c{n}"),
    };
    assert_eq!(out.evicted[0].id, least_recent);
    // Idle eviction cannot drop the far-future ones: the cap is what bounds them.
    let far_future_left = tracker
        .conversations()
        .filter(|c| c.last_activity() > Some(time(far_future - N as i64 - 1)))
        .count();
    assert!(far_future_left > 0);
    let idle = tracker.evict_idle(time(1_700_000_000_000));
    assert!(!idle.is_empty());
    // Only they are left: every other time was long past.
    assert_eq!(tracker.len(), far_future_left);
}

#[test]
fn a_cap_of_zero_keeps_nothing_but_still_emits() {
    let mut config = TrackerConfig::default();
    config.max_conversations = 0;
    let mut tracker = ConversationTracker::new(config);
    let out = tracker.ingest_json(&liveperson_text("c1", 0, 5)).unwrap();
    assert_eq!(out.events.len(), 1);
    assert_eq!(out.evicted.len(), 1);
    assert_eq!(out.evicted[0].transcript().len(), 1);
    assert!(tracker.is_empty());
}

#[test]
fn remove_drops_one_conversation_with_its_dialogs() {
    let mut tracker = replay(TrackerConfig::default(), &all_lines());
    let devassist = tracker.remove(Vendor::LivePerson, DEVASSIST).unwrap();
    assert_eq!(devassist.id, DEVASSIST);
    assert_eq!(devassist.status(), Some(ConversationStatus::Closed));
    assert!(
        tracker
            .conversation(Vendor::LivePerson, DEVASSIST)
            .is_none()
    );
    assert!(tracker.remove(Vendor::LivePerson, DEVASSIST).is_none());
    // The vendor is part of the key.
    assert!(tracker.remove(Vendor::LivePerson, GENESYS).is_none());
    let chat = tracker.remove(Vendor::Genesys, GENESYS).unwrap();
    assert_eq!(chat.transcript().len(), 9);
    let left: Vec<&str> = tracker.conversations().map(|c| c.id.as_str()).collect();
    assert_eq!(left, [DC]);
    assert_eq!(tracker.len(), 1);
    assert_eq!(tracker.stats().evicted, 0);

    // A conversation's dialogs go with it: a survey text without a conversation id no
    // longer joins it, and starts a conversation of its own.
    let mut tracker = ConversationTracker::default();
    tracker
        .ingest_json(&liveperson_snapshot("conv-1", 1_538_499_227_108))
        .unwrap();
    let survey = r#"{"kind":"notification","type":"ms.MessagingEventNotification","body":{"changes":[
        {"sequence":0,"serverTimestamp":1538499227634,"dialogId":"conv-1-survey",
        "event":{"type":"ContentEvent","contentType":"text/plain","message":"Rate us"}}]}}"#;
    let mut kept = tracker.clone();
    kept.ingest_json(survey).unwrap();
    assert_eq!(kept.len(), 1);
    let removed = tracker.remove(Vendor::LivePerson, "conv-1").unwrap();
    assert_eq!(removed.dialogs().count(), 2);
    let saved = serde_json::to_value(&tracker).unwrap();
    assert_eq!(saved["dialogs"], json!({}));
    tracker.ingest_json(survey).unwrap();
    let ids: Vec<&str> = tracker.conversations().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["conv-1-survey"]);
}

#[test]
fn an_endless_hold_time_holds_by_count_only() {
    let config = TrackerConfig::new(2, Duration::MAX, Duration::from_secs(60));
    let mut tracker = ConversationTracker::new(config);
    let t0 = 1_700_000_000_000;
    assert!(
        tracker
            .ingest_json(&liveperson_text("c1", 3, t0))
            .unwrap()
            .events
            .is_empty()
    );
    let out = tracker
        .ingest_json(&liveperson_text("c1", 5, t0 + 86_400_000))
        .unwrap();
    assert!(out.events.is_empty(), "{:?}", out.events);
    // A third waiting event goes over the count.
    let out = tracker
        .ingest_json(&liveperson_text("c1", 7, t0 + 86_400_001))
        .unwrap();
    let released: Vec<i64> = out
        .events
        .iter()
        .map(|e| e.position.unwrap().value())
        .collect();
    assert_eq!(released, [3]);
}

/// The saved state of a tracker that holds one event back, as JSON text.
fn saved_state() -> String {
    let mut tracker = ConversationTracker::default();
    tracker.ingest_json(&liveperson_text("c1", 0, 5)).unwrap();
    tracker.ingest_json(&liveperson_text("c1", 2, 7)).unwrap();
    serde_json::to_string(&tracker).unwrap()
}

fn read_state(text: &str) -> Result<ConversationTracker, String> {
    serde_json::from_str::<ConversationTracker>(text).map_err(|e| e.to_string())
}

#[test]
fn the_saved_state_carries_its_format_version_first() {
    assert_eq!(ConversationTracker::FORMAT_VERSION, 1);
    let saved = saved_state();
    assert!(
        saved.starts_with(r#"{"chatwire_tracker_format":1,"config":{"#),
        "{saved}"
    );
    // The current version reads back, equal, and goes on the same.
    let mut restored = read_state(&saved).unwrap();
    let mut original = read_state(&saved).unwrap();
    assert_eq!(
        restored
            .conversation(Vendor::LivePerson, "c1")
            .unwrap()
            .held(),
        1
    );
    assert_eq!(serde_json::to_string(&restored).unwrap(), saved);
    let fill = liveperson_text("c1", 1, 6);
    assert_eq!(
        restored.ingest_json(&fill).unwrap(),
        original.ingest_json(&fill).unwrap()
    );
    assert_eq!(
        restored
            .conversation(Vendor::LivePerson, "c1")
            .unwrap()
            .transcript()
            .len(),
        3
    );
    // Through a `Value` (whose keys may be sorted), written out and read back.
    let value = serde_json::to_value(&original).unwrap();
    assert_eq!(
        value.as_object().unwrap().keys().next().unwrap(),
        "chatwire_tracker_format"
    );
    let from_value: ConversationTracker = serde_json::from_str(&value.to_string()).unwrap();
    assert_eq!(from_value, original);
}

#[test]
fn a_state_of_another_format_version_is_a_clear_error() {
    let saved = saved_state();
    let key = r#""chatwire_tracker_format":1"#;
    let with =
        |version: &str| saved.replacen(key, &format!(r#""chatwire_tracker_format":{version}"#), 1);
    // The next version, an old one and a negative one: named, with the version this build reads.
    for version in ["2", "0", "-1", "4294967296"] {
        let err = read_state(&with(version)).unwrap_err();
        assert!(
            err.starts_with(&format!(
                "saved tracker state of format version {version}: this build of chatwire reads \
                 format version 1 only"
            )),
            "{version}: {err}"
        );
    }
    // Not a version at all: the error shows what was there and what a version is.
    for (garbage, shown) in [
        (r#""1""#, r#"string "1""#),
        (r#""two""#, r#"string "two""#),
        ("1.5", "floating point `1.5`"),
        ("null", "null"),
        ("true", "boolean `true`"),
        ("[1]", "sequence"),
        ("{}", "map"),
    ] {
        let err = read_state(&with(garbage)).unwrap_err();
        assert!(
            err.starts_with(&format!(
                "invalid type: {shown}, expected the format version of a saved tracker state \
                 (this build of chatwire reads format version 1)"
            )),
            "{garbage}: {err}"
        );
    }
    // A version 2 whose other fields this build cannot read: the version is read first, and is
    // what the error names, also once a `Value` sorted the keys.
    let mut value: Value = serde_json::from_str(&with("2")).unwrap();
    value["config"] = json!("a configuration of format 2");
    value["liveperson"] = json!([]);
    let sorted = serde_json::to_string(&value).unwrap();
    for err in [
        read_state(&sorted).unwrap_err(),
        serde_json::from_value::<ConversationTracker>(value)
            .unwrap_err()
            .to_string(),
    ] {
        assert!(err.contains("format version 2"), "{err}");
    }
    // Found after the other fields, it is still checked.
    let mut state: serde_json::Map<String, Value> = serde_json::from_str(&saved).unwrap();
    state.remove("chatwire_tracker_format");
    let text = serde_json::to_string(&state).unwrap();
    let last = format!(
        "{},\"chatwire_tracker_format\":2}}",
        &text[..text.len() - 1]
    );
    let err = read_state(&last).unwrap_err();
    assert!(err.contains("format version 2"), "{err}");
}

#[test]
fn a_state_without_a_format_version_is_refused() {
    let expected = "saved tracker state without `chatwire_tracker_format`: written before saved \
                    states carried a format version, or not a tracker state; this build of \
                    chatwire reads format version 1 only (start a new tracker)";
    // A state saved by the last build before format versions (see its README).
    let path = format!(
        "{}/tests/webhooks_examples/tracker_states/unversioned.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let old = std::fs::read_to_string(&path).unwrap();
    assert!(old.starts_with(r#"{"config":"#));
    assert_eq!(read_state(&old).unwrap_err(), expected);
    // Today's state with its version taken out.
    let mut state: serde_json::Map<String, Value> = serde_json::from_str(&saved_state()).unwrap();
    state.remove("chatwire_tracker_format");
    let text = serde_json::to_string(&state).unwrap();
    assert_eq!(read_state(&text).unwrap_err(), expected);
    // A tracker without conversations, through `from_value`.
    let mut empty = serde_json::to_value(ConversationTracker::default()).unwrap();
    empty
        .as_object_mut()
        .unwrap()
        .remove("chatwire_tracker_format");
    let err = serde_json::from_value::<ConversationTracker>(empty).unwrap_err();
    assert_eq!(err.to_string(), expected);
}

/// `endTs: 0` is LivePerson's "not set": a closed snapshot that carries it (and no
/// `metaDataLastUpdateTs`) is not taken as closed in 1970, so it is not evicted at once.
#[test]
fn a_zero_end_time_is_not_set_and_does_not_evict_at_once() {
    let open = include_str!(
        "webhooks_examples/liveperson/044_mwapi_apiref_exconv_open_zero_sentinels.json"
    );
    let closed = open.replace(r#""state":"OPEN""#, r#""state":"CLOSE""#);
    assert_ne!(closed, open);
    let mut tracker = ConversationTracker::default();
    tracker.ingest_json(&closed).unwrap();
    let id = "a9531749-a0c1-4571-8459-9e97c8366832";
    let conversation = tracker.conversation(Vendor::LivePerson, id).unwrap();
    assert_eq!(conversation.status(), Some(ConversationStatus::Closed));
    // startTs 1478069636348 (2016-11-02); the latest activity is not 1970.
    let start = chrono::DateTime::from_timestamp_millis(1_478_069_636_348).unwrap();
    assert_eq!(conversation.last_activity(), Some(start));
    // Ten minutes after the start: an `endTs` of 1970 would be more than an hour ago.
    let now = start + chrono::Duration::minutes(10);
    assert!(tracker.evict_closed(now).is_empty());
    assert_eq!(tracker.len(), 1);
    // The first call that saw it closed starts the hour.
    assert_eq!(
        tracker
            .evict_closed(now + chrono::Duration::minutes(61))
            .len(),
        1
    );
}
