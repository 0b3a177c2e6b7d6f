//! Routing without parsing: the notification type and each change's event type, content type or
//! conversation-change type, read in one validating pass that builds no model. A dedicated
//! scanner does the pass: it allocates nothing unless a key or routing value it reads is
//! written with escapes, whatever serde_json features are enabled.

use std::borrow::Cow;

use crate::error::ParseError;
use crate::json::scan::{self, Next, Scanner};

#[cfg(test)]
mod reference;
#[cfg(test)]
mod tests;

/// What [`peek_notification`] saw at the top level.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Peek<'a> {
    /// The envelope `type`.
    pub notification_type: Option<Cow<'a, str>>,
    /// How many entries `body.changes` has.
    pub changes: usize,
}

/// What [`peek_notification`] saw in one change.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ChangePeek<'a> {
    /// Index in `body.changes`.
    pub index: usize,
    /// `event.type` (messaging changes).
    pub event_type: Option<Cow<'a, str>>,
    /// `event.contentType` (ContentEvents).
    pub content_type: Option<Cow<'a, str>>,
    /// The change's own `type`: `UPSERT` or `DELETE` (conversation changes).
    pub change_type: Option<Cow<'a, str>>,
}

/// Reads the envelope `type` and, for each change, calls `on_change` with its event type,
/// content type or change type, without building the model.
///
/// The whole document is checked to be JSON, exactly as strictly as serde_json checks it
/// (syntax, string escapes, nesting depth, nothing after the value), but nothing else about it
/// is; call [`parse_notification`](super::parse_notification) before trusting the content. The
/// routing fields must be strings or `null`, `body.changes` an array of objects and each
/// `event` an object or `null`; when a field is written twice, the last one counts.
///
/// ```
/// use chatwire::liveperson::peek_notification;
/// # let json = include_str!("../../../tests/webhooks_examples/liveperson/002_dc_webhooks_consumer_text.json");
/// let mut content_events = 0;
/// let peek = peek_notification(json, |change| {
///     if change.event_type.as_deref() == Some("ContentEvent") {
///         content_events += 1;
///     }
/// })?;
/// assert_eq!(peek.notification_type.as_deref(), Some("ms.MessagingEventNotification"));
/// assert_eq!((peek.changes, content_events), (1, 1));
/// # Ok::<(), chatwire::ParseError>(())
/// ```
pub fn peek_notification<'a>(
    json: &'a str,
    mut on_change: impl FnMut(ChangePeek<'a>),
) -> Result<Peek<'a>, ParseError> {
    let mut s = Scanner::new(json);
    top(&mut s, &mut on_change)
        .and_then(|peek| s.end().map(|()| peek))
        .map_err(|e| e.into_parse_error(json))
}

fn top<'a>(
    s: &mut Scanner<'a>,
    on_change: &mut impl FnMut(ChangePeek<'a>),
) -> scan::Result<Peek<'a>> {
    if s.next()? != Next::Object {
        return Err(s.invalid_type("a LivePerson notification object"));
    }
    s.begin_object();
    let mut peek = Peek {
        notification_type: None,
        changes: 0,
    };
    let mut first = true;
    while let Some(key) = s.next_key(&mut first)? {
        match &*key {
            "type" => peek.notification_type = s.optional_string()?,
            "body" => peek.changes = body(s, on_change)?,
            _ => s.skip_value()?,
        }
    }
    Ok(peek)
}

/// The number of changes in `body.changes`. A body of an unknown notification type may be
/// anything; only an object is searched for `changes`.
fn body<'a>(
    s: &mut Scanner<'a>,
    on_change: &mut impl FnMut(ChangePeek<'a>),
) -> scan::Result<usize> {
    if s.next()? != Next::Object {
        s.skip_value()?;
        return Ok(0);
    }
    s.begin_object();
    let mut changes = 0;
    let mut first = true;
    while let Some(key) = s.next_key(&mut first)? {
        if key == "changes" {
            changes = changes_array(s, on_change)?;
        } else {
            s.skip_value()?;
        }
    }
    Ok(changes)
}

fn changes_array<'a>(
    s: &mut Scanner<'a>,
    on_change: &mut impl FnMut(ChangePeek<'a>),
) -> scan::Result<usize> {
    if s.next()? != Next::Array {
        return Err(s.invalid_type("an array of changes"));
    }
    s.begin_array();
    let mut index = 0;
    let mut first = true;
    while s.next_element(&mut first)? {
        let mut change = ChangePeek {
            index,
            event_type: None,
            content_type: None,
            change_type: None,
        };
        if s.next()? != Next::Object {
            return Err(s.invalid_type("a change object"));
        }
        s.begin_object();
        let mut first_key = true;
        while let Some(key) = s.next_key(&mut first_key)? {
            match &*key {
                "event" => event(s, &mut change)?,
                "type" => change.change_type = s.optional_string()?,
                _ => s.skip_value()?,
            }
        }
        on_change(change);
        index += 1;
    }
    Ok(index)
}

/// `event.type` and `event.contentType`; a `null` event leaves the change as it was.
fn event<'a>(s: &mut Scanner<'a>, change: &mut ChangePeek<'a>) -> scan::Result<()> {
    match s.next()? {
        Next::Null => return s.skip_value(),
        Next::Object => {}
        _ => return Err(s.invalid_type("an event object")),
    }
    s.begin_object();
    let (mut event_type, mut content_type) = (None, None);
    let mut first = true;
    while let Some(key) = s.next_key(&mut first)? {
        match &*key {
            "type" => event_type = s.optional_string()?,
            "contentType" => content_type = s.optional_string()?,
            _ => s.skip_value()?,
        }
    }
    change.event_type = event_type;
    change.content_type = content_type;
    Ok(())
}
