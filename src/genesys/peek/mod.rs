//! Routing without parsing: a message's channel, `messageType` and `notificationType`, read in
//! one validating pass that builds no model, by the same scanner as the LivePerson peek.

use std::borrow::Cow;

use crate::error::ParseError;
use crate::json::scan::{self, Next, Scanner};

#[cfg(test)]
mod reference;
#[cfg(test)]
mod tests;

/// What [`peek_notification`] saw.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Peek<'a> {
    /// The Bayeux `channel`, when the document is a Bayeux message that has one.
    pub channel: Option<Cow<'a, str>>,
    /// `messageType` of the data object (or of the document, in the data-only form).
    pub message_type: Option<Cow<'a, str>>,
    /// `notificationType`, in the same place.
    pub notification_type: Option<Cow<'a, str>>,
}

/// Reads the channel, `messageType` and `notificationType` of one message in any of the three
/// forms, checking that the document is JSON (exactly as strictly as serde_json does) but
/// building nothing. It allocates nothing unless one of the keys or values it reads is written
/// with escapes. The three fields must be strings or `null`, and `data` an object or `null`;
/// when a field is written twice, the last one counts.
///
/// ```
/// let json = r#"{"data":{"notificationType":"NewMessages","messages":[],"messageType":"MessageLogUpdated"},"channel":"/v2/me/chats"}"#;
/// let peek = chatwire::genesys::peek_notification(json)?;
/// assert_eq!(peek.message_type.as_deref(), Some("MessageLogUpdated"));
/// assert_eq!(peek.channel.as_deref(), Some("/v2/me/chats"));
/// # Ok::<(), chatwire::ParseError>(())
/// ```
pub fn peek_notification(json: &str) -> Result<Peek<'_>, ParseError> {
    let mut s = Scanner::new(json);
    top(&mut s)
        .and_then(|peek| s.end().map(|()| peek))
        .map_err(|e| e.into_parse_error(json))
}

fn top<'a>(s: &mut Scanner<'a>) -> scan::Result<Peek<'a>> {
    if s.next()? != Next::Object {
        return Err(s.invalid_type("a Genesys notification object"));
    }
    s.begin_object();
    let mut own = Peek::default();
    let mut data = Peek::default();
    // A document with a `data` or `channel` key (whatever its value) is a Bayeux message, as
    // for the parse: its tags are in `data`.
    let mut bayeux = false;
    let mut first = true;
    while let Some(key) = s.next_key(&mut first)? {
        match &*key {
            "channel" => {
                bayeux = true;
                own.channel = s.optional_string()?;
            }
            "messageType" => own.message_type = s.optional_string()?,
            "notificationType" => own.notification_type = s.optional_string()?,
            "data" => {
                bayeux = true;
                if let Some(tags) = data_tags(s)? {
                    data = tags;
                }
            }
            _ => s.skip_value()?,
        }
    }
    Ok(if bayeux {
        Peek {
            channel: own.channel,
            message_type: data.message_type,
            notification_type: data.notification_type,
        }
    } else {
        own
    })
}

/// `messageType` and `notificationType` of a data object; `None` for `null`.
fn data_tags<'a>(s: &mut Scanner<'a>) -> scan::Result<Option<Peek<'a>>> {
    match s.next()? {
        Next::Null => return s.skip_value().map(|()| None),
        Next::Object => {}
        _ => return Err(s.invalid_type("a notification data object")),
    }
    s.begin_object();
    let mut peek = Peek::default();
    let mut first = true;
    while let Some(key) = s.next_key(&mut first)? {
        match &*key {
            "messageType" => peek.message_type = s.optional_string()?,
            "notificationType" => peek.notification_type = s.optional_string()?,
            _ => s.skip_value()?,
        }
    }
    Ok(Some(peek))
}
