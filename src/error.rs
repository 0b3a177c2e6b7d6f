//! [`ParseError`]: what went wrong, where (JSON path in wire names, line, column), and why.

use crate::json::marker;
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

    /// A tagged object (at the root of `json`) whose `tag` field names another variant than
    /// the one `expected`: `found` is its tag, `None` when it has none.
    pub(crate) fn wrong_tag(json: &str, tag: &str, expected: &str, found: Option<&str>) -> Self {
        let found = found.unwrap_or("none");
        ParseError::at_offset(
            ParseErrorKind::Data,
            json,
            0,
            format!("expected {expected}, found {tag} `{found}`"),
        )
        .with_path(tag)
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
