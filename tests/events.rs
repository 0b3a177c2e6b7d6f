//! The vendor-neutral mapping: one test per row of the tables in `chatwire::events`, on real
//! fixtures where one exists and on small documents in the vendors' shapes otherwise.

use chatwire::events::{
    Audience, ChatEvent, CloseReason, DeliveryStatus, EventKind, Participant, Position, Role,
    Source, Vendor,
};
use chatwire::{AnyNotification, ParseErrorKind, parse_any};
use serde_json::Value;

fn fixture(path: &str) -> String {
    let full = format!(
        "{}/tests/webhooks_examples/{path}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

fn events_of(json: &str) -> Vec<ChatEvent<'static>> {
    let n = parse_any(json).unwrap_or_else(|e| panic!("{e}\n{json}"));
    n.events().map(ChatEvent::into_owned).collect()
}

fn kinds_of(json: &str) -> Vec<EventKind> {
    events_of(json).into_iter().map(|e| e.kind).collect()
}

/// A LivePerson messaging notification with one change carrying `event` (JSON) and `extra`
/// change fields.
fn lp_change(event: &str, extra: &str) -> String {
    format!(
        r#"{{"kind":"notification","type":"ms.MessagingEventNotification","body":{{"changes":[
        {{"sequence":4,"originatorId":"u1","serverTimestamp":1528371161893,"dialogId":"d1",
        "conversationId":"c1","originatorMetadata":{{"id":"u1","role":"CONSUMER"}}{extra},
        "event":{event}}}]}}}}"#
    )
}

fn lp_content(content_type: &str, message: &str) -> String {
    lp_change(
        &format!(r#"{{"type":"ContentEvent","contentType":"{content_type}","message":{message}}}"#),
        "",
    )
}

/// A LivePerson conversation snapshot with the given `conversationDetails` members.
fn lp_snapshot(details: &str) -> String {
    format!(
        r#"{{"kind":"notification","type":"cqm.ExConversationChangeNotification","body":{{"changes":[
        {{"type":"UPSERT","result":{{"convId":"c1","conversationDetails":{{"startTs":1553589749000,
        "metaDataLastUpdateTs":1553589749650{details}}}}}}}]}}}}"#
    )
}

fn genesys_state(state: &str, participants: &str) -> String {
    format!(
        r#"{{"messageType":"ChatStateChangeMessage","notificationType":"StatusChange",
        "chat":{{"id":"g1","state":"{state}","participants":[{participants}]}}}}"#
    )
}

fn genesys_message(item: &str) -> String {
    format!(
        r#"{{"messageType":"MessageLogUpdated","notificationType":"NewMessages",
        "chatPath":"/chats/g1","messages":[{item}]}}"#
    )
}

fn genesys_item(kind: &str, fields: &str) -> String {
    genesys_message(&format!(
        r#"{{"index":7,"type":"{kind}","visibility":"All","timestampSeconds":1389261492035,
        "from":{{"nickname":"Kristi","type":"Customer","participantId":"p7"}}{fields}}}"#
    ))
}

// --- LivePerson messaging events -----------------------------------------------------------

#[test]
fn liveperson_text_is_a_message_with_its_context() {
    let events = events_of(&fixture("liveperson/002_dc_webhooks_consumer_text.json"));
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!(
        e.kind,
        EventKind::Message {
            text: "Hello from Consumer".into()
        }
    );
    assert_eq!(e.vendor(), Vendor::LivePerson);
    // No conversationId in this payload: the dialog id stands in.
    assert_eq!(
        e.conversation_id.as_deref(),
        Some("5491244f-e462-4c63-bf4e-faf4b2d3e7b5")
    );
    assert_eq!(
        e.dialog_id.as_deref(),
        Some("5491244f-e462-4c63-bf4e-faf4b2d3e7b5")
    );
    assert_eq!(e.position, Some(Position::Sequence(0)));
    assert_eq!(e.time.unwrap().timestamp_millis(), 1528371161893);
    assert_eq!(e.sender_role(), Some(Role::Consumer));
    assert_eq!(e.audience, Audience::Everyone);
    let Source::LivePersonMessaging(change) = &e.source else {
        panic!("{:?}", e.source)
    };
    assert_eq!(change.text(), Some("Hello from Consumer"));
}

#[test]
fn liveperson_hosted_and_external_files_are_shared_files() {
    let hosted = lp_content(
        "hosted/file",
        r#"{"caption":"receipt","relativePath":"/v1/files/a.png","fileType":"PNG"}"#,
    );
    assert_eq!(
        kinds_of(&hosted),
        [EventKind::FileShared {
            location: Some("/v1/files/a.png".into()),
            file_type: Some("PNG".into()),
            caption: Some("receipt".into()),
        }]
    );
    let external = lp_content("external/file", r#"{"url":"https://x/y.pdf"}"#);
    assert_eq!(
        kinds_of(&external),
        [EventKind::FileShared {
            location: None,
            file_type: None,
            caption: None
        }]
    );
}

#[test]
fn liveperson_secure_forms_and_other_content_are_unknown() {
    for (content_type, message) in [
        (
            "forms/secure-invitation",
            r#"{"invitationId":"i1","formId":7,"title":"Pay"}"#,
        ),
        (
            "forms/secure-submission",
            r#"{"invitationId":"i1","submissionId":"s1"}"#,
        ),
        ("application/x-new", r#""whatever""#),
    ] {
        assert_eq!(
            kinds_of(&lp_content(content_type, message)),
            [EventKind::Unknown],
            "{content_type}"
        );
    }
}

#[test]
fn liveperson_rich_content_is_structured_content() {
    let json = lp_change(
        r#"{"type":"RichContentEvent","content":{"type":"vertical","elements":[]}}"#,
        "",
    );
    assert_eq!(
        kinds_of(&json),
        [EventKind::StructuredContent {
            element_type: Some("vertical".into())
        }]
    );
}

#[test]
fn liveperson_accept_statuses_are_deliveries() {
    for (status, neutral) in [
        ("ACCEPT", DeliveryStatus::Accepted),
        ("READ", DeliveryStatus::Read),
        ("ACCESS", DeliveryStatus::Accessed),
        ("NACK", DeliveryStatus::NotAccepted),
        ("ACTION", DeliveryStatus::Acted),
        ("VIEWED", DeliveryStatus::Viewed),
    ] {
        let json = lp_change(
            &format!(r#"{{"type":"AcceptStatusEvent","status":"{status}","sequenceList":[1,2]}}"#),
            "",
        );
        assert_eq!(
            kinds_of(&json),
            [EventKind::Delivery {
                status: neutral,
                sequences: vec![1, 2]
            }],
            "{status}"
        );
    }
    let unknown = lp_change(
        r#"{"type":"AcceptStatusEvent","status":"DELIVERED","sequenceList":[1]}"#,
        "",
    );
    assert_eq!(kinds_of(&unknown), [EventKind::Unknown]);
    // The real fixture: the agent read the consumer's message 0.
    let real = events_of(&fixture("liveperson/004_dc_webhooks_agent_read.json"));
    assert_eq!(
        real[0].kind,
        EventKind::Delivery {
            status: DeliveryStatus::Read,
            sequences: vec![0]
        }
    );
    assert_eq!(real[0].sender_role(), Some(Role::Agent));
}

#[test]
fn liveperson_chat_states_are_typing_started_or_stopped() {
    assert_eq!(
        kinds_of(&fixture("liveperson/005_dc_webhooks_agent_composing.json")),
        [EventKind::TypingStarted]
    );
    assert_eq!(
        kinds_of(&fixture("liveperson/006_dc_webhooks_agent_active.json")),
        [EventKind::TypingStopped]
    );
    for state in ["ACTIVE", "PAUSE", "INACTIVE", "GONE", "BACKGROUND"] {
        let json = lp_change(
            &format!(r#"{{"type":"ChatStateEvent","chatState":"{state}"}}"#),
            "",
        );
        assert_eq!(kinds_of(&json), [EventKind::TypingStopped], "{state}");
    }
    let unknown = lp_change(r#"{"type":"ChatStateEvent","chatState":"DREAMING"}"#, "");
    assert_eq!(kinds_of(&unknown), [EventKind::Unknown]);
}

#[test]
fn liveperson_unknown_event_types_are_unknown_and_keep_the_item() {
    let json = lp_change(r#"{"type":"VideoCallEvent","room":"r1"}"#, "");
    let events = events_of(&json);
    assert_eq!(events[0].kind, EventKind::Unknown);
    let Source::LivePersonMessaging(change) = &events[0].source else {
        panic!()
    };
    assert_eq!(
        change.event.as_ref().unwrap().event_type(),
        Some("VideoCallEvent")
    );
}

#[test]
fn liveperson_malformed_changes_yield_no_event() {
    let json = r#"{"kind":"notification","type":"ms.MessagingEventNotification","body":{"changes":[
        {"sequence":"x","dialogId":"d1","event":{"type":"ContentEvent","contentType":"text/plain","message":"a"}},
        {"sequence":1,"dialogId":"d1","event":{"type":"ContentEvent","contentType":"text/plain","message":"b"}}]}}"#;
    assert_eq!(kinds_of(json), [EventKind::Message { text: "b".into() }]);
}

#[test]
fn liveperson_audience_and_sender_roles() {
    let private = lp_change(
        r#"{"type":"ContentEvent","contentType":"text/plain","message":"note"}"#,
        r#","messageAudience":"AGENTS_AND_MANAGERS""#,
    );
    assert_eq!(events_of(&private)[0].audience, Audience::AgentsOnly);
    let all = lp_change(
        r#"{"type":"ContentEvent","contentType":"text/plain","message":"hi"}"#,
        r#","messageAudience":"ALL""#,
    );
    assert_eq!(events_of(&all)[0].audience, Audience::Everyone);
    let unknown = lp_change(
        r#"{"type":"ContentEvent","contentType":"text/plain","message":"hi"}"#,
        r#","messageAudience":"BOTS_ONLY""#,
    );
    assert_eq!(events_of(&unknown)[0].audience, Audience::AgentsOnly);
    // The real fixture with a manager's private message.
    let real = events_of(&fixture(
        "liveperson/016_ccc_manager_text_messageAudience.json",
    ));
    assert_eq!(real[0].sender_role(), Some(Role::Manager));
}

#[test]
fn liveperson_roles_map_as_documented() {
    for (vendor, neutral) in [
        ("CONSUMER", Role::Consumer),
        ("ASSIGNED_AGENT", Role::Agent),
        ("AGENT", Role::Agent),
        ("READER", Role::Agent),
        ("MANAGER", Role::Manager),
        ("ASSIGNED_MANAGER", Role::Manager),
        ("AGENT_MANAGER", Role::Manager),
        ("CONTROLLER", Role::System),
        ("OBSERVER", Role::Unknown),
    ] {
        assert_eq!(
            Role::from(&chatwire::liveperson::Role::from(vendor)),
            neutral,
            "{vendor}"
        );
    }
    // No originator metadata at all (an old payload): the sender's role is unknown.
    let old = events_of(&fixture(
        "liveperson/037_mwapi_old_agent_text_no_originatorMetadata.json",
    ));
    assert_eq!(old[0].sender_role(), Some(Role::Unknown));
}

// --- Snapshots -------------------------------------------------------------------------------

#[test]
fn liveperson_new_conversation_is_opened_with_its_participants() {
    let events = events_of(&fixture(
        "liveperson/039_devassist_webhook_conv_created.json",
    ));
    let kinds: Vec<_> = events.iter().map(|e| &e.kind).collect();
    assert!(
        matches!(kinds[0], EventKind::ConversationOpened),
        "{kinds:?}"
    );
    assert!(
        matches!(kinds[1], EventKind::ParticipantJoined { participant } if participant.role == Role::Consumer),
        "{kinds:?}"
    );
    assert_eq!(kinds.len(), 2);
    assert_eq!(
        events[0].conversation_id.as_deref(),
        Some("f2384f56-57d5-4087-bd47-8df0ec3102f6")
    );
    assert!(matches!(
        events[0].source,
        Source::LivePersonConversation(_)
    ));
}

#[test]
fn liveperson_closed_snapshot_carries_the_close_reason() {
    for (reason, neutral) in [
        ("CONSUMER", CloseReason::Consumer),
        ("AGENT", CloseReason::Agent),
        ("SYSTEM", CloseReason::System),
        ("TIMEOUT", CloseReason::Unknown),
    ] {
        let json = lp_snapshot(&format!(
            r#","state":"CLOSE","stage":"CLOSE","closeReason":"{reason}","endTs":1553599771074"#
        ));
        let kinds = kinds_of(&json);
        assert_eq!(
            kinds,
            [EventKind::ConversationClosed { reason: neutral }],
            "{reason}"
        );
    }
    let real = kinds_of(&fixture(
        "liveperson/011_demoapp_conv_closed_by_consumer.json",
    ));
    assert!(real.contains(&EventKind::ConversationClosed {
        reason: CloseReason::Consumer
    }));
}

#[test]
fn liveperson_stage_decides_over_state() {
    // MAIN dialog closed, post-conversation survey open: the conversation is still open.
    let kinds = kinds_of(&fixture(
        "liveperson/028_mwapi_pcs_exconv_main_closed_survey_open.json",
    ));
    assert!(kinds.contains(&EventKind::ConversationOpened), "{kinds:?}");
    assert!(
        !kinds
            .iter()
            .any(|k| matches!(k, EventKind::ConversationClosed { .. }))
    );
}

#[test]
fn liveperson_locked_and_deleted_snapshots_tell_nothing() {
    assert_eq!(
        kinds_of(&lp_snapshot(r#","state":"LOCKED""#)),
        [EventKind::Unknown]
    );
    let deleted = r#"{"kind":"notification","type":"cqm.ExConversationChangeNotification","body":{"changes":[
        {"type":"DELETE","result":{"convId":"c1","conversationDetails":{"state":"OPEN"}}}]}}"#;
    assert_eq!(kinds_of(deleted), [EventKind::Unknown]);
}

#[test]
fn liveperson_participants_in_either_wire_form() {
    let by_role = lp_snapshot(r#","participants":{"CONSUMER":["u1"],"ASSIGNED_AGENT":["a1"]}"#);
    let joined: Vec<Participant> = kinds_of(&by_role)
        .into_iter()
        .filter_map(|k| match k {
            EventKind::ParticipantJoined { participant } => Some(participant),
            _ => None,
        })
        .collect();
    assert_eq!(
        joined,
        [
            Participant::new(Some("u1".into()), Role::Consumer, None),
            Participant::new(Some("a1".into()), Role::Agent, None)
        ]
    );
}

#[test]
fn genesys_open_states_open_the_conversation() {
    for state in ["Invited", "Chatting"] {
        assert_eq!(
            kinds_of(&genesys_state(state, "")),
            [EventKind::ConversationOpened],
            "{state}"
        );
    }
    let real = events_of(&fixture(
        "genesys/021_envelope_invited_statuschange_capture.json",
    ));
    assert_eq!(real[0].kind, EventKind::ConversationOpened);
    assert_eq!(real[0].conversation_id.as_deref(), Some("000XJaBEC1HH000S"));
    // receivedDate 2016-03-16 09:55:18.000+1000
    assert_eq!(real[0].time.unwrap().timestamp(), 1458086118);
}

#[test]
fn genesys_final_states_close_the_conversation() {
    for (state, reason) in [
        ("Completed", CloseReason::Agent),
        ("LeftChat", CloseReason::Agent),
        ("Revoked", CloseReason::System),
    ] {
        assert_eq!(
            kinds_of(&genesys_state(state, "")),
            [EventKind::ConversationClosed { reason }],
            "{state}"
        );
    }
    assert_eq!(
        kinds_of(&fixture("genesys/006_leave_statuschange_leftchat.json")),
        [EventKind::ConversationClosed {
            reason: CloseReason::Agent
        }]
    );
}

#[test]
fn genesys_other_states_and_errors_are_unknown() {
    assert_eq!(kinds_of(&genesys_state("Parked", "")), [EventKind::Unknown]);
    let error = r#"{"messageType":"ChatStateChangeMessage","notificationType":"Error",
        "errorMessage":"Chat not found","errorCode":404,"referenceId":3}"#;
    assert_eq!(kinds_of(error), [EventKind::Unknown]);
}

#[test]
fn genesys_participants_of_the_chat_resource() {
    let kinds = kinds_of(&fixture("genesys/003_accept_participantsupdated.json"));
    assert_eq!(kinds[0], EventKind::ConversationOpened);
    let joined: Vec<(Option<String>, Role)> = kinds
        .iter()
        .filter_map(|k| match k {
            EventKind::ParticipantJoined { participant } => {
                Some((participant.name.clone(), participant.role))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        joined,
        [
            (Some("Marat".into()), Role::Agent),
            (Some("PersonP".into()), Role::Consumer)
        ]
    );
    // StatusChange sends `participants: []`: that tells nothing, so no one leaves.
    assert_eq!(
        kinds_of(&fixture("genesys/002_accept_statuschange_chatting.json")),
        [EventKind::ConversationOpened]
    );
}

// --- Genesys transcript messages -------------------------------------------------------------

#[test]
fn genesys_text_and_notices_are_messages() {
    let events = events_of(&fixture("genesys/008_sendmessage_text.json"));
    let e = &events[0];
    assert_eq!(
        e.kind,
        EventKind::Message {
            text: "How may I help you?".into()
        }
    );
    assert_eq!(e.conversation_id.as_deref(), Some("0000Wa9CAM6W00FN"));
    assert_eq!(e.dialog_id, None);
    assert_eq!(e.position, Some(Position::Index(3)));
    assert_eq!(e.time.unwrap().timestamp_millis(), 1389261492035);
    assert_eq!(
        e.sender,
        Some(Participant::new(
            Some("007352CE72D50290".into()),
            Role::Agent,
            Some("TestName".into())
        ))
    );
    assert_eq!(
        kinds_of(&genesys_item("Notice", r#","text":"removed""#)),
        [EventKind::Message {
            text: "removed".into()
        }]
    );
    let custom = events_of(&fixture("genesys/010_sendcustomnotice_customnotice.json"));
    assert!(matches!(&custom[0].kind, EventKind::Message { text } if !text.is_empty()));
}

#[test]
fn genesys_push_url_is_url_pushed() {
    assert_eq!(
        kinds_of(&fixture("genesys/012_sendurl_pushurl.json")),
        [EventKind::UrlPushed {
            url: Some("http://google.com".into())
        }]
    );
}

#[test]
fn genesys_typing_items() {
    assert_eq!(
        kinds_of(&fixture("genesys/013_sendstarttyping_typingstarted.json")),
        [EventKind::TypingStarted]
    );
    assert_eq!(
        kinds_of(&genesys_item("TypingStopped", "")),
        [EventKind::TypingStopped]
    );
}

#[test]
fn genesys_joins_and_leaves() {
    let kristi = Participant::new(Some("p7".into()), Role::Consumer, Some("Kristi".into()));
    for kind in ["ParticipantJoined", "ParticipantRejoined"] {
        assert_eq!(
            kinds_of(&genesys_item(kind, "")),
            [EventKind::ParticipantJoined {
                participant: kristi.clone()
            }],
            "{kind}"
        );
    }
    assert_eq!(
        kinds_of(&genesys_item("ParticipantLeft", "")),
        [EventKind::ParticipantLeft {
            participant: kristi
        }]
    );
    // v3: the External participant is a bot.
    let v3 = events_of(&fixture(
        "genesys/v3/v3_002_messagelogupdated_newmessages.json",
    ));
    assert!(
        matches!(&v3[1].kind, EventKind::ParticipantJoined { participant } if participant.role == Role::Bot)
    );
    assert_eq!(v3[2].sender_role(), Some(Role::Bot));
}

#[test]
fn genesys_file_upload_is_a_shared_file_at_the_attachment_uri() {
    let events = events_of(&fixture(
        "genesys/022_uploadfile_systemcommand_file_uploaded.json",
    ));
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!(
        e.kind,
        EventKind::FileShared {
            location: Some("http://.../api/v2/attachments/0001PaBMYY3600RC".into()),
            file_type: None,
            caption: None,
        }
    );
    assert_eq!(e.conversation_id.as_deref(), Some("0001PaBMYY3600R8"));
    assert_eq!(e.position, Some(Position::Index(7)));
    assert_eq!(e.time.unwrap().timestamp_millis(), 1469111000000);
    assert_eq!(e.audience, Audience::Everyone);
    assert_eq!(
        e.sender,
        Some(Participant::new(
            Some("009F5790DA8D0066".into()),
            Role::Agent,
            Some("TestName".into())
        ))
    );
    // Without `uri`, the attachment's path; `mime` is the file type.
    assert_eq!(
        kinds_of(&genesys_item(
            "SystemCommand",
            r#","noticeText":"file-uploaded","attachment":{"fileId":"f","path":"/attachments/d","mime":"text/plain"}"#
        )),
        [EventKind::FileShared {
            location: Some("/attachments/d".into()),
            file_type: Some("text/plain".into()),
            caption: None,
        }]
    );
    // Without an attachment, a shared file without location.
    assert_eq!(
        kinds_of(&genesys_item(
            "SystemCommand",
            r#","noticeText":"file-uploaded""#
        )),
        [EventKind::FileShared {
            location: None,
            file_type: None,
            caption: None,
        }]
    );
}

#[test]
fn genesys_file_delete_and_other_commands_are_unknown_and_keep_the_item() {
    let events = events_of(&fixture(
        "genesys/023_deletefile_systemcommand_file_deleted.json",
    ));
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].kind, EventKind::Unknown);
    assert_eq!(events[0].position, Some(Position::Index(8)));
    let Source::GenesysMessage(item) = &events[0].source else {
        panic!("{:?}", events[0].source);
    };
    assert_eq!(
        item.attachment.as_ref().unwrap().file_id.as_deref(),
        Some("009F5790DAD80068")
    );
    for fields in [r#","noticeText":"file-scanned""#, ""] {
        assert_eq!(
            kinds_of(&genesys_item("SystemCommand", fields)),
            [EventKind::Unknown],
            "{fields}"
        );
    }
}

#[test]
fn genesys_nickname_update_renames_the_sender() {
    let events = events_of(&fixture(
        "genesys/024_sendnicknameupdatednotice_nicknameupdated.json",
    ));
    assert_eq!(events.len(), 1);
    let renamed = Participant::new(
        Some("0093564DA4BB0039".into()),
        Role::Agent,
        Some("NewNickname".into()),
    );
    assert_eq!(
        events[0].kind,
        EventKind::ParticipantRenamed {
            participant: renamed.clone()
        }
    );
    assert_eq!(events[0].sender, Some(renamed));
    assert_eq!(events[0].position, Some(Position::Index(5)));
    assert_eq!(events[0].time.unwrap().timestamp_millis(), 1490608025000);
    // `from` without a nickname: the new one is `noticeText`.
    let json = genesys_message(
        r#"{"index":2,"type":"NicknameUpdated","noticeText":"Ann","from":{"type":"Customer","participantId":"p2"}}"#,
    );
    assert_eq!(
        kinds_of(&json),
        [EventKind::ParticipantRenamed {
            participant: Participant::new(Some("p2".into()), Role::Consumer, Some("Ann".into()))
        }]
    );
    // Without `from`, nobody to rename.
    let json = genesys_message(r#"{"index":2,"type":"NicknameUpdated","noticeText":"Ann"}"#);
    assert_eq!(kinds_of(&json), [EventKind::Unknown]);
}

#[test]
fn genesys_other_items_are_unknown() {
    for kind in ["TranscriptSaveDone", "FileUploaded"] {
        assert_eq!(
            kinds_of(&genesys_item(kind, "")),
            [EventKind::Unknown],
            "{kind}"
        );
    }
}

#[test]
fn genesys_visibility_and_roles() {
    assert_eq!(
        events_of(&fixture("genesys/019_sendtoagents_text_agents.json"))[0].audience,
        Audience::AgentsOnly
    );
    for (visibility, audience) in [
        ("All", Audience::Everyone),
        ("Agents", Audience::AgentsOnly),
        ("Supervisors", Audience::AgentsOnly),
        ("Robots", Audience::AgentsOnly),
    ] {
        let json = genesys_message(&format!(
            r#"{{"index":1,"type":"Text","text":"x","visibility":"{visibility}"}}"#
        ));
        assert_eq!(events_of(&json)[0].audience, audience, "{visibility}");
    }
    for (vendor, role) in [
        ("Customer", Role::Consumer),
        ("Agent", Role::Agent),
        ("External", Role::Bot),
        ("Supervisor", Role::Unknown),
    ] {
        assert_eq!(
            Role::from(&chatwire::genesys::ParticipantType::from(vendor)),
            role,
            "{vendor}"
        );
    }
}

#[test]
fn genesys_meta_messages_yield_no_event() {
    let meta = r#"{"channel":"/meta/connect","successful":true,"clientId":"c1"}"#;
    assert!(kinds_of(meta).is_empty());
}

// --- parse_any -------------------------------------------------------------------------------

#[test]
fn parse_any_detects_the_vendor_of_every_fixture() {
    let mut seen = 0;
    for (dir, vendor) in [
        ("liveperson", Vendor::LivePerson),
        ("genesys", Vendor::Genesys),
    ] {
        let path = format!(
            "{}/tests/webhooks_examples/{dir}",
            env!("CARGO_MANIFEST_DIR")
        );
        for entry in std::fs::read_dir(path).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                let json = std::fs::read_to_string(&path).unwrap();
                let n = parse_any(&json).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                assert_eq!(n.vendor(), vendor, "{}", path.display());
                assert_eq!(chatwire::detect_vendor(&json), Some(vendor));
                assert!(n.validate().is_valid(), "{}", path.display());
                // Lossless through the neutral enum too.
                let back = serde_json::to_value(&n).unwrap();
                assert_eq!(
                    back,
                    serde_json::from_str::<serde_json::Value>(&json).unwrap()
                );
                seen += 1;
            }
        }
    }
    assert!(seen >= 50, "{seen}");
}

#[test]
fn parse_any_errors_name_what_is_wrong() {
    let neither = parse_any(r#"{"hello":"world"}"#).unwrap_err();
    assert_eq!(neither.kind(), ParseErrorKind::Data);
    assert!(
        neither
            .message()
            .contains("neither a LivePerson nor a Genesys"),
        "{neither}"
    );
    let batch = parse_any(r#"[{"channel":"/v2/me/chats","data":{}}]"#).unwrap_err();
    assert!(batch.message().contains("parse_batch"), "{batch}");
    let scalar = parse_any("42").unwrap_err();
    assert_eq!(scalar.kind(), ParseErrorKind::Data);
    let broken = parse_any(r#"{"kind":"notification","body":{"changes":[}"#).unwrap_err();
    assert_eq!(broken.kind(), ParseErrorKind::Syntax);
    assert_eq!(broken.line(), 1);
    // Detected as Genesys, then the Genesys parse reports the bad field by its wire name.
    let bad =
        parse_any(r#"{"messageType":"MessageLogUpdated","messages":[{"index":"x"}]}"#).unwrap_err();
    assert_eq!(bad.path(), "messages[0].index", "{bad}");
    assert!(matches!(
        parse_any(&fixture(
            "genesys/021_envelope_invited_statuschange_capture.json"
        ))
        .unwrap(),
        AnyNotification::Genesys(_)
    ));
    // Bytes: the same, and invalid UTF-8 is its own error.
    let bytes = fixture("liveperson/002_dc_webhooks_consumer_text.json").into_bytes();
    assert_eq!(
        chatwire::parse_any_slice(&bytes).unwrap(),
        parse_any(std::str::from_utf8(&bytes).unwrap()).unwrap()
    );
    let invalid = chatwire::parse_any_slice(b"{\"kind\":\"\xff\"}").unwrap_err();
    assert_eq!(invalid.kind(), ParseErrorKind::InvalidUtf8);
}

#[test]
fn every_vendor_item_of_every_fixture_yields_an_event_that_points_back_to_it() {
    let mut items_seen = 0;
    for dir in [
        "liveperson",
        "liveperson/partial",
        "genesys",
        "genesys/v3",
        "genesys/related",
    ] {
        let path = format!(
            "{}/tests/webhooks_examples/{dir}",
            env!("CARGO_MANIFEST_DIR")
        );
        for entry in std::fs::read_dir(path).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let json = std::fs::read_to_string(&path).unwrap();
            let Ok(n) = parse_any(&json) else { continue };
            let events: Vec<ChatEvent<'_>> = n.events().collect();
            // Each item of the notification, as its JSON value.
            let items: Vec<Value> = match &n {
                AnyNotification::LivePerson(lp) => lp
                    .messaging_changes()
                    .map(|c| serde_json::to_value(c).unwrap())
                    .chain(
                        lp.conversation_changes()
                            .map(|c| serde_json::to_value(c).unwrap()),
                    )
                    .collect(),
                AnyNotification::Genesys(g) => match &g.data {
                    Some(chatwire::genesys::Data::MessageLogUpdated(log)) => log
                        .items()
                        .iter()
                        .map(|m| serde_json::to_value(m).unwrap())
                        .collect(),
                    Some(chatwire::genesys::Data::ChatStateChange(m)) => {
                        vec![serde_json::to_value(m).unwrap()]
                    }
                    _ => Vec::new(),
                },
                _ => unreachable!(),
            };
            let sources: Vec<Value> = events
                .iter()
                .map(|e| match &e.source {
                    Source::LivePersonMessaging(c) => serde_json::to_value(c).unwrap(),
                    Source::LivePersonConversation(c) => serde_json::to_value(c).unwrap(),
                    Source::GenesysMessage(m) => serde_json::to_value(m).unwrap(),
                    Source::GenesysChatState(m) => serde_json::to_value(m).unwrap(),
                    _ => unreachable!(),
                })
                .collect();
            for item in &items {
                assert!(
                    sources.contains(item),
                    "{}: an item without an event",
                    path.display()
                );
            }
            for source in &sources {
                assert!(
                    items.contains(source),
                    "{}: an event from nowhere",
                    path.display()
                );
            }
            items_seen += items.len();
        }
    }
    assert!(items_seen >= 50, "{items_seen}");
}
