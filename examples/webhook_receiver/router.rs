//! The receiver's HTTP handling, shared by the example's `main` and its integration test.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use chatwire::liveperson::Notification;
use chatwire::liveperson::signature::{VerifyError, WebhookHeaders, verify_and_parse};
use chatwire::liveperson::{Content, Event};
use chatwire::validate_notification;
use tokio::sync::mpsc::UnboundedSender;

/// What the handler needs: the app's client secret, and where to send one log line per change.
struct Receiver {
    client_secret: Vec<u8>,
    log: UnboundedSender<String>,
}

/// `POST /webhook`: verify the signature on the raw body, parse, validate, answer.
///
/// - 401 when the signature is missing or wrong, 400 when the body is not a notification;
/// - 200 otherwise, at once: logging is handed to another task, because LivePerson disables
///   endpoints that answer slower than a few seconds. A notification that breaks the documented
///   contract is still acknowledged (a retry would not fix it); its issues are logged.
pub(crate) fn router(client_secret: impl Into<Vec<u8>>, log: UnboundedSender<String>) -> Router {
    let state = Arc::new(Receiver {
        client_secret: client_secret.into(),
        log,
    });
    Router::new()
        .route("/webhook", post(receive))
        .with_state(state)
}

async fn receive(
    State(receiver): State<Arc<Receiver>>,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, String) {
    let headers = WebhookHeaders::from_headers(&headers);
    let notification = match verify_and_parse(&headers, &receiver.client_secret, &body) {
        Ok(n) => n,
        Err(e @ VerifyError::Signature(_)) => return (StatusCode::UNAUTHORIZED, format!("{e}\n")),
        Err(e) => return (StatusCode::BAD_REQUEST, format!("{e}\n")),
    };
    let report = validate_notification(&notification);
    let account = headers.account_id.as_deref().unwrap_or("?");
    for line in describe(&notification) {
        let status = if report.is_valid() {
            "valid".to_owned()
        } else {
            format!("{} errors", report.errors().len())
        };
        // The logger task may have stopped (shutdown); the answer does not depend on it.
        let _ = receiver
            .log
            .send(format!("account {account}: {line} ({status})"));
    }
    for issue in report.errors() {
        let _ = receiver
            .log
            .send(format!("account {account}: error: {issue}"));
    }
    (StatusCode::OK, "ok\n".to_owned())
}

/// One line per change: what happened, who did it, where.
fn describe(notification: &Notification) -> Vec<String> {
    let kind = notification.notification_type();
    let mut lines: Vec<String> = notification
        .messaging_changes()
        .map(|c| {
            let what = match &c.event {
                Some(Event::Content(e)) => match &e.content {
                    Content::Text(t) => format!("text {t:?}"),
                    Content::HostedFile(f) => format!("file {}", f.relative_path),
                    _ => format!(
                        "content {}",
                        e.content_type().map(|t| t.to_string()).unwrap_or_default()
                    ),
                },
                Some(Event::RichContent(_)) => "rich content".to_owned(),
                Some(Event::AcceptStatus(e)) => format!("{} {:?}", e.status, e.sequence_list),
                Some(Event::ChatState(e)) => format!("chat state {}", e.chat_state),
                Some(other) => format!("event {}", other.event_type().unwrap_or("untyped")),
                None => "no event".to_owned(),
            };
            let role = c.originator_role().map_or("?", |r| r.as_str());
            let dialog = c.dialog_id.as_ref().map_or("?", |d| d.as_str());
            format!("{kind} {what} from {role} in dialog {dialog}")
        })
        .collect();
    lines.extend(notification.conversation_changes().map(|c| {
        let id = c.conversation_id().unwrap_or("?");
        let state = c
            .details()
            .and_then(|d| d.state.as_ref())
            .map_or("?", |s| s.as_str());
        format!("{kind} conversation {id} state {state}")
    }));
    for (i, m) in notification.malformed_changes() {
        lines.push(format!("{kind} change {i} malformed: {}", m.error()));
    }
    if let Notification::Unknown(u) = notification {
        lines.push(format!(
            "{} (not modelled, kept as JSON)",
            u.notification_type()
        ));
    }
    lines
}
