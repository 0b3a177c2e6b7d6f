//! The shapes of `benches/limits.rs` (many malformed changes, many role keys, many participants
//! through the tracker) give exactly the results the short forms give: the linear-time code
//! paths agree with the plain ones. Timing is the bench's business, not this file's.

use chatwire::events::{EventKind, Source};
use chatwire::tracker::ConversationTracker;

const MESSAGING: &str = r#""type":"ms.MessagingEventNotification""#;

/// A pretty-printed body of `n` changes, every third one malformed: each malformed change's
/// error is at its own absolute path, line and column, as if it were the only one.
#[test]
fn many_malformed_changes_are_each_located_in_the_whole_document() {
    let n = 3_000;
    let mut doc = format!(
        "{{\n  \"kind\": \"notification\",\n  {MESSAGING},\n  \"body\": {{\n    \"changes\": [\n"
    );
    let mut expected = Vec::new();
    for i in 0..n {
        if i > 0 {
            doc.push_str(",\n");
        }
        if i % 3 == 0 {
            doc.push_str("      {\"dialogId\": \"d\",\n       \"sequence\": \"x\"}");
            let at = doc.rfind("\"x\"").unwrap();
            let line = doc[..at].matches('\n').count() + 1;
            let column = at - doc[..at].rfind('\n').unwrap() - 1;
            expected.push((i, format!("body.changes[{i}].sequence"), line, column));
        } else {
            doc.push_str(&format!(
                "      {{\"sequence\": {i}, \"dialogId\": \"d\", \"serverTimestamp\": 1528371161893,\n       \"event\": {{\"type\": \"ChatStateEvent\", \"chatState\": \"ACTIVE\"}}}}"
            ));
        }
    }
    doc.push_str("\n    ]\n  }\n}\n");
    let parsed = chatwire::parse_notification(&doc).unwrap();
    let malformed = parsed.malformed_changes();
    assert_eq!(malformed.len(), expected.len());
    for ((index, change), (i, path, line, column)) in malformed.into_iter().zip(expected) {
        let e = change.error();
        assert_eq!(index, i);
        assert_eq!(e.path(), path);
        // serde_json reports the position just after the offending string.
        assert_eq!((e.line(), e.column()), (line, column + 3), "{e}");
    }
}

/// A participants map of many roles: a role written twice is found wherever it is, and named.
#[test]
fn duplicate_roles_among_many_are_found() {
    let doc = |roles: &[String]| {
        let map: Vec<String> = roles.iter().map(|r| format!(r#""{r}":["p"]"#)).collect();
        format!(
            r#"{{"kind":"notification","type":"cqm.ExConversationChangeNotification","body":{{"changes":[{{"type":"UPSERT","result":{{"convId":"c","conversationDetails":{{"participants":{{{}}}}}}}}}]}}}}"#,
            map.join(",")
        )
    };
    let mut roles: Vec<String> = (0..2_000).map(|n| format!("ROLE{n}")).collect();
    roles.insert(3, "CONSUMER".into());
    let parsed = chatwire::parse_notification(&doc(&roles)).unwrap();
    let change = parsed.conversation_changes().next().unwrap();
    assert_eq!(change.details().unwrap().participant_roles().count(), 2_001);
    for (at, duplicate) in [(1_500, "ROLE1234"), (2, "ROLE1"), (1_999, "CONSUMER")] {
        let mut with = roles.clone();
        with.insert(at, duplicate.to_owned());
        let parsed = chatwire::parse_notification(&doc(&with)).unwrap();
        let (_, m) = parsed.malformed_changes()[0];
        let e = m.error();
        assert_eq!(
            e.path(),
            format!("body.changes[0].result.conversationDetails.participants.{duplicate}")
        );
        assert_eq!(e.message(), format!("duplicate field `{duplicate}`"));
    }
}

fn snapshot(participants: &[(String, &str)], updated: u64) -> String {
    let list: Vec<String> = participants
        .iter()
        .map(|(id, role)| format!(r#"{{"id":"{id}","role":"{role}"}}"#))
        .collect();
    format!(
        r#"{{"type":"UPSERT","result":{{"convId":"c1","conversationDetails":{{"participants":[{}],"state":"OPEN","stage":"OPEN","startTs":1528371161893,"metaDataLastUpdateTs":{updated}}}}}}}"#,
        list.join(",")
    )
}

/// Two snapshots of many participants: the second joins those it adds and leaves those it
/// drops (compared by id and role), and all the events of one snapshot share one copy of it.
#[test]
fn many_participants_join_and_leave_once_each_sharing_their_snapshot() {
    let first: Vec<(String, &str)> = (0..1_000).map(|n| (format!("p{n}"), "AGENT")).collect();
    // Half stay; half leave; 500 new ones join; one of those who stay changes role.
    let mut second: Vec<(String, &str)> =
        (500..1_500).map(|n| (format!("p{n}"), "AGENT")).collect();
    second[0].1 = "MANAGER";
    let doc = format!(
        r#"{{"kind":"notification","type":"cqm.ExConversationChangeNotification","body":{{"changes":[{},{}]}}}}"#,
        snapshot(&first, 1_528_371_161_900),
        snapshot(&second, 1_528_371_161_999)
    );
    let mut tracker = ConversationTracker::default();
    let out = tracker.ingest_json(&doc).unwrap();
    let (mut joined, mut left) = (Vec::new(), Vec::new());
    for e in &out.events {
        match &e.kind {
            EventKind::ParticipantJoined { participant } => joined.push(participant.clone()),
            EventKind::ParticipantLeft { participant } => left.push(participant.clone()),
            _ => {}
        }
    }
    // 1,000 joins from the first snapshot, 501 from the second (p500 as a manager included).
    assert_eq!(joined.len(), 1_000 + 501);
    assert_eq!(left.len(), 501);
    let left_ids: Vec<&str> = left.iter().map(|p| p.id.as_deref().unwrap()).collect();
    assert_eq!(left_ids[0], "p0");
    assert!(left_ids.contains(&"p500") && !left_ids.contains(&"p501"));
    // The events of each snapshot point at one shared copy of it.
    let conversation_items: Vec<*const chatwire::liveperson::ConversationChange> = out
        .events
        .iter()
        .filter_map(|e| match &e.source {
            Source::LivePersonConversation(c) => Some(&**c as *const _),
            _ => None,
        })
        .collect();
    let mut distinct = conversation_items.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(conversation_items.len(), out.events.len());
    assert_eq!(distinct.len(), 2, "one copy per snapshot");
}
