//! What `tagged_enum!` generates for `liveperson::Event`, `liveperson::Metadata` and
//! `genesys::Data`: tag constants, the known lists, the unknown variant's type, dispatch
//! wherever the tag is written, and the validation of unknown tags.

use chatwire::genesys::{self, Data, UnknownData};
use chatwire::json::{Extra, RawJson};
use chatwire::liveperson::{
    self, AcceptStatusEvent, ChatStateEvent, ContentEvent, Event, Metadata, RichContentEvent,
    UnknownEvent, UnknownMetadata, WebhookSubscription,
};
use chatwire::{Rule, Severity};

#[test]
fn each_variant_type_carries_its_tag_and_the_lists_agree() {
    assert_eq!(ContentEvent::TYPE, "ContentEvent");
    assert_eq!(RichContentEvent::TYPE, "RichContentEvent");
    assert_eq!(AcceptStatusEvent::TYPE, "AcceptStatusEvent");
    assert_eq!(ChatStateEvent::TYPE, "ChatStateEvent");
    assert_eq!(
        genesys::ChatStateChangeMessage::MESSAGE_TYPE,
        "ChatStateChangeMessage"
    );
    assert_eq!(
        genesys::MessageLogUpdated::MESSAGE_TYPE,
        "MessageLogUpdated"
    );
    for tag in [ContentEvent::TYPE, ChatStateEvent::TYPE] {
        assert!(Event::KNOWN.contains(&tag));
    }
    assert_eq!(liveperson::ExternalId::TYPE, "ExternalId");
    assert_eq!(liveperson::IbmWatsonInfo::TYPE, "IBMWatsonInfo");
    for (known, by_tag) in [
        (Event::KNOWN, Event::FIELDS_BY_TAG),
        (Metadata::KNOWN, Metadata::FIELDS_BY_TAG),
        (Data::KNOWN, Data::FIELDS_BY_TAG),
    ] {
        let tags: Vec<&str> = by_tag.iter().map(|(t, _)| *t).collect();
        assert_eq!(tags, known);
    }
    let fields_of = |tag| {
        Event::FIELDS_BY_TAG
            .iter()
            .find(|(t, _)| *t == tag)
            .unwrap()
            .1
    };
    assert_eq!(fields_of("ChatStateEvent"), ChatStateEvent::FIELDS);
    assert_eq!(
        fields_of("ContentEvent"),
        ["contentType", "message", "quickReplies"]
    );
}

#[test]
fn the_tag_selects_the_variant_wherever_it_is_written() {
    for json in [
        r#"{"type":"ChatStateEvent","chatState":"COMPOSING"}"#,
        r#"{"chatState":"COMPOSING","type":"ChatStateEvent"}"#,
    ] {
        let event: Event = serde_json::from_str(json).unwrap();
        assert!(event.is_known());
        assert_eq!(event.event_type(), Some(ChatStateEvent::TYPE));
        // Written back with the tag first.
        assert_eq!(
            serde_json::to_string(&event).unwrap(),
            r#"{"type":"ChatStateEvent","chatState":"COMPOSING"}"#
        );
    }
    let json =
        r#"{"notificationType":"NewMessages","messages":[],"messageType":"MessageLogUpdated"}"#;
    let data: Data = serde_json::from_str(json).unwrap();
    assert!(matches!(data, Data::MessageLogUpdated(_)));
    let meta: Metadata = serde_json::from_str(r#"{"id":"x","type":"ExternalId"}"#).unwrap();
    assert_eq!(meta.metadata_type(), Some("ExternalId"));
    assert!(matches!(meta, Metadata::ExternalId(m) if m.id.as_deref() == Some("x")));
}

#[test]
fn a_repeated_tag_is_an_error_naming_it() {
    let err = serde_json::from_str::<Event>(
        r#"{"type":"ChatStateEvent","chatState":"ACTIVE","type":"ContentEvent"}"#,
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("type"), "{err}");
    assert!(err.contains("duplicate"), "{err}");
}

#[test]
fn unknown_objects_of_every_enum_are_kept_and_round_trip_alone() {
    let mut fields = Extra::new();
    fields.insert("x", RawJson::from_json("[1,2]").unwrap());
    let event = UnknownEvent::new("ReactionEvent", fields.clone());
    let metadata = UnknownMetadata::new("ChannelInfo", fields.clone());
    let data = UnknownData::new("FileTransfer", fields.clone());
    assert_eq!(
        serde_json::to_string(&event).unwrap(),
        r#"{"type":"ReactionEvent","x":[1,2]}"#
    );
    assert_eq!(
        metadata.to_json().get(),
        r#"{"type":"ChannelInfo","x":[1,2]}"#
    );
    assert_eq!(
        serde_json::to_string(&data).unwrap(),
        r#"{"messageType":"FileTransfer","x":[1,2]}"#
    );
    let back: UnknownMetadata =
        serde_json::from_str(r#"{"x":[1,2],"type":"ChannelInfo"}"#).unwrap();
    assert_eq!(back, metadata);
    let back: UnknownData = serde_json::from_value(serde_json::json!({
        "messageType": "FileTransfer", "x": [1, 2]
    }))
    .unwrap();
    assert_eq!(back, data);
    let untyped = UnknownEvent::untyped(fields);
    assert_eq!(untyped.event_type(), None);
    assert!(!Event::from(untyped).is_known());
}

#[test]
fn an_unknown_type_refuses_a_modelled_tag_with_a_clear_error() {
    let err =
        serde_json::from_str::<UnknownMetadata>(r#"{"type":"ExternalId","id":"1"}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "type: expected an object of an unknown `type`, found type `ExternalId`"
    );
    let err = serde_json::from_str::<UnknownData>(r#"{"messageType":"MessageLogUpdated"}"#)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with(
            "messageType: expected an object of an unknown `messageType`, found messageType `MessageLogUpdated`"
        ),
        "{err}"
    );
}

/// A LivePerson messaging notification with one change whose `event` and `metadata` are given.
fn messaging(event: &str, metadata: &str) -> String {
    format!(
        r#"{{"kind":"notification","type":"ms.MessagingEventNotification","body":{{"changes":[{{"sequence":1,"originatorId":"o","serverTimestamp":1528371161893,"dialogId":"d","metadata":{metadata},"event":{event}}}]}}}}"#
    )
}

#[test]
fn validation_names_the_known_tags_of_an_unknown_one() {
    let json = messaging(
        r#"{"type":"ReactionEvent"}"#,
        r#"[{"type":"ChannelInfo"},{"id":"x"}]"#,
    );
    let report = chatwire::validate_notification(&chatwire::parse_notification(&json).unwrap());
    let issues: Vec<(Severity, Rule, String)> = report
        .issues()
        .map(|i| (i.severity, i.rule, i.to_string()))
        .collect();
    let known_metadata = Metadata::KNOWN.join(", ");
    assert_eq!(
        issues,
        [
            (
                Severity::Warning,
                Rule::UnknownMetadataType,
                format!(
                    "body.changes[0].metadata[0].type: unknown metadata kind `ChannelInfo` (this version models {known_metadata})"
                )
            ),
            (
                Severity::Warning,
                Rule::UnknownMetadataType,
                "body.changes[0].metadata[1].type: missing".to_owned()
            ),
            (
                Severity::Warning,
                Rule::UnknownEventType,
                format!(
                    "body.changes[0].event.type: unknown event type `ReactionEvent` (this version models {})",
                    Event::KNOWN.join(", ")
                )
            ),
        ]
    );
    // An event without `type` is an error; so is Genesys `data` without `messageType`.
    let json = messaging(r#"{"chatState":"ACTIVE"}"#, "[]");
    let report = chatwire::validate_notification(&chatwire::parse_notification(&json).unwrap());
    assert_eq!(
        report.errors()[0].to_string(),
        "body.changes[0].event.type: missing"
    );
    let n = genesys::parse_notification(r#"{"data":{"notificationType":"NewMessages"}}"#).unwrap();
    let report = genesys::validate_notification(&n);
    assert_eq!(report.errors()[0].to_string(), "data.messageType: missing");
}

#[test]
fn subscriptions_follow_the_event_types() {
    // Every messaging-event subscription key names an event type the crate models, and is the
    // key `for_event_type` gives for it.
    let mut named = 0;
    for key in WebhookSubscription::KNOWN {
        if let Some(t) = key.strip_prefix(WebhookSubscription::MESSAGING_EVENT_PREFIX) {
            assert!(
                Event::KNOWN.contains(&t),
                "{key} names no modelled event type"
            );
            assert_eq!(WebhookSubscription::for_event_type(t).as_str(), *key);
            named += 1;
        }
    }
    assert_eq!(named, 4);
    let json = messaging(
        r#"{"type":"AcceptStatusEvent","status":"READ","sequenceList":[1]}"#,
        "[]",
    );
    let n = chatwire::parse_notification(&json).unwrap();
    assert_eq!(
        n.messaging_changes().next().unwrap().subscription(),
        Some(WebhookSubscription::AcceptStatusEvent)
    );
    let json = messaging(r#"{"type":"ReactionEvent"}"#, "[]");
    let n = chatwire::parse_notification(&json).unwrap();
    assert_eq!(n.messaging_changes().next().unwrap().subscription(), None);
    // A type without a variant still gets its key, as an unknown value.
    let key = WebhookSubscription::for_event_type("ReactionEvent");
    assert!(!key.is_known());
    assert_eq!(key.as_str(), "ms.MessagingEventNotification.ReactionEvent");
}
