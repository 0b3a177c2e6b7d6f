#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

#[macro_use]
mod macros;

mod error;
pub mod genesys;
pub mod json;
pub mod liveperson;
mod validation;

pub use error::{ParseError, ParseErrorKind};
pub use liveperson::{
    Notification, parse_notification, parse_notification_slice, validate_notification,
};
pub use validation::{Issue, Severity, ValidationReport};
