//! The conversation tracker: order independence (a seeded, bounded property test over the
//! fixture conversations), de-duplication, gaps, stale snapshots, eviction and the state's round
//! trip through serde.

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
