//! Helpers shared by the integration tests.
#![allow(dead_code)]

// The JSON Schema helpers, for the tests the `chatwire-schemas` package runs from this folder
// (it sets `cfg(chatwire_schema_check)` and has jsonschema).
#[cfg(chatwire_schema_check)]
#[path = "../../schemas/tests/common/schema.rs"]
pub(crate) mod schema;

// The hostile variants of every fixture (also included by the crate's own equivalence test).
pub(crate) mod mutation_corpus;

use serde_json::Value;

/// splitmix64: a small, fixed, seeded generator (no dependency, same sequence everywhere).
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

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
