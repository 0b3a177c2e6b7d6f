//! `ContentEvent` and its `message`, whose shape depends on `contentType` (spec §4.1).

use serde::de;
use serde_json::value::RawValue;

use super::enums::{ContentType, FileType};
use crate::json::marker;
use crate::json::object::{
    ExtraBuilder, FromRaw, Internal, Key, Outer, Slot, Source, WireFields, WireObject,
};
use crate::json::{Extra, RawJson};

/// `ContentEvent`: a text message, a file, or a secure-form invitation or submission.
///
/// `message` is interpreted by `contentType`, whichever of the two is written first.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ContentEvent {
    /// The message, by content type.
    pub content: Content,
    /// Quick-reply buttons offered with the message (structured content, kept as written).
    pub quick_replies: Option<RawJson>,
    /// Fields this version of the model does not know, and optional fields sent as `null`.
    pub extra: Extra,
}

/// The `message` of a [`ContentEvent`], by `contentType`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Content {
    /// `text/plain`: the message text.
    Text(String),
    /// `hosted/file`: a file stored by LivePerson.
    HostedFile(HostedFile),
    /// `forms/secure-invitation`.
    SecureInvitation(SecureFormInvitation),
    /// `forms/secure-submission`.
    SecureSubmission(SecureFormSubmission),
    /// `external/file`: undocumented shape, kept as written.
    ExternalFile(RawJson),
    /// Any other content type (or none): kept as written.
    Other(OtherContent),
}

/// Content of a type this version of the crate does not know, or without `contentType`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct OtherContent {
    /// The `contentType` as written, if any.
    pub content_type: Option<ContentType>,
    /// The `message` as written, if any.
    pub message: Option<RawJson>,
}

impl OtherContent {
    /// Content of type `content_type` (or without one) with `message` as written.
    pub fn new(content_type: Option<ContentType>, message: Option<RawJson>) -> Self {
        OtherContent {
            content_type,
            message,
        }
    }
}

impl From<HostedFile> for Content {
    fn from(f: HostedFile) -> Self {
        Content::HostedFile(f)
    }
}

impl From<SecureFormInvitation> for Content {
    fn from(f: SecureFormInvitation) -> Self {
        Content::SecureInvitation(f)
    }
}

impl From<SecureFormSubmission> for Content {
    fn from(f: SecureFormSubmission) -> Self {
        Content::SecureSubmission(f)
    }
}

impl From<OtherContent> for Content {
    fn from(o: OtherContent) -> Self {
        Content::Other(o)
    }
}

wire_struct! {
    /// The `message` of a `hosted/file` ContentEvent.
    pub struct HostedFile {
        /// Caption (may be empty).
        opt caption: String = "caption",
        /// Where the file can be downloaded, relative to the file-sharing service.
        req relative_path: String = "relativePath",
        /// File type.
        req file_type: FileType = "fileType",
        /// A base64 thumbnail (often a `data:` URI).
        opt preview: String = "preview",
    }
}

wire_struct! {
    /// The `message` of a `forms/secure-invitation` ContentEvent.
    pub struct SecureFormInvitation {
        /// Invitation id.
        req invitation_id: String = "invitationId",
        /// Form title.
        opt title: String = "title",
        /// Form id.
        opt form_id: i64 = "formId",
    }
}

wire_struct! {
    /// The `message` of a `forms/secure-submission` ContentEvent.
    pub struct SecureFormSubmission {
        /// The invitation this submission answers.
        req invitation_id: String = "invitationId",
        /// Submission id.
        opt submission_id: String = "submissionId",
    }
}

impl ContentEvent {
    /// The JSON field names this type models, as written on the wire (`type` aside, which
    /// selects it).
    pub const FIELDS: &'static [&'static str] = &["contentType", "message", "quickReplies"];

    /// A ContentEvent with the given content (a [`Content`], or one of the message types that
    /// convert into it: [`HostedFile`], [`SecureFormInvitation`], …).
    ///
    /// ```
    /// use chatwire::liveperson::{ContentEvent, ContentType, FileType, HostedFile};
    /// let file = ContentEvent::new(HostedFile::new("/path/to/file.png", FileType::Png));
    /// assert_eq!(file.content_type(), Some(&ContentType::HostedFile));
    /// assert_eq!(ContentEvent::text_plain("hi").text(), Some("hi"));
    /// ```
    pub fn new(content: impl Into<Content>) -> Self {
        ContentEvent {
            content: content.into(),
            quick_replies: None,
            extra: Extra::new(),
        }
    }

    /// A `text/plain` ContentEvent.
    pub fn text_plain(text: impl Into<String>) -> Self {
        Self::new(Content::Text(text.into()))
    }

    /// The same event with quick-reply buttons (structured content JSON).
    pub fn with_quick_replies(mut self, quick_replies: RawJson) -> Self {
        self.quick_replies = Some(quick_replies);
        self
    }

    /// The `contentType`, as written; by reference like every vendor enum, without copying a
    /// value this version does not know.
    pub fn content_type(&self) -> Option<&ContentType> {
        match &self.content {
            Content::Text(_) => Some(&ContentType::TextPlain),
            Content::HostedFile(_) => Some(&ContentType::HostedFile),
            Content::SecureInvitation(_) => Some(&ContentType::SecureInvitation),
            Content::SecureSubmission(_) => Some(&ContentType::SecureSubmission),
            Content::ExternalFile(_) => Some(&ContentType::ExternalFile),
            Content::Other(o) => o.content_type.as_ref(),
        }
    }

    /// The text of a `text/plain` message.
    pub fn text(&self) -> Option<&str> {
        match &self.content {
            Content::Text(t) => Some(t),
            _ => None,
        }
    }

    /// The text of a `text/plain` message, to change it in place (redaction, translation).
    pub fn text_mut(&mut self) -> Option<&mut String> {
        match &mut self.content {
            Content::Text(t) => Some(t),
            _ => None,
        }
    }
}

impl WireFields for ContentEvent {
    fn serialize_fields<M: serde::ser::SerializeMap>(
        &self,
        map: &mut M,
        outer: Outer<'_>,
    ) -> Result<(), M::Error> {
        if let Some(ct) = self.content_type() {
            map.serialize_entry("contentType", &ct)?;
        }
        match &self.content {
            Content::Text(t) => map.serialize_entry("message", t)?,
            Content::HostedFile(f) => map.serialize_entry("message", f)?,
            Content::SecureInvitation(f) => map.serialize_entry("message", f)?,
            Content::SecureSubmission(f) => map.serialize_entry("message", f)?,
            Content::ExternalFile(raw) => map.serialize_entry("message", raw)?,
            Content::Other(o) => {
                if let Some(m) = &o.message {
                    map.serialize_entry("message", m)?;
                }
            }
        }
        if let Some(q) = &self.quick_replies {
            map.serialize_entry("quickReplies", q)?;
        }
        let content_type_written = self.content_type().is_some();
        let quick_written = self.quick_replies.is_some();
        self.extra.serialize_into(map, |k| match k {
            "contentType" => Some(content_type_written),
            // A `null` message is kept in `content`, never here.
            "message" => Some(true),
            "quickReplies" => Some(quick_written),
            _ => crate::json::object::outer(outer, k),
        })
    }
}

impl serde::Serialize for ContentEvent {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        crate::json::object::serialize_tagged(s, "type", Self::TYPE, self)
    }
}

#[derive(Default)]
pub(crate) struct ContentEventBuilder<'de> {
    content_type: Slot<ContentType>,
    message: Option<&'de RawValue>,
    quick_replies: Slot<RawJson>,
    extra: ExtraBuilder,
}

impl<'de> WireObject<'de> for ContentEvent {
    const EXPECTING: &'static str = "a ContentEvent object";
    type Builder = ContentEventBuilder<'de>;

    fn knows(key: &str) -> bool {
        Self::FIELDS.contains(&key)
    }

    fn accept<S: Source<'de>>(
        b: &mut Self::Builder,
        key: Key<'de>,
        src: S,
    ) -> Result<(), S::Error> {
        match key.as_str() {
            "contentType" => b.content_type.fill_optional("contentType", src),
            "quickReplies" => b.quick_replies.fill_optional("quickReplies", src),
            "message" => {
                if b.message.is_some() {
                    return Err(src.duplicate("message"));
                }
                b.message = Some(src.value::<&'de RawValue>()?);
                Ok(())
            }
            _ => b.extra.accept(key, src),
        }
    }

    fn finish_into<E: de::Error>(b: &mut Self::Builder, slot: &mut Option<Self>) -> Result<(), E> {
        let b = std::mem::take(b);
        let mut extra = b.extra.finish::<E>()?;
        let content_type = b.content_type.finish_optional("contentType", &mut extra);
        let quick_replies = b.quick_replies.finish_optional("quickReplies", &mut extra);
        let content = interpret(content_type, b.message)?;
        crate::json::field::put(
            slot,
            ContentEvent {
                content,
                quick_replies,
                extra,
            },
        );
        Ok(())
    }
}

impl<'de> crate::json::field::Field<'de> for ContentEvent {
    fn read<D: serde::Deserializer<'de>>(slot: &mut Option<Self>, d: D) -> Result<(), D::Error> {
        crate::json::field::read_object(slot, d)
    }
}

/// The content of a JSON string literal without escapes, read straight from its text.
fn plain_string(json: &str) -> Option<&str> {
    let inner = json.strip_prefix('"')?.strip_suffix('"')?;
    (!inner.contains('\\')).then_some(inner)
}

/// Reads `message` according to `contentType`; errors point into the message.
fn interpret<E: de::Error>(
    content_type: Option<ContentType>,
    message: Option<&RawValue>,
) -> Result<Content, E> {
    let known = matches!(
        content_type,
        Some(
            ContentType::TextPlain
                | ContentType::HostedFile
                | ContentType::SecureInvitation
                | ContentType::SecureSubmission
        )
    );
    let raw = match message {
        Some(raw) => raw,
        None if known => return Err(marker::missing("message")),
        None => {
            return Ok(Content::Other(OtherContent {
                content_type,
                message: None,
            }));
        }
    };
    let src = || FromRaw::<E>::new(raw);
    Ok(match content_type {
        Some(ContentType::TextPlain) => Content::Text(match plain_string(raw.get()) {
            Some(text) => text.to_owned(),
            None => src().value()?,
        }),
        Some(ContentType::HostedFile) => Content::HostedFile(src().value::<Internal<_>>()?.0),
        Some(ContentType::SecureInvitation) => {
            Content::SecureInvitation(src().value::<Internal<_>>()?.0)
        }
        Some(ContentType::SecureSubmission) => {
            Content::SecureSubmission(src().value::<Internal<_>>()?.0)
        }
        Some(ContentType::ExternalFile) => Content::ExternalFile(RawJson::from_borrowed(raw)?),
        other => Content::Other(OtherContent {
            content_type: other,
            message: Some(RawJson::from_borrowed(raw)?),
        }),
    })
}
