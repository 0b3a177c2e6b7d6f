// Layering rule: an inherent method lives in the file of its type. This module defines its own
// types and the mapping from vendor types as crate-private free functions (`liveperson::
// notification_events`, `liveperson::messaging_event`, `genesys::notification_events`); the
// vendor types' public methods (`Notification::events`, `MessagingChange::to_event`) are
// written in the vendor files and call them.

//! One event stream across vendors: what happened in a conversation, whoever sent the
//! notification.
//!
//! Every notification of either vendor yields [`ChatEvent`]s through its `events()` method
//! ([`liveperson::Notification::events`](crate::liveperson::Notification::events),
//! [`genesys::Notification::events`](crate::genesys::Notification::events),
//! [`AnyNotification::events`](crate::AnyNotification::events)). Each event says who did what,
//! when, in which conversation and dialog, for which audience, and keeps a reference to the
//! vendor item it came from ([`ChatEvent::source`]), so nothing the vendor sent is hidden.
//!
//! ```
//! use chatwire::events::{EventKind, Role};
//!
//! let body = r#"{"kind":"notification","type":"ms.MessagingEventNotification",
//!   "body":{"changes":[{"sequence":0,"originatorId":"ade26082","serverTimestamp":1528371161893,
//!   "originatorMetadata":{"id":"ade26082","role":"CONSUMER"},"dialogId":"5491244f",
//!   "event":{"type":"ContentEvent","message":"Hello","contentType":"text/plain"}}]}}"#;
//! let notification = chatwire::parse_any(body)?;
//! let events: Vec<_> = notification.events().collect();
//! assert_eq!(events.len(), 1);
//! let event = &events[0];
//! assert_eq!(event.sender_role(), Some(Role::Consumer));
//! let EventKind::Message { text } = &event.kind else {
//!     panic!("a text/plain ContentEvent is a message, not {:?}", event.kind);
//! };
//! assert_eq!(text, "Hello");
//! # Ok::<(), chatwire::ParseError>(())
//! ```
//!
//! # Mapping
//!
//! Every vendor item yields at least one event; where no neutral event fits, the event is
//! [`EventKind::Unknown`] and [`ChatEvent::source`] holds the item.
//!
//! ## LivePerson messaging events (`ms.MessagingEventNotification`, one event per change)
//!
//! | vendor item | neutral event |
//! | --- | --- |
//! | `ContentEvent`, `text/plain` | [`Message`](EventKind::Message) with the text |
//! | `ContentEvent`, `hosted/file` | [`FileShared`](EventKind::FileShared): `relativePath`, `fileType`, `caption` |
//! | `ContentEvent`, `external/file` | [`FileShared`](EventKind::FileShared) without location |
//! | `ContentEvent`, `forms/secure-invitation`, `forms/secure-submission`, other types | [`Unknown`](EventKind::Unknown) |
//! | `RichContentEvent` | [`StructuredContent`](EventKind::StructuredContent) with the root element's `type` |
//! | `AcceptStatusEvent` `ACCEPT` / `READ` / `ACCESS` / `NACK` / `ACTION` / `VIEWED` | [`Delivery`](EventKind::Delivery) `Accepted` / `Read` / `Accessed` / `NotAccepted` / `Acted` / `Viewed`, with `sequenceList` |
//! | `AcceptStatusEvent` with another status | [`Unknown`](EventKind::Unknown) |
//! | `ChatStateEvent` `COMPOSING` | [`TypingStarted`](EventKind::TypingStarted) |
//! | `ChatStateEvent` `ACTIVE` / `PAUSE` / `INACTIVE` / `GONE` / `BACKGROUND` | [`TypingStopped`](EventKind::TypingStopped) (LivePerson's connector demo app ends typing with any state other than `COMPOSING`) |
//! | `ChatStateEvent` with another state, other event types | [`Unknown`](EventKind::Unknown) |
//! | a malformed change | no event (see `malformed_changes()` and validation) |
//!
//! Context: `conversationId` (or else `dialogId`), `dialogId`, `sequence` as
//! [`Position::Sequence`], `serverTimestamp`, `originatorId` / `originatorMetadata` as sender,
//! `messageAudience` (`AGENTS_AND_MANAGERS` is [`Audience::AgentsOnly`]).
//!
//! ## Conversation snapshots (LivePerson `cqm.ExConversationChangeNotification`, Genesys `ChatStateChangeMessage`)
//!
//! A snapshot tells the whole state of a conversation, not what changed. Its events are the
//! difference from a previous state: on its own (`events()`), from an empty conversation; in
//! the [`tracker`](crate::tracker), from the state the tracker holds.
//!
//! | change between two states | neutral event |
//! | --- | --- |
//! | not known as open before, open now | [`ConversationOpened`](EventKind::ConversationOpened) |
//! | a participant (id and role) that was not there | [`ParticipantJoined`](EventKind::ParticipantJoined) |
//! | a participant that is no longer there | [`ParticipantLeft`](EventKind::ParticipantLeft) |
//! | the skill changed (LivePerson `skillId`; `-1` is none) | [`ConversationTransferred`](EventKind::ConversationTransferred) |
//! | not known as closed before, closed now | [`ConversationClosed`](EventKind::ConversationClosed) |
//! | nothing the neutral model tells (for example only `userData` changed) | [`Unknown`](EventKind::Unknown) on its own; nothing in the tracker |
//!
//! | vendor state | open or closed | close reason |
//! | --- | --- | --- |
//! | LivePerson `stage` (else `state`) `OPEN` | open | |
//! | LivePerson `stage` (else `state`) `CLOSE` | closed | `closeReason` `CONSUMER` / `AGENT` / `SYSTEM`: [`CloseReason::Consumer`] / [`Agent`](CloseReason::Agent) / [`System`](CloseReason::System) |
//! | LivePerson `LOCKED`, other values; change `type` `DELETE` | not told | |
//! | Genesys `Invited`, `Chatting` | open | |
//! | Genesys `Completed`, `LeftChat` | closed | [`CloseReason::Agent`] (the agent completed, rejected or left the chat) |
//! | Genesys `Revoked` | closed | [`CloseReason::System`] |
//! | Genesys other states | not told | |
//! | Genesys `notificationType: Error` | [`Unknown`](EventKind::Unknown) | |
//!
//! LivePerson participants come from `participants` (either wire form); Genesys participants from
//! `chat.participants`, where an empty list (as StatusChange sends it) tells nothing.
//!
//! ## Genesys transcript messages (`MessageLogUpdated`, one event per message)
//!
//! | message `type` | neutral event |
//! | --- | --- |
//! | `Text`, `Notice` | [`Message`](EventKind::Message) with `text` |
//! | `CustomNotice` | [`Message`](EventKind::Message) with `noticeText` |
//! | `PushUrl` | [`UrlPushed`](EventKind::UrlPushed) with `url` |
//! | `TypingStarted` / `TypingStopped` | [`TypingStarted`](EventKind::TypingStarted) / [`TypingStopped`](EventKind::TypingStopped) |
//! | `ParticipantJoined`, `ParticipantRejoined` | [`ParticipantJoined`](EventKind::ParticipantJoined) with `from` |
//! | `ParticipantLeft` | [`ParticipantLeft`](EventKind::ParticipantLeft) with `from` |
//! | `SystemCommand`, `noticeText` `file-uploaded` | [`FileShared`](EventKind::FileShared): `attachment.uri` (the attachment's URL; else `attachment.path`, its path under the API), `attachment.mime`, no caption |
//! | `SystemCommand`, `noticeText` `file-deleted` or another command | [`Unknown`](EventKind::Unknown) (the deleted file's `attachment.fileId` is in the source) |
//! | `NicknameUpdated` | [`ParticipantRenamed`](EventKind::ParticipantRenamed) with `from`, named by its new nickname |
//! | `TranscriptSaveDone`, other types | [`Unknown`](EventKind::Unknown) |
//!
//! Context: the chat id (from `chatPath` / `chatUri`), `index` as [`Position::Index`],
//! `timestampSeconds` (else `timestamp`), `from` as sender, `visibility` (`Agents` and
//! `Supervisors` are [`Audience::AgentsOnly`]).
//!
//! ## Roles
//!
//! | vendor role | [`Role`] |
//! | --- | --- |
//! | LivePerson `CONSUMER`, Genesys `Customer` | [`Consumer`](Role::Consumer) |
//! | LivePerson `ASSIGNED_AGENT`, `AGENT`, `READER`; Genesys `Agent` | [`Agent`](Role::Agent) |
//! | Genesys `External` (system or bot participants) | [`Bot`](Role::Bot) |
//! | LivePerson `MANAGER`, `ASSIGNED_MANAGER`, `AGENT_MANAGER` | [`Manager`](Role::Manager) |
//! | LivePerson `CONTROLLER` | [`System`](Role::System) |
//! | any other value | [`Unknown`](Role::Unknown) |
//!
//! LivePerson bots (such as the post-conversation survey bot) take part as `AGENT`; the webhook
//! does not tell them apart from people, so they map to [`Role::Agent`].
//!
//! An audience value this version does not know counts as [`Audience::AgentsOnly`]: a connector
//! that forwards messages to the consumer errs on the side of not forwarding.

pub(crate) mod genesys;
mod iter;
pub(crate) mod liveperson;
mod snapshot;

use std::fmt;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::genesys::{ChatStateChangeMessage, MessageItem};
use crate::liveperson::{ConversationChange, MessagingChange};

pub(crate) use genesys::snapshot_events as genesys_snapshot_events;
pub use iter::Events;
pub(crate) use liveperson::snapshot_events as liveperson_snapshot_events;
pub use snapshot::DialogKind;
pub(crate) use snapshot::Snapshot;

/// Which vendor sent an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Vendor {
    /// LivePerson Connector API webhooks.
    LivePerson,
    /// Genesys Web Services chat notifications.
    Genesys,
}

/// A participant's role, the same for both vendors (see the [mapping](self#roles)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Role {
    /// The customer.
    Consumer,
    /// A human agent.
    Agent,
    /// A bot or automated participant.
    Bot,
    /// A manager or supervisor.
    Manager,
    /// The platform itself.
    System,
    /// A role this version does not map; the vendor's value is in the source item.
    Unknown,
}

/// Who may see an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Audience {
    /// Everyone, the consumer included.
    Everyone,
    /// Agents (and managers or supervisors) only: not to be shown to the consumer.
    AgentsOnly,
}

/// Where an event stands in its dialog: the vendor's own counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Position {
    /// LivePerson `sequence`, counted per dialog from 0.
    Sequence(i64),
    /// Genesys `index`, counted per chat from 1 (it may jump).
    Index(i64),
}

impl Position {
    /// The number, whichever vendor counted it.
    pub fn value(self) -> i64 {
        match self {
            Position::Sequence(n) | Position::Index(n) => n,
        }
    }
}

/// A participant of a conversation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Participant {
    /// The vendor's participant id, when sent.
    pub id: Option<String>,
    /// The role.
    pub role: Role,
    /// The display name, when sent (Genesys `nickname`).
    pub name: Option<String>,
}

impl Participant {
    /// A participant.
    pub fn new(id: Option<String>, role: Role, name: Option<String>) -> Self {
        Participant { id, role, name }
    }

    /// `true` when both are the same participant: same id and role.
    pub fn same_as(&self, other: &Participant) -> bool {
        self.id == other.id && self.role == other.role
    }
}

/// Who closed a conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum CloseReason {
    /// The consumer.
    Consumer,
    /// An agent.
    Agent,
    /// The platform.
    System,
    /// Not told, or a value this version does not map.
    Unknown,
}

/// What a delivery receipt says about the messages it lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum DeliveryStatus {
    /// Reached the recipient's side (LivePerson `ACCEPT`).
    Accepted,
    /// Read (`READ`).
    Read,
    /// Accessed (`ACCESS`).
    Accessed,
    /// Not accepted (`NACK`).
    NotAccepted,
    /// The recipient acted on structured content (`ACTION`).
    Acted,
    /// A secure form was viewed (`VIEWED`).
    Viewed,
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum EventKind {
    /// A text message.
    Message {
        /// The text.
        text: String,
    },
    /// A file was shared.
    FileShared {
        /// Where to fetch it (LivePerson `relativePath`; Genesys `attachment.uri`, else
        /// `attachment.path`), when told.
        location: Option<String>,
        /// The file type as written (LivePerson `fileType`: `PNG`, …; Genesys
        /// `attachment.mime`), when told.
        file_type: Option<String>,
        /// The caption, when sent.
        caption: Option<String>,
    },
    /// A URL was pushed to the consumer (Genesys `PushUrl`).
    UrlPushed {
        /// The URL.
        url: Option<String>,
    },
    /// Structured (rich) content: cards, carousels, quick replies, … The JSON is in the source.
    StructuredContent {
        /// The root element's `type` (`vertical`, `carousel`, …).
        element_type: Option<String>,
    },
    /// The sender started typing.
    TypingStarted,
    /// The sender stopped typing.
    TypingStopped,
    /// A delivery receipt for earlier messages of the same dialog.
    Delivery {
        /// What it says.
        status: DeliveryStatus,
        /// The positions of the messages it refers to.
        sequences: Vec<i64>,
    },
    /// A participant joined.
    ParticipantJoined {
        /// Who.
        participant: Participant,
    },
    /// A participant left.
    ParticipantLeft {
        /// Who.
        participant: Participant,
    },
    /// A participant's display name changed (Genesys `NicknameUpdated`).
    ParticipantRenamed {
        /// Who, with the new name as [`Participant::name`].
        participant: Participant,
    },
    /// The conversation opened (or was first seen open).
    ConversationOpened,
    /// The conversation moved to another skill.
    ConversationTransferred {
        /// The skill before, when known.
        from_skill: Option<String>,
        /// The skill now, when known.
        to_skill: Option<String>,
    },
    /// The conversation closed.
    ConversationClosed {
        /// Who closed it.
        reason: CloseReason,
    },
    /// Anything without a neutral equivalent; [`ChatEvent::source`] holds the vendor item.
    Unknown,
}

/// The vendor item an event came from, borrowed from the notification or owned (in the
/// [`tracker`](crate::tracker)).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Source<'a> {
    /// A LivePerson messaging change (`body.changes[]` of `ms.MessagingEventNotification`).
    LivePersonMessaging(Item<'a, MessagingChange>),
    /// A LivePerson conversation snapshot (`body.changes[]` of
    /// `cqm.ExConversationChangeNotification`).
    LivePersonConversation(Item<'a, ConversationChange>),
    /// A Genesys transcript message (`messages[]` of `MessageLogUpdated`).
    GenesysMessage(Item<'a, MessageItem>),
    /// A Genesys `ChatStateChangeMessage`.
    GenesysChatState(Item<'a, ChatStateChangeMessage>),
}

/// A vendor item: borrowed from the notification, or owned and shared by every event made from
/// it (a snapshot that tells many participants' joins gives many events of one item, which
/// hold one copy of it between them). Read it through `Deref`.
pub struct Item<'a, T>(ItemRef<'a, T>);

enum ItemRef<'a, T> {
    Borrowed(&'a T),
    Shared(Arc<T>),
}

impl<'a, T> Item<'a, T> {
    /// An item borrowed from a notification.
    pub fn borrowed(item: &'a T) -> Self {
        Item(ItemRef::Borrowed(item))
    }

    /// An owned item.
    pub fn owned(item: T) -> Item<'static, T> {
        Item(ItemRef::Shared(Arc::new(item)))
    }

    /// The item, owned (copied when it is borrowed or shared with other events).
    pub fn into_inner(self) -> T
    where
        T: Clone,
    {
        match self.0 {
            ItemRef::Borrowed(item) => item.clone(),
            ItemRef::Shared(item) => Arc::unwrap_or_clone(item),
        }
    }

    /// The same item, owned: a borrowed item is copied, an owned one is shared.
    pub fn into_static(self) -> Item<'static, T>
    where
        T: Clone,
    {
        match self.0 {
            ItemRef::Borrowed(item) => Item::owned(item.clone()),
            ItemRef::Shared(item) => Item(ItemRef::Shared(item)),
        }
    }

    /// Where the item is: events of the same item have the same address.
    fn address(&self) -> *const T {
        &**self
    }
}

impl<T> std::ops::Deref for Item<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        match &self.0 {
            ItemRef::Borrowed(item) => item,
            ItemRef::Shared(item) => item,
        }
    }
}

impl<T> AsRef<T> for Item<'_, T> {
    fn as_ref(&self) -> &T {
        self
    }
}

impl<T> Clone for Item<'_, T> {
    /// Shares the item: no copy of it.
    fn clone(&self) -> Self {
        Item(match &self.0 {
            ItemRef::Borrowed(item) => ItemRef::Borrowed(item),
            ItemRef::Shared(item) => ItemRef::Shared(Arc::clone(item)),
        })
    }
}

impl<T: fmt::Debug> fmt::Debug for Item<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt(f)
    }
}

impl<T: PartialEq> PartialEq for Item<'_, T> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl<T: Serialize> Serialize for Item<'_, T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(s)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Item<'_, T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(d).map(|item| Item(ItemRef::Shared(Arc::new(item))))
    }
}

/// `From` a vendor item, borrowed or owned, for the [`Source`] variant that holds it.
macro_rules! source_from {
    ($($ty:ty => $variant:ident,)+) => {$(
        impl<'a> From<&'a $ty> for Source<'a> {
            fn from(item: &'a $ty) -> Self {
                Source::$variant(Item::borrowed(item))
            }
        }

        impl From<$ty> for Source<'_> {
            fn from(item: $ty) -> Self {
                Source::$variant(Item::owned(item))
            }
        }
    )+};
}

source_from! {
    MessagingChange => LivePersonMessaging,
    ConversationChange => LivePersonConversation,
    MessageItem => GenesysMessage,
    ChatStateChangeMessage => GenesysChatState,
}

impl Source<'_> {
    /// The vendor.
    pub fn vendor(&self) -> Vendor {
        match self {
            Source::LivePersonMessaging(_) | Source::LivePersonConversation(_) => {
                Vendor::LivePerson
            }
            Source::GenesysMessage(_) | Source::GenesysChatState(_) => Vendor::Genesys,
        }
    }

    /// The same item, owned.
    pub fn into_owned(self) -> Source<'static> {
        match self {
            Source::LivePersonMessaging(c) => Source::LivePersonMessaging(c.into_static()),
            Source::LivePersonConversation(c) => Source::LivePersonConversation(c.into_static()),
            Source::GenesysMessage(c) => Source::GenesysMessage(c.into_static()),
            Source::GenesysChatState(c) => Source::GenesysChatState(c.into_static()),
        }
    }

    fn address(&self) -> *const () {
        match self {
            Source::LivePersonMessaging(c) => c.address().cast(),
            Source::LivePersonConversation(c) => c.address().cast(),
            Source::GenesysMessage(c) => c.address().cast(),
            Source::GenesysChatState(c) => c.address().cast(),
        }
    }
}

/// The events, owned, with one copy of each vendor item for the consecutive events made from it
/// (the events of one snapshot): linear in the items' size, however many events each gives.
pub(crate) fn into_owned_sharing<'a>(
    events: impl IntoIterator<Item = ChatEvent<'a>>,
) -> impl Iterator<Item = ChatEvent<'static>> {
    let mut last: Option<(*const (), Source<'static>)> = None;
    events.into_iter().map(move |event| {
        let address = event.source.address();
        let source = match &last {
            Some((at, source)) if *at == address => source.clone(),
            _ => {
                let source = event.source.clone().into_owned();
                last = Some((address, source.clone()));
                source
            }
        };
        ChatEvent {
            kind: event.kind,
            conversation_id: event.conversation_id,
            dialog_id: event.dialog_id,
            position: event.position,
            time: event.time,
            sender: event.sender,
            audience: event.audience,
            source,
        }
    })
}

/// One vendor-neutral event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ChatEvent<'a> {
    /// What happened.
    pub kind: EventKind,
    /// The conversation (LivePerson `conversationId`, else `dialogId`; Genesys chat id).
    pub conversation_id: Option<String>,
    /// The dialog (LivePerson `dialogId`; Genesys chats have one dialog and no id).
    pub dialog_id: Option<String>,
    /// The vendor's counter, when the event has one.
    pub position: Option<Position>,
    /// When it happened, as the vendor tells.
    pub time: Option<DateTime<Utc>>,
    /// Who did it, when told.
    pub sender: Option<Participant>,
    /// Who may see it.
    pub audience: Audience,
    /// The vendor item it came from.
    pub source: Source<'a>,
}

impl<'a> ChatEvent<'a> {
    /// An event of `kind` from `source` (a vendor item, owned or borrowed), seen by everyone,
    /// with no conversation, dialog, position, time or sender; the `with_*` methods set them.
    /// It is how a handler of events is tested without JSON.
    ///
    /// ```
    /// use chatwire::events::{ChatEvent, EventKind, Participant, Position, Role};
    /// use chatwire::liveperson::{ContentEvent, MessagingChange};
    ///
    /// fn reply_to(event: &ChatEvent<'_>) -> Option<String> {
    ///     match (&event.kind, event.sender_role()) {
    ///         (EventKind::Message { text }, Some(Role::Consumer)) => Some(format!("you said {text}")),
    ///         _ => None,
    ///     }
    /// }
    ///
    /// let change = MessagingChange::new("d1", ContentEvent::text_plain("hi"));
    /// let event = ChatEvent::new(EventKind::Message { text: "hi".into() }, &change)
    ///     .with_conversation_id("c1")
    ///     .with_position(Position::Sequence(0))
    ///     .with_sender(Participant::new(Some("u1".into()), Role::Consumer, None));
    /// assert_eq!(reply_to(&event).as_deref(), Some("you said hi"));
    /// ```
    pub fn new(kind: EventKind, source: impl Into<Source<'a>>) -> Self {
        ChatEvent {
            kind,
            conversation_id: None,
            dialog_id: None,
            position: None,
            time: None,
            sender: None,
            audience: Audience::Everyone,
            source: source.into(),
        }
    }

    /// The same event in conversation `id`.
    pub fn with_conversation_id(mut self, id: impl Into<String>) -> Self {
        self.conversation_id = Some(id.into());
        self
    }

    /// The same event in dialog `id`.
    pub fn with_dialog_id(mut self, id: impl Into<String>) -> Self {
        self.dialog_id = Some(id.into());
        self
    }

    /// The same event at `position`.
    pub fn with_position(mut self, position: Position) -> Self {
        self.position = Some(position);
        self
    }

    /// The same event at `time`.
    pub fn with_time(mut self, time: DateTime<Utc>) -> Self {
        self.time = Some(time);
        self
    }

    /// The same event sent by `sender`.
    pub fn with_sender(mut self, sender: Participant) -> Self {
        self.sender = Some(sender);
        self
    }

    /// The same event for `audience`.
    pub fn with_audience(mut self, audience: Audience) -> Self {
        self.audience = audience;
        self
    }
}

impl ChatEvent<'_> {
    /// The vendor.
    pub fn vendor(&self) -> Vendor {
        self.source.vendor()
    }

    /// The sender's role, when the sender is known.
    pub fn sender_role(&self) -> Option<Role> {
        self.sender.as_ref().map(|s| s.role)
    }

    /// The message text of a [`EventKind::Message`].
    pub fn text(&self) -> Option<&str> {
        match &self.kind {
            EventKind::Message { text } => Some(text),
            _ => None,
        }
    }

    /// `true` for events only agents may see.
    pub fn is_private(&self) -> bool {
        self.audience == Audience::AgentsOnly
    }

    /// The same event, owning its source item (to keep it beyond the notification).
    pub fn into_owned(self) -> ChatEvent<'static> {
        ChatEvent {
            kind: self.kind,
            conversation_id: self.conversation_id,
            dialog_id: self.dialog_id,
            position: self.position,
            time: self.time,
            sender: self.sender,
            audience: self.audience,
            source: self.source.into_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{genesys, liveperson};

    /// Every event type, content type and transcript item type the crate models has a row of
    /// its own in the mapping tables of these docs (named in the row's first cell), and every
    /// Genesys `messageType` is named in them: a new one is a test failure until documented.
    #[test]
    fn every_modelled_vendor_tag_is_in_the_mapping_docs() {
        let docs: Vec<&str> = include_str!("mod.rs")
            .lines()
            .filter_map(|l| l.strip_prefix("//!"))
            .collect();
        let first_cells: Vec<&str> = docs
            .iter()
            .filter_map(|l| l.trim().strip_prefix('|')?.split('|').next())
            .collect();
        let rows = [
            liveperson::Event::KNOWN,
            liveperson::ContentType::KNOWN,
            genesys::MessageItemType::KNOWN,
        ];
        let mut missing: Vec<&str> = rows
            .concat()
            .into_iter()
            .filter(|tag| !first_cells.iter().any(|c| c.contains(&format!("`{tag}`"))))
            .collect();
        let docs = docs.join("\n");
        missing.extend(
            genesys::Data::KNOWN
                .iter()
                .filter(|tag| !docs.contains(&format!("`{tag}`"))),
        );
        assert!(missing.is_empty(), "not in the mapping docs: {missing:?}");
    }
}
