//! A private protocol for errors that the model raises inside serde visitors.
//!
//! A visitor can only hand serde a message. Two facts must survive the trip to
//! `ParseError::from_json`: a field name to append to the path of the object being read
//! (missing or duplicate fields are reported when the object ends), and, for values that were
//! buffered and parsed again from a borrowed slice of the input, the absolute address in the
//! input where the error happened. Both are encoded in front of the message between
//! `\u{0}` separators; no JSON text can produce that prefix.

use serde::de;
use std::fmt::Display;

const SEP: char = '\u{0}';

pub(crate) struct Decoded<'a> {
    pub(crate) address: Option<usize>,
    pub(crate) suffix: Option<&'a str>,
    pub(crate) message: &'a str,
}

pub(crate) fn decode(text: &str) -> Decoded<'_> {
    let plain = Decoded {
        address: None,
        suffix: None,
        message: text,
    };
    let Some(rest) = text.strip_prefix(SEP) else {
        return plain;
    };
    let mut parts = rest.splitn(3, SEP);
    match (parts.next(), parts.next(), parts.next()) {
        (Some(address), Some(suffix), Some(message)) => Decoded {
            address: address.parse().ok(),
            suffix: (!suffix.is_empty()).then_some(suffix),
            message,
        },
        _ => plain,
    }
}

/// An error about the field `field` of the object being read (reported at the object's end).
#[cold]
pub(crate) fn field<E: de::Error>(field: &str, message: impl Display) -> E {
    let mut fragment = String::new();
    super::path::push_key(&mut fragment, field);
    E::custom(format_args!("{SEP}{SEP}{fragment}{SEP}{message}"))
}

/// The standard "missing field" error, located at `object.field`.
#[cold]
pub(crate) fn missing<E: de::Error>(field: &str) -> E {
    self::field(field, format_args!("missing field `{field}`"))
}

pub(crate) fn duplicate_message(field: &str) -> String {
    format!("duplicate field `{field}`")
}

/// The standard "duplicate field" error, reported at the end of the object and located at
/// `object.field`.
#[cold]
pub(crate) fn duplicate<E: de::Error>(field: &str) -> E {
    self::field(field, duplicate_message(field))
}

/// The standard "duplicate field" error, raised right after the key was read (the position
/// serde_json attaches already names the field).
#[cold]
pub(crate) fn duplicate_here<E: de::Error>(field: &str) -> E {
    E::custom(duplicate_message(field))
}

/// An error located at the start of `slice` (a borrowed part of the input); with a `field`,
/// it is about that field of the object being read there.
#[cold]
pub(crate) fn at_address_in_object<E: de::Error>(
    slice: &str,
    field: Option<&str>,
    message: impl Display,
) -> E {
    let address = slice.as_ptr() as usize;
    E::custom(format_args!(
        "{SEP}{address}{SEP}{}{SEP}{message}",
        field.unwrap_or("")
    ))
}

/// An error located at the start of `slice`, a borrowed part of the input.
#[cold]
pub(crate) fn at_address<E: de::Error>(slice: &str, message: impl Display) -> E {
    let address = slice.as_ptr() as usize;
    E::custom(format_args!("{SEP}{address}{SEP}{SEP}{message}"))
}

/// A message for users: any marker left inside it (one relayed inside another message)
/// removed, so that no separator or address reaches a log.
pub(crate) fn clean(message: &str) -> String {
    if !message.contains(SEP) {
        return message.to_owned();
    }
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(SEP) {
        out.push_str(&rest[..at]);
        let decoded = decode(&rest[at..]);
        if decoded.message.len() == rest[at..].len() {
            // A stray separator, not a marker: dropped.
            rest = &rest[at + SEP.len_utf8()..];
        } else {
            rest = decoded.message;
        }
    }
    out.push_str(rest);
    out
}

/// The error's message without serde_json's ` at line L column C` suffix.
pub(crate) fn bare_message(err: &serde_json::Error) -> String {
    let mut text = err.to_string();
    let position = format!(" at line {} column {}", err.line(), err.column());
    if text.ends_with(&position) {
        text.truncate(text.len() - position.len());
    }
    text
}

/// Relocates an error raised while parsing `slice` (borrowed from the input) on its own.
#[cold]
pub(crate) fn relocate<E: de::Error>(slice: &str, err: serde_json::Error) -> E {
    let bare = bare_message(&err);
    let inner = decode(&bare);
    if inner.address.is_some() {
        return E::custom(&bare);
    }
    let relative = super::path::offset_of(slice, err.line(), err.column()).unwrap_or(0);
    let address = slice.as_ptr() as usize + relative;
    E::custom(format_args!(
        "{SEP}{address}{SEP}{}{SEP}{}",
        inner.suffix.unwrap_or(""),
        inner.message
    ))
}
