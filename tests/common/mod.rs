//! Helpers shared by the integration tests.
#![allow(dead_code)]

// The JSON Schema helpers, for the tests the `chatwire-schemas` package runs from this folder
// (it sets `cfg(chatwire_schema_check)` and has jsonschema).
#[cfg(chatwire_schema_check)]
#[path = "../../schemas/tests/common/schema.rs"]
pub(crate) mod schema;

// The hostile variants of every fixture (also included by the crate's own equivalence test).
pub(crate) mod mutation_corpus;
#[allow(unused_imports)] // Not every test uses it.
pub(crate) use mutation_corpus::Rng;

use serde_json::Value;

/// The JSON path of the first place where two values differ, or `None` when they are equal.
pub(crate) fn first_difference(expected: &Value, actual: &Value) -> Option<String> {
    fn walk(e: &Value, a: &Value, path: &mut String) -> Option<String> {
        match (e, a) {
            (Value::Object(eo), Value::Object(ao)) => {
                for (k, ev) in eo {
                    let len = path.len();
                    path.push('.');
                    path.push_str(k);
                    match ao.get(k) {
                        None => return Some(format!("{path} (missing in output)")),
                        Some(av) => {
                            if let Some(d) = walk(ev, av, path) {
                                return Some(d);
                            }
                        }
                    }
                    path.truncate(len);
                }
                ao.keys()
                    .find(|k| !eo.contains_key(*k))
                    .map(|k| format!("{path}.{k} (added in output)"))
            }
            (Value::Array(ea), Value::Array(aa)) => {
                if ea.len() != aa.len() {
                    return Some(format!("{path} (length {} vs {})", ea.len(), aa.len()));
                }
                for (i, (ev, av)) in ea.iter().zip(aa).enumerate() {
                    let len = path.len();
                    path.push_str(&format!("[{i}]"));
                    if let Some(d) = walk(ev, av, path) {
                        return Some(d);
                    }
                    path.truncate(len);
                }
                None
            }
            _ if e == a => None,
            _ => Some(format!("{path}: expected {e}, got {a}")),
        }
    }
    walk(expected, actual, &mut String::from("$"))
}

/// Parses, serializes and compares; panics with the differing path.
pub(crate) fn assert_lossless(json: &str) {
    let n = chatwire::parse_notification(json).unwrap_or_else(|e| panic!("{e}\n{json}"));
    let expected: Value = serde_json::from_str(json).unwrap();
    let actual = serde_json::to_value(&n).unwrap();
    if let Some(d) = first_difference(&expected, &actual) {
        panic!("round trip differs at {d}\n{json}");
    }
}
