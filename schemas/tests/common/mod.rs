//! Helpers shared by the schema tests.
#![allow(dead_code)]

pub(crate) mod schema;
