//! [`parse_any`]: a notification of either vendor, detected from the document.

use std::fmt;

use serde::Deserializer;
use serde::de::{IgnoredAny, MapAccess, Visitor};

use crate::error::{ParseError, ParseErrorKind};
use crate::events::{Events, Vendor};
use crate::{genesys, liveperson};

/// A notification of either vendor.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum AnyNotification {
    /// A LivePerson Connector API webhook body.
    LivePerson(liveperson::Notification),
    /// A Genesys `/v2/me/chats` notification, in any of its forms.
    Genesys(Box<genesys::Notification>),
}

impl From<liveperson::Notification> for AnyNotification {
    fn from(n: liveperson::Notification) -> Self {
        AnyNotification::LivePerson(n)
    }
}

impl From<genesys::Notification> for AnyNotification {
    fn from(n: genesys::Notification) -> Self {
        AnyNotification::Genesys(Box::new(n))
    }
}

impl AnyNotification {
    /// Which vendor sent it.
    pub fn vendor(&self) -> Vendor {
        match self {
            AnyNotification::LivePerson(_) => Vendor::LivePerson,
            AnyNotification::Genesys(_) => Vendor::Genesys,
        }
    }

    /// Its vendor-neutral events (see the [mapping](crate::events#mapping)).
    ///
    /// The iterator is a concrete type, `Send` and `Sync`: it may live across an `.await`.
    pub fn events(&self) -> Events<'_> {
        match self {
            AnyNotification::LivePerson(n) => n.events(),
            AnyNotification::Genesys(n) => n.events(),
        }
    }

    /// The notification when every part of it was parsed, or else the error of the first
    /// LivePerson change that was not ([`liveperson::Notification::into_strict`]). A Genesys
    /// notification either parses whole or not at all, so it is returned as is.
    ///
    /// ```
    /// let json = r#"{"kind":"notification","type":"ms.MessagingEventNotification",
    ///   "body":{"changes":[{"sequence":"x","dialogId":"d1"}]}}"#;
    /// let err = chatwire::parse_any(json)?.into_strict().unwrap_err();
    /// assert_eq!(err.path(), "body.changes[0].sequence");
    /// # Ok::<(), chatwire::ParseError>(())
    /// ```
    pub fn into_strict(self) -> Result<AnyNotification, ParseError> {
        match self {
            AnyNotification::LivePerson(n) => n.into_strict().map(AnyNotification::LivePerson),
            genesys => Ok(genesys),
        }
    }

    /// Removes the LivePerson changes that were not parsed, which serialization would write
    /// back verbatim, and returns them with their index
    /// ([`liveperson::Notification::drop_malformed`]); none for Genesys.
    pub fn drop_malformed(&mut self) -> Vec<(usize, liveperson::MalformedChange)> {
        match self {
            AnyNotification::LivePerson(n) => n.drop_malformed(),
            AnyNotification::Genesys(_) => Vec::new(),
        }
    }

    /// The validation report of the vendor's contract.
    pub fn validate(&self) -> crate::ValidationReport {
        match self {
            AnyNotification::LivePerson(n) => liveperson::validate_notification(n),
            AnyNotification::Genesys(n) => genesys::validate_notification(n),
        }
    }
}

impl serde::Serialize for AnyNotification {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            AnyNotification::LivePerson(n) => n.serialize(s),
            AnyNotification::Genesys(n) => n.serialize(s),
        }
    }
}

/// Any deserializer; the same as [`parse_any`] on the value's JSON text (see
/// [`crate::json`]'s notes on deserializing).
impl<'de> serde::Deserialize<'de> for AnyNotification {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::json::text::deserialize_with(d, parse_any)
    }
}

/// Parses a notification of either vendor, telling them apart by the top-level keys: a
/// LivePerson body has `kind` or `body` (or only `type`); a Genesys notification has
/// `messageType`, `notificationType`, `data`, `channel` or `clientId`.
///
/// ```
/// use chatwire::{AnyNotification, parse_any};
/// let lp = parse_any(r#"{"kind":"notification","type":"ms.MessagingEventNotification","body":{"changes":[]}}"#)?;
/// assert!(matches!(lp, AnyNotification::LivePerson(_)));
/// let gws = parse_any(r#"{"messageType":"ChatStateChangeMessage","notificationType":"StatusChange","chat":{"id":"0001","state":"Chatting"}}"#)?;
/// assert!(matches!(gws, AnyNotification::Genesys(_)));
/// let err = parse_any(r#"{"hello":"world"}"#).unwrap_err();
/// assert!(err.to_string().contains("neither a LivePerson nor a Genesys notification"));
/// # Ok::<(), chatwire::ParseError>(())
/// ```
///
/// A JSON array is refused: Genesys long-poll batches go to [`genesys::parse_batch`].
pub fn parse_any(json: &str) -> Result<AnyNotification, ParseError> {
    let start = json.len() - json.trim_start().len();
    // Not JSON, or a root that is not an object: the LivePerson parse explains it best.
    let Some(root) = read_root(json) else {
        return liveperson::parse_notification(json).map(AnyNotification::LivePerson);
    };
    match (root.vendor(), root) {
        (Some(Vendor::Genesys), Root::Array) => Err(ParseError::at_offset(
            ParseErrorKind::Data,
            json,
            start,
            "a JSON array is a Genesys long-poll batch: parse it with genesys::parse_batch",
        )),
        (Some(Vendor::Genesys), _) => {
            genesys::parse_notification(json).map(|n| AnyNotification::Genesys(Box::new(n)))
        }
        (Some(Vendor::LivePerson), _) => {
            liveperson::parse_notification(json).map(AnyNotification::LivePerson)
        }
        _ => Err(ParseError::at_offset(
            ParseErrorKind::Data,
            json,
            start,
            "neither a LivePerson nor a Genesys notification: expected `kind`, `type` or `body` \
             (LivePerson), or `messageType`, `data` or `channel` (Genesys)",
        )),
    }
}

/// Which vendor a document is from, by the rules of [`parse_any`], without parsing it: a JSON
/// array is a Genesys long-poll batch. `None` for text that is not JSON and for documents of
/// neither vendor.
///
/// ```
/// use chatwire::{detect_vendor, events::Vendor};
/// assert_eq!(detect_vendor(r#"{"kind":"notification","body":{}}"#), Some(Vendor::LivePerson));
/// assert_eq!(detect_vendor(r#"[{"channel":"/meta/connect"}]"#), Some(Vendor::Genesys));
/// assert_eq!(detect_vendor(r#"{"hello":"world"}"#), None);
/// ```
pub fn detect_vendor(json: &str) -> Option<Vendor> {
    read_root(json)?.vendor()
}

/// The root's kind and, for an object, its vendor markers; `None` when it is not JSON.
fn read_root(json: &str) -> Option<Root> {
    serde_json::Deserializer::from_str(json)
        .deserialize_any(KeysVisitor)
        .ok()
}

/// [`parse_any`] for raw bytes, such as a webhook request body; invalid UTF-8 is an error.
pub fn parse_any_slice(json: &[u8]) -> Result<AnyNotification, ParseError> {
    parse_any(crate::error::utf8_input(json)?)
}

enum Root {
    Array,
    Object { liveperson: bool, genesys: bool },
    Other,
}

impl Root {
    fn vendor(&self) -> Option<Vendor> {
        match self {
            Root::Array | Root::Object { genesys: true, .. } => Some(Vendor::Genesys),
            Root::Object {
                liveperson: true, ..
            } => Some(Vendor::LivePerson),
            _ => None,
        }
    }
}

struct KeysVisitor;

impl<'de> Visitor<'de> for KeysVisitor {
    type Value = Root;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a notification object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Root, A::Error> {
        let (mut strong, mut weak, mut genesys) = (false, false, false);
        while let Some(key) = map.next_key::<crate::json::object::Key<'de>>()? {
            match key.as_str() {
                "kind" | "body" => strong = true,
                "type" => weak = true,
                "messageType" | "notificationType" | "data" | "channel" | "clientId" => {
                    genesys = true
                }
                _ => {}
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(Root::Object {
            liveperson: strong || weak,
            genesys: genesys && !strong,
        })
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Root, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Root::Array)
    }

    fn visit_str<E>(self, _: &str) -> Result<Root, E> {
        Ok(Root::Other)
    }
    fn visit_bool<E>(self, _: bool) -> Result<Root, E> {
        Ok(Root::Other)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Root, E> {
        Ok(Root::Other)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Root, E> {
        Ok(Root::Other)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Root, E> {
        Ok(Root::Other)
    }
    fn visit_unit<E>(self) -> Result<Root, E> {
        Ok(Root::Other)
    }
}
