//! Reads notifications of either vendor, feeds them to a `ConversationTracker`, and prints
//! each conversation's state and timeline: the transcript, with the openings, transfers, joins,
//! leaves and closes that conversation snapshots told, at their time.
//!
//! ```sh
//! cargo run --example transcript                    # replays the bundled fixture conversations
//! cargo run --example transcript -- a.jsonl b.jsonl # your own files
//! some-producer | cargo run --example transcript -- -
//! cargo run --example transcript -- --help
//! ```
//!
//! A file or stdin holds one JSON notification or more: pretty-printed, one per line, or both.
//! Documents that do not parse are reported on stderr with their line and skipped; the exit
//! status is then 1 (2 on a wrong option or a file that cannot be read).

use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::process::ExitCode;

use chatwire::events::{
    ChatEvent, CloseReason, DeliveryStatus, EventKind, Participant, Position, Role, Vendor,
};
use chatwire::tracker::{Conversation, ConversationStatus, ConversationTracker};

#[path = "common/documents.rs"]
mod documents;
use documents::count;

const USAGE: &str = "\
usage: transcript [FILE|-]...

Feeds notifications of either vendor (LivePerson webhooks, Genesys chat CometD messages) to a
chatwire ConversationTracker and prints each conversation's state and timeline. Without FILE,
replays the fixture conversations bundled with chatwire. `-` reads stdin. A file or stdin holds
one JSON notification or more: pretty-printed, one per line, or both.

options:
  -h, --help   print this help

exit status: 0 when every notification parsed, 1 when one did not (it is reported on stderr and
skipped), 2 on a wrong option or a file that cannot be read.
";

/// The fixture conversations bundled with the crate (see their SOURCES.md).
const BUNDLED: &[(&str, &str)] = &[
    (
        "liveperson_dc_webhooks_5491244f.jsonl",
        include_str!(
            "../tests/webhooks_examples/conversations/liveperson_dc_webhooks_5491244f.jsonl"
        ),
    ),
    (
        "liveperson_devassist_f2384f56.jsonl",
        include_str!(
            "../tests/webhooks_examples/conversations/liveperson_devassist_f2384f56.jsonl"
        ),
    ),
    (
        "genesys_chat_0000Na9B26EF002X.jsonl",
        include_str!(
            "../tests/webhooks_examples/conversations/genesys_chat_0000Na9B26EF002X.jsonl"
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
        // The reader went away (`transcript | head`): nothing more to say.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("transcript: {e}");
            ExitCode::from(2)
        }
    }
}

/// Conversation-level events (no position, so not in the transcript) by conversation.
type StateEvents = BTreeMap<(Vendor, String), Vec<ChatEvent<'static>>>;

/// The whole command: reads the arguments, the files and `stdin`, writes the conversations to
/// `out` and what went wrong to `err`, and returns the exit status.
fn run(
    args: &[String],
    stdin: &mut dyn Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    let mut inputs: Vec<&str> = Vec::new();
    let mut options_done = false;
    for arg in args {
        match arg.as_str() {
            _ if options_done || arg == "-" || !arg.starts_with('-') => inputs.push(arg),
            "--" => options_done = true,
            "-h" | "--help" => {
                out.write_all(USAGE.as_bytes())?;
                return Ok(0);
            }
            _ => {
                writeln!(err, "transcript: unknown option `{arg}`\n\n{USAGE}")?;
                return Ok(2);
            }
        }
    }
    let Some(sources) = documents::read_sources("transcript", inputs, BUNDLED, stdin, err)? else {
        return Ok(2);
    };

    let mut tracker = ConversationTracker::default();
    let mut state_events = StateEvents::new();
    let mut keep = |events: Vec<ChatEvent<'static>>| {
        for event in events {
            if event.position.is_none()
                && is_state_event(&event.kind)
                && let Some(id) = &event.conversation_id
            {
                let key = (event.vendor(), id.clone());
                state_events.entry(key).or_default().push(event);
            }
        }
    };
    let mut failed = false;
    for (name, text) in &sources {
        for document in documents::split(text) {
            match tracker.ingest_json(&document.text) {
                Ok(ingested) => keep(ingested.events),
                Err(e) => {
                    writeln!(err, "{name}:{}: {e}", document.line)?;
                    failed = true;
                }
            }
        }
    }
    let flushed = tracker.flush();
    for gap in &flushed.gaps {
        let dialog = gap
            .dialog_id
            .as_ref()
            .map(|d| format!(" dialog {d}"))
            .unwrap_or_default();
        writeln!(
            err,
            "gap that never filled: {:?} conversation {}{dialog} positions {}..{}",
            gap.vendor, gap.conversation_id, gap.from, gap.to
        )?;
    }
    keep(flushed.events);
    for conversation in tracker.conversations() {
        let key = (conversation.vendor, conversation.id.clone());
        let events = state_events.get(&key).map_or(&[][..], Vec::as_slice);
        print_conversation(conversation, events, out)?;
    }
    let stats = tracker.stats();
    writeln!(
        out,
        "{}, {}, {}, {}, {}",
        count(stats.notifications as usize, "notification"),
        count(stats.events as usize, "event"),
        count(stats.duplicates as usize, "duplicate"),
        count(stats.stale as usize, "stale snapshot"),
        count(stats.gaps as usize, "gap"),
    )?;
    Ok(if failed { 1 } else { 0 })
}

/// Events about the conversation as a whole, which snapshots tell without a position.
fn is_state_event(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::ConversationOpened
            | EventKind::ConversationTransferred { .. }
            | EventKind::ConversationClosed { .. }
            | EventKind::ParticipantJoined { .. }
            | EventKind::ParticipantLeft { .. }
    )
}

/// Prints the conversation's state, then its timeline: the transcript in conversation order,
/// each of `state_events` before the first transcript event later than it (those without a
/// time last).
fn print_conversation(
    c: &Conversation,
    state_events: &[ChatEvent<'static>],
    out: &mut dyn Write,
) -> io::Result<()> {
    let status = match c.status() {
        Some(ConversationStatus::Open) => "open".to_owned(),
        Some(ConversationStatus::Closed) => match c.close_reason() {
            Some(reason) => format!("closed {}", closed_by(reason)),
            None => "closed".to_owned(),
        },
        Some(other) => format!("{other:?}").to_lowercase(),
        None => "state unknown".to_owned(),
    };
    let skill = c
        .skill()
        .map(|s| format!(", skill {s}"))
        .unwrap_or_default();
    writeln!(
        out,
        "== {} conversation {}: {status}{skill}",
        vendor(c.vendor),
        c.id
    )?;
    let people: Vec<String> = c.participants().iter().map(who).collect();
    if !people.is_empty() {
        writeln!(out, "   participants: {}", people.join(", "))?;
    }
    for dialog in c.dialogs() {
        if let (Some(id), Some(kind)) = (&dialog.id, dialog.kind) {
            let kind = format!("{kind:?}").to_lowercase();
            let status = match dialog.status {
                Some(ConversationStatus::Open) => ", open",
                Some(ConversationStatus::Closed) => ", closed",
                _ => "",
            };
            writeln!(out, "   dialog {id}: {kind}{status}")?;
        }
    }
    let mut pending = state_events.iter().peekable();
    for event in c.transcript() {
        while let Some(state) = pending.next_if(|s| s.time.is_some() && s.time < event.time) {
            writeln!(out, "   {}", line(state))?;
        }
        writeln!(out, "   {}", line(event))?;
    }
    for state in pending {
        writeln!(out, "   {}", line(state))?;
    }
    for gap in c.gaps() {
        writeln!(out, "   missing positions {}..{}", gap.from, gap.to)?;
    }
    Ok(())
}

fn vendor(v: Vendor) -> &'static str {
    match v {
        Vendor::LivePerson => "LivePerson",
        Vendor::Genesys => "Genesys",
        _ => "other vendor",
    }
}

fn role(r: Role) -> &'static str {
    match r {
        Role::Consumer => "consumer",
        Role::Agent => "agent",
        Role::Bot => "bot",
        Role::Manager => "manager",
        Role::System => "system",
        _ => "participant",
    }
}

fn closed_by(r: CloseReason) -> &'static str {
    match r {
        CloseReason::Consumer => "by the consumer",
        CloseReason::Agent => "by an agent",
        CloseReason::System => "by the system",
        _ => "(reason not told)",
    }
}

fn who(p: &Participant) -> String {
    let role = role(p.role);
    match (&p.name, &p.id) {
        (Some(name), _) => format!("{name} ({role})"),
        (None, Some(id)) => format!("{role} {}", id.get(..8).unwrap_or(id)),
        (None, None) => role.to_owned(),
    }
}

fn line(e: &ChatEvent<'_>) -> String {
    let position = match e.position {
        Some(Position::Sequence(n)) => format!("seq {n:>3}"),
        Some(Position::Index(n)) => format!("#{n:>3}"),
        Some(_) | None => "   -   ".to_owned(),
    };
    let time = e
        .time
        .map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_else(|| "                   ".to_owned());
    let sender = e.sender.as_ref().map(who).unwrap_or_else(|| "?".to_owned());
    let private = if e.is_private() { " [agents only]" } else { "" };
    let what = match &e.kind {
        EventKind::Message { text } => format!("{sender}: {}", one_line(text)),
        EventKind::FileShared {
            location,
            file_type,
            caption,
        } => {
            let file_type = file_type
                .as_ref()
                .map(|t| format!(" {t}"))
                .unwrap_or_default();
            let location = location
                .as_ref()
                .map(|l| format!(" at {l}"))
                .unwrap_or_default();
            let caption = caption
                .as_ref()
                .map(|c| format!(": {}", one_line(c)))
                .unwrap_or_default();
            format!("{sender} shared a{file_type} file{location}{caption}")
        }
        EventKind::UrlPushed { url: Some(url) } => format!("{sender} pushed {url}"),
        EventKind::UrlPushed { url: None } => format!("{sender} pushed a URL"),
        EventKind::StructuredContent { element_type } => match element_type {
            Some(t) => format!("{sender} sent structured content ({t})"),
            None => format!("{sender} sent structured content"),
        },
        EventKind::TypingStarted => format!("{sender} is typing"),
        EventKind::TypingStopped => format!("{sender} stopped typing"),
        EventKind::Delivery { status, sequences } => {
            let status = match status {
                DeliveryStatus::Accepted => "accepted",
                DeliveryStatus::Read => "read",
                DeliveryStatus::Accessed => "accessed",
                DeliveryStatus::NotAccepted => "did not accept",
                DeliveryStatus::Acted => "acted on",
                DeliveryStatus::Viewed => "viewed",
                _ => "acknowledged",
            };
            let sequences: Vec<String> = sequences.iter().map(i64::to_string).collect();
            format!("{sender} {status} seq {}", sequences.join(", "))
        }
        EventKind::ParticipantJoined { participant } => format!("{} joined", who(participant)),
        EventKind::ParticipantLeft { participant } => format!("{} left", who(participant)),
        EventKind::ParticipantRenamed { participant } => {
            format!("nickname changed: now {}", who(participant))
        }
        EventKind::ConversationOpened => "conversation opened".to_owned(),
        EventKind::ConversationTransferred {
            from_skill,
            to_skill,
        } => {
            let from = from_skill
                .as_ref()
                .map(|s| format!(" from skill {s}"))
                .unwrap_or_default();
            let to = to_skill
                .as_ref()
                .map(|s| format!(" to skill {s}"))
                .unwrap_or_default();
            format!("conversation transferred{from}{to}")
        }
        EventKind::ConversationClosed { reason } => {
            format!("conversation closed {}", closed_by(*reason))
        }
        EventKind::Unknown => format!("{sender}: an event without a neutral equivalent"),
        other => format!("{sender}: {other:?}"),
    };
    let bot = if e.sender_role() == Some(Role::Bot) {
        " (bot)"
    } else {
        ""
    };
    format!("{position} {time} {what}{bot}{private}")
}

/// The text on one line: line breaks shown as `\n`.
fn one_line(text: &str) -> String {
    text.trim_end().replace('\r', "").replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs the command on `args` and `stdin`: (exit status, stdout, stderr).
    fn transcript(args: &[&str], stdin: &str) -> (u8, String, String) {
        let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let status = run(&args, &mut stdin.as_bytes(), &mut out, &mut err).unwrap();
        let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
        (status, text(out), text(err))
    }

    #[test]
    fn help_prints_the_usage() {
        for flag in ["--help", "-h"] {
            let (status, out, err) = transcript(&[flag], "");
            assert_eq!((status, err.as_str()), (0, ""));
            assert!(out.starts_with("usage: transcript [FILE|-]...\n"), "{out}");
        }
        let (status, out, err) = transcript(&["--follow"], "");
        assert_eq!((status, out.as_str()), (2, ""));
        assert!(err.starts_with("transcript: unknown option `--follow`\n\nusage: transcript"));
        let (status, _, err) = transcript(&["no-such-file.jsonl"], "");
        assert_eq!(status, 2);
        assert!(err.starts_with("transcript: no-such-file.jsonl: "), "{err}");
    }

    #[test]
    fn bundled_conversations_show_transfers_and_closes() {
        let (status, out, err) = transcript(&[], "");
        assert_eq!(status, 0);
        assert_eq!(
            err,
            "gap that never filled: LivePerson conversation f2384f56-57d5-4087-bd47-8df0ec3102f6 \
             dialog f2384f56-57d5-4087-bd47-8df0ec3102f6 positions 0..5\n"
        );
        assert!(!out.contains("Some("), "{out}");
        assert!(!out.contains("None"), "{out}");
        let lines: Vec<&str> = out.lines().collect();
        let at = |needle: &str| {
            lines
                .iter()
                .position(|l| l.ends_with(needle))
                .unwrap_or_else(|| panic!("no line ending with {needle:?} in\n{out}"))
        };
        // The devassist conversation: a transfer away and back, then the close, after the
        // transcript message that came before them, in time order.
        let header =
            at("f2384f56-57d5-4087-bd47-8df0ec3102f6: closed by an agent, skill 558327413");
        let reply = at("seq   5 2019-03-26 09:43:26 agent e9b2867c: This is a reply!");
        let away = at(
            "2019-03-26 10:57:00 conversation transferred from skill 558327413 to skill 99999999",
        );
        let back = at(
            "2019-03-26 11:29:31 conversation transferred from skill 99999999 to skill 558327413",
        );
        let closed = at("2019-03-26 11:29:31 conversation closed by an agent");
        assert!(header < reply && reply < away && away < back && back < closed);
        assert_eq!(
            lines[header + 2],
            "   dialog f2384f56-57d5-4087-bd47-8df0ec3102f6: main, closed"
        );
        // Genesys: the close has no time, so it comes last.
        let genesys = at("Genesys conversation 0000Na9B26EF002X: closed by an agent");
        let pushed = at("#  8 2014-01-09 09:58:32 Marat (agent) pushed http://google.com");
        assert!(genesys < pushed, "{out}");
        assert_eq!(
            lines[pushed + 1],
            "   #  9 2014-01-09 09:58:36 Marat (agent) left"
        );
        assert_eq!(
            lines[pushed + 2],
            "      -    2016-03-15 23:55:18 conversation opened"
        );
        assert_eq!(
            lines[pushed + 3],
            "      -                        conversation closed by an agent"
        );
        // Counts in words, the singular included.
        assert_eq!(
            lines.last().unwrap(),
            &"24 notifications, 28 events, 0 duplicates, 0 stale snapshots, 1 gap"
        );
    }

    #[test]
    fn stdin_takes_pretty_printed_and_one_per_line_notifications() {
        let conversation = BUNDLED[0].1;
        let mut notifications = conversation.lines().filter(|l| !l.trim().is_empty());
        // The first notification pretty-printed, the others one per line.
        let first: serde_json::Value = serde_json::from_str(notifications.next().unwrap()).unwrap();
        let mut stdin = serde_json::to_string_pretty(&first).unwrap();
        for line in notifications {
            stdin.push('\n');
            stdin.push_str(line);
        }
        let (status, from_stdin, err) = transcript(&["-"], &stdin);
        assert_eq!((status, err.as_str()), (0, ""));
        // The same as the bundled file read alone.
        let mut alone = Vec::new();
        let status = run(
            &["-".to_owned()],
            &mut conversation.as_bytes(),
            &mut alone,
            &mut Vec::new(),
        )
        .unwrap();
        assert_eq!(status, 0);
        assert_eq!(from_stdin, String::from_utf8(alone).unwrap());
        assert!(from_stdin.contains(": open\n"), "{from_stdin}");
        assert!(
            from_stdin
                .contains("seq   2 2018-06-07 11:33:19 agent 29c3019d: Hello from the Agent\n")
        );
    }

    #[test]
    fn genesys_files_and_nickname_changes_are_told() {
        let stdin = [
            include_str!(
                "../tests/webhooks_examples/genesys/022_uploadfile_systemcommand_file_uploaded.json"
            ),
            include_str!(
                "../tests/webhooks_examples/genesys/024_sendnicknameupdatednotice_nicknameupdated.json"
            ),
        ]
        .join("\n");
        let (status, out, err) = transcript(&["-"], &stdin);
        assert_eq!(status, 0, "{out}");
        // Single messages of the documentation, mid-chat: the positions before them are gaps.
        assert_eq!(
            err,
            "gap that never filled: Genesys conversation 0000RaB4Q006001A positions 1..5\n\
             gap that never filled: Genesys conversation 0001PaBMYY3600R8 positions 1..7\n"
        );
        assert!(
            out.contains(
                "TestName (agent) shared a file at http://.../api/v2/attachments/0001PaBMYY3600RC"
            ),
            "{out}"
        );
        assert!(
            out.contains("nickname changed: now NewNickname (agent)"),
            "{out}"
        );
    }

    #[test]
    fn a_document_that_does_not_parse_is_reported_and_skipped() {
        let conversation = BUNDLED[0].1;
        let stdin = format!("{{\"kind\":\"notification\"\n{conversation}");
        let (status, out, err) = transcript(&["-"], &stdin);
        assert_eq!(status, 1);
        assert!(err.starts_with("stdin:1: "), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            out.contains("agent 29c3019d: Hello from the Agent"),
            "{out}"
        );
    }
}
