//! The common path in one import: parse a notification of either vendor, match on it,
//! validate it and read its vendor-neutral events.
//!
//! ```
//! use chatwire::prelude::*;
//!
//! let body = r#"{"kind":"notification","type":"ms.MessagingEventNotification",
//!   "body":{"changes":[{"sequence":0,"serverTimestamp":1528371161893,"dialogId":"5491244f",
//!   "originatorMetadata":{"id":"ade26082","role":"CONSUMER"},
//!   "event":{"type":"ContentEvent","message":"Hello","contentType":"text/plain"}}]}}"#;
//! let notification: AnyNotification = parse_any(body)?;
//! let report: ValidationReport = notification.validate();
//! assert!(report.is_valid(), "{report}");
//! assert_eq!(notification.vendor(), Vendor::LivePerson);
//! for event in notification.events() {
//!     if let EventKind::Message { text } = &event.kind {
//!         assert_eq!(event.sender_role(), Some(events::Role::Consumer));
//!         assert_eq!(text, "Hello");
//!     }
//! }
//! // The vendor modules come with it, for the vendor types.
//! if let AnyNotification::LivePerson(liveperson::Notification::MessagingEvent(n)) = &notification {
//!     assert_eq!(n.changes().count(), 1);
//! }
//! # Ok::<(), ParseError>(())
//! ```
//!
//! It is vendor-neutral and holds no name that a vendor module also defines, so either vendor
//! module can be glob-imported next to it:
//!
//! ```
//! use chatwire::prelude::*;
//! use chatwire::liveperson::*;
//!
//! # let json = include_str!("../tests/webhooks_examples/liveperson/002_dc_webhooks_consumer_text.json");
//! let n: Notification = parse_notification(json)?;
//! let role: Option<&Role> = n.messaging_changes().next().and_then(|c| c.originator_role());
//! assert_eq!(role, Some(&Role::Consumer));
//! assert!(validate_notification(&n).is_valid());
//! let events: Events<'_> = n.events();
//! assert_eq!(events.count(), 1);
//! # Ok::<(), ParseError>(())
//! ```
//!
//! ```
//! use chatwire::prelude::*;
//! use chatwire::genesys::*;
//!
//! # let json = include_str!("../tests/webhooks_examples/genesys/008_sendmessage_text.json");
//! let n: Notification = parse_notification(json)?;
//! assert!(validate_notification(&n).is_valid());
//! let Some(Data::MessageLogUpdated(log)) = &n.data else { panic!() };
//! assert_eq!(log.items()[0].item_type, Some(MessageItemType::Text));
//! let event: ChatEvent<'_> = n.events().next().unwrap();
//! assert_eq!(event.sender_role(), Some(events::Role::Agent));
//! # Ok::<(), ParseError>(())
//! ```
//!
//! The LivePerson entry points are also at the crate root ([`crate::parse_notification`],
//! [`crate::validate_notification`]).

pub use crate::events::{self, ChatEvent, EventKind, Events, Vendor};
pub use crate::tracker::ConversationTracker;
pub use crate::{
    AnyNotification, Issue, ParseError, Severity, ValidationReport, genesys, liveperson, parse_any,
    parse_any_slice,
};
