//! Reads notifications of either vendor, one JSON document per line, feeds them to a
//! `ConversationTracker`, and prints each conversation's state and transcript.
//!
//! ```sh
//! cargo run --example transcript                    # replays the bundled fixture conversations
//! cargo run --example transcript -- a.jsonl b.jsonl # your own files
//! some-producer | cargo run --example transcript -- -
//! ```
//!
//! Lines that do not parse are reported on stderr with their position and skipped; the exit
//! status is 1 when there was one.

use std::io::BufRead;
use std::process::ExitCode;

use chatwire::events::{ChatEvent, EventKind, Participant, Position, Role};
use chatwire::tracker::{Conversation, ConversationTracker};

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
    if args.iter().any(|a| a == "-h" || a == "--help") {
        eprintln!("usage: transcript [FILE|-]...   (one JSON notification per line)");
        return ExitCode::SUCCESS;
    }
    let mut inputs: Vec<(String, String)> = Vec::new();
    if args.is_empty() {
        inputs.extend(BUNDLED.iter().map(|(n, t)| (n.to_string(), t.to_string())));
    }
    for arg in &args {
        let text = if arg == "-" {
            let mut text = String::new();
            for line in std::io::stdin().lock().lines() {
                match line {
                    Ok(line) => {
                        text.push_str(&line);
                        text.push('\n');
                    }
                    Err(e) => {
                        eprintln!("stdin: {e}");
                        return ExitCode::FAILURE;
                    }
                }
            }
            text
        } else {
            match std::fs::read_to_string(arg) {
                Ok(text) => text,
                Err(e) => {
                    eprintln!("{arg}: {e}");
                    return ExitCode::FAILURE;
                }
            }
        };
        inputs.push((arg.clone(), text));
    }

    let mut tracker = ConversationTracker::default();
    let mut failed = false;
    for (name, text) in &inputs {
        for (number, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            if let Err(e) = tracker.ingest_json(line) {
                eprintln!("{name}:{}: {e}", number + 1);
                failed = true;
            }
        }
    }
    let flushed = tracker.flush();
    for gap in &flushed.gaps {
        eprintln!(
            "gap that never filled: {} {:?} positions {}..{}",
            gap.conversation_id, gap.dialog_id, gap.from, gap.to
        );
    }
    for conversation in tracker.conversations() {
        print_conversation(conversation);
    }
    let stats = tracker.stats();
    println!(
        "{} notifications, {} events, {} duplicates, {} stale snapshots, {} gaps",
        stats.notifications, stats.events, stats.duplicates, stats.stale, stats.gaps
    );
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn print_conversation(c: &Conversation) {
    let status = match c.status() {
        Some(s) => format!("{s:?}").to_lowercase(),
        None => "state unknown".to_owned(),
    };
    let reason = c
        .close_reason()
        .map(|r| format!(" by {}", format!("{r:?}").to_lowercase()))
        .unwrap_or_default();
    let skill = c
        .skill()
        .map(|s| format!(", skill {s}"))
        .unwrap_or_default();
    println!(
        "== {:?} conversation {}: {status}{reason}{skill}",
        c.vendor, c.id
    );
    let people: Vec<String> = c.participants().iter().map(who).collect();
    if !people.is_empty() {
        println!("   participants: {}", people.join(", "));
    }
    for dialog in c.dialogs() {
        if let (Some(id), Some(kind)) = (&dialog.id, dialog.kind) {
            let status = dialog
                .status
                .map(|s| format!(" ({s:?})"))
                .unwrap_or_default();
            println!("   dialog {id}: {kind:?}{status}");
        }
    }
    for event in c.transcript() {
        println!("   {}", line(event));
    }
    for gap in c.gaps() {
        println!("   missing positions {}..{}", gap.from, gap.to);
    }
}

fn who(p: &Participant) -> String {
    let role = format!("{:?}", p.role).to_lowercase();
    match (&p.name, &p.id) {
        (Some(name), _) => format!("{name} ({role})"),
        (None, Some(id)) => format!("{role} {}", id.get(..8).unwrap_or(id)),
        (None, None) => role,
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
        EventKind::FileShared { location, .. } => format!("{sender} shared a file {location:?}"),
        EventKind::UrlPushed { url } => format!("{sender} pushed {url:?}"),
        EventKind::StructuredContent { element_type } => {
            format!("{sender} sent structured content {element_type:?}")
        }
        EventKind::TypingStarted => format!("{sender} is typing"),
        EventKind::TypingStopped => format!("{sender} stopped typing"),
        EventKind::Delivery { status, sequences } => {
            format!("{sender}: {status:?} {sequences:?}")
        }
        EventKind::ParticipantJoined { participant } => format!("{} joined", who(participant)),
        EventKind::ParticipantLeft { participant } => format!("{} left", who(participant)),
        other => format!("{other:?}"),
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
