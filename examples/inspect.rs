//! Parses LivePerson webhook and Genesys chat notifications and prints one line per change or
//! message, then the validation result. The vendor is detected from each document (a Genesys
//! long-poll batch is a JSON array), or forced with `--vendor liveperson|genesys`.
//!
//! ```text
//! cargo run --example inspect                       # the bundled example payloads
//! cargo run --example inspect -- a.json b.jsonl     # files
//! cat log.jsonl | cargo run --example inspect -- -  # stdin
//! cargo run --example inspect -- --help
//! ```
//!
//! A file or stdin holds one JSON document or more: pretty-printed, one per line, or both.
//! Exits with status 1 when a document does not parse or has validation errors, 2 on a wrong
//! option or a file that cannot be read.

use std::io::{self, Read, Write};
use std::process::ExitCode;

use chatwire::events::Vendor;
use chatwire::genesys::{self, Data, Messages};
use chatwire::liveperson::Notification;
use chatwire::liveperson::{Content, ConversationChange, Event, MessagingChange, Participants};
use chatwire::{detect_vendor, parse_notification, validate_notification};

#[path = "common/documents.rs"]
mod documents;
use documents::count;

const USAGE: &str = "\
usage: inspect [--vendor liveperson|genesys] [FILE|-]...

Parses LivePerson webhook and Genesys chat notifications and prints one line per change or
message, then what validation found. Without FILE, inspects the example payloads bundled with
chatwire. `-` reads stdin. A file or stdin holds one JSON document or more: pretty-printed, one
per line, or both.

options:
  --vendor liveperson|genesys   parse every document as this vendor's (default: detected)
  -h, --help                    print this help

exit status: 0 when every document is valid, 1 when one does not parse or has validation
errors, 2 on a wrong option or a file that cannot be read.
";

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
        "genesys/022_uploadfile_systemcommand_file_uploaded.json",
        include_str!(
            "../tests/webhooks_examples/genesys/022_uploadfile_systemcommand_file_uploaded.json"
        ),
    ),
    (
        "genesys/023_deletefile_systemcommand_file_deleted.json",
        include_str!(
            "../tests/webhooks_examples/genesys/023_deletefile_systemcommand_file_deleted.json"
        ),
    ),
    (
        "genesys/024_sendnicknameupdatednotice_nicknameupdated.json",
        include_str!(
            "../tests/webhooks_examples/genesys/024_sendnicknameupdatednotice_nicknameupdated.json"
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
    (
        "044_mwapi_apiref_exconv_open_zero_sentinels.json",
        include_str!(
            "../tests/webhooks_examples/liveperson/044_mwapi_apiref_exconv_open_zero_sentinels.json"
        ),
    ),
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let status = run(
        &args,
        &mut io::stdin().lock(),
        &mut io::stdout().lock(),
        &mut io::stderr().lock(),
    );
    match status {
        Ok(status) => ExitCode::from(status),
        // The reader went away (`inspect | head`): nothing more to say.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("inspect: {e}");
            ExitCode::from(2)
        }
    }
}

/// The whole command: reads the arguments, the files and `stdin`, writes the report to `out`
/// and complaints to `err`, and returns the exit status.
fn run(
    args: &[String],
    stdin: &mut dyn Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    let mut forced = None;
    let mut inputs: Vec<&str> = Vec::new();
    let mut options_done = false;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) if name.starts_with("--") => (name, Some(value)),
            _ => (arg.as_str(), None),
        };
        match name {
            _ if options_done || name == "-" || !name.starts_with('-') => inputs.push(arg),
            "--" => options_done = true,
            "-h" | "--help" => {
                out.write_all(USAGE.as_bytes())?;
                return Ok(0);
            }
            "--vendor" => {
                forced = match inline.or_else(|| args.next().map(String::as_str)) {
                    Some("liveperson") => Some(Vendor::LivePerson),
                    Some("genesys") => Some(Vendor::Genesys),
                    Some(other) => {
                        writeln!(
                            err,
                            "inspect: --vendor takes liveperson or genesys, not `{other}`"
                        )?;
                        return Ok(2);
                    }
                    None => {
                        writeln!(err, "inspect: --vendor takes liveperson or genesys")?;
                        return Ok(2);
                    }
                }
            }
            _ => {
                writeln!(err, "inspect: unknown option `{arg}`\n\n{USAGE}")?;
                return Ok(2);
            }
        }
    }

    let Some(sources) = documents::read_sources("inspect", inputs, BUNDLED, stdin, err)? else {
        return Ok(2);
    };

    let (mut total, mut failed) = (0, 0);
    for (name, text) in &sources {
        let documents = documents::split(text);
        if documents.is_empty() {
            writeln!(out, "{name}: no JSON document")?;
            total += 1;
            failed += 1;
        }
        for document in &documents {
            let label = if documents.len() == 1 {
                name.clone()
            } else {
                format!("{name}:{}", document.line)
            };
            let json = &document.text;
            total += 1;
            // Text that is neither vendor's goes to the LivePerson parse, which explains it.
            let valid = match forced.or_else(|| detect_vendor(json)) {
                Some(Vendor::Genesys) => inspect_genesys(&label, json, out)?,
                _ => inspect_liveperson(&label, json, out)?,
            };
            if !valid {
                failed += 1;
            }
        }
    }
    writeln!(out, "{}, {failed} invalid", count(total, "document"))?;
    Ok(if failed == 0 { 0 } else { 1 })
}

/// Prints a LivePerson document's changes and validation; `false` when it is invalid.
fn inspect_liveperson(name: &str, json: &str, out: &mut dyn Write) -> io::Result<bool> {
    let notification = match parse_notification(json) {
        Ok(n) => n,
        Err(e) => {
            writeln!(out, "{name}: parse error: {e}")?;
            return Ok(false);
        }
    };
    let kind = notification.notification_type();
    match &notification {
        Notification::MessagingEvent(n) => {
            let mut changes = n.changes().peekable();
            if changes.peek().is_none() && notification.malformed_changes().is_empty() {
                writeln!(out, "{name}: {kind} with no changes")?;
            }
            for change in changes {
                writeln!(out, "{name}: {kind} {}", describe_message(change))?;
            }
        }
        Notification::ConversationChange(n) => {
            let mut changes = n.changes().peekable();
            if changes.peek().is_none() && notification.malformed_changes().is_empty() {
                writeln!(out, "{name}: {kind} with no changes")?;
            }
            for change in changes {
                writeln!(out, "{name}: {kind} {}", describe_conversation(change))?;
            }
        }
        Notification::Unknown(_) => writeln!(out, "{name}: {kind} (not modelled, kept as JSON)")?,
        _ => writeln!(out, "{name}: {kind}")?,
    }
    for (i, m) in notification.malformed_changes() {
        writeln!(out, "{name}: change {i} malformed: {}", m.error())?;
    }
    let report = validate_notification(&notification);
    for issue in report.errors() {
        writeln!(out, "{name}:   error: {issue}")?;
    }
    for issue in report.warnings() {
        writeln!(out, "{name}:   warning: {issue}")?;
    }
    Ok(report.is_valid())
}

/// Prints a Genesys message (or batch) and its validation; `false` when it is invalid.
fn inspect_genesys(name: &str, json: &str, out: &mut dyn Write) -> io::Result<bool> {
    let parsed = if json.trim_start().starts_with('[') {
        genesys::parse_batch(json)
    } else {
        genesys::parse_notification(json).map(|n| vec![n])
    };
    let notifications = match parsed {
        Ok(n) => n,
        Err(e) => {
            writeln!(out, "{name}: parse error: {e}")?;
            return Ok(false);
        }
    };
    if notifications.is_empty() {
        writeln!(out, "{name}: empty batch")?;
    }
    let mut valid = true;
    for n in &notifications {
        let channel = n.channel().map(|c| format!("{c} ")).unwrap_or_default();
        match &n.data {
            Some(Data::ChatStateChange(m)) => {
                let chat = m.chat.as_ref();
                writeln!(
                    out,
                    "{name}: {channel}ChatStateChangeMessage {} chat {} state {} {}",
                    m.notification_type.as_ref().map_or("?", |t| t.as_str()),
                    chat.and_then(|c| c.id.as_ref())
                        .map_or("?", |id| id.as_str()),
                    chat.and_then(|c| c.state.as_ref())
                        .map_or("?", |s| s.as_str()),
                    count(
                        chat.and_then(|c| c.participants.as_ref())
                            .map_or(0, Vec::len),
                        "participant"
                    ),
                )?;
            }
            Some(Data::MessageLogUpdated(m)) => {
                let chat = m
                    .chat_id()
                    .map(|id| id.to_string())
                    .unwrap_or_else(|| "?".into());
                match &m.messages {
                    Some(Messages::List(items)) if !items.is_empty() => {
                        for item in items {
                            let from = item.from.as_ref();
                            let text = item
                                .text
                                .as_deref()
                                .or(item.notice_text.as_deref())
                                .or(item.url.as_deref())
                                .map(|t| format!(" {t:?}"))
                                .unwrap_or_default();
                            writeln!(
                                out,
                                "{name}: {channel}MessageLogUpdated chat {chat} #{} {} from {}{text}{}",
                                item.index.map_or("?".into(), |i| i.to_string()),
                                item.item_type.as_ref().map_or("?", |t| t.as_str()),
                                from.and_then(|f| f.participant_type.as_ref())
                                    .map_or("?", |t| t.as_str()),
                                if item.is_private() {
                                    " [agents only]"
                                } else {
                                    ""
                                },
                            )?;
                        }
                    }
                    _ => writeln!(
                        out,
                        "{name}: {channel}MessageLogUpdated chat {chat} with no messages"
                    )?,
                }
            }
            Some(other) => writeln!(
                out,
                "{name}: {channel}{} (not modelled, kept as JSON)",
                other.message_type().unwrap_or("untyped")
            )?,
            None => writeln!(out, "{name}: {channel}meta message")?,
        }
        let report = genesys::validate_notification(n);
        for issue in report.errors() {
            writeln!(out, "{name}:   error: {issue}")?;
        }
        for issue in report.warnings() {
            writeln!(out, "{name}:   warning: {issue}")?;
        }
        valid &= report.is_valid();
    }
    Ok(valid)
}

fn describe_message(change: &MessagingChange) -> String {
    let role = change.originator_role().map_or("?", |r| r.as_str());
    let dialog = change.dialog_id.as_ref().map_or("?", |d| d.as_str());
    let seq = change.sequence.map_or(String::from("-"), |s| s.to_string());
    let what = match &change.event {
        Some(Event::Content(e)) => match &e.content {
            Content::Text(t) => format!("ContentEvent text {t:?}"),
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
            let sequences: Vec<String> = e.sequence_list.iter().map(i64::to_string).collect();
            format!(
                "AcceptStatusEvent {} of seq {}",
                e.status,
                sequences.join(",")
            )
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
    let dialogs = count(d.dialogs.as_ref().map_or(0, Vec::len), "dialog");
    let closed = d
        .close_reason
        .as_ref()
        .map(|r| format!(" closed by {r}"))
        .unwrap_or_default();
    format!(
        "{change_type} conversation {id} state {state} stage {stage} participants [{participants}] {dialogs}{closed}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs the command on `args` and `stdin`: (exit status, stdout, stderr).
    fn inspect(args: &[&str], stdin: &str) -> (u8, String, String) {
        let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let status = run(&args, &mut stdin.as_bytes(), &mut out, &mut err).unwrap();
        let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
        (status, text(out), text(err))
    }

    /// The fixture, minified onto one line by a serde_json round trip of its value.
    fn one_line(json: &str) -> String {
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        serde_json::to_string(&value).unwrap()
    }

    fn bundled(name: &str) -> &'static str {
        BUNDLED.iter().find(|(n, _)| *n == name).unwrap().1
    }

    #[test]
    fn help_prints_the_usage() {
        for flag in ["--help", "-h"] {
            let (status, out, err) = inspect(&[flag], "");
            assert_eq!(status, 0);
            assert!(out.starts_with("usage: inspect [--vendor liveperson|genesys] [FILE|-]..."));
            assert!(out.contains("-h, --help"));
            assert_eq!(err, "");
        }
        // Even after a file name: help wins over reading anything.
        let (status, out, _) = inspect(&["no-such-file.json", "--help"], "");
        assert_eq!((status, out.starts_with("usage:")), (0, true));
    }

    #[test]
    fn wrong_options_and_missing_files_exit_with_2() {
        let (status, out, err) = inspect(&["--verbose"], "");
        assert_eq!((status, out.as_str()), (2, ""));
        assert!(err.starts_with("inspect: unknown option `--verbose`\n\nusage: inspect"));

        let (status, _, err) = inspect(&["--vendor", "zendesk"], "");
        assert_eq!(status, 2);
        assert_eq!(
            err,
            "inspect: --vendor takes liveperson or genesys, not `zendesk`\n"
        );
        let (status, _, err) = inspect(&["--vendor"], "");
        assert_eq!(
            (status, err.as_str()),
            (2, "inspect: --vendor takes liveperson or genesys\n")
        );

        let (status, out, err) = inspect(&["no-such-file.json"], "");
        assert_eq!((status, out.as_str()), (2, ""));
        assert!(err.starts_with("inspect: no-such-file.json: "), "{err}");
    }

    #[test]
    fn bundled_payloads_are_all_valid_and_read_plainly() {
        let (status, out, err) = inspect(&[], "");
        assert_eq!((status, err.as_str()), (0, ""));
        assert!(out.ends_with(&format!("\n{} documents, 0 invalid\n", BUNDLED.len())));
        // No Debug wrappers, counts in words.
        assert!(!out.contains("Some("), "{out}");
        assert!(!out.contains("None"), "{out}");
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines.contains(&"004_dc_webhooks_agent_read.json: ms.MessagingEventNotification AcceptStatusEvent READ of seq 0 from ASSIGNED_AGENT in dialog 5491244f-e462-4c63-bf4e-faf4b2d3e7b5 seq 1"));
        assert!(lines.contains(&"009_demoapp_conv_open_with_dialog.json: cqm.ExConversationChangeNotification UPSERT conversation 69d7026e-67e7-47ab-8dcb-ec14dfcdd31d state OPEN stage OPEN participants [CONSUMER] 1 dialog"));
        assert!(lines.contains(&"028_mwapi_pcs_exconv_main_closed_survey_open.json: cqm.ExConversationChangeNotification UPSERT conversation __YOUR_CONVERSATION_ID__ state CLOSE stage OPEN participants [ASSIGNED_AGENT,READER,CONSUMER,AGENT,CONTROLLER] 2 dialogs closed by CONSUMER"));
        assert!(lines.contains(&"genesys/003_accept_participantsupdated.json: ChatStateChangeMessage ParticipantsUpdated chat 0000Na9B26EF002X state Chatting 2 participants"));
        assert!(lines.contains(&"genesys/021_envelope_invited_statuschange_capture.json: /v2/me/chats ChatStateChangeMessage StatusChange chat 000XJaBEC1HH000S state Invited 0 participants"));
        assert!(lines.contains(&"genesys/013_sendstarttyping_typingstarted.json: MessageLogUpdated chat 0000Wa9CAM6W00FY #4 TypingStarted from Agent"));
        assert!(lines.contains(&"genesys/022_uploadfile_systemcommand_file_uploaded.json: MessageLogUpdated chat 0001PaBMYY3600R8 #7 SystemCommand from Agent \"file-uploaded\""));
        // Documents without changes say so, once.
        assert!(lines.contains(&"018_mwapi_pcs_subscribe_exconv_empty.json: cqm.ExConversationChangeNotification with no changes"));
        assert!(lines.contains(
            &"019_mwapi_pcs_msgevent_empty.json: ms.MessagingEventNotification with no changes"
        ));
        // Every bundled document prints at least one line.
        for (name, _) in BUNDLED {
            assert!(
                out.lines().any(|l| l.starts_with(&format!("{name}: "))),
                "{name}"
            );
        }
    }

    #[test]
    fn every_top_level_example_of_both_vendors_is_bundled() {
        for (vendor, prefix, at_least) in [("liveperson", "", 38), ("genesys", "genesys/", 19)] {
            let dir = format!(
                "{}/tests/webhooks_examples/{vendor}",
                env!("CARGO_MANIFEST_DIR")
            );
            let mut files: Vec<String> = std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|name| name.ends_with(".json"))
                .collect();
            files.sort();
            assert!(files.len() >= at_least, "{files:?}");
            for file in files {
                let name = format!("{prefix}{file}");
                assert!(
                    BUNDLED.iter().any(|(n, _)| *n == name),
                    "{name} is not in BUNDLED"
                );
            }
        }
    }

    #[test]
    fn stdin_takes_a_pretty_printed_document() {
        let json = bundled("002_dc_webhooks_consumer_text.json");
        assert!(
            json.trim().lines().count() > 1,
            "the fixture is pretty-printed"
        );
        let (status, out, err) = inspect(&["-"], json);
        assert_eq!((status, err.as_str()), (0, ""));
        assert_eq!(
            out,
            "stdin: ms.MessagingEventNotification ContentEvent text \"Hello from Consumer\" from CONSUMER in dialog 5491244f-e462-4c63-bf4e-faf4b2d3e7b5 seq 0\n\
             1 document, 0 invalid\n"
        );
    }

    #[test]
    fn stdin_takes_one_document_per_line_and_mixed() {
        let stdin = format!(
            "{}\n\n{}\n{}",
            one_line(bundled("002_dc_webhooks_consumer_text.json")),
            one_line(bundled("genesys/008_sendmessage_text.json")),
            bundled("011_demoapp_conv_closed_by_consumer.json"),
        );
        let (status, out, _) = inspect(&["-"], &stdin);
        assert_eq!(status, 0);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 4, "{out}");
        assert!(lines[0].starts_with("stdin:1: ms.MessagingEventNotification ContentEvent"));
        assert!(lines[1].starts_with("stdin:3: MessageLogUpdated chat 0000Wa9CAM6W00FN #3 Text"));
        assert!(lines[2].starts_with("stdin:4: cqm.ExConversationChangeNotification UPSERT"));
        assert_eq!(lines[3], "3 documents, 0 invalid");
    }

    #[test]
    fn a_broken_line_is_reported_and_the_rest_inspected() {
        let good = one_line(bundled("002_dc_webhooks_consumer_text.json"));
        let stdin = format!("{}\n{good}\n", &good[..40]);
        let (status, out, _) = inspect(&["-"], &stdin);
        assert_eq!(status, 1);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 3, "{out}");
        assert!(lines[0].starts_with("stdin:1: parse error: "), "{out}");
        assert!(lines[1].starts_with("stdin:2: ms.MessagingEventNotification ContentEvent"));
        assert_eq!(lines[2], "2 documents, 1 invalid");

        let (status, out, _) = inspect(&["-"], " \n");
        assert_eq!(
            (status, out.as_str()),
            (1, "stdin: no JSON document\n1 document, 1 invalid\n")
        );
    }

    #[test]
    fn validation_errors_fail_the_run() {
        // A content event without its dialog: parses, but breaks the contract.
        let json = r#"{"kind":"notification","type":"ms.MessagingEventNotification","body":{"changes":[{"sequence":0,"serverTimestamp":1528371161893,"event":{"type":"ContentEvent","message":"hi","contentType":"text/plain"}}]}}"#;
        let (status, out, _) = inspect(&["-"], json);
        assert_eq!(status, 1);
        assert!(out.contains("\nstdin:   error: "), "{out}");
        assert!(out.ends_with("1 document, 1 invalid\n"));
    }

    #[test]
    fn the_vendor_can_be_forced() {
        let json = bundled("genesys/008_sendmessage_text.json");
        let (status, out, _) = inspect(&["--vendor=genesys", "-"], json);
        assert_eq!(status, 0);
        assert!(out.starts_with("stdin: MessageLogUpdated"), "{out}");
        // Read as LivePerson, the Genesys message is not a valid notification.
        let (status, out, _) = inspect(&["--vendor", "liveperson", "-"], json);
        assert_eq!(status, 1, "{out}");
    }
}
