//! The example receiver's router over real HTTP on 127.0.0.1 (an ephemeral port) with a real
//! client: every LivePerson fixture with a correct signature is accepted, a wrong or missing
//! signature gets 401, a broken body 400.

#[path = "../router.rs"]
mod router;

use chatwire::liveperson::signature::{DigestEncoding, SignatureAlgorithm, sign};
use tokio::sync::mpsc;

const SECRET: &str = "rl9hacst6kqilbofup64n11ga3";

/// Starts the router on an ephemeral loopback port; returns its URL and the log lines.
async fn start() -> (String, mpsc::UnboundedReceiver<String>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (log, lines) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        axum::serve(listener, router::router(SECRET, log))
            .await
            .unwrap()
    });
    (format!("http://{addr}/webhook"), lines)
}

async fn post(
    client: &reqwest::Client,
    url: &str,
    signature: Option<&str>,
    body: Vec<u8>,
) -> (u16, String) {
    let mut request = client
        .post(url)
        .header("content-type", "application/json")
        .header("X-LivePerson-Account-Id", "42257269")
        .header(
            "X-LivePerson-Client-Id",
            "81fad476-88af-4d08-bc0e-20bc69439ed4",
        );
    if let Some(s) = signature {
        request = request.header("X-LivePerson-Signature", s);
    }
    let response = request.body(body).send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

fn fixtures() -> Vec<(String, Vec<u8>)> {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/webhooks_examples/liveperson"
    );
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn receiver_over_real_http() {
    let (url, mut lines) = start().await;
    let client = reqwest::Client::new();

    let mut expected_lines = 0;
    for (name, body) in fixtures() {
        let changes = chatwire::parse_notification_slice(&body).unwrap();
        expected_lines +=
            changes.messaging_changes().count() + changes.conversation_changes().count();
        let signature = sign(
            SignatureAlgorithm::HmacSha1,
            DigestEncoding::Base64,
            SECRET,
            &body,
        );
        let (status, text) = post(&client, &url, Some(&signature), body).await;
        assert_eq!(status, 200, "{name}: {text}");
    }
    // LivePerson's published vectors, byte for byte, with the published signatures.
    for (file, signature) in [
        ("010_body.json", "sha1=e/TfS0wv1HbvEsMqcBMmFLcMslI="),
        ("011_body.json", "sha1=CKiT6u4nb4Mpi0tdbCbgBXKAF1E="),
    ] {
        let body = std::fs::read(format!(
            "{}/../../tests/webhooks_examples/liveperson/signed/{file}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        assert_eq!(
            post(&client, &url, Some(signature), body).await.0,
            200,
            "{file}"
        );
        expected_lines += 1;
    }
    let sha256 = |body: &[u8]| {
        sign(
            SignatureAlgorithm::HmacSha256,
            DigestEncoding::Hex,
            SECRET,
            body,
        )
    };
    let body = fixtures()[0].1.clone();
    assert_eq!(post(&client, &url, Some(&sha256(&body)), body).await.0, 200);
    expected_lines += 1;

    let (name, body) = fixtures().remove(1);
    let (status, text) = post(
        &client,
        &url,
        Some("sha1=e/TfS0wv1HbvEsMqcBMmFLcMslI="),
        body.clone(),
    )
    .await;
    assert_eq!(
        (status, text.as_str()),
        (401, "signature: the signature does not match the body\n"),
        "{name}"
    );
    let (status, text) = post(&client, &url, None, body).await;
    assert_eq!(status, 401);
    assert!(text.contains("header is missing"), "{text}");

    let broken = b"{\"kind\":\"notification\",\"body\":{\"changes\":[".to_vec();
    let signature = sign(
        SignatureAlgorithm::HmacSha1,
        DigestEncoding::Base64,
        SECRET,
        &broken,
    );
    let (status, text) = post(&client, &url, Some(&signature), broken).await;
    assert_eq!(status, 400);
    assert!(text.starts_with("body: body.changes"), "{text}");

    // One log line per change, each naming the account.
    let mut logged = Vec::new();
    while logged.len() < expected_lines {
        let line = tokio::time::timeout(std::time::Duration::from_secs(5), lines.recv())
            .await
            .expect("a log line within 5 s")
            .expect("the logger channel is open");
        logged.push(line);
    }
    assert!(
        logged.iter().all(|l| l.starts_with("account 42257269: ")),
        "{logged:#?}"
    );
    assert!(
        logged
            .iter()
            .any(|l| l.contains(r#"text "Hello from Consumer""#)),
        "{logged:#?}"
    );
}
