//! Parses LivePerson webhook and Genesys chat notifications and prints one line per change or
//! message, then the validation result. The vendor is detected from each document (a Genesys
//! long-poll batch is a JSON array), or forced with `--vendor liveperson|genesys`.
//!
//! ```text
//! cargo run --example inspect                  # the bundled example payloads
//! cargo run --example inspect -- a.json b.json # files, one JSON document each
//! cat log.jsonl | cargo run --example inspect -- -   # stdin, one JSON document per line
//! ```
//!
//! Exits with status 1 when a document does not parse or has validation errors.

use std::io::{self, BufRead, Read};
use std::process::ExitCode;

use chatwire::events::Vendor;
use chatwire::genesys::{self, Data, Messages};
use chatwire::liveperson::Notification;
use chatwire::liveperson::{Content, ConversationChange, Event, MessagingChange, Participants};
use chatwire::{detect_vendor, parse_notification, validate_notification};

/// The example payloads bundled with the crate (vendor documentation and samples).
const BUNDLED: &[(&str, &str)] = &[
    (
        "genesys/001_chatmessagetype_propertiesupdated.json",
        include_str!(
            "../tests/webhooks_examples/genesys/001_chatmessagetype_propertiesupdated.json"
        ),
    ),
    (
        "genesys/002_accept_statuschange_chatting.json",
        include_str!("../tests/webhooks_examples/genesys/002_accept_statuschange_chatting.json"),
    ),
    (
        "genesys/003_accept_participantsupdated.json",
        include_str!("../tests/webhooks_examples/genesys/003_accept_participantsupdated.json"),
    ),
    (
        "genesys/004_reject_statuschange_completed.json",
        include_str!("../tests/webhooks_examples/genesys/004_reject_statuschange_completed.json"),
    ),
    (
        "genesys/006_leave_statuschange_leftchat.json",
        include_str!("../tests/webhooks_examples/genesys/006_leave_statuschange_leftchat.json"),
    ),
    (
        "genesys/008_sendmessage_text.json",
        include_str!("../tests/webhooks_examples/genesys/008_sendmessage_text.json"),
    ),
    (
        "genesys/009_sendmessage_text_with_messagetype.json",
        include_str!(
            "../tests/webhooks_examples/genesys/009_sendmessage_text_with_messagetype.json"
        ),
    ),
    (
        "genesys/010_sendcustomnotice_customnotice.json",
        include_str!("../tests/webhooks_examples/genesys/010_sendcustomnotice_customnotice.json"),
    ),
    (
        "genesys/012_sendurl_pushurl.json",
        include_str!("../tests/webhooks_examples/genesys/012_sendurl_pushurl.json"),
    ),
    (
        "genesys/013_sendstarttyping_typingstarted.json",
        include_str!("../tests/webhooks_examples/genesys/013_sendstarttyping_typingstarted.json"),
    ),
    (
        "genesys/015_sendstarttypingtoagents_typingstarted_agents.json",
        include_str!(
            "../tests/webhooks_examples/genesys/015_sendstarttypingtoagents_typingstarted_agents.json"
        ),
    ),
    (
        "genesys/016_removeparticipant_notice_agents.json",
        include_str!("../tests/webhooks_examples/genesys/016_removeparticipant_notice_agents.json"),
    ),
    (
        "genesys/017_invite_participantsupdated_conference.json",
        include_str!(
            "../tests/webhooks_examples/genesys/017_invite_participantsupdated_conference.json"
        ),
    ),
    (
        "genesys/018_setdisposition_propertiesupdated.json",
        include_str!(
            "../tests/webhooks_examples/genesys/018_setdisposition_propertiesupdated.json"
        ),
    ),
    (
        "genesys/019_sendtoagents_text_agents.json",
        include_str!("../tests/webhooks_examples/genesys/019_sendtoagents_text_agents.json"),
    ),
    (
        "genesys/021_envelope_invited_statuschange_capture.json",
        include_str!(
            "../tests/webhooks_examples/genesys/021_envelope_invited_statuschange_capture.json"
        ),
    ),
    (
        "001_dc_webhooks_conv_created.json",
        include_str!("../tests/webhooks_examples/liveperson/001_dc_webhooks_conv_created.json"),
    ),
    (
        "002_dc_webhooks_consumer_text.json",
        include_str!("../tests/webhooks_examples/liveperson/002_dc_webhooks_consumer_text.json"),
    ),
    (
        "003_dc_webhooks_agent_assigned.json",
        include_str!("../tests/webhooks_examples/liveperson/003_dc_webhooks_agent_assigned.json"),
    ),
    (
        "004_dc_webhooks_agent_read.json",
        include_str!("../tests/webhooks_examples/liveperson/004_dc_webhooks_agent_read.json"),
    ),
    (
        "005_dc_webhooks_agent_composing.json",
        include_str!("../tests/webhooks_examples/liveperson/005_dc_webhooks_agent_composing.json"),
    ),
    (
        "006_dc_webhooks_agent_active.json",
        include_str!("../tests/webhooks_examples/liveperson/006_dc_webhooks_agent_active.json"),
    ),
    (
        "007_dc_webhooks_agent_text.json",
        include_str!("../tests/webhooks_examples/liveperson/007_dc_webhooks_agent_text.json"),
    ),
    (
        "009_demoapp_conv_open_with_dialog.json",
        include_str!(
            "../tests/webhooks_examples/liveperson/009_demoapp_conv_open_with_dialog.json"
        ),
    ),
    (
        "010_demoapp_consumer_pause.json",
        include_str!("../tests/webhooks_examples/liveperson/010_demoapp_consumer_pause.json"),
    ),
    (
        "011_demoapp_conv_closed_by_consumer.json",
        include_str!(
            "../tests/webhooks_examples/liveperson/011_demoapp_conv_closed_by_consumer.json"
        ),
    ),
    (
        "012_demoapp_readme_agent_composing.json",
        include_str!(
            "../tests/webhooks_examples/liveperson/012_demoapp_readme_agent_composing.json"
        ),
    ),
    (
        "013_demoapp_readme_consumer_active.json",
        include_str!(
            "../tests/webhooks_examples/liveperson/013_demoapp_readme_consumer_active.json"
        ),
    ),
    (
        "014_demoapp_readme_agent_read_seq9.json",
        include_str!(
            "../tests/webhooks_examples/liveperson/014_demoapp_readme_agent_read_seq9.json"
        ),
    ),
    (
        "015_ccc_conv_open_manager_sentTs.json",
        include_str!("../tests/webhooks_examples/liveperson/015_ccc_conv_open_manager_sentTs.json"),
    ),
    (
        "016_ccc_manager_text_messageAudience.json",
        include_str!(
            "../tests/webhooks_examples/liveperson/016_ccc_manager_text_messageAudience.json"
        ),
    ),
    (
        "017_dc_events_consumer_text_messageAudience.json",
        include_str!(
            "../tests/webhooks_examples/liveperson/017_dc_events_consumer_text_messageAudience.json"
        ),
    ),
    (
        "018_mwapi_pcs_subscribe_exconv_empty.json",
        include_str!(
            "../tests/webhooks_examples/liveperson/018_mwapi_pcs_subscribe_exconv_empty.json"
        ),
    ),
    (
        "019_mwapi_pcs_msgevent_empty.json",
        include_str!("../tests/webhooks_examples/liveperson/019_mwapi_pcs_msgevent_empty.json"),
    ),
    (
        "020_mwapi_pcs_agent_text_seq0.json",
        include_str!("../tests/webhooks_examples/liveperson/020_mwapi_pcs_agent_text_seq0.json"),
    ),
    (
        "021_mwapi_pcs_agent_composing.json",
        include_str!("../tests/webhooks_examples/liveperson/021_mwapi_pcs_agent_composing.json"),
    ),
    (
        "023_mwapi_pcs_agent_active.json",
        include_str!("../tests/webhooks_examples/liveperson/023_mwapi_pcs_agent_active.json"),
    ),
    (
        "024_mwapi_pcs_consumer_text.json",
        include_str!("../tests/webhooks_examples/liveperson/024_mwapi_pcs_consumer_text.json"),
    ),
    (
        "025_mwapi_pcs_agent_accept.json",
        include_str!("../tests/webhooks_examples/liveperson/025_mwapi_pcs_agent_accept.json"),
    ),
    (
        "027_mwapi_pcs_consumer_active.json",
        include_str!("../tests/webhooks_examples/liveperson/027_mwapi_pcs_consumer_active.json"),
    ),
    (
        "028_mwapi_pcs_exconv_main_closed_survey_open.json",
        include_str!(
            "../tests/webhooks_examples/liveperson/028_mwapi_pcs_exconv_main_closed_survey_open.json"
        ),
    ),
    (
        "029_mwapi_pcs_survey_bot_quickreplies_metadata.json",
        include_str!(
            "../tests/webhooks_examples/liveperson/029_mwapi_pcs_survey_bot_quickreplies_metadata.json"
        ),
    ),
    (
        "030_mwapi_pcs_consumer_action_answer_metadata.json",
        include_str!(
            "../tests/webhooks_examples/liveperson/030_mwapi_pcs_consumer_action_answer_metadata.json"
        ),
    ),
    (
        "031_mwapi_pcs_consumer_survey_answer_text.json",
        include_str!(
            "../tests/webhooks_examples/liveperson/031_mwapi_pcs_consumer_survey_answer_text.json"
        ),
    ),
    (
        "032_mwapi_pcs_surveybot_read.json",
        include_str!("../tests/webhooks_examples/liveperson/032_mwapi_pcs_surveybot_read.json"),
    ),
    (
        "033_mwapi_pcs_surveybot_composing.json",
        include_str!(
            "../tests/webhooks_examples/liveperson/033_mwapi_pcs_surveybot_composing.json"
        ),
    ),
    (
        "035_mwapi_pcs_surveybot_active.json",
        include_str!("../tests/webhooks_examples/liveperson/035_mwapi_pcs_surveybot_active.json"),
    ),
    (
        "037_mwapi_old_agent_text_no_originatorMetadata.json",
        include_str!(
            "../tests/webhooks_examples/liveperson/037_mwapi_old_agent_text_no_originatorMetadata.json"
        ),
    ),
    (
        "039_devassist_webhook_conv_created.json",
        include_str!(
            "../tests/webhooks_examples/liveperson/039_devassist_webhook_conv_created.json"
        ),
    ),
    (
        "040_devassist_webhook_agent_joined.json",
        include_str!(
            "../tests/webhooks_examples/liveperson/040_devassist_webhook_agent_joined.json"
        ),
    ),
    (
        "041_devassist_webhook_agent_text.json",
        include_str!("../tests/webhooks_examples/liveperson/041_devassist_webhook_agent_text.json"),
    ),
    (
        "042_devassist_webhook_skill_transfer.json",
        include_str!(
            "../tests/webhooks_examples/liveperson/042_devassist_webhook_skill_transfer.json"
        ),
    ),
    (
        "043_devassist_webhook_closed_by_agent.json",
        include_str!(
            "../tests/webhooks_examples/liveperson/043_devassist_webhook_closed_by_agent.json"
        ),
    ),
];

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut forced = None;
    if let Some(at) = args.iter().position(|a| a == "--vendor") {
        forced = match args.get(at + 1).map(String::as_str) {
            Some("liveperson") => Some(Vendor::LivePerson),
            Some("genesys") => Some(Vendor::Genesys),
            other => {
                eprintln!("--vendor takes liveperson or genesys, not {other:?}");
                return ExitCode::FAILURE;
            }
        };
        args.drain(at..at + 2);
    }
    let mut documents: Vec<(String, String)> = Vec::new();
    if args.is_empty() {
        documents.extend(BUNDLED.iter().map(|(n, j)| (n.to_string(), j.to_string())));
    }
    for arg in &args {
        if arg == "-" {
            let stdin = io::stdin();
            for (i, line) in stdin.lock().lines().enumerate() {
                match line {
                    Ok(line) if line.trim().is_empty() => {}
                    Ok(line) => documents.push((format!("stdin:{}", i + 1), line)),
                    Err(e) => {
                        eprintln!("stdin: {e}");
                        return ExitCode::FAILURE;
                    }
                }
            }
        } else {
            let mut text = String::new();
            match std::fs::File::open(arg).and_then(|mut f| f.read_to_string(&mut text)) {
                Ok(_) => documents.push((arg.clone(), text)),
                Err(e) => {
                    eprintln!("{arg}: {e}");
                    return ExitCode::FAILURE;
                }
            }
        }
    }
    let mut failed = 0;
    for (name, json) in &documents {
        // Text that is neither vendor's goes to the LivePerson parse, which explains it.
        let ok = match forced.or_else(|| detect_vendor(json)) {
            Some(Vendor::Genesys) => inspect_genesys(name, json),
            _ => inspect(name, json),
        };
        if !ok {
            failed += 1;
        }
    }
    println!("{} documents, {} invalid", documents.len(), failed);
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Prints the document's changes and validation; `false` when it is invalid.
fn inspect(name: &str, json: &str) -> bool {
    let notification = match parse_notification(json) {
        Ok(n) => n,
        Err(e) => {
            println!("{name}: parse error: {e}");
            return false;
        }
    };
    let kind = notification.notification_type();
    match &notification {
        Notification::MessagingEvent(n) => {
            for change in n.changes() {
                println!("{name}: {kind} {}", describe_message(change));
            }
        }
        Notification::ConversationChange(n) => {
            for change in n.changes() {
                println!("{name}: {kind} {}", describe_conversation(change));
            }
        }
        Notification::Unknown(_) => println!("{name}: {kind} (not modelled, kept as JSON)"),
        _ => println!("{name}: {kind}"),
    }
    for (i, m) in notification.malformed_changes() {
        println!("{name}: change {i} malformed: {}", m.error());
    }
    let report = validate_notification(&notification);
    for issue in report.errors() {
        println!("{name}:   error: {issue}");
    }
    for issue in report.warnings() {
        println!("{name}:   warning: {issue}");
    }
    report.is_valid()
}

/// Prints a Genesys message (or batch) and its validation; `false` when it is invalid.
fn inspect_genesys(name: &str, json: &str) -> bool {
    let parsed = if json.trim_start().starts_with('[') {
        genesys::parse_batch(json)
    } else {
        genesys::parse_notification(json).map(|n| vec![n])
    };
    let notifications = match parsed {
        Ok(n) => n,
        Err(e) => {
            println!("{name}: parse error: {e}");
            return false;
        }
    };
    let mut valid = true;
    for n in &notifications {
        let channel = n.channel().unwrap_or("-");
        match &n.data {
            Some(Data::ChatStateChange(m)) => {
                let chat = m.chat.as_ref();
                println!(
                    "{name}: {channel} ChatStateChangeMessage {} chat {} state {} participants {}",
                    m.notification_type.as_ref().map_or("?", |t| t.as_str()),
                    chat.and_then(|c| c.id.as_ref())
                        .map_or("?", |id| id.as_str()),
                    chat.and_then(|c| c.state.as_ref())
                        .map_or("?", |s| s.as_str()),
                    chat.and_then(|c| c.participants.as_ref())
                        .map_or(0, Vec::len),
                );
            }
            Some(Data::MessageLogUpdated(m)) => {
                let chat = m
                    .chat_id()
                    .map(|id| id.to_string())
                    .unwrap_or_else(|| "?".into());
                if let Some(Messages::List(items)) = &m.messages {
                    for item in items {
                        let from = item.from.as_ref();
                        println!(
                            "{name}: {channel} MessageLogUpdated chat {chat} #{} {} from {} {:?}{}",
                            item.index.map_or("?".into(), |i| i.to_string()),
                            item.item_type.as_ref().map_or("?", |t| t.as_str()),
                            from.and_then(|f| f.participant_type.as_ref())
                                .map_or("?", |t| t.as_str()),
                            item.text
                                .as_deref()
                                .or(item.notice_text.as_deref())
                                .or(item.url.as_deref())
                                .unwrap_or(""),
                            if item.is_private() {
                                " [agents only]"
                            } else {
                                ""
                            },
                        );
                    }
                }
            }
            Some(other) => println!(
                "{name}: {channel} {} (not modelled, kept as JSON)",
                other.message_type().unwrap_or("untyped")
            ),
            None => println!("{name}: {channel} meta message"),
        }
        let report = genesys::validate_notification(n);
        for issue in report.errors() {
            println!("{name}:   error: {issue}");
        }
        for issue in report.warnings() {
            println!("{name}:   warning: {issue}");
        }
        valid &= report.is_valid();
    }
    valid
}

fn describe_message(change: &MessagingChange) -> String {
    let role = change.originator_role().map_or("?", |r| r.as_str());
    let dialog = change.dialog_id.as_ref().map_or("?", |d| d.as_str());
    let seq = change.sequence.map_or(String::from("-"), |s| s.to_string());
    let what = match &change.event {
        Some(Event::Content(e)) => match &e.content {
            Content::Text(t) => format!("ContentEvent text {:?}", t),
            Content::HostedFile(f) => {
                format!("ContentEvent file {} {}", f.file_type, f.relative_path)
            }
            Content::SecureInvitation(f) => {
                format!("ContentEvent secure-form invitation {}", f.invitation_id)
            }
            Content::SecureSubmission(f) => {
                format!("ContentEvent secure-form submission {}", f.invitation_id)
            }
            _ => format!(
                "ContentEvent {}",
                e.content_type().map(|c| c.to_string()).unwrap_or_default()
            ),
        },
        Some(Event::RichContent(e)) => {
            format!("RichContentEvent {}", e.element_type().unwrap_or_default())
        }
        Some(Event::AcceptStatus(e)) => {
            format!("AcceptStatusEvent {} {:?}", e.status, e.sequence_list)
        }
        Some(Event::ChatState(e)) => format!("ChatStateEvent {}", e.chat_state),
        Some(other) => format!(
            "{} (unknown event type)",
            other.event_type().unwrap_or("untyped")
        ),
        None => "no event".to_owned(),
    };
    let private = if change.is_private() {
        " [agents only]"
    } else {
        ""
    };
    format!("{what} from {role} in dialog {dialog} seq {seq}{private}")
}

fn describe_conversation(change: &ConversationChange) -> String {
    let id = change.conversation_id().unwrap_or("?");
    let change_type = change.change_type.as_ref().map_or("?", |t| t.as_str());
    let Some(d) = change.details() else {
        return format!("{change_type} conversation {id} (no details)");
    };
    let state = d.state.as_ref().map_or("?", |s| s.as_str());
    let stage = d.stage.as_ref().map_or("?", |s| s.as_str());
    let participants = match &d.participants {
        Some(Participants::List(list)) => list
            .iter()
            .map(|p| p.role.as_ref().map_or("?", |r| r.as_str()))
            .collect::<Vec<_>>()
            .join(","),
        Some(Participants::ByRole(groups)) => groups
            .iter()
            .map(|(r, _)| r.as_str())
            .collect::<Vec<_>>()
            .join(","),
        _ => String::new(),
    };
    let dialogs = d.dialogs.as_ref().map_or(0, Vec::len);
    let closed = d
        .close_reason
        .as_ref()
        .map(|r| format!(" closed by {r}"))
        .unwrap_or_default();
    format!(
        "{change_type} conversation {id} state {state} stage {stage} participants [{participants}] dialogs {dialogs}{closed}"
    )
}
