#![doc = include_str!("../README.md")]
//!
//! # API conventions
//!
//! - **Vendor types stay in their vendor's module**: [`liveperson`] and [`genesys`] both have a
//!   `Notification`, a `ChatState`, a `Participant`…, and [`events`] has the neutral `Role`,
//!   `Participant` and `CloseReason`. Name them through their module (`liveperson::Role`,
//!   `events::Role`), or glob-import one vendor module at a time. The root holds
//!   [`parse_notification`] (LivePerson) and its variants, [`validate_notification`]
//!   (LivePerson), [`parse_any`] with [`AnyNotification`], and the shared error and report
//!   types; [`prelude`] has the common path.
//! - **Fields are public**; methods add what a field does not say directly. A method named
//!   after a field or a property (`text()`, `chat_id()`, `details()`) is cheap: it neither
//!   allocates nor parses JSON. A method that does says so in its first lines, and is named
//!   `to_*` (a conversion: `to_datetime()`, `to_map()`, `to_event()`), `*_value` (a JSON
//!   tree: `content_value()`), or is documented with its cost (`RichContentEvent::element_type`,
//!   `genesys::UserData::get`).
//! - **Ids**: typed fields hold the id newtypes ([`liveperson::ConversationId`],
//!   [`genesys::ChatId`], …), which keep the string as sent; id *getters* return
//!   `Option<&str>`, borrowed (`ConversationChange::conversation_id()`,
//!   `MessagingChange::conversation_or_dialog_id()`, `genesys::Notification::chat_id()`), since
//!   some ids are derived from another field (a Genesys chat id from `chatPath`).
//! - **Enums**: the vendors' open string enums (`liveperson::Role`, `genesys::ChatState`, …) may
//!   hold a value this version does not know, as a string, so getters return them by reference
//!   (`originator_role() -> Option<&liveperson::Role>`, `content_type() -> Option<&ContentType>`).
//!   The neutral enums of [`events`] (`events::Role`, `events::CloseReason`, …) are `Copy` and
//!   returned by value (`sender_role() -> Option<events::Role>`). The two exceptions are
//!   computed, not read: `MessagingChange::subscription()` (always a known value) and
//!   `liveperson::Notification::notification_type()` (which says that it copies an unknown type).
//! - **Times**: every time accessor returns `chrono::DateTime<Utc>`: `time()` on changes,
//!   transcript messages and events, `to_datetime()` on the vendors' timestamps. Only
//!   `genesys::Timestamp::to_datetime_with_offset` keeps the sender's offset, as written.
//! - **Iterators** returned by the crate are concrete or `impl Iterator` types over borrowed
//!   data, never boxed trait objects: they are `Send` and `Sync` whenever their items are, so
//!   they can be held across an `.await` ([`events::Events`] for every `events()`).
//! - **Changing a payload**: `*_mut()` counterparts give mutable access where a getter looks
//!   through an enum (`messaging_changes_mut()`, `parsed_mut()`, `text_mut()`, `items_mut()`).
//!   A LivePerson change that does not fit the model is written back verbatim: drop it
//!   (`drop_malformed()`) or replace its JSON ([`liveperson::MalformedChange::replace_json`])
//!   before you serialize a redacted notification, or parse with [`parse_notification_strict`].
#![forbid(unsafe_code)]

#[macro_use]
mod macros;

mod any;
mod error;
pub mod events;
pub mod genesys;
pub mod json;
pub mod liveperson;
#[cfg(test)]
mod peek_tests;
pub mod prelude;
pub mod tracker;
mod validation;

// Entry points for the differential fuzz targets only (`cargo fuzz` sets `cfg(fuzzing)`), and
// the equivalence tests of the redundant parse paths and JSON walkers.
#[cfg(any(fuzzing, test))]
#[doc(hidden)]
pub mod fuzzing;

// The mutation corpus of `tests/mutations.rs`, shared so that the equivalence tests (which need
// crate-private paths) see the same documents.
#[cfg(test)]
#[path = "../tests/common/mutation_corpus.rs"]
mod mutation_corpus;

pub use any::{AnyNotification, detect_vendor, parse_any, parse_any_slice};
pub use error::{ParseError, ParseErrorKind};
pub use liveperson::{
    parse_notification, parse_notification_slice, parse_notification_strict,
    parse_notification_strict_slice, validate_notification, validate_notification_with,
};
pub use validation::{Issue, Rule, Severity, ValidationOptions, ValidationReport};
