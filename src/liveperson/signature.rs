//! Verifying the `x-liveperson-signature` of a webhook POST (feature `signature`).
//!
//! LivePerson signs the raw request body with the app's client secret:
//! `sha1=` + Base64(HMAC-SHA1(secret, body)) by default; some accounts use `sha256=` and/or hex
//! digests. Verify on the **raw body bytes** before parsing: re-serializing the JSON changes the
//! bytes (LivePerson's own demo app disabled its check after it broke on emoji that way).
//!
//! ```
//! use chatwire::liveperson::signature::{WebhookHeaders, verify_and_parse};
//!
//! // One of LivePerson's published test vectors.
//! let body = include_bytes!("../../tests/webhooks_examples/liveperson/signed/010_body.json");
//! let headers = WebhookHeaders::from_headers([
//!     ("X-LivePerson-Signature", "sha1=e/TfS0wv1HbvEsMqcBMmFLcMslI="),
//!     ("X-LivePerson-Account-Id", "42257269"),
//!     ("X-LivePerson-Client-Id", "81fad476-88af-4d08-bc0e-20bc69439ed4"),
//! ]);
//! let notification = verify_and_parse(&headers, b"rl9hacst6kqilbofup64n11ga3", body)?;
//! assert_eq!(headers.account_id.as_deref(), Some("42257269"));
//! assert_eq!(notification.messaging_changes().count(), 1);
//! # Ok::<(), chatwire::liveperson::signature::VerifyError>(())
//! ```

use hmac::{Hmac, KeyInit, Mac};

use super::envelope::{Notification, parse_notification_slice};
use crate::ParseError;

/// The header carrying the signature.
pub const SIGNATURE_HEADER: &str = "x-liveperson-signature";
/// The header carrying the LivePerson account id.
pub const ACCOUNT_ID_HEADER: &str = "x-liveperson-account-id";
/// The header carrying the app installation's client id.
pub const CLIENT_ID_HEADER: &str = "x-liveperson-client-id";

/// The three `x-liveperson-*` headers of a webhook request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct WebhookHeaders {
    /// `x-liveperson-signature`, e.g. `sha1=e/TfS0wv1HbvEsMqcBMmFLcMslI=`.
    pub signature: Option<String>,
    /// `x-liveperson-account-id`: tells accounts apart when they share one endpoint.
    pub account_id: Option<String>,
    /// `x-liveperson-client-id`: the app installation.
    pub client_id: Option<String>,
}

impl WebhookHeaders {
    /// Reads the three headers from any collection of `(name, value)` pairs: an
    /// `http::HeaderMap` (`&map`), a `Vec<(String, String)>`, an array of `&str` pairs, …
    /// Names are matched without regard to case; the first value of a name wins.
    pub fn from_headers<I, K, V>(headers: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: AsRef<[u8]>,
    {
        let mut found = WebhookHeaders::default();
        for (name, value) in headers {
            let name = name.as_ref();
            let slot = if name.eq_ignore_ascii_case(SIGNATURE_HEADER) {
                &mut found.signature
            } else if name.eq_ignore_ascii_case(ACCOUNT_ID_HEADER) {
                &mut found.account_id
            } else if name.eq_ignore_ascii_case(CLIENT_ID_HEADER) {
                &mut found.client_id
            } else {
                continue;
            };
            if slot.is_none() {
                *slot = Some(String::from_utf8_lossy(value.as_ref()).into_owned());
            }
        }
        found
    }
}

/// The HMAC algorithm named by the signature's prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SignatureAlgorithm {
    /// `sha1=`: HMAC-SHA1, the default.
    HmacSha1,
    /// `sha256=`: HMAC-SHA256, for some accounts.
    HmacSha256,
}

impl SignatureAlgorithm {
    /// The header prefix without `=` (`sha1`, `sha256`).
    pub fn prefix(self) -> &'static str {
        match self {
            SignatureAlgorithm::HmacSha1 => "sha1",
            SignatureAlgorithm::HmacSha256 => "sha256",
        }
    }

    fn digest_len(self) -> usize {
        match self {
            SignatureAlgorithm::HmacSha1 => 20,
            SignatureAlgorithm::HmacSha256 => 32,
        }
    }
}

/// How the digest is written after the prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DigestEncoding {
    /// Standard Base64 with padding, the default.
    Base64,
    /// Hexadecimal (either case is accepted when verifying; [`sign`] writes lower case).
    Hex,
}

/// Why a signature was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignatureError {
    /// The request has no `x-liveperson-signature` header.
    #[error("the x-liveperson-signature header is missing")]
    MissingHeader,
    /// The header does not start with an algorithm name and `=` (`sha1=`, `sha256=`): a bare
    /// digest, for instance. Nothing of the header is repeated, so that no digest material
    /// reaches a log.
    #[error("missing algorithm prefix in the signature (expected sha1= or sha256=)")]
    MissingAlgorithmPrefix,
    /// The prefix names an algorithm other than `sha1` and `sha256` (the name is kept).
    #[error("unknown signature algorithm `{0}` (expected sha1= or sha256=)")]
    UnknownAlgorithm(String),
    /// The digest is not a whole Base64 or hex digest of the algorithm's length.
    #[error("the {} digest is not {} bytes in Base64 or hex", .0.prefix(), .0.digest_len())]
    MalformedDigest(SignatureAlgorithm),
    /// Well-formed, but not the signature of this body with this secret.
    #[error("the signature does not match the body")]
    Mismatch,
}

/// Checks `signature_header` (the value of `x-liveperson-signature`) against the raw request
/// `body` and the app's `client_secret`. The comparison takes constant time.
///
/// Accepts `sha1=` and `sha256=` (prefix case ignored) with a Base64 (padded or not) or hex
/// digest. Returns the algorithm that matched.
pub fn verify_signature(
    signature_header: Option<&str>,
    client_secret: impl AsRef<[u8]>,
    body: &[u8],
) -> Result<SignatureAlgorithm, SignatureError> {
    let header = signature_header
        .ok_or(SignatureError::MissingHeader)?
        .trim();
    // An algorithm name is a short word; anything else before the first `=` (Base64 digest
    // text, or a bare digest with no `=` at all) is not repeated in the error.
    let (prefix, digest) = header
        .split_once('=')
        .filter(|(prefix, _)| is_algorithm_name(prefix))
        .ok_or(SignatureError::MissingAlgorithmPrefix)?;
    let algorithm = if prefix.eq_ignore_ascii_case("sha1") {
        SignatureAlgorithm::HmacSha1
    } else if prefix.eq_ignore_ascii_case("sha256") {
        SignatureAlgorithm::HmacSha256
    } else {
        return Err(SignatureError::UnknownAlgorithm(prefix.to_owned()));
    };
    let expected = decode_digest(digest.trim(), algorithm.digest_len())
        .ok_or(SignatureError::MalformedDigest(algorithm))?;
    let secret = client_secret.as_ref();
    let verified = match algorithm {
        SignatureAlgorithm::HmacSha1 => {
            mac::<Hmac<sha1::Sha1>>(secret, body).verify_slice(&expected)
        }
        SignatureAlgorithm::HmacSha256 => {
            mac::<Hmac<sha2::Sha256>>(secret, body).verify_slice(&expected)
        }
    };
    verified
        .map(|()| algorithm)
        .map_err(|_| SignatureError::Mismatch)
}

/// `true` for text that can name an algorithm (`sha1`, `sha256`, `md5`, `sha3-256`): at most 16
/// ASCII letters, digits, `-` and `_`, a letter first. Base64 digests are longer and use `+`
/// and `/`; hex digests are longer too.
fn is_algorithm_name(text: &str) -> bool {
    (1..=16).contains(&text.len())
        && text.starts_with(|c: char| c.is_ascii_alphabetic())
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The `x-liveperson-signature` value for `body`: for tests, and for forwarding a webhook.
///
/// ```
/// use chatwire::liveperson::signature::{DigestEncoding, SignatureAlgorithm, sign};
/// let body = include_bytes!("../../tests/webhooks_examples/liveperson/signed/010_body.json");
/// let value = sign(SignatureAlgorithm::HmacSha1, DigestEncoding::Base64, "rl9hacst6kqilbofup64n11ga3", body);
/// assert_eq!(value, "sha1=e/TfS0wv1HbvEsMqcBMmFLcMslI=");
/// ```
pub fn sign(
    algorithm: SignatureAlgorithm,
    encoding: DigestEncoding,
    client_secret: impl AsRef<[u8]>,
    body: &[u8],
) -> String {
    let secret = client_secret.as_ref();
    let digest = match algorithm {
        SignatureAlgorithm::HmacSha1 => mac::<Hmac<sha1::Sha1>>(secret, body)
            .finalize()
            .into_bytes()
            .to_vec(),
        SignatureAlgorithm::HmacSha256 => mac::<Hmac<sha2::Sha256>>(secret, body)
            .finalize()
            .into_bytes()
            .to_vec(),
    };
    let text = match encoding {
        DigestEncoding::Base64 => <base64ct::Base64 as base64ct::Encoding>::encode_string(&digest),
        DigestEncoding::Hex => base16ct::lower::encode_string(&digest),
    };
    format!("{}={text}", algorithm.prefix())
}

fn mac<M: Mac + KeyInit>(secret: &[u8], body: &[u8]) -> M {
    let mut mac = <M as KeyInit>::new_from_slice(secret).expect("HMAC accepts keys of any length");
    mac.update(body);
    mac
}

/// The digest bytes, when `text` is exactly `len` bytes in hex or Base64 (padded or not).
fn decode_digest(text: &str, len: usize) -> Option<Vec<u8>> {
    use base64ct::Encoding;
    let bytes = if text.len() == 2 * len && text.bytes().all(|b| b.is_ascii_hexdigit()) {
        base16ct::mixed::decode_vec(text).ok()?
    } else if text.ends_with('=') {
        base64ct::Base64::decode_vec(text).ok()?
    } else {
        base64ct::Base64Unpadded::decode_vec(text).ok()?
    };
    (bytes.len() == len).then_some(bytes)
}

/// Why [`verify_and_parse`] refused a request.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// The signature is missing or wrong: answer 401.
    #[error("signature: {0}")]
    Signature(#[from] SignatureError),
    /// The signature is right but the body is not a usable notification: answer 400.
    #[error("body: {0}")]
    Parse(#[from] ParseError),
}

/// Verifies the signature of the raw `body`, then parses it: the one call a webhook handler
/// needs before it trusts a payload.
pub fn verify_and_parse(
    headers: &WebhookHeaders,
    client_secret: impl AsRef<[u8]>,
    body: &[u8],
) -> Result<Notification, VerifyError> {
    verify_signature(headers.signature.as_deref(), client_secret, body)?;
    Ok(parse_notification_slice(body)?)
}
