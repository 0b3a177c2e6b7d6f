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
#[cfg(test)]
pub(crate) fn path_at(input: &str, offset: usize) -> String {
    Locator::new(input).path_at(offset)
}

/// Locates offsets of one document: their JSON path and their line and column.
///
/// The scan resumes where the previous query stopped, so that locating the errors of many
/// changes, asked in document order, costs one pass over the document rather than one per
/// error. A query before the previous one starts again from the beginning (correct, only
/// slower).
pub(crate) struct Locator<'a> {
    input: &'a str,
    /// The path scan: bytes before `pos` have been read (`pos` may lie past the last offset
    /// asked, when that was inside a string).
    pos: usize,
    /// The last offset asked of the path scan.
    asked: usize,
    stack: Vec<Frame>,
    just_closed: bool,
    /// The line count: `line` is the line at `line_pos`, which starts at `line_start`.
    line_pos: usize,
    line: usize,
    line_start: usize,
}

impl<'a> Locator<'a> {
    pub(crate) fn new(input: &'a str) -> Self {
        Locator {
            input,
            pos: 0,
            asked: 0,
            stack: Vec::new(),
            just_closed: false,
            line_pos: 0,
            line: 1,
            line_start: 0,
        }
    }

    /// The whole document.
    pub(crate) fn input(&self) -> &'a str {
        self.input
    }

    /// The JSON path of the value being read at `offset`; the root is the empty string.
    pub(crate) fn path_at(&mut self, offset: usize) -> String {
        self.scan_to(offset);
        self.render(false)
    }

    /// The path of the object being read at `offset`, or just closed there.
    pub(crate) fn object_path_at(&mut self, offset: usize) -> String {
        self.scan_to(offset);
        self.render(true)
    }

    /// serde_json's `(line, column)` of `offset`: line from 1, column in bytes since the start
    /// of the line.
    pub(crate) fn line_column(&mut self, offset: usize) -> (usize, usize) {
        let bytes = self.input.as_bytes();
        let offset = offset.min(bytes.len());
        if offset < self.line_pos {
            (self.line_pos, self.line, self.line_start) = (0, 1, 0);
        }
        let between = &bytes[self.line_pos..offset];
        self.line += between.iter().filter(|&&b| b == b'\n').count();
        if let Some(last) = between.iter().rposition(|&b| b == b'\n') {
            self.line_start = self.line_pos + last + 1;
        }
        self.line_pos = offset;
        (self.line, offset - self.line_start)
    }

    fn scan_to(&mut self, offset: usize) {
        let bytes = self.input.as_bytes();
        let end = offset.min(bytes.len());
        if end < self.asked {
            let input = self.input;
            let (line_pos, line, line_start) = (self.line_pos, self.line, self.line_start);
            *self = Locator::new(input);
            (self.line_pos, self.line, self.line_start) = (line_pos, line, line_start);
        }
        self.asked = end;
        let stack = &mut self.stack;
        let mut i = self.pos;
        while i < end {
            if !bytes[i].is_ascii_whitespace() {
                self.just_closed = bytes[i] == b'}';
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
        self.pos = self.pos.max(i);
    }

    fn render(&self, object: bool) -> String {
        // For an object's path, an object still open at the offset is the object itself, not
        // the key being read in it.
        let drop_last_key =
            object && !self.just_closed && self.stack.last().is_some_and(|top| !top.is_array);
        let mut path = String::new();
        let last = self.stack.len().saturating_sub(1);
        for (n, frame) in self.stack.iter().enumerate() {
            if frame.is_array {
                let _ = write!(path, "[{}]", frame.index);
            } else if let Some((s, e)) = frame.key
                && !(drop_last_key && n == last)
            {
                push_key(&mut path, &self.input[s..e]);
            }
        }
        path
    }
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
#[cfg(test)]
pub(crate) fn line_column(input: &str, offset: usize) -> (usize, usize) {
    Locator::new(input).line_column(offset)
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

    /// One locator asked in document order (as the errors of many changes are) gives what a
    /// fresh scan gives at every offset, for the value's path, the object's path and the
    /// position; asked out of order, it starts again and still agrees.
    #[test]
    fn a_resumed_scan_agrees_with_a_fresh_one() {
        let doc = "{\"body\":{\"changes\":[{\"a\":1},\n {\"event\":{\"s\\\"q\":[1,\"x,]}\"]}},\n{}],\"b\":{\"c\":{\"d\":2}}}}";
        let fresh = |offset: usize| {
            (
                Locator::new(doc).path_at(offset),
                Locator::new(doc).object_path_at(offset),
                Locator::new(doc).line_column(offset),
            )
        };
        let mut resumed = Locator::new(doc);
        for offset in 0..=doc.len() + 1 {
            let got = (
                resumed.path_at(offset),
                resumed.object_path_at(offset),
                resumed.line_column(offset),
            );
            assert_eq!(got, fresh(offset), "at {offset}");
        }
        for offset in (0..=doc.len()).rev().step_by(3) {
            let got = (
                resumed.path_at(offset),
                resumed.object_path_at(offset),
                resumed.line_column(offset),
            );
            assert_eq!(got, fresh(offset), "back at {offset}");
        }
        assert_eq!(
            fresh(doc.find("x,").unwrap()).0,
            "body.changes[1].event[\"s\\\"q\"][1]"
        );
        assert_eq!(fresh(doc.find("{}").unwrap()).2, (3, 0));
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
