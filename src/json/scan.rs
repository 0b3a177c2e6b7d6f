//! A validating JSON scanner for the routing peeks: it walks a document byte by byte, hands
//! out the keys and string values the caller asks for (borrowed when written without escapes)
//! and skips every other value while checking it, without building anything or allocating.
//!
//! It accepts exactly what `serde_json::from_str::<serde::de::IgnoredAny>` accepts: the JSON
//! grammar (RFC 8259: literals, numbers, strings without raw control characters and with valid
//! escapes, no trailing commas) and nothing but whitespace after the value. Like serde_json, it
//! checks that a `\u` escape has four hex digits in skipped strings, decodes (so checks
//! surrogate pairs in) the keys and strings it hands out, and skips values of any depth (serde_json
//! skips iteratively, without its recursion limit). The input is a `&str`, so it is UTF-8 already.

use std::borrow::Cow;

use crate::error::{ParseError, ParseErrorKind};

/// What went wrong, and where (a byte offset, chosen as serde_json's position would be: just
/// after the offending byte, or just after a value of the wrong type).
#[derive(Debug)]
pub(crate) struct ScanError {
    kind: ParseErrorKind,
    offset: usize,
    message: Cow<'static, str>,
}

impl ScanError {
    /// The crate error, with the JSON path at the offset.
    pub(crate) fn into_parse_error(self, input: &str) -> ParseError {
        ParseError::at_offset(self.kind, input, self.offset.min(input.len()), self.message)
    }
}

pub(crate) type Result<T> = std::result::Result<T, ScanError>;

/// The kind of value that starts at the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Next {
    Object,
    Array,
    String,
    Null,
    Other,
}

/// A cursor over a JSON document.
#[derive(Clone, Copy)]
pub(crate) struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Scanner<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Scanner {
            text,
            bytes: text.as_bytes(),
            pos: 0,
        }
    }

    /// The cursor's byte offset: where the value the last `next` saw starts, or just after the
    /// value, key or separator last read. For the walkers' equivalence checks.
    #[cfg(any(test, fuzzing))]
    pub(crate) fn offset(&self) -> usize {
        self.pos
    }

    fn syntax(&self, at: usize, message: &'static str) -> ScanError {
        ScanError {
            kind: ParseErrorKind::Syntax,
            offset: at + 1,
            message: Cow::Borrowed(message),
        }
    }

    fn eof(&self, message: &'static str) -> ScanError {
        ScanError {
            kind: ParseErrorKind::Eof,
            offset: self.bytes.len(),
            message: Cow::Borrowed(message),
        }
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    /// The kind of the next value (after whitespace), without consuming it.
    pub(crate) fn next(&mut self) -> Result<Next> {
        self.skip_ws();
        match self.bytes.get(self.pos) {
            None => Err(self.eof("EOF while parsing a value")),
            Some(b'{') => Ok(Next::Object),
            Some(b'[') => Ok(Next::Array),
            Some(b'"') => Ok(Next::String),
            Some(b'n') => Ok(Next::Null),
            Some(_) => Ok(Next::Other),
        }
    }

    /// An "invalid type" error for the value at the cursor, located at its start, as serde_json
    /// reports it before reading the value (so even when the value is malformed).
    pub(crate) fn invalid_type(&mut self, expected: &str) -> ScanError {
        let start = match self.next() {
            Ok(_) => self.pos,
            Err(e) => return e,
        };
        let unexpected = match self.bytes[start] {
            b'{' => "map",
            b'[' => "sequence",
            b'"' => "string",
            b'n' => "null",
            b't' | b'f' => "boolean",
            b'-' | b'0'..=b'9' => "number",
            _ => return self.syntax(start, "expected value"),
        };
        // serde_json reads a scalar before reporting its type, so a malformed one is a syntax
        // error; a short one is shown as written.
        let mut probe = Scanner { ..*self };
        let read = match self.bytes[start] {
            b'{' | b'[' => Err(None),
            b'"' => probe.string().map(drop).map_err(Some),
            _ => probe.skip_value().map_err(Some),
        };
        let shown = match read {
            Err(Some(e)) => return e,
            Ok(()) if probe.pos - start <= 40 => {
                format!("{unexpected} `{}`", &self.text[start..probe.pos])
            }
            _ => unexpected.to_owned(),
        };
        ScanError {
            kind: ParseErrorKind::Data,
            offset: start,
            message: format!("invalid type: {shown}, expected {expected}").into(),
        }
    }

    /// Consumes `{` (the caller checked it is next) and enters the object.
    pub(crate) fn begin_object(&mut self) {
        self.pos += 1;
    }

    /// Consumes `[` (the caller checked it is next) and enters the array.
    pub(crate) fn begin_array(&mut self) {
        self.pos += 1;
    }

    /// The next key of the object being read, with its `:` consumed; `None` (and the object
    /// left) at its end. `first` tracks whether a separator is due.
    pub(crate) fn next_key(&mut self, first: &mut bool) -> Result<Option<Cow<'a, str>>> {
        self.skip_ws();
        match self.bytes.get(self.pos) {
            None => return Err(self.eof("EOF while parsing an object")),
            Some(b'}') => {
                self.pos += 1;
                return Ok(None);
            }
            Some(b',') if !*first => {
                self.pos += 1;
                self.skip_ws();
            }
            Some(_) if !*first => {
                return Err(self.syntax(self.pos, "expected `,` or `}`"));
            }
            Some(_) => {}
        }
        *first = false;
        match self.bytes.get(self.pos) {
            None => return Err(self.eof("EOF while parsing an object")),
            Some(b'"') => {}
            Some(b'}') => return Err(self.syntax(self.pos, "trailing comma")),
            Some(_) => return Err(self.syntax(self.pos, "key must be a string")),
        }
        let key = self.string()?;
        self.skip_ws();
        match self.bytes.get(self.pos) {
            Some(b':') => self.pos += 1,
            Some(_) => return Err(self.syntax(self.pos, "expected `:`")),
            None => return Err(self.eof("EOF while parsing an object")),
        }
        Ok(Some(key))
    }

    /// `true` when another element of the array being read follows (its separator consumed);
    /// `false` (and the array left) at its end.
    pub(crate) fn next_element(&mut self, first: &mut bool) -> Result<bool> {
        self.skip_ws();
        match self.bytes.get(self.pos) {
            None => return Err(self.eof("EOF while parsing a list")),
            Some(b']') => {
                self.pos += 1;
                return Ok(false);
            }
            Some(b',') if !*first => {
                self.pos += 1;
                self.skip_ws();
                if self.bytes.get(self.pos) == Some(&b']') {
                    return Err(self.syntax(self.pos, "trailing comma"));
                }
            }
            Some(_) if !*first => return Err(self.syntax(self.pos, "expected `,` or `]`")),
            Some(_) => {}
        }
        *first = false;
        Ok(true)
    }

    /// Reads a string value or `null` (for routing fields); anything else is an invalid type.
    pub(crate) fn optional_string(&mut self) -> Result<Option<Cow<'a, str>>> {
        match self.next()? {
            Next::String => self.string().map(Some),
            Next::Null => self.skip_value().map(|()| None),
            _ => Err(self.invalid_type("a string")),
        }
    }

    /// Reads the string at the cursor (its opening quote is next), decoded: borrowed when it has
    /// no escapes.
    fn string(&mut self) -> Result<Cow<'a, str>> {
        let start = self.pos;
        let escaped = self.skip_string()?;
        let inner = &self.text[start + 1..self.pos - 1];
        if !escaped {
            return Ok(Cow::Borrowed(inner));
        }
        // Rare: decode with serde_json, which checks surrogate pairs as it does for keys.
        serde_json::from_str::<String>(&self.text[start..self.pos])
            .map(Cow::Owned)
            .map_err(|e| ScanError {
                kind: ParseErrorKind::Syntax,
                offset: start + e.column(),
                message: super::marker::bare_message(&e).into(),
            })
    }

    /// Skips the string at the cursor (its opening quote is next), checking it; `true` when it
    /// contains escapes.
    fn skip_string(&mut self) -> Result<bool> {
        let bytes = self.bytes;
        let mut i = self.pos + 1;
        let mut escaped = false;
        loop {
            i = skip_plain(bytes, i);
            match bytes.get(i) {
                None => {
                    self.pos = i;
                    return Err(self.eof("EOF while parsing a string"));
                }
                Some(b'"') => {
                    self.pos = i + 1;
                    return Ok(escaped);
                }
                Some(b'\\') => {
                    escaped = true;
                    match bytes.get(i + 1) {
                        None => {
                            self.pos = i + 1;
                            return Err(self.eof("EOF while parsing a string"));
                        }
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => i += 2,
                        Some(b'u') => {
                            for k in 0..4 {
                                match bytes.get(i + 2 + k) {
                                    None => {
                                        self.pos = i + 2 + k;
                                        return Err(self.eof("EOF while parsing a string"));
                                    }
                                    Some(h) if h.is_ascii_hexdigit() => {}
                                    Some(_) => {
                                        return Err(self.syntax(i + 2 + k, "invalid escape"));
                                    }
                                }
                            }
                            i += 6;
                        }
                        Some(_) => return Err(self.syntax(i + 1, "invalid escape")),
                    }
                }
                Some(_) => {
                    return Err(self.syntax(
                        i,
                        "control character (\\u0000-\\u001F) found while parsing a string",
                    ));
                }
            }
        }
    }

    /// Skips one value, checking it, without recursion (nesting is tracked in a bit stack).
    pub(crate) fn skip_value(&mut self) -> Result<()> {
        // The containers opened here, innermost last: `true` for an object.
        let mut open = BitStack::default();
        loop {
            // A value.
            self.skip_ws();
            match self.bytes.get(self.pos) {
                None => return Err(self.eof("EOF while parsing a value")),
                Some(b'"') => {
                    self.skip_string()?;
                }
                Some(b'{') => {
                    self.pos += 1;
                    self.skip_ws();
                    if self.bytes.get(self.pos) == Some(&b'}') {
                        self.pos += 1;
                    } else {
                        open.push(true);
                        self.object_key()?;
                        continue;
                    }
                }
                Some(b'[') => {
                    self.pos += 1;
                    self.skip_ws();
                    if self.bytes.get(self.pos) == Some(&b']') {
                        self.pos += 1;
                    } else {
                        open.push(false);
                        continue;
                    }
                }
                Some(b't') => self.literal(b"true")?,
                Some(b'f') => self.literal(b"false")?,
                Some(b'n') => self.literal(b"null")?,
                Some(b'-' | b'0'..=b'9') => self.number()?,
                Some(_) => return Err(self.syntax(self.pos, "expected value")),
            }
            // After a value: close containers, or move to the next element.
            loop {
                let Some(in_object) = open.top() else {
                    return Ok(());
                };
                self.skip_ws();
                match self.bytes.get(self.pos) {
                    None if in_object => return Err(self.eof("EOF while parsing an object")),
                    None => return Err(self.eof("EOF while parsing a list")),
                    Some(b',') => {
                        self.pos += 1;
                        self.skip_ws();
                        if in_object {
                            match self.bytes.get(self.pos) {
                                Some(b'}') => {
                                    return Err(self.syntax(self.pos, "trailing comma"));
                                }
                                _ => self.object_key()?,
                            }
                        } else if self.bytes.get(self.pos) == Some(&b']') {
                            return Err(self.syntax(self.pos, "trailing comma"));
                        }
                        break;
                    }
                    Some(b'}') if in_object => {
                        self.pos += 1;
                        open.pop();
                    }
                    Some(b']') if !in_object => {
                        self.pos += 1;
                        open.pop();
                    }
                    Some(_) if in_object => {
                        return Err(self.syntax(self.pos, "expected `,` or `}`"));
                    }
                    Some(_) => return Err(self.syntax(self.pos, "expected `,` or `]`")),
                }
            }
        }
    }

    /// Inside a skipped object: a key (not decoded) and its `:`.
    fn object_key(&mut self) -> Result<()> {
        match self.bytes.get(self.pos) {
            None => return Err(self.eof("EOF while parsing an object")),
            Some(b'"') => {}
            Some(_) => return Err(self.syntax(self.pos, "key must be a string")),
        }
        self.skip_string()?;
        self.skip_ws();
        match self.bytes.get(self.pos) {
            Some(b':') => {
                self.pos += 1;
                Ok(())
            }
            Some(_) => Err(self.syntax(self.pos, "expected `:`")),
            None => Err(self.eof("EOF while parsing an object")),
        }
    }

    fn literal(&mut self, word: &'static [u8]) -> Result<()> {
        for (k, &expected) in word.iter().enumerate() {
            match self.bytes.get(self.pos + k) {
                Some(&b) if b == expected => {}
                Some(_) => return Err(self.syntax(self.pos + k, "expected ident")),
                None => {
                    self.pos += k;
                    return Err(self.eof("EOF while parsing a value"));
                }
            }
        }
        self.pos += word.len();
        Ok(())
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`; any failure is an invalid number,
    /// even at the end of the input, as serde_json reports it.
    fn number(&mut self) -> Result<()> {
        let bytes = self.bytes;
        let mut i = self.pos;
        if bytes[i] == b'-' {
            i += 1;
        }
        let digits = |i: &mut usize| {
            let from = *i;
            while bytes.get(*i).is_some_and(u8::is_ascii_digit) {
                *i += 1;
            }
            *i - from
        };
        match bytes.get(i) {
            Some(b'0') => {
                i += 1;
                if bytes.get(i).is_some_and(u8::is_ascii_digit) {
                    return Err(self.syntax(i, "invalid number"));
                }
            }
            Some(b'1'..=b'9') => {
                digits(&mut i);
            }
            _ => return Err(self.syntax(i, "invalid number")),
        }
        if bytes.get(i) == Some(&b'.') {
            i += 1;
            if digits(&mut i) == 0 {
                return Err(self.syntax(i, "invalid number"));
            }
        }
        if let Some(b'e' | b'E') = bytes.get(i) {
            i += 1;
            if let Some(b'+' | b'-') = bytes.get(i) {
                i += 1;
            }
            if digits(&mut i) == 0 {
                return Err(self.syntax(i, "invalid number"));
            }
        }
        self.pos = i;
        Ok(())
    }

    /// Checks that only whitespace follows the value.
    pub(crate) fn end(&mut self) -> Result<()> {
        self.skip_ws();
        if self.pos < self.bytes.len() {
            return Err(self.syntax(self.pos, "trailing characters"));
        }
        Ok(())
    }
}

/// The index of the first byte at or after `i` that is `"`, `\\` or a control character (below
/// 0x20), or `bytes.len()`: string content is skipped eight bytes at a time.
#[inline]
pub(crate) fn skip_plain(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..i + 8) {
        let Ok(chunk) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let special = special_bytes(u64::from_le_bytes(chunk));
        if special != 0 {
            // The lowest flagged byte is exact (borrows only run upwards).
            return i + (special.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            break;
        }
        i += 1;
    }
    i
}

/// The high bit of each byte of `v` (little-endian) that may be `"`, `\` or a control character
/// (below 0x20), by the classic bit tricks: `(x - 0x01..) & !x & 0x80..` flags the zero bytes of
/// `x`, and `(x - 0x20..) & !x & 0x80..` the bytes below 0x20. A borrow can only flag a byte
/// above one that is truly special, so the lowest flag is exact and none means there is none.
fn special_bytes(v: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let quote = v ^ (ONES * u64::from(b'"'));
    let backslash = v ^ (ONES * u64::from(b'\\'));
    let zero_in = |x: u64| x.wrapping_sub(ONES) & !x;
    let control = v.wrapping_sub(ONES * 0x20) & !v;
    (zero_in(quote) | zero_in(backslash) | control) & HIGH
}

/// A stack of bits: 128 in place, more on the heap (only for values nested deeper than that).
#[derive(Default)]
struct BitStack {
    len: usize,
    bits: u128,
    spill: Vec<u128>,
}

impl BitStack {
    fn push(&mut self, bit: bool) {
        if self.len > 0 && self.len.is_multiple_of(128) {
            self.spill.push(self.bits);
            self.bits = 0;
        }
        self.bits = (self.bits << 1) | u128::from(bit);
        self.len += 1;
    }

    fn top(&self) -> Option<bool> {
        (self.len > 0).then_some(self.bits & 1 == 1)
    }

    fn pop(&mut self) {
        self.bits >>= 1;
        self.len -= 1;
        if self.len > 0 && self.len.is_multiple_of(128) {
            self.bits = self.spill.pop().unwrap_or_default();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Accepts `json` as one skipped value, as the peeks read a value they do not need.
    fn scan(json: &str) -> Result<()> {
        let mut s = Scanner::new(json);
        s.skip_value()?;
        s.end()
    }

    fn serde_accepts(json: &str) -> bool {
        serde_json::from_str::<serde::de::IgnoredAny>(json).is_ok()
    }

    #[test]
    fn agrees_with_serde_json_on_hand_written_documents() {
        let cases = [
            "null",
            "true",
            "false",
            "0",
            "-0",
            "1",
            "-1",
            "12",
            "1.5",
            "-1.5e10",
            "1E+2",
            "1e-2",
            "0.0",
            "\"\"",
            "\"a\"",
            "\"\\u00e9\"",
            "\"\\ud83d\\ude00\"",
            "\"\\ud800\"",
            "[]",
            "{}",
            "[1,2]",
            "{\"a\":1}",
            "{\"a\":{\"b\":[1,{\"c\":null}]}}",
            " [ 1 , 2 ] ",
            "\t{\r\n\"a\" : 1 }\n",
            "01",
            "-",
            "-a",
            "1.",
            "1.e3",
            "1e",
            "1e+",
            ".5",
            "+1",
            "[1,]",
            "{\"a\":1,}",
            "[,1]",
            "{,}",
            "{\"a\"}",
            "{\"a\":}",
            "{\"a\" 1}",
            "{1:2}",
            "[1 2]",
            "{\"a\":1 \"b\":2}",
            "tru",
            "truex",
            "nul",
            "nulll",
            "\"abc",
            "\"\\x\"",
            "\"\\u12\"",
            "\"\\u12g4\"",
            "\"a\u{1}b\"",
            "\"tab\there\"",
            "",
            " ",
            "[",
            "]",
            "{",
            "}",
            "[1",
            "{\"a\":1",
            "1 2",
            "[]]",
            "{}}",
            "\"é日本😀\"",
            "\"\\/\\b\\f\\n\\r\\t\"",
            "[true,false,null]",
            "NaN",
            "Infinity",
            "[-]",
            "{\"a\":-}",
            "1.0e",
            "[1.5e3,-0.0]",
        ];
        for json in cases {
            assert_eq!(scan(json).is_ok(), serde_accepts(json), "{json:?}");
        }
    }

    #[test]
    fn skips_any_depth_as_serde_json_does() {
        for depth in [1, 100, 127, 128, 129, 200, 256, 257, 1000] {
            let arrays = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
            assert!(scan(&arrays).is_ok() && serde_accepts(&arrays), "{depth}");
            let objects = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
            assert!(scan(&objects).is_ok() && serde_accepts(&objects), "{depth}");
            // Mixed, so that every level's kind must be remembered across the spill.
            let mixed = format!("{}0{}", "[{\"a\":".repeat(depth), ",1}]".repeat(depth));
            assert_eq!(scan(&mixed).is_ok(), serde_accepts(&mixed), "{depth}");
            let unbalanced = format!("{}{}", "[".repeat(depth), "]".repeat(depth - 1));
            assert!(
                scan(&unbalanced).is_err() && !serde_accepts(&unbalanced),
                "{depth}"
            );
            let wrong = format!("{}{}}}", "[".repeat(depth), "]".repeat(depth - 1));
            assert!(scan(&wrong).is_err() && !serde_accepts(&wrong), "{depth}");
        }
    }

    #[test]
    fn agrees_with_serde_json_on_every_truncation_and_byte_change_of_a_fixture() {
        let json = include_str!(
            "../../tests/webhooks_examples/liveperson/029_mwapi_pcs_survey_bot_quickreplies_metadata.json"
        );
        for end in 0..json.len() {
            if json.is_char_boundary(end) {
                let part = &json[..end];
                assert_eq!(scan(part).is_ok(), serde_accepts(part), "{part:?}");
            }
        }
        let replacements = [
            b'"', b'\\', b',', b':', b'{', b'}', b'[', b']', b'0', b'-', b'e', b' ', 1,
        ];
        for at in 0..json.len() {
            if !json.is_char_boundary(at) || !json.is_char_boundary(at + 1) {
                continue;
            }
            for &r in &replacements {
                let mut bytes = json.as_bytes().to_vec();
                bytes[at] = r;
                let changed = String::from_utf8(bytes).expect("ASCII replaced by ASCII");
                assert_eq!(
                    scan(&changed).is_ok(),
                    serde_accepts(&changed),
                    "byte {at} set to {r}"
                );
            }
        }
    }

    #[test]
    fn finds_the_first_special_byte_of_a_chunk() {
        let first = |chunk: [u8; 8]| match special_bytes(u64::from_le_bytes(chunk)) {
            0 => None,
            m => Some(m.trailing_zeros() / 8),
        };
        for at in 0..8u32 {
            for special in [b'"', b'\\', 0, 0x1f, b'\n'] {
                let mut chunk = *b"abcdefgh";
                chunk[at as usize] = special;
                assert_eq!(first(chunk), Some(at), "{at} {special}");
                // Special bytes after the first do not move it.
                for later in at as usize + 1..8 {
                    let mut more = chunk;
                    more[later] = b'"';
                    assert_eq!(first(more), Some(at), "{at} {special} {later}");
                }
            }
            for plain in [b' ', b'!', b'#', b'[', b']', 0x7f, 0x80, 0xc3, 0xff] {
                let mut chunk = *b"abcdefgh";
                chunk[at as usize] = plain;
                assert_eq!(first(chunk), None, "{at} {plain}");
            }
        }
        // Every byte value alone in a chunk of plain bytes.
        for b in 0..=255u8 {
            let special = b == b'"' || b == b'\\' || b < 0x20;
            assert_eq!(
                first([b'a', b'a', b'a', b, b'a', b'a', b'a', b'a']).is_some(),
                special,
                "{b}"
            );
        }
    }

    #[test]
    fn hands_out_keys_and_strings_borrowed_unless_escaped() {
        let mut s = Scanner::new(r#"{"type":"a\u0062c","k\u0065y":null,"x":"plain"}"#);
        assert_eq!(s.next().unwrap(), Next::Object);
        s.begin_object();
        let mut first = true;
        let mut seen = Vec::new();
        while let Some(key) = s.next_key(&mut first).unwrap() {
            let value = s.optional_string().unwrap();
            seen.push((key, value));
        }
        s.end().unwrap();
        assert!(matches!(seen[0].0, Cow::Borrowed("type")));
        assert!(matches!(&seen[0].1, Some(Cow::Owned(v)) if v == "abc"));
        assert!(matches!(&seen[1].0, Cow::Owned(k) if k == "key"));
        assert_eq!(seen[1].1, None);
        assert!(matches!(seen[2].1, Some(Cow::Borrowed("plain"))));
    }

    #[test]
    fn a_lone_surrogate_in_a_key_is_an_error_as_in_serde_json() {
        let mut s = Scanner::new(r#"{"\ud800":1}"#);
        s.begin_object();
        assert!(s.next_key(&mut true).is_err());
    }
}
