//! Targeted tests of the LivePerson model on real payloads: each event, content type, metadata
//! kind, both participant forms, unknown values and fields, explicit nulls, conveniences.

mod common;

use chatwire::liveperson::*;
use common::assert_lossless;

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/webhooks_examples/liveperson/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn messaging(changes: &str) -> String {
    format!(
        r#"{{"kind":"notification","type":"ms.MessagingEventNotification","body":{{"changes":[{changes}]}}}}"#
    )
}

fn conversation(changes: &str) -> String {
    format!(
        r#"{{"kind":"notification","type":"cqm.ExConversationChangeNotification","body":{{"changes":[{changes}]}}}}"#
    )
}

fn change_with_event(event: &str) -> String {
    messaging(&format!(
        r#"{{"sequence":3,"originatorId":"o","serverTimestamp":1538499229625,"dialogId":"d","event":{event}}}"#
    ))
}

fn only_change(json: &str) -> MessagingChange {
    let n = parse_notification(json).unwrap();
    assert!(
        n.malformed_changes().is_empty(),
        "{:?}",
        n.malformed_changes()
    );
    n.messaging_changes()
        .next()
        .expect("one messaging change")
        .clone()
}

fn only_event(json: &str) -> Event {
    only_change(json).event.expect("event")
}

#[test]
fn content_event_text_plain() {
    let json = fixture("007_dc_webhooks_agent_text.json");
    let change = only_change(&json);
    assert_eq!(change.text(), Some("Hello from the Agent\n"));
    assert_eq!(change.sequence, Some(2));
    assert_eq!(change.originator_role(), Some(&Role::AssignedAgent));
    assert_eq!(
        change.subscription(),
        Some(WebhookSubscription::ContentEvent)
    );
    assert_lossless(&json);
}

#[test]
fn content_event_text_with_quick_replies_and_null_metadata() {
    let json = fixture("029_mwapi_pcs_survey_bot_quickreplies_metadata.json");
    let n = parse_notification(&json).unwrap();
    let changes: Vec<_> = n.messaging_changes().collect();
    assert_eq!(changes.len(), 2);
    assert_eq!(changes[0].metadata, None);
    assert_eq!(changes[0].extra.get("metadata").unwrap().get(), "null");
    let Some(Event::Content(e)) = &changes[1].event else {
        panic!()
    };
    let replies = e.quick_replies.as_ref().unwrap().to_value().unwrap();
    assert_eq!(replies["replies"][0]["style"]["border-radius"], 14);
    let Some(Metadata::Question(q)) = changes[1].metadata.as_ref().unwrap().first() else {
        panic!()
    };
    assert_eq!(q.replies.as_ref().unwrap().len(), 6);
    assert_eq!(q.survey_id.as_deref(), Some("499706313"));
    assert_lossless(&json);
}

#[test]
fn content_event_hosted_file() {
    let event = fixture("partial/012_event_hosted_file_history.json");
    let json = change_with_event(&event);
    let Event::Content(e) = only_event(&json) else {
        panic!()
    };
    let Content::HostedFile(file) = &e.content else {
        panic!("{:?}", e.content)
    };
    assert_eq!(file.file_type, FileType::Jpg);
    assert_eq!(file.caption.as_deref(), Some(""));
    assert!(
        file.relative_path
            .starts_with("/v1/AUTH_async-images/le79144597/")
    );
    assert!(
        file.preview
            .as_ref()
            .unwrap()
            .starts_with("data:image/jpeg;base64,")
    );
    assert_eq!(e.content_type(), Some(&ContentType::HostedFile));
    assert_lossless(&json);
}

#[test]
fn content_event_secure_forms() {
    let json = change_with_event(&fixture("partial/013_event_secure_invitation_history.json"));
    let Event::Content(e) = only_event(&json) else {
        panic!()
    };
    let Content::SecureInvitation(inv) = &e.content else {
        panic!()
    };
    assert_eq!(inv.title.as_deref(), Some("Credit card form"));
    assert!(inv.invitation_id.ends_with("-1514987081746-1"));
    assert_lossless(&json);

    let json = change_with_event(&fixture("partial/014_event_secure_submission_history.json"));
    let Event::Content(e) = only_event(&json) else {
        panic!()
    };
    let Content::SecureSubmission(sub) = &e.content else {
        panic!()
    };
    assert_eq!(sub.submission_id, None);
    assert!(sub.invitation_id.starts_with("a5571603"));
    assert_lossless(&json);

    let json = change_with_event(
        r#"{"type":"ContentEvent","contentType":"forms/secure-invitation","message":{"invitationId":"i","title":"t","formId":1550964770}}"#,
    );
    let Event::Content(e) = only_event(&json) else {
        panic!()
    };
    let Content::SecureInvitation(inv) = &e.content else {
        panic!()
    };
    assert_eq!(inv.form_id, Some(1550964770));
}

#[test]
fn content_event_external_file_and_unknown_content_type_are_kept() {
    let json = change_with_event(
        r#"{"type":"ContentEvent","contentType":"external/file","message":{"url":"https://x/y.png","size":3}}"#,
    );
    let Event::Content(e) = only_event(&json) else {
        panic!()
    };
    let Content::ExternalFile(raw) = &e.content else {
        panic!()
    };
    assert_eq!(raw.get(), r#"{"url":"https://x/y.png","size":3}"#);
    assert_lossless(&json);

    let json =
        change_with_event(r#"{"type":"ContentEvent","message":["a",1],"contentType":"text/html"}"#);
    let Event::Content(e) = only_event(&json) else {
        panic!()
    };
    let Content::Other(other) = &e.content else {
        panic!()
    };
    assert_eq!(other.content_type.as_ref().unwrap().as_str(), "text/html");
    assert!(!other.content_type.as_ref().unwrap().is_known());
    assert_eq!(other.message.as_ref().unwrap().get(), r#"["a",1]"#);
    assert_lossless(&json);
    let report = chatwire::validate_notification(&parse_notification(&json).unwrap());
    assert!(report.is_valid());
    assert_eq!(
        report.warnings()[0].to_string(),
        "body.changes[0].event.contentType: unknown content type `text/html`"
    );
}

#[test]
fn rich_content_event_object_and_string_forms() {
    let change = fixture("partial/018_tpb_custom_endpoint_lpEvent_richcontent_map.json");
    let json = messaging(&change);
    let Event::RichContent(e) = only_event(&json) else {
        panic!()
    };
    assert_eq!(e.element_type().as_deref(), Some("vertical"));
    assert_eq!(
        e.content_value().unwrap()["elements"][0]["alt"],
        "49.000000000000, 7.111111111111"
    );
    assert_lossless(&json);

    let carousel = fixture("partial/019_richcontent_carousel_jsonpollock.json");
    let as_string = serde_json::to_string(&carousel.trim()).unwrap();
    let json = change_with_event(&format!(
        r#"{{"type":"RichContentEvent","content":{as_string}}}"#
    ));
    let Event::RichContent(e) = only_event(&json) else {
        panic!()
    };
    assert_eq!(e.element_type().as_deref(), Some("carousel"));
    assert_eq!(e.content.get(), as_string);
    assert_lossless(&json);
    let json = change_with_event(&format!(
        r#"{{"type":"RichContentEvent","content":{carousel}}}"#
    ));
    assert_lossless(&json);
}

#[test]
fn accept_status_event_every_status() {
    for status in AcceptStatus::KNOWN {
        let json = change_with_event(&format!(
            r#"{{"type":"AcceptStatusEvent","status":"{status}","sequenceList":[0,2]}}"#
        ));
        let Event::AcceptStatus(e) = only_event(&json) else {
            panic!()
        };
        assert_eq!(e.status.as_str(), *status);
        assert!(e.status.is_known());
        assert_eq!(e.sequence_list, vec![0, 2]);
        assert_lossless(&json);
    }
    let change = only_change(&fixture(
        "030_mwapi_pcs_consumer_action_answer_metadata.json",
    ));
    let Some(Event::AcceptStatus(e)) = &change.event else {
        panic!()
    };
    assert_eq!(e.status, AcceptStatus::Action);
    let Some(Metadata::Answer(a)) = change.metadata.as_ref().unwrap().first() else {
        panic!()
    };
    assert_eq!(
        a.question_id.as_deref(),
        Some("3e70da9b-76de-4c2a-911e-a41aee698b82")
    );
}

#[test]
fn chat_state_event_every_state() {
    for state in ChatState::KNOWN {
        let json = messaging(&format!(
            r#"{{"originatorId":"o","dialogId":"d","event":{{"type":"ChatStateEvent","chatState":"{state}"}}}}"#
        ));
        let change = only_change(&json);
        let Some(Event::ChatState(e)) = &change.event else {
            panic!()
        };
        assert_eq!(e.chat_state.as_str(), *state);
        assert_eq!(change.sequence, None);
        assert_eq!(
            change.subscription(),
            Some(WebhookSubscription::ChatStateEvent)
        );
        assert!(
            chatwire::validate_notification(&parse_notification(&json).unwrap())
                .warnings()
                .is_empty()
        );
    }
    let change = only_change(&messaging(&fixture(
        "partial/005_nas_change_consumer_background.json",
    )));
    let Some(Event::ChatState(e)) = &change.event else {
        panic!()
    };
    assert_eq!(e.chat_state, ChatState::Background);
}

#[test]
fn unknown_event_type_and_untyped_event_are_kept() {
    let json =
        change_with_event(r#"{"type":"ReactionEvent","reaction":"👍","target":{"sequence":2}}"#);
    let Event::Unknown(e) = only_event(&json) else {
        panic!()
    };
    assert_eq!(e.event_type(), Some("ReactionEvent"));
    assert_eq!(e.fields().get("target").unwrap().get(), r#"{"sequence":2}"#);
    assert_lossless(&json);
    let report = chatwire::validate_notification(&parse_notification(&json).unwrap());
    assert!(report.is_valid());
    assert_eq!(
        report.warnings()[0].to_string(),
        "body.changes[0].event.type: unknown event type `ReactionEvent` (this version models ContentEvent, RichContentEvent, AcceptStatusEvent, ChatStateEvent)"
    );

    let json = change_with_event(r#"{"chatState":"ACTIVE"}"#);
    let Event::Unknown(e) = only_event(&json) else {
        panic!()
    };
    assert_eq!(e.event_type(), None);
    assert_lossless(&json);
}

#[test]
fn every_metadata_kind() {
    let entries = [
        r#"{"type":"ExternalId","id":"ext-1"}"#,
        r#"{"type":"ActionReason","reason":"escalated_by_user","reasonId":"1"}"#,
        r#"{"type":"BotResponse","externalConversationId":"x","businessCases":["RightNow_Categories"],"intents":[{"id":"i","name":"n","confidence":"0.8","confidenceScore":0.8}]}"#,
        r#"{"type":"EscalationSummary","escalationCause":"bot","businessCases":[{"id":"b","time":1}],"conversationDuration":12,"escalatedDuringBusinessCase":"b"}"#,
        r#"{"type":"IBMWatsonInfo","branch_exited":true,"nodes_visited":["n1"],"referred_visitor_message_sequences":[1],"entities":[{"entity":"e","location":[0,1],"value":"v"}]}"#,
        r#"{"type":"ConnectorPaymentResponse","status":true,"requestIdentifier":"r"}"#,
        r#"{"type":"ConnectorAuthenticationResponse","status":false,"token":"t","errors":["e"]}"#,
        r#"{"type":"Question","id":"q","surveyId":"s","provider":"AC","replies":["a"]}"#,
        r#"{"groupId":"g","type":"Answer","id":"a","questionId":"q","provider":"AC"}"#,
        r#"{"type":"Survey","id":"s","revision":3,"provider":"External"}"#,
        r#"{"type":"BusinessChatMessage","receivedMessage":{"style":"icon"}}"#,
    ];
    let json = messaging(&format!(
        r#"{{"originatorId":"o","dialogId":"d","event":{{"type":"ChatStateEvent","chatState":"ACTIVE"}},"metadata":[{}]}}"#,
        entries.join(",")
    ));
    let change = only_change(&json);
    let kinds: Vec<_> = change
        .metadata
        .as_ref()
        .unwrap()
        .iter()
        .map(|m| m.metadata_type().unwrap())
        .collect();
    let mut expected: Vec<&str> = Metadata::KNOWN.to_vec();
    expected.push("BusinessChatMessage");
    assert_eq!(kinds, expected);
    let list = change.metadata.as_ref().unwrap();
    assert!(matches!(&list[0], Metadata::ExternalId(m) if m.id.as_deref() == Some("ext-1")));
    assert!(
        matches!(&list[1], Metadata::ActionReason(m) if m.reason.as_deref() == Some("escalated_by_user"))
    );
    assert!(matches!(&list[8], Metadata::Answer(m) if m.group_id.as_deref() == Some("g")));
    assert!(
        matches!(&list[10], Metadata::Unknown(m) if m.fields().get("receivedMessage").is_some())
    );
    assert_lossless(&json);
    let report = chatwire::validate_notification(&parse_notification(&json).unwrap());
    assert_eq!(report.warnings().len(), 1);
    assert_eq!(
        report.warnings()[0].path,
        "body.changes[0].metadata[10].type"
    );
}

#[test]
fn participants_in_both_wire_forms() {
    let json = conversation(&fixture(
        "partial/007_nas_raw_v2_exconv_change_malformed.json",
    ));
    let n = parse_notification(&json).unwrap();
    let change = n
        .conversation_changes()
        .next()
        .expect("the raw v2 change parses");
    let details = change.details().unwrap();
    let Some(Participants::ByRole(groups)) = &details.participants else {
        panic!()
    };
    assert_eq!(groups[1].0, Role::Reader);
    assert_eq!(groups[1].1.len(), 2);
    assert_eq!(details.participant_roles().count(), 5);
    assert_lossless(&json);

    let json = fixture("028_mwapi_pcs_exconv_main_closed_survey_open.json");
    let n = parse_notification(&json).unwrap();
    let details = n.conversation_changes().next().unwrap().details().unwrap();
    let Some(Participants::List(list)) = &details.participants else {
        panic!()
    };
    let roles: Vec<_> = list.iter().map(|p| p.role.clone().unwrap()).collect();
    assert_eq!(
        roles,
        [
            Role::AssignedAgent,
            Role::Reader,
            Role::Consumer,
            Role::Agent,
            Role::Controller
        ]
    );
    assert_eq!(details.state, Some(ConversationState::Close));
    assert_eq!(details.stage, Some(ConversationState::Open));
    let dialogs = details.dialogs.as_ref().unwrap();
    assert_eq!(dialogs[1].dialog_type, Some(DialogType::PostSurvey));
    assert_eq!(
        dialogs[1].meta_data.as_ref().unwrap().to_value().unwrap()["appInstallId"],
        "756e7363-4472-4ae1-b1ae-b3b0b52107a0"
    );
    assert_eq!(
        details.main_dialog().unwrap().closed_by,
        Some(CloseReason::Consumer)
    );
}

#[test]
fn cobrowse_dialog_with_plain_participants() {
    let dialog = fixture("partial/008_mwapi_dialog_cobrowse_invited_call.json");
    let json = conversation(&format!(
        r#"{{"type":"UPSERT","result":{{"convId":"c","conversationDetails":{{"state":"OPEN","startTs":1502893041905,"dialogs":[{dialog}]}}}}}}"#
    ));
    let n = parse_notification(&json).unwrap();
    let details = n.conversation_changes().next().unwrap().details().unwrap();
    let d = &details.dialogs.as_ref().unwrap()[0];
    assert_eq!(d.channel_type, Some(ChannelType::Cobrowse));
    assert_eq!(d.dialog_type, Some(DialogType::Other));
    assert_eq!(
        d.participants.as_ref().unwrap()[1].as_str(),
        "le83624296.356285412"
    );
    assert!(
        d.meta_data
            .as_ref()
            .unwrap()
            .get()
            .contains("1.502893131855E9")
    );
    assert_lossless(&json);
}

#[test]
fn conversation_details_every_field() {
    let json = conversation(&fixture(
        "partial/016_cbpubsub_agent_sdk_upsert_change_lastContentEvent.json",
    ));
    let n = parse_notification(&json).unwrap();
    let change = n.conversation_changes().next().unwrap();
    let result = change.result.as_ref().unwrap();
    let details = result.conversation_details.as_ref().unwrap();
    let campaign = details.campaign_info.as_ref().unwrap();
    assert_eq!(
        campaign.campaign_id.as_ref().unwrap().as_i64(),
        Some(774285730)
    );
    assert!(matches!(
        campaign.campaign_id,
        Some(NumberOrString::Number(_))
    ));
    assert_eq!(
        details.context.as_ref().unwrap().context_type,
        Some(ContextType::SharkContext)
    );
    assert!(result.last_content_event_notification.is_some());
    assert_eq!(
        details.extra.get("__myRole").map(|r| r.get()),
        Some(r#""ASSIGNED_AGENT""#)
    );
    assert_lossless(&json);

    let json = conversation(
        r#"{"type":"DELETE","result":{"convId":"c","effectiveTTR":-1,"conversationDetails":{"state":"OPEN","startTs":1502893041905,
        "ttr":{"ttrType":"URGENT","value":60},"delay":{"type":"NIGHT","tillWhen":1502899041905},
        "csat":{"field":"CSATRate","csatRate":4,"csatResolutionConfirmation":true,"status":"FILLED"},
        "manualETTR":1502899041905,"firstConversation":true,"campaignInfo":{"campaignId":"2739101812","engagementId":"2739101912"},
        "conversationHandlerDetails":{"accountId":"42","skillId":"7"},"closeReason":"SYSTEM"}}}"#,
    );
    let n = parse_notification(&json).unwrap();
    let change = n.conversation_changes().next().unwrap();
    assert_eq!(change.change_type, Some(ChangeType::Delete));
    let d = change.details().unwrap();
    assert_eq!(d.ttr.as_ref().unwrap().ttr_type, Some(TtrType::Urgent));
    assert_eq!(d.delay.as_ref().unwrap().delay_type, Some(DelayType::Night));
    assert_eq!(d.csat.as_ref().unwrap().status, Some(CsatStatus::Filled));
    assert_eq!(
        d.campaign_info
            .as_ref()
            .unwrap()
            .engagement_id
            .as_ref()
            .unwrap()
            .as_i64(),
        Some(2739101912)
    );
    assert!(matches!(
        d.campaign_info.as_ref().unwrap().campaign_id,
        Some(NumberOrString::String(_))
    ));
    assert_eq!(
        d.conversation_handler_details
            .as_ref()
            .unwrap()
            .skill_id
            .as_deref(),
        Some("7")
    );
    assert_lossless(&json);
    assert!(
        chatwire::validate_notification(&n).is_valid(),
        "{}",
        chatwire::validate_notification(&n)
    );
}

#[test]
fn unknown_enum_values_keep_their_string_and_round_trip() {
    let json = messaging(
        r#"{"originatorId":"o","dialogId":"d","messageAudience":"BOTS_ONLY","originatorMetadata":{"id":"o","role":"SUPERVISOR"},
        "event":{"type":"ChatStateEvent","chatState":"DREAMING"}}"#,
    );
    let change = only_change(&json);
    assert_eq!(
        change.message_audience.as_ref().unwrap().as_str(),
        "BOTS_ONLY"
    );
    assert_eq!(change.originator_role().unwrap().as_str(), "SUPERVISOR");
    assert!(!change.originator_role().unwrap().is_known());
    assert_eq!(Role::from("SUPERVISOR"), *change.originator_role().unwrap());
    assert_eq!(
        Role::from("CONSUMER"),
        Role::Consumer,
        "known strings never become unknown"
    );
    let Some(Event::ChatState(e)) = &change.event else {
        panic!()
    };
    assert_eq!(e.chat_state.to_string(), "DREAMING");
    assert_lossless(&json);
    let report = chatwire::validate_notification(&parse_notification(&json).unwrap());
    assert!(report.is_valid());
    let warned: Vec<_> = report.warnings().iter().map(|w| w.path.as_str()).collect();
    assert_eq!(
        warned,
        [
            "body.changes[0].originatorMetadata.role",
            "body.changes[0].event.chatState",
            "body.changes[0].messageAudience"
        ]
    );
}

#[test]
fn unknown_fields_and_explicit_nulls_survive_at_every_level() {
    let json = r#"{"kind":"notification","type":"ms.MessagingEventNotification","top":[1,2.50,{"x":null}],
      "body":{"changes":[{"sequence":1,"serverTimestamp":1528371161893,"originatorId":"o","dialogId":"d","conversationId":null,
      "messageAudience":null,"novel":{"deep":[true]},"originatorMetadata":{"id":"o","role":"CONSUMER","clientProperties":null,"extraMeta":1},
      "event":{"type":"ContentEvent","contentType":"text/plain","message":"hi","quickReplies":null,"future":"yes"}}],
      "subscriptionId":null,"sentTs":1654764432768,"bodyExtra":"z"}}"#;
    assert_lossless(json);
    let n = parse_notification(json).unwrap();
    let Notification::MessagingEvent(env) = &n else {
        panic!()
    };
    assert_eq!(
        env.extra.get("top").unwrap().get(),
        r#"[1,2.50,{"x":null}]"#
    );
    assert_eq!(env.body.subscription_id, None);
    assert!(env.body.extra.get("subscriptionId").unwrap().is_null());
    let change = n.messaging_changes().next().unwrap();
    assert_eq!(change.conversation_id, None);
    assert_eq!(
        change.extra.keys().collect::<Vec<_>>(),
        ["novel", "conversationId", "messageAudience"]
    );
    let Some(Event::Content(e)) = &change.event else {
        panic!()
    };
    assert_eq!(e.extra.get("future").unwrap().get(), r#""yes""#);
}

#[test]
fn setting_a_field_that_was_null_does_not_duplicate_it() {
    let json = messaging(
        r#"{"dialogId":"d","conversationId":null,"event":{"type":"ChatStateEvent","chatState":"ACTIVE"}}"#,
    );
    let Notification::MessagingEvent(mut env) = parse_notification(&json).unwrap() else {
        panic!()
    };
    let ChangeItem::Parsed(change) = &mut env.body.changes[0] else {
        panic!()
    };
    change.conversation_id = Some("c".into());
    let out = serde_json::to_string(&env).unwrap();
    assert_eq!(out.matches("conversationId").count(), 1, "{out}");
    assert!(out.contains(r#""conversationId":"c""#));
}

#[test]
fn unknown_notification_type_is_kept_whole() {
    let json = fixture("partial/010_mwapi_event_hosted_file_publish.json");
    let n = parse_notification(&json).unwrap();
    let Notification::Unknown(u) = &n else {
        panic!("{n:?}")
    };
    assert_eq!(u.notification_type(), "ms.PublishEvent");
    assert_eq!(n.notification_type().as_str(), "ms.PublishEvent");
    assert_lossless(&json);
    let report = chatwire::validate_notification(&n);
    assert!(report.is_valid());
    assert_eq!(
        report.warnings()[0].to_string(),
        "type: unknown notification type `ms.PublishEvent`"
    );
}

#[test]
fn bodies_and_changes_from_sdk_feeds() {
    for (file, notification_type) in [
        (
            "partial/001_nas_exconv_body_lastContentEvent_richcontent.json",
            "cqm.ExConversationChangeNotification",
        ),
        (
            "partial/002_nas_msgevent_body_agent_text.json",
            "ms.MessagingEventNotification",
        ),
        (
            "partial/006_nas_msgevent_body_consumer_active.json",
            "ms.MessagingEventNotification",
        ),
    ] {
        let body = fixture(file);
        let json =
            format!(r#"{{"kind":"notification","type":"{notification_type}","body":{body}}}"#);
        let n = parse_notification(&json).unwrap();
        assert!(
            n.malformed_changes().is_empty(),
            "{file}: {:?}",
            n.malformed_changes()
        );
        assert_lossless(&json);
    }
    for file in [
        "partial/003_nas_change_agent_read.json",
        "partial/004_nas_change_consumer_composing_clientprops.json",
        "partial/017_tpb_custom_endpoint_lpEvent_text_metadata_messageAudience.json",
    ] {
        let json = messaging(&fixture(file));
        only_change(&json);
        assert_lossless(&json);
    }
    let change = only_change(&messaging(&fixture(
        "partial/004_nas_change_consumer_composing_clientprops.json",
    )));
    let props = change
        .originator_metadata
        .unwrap()
        .client_properties
        .unwrap();
    assert_eq!(props.device_family, Some(DeviceFamily::Mobile));
    assert!(props.features.unwrap().contains(&Feature::PhotoSharing));
    let change = only_change(&messaging(&fixture(
        "partial/017_tpb_custom_endpoint_lpEvent_text_metadata_messageAudience.json",
    )));
    assert_eq!(change.message_audience, Some(MessageAudience::All));
}

#[test]
fn conveniences() {
    let change = only_change(&fixture("002_dc_webhooks_consumer_text.json"));
    let ts = change.server_timestamp.unwrap();
    assert_eq!(
        ts.to_datetime().unwrap().to_rfc3339(),
        "2018-06-07T11:32:41.893+00:00"
    );
    assert_eq!(
        change
            .dialog_id
            .as_ref()
            .unwrap()
            .as_uuid()
            .unwrap()
            .to_string(),
        "5491244f-e462-4c63-bf4e-faf4b2d3e7b5"
    );
    assert_eq!(
        change.originator_id.as_ref().unwrap().as_uuid(),
        None,
        "64-hex consumer ids are not UUIDs"
    );
    assert_eq!(
        change.conversation_or_dialog_id(),
        Some("5491244f-e462-4c63-bf4e-faf4b2d3e7b5")
    );

    let change = only_change(&fixture("016_ccc_manager_text_messageAudience.json"));
    assert_eq!(change.message_audience, Some(MessageAudience::All));
    assert!(!change.is_private());
    let change = only_change(&messaging(
        r#"{"sequence":4,"dialogId":"d","messageAudience":"AGENTS_AND_MANAGERS","event":{"type":"ContentEvent","contentType":"text/plain","message":"note"}}"#,
    ));
    assert!(change.is_private());

    assert_eq!(
        "ms.MessagingEventNotification.AccpetStatusEvent"
            .parse::<WebhookSubscription>()
            .unwrap(),
        WebhookSubscription::AcceptStatusEvent
    );
    assert_eq!(
        WebhookSubscription::from("cqm.ExConversationChangeNotification"),
        WebhookSubscription::ExConversationChange
    );
    assert!(
        !WebhookSubscription::from(
            "ms.MessagingEventNotification.ExConversationChangeNotification"
        )
        .is_known()
    );
}

#[test]
fn models_can_be_built_in_user_code() {
    let mut change = MessagingChange::new(
        "d1",
        Event::Content(Box::new(ContentEvent::text_plain("hello"))),
    );
    change.sequence = Some(0);
    change.server_timestamp = Some(chatwire::json::EpochMillis(1528371161893));
    change.originator_id = Some("o".into());
    let n = Notification::MessagingEvent(Envelope::new(vec![change]));
    let text = serde_json::to_string(&n).unwrap();
    let back = parse_notification(&text).unwrap();
    assert_eq!(back, n);
    assert!(chatwire::validate_notification(&back).is_valid());
}

#[test]
fn external_file_without_message_is_a_known_content_type() {
    let json = change_with_event(r#"{"type":"ContentEvent","contentType":"external/file"}"#);
    let report = chatwire::validate_notification(&parse_notification(&json).unwrap());
    assert!(
        report.is_valid() && report.warnings().is_empty(),
        "{report}"
    );
    assert_lossless(&json);
}

#[test]
fn nothing_of_an_unknown_notification_type_is_interpreted() {
    let json = r#"{"kind":{"v":2},"type":"routing.RoutingTaskNotification","body":[1]}"#;
    assert!(matches!(
        parse_notification(json).unwrap(),
        Notification::Unknown(_)
    ));
    assert_lossless(json);
    let known = r#"{"kind":{"v":2},"type":"ms.MessagingEventNotification","body":{"changes":[]}}"#;
    assert_eq!(parse_notification(known).unwrap_err().path(), "kind");
}
