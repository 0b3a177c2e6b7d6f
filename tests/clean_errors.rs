//! Errors say what is wrong in the user's terms and leak nothing of the crate's insides: no
//! private marker (NUL bytes, an address), no position relative to a part of the document, a
//! hint when the document is simply of the other vendor, and "empty body" for an empty body.

use std::error::Error;
use std::fs;
use std::path::Path;

use chatwire::{ParseError, ParseErrorKind};

fn fixtures(folder: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/webhooks_examples")
        .join(folder);
    let mut out: Vec<(String, String)> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read_to_string(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}

/// Display, Debug and the (absent) source of an error, clean of markers.
fn assert_clean(e: &ParseError) {
    for text in [e.to_string(), format!("{e:?}")] {
        assert!(!text.contains('\0'), "{text:?}");
        assert!(!text.contains("Error(\""), "{text:?}");
    }
    assert!(e.source().is_none(), "{e}");
}

/// A change whose error was raised inside a value read twice (the marker once carried the
/// address of the value and a path fragment): the message is plain, the position absolute.
#[test]
fn errors_raised_inside_buffered_values_are_plain() {
    let json = r#"{"kind":"notification","type":"ms.MessagingEventNotification","body":{"changes":[{"sequence":1,"originatorId":"c","serverTimestamp":1528371161893,"dialogId":"d","event":{"type":"ContentEvent","contentType":"hosted/file","message":{"caption":"x","fileType":"JPG"}}}]}}"#;
    let n = chatwire::parse_notification(json).unwrap();
    let (_, m) = n.malformed_changes()[0];
    let e = m.error();
    assert_eq!(e.path(), "body.changes[0].event.message.relativePath");
    assert_eq!(e.message(), "missing field `relativePath`");
    assert_clean(e);
    let at = json.find(r#"{"caption""#).unwrap();
    assert!(e.column() > at, "{e}: column {} is absolute", e.column());
    assert!(
        e.to_string()
            .ends_with(&format!(" at line 1 column {}", e.column()))
    );
}

#[test]
fn a_genesys_document_given_to_the_liveperson_parse_says_so() {
    let mut count = 0;
    // The notifications (`related` holds other Genesys resources, some with a `type`).
    for folder in ["genesys", "genesys/v3"] {
        for (name, text) in fixtures(folder) {
            let e = chatwire::parse_notification(&text).unwrap_err();
            assert_clean(&e);
            assert_eq!(e.kind(), ParseErrorKind::Data, "{name}");
            assert_eq!(e.path(), "", "{name}: {e}");
            for named in [
                "Genesys notification",
                "chatwire::genesys::parse_notification",
                "parse_any",
            ] {
                assert!(e.message().contains(named), "{name}: {e}");
            }
            // parse_any reads it as what it is.
            assert!(matches!(
                chatwire::parse_any(&text),
                Ok(chatwire::AnyNotification::Genesys(_))
            ));
            count += 1;
        }
    }
    assert!(count >= 18, "{count}");
    // A batch: the usual message, and where batches go.
    let e = chatwire::parse_notification(r#"[{"channel":"/meta/connect"}]"#).unwrap_err();
    assert!(
        e.message()
            .contains("expected a LivePerson notification object"),
        "{e}"
    );
    assert!(
        e.message().contains("chatwire::genesys::parse_batch"),
        "{e}"
    );
    // A LivePerson document with an error of its own keeps that error.
    let e = chatwire::parse_notification(r#"{"kind":"notification","data":1}"#).unwrap_err();
    assert_eq!(e.path(), "type", "{e}");
    assert!(!e.message().contains("Genesys"), "{e}");
}

#[test]
fn a_liveperson_document_given_to_the_genesys_parse_says_so() {
    let mut count = 0;
    for (name, text) in fixtures("liveperson") {
        let e = chatwire::genesys::parse_notification(&text).unwrap_err();
        assert_clean(&e);
        assert_eq!(e.kind(), ParseErrorKind::Data, "{name}");
        assert_eq!(e.path(), "", "{name}: {e}");
        for named in [
            "LivePerson notification",
            "chatwire::parse_notification",
            "parse_any",
        ] {
            assert!(e.message().contains(named), "{name}: {e}");
        }
        count += 1;
    }
    assert!(count >= 30, "{count}");
    // In a batch, the element is named.
    let e = chatwire::genesys::parse_batch(
        r#"[{"channel":"/meta/connect"},{"kind":"notification","type":"x","body":{}}]"#,
    )
    .unwrap_err();
    assert_eq!(e.path(), "[1]", "{e}");
    assert!(e.message().contains("LivePerson notification"), "{e}");
    // A document of neither vendor with a `type` is not taken for LivePerson's.
    let item = chatwire::genesys::parse_notification(r#"{"index":1,"type":"Text","text":"hi"}"#);
    assert!(item.is_ok(), "{item:?}");
    // Genesys fixtures still parse, whatever their form.
    for folder in ["genesys", "genesys/related", "genesys/v3"] {
        for (name, text) in fixtures(folder) {
            chatwire::genesys::parse_notification(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
}

#[test]
fn an_empty_body_says_empty_body() {
    for body in ["", " ", "\r\n", " \t\n "] {
        let errors = [
            chatwire::parse_notification(body).unwrap_err(),
            chatwire::parse_notification_slice(body.as_bytes()).unwrap_err(),
            chatwire::genesys::parse_notification(body).unwrap_err(),
            chatwire::genesys::parse_batch(body).unwrap_err(),
            chatwire::parse_any(body).unwrap_err(),
            chatwire::parse_any_slice(body.as_bytes()).unwrap_err(),
        ];
        for e in errors {
            assert_eq!(e.message(), "empty body", "{body:?}: {e}");
            assert_eq!(e.kind(), ParseErrorKind::Eof);
            assert_clean(&e);
        }
    }
    // Other whitespace is not JSON whitespace: a syntax error, not an empty body.
    let e = chatwire::parse_notification("\u{a0}").unwrap_err();
    assert_ne!(e.message(), "empty body");
}
