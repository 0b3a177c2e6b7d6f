#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

#[macro_use]
mod macros;

mod any;
mod error;
pub mod events;
pub mod genesys;
pub mod json;
pub mod liveperson;
pub mod tracker;
mod validation;

// Entry points for the differential fuzz target only; `cargo fuzz` sets `cfg(fuzzing)`.
#[cfg(fuzzing)]
#[doc(hidden)]
pub mod fuzzing;

pub use any::{AnyNotification, detect_vendor, parse_any, parse_any_slice};
pub use error::{ParseError, ParseErrorKind};
pub use liveperson::{
    Notification, parse_notification, parse_notification_slice, validate_notification,
    validate_notification_with,
};
pub use validation::{Issue, Rule, Severity, ValidationOptions, ValidationReport};
