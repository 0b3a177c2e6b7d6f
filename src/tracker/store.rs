//! The conversations the tracker keeps, with the indexes that make eviction cheap.

use std::collections::{BTreeMap, BTreeSet};

use crate::events::Vendor;

use super::Conversation;

/// The conversations of both vendors, the LivePerson dialogs registered to them, and the
/// order of their activity. Only the first three fields are saved; the indexes are rebuilt
/// when a saved state is read.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Store {
    pub(crate) liveperson: BTreeMap<String, Conversation>,
    pub(crate) genesys: BTreeMap<String, Conversation>,
    /// LivePerson dialog id → conversation id, from snapshots.
    pub(crate) dialogs: BTreeMap<String, String>,
    /// `(touched, vendor, id)` of every conversation: the least recently active first.
    recency: BTreeSet<(u64, Vendor, String)>,
    /// LivePerson conversation id → the dialog ids registered to it in `dialogs`.
    registered: BTreeMap<String, BTreeSet<String>>,
}

impl Store {
    /// A store of saved conversations, with its indexes rebuilt.
    pub(crate) fn rebuild(
        liveperson: BTreeMap<String, Conversation>,
        genesys: BTreeMap<String, Conversation>,
        dialogs: BTreeMap<String, String>,
    ) -> Store {
        let mut store = Store {
            liveperson,
            genesys,
            dialogs: BTreeMap::new(),
            recency: BTreeSet::new(),
            registered: BTreeMap::new(),
        };
        for (vendor, map) in [
            (Vendor::LivePerson, &store.liveperson),
            (Vendor::Genesys, &store.genesys),
        ] {
            for (id, conversation) in map {
                store
                    .recency
                    .insert((conversation.touched, vendor, id.clone()));
            }
        }
        for (dialog, id) in dialogs {
            store.register(&dialog, &id);
        }
        store
    }

    pub(crate) fn map(&self, vendor: Vendor) -> &BTreeMap<String, Conversation> {
        match vendor {
            Vendor::LivePerson => &self.liveperson,
            Vendor::Genesys => &self.genesys,
        }
    }

    /// How many conversations, of both vendors.
    pub(crate) fn len(&self) -> usize {
        self.liveperson.len() + self.genesys.len()
    }

    /// The conversation a notification concerns, made if new, and marked active at `tick`.
    pub(crate) fn touch(&mut self, vendor: Vendor, id: &str, tick: u64) -> &mut Conversation {
        let map = match vendor {
            Vendor::LivePerson => &mut self.liveperson,
            Vendor::Genesys => &mut self.genesys,
        };
        let mut new = false;
        let conversation = map.entry(id.to_owned()).or_insert_with(|| {
            new = true;
            Conversation::new(vendor, id.to_owned())
        });
        if new || conversation.touched != tick {
            if !new {
                self.recency
                    .remove(&(conversation.touched, vendor, id.to_owned()));
            }
            self.recency.insert((tick, vendor, id.to_owned()));
            conversation.touched = tick;
        }
        conversation.seen_at = None;
        conversation
    }

    /// Records that a LivePerson dialog belongs to a conversation.
    pub(crate) fn register(&mut self, dialog: &str, id: &str) {
        if let Some(old) = self.dialogs.insert(dialog.to_owned(), id.to_owned())
            && old != id
            && let Some(dialogs) = self.registered.get_mut(&old)
        {
            dialogs.remove(dialog);
            if dialogs.is_empty() {
                self.registered.remove(&old);
            }
        }
        self.registered
            .entry(id.to_owned())
            .or_default()
            .insert(dialog.to_owned());
    }

    /// Drops a conversation, and the dialogs registered to it.
    pub(crate) fn take(&mut self, vendor: Vendor, id: &str) -> Option<Conversation> {
        let conversation = match vendor {
            Vendor::LivePerson => self.liveperson.remove(id),
            Vendor::Genesys => self.genesys.remove(id),
        }?;
        self.recency
            .remove(&(conversation.touched, vendor, id.to_owned()));
        self.unregister(vendor, id);
        Some(conversation)
    }

    /// Drops the least recently active conversation.
    pub(crate) fn take_least_recent(&mut self) -> Option<Conversation> {
        while let Some((_, vendor, id)) = self.recency.pop_first() {
            let conversation = match vendor {
                Vendor::LivePerson => self.liveperson.remove(&id),
                Vendor::Genesys => self.genesys.remove(&id),
            };
            if let Some(conversation) = conversation {
                self.unregister(vendor, &id);
                return Some(conversation);
            }
        }
        None
    }

    fn unregister(&mut self, vendor: Vendor, id: &str) {
        if vendor == Vendor::LivePerson
            && let Some(dialogs) = self.registered.remove(id)
        {
            for dialog in dialogs {
                self.dialogs.remove(&dialog);
            }
        }
    }
}
