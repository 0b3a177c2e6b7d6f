//! [`ParseError`]: what went wrong, where (JSON path in wire names, line, column), and why.

use crate::json::path::{self, Locator};

/// The broad class of a [`ParseError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// The input is not valid UTF-8.
    InvalidUtf8,
    /// The input is not well-formed JSON (including nesting deeper than serde_json's limit).
    Syntax,
    /// The input ended in the middle of a JSON value.
    Eof,
    /// Well-formed JSON that does not fit the model: a wrong type, a missing required field, a
    /// duplicate key, or a document without a usable envelope.
    Data,
}

/// A document, or one change of it, could not be parsed.
///
/// The [`path`](Self::path) names the JSON location in the vendor's wire names
/// (`body.changes[0].event.sequenceList[1]`); [`line`](Self::line) and
/// [`column`](Self::column) are 1-based line and byte column in the whole input, as serde_json
/// counts them.
///
/// The error has no [`source`](std::error::Error::source): everything it knows is in its own
/// message, path and position, which are those of the whole document.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}: {message} at line {line} column {column}", shown_path(path))]
pub struct ParseError {
    kind: ParseErrorKind,
    path: String,
    line: usize,
    column: usize,
    message: String,
}

/// The root is shown as `$`.
fn shown_path(path: &str) -> &str {
    if path.is_empty() { "$" } else { path }
}

impl ParseError {
    /// The broad class of the error.
    pub fn kind(&self) -> ParseErrorKind {
        self.kind
    }

    /// The JSON path of the offending value in wire names; empty for the document root.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// 1-based line of the error in the input.
    pub fn line(&self) -> usize {
        self.line
    }

    /// Column of the error in the input, in bytes from the start of the line, as serde_json
    /// reports it.
    pub fn column(&self) -> usize {
        self.column
    }

    /// The message without path and position.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// An error about the document as a whole or a value at `offset` of `input`.
    pub(crate) fn at_offset(
        kind: ParseErrorKind,
        input: &str,
        offset: usize,
        message: impl Into<String>,
    ) -> Self {
        let mut locator = Locator::new(input);
        let (line, column) = locator.line_column(offset);
        ParseError {
            kind,
            path: locator.path_at(offset),
            line,
            column,
            message: message.into(),
        }
    }

    /// Appends a hint to the message.
    pub(crate) fn with_hint(mut self, hint: &str) -> Self {
        self.message.push_str("; ");
        self.message.push_str(hint);
        self
    }

    /// Replaces the path (for errors about a field that is absent).
    pub(crate) fn with_path(mut self, path: &str) -> Self {
        self.path = path.to_owned();
        self
    }

    /// Converts a serde_json error raised while parsing `input[base..]` (a sub-slice of the whole
    /// `input`, or all of it with `base == 0`) into a `ParseError` with an absolute position and
    /// a JSON path computed on the whole input.
    pub(crate) fn from_json(input: &str, base: usize, err: serde_json::Error) -> Self {
        Self::from_json_located(&mut Locator::new(input), base, err)
    }

    /// [`from_json`](Self::from_json) with a [`Locator`] of the whole input that is reused from
    /// one error to the next: the errors of many changes, converted in document order, cost
    /// one scan of the document in all.
    pub(crate) fn from_json_located(
        locator: &mut Locator<'_>,
        base: usize,
        err: serde_json::Error,
    ) -> Self {
        let input = locator.input();
        let kind = match err.classify() {
            serde_json::error::Category::Syntax => ParseErrorKind::Syntax,
            serde_json::error::Category::Eof => ParseErrorKind::Eof,
            _ => ParseErrorKind::Data,
        };
        let text = marker::bare_message(&err);
        let marked = marker::decode(&text);
        let sub = &input[base.min(input.len())..];
        let relative = path::offset_of(sub, err.line(), err.column()).unwrap_or(0);
        let mut offset = base + relative;
        if let Some(address) = marked.address {
            let start = input.as_ptr() as usize;
            if address >= start && address <= start + input.len() {
                offset = address - start;
            }
        }
        let (line, column) = locator.line_column(offset);
        let full_path = match marked.suffix {
            Some(fragment) => {
                let mut p = locator.object_path_at(offset);
                if !p.is_empty() && !fragment.starts_with('[') {
                    p.push('.');
                }
                p.push_str(fragment);
                p
            }
            None => locator.path_at(offset),
        };
        ParseError {
            kind,
            path: full_path,
            line,
            column,
            message: marker::clean(marked.message),
        }
    }
}

/// The error for an input that is empty or only JSON whitespace, `None` for any other input.
pub(crate) fn empty_body(input: &str) -> Option<ParseError> {
    let blank = input
        .bytes()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
    blank.then(|| ParseError::at_offset(ParseErrorKind::Eof, input, input.len(), "empty body"))
}

/// Byte offset of `part`, a borrowed slice of `whole`, in `whole`.
pub(crate) fn offset_in(whole: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize)
}

/// The input as text, or an [`ParseErrorKind::InvalidUtf8`] error at the first bad byte.
pub(crate) fn utf8_input(json: &[u8]) -> Result<&str, ParseError> {
    std::str::from_utf8(json).map_err(|e| {
        let valid = std::str::from_utf8(&json[..e.valid_up_to()]).unwrap_or_default();
        ParseError::at_offset(
            ParseErrorKind::InvalidUtf8,
            valid,
            valid.len(),
            format!("invalid UTF-8 at byte {}", e.valid_up_to()),
        )
    })
}

impl PartialEq for ParseError {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind
            && self.path == other.path
            && self.line == other.line
            && self.column == other.column
            && self.message == other.message
    }
}

impl Eq for ParseError {}

/// A private protocol for errors that the model raises inside serde visitors.
///
/// A visitor can only hand serde a message. Two facts must survive the trip to
/// [`ParseError::from_json`]: a field name to append to the path of the object being read
/// (missing or duplicate fields are reported when the object ends), and, for values that were
/// buffered and parsed again from a borrowed slice of the input, the absolute address in the
/// input where the error happened. Both are encoded in front of the message between
/// `\u{0}` separators; no JSON text can produce that prefix.
pub(crate) mod marker {
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
}
