//! [`Events`]: the one iterator type of every `events()` method.

use std::iter::FusedIterator;
use std::{slice, vec};

use super::{ChatEvent, Snapshot, genesys, liveperson};
use crate::genesys::MessageItem;
use crate::liveperson::{ChangeItem, ConversationChange, MessagingChange};

/// The vendor-neutral events of one notification, in order: what
/// [`liveperson::Notification::events`](crate::liveperson::Notification::events),
/// [`genesys::Notification::events`](crate::genesys::Notification::events) and
/// [`AnyNotification::events`](crate::AnyNotification::events) return.
///
/// A concrete type, not a boxed trait object: it is `Send` and `Sync`, so it can be held
/// across an `.await` in a spawned task. Messaging changes and transcript messages are
/// converted one at a time, as the iterator is advanced.
#[derive(Debug, Clone)]
pub struct Events<'a> {
    inner: Inner<'a>,
}

#[derive(Debug, Clone)]
enum Inner<'a> {
    /// LivePerson messaging changes, one event each (malformed ones none).
    Messaging(slice::Iter<'a, ChangeItem<MessagingChange>>),
    /// LivePerson conversation snapshots, each expanded to its events.
    Snapshots {
        changes: slice::Iter<'a, ChangeItem<ConversationChange>>,
        pending: vec::IntoIter<ChatEvent<'a>>,
    },
    /// Genesys transcript messages, one event each.
    Messages {
        chat_id: Option<String>,
        items: slice::Iter<'a, MessageItem>,
    },
    /// Events computed up front (a Genesys snapshot), or none.
    Listed(vec::IntoIter<ChatEvent<'a>>),
}

impl<'a> Events<'a> {
    pub(crate) fn messaging(changes: &'a [ChangeItem<MessagingChange>]) -> Self {
        Events {
            inner: Inner::Messaging(changes.iter()),
        }
    }

    pub(crate) fn snapshots(changes: &'a [ChangeItem<ConversationChange>]) -> Self {
        Events {
            inner: Inner::Snapshots {
                changes: changes.iter(),
                pending: Vec::new().into_iter(),
            },
        }
    }

    pub(crate) fn messages(chat_id: Option<String>, items: &'a [MessageItem]) -> Self {
        Events {
            inner: Inner::Messages {
                chat_id,
                items: items.iter(),
            },
        }
    }

    pub(crate) fn listed(events: Vec<ChatEvent<'a>>) -> Self {
        Events {
            inner: Inner::Listed(events.into_iter()),
        }
    }
}

impl<'a> Iterator for Events<'a> {
    type Item = ChatEvent<'a>;

    fn next(&mut self) -> Option<ChatEvent<'a>> {
        match &mut self.inner {
            Inner::Messaging(changes) => changes
                .find_map(ChangeItem::parsed)
                .map(liveperson::messaging_event),
            Inner::Snapshots { changes, pending } => loop {
                if let Some(event) = pending.next() {
                    return Some(event);
                }
                let change = changes.find_map(ChangeItem::parsed)?;
                let kinds = Snapshot::from_liveperson(change).events_alone();
                *pending = liveperson::snapshot_events(change, kinds).into_iter();
            },
            Inner::Messages { chat_id, items } => items
                .next()
                .map(|item| genesys::message_event(chat_id.clone(), item)),
            Inner::Listed(events) => events.next(),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match &self.inner {
            Inner::Messaging(changes) => (0, Some(changes.len())),
            Inner::Snapshots { changes, pending } => {
                let pending = pending.len();
                (pending, changes.as_slice().is_empty().then_some(pending))
            }
            Inner::Messages { items, .. } => items.size_hint(),
            Inner::Listed(events) => events.size_hint(),
        }
    }
}

impl FusedIterator for Events<'_> {}
