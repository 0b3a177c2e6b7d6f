//! `x-liveperson-signature` verification (feature `signature`): LivePerson's published test
//! vectors pass; a flipped byte, a wrong secret, a re-serialized body, a truncated digest and an
//! unknown prefix fail with the right error; emoji and 4-byte UTF-8 bodies verify.

use chatwire::liveperson::signature::{
    DigestEncoding, SignatureAlgorithm, SignatureError, VerifyError, WebhookHeaders, sign,
    verify_and_parse, verify_signature,
};

const SECRET: &str = "rl9hacst6kqilbofup64n11ga3";

fn body(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/webhooks_examples/liveperson/signed/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

const PUBLISHED: [(&str, &str); 2] = [
    ("010_body.json", "sha1=e/TfS0wv1HbvEsMqcBMmFLcMslI="),
    ("011_body.json", "sha1=CKiT6u4nb4Mpi0tdbCbgBXKAF1E="),
];

#[test]
fn published_vectors_verify() {
    for (file, signature) in PUBLISHED {
        let body = body(file);
        assert_eq!(
            verify_signature(Some(signature), SECRET, &body),
            Ok(SignatureAlgorithm::HmacSha1),
            "{file}"
        );
        assert_eq!(
            sign(
                SignatureAlgorithm::HmacSha1,
                DigestEncoding::Base64,
                SECRET,
                &body
            ),
            signature
        );
    }
}

#[test]
fn sha256_and_hex_variants_verify() {
    let body = body("010_body.json");
    // Values derived (not published) by the research corpus with an independent implementation.
    for signature in [
        "sha1=7bf4df4b4c2fd476ef12c32a70132614b70cb252",
        "sha1=7BF4DF4B4C2FD476EF12C32A70132614B70CB252",
        "sha256=PH84lxXVcKluSQQ3Fy8oaaZe1vDHZ3JZMNEQoQjUjsU=",
        "SHA256=PH84lxXVcKluSQQ3Fy8oaaZe1vDHZ3JZMNEQoQjUjsU",
        " sha1=e/TfS0wv1HbvEsMqcBMmFLcMslI= ",
    ] {
        assert!(
            verify_signature(Some(signature), SECRET, &body).is_ok(),
            "{signature}"
        );
    }
    let hex256 = sign(
        SignatureAlgorithm::HmacSha256,
        DigestEncoding::Hex,
        SECRET,
        &body,
    );
    assert_eq!(hex256.len(), "sha256=".len() + 64);
    assert_eq!(
        verify_signature(Some(&hex256), SECRET, &body),
        Ok(SignatureAlgorithm::HmacSha256)
    );
}

#[test]
fn every_failure_has_its_own_error() {
    let body = body("010_body.json");
    let good = PUBLISHED[0].1;

    let mut flipped = body.clone();
    flipped[40] ^= 0x01;
    assert_eq!(
        verify_signature(Some(good), SECRET, &flipped),
        Err(SignatureError::Mismatch)
    );
    assert_eq!(
        verify_signature(Some(good), "rl9hacst6kqilbofup64n11ga4", &body),
        Err(SignatureError::Mismatch)
    );

    // Re-serializing the JSON (as LivePerson's demo app did) changes the bytes.
    let value: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let pretty = serde_json::to_vec_pretty(&value).unwrap();
    assert_eq!(
        verify_signature(Some(good), SECRET, &pretty),
        Err(SignatureError::Mismatch)
    );

    assert_eq!(
        verify_signature(None, SECRET, &body),
        Err(SignatureError::MissingHeader)
    );
    assert_eq!(
        verify_signature(Some("sha1=e/TfS0wv1HbvEsMqcBMmFLcM"), SECRET, &body),
        Err(SignatureError::MalformedDigest(
            SignatureAlgorithm::HmacSha1
        ))
    );
    assert_eq!(
        verify_signature(
            Some("sha1=7bf4df4b4c2fd476ef12c32a70132614b70cb2"),
            SECRET,
            &body
        ),
        Err(SignatureError::MalformedDigest(
            SignatureAlgorithm::HmacSha1
        ))
    );
    assert_eq!(
        verify_signature(Some("sha256=e/TfS0wv1HbvEsMqcBMmFLcMslI="), SECRET, &body),
        Err(SignatureError::MalformedDigest(
            SignatureAlgorithm::HmacSha256
        )),
        "a SHA-1-sized digest under sha256="
    );
    assert_eq!(
        verify_signature(Some("sha1=not*base64*at*all*here*x="), SECRET, &body),
        Err(SignatureError::MalformedDigest(
            SignatureAlgorithm::HmacSha1
        ))
    );
    assert_eq!(
        verify_signature(Some("md5=e/TfS0wv1HbvEsMqcBMmFLcMslI="), SECRET, &body),
        Err(SignatureError::UnknownAlgorithm("md5".into()))
    );
    // A digest without its prefix: no split on the Base64 padding, and nothing of the digest
    // in the error.
    for bare in [
        "e/TfS0wv1HbvEsMqcBMmFLcMslI",
        "e/TfS0wv1HbvEsMqcBMmFLcMslI=",
        "7bf4df4b4c2fd476ef12c32a70132614b70cb2c9",
        "=e/TfS0wv1HbvEsMqcBMmFLcMslI=",
        "e/TfS0wv1HbvEsMqcBMmFLcMslI=sha1",
        "",
    ] {
        let err = verify_signature(Some(bare), SECRET, &body).unwrap_err();
        assert_eq!(err, SignatureError::MissingAlgorithmPrefix, "{bare}");
        assert_eq!(
            err.to_string(),
            "missing algorithm prefix in the signature (expected sha1= or sha256=)"
        );
        for shown in [err.to_string(), format!("{err:?}")] {
            assert!(
                !shown.contains("TfS0") && !shown.contains("7bf4"),
                "{shown}"
            );
        }
    }
    assert_eq!(
        verify_signature(Some("sha512=e/TfS0wv1HbvEsMqcBMmFLcMslI="), SECRET, &body)
            .unwrap_err()
            .to_string(),
        "unknown signature algorithm `sha512` (expected sha1= or sha256=)"
    );
}

#[test]
fn emoji_and_four_byte_utf8_bodies_verify() {
    let text = r#"{"kind":"notification","type":"ms.MessagingEventNotification","body":{"changes":[{"sequence":3,"originatorId":"c","serverTimestamp":1538499230000,"dialogId":"d","event":{"type":"ContentEvent","contentType":"text/plain","message":"1😒 𝄞 日本語 \u00e9"}}]}}"#;
    let bytes = text.as_bytes();
    assert!(bytes.iter().any(|&b| b >= 0xF0), "has 4-byte UTF-8");
    for algorithm in [SignatureAlgorithm::HmacSha1, SignatureAlgorithm::HmacSha256] {
        for encoding in [DigestEncoding::Base64, DigestEncoding::Hex] {
            let signature = sign(algorithm, encoding, SECRET, bytes);
            let headers =
                WebhookHeaders::from_headers([("x-liveperson-signature", signature.as_str())]);
            let n = verify_and_parse(&headers, SECRET, bytes).unwrap();
            assert_eq!(
                n.messaging_changes().next().unwrap().text(),
                Some("1😒 𝄞 日本語 é")
            );
        }
    }
}

#[test]
fn headers_are_read_from_any_header_collection_without_regard_to_case() {
    let owned: Vec<(String, String)> = [
        ("Content-Type".to_owned(), "application/json".to_owned()),
        ("X-LIVEPERSON-SIGNATURE".to_owned(), "sha1=abc".to_owned()),
        ("x-liveperson-account-id".to_owned(), "42257269".to_owned()),
        (
            "X-Liveperson-Client-Id".to_owned(),
            "81fad476-88af-4d08-bc0e-20bc69439ed4".to_owned(),
        ),
        (
            "x-liveperson-signature".to_owned(),
            "sha1=second".to_owned(),
        ),
    ]
    .into_iter()
    .collect();
    let h = WebhookHeaders::from_headers(owned.iter().map(|(k, v)| (k, v)));
    assert_eq!(
        h.signature.as_deref(),
        Some("sha1=abc"),
        "the first value wins"
    );
    assert_eq!(h.account_id.as_deref(), Some("42257269"));
    assert_eq!(
        h.client_id.as_deref(),
        Some("81fad476-88af-4d08-bc0e-20bc69439ed4")
    );
    let bytes: [(&str, &[u8]); 1] = [("x-liveperson-account-id", b"7")];
    assert_eq!(
        WebhookHeaders::from_headers(bytes).account_id.as_deref(),
        Some("7")
    );
    assert_eq!(
        WebhookHeaders::from_headers(Vec::<(String, String)>::new()),
        WebhookHeaders::default()
    );
}

#[test]
fn verify_and_parse_tells_signature_from_body_errors() {
    let broken = b"{\"kind\":\"notification\",\"body\":";
    let signature = sign(
        SignatureAlgorithm::HmacSha1,
        DigestEncoding::Base64,
        SECRET,
        broken,
    );
    let headers = WebhookHeaders::from_headers([("x-liveperson-signature", signature.as_str())]);
    assert!(matches!(
        verify_and_parse(&headers, SECRET, broken),
        Err(VerifyError::Parse(_))
    ));
    let headers = WebhookHeaders::from_headers([("x-liveperson-signature", PUBLISHED[0].1)]);
    assert!(matches!(
        verify_and_parse(&headers, SECRET, broken),
        Err(VerifyError::Signature(SignatureError::Mismatch))
    ));
    let e = verify_and_parse(&WebhookHeaders::default(), SECRET, broken).unwrap_err();
    assert_eq!(
        e.to_string(),
        "signature: the x-liveperson-signature header is missing"
    );
}

/// Every error of `verify_and_parse`, down its `source()` chain, is plain: no NUL byte, no
/// digest material, and a body error ends in the parse error at its absolute position.
#[test]
fn error_chains_hold_no_markers_and_no_digest() {
    let good = body(PUBLISHED[0].0);
    // A body cut short, correctly signed: the error is the body's.
    let mut truncated = good.clone();
    truncated.truncate(good.len() - 2);
    let cases: Vec<(Vec<u8>, Option<String>)> = vec![
        (good.clone(), None),
        (good.clone(), Some("e/TfS0wv1HbvEsMqcBMmFLcMslI=".into())),
        (
            good.clone(),
            Some("sha1=e/TfS0wv1HbvEsMqcBMmFLcMslX=".into()),
        ),
        (good.clone(), Some("sha1=e/TfS0wv1HbvEsMq".into())),
        (
            good.clone(),
            Some("md5=e/TfS0wv1HbvEsMqcBMmFLcMslI=".into()),
        ),
        (
            truncated.clone(),
            Some(sign(
                SignatureAlgorithm::HmacSha1,
                DigestEncoding::Base64,
                SECRET,
                &truncated,
            )),
        ),
        (
            b"  ".to_vec(),
            Some(sign(
                SignatureAlgorithm::HmacSha1,
                DigestEncoding::Base64,
                SECRET,
                b"  ",
            )),
        ),
    ];
    let mut parse_errors = 0;
    for (bytes, header) in cases {
        let headers = match &header {
            Some(h) => WebhookHeaders::from_headers([("x-liveperson-signature", h.as_str())]),
            None => WebhookHeaders::default(),
        };
        let err = verify_and_parse(&headers, SECRET, &bytes).unwrap_err();
        let mut level: Option<&(dyn std::error::Error + 'static)> = Some(&err);
        let mut depth = 0;
        while let Some(e) = level {
            for text in [e.to_string(), format!("{e:?}")] {
                assert!(!text.contains('\0'), "{text:?}");
                assert!(!text.contains("TfS0wv1"), "digest material in {text:?}");
                assert!(!text.contains("Error(\""), "a serde_json error in {text:?}");
            }
            if let Some(parse) = e.downcast_ref::<chatwire::ParseError>() {
                parse_errors += 1;
                assert!(parse.to_string().ends_with(&format!(
                    " at line {} column {}",
                    parse.line(),
                    parse.column()
                )));
                assert!(e.source().is_none());
            }
            depth += 1;
            assert!(depth < 8);
            level = e.source();
        }
    }
    assert_eq!(parse_errors, 2, "the truncated and the empty body");
}
