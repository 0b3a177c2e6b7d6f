//! Splits the text of a file or of stdin into its JSON documents, shared by the `inspect` and
//! `transcript` examples: one document per line (JSON Lines), pretty-printed documents, or both
//! mixed.

use std::io::{Read, Write};

use serde::de::IgnoredAny;

/// One JSON document of an input, and the line (from 1) it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Document {
    pub(crate) line: usize,
    pub(crate) text: String,
}

/// The JSON documents of `text`, in order.
///
/// Documents may span lines (pretty-printed) or share none (one per line). Text that is not
/// JSON still makes a document, so that the caller's parse reports it: it runs from where a
/// document was expected to the next line that starts with `{` or `[` in its first column (the
/// first line of a following document, pretty-printed or not), or to the end.
pub(crate) fn split(text: &str) -> Vec<Document> {
    let mut documents = Vec::new();
    let mut at = 0;
    loop {
        let rest = &text[at..];
        let skipped = rest.len() - rest.trim_start().len();
        at += skipped;
        if at == text.len() {
            return documents;
        }
        let rest = &text[at..];
        let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<IgnoredAny>();
        let len = match stream.next() {
            Some(Ok(_)) => stream.byte_offset(),
            _ => next_document_start(rest),
        };
        documents.push(Document {
            line: text[..at].matches('\n').count() + 1,
            text: rest[..len].trim_end().to_owned(),
        });
        at += len;
    }
}

/// The offset in `rest` of the first line after its first that starts with `{` or `[`, or its
/// length.
fn next_document_start(rest: &str) -> usize {
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        if i > 0 && (line.starts_with('{') || line.starts_with('[')) {
            return offset;
        }
        offset += line.len();
    }
    rest.len()
}

/// `count` and `noun`, the noun in the plural unless `count` is 1: `1 change`, `2 changes`.
pub(crate) fn count(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// The `(name, text)` of each input: the bundled documents when there is no input, else each
/// file, or stdin for `-`. `None` (after a message on `err` naming `program`) when one cannot
/// be read.
pub(crate) fn read_sources(
    program: &str,
    inputs: Vec<&str>,
    bundled: &[(&str, &str)],
    stdin: &mut dyn Read,
    err: &mut dyn Write,
) -> std::io::Result<Option<Vec<(String, String)>>> {
    let mut sources: Vec<(String, String)> = Vec::new();
    if inputs.is_empty() {
        sources.extend(bundled.iter().map(|(n, t)| (n.to_string(), t.to_string())));
    }
    for input in inputs {
        let mut text = String::new();
        let (name, read) = if input == "-" {
            ("stdin", stdin.read_to_string(&mut text))
        } else {
            (
                input,
                std::fs::File::open(input).and_then(|mut f| f.read_to_string(&mut text)),
            )
        };
        if let Err(e) = read {
            writeln!(err, "{program}: {name}: {e}")?;
            return Ok(None);
        }
        sources.push((name.to_owned(), text));
    }
    Ok(Some(sources))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_and_texts(text: &str) -> Vec<(usize, String)> {
        split(text).into_iter().map(|d| (d.line, d.text)).collect()
    }

    #[test]
    fn one_document_per_line() {
        let text = "{\"a\":1}\n\n  {\"b\":[2]}\r\n[3]\n";
        assert_eq!(
            lines_and_texts(text),
            [
                (1, "{\"a\":1}".to_owned()),
                (3, "{\"b\":[2]}".to_owned()),
                (4, "[3]".to_owned())
            ]
        );
    }

    #[test]
    fn pretty_printed_documents_then_a_line() {
        let text = "{\n  \"a\": {\n    \"b\": 1\n  }\n}\n[\n  1,\n  2\n]\n{\"c\":\"}\"}\n";
        assert_eq!(
            lines_and_texts(text),
            [
                (1, "{\n  \"a\": {\n    \"b\": 1\n  }\n}".to_owned()),
                (6, "[\n  1,\n  2\n]".to_owned()),
                (10, "{\"c\":\"}\"}".to_owned())
            ]
        );
    }

    #[test]
    fn text_that_is_not_json_runs_to_the_next_document() {
        // A cut line, then a good one: the good one is not swallowed.
        let text = "{\"kind\":\n{\"a\":1}\nnot json\nat all\n{\n  \"b\": 2\n}";
        assert_eq!(
            lines_and_texts(text),
            [
                (1, "{\"kind\":".to_owned()),
                (2, "{\"a\":1}".to_owned()),
                (3, "not json\nat all".to_owned()),
                (5, "{\n  \"b\": 2\n}".to_owned())
            ]
        );
        // A broken pretty-printed document stays one document.
        let text = "{\n  \"a\": 1,\n  oops\n}\n";
        assert_eq!(
            lines_and_texts(text),
            [(1, "{\n  \"a\": 1,\n  oops\n}".to_owned())]
        );
    }

    #[test]
    fn nothing_but_whitespace_has_no_document() {
        assert!(split("").is_empty());
        assert!(split(" \n\t\r\n").is_empty());
    }

    #[test]
    fn counts_in_the_singular_and_the_plural() {
        assert_eq!(count(0, "change"), "0 changes");
        assert_eq!(count(1, "change"), "1 change");
        assert_eq!(count(2, "change"), "2 changes");
    }
}
