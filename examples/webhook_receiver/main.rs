//! A LivePerson webhook receiver: verifies `x-liveperson-signature` on the raw body, parses and
//! validates the notification, answers at once, and logs one line per change.
//!
//! ```text
//! LIVEPERSON_CLIENT_SECRET=… cargo run -p chatwire-webhook-receiver -- --port 8080
//! ```
//!
//! Options (or environment): `--secret` (`LIVEPERSON_CLIENT_SECRET`, required), `--port`
//! (`PORT`, default 8080), `--bind` (default `127.0.0.1`: put a TLS-terminating proxy in front
//! to expose it; LivePerson only calls HTTPS endpoints). The endpoint is `POST /webhook`.

mod router;

use std::net::SocketAddr;
use std::process::ExitCode;

/// Reads `--name value` from the arguments, or else the environment variable `env`.
fn option(args: &[String], name: &str, env: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
        .or_else(|| std::env::var(env).ok())
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(secret) = option(&args, "--secret", "LIVEPERSON_CLIENT_SECRET") else {
        eprintln!(
            "usage: webhook_receiver --secret CLIENT_SECRET [--port 8080] [--bind 127.0.0.1]"
        );
        eprintln!("       (or set LIVEPERSON_CLIENT_SECRET and PORT)");
        return ExitCode::FAILURE;
    };
    let port = option(&args, "--port", "PORT").unwrap_or_else(|| "8080".into());
    let bind = option(&args, "--bind", "BIND").unwrap_or_else(|| "127.0.0.1".into());
    let addr: SocketAddr = match format!("{bind}:{port}").parse() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("bad address {bind}:{port}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("cannot listen on {addr}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let (log, mut lines) = tokio::sync::mpsc::unbounded_channel::<String>();
    tokio::spawn(async move {
        while let Some(line) = lines.recv().await {
            println!("{line}");
        }
    });
    eprintln!("listening on http://{addr}/webhook");
    let app = router::router(secret.into_bytes(), log);
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    match axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("server error: {e}");
            ExitCode::FAILURE
        }
    }
}
