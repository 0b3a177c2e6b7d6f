//! Tells the tests this package runs from the crate's `tests/` folder that jsonschema is here.

fn main() {
    println!("cargo::rustc-cfg=chatwire_schema_check");
}
