//! Maps a byte offset in a JSON document to the JSON path of the value being read there.
//!
//! serde_json reports errors as line and column; a user wants to know *which field* was wrong,
//! in the vendor's own names. This scanner walks the document once, iteratively (no recursion,
//! so hostile nesting cannot overflow the stack), tracking the open objects and arrays, and
//! stops at the offset. It never fails: on any input it returns the best path it has.

use std::fmt::Write as _;

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// In an object, before a key (or in an array, before a value).
    Start,
    /// In an object, after a key, before its value.
    AfterKey,
    /// A value (or the key's value) has been read.
    AfterValue,
}

struct Frame {
    /// `None` for arrays.
    key: Option<(usize, usize)>,
    is_array: bool,
    index: usize,
    state: State,
}

/// Returns the JSON path (`body.changes[0].event`) of the value being read at `offset`.
/// The root is the empty string.
pub(crate) fn path_at(input: &str, offset: usize) -> String {
    scan(input, offset, false)
}

/// The path of the object being read at `offset`, or just closed there: where an error about
/// one of its fields (missing, duplicate, too deep) belongs.
pub(crate) fn object_path_at(input: &str, offset: usize) -> String {
    scan(input, offset, true)
}

fn scan(input: &str, offset: usize, object: bool) -> String {
    let mut just_closed = false;
    let bytes = input.as_bytes();
    let end = offset.min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        if !bytes[i].is_ascii_whitespace() {
            just_closed = bytes[i] == b'}';
        }
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                let stop = i.min(bytes.len());
                if let Some(top) = stack.last_mut() {
                    if !top.is_array && top.state == State::Start {
                        top.key = Some((start, stop));
                        top.state = State::AfterKey;
                    } else {
                        top.state = State::AfterValue;
                    }
                }
            }
            b'{' | b'[' => {
                if let Some(top) = stack.last_mut() {
                    top.state = State::AfterValue;
                }
                let is_array = bytes[i] == b'[';
                stack.push(Frame {
                    key: None,
                    is_array,
                    index: 0,
                    state: State::Start,
                });
            }
            b'}' | b']' => {
                stack.pop();
            }
            b',' => {
                if let Some(top) = stack.last_mut() {
                    top.state = State::Start;
                    if top.is_array {
                        top.index += 1;
                    } else {
                        top.key = None;
                    }
                }
            }
            b':' | b' ' | b'\t' | b'\n' | b'\r' => {}
            _ => {
                if let Some(top) = stack.last_mut()
                    && (top.is_array || top.state == State::AfterKey)
                {
                    top.state = State::AfterValue;
                }
            }
        }
        i += 1;
    }
    if object
        && !just_closed
        && let Some(top) = stack.last_mut()
        && !top.is_array
    {
        top.key = None;
    }
    let mut path = String::new();
    for frame in &stack {
        if frame.is_array {
            let _ = write!(path, "[{}]", frame.index);
        } else if let Some((s, e)) = frame.key {
            push_key(&mut path, &input[s..e]);
        }
    }
    path
}

/// Appends `key` (as written on the wire, possibly with JSON escapes) to `path`.
pub(crate) fn push_key(path: &mut String, raw_key: &str) {
    let key: std::borrow::Cow<'_, str> = if raw_key.contains('\\') {
        serde_json::from_str::<String>(&format!("\"{raw_key}\""))
            .map(Into::into)
            .unwrap_or_else(|_| raw_key.into())
    } else {
        raw_key.into()
    };
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '$');
    if plain {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(&key);
    } else {
        let _ = write!(path, "[{}]", serde_json::Value::String(key.into_owned()));
    }
}

/// Byte offset of serde_json's `(line, column)` in `input` (serde_json counts columns in bytes).
pub(crate) fn offset_of(input: &str, line: usize, column: usize) -> Option<usize> {
    if line == 0 {
        return None;
    }
    let mut start = 0;
    if line > 1 {
        let mut seen = 1;
        for (i, b) in input.bytes().enumerate() {
            if b == b'\n' {
                seen += 1;
                if seen == line {
                    start = i + 1;
                    break;
                }
            }
        }
        if seen != line {
            return None;
        }
    }
    Some((start + column).min(input.len()))
}

/// serde_json's `(line, column)` for a byte offset: line from 1, column = bytes since line start.
pub(crate) fn line_column(input: &str, offset: usize) -> (usize, usize) {
    let before = &input.as_bytes()[..offset.min(input.len())];
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    (line, before.len() - line_start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(doc: &str, marker: &str) -> String {
        path_at(doc, doc.find(marker).unwrap())
    }

    #[test]
    fn paths_at_values() {
        let doc = r#"{"body":{"changes":[{"a":1},{"event":{"sequenceList":[1,"x"]}}]}}"#;
        assert_eq!(at(doc, r#""x""#), "body.changes[1].event.sequenceList[1]");
        assert_eq!(
            path_at(doc, doc.find(r#""x""#).unwrap() + 3),
            "body.changes[1].event.sequenceList[1]"
        );
        assert_eq!(at(doc, "1}"), "body.changes[0].a");
        assert_eq!(at(doc, r#"{"event""#), "body.changes[1]");
        assert_eq!(path_at(doc, 0), "");
    }

    #[test]
    fn after_object_end_is_the_object() {
        let doc = r#"{"body":{"x":{"a":1},"y":2}}"#;
        let off = doc.find("},").unwrap() + 1;
        assert_eq!(path_at(doc, off), "body.x");
    }

    #[test]
    fn odd_keys_are_quoted() {
        let doc = r#"{"a.b":{"c \"d\"":[true]}}"#;
        assert_eq!(at(doc, "true"), r#"["a.b"]["c \"d\""][0]"#);
    }

    #[test]
    fn line_and_column_round_trip() {
        let doc = "{\n  \"a\": 1,\n  \"b\": x\n}";
        let off = doc.find('x').unwrap();
        let (l, c) = line_column(doc, off);
        assert_eq!((l, c), (3, 7));
        assert_eq!(offset_of(doc, l, c), Some(off));
    }
}
