//! Shared checks of the crate's JSON Schemas (draft 2020-12).

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use jsonschema::Validator;
use serde_json::{Value, json};

/// A schema file of the crate, read and compiled once.
pub(crate) struct SchemaFile {
    pub(crate) path: &'static str,
    pub(crate) doc: Value,
    pub(crate) validator: Validator,
}

impl SchemaFile {
    /// Reads `path` (relative to the repository root) and compiles it as draft 2020-12.
    pub(crate) fn load(path: &'static str) -> Self {
        let full = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/..")).join(path);
        let text = fs::read_to_string(&full)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", full.display()));
        let doc: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path} is not JSON: {e}"));
        let validator = jsonschema::draft202012::new(&doc)
            .unwrap_or_else(|e| panic!("{path} does not compile: {e} (at {})", e.instance_path));
        SchemaFile {
            path,
            doc,
            validator,
        }
    }

    /// A validator for `sub`, a subschema (its `$ref`s resolved against `$defs`).
    pub(crate) fn validator_for(&self, sub: &Value) -> Validator {
        let mut doc = sub.clone();
        let map = doc.as_object_mut().expect("a subschema object");
        map.insert("$schema".to_owned(), self.doc["$schema"].clone());
        map.insert("$defs".to_owned(), self.doc["$defs"].clone());
        jsonschema::draft202012::new(&doc)
            .unwrap_or_else(|e| panic!("subschema {sub} does not compile: {e}"))
    }

    /// A validator for one `$defs` entry.
    pub(crate) fn validator_for_def(&self, name: &str) -> Validator {
        self.validator_for(&json!({"$ref": format!("#/$defs/{name}")}))
    }

    /// `$defs[name]`.
    pub(crate) fn def(&self, name: &str) -> &Value {
        self.doc["$defs"]
            .get(name)
            .unwrap_or_else(|| panic!("$defs/{name} is missing"))
    }

    /// The `const` values of the `if` conditions on `tag` in `allOf` of `$defs[name]`.
    pub(crate) fn dispatched(&self, name: &str, tag: &str) -> Vec<String> {
        self.def(name)["allOf"]
            .as_array()
            .unwrap_or_else(|| panic!("$defs/{name} has no allOf"))
            .iter()
            .filter_map(|branch| {
                branch["if"]["properties"][tag]["const"]
                    .as_str()
                    .map(str::to_owned)
            })
            .collect()
    }

    /// The `$defs` entry each branch of `$defs[name]`'s dispatch on `tag` refers to, by tag
    /// value, in order.
    pub(crate) fn dispatched_defs(&self, name: &str, tag: &str) -> Vec<(String, String)> {
        self.def(name)["allOf"]
            .as_array()
            .unwrap_or_else(|| panic!("$defs/{name} has no allOf"))
            .iter()
            .filter_map(|branch| {
                let value = branch["if"]["properties"][tag]["const"].as_str()?;
                let target = branch["then"]["$ref"]
                    .as_str()
                    .and_then(|r| r.strip_prefix("#/$defs/"))
                    .unwrap_or_else(|| panic!("$defs/{name}: the `{value}` branch has no $ref"));
                Some((value.to_owned(), target.to_owned()))
            })
            .collect()
    }

    /// Problems when the dispatch of `$defs[name]` on `tag` does not have one branch per
    /// variant of a crate's tagged enum, in order, each to a `$defs` entry with exactly that
    /// variant's wire fields (`fields_by_tag`, the enum's `FIELDS_BY_TAG`).
    pub(crate) fn dispatch_mismatches(
        &self,
        name: &str,
        tag: &str,
        fields_by_tag: &[(&str, &[&str])],
    ) -> Vec<String> {
        let defs = self.dispatched_defs(name, tag);
        let in_schema: Vec<&str> = defs.iter().map(|(t, _)| t.as_str()).collect();
        let in_model: Vec<&str> = fields_by_tag.iter().map(|(t, _)| *t).collect();
        let mut problems = Vec::new();
        if in_schema != in_model {
            problems.push(format!(
                "$defs/{name} dispatches {in_schema:?} on `{tag}`, the crate {in_model:?}"
            ));
        }
        for (value, target) in &defs {
            if let Some((_, fields)) = fields_by_tag.iter().find(|(t, _)| t == value) {
                problems.extend(self.fields_mismatch(target, fields));
            }
        }
        problems
    }

    /// The `$defs` entries with `properties` that are none of `checked`: an object added to the
    /// schema must be compared with the crate (or named as an exception with its reason).
    pub(crate) fn unchecked_objects(&self, checked: &[&str]) -> Vec<String> {
        self.doc["$defs"]
            .as_object()
            .expect("$defs")
            .iter()
            .filter(|(name, def)| {
                def.get("properties").is_some() && !checked.contains(&name.as_str())
            })
            .map(|(name, _)| format!("$defs/{name}: an object no test compares with the crate"))
            .collect()
    }

    /// A problem when `$defs[name]`'s properties are not exactly the model's wire `fields`.
    pub(crate) fn fields_mismatch(&self, name: &str, fields: &[&str]) -> Option<String> {
        let props = self.def(name)["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("$defs/{name} has no properties"));
        let in_schema: BTreeSet<&str> = props.keys().map(String::as_str).collect();
        let in_model: BTreeSet<&str> = fields.iter().copied().collect();
        (in_schema != in_model).then(|| {
            format!(
                "$defs/{name}: only in the schema {:?}, only in the model {:?}",
                in_schema.difference(&in_model).collect::<Vec<_>>(),
                in_model.difference(&in_schema).collect::<Vec<_>>()
            )
        })
    }

    /// Problems when the open enum `$defs[name]` does not document exactly the crate's `known`
    /// values (in `anyOf[0].enum` and in `examples`), or rejects an unknown string.
    pub(crate) fn enum_mismatches(&self, name: &str, known: &[&str]) -> Vec<String> {
        let mut problems = Vec::new();
        let documented: Vec<&str> = self.def(name)["anyOf"][0]["enum"]
            .as_array()
            .unwrap_or_else(|| {
                panic!("$defs/{name} does not list its known values in anyOf[0].enum")
            })
            .iter()
            .map(|v| {
                v.as_str()
                    .unwrap_or_else(|| panic!("$defs/{name}: non-string enum value {v}"))
            })
            .collect();
        if documented != known {
            problems.push(format!(
                "$defs/{name}: schema documents {documented:?}, the crate knows {known:?}"
            ));
        }
        // The examples are the known values too, so that a value added to one list and not
        // the other is caught.
        if self.def(name).get("examples") != Some(&json!(known)) {
            problems.push(format!(
                "$defs/{name}: `examples` is not the crate's known values {known:?}"
            ));
        }
        if !self
            .validator_for_def(name)
            .is_valid(&json!("SOME_FUTURE_VALUE"))
        {
            problems.push(format!("$defs/{name} rejects an unknown value"));
        }
        problems
    }

    /// Asserts that the schema declares draft 2020-12 and the given `$id`, is valid against the
    /// 2020-12 meta-schema (bundled with `jsonschema`, no network) and compiles.
    pub(crate) fn assert_valid_2020_12(&self, id: &str) {
        assert_eq!(
            self.doc["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        assert_eq!(self.doc["$id"], id);
        let meta = jsonschema::draft202012::new(
            &json!({"$ref": "https://json-schema.org/draft/2020-12/schema"}),
        )
        .expect("the draft 2020-12 meta-schema is bundled with jsonschema");
        let errors: Vec<String> = meta
            .iter_errors(&self.doc)
            .map(|e| format!("`{}`: {e}", e.instance_path))
            .collect();
        assert!(
            errors.is_empty(),
            "{} is not a valid 2020-12 schema:\n{}",
            self.path,
            errors.join("\n")
        );
    }

    /// Asserts that no object is closed (unknown fields must be accepted), every `$ref` names a
    /// `$defs` entry, every entry is used (or listed in `entry_points`), and every property and
    /// entry has a description.
    pub(crate) fn assert_open_and_documented(&self, entry_points: &[&str]) {
        let defs = self.doc["$defs"].as_object().expect("$defs is an object");
        let mut problems = Vec::new();
        let mut used = BTreeSet::new();
        walk(&self.doc, String::new(), &mut |pointer, v| {
            let Value::Object(map) = v else { return };
            if map.get("additionalProperties") == Some(&Value::Bool(false))
                || map.get("unevaluatedProperties") == Some(&Value::Bool(false))
            {
                problems.push(format!(
                    "{pointer}: closes the object; unknown fields must be accepted"
                ));
            }
            if let Some(Value::String(r)) = map.get("$ref") {
                match r.strip_prefix("#/$defs/") {
                    Some(name) if defs.contains_key(name) => {
                        used.insert(name.to_owned());
                    }
                    _ => {
                        problems.push(format!("{pointer}: `$ref` {r} does not name a $defs entry"))
                    }
                }
            }
            if let Some(Value::Object(props)) = map.get("properties") {
                for (name, prop) in props {
                    // Properties inside `if` conditions only match a tag; the rest are fields.
                    let is_condition = pointer.ends_with("/if");
                    let documented = prop
                        .get("description")
                        .and_then(Value::as_str)
                        .is_some_and(|d| !d.trim().is_empty());
                    if !is_condition && !documented {
                        problems.push(format!("{pointer}/properties/{name}: no description"));
                    }
                }
            }
        });
        for (name, d) in defs {
            if !used.contains(name) && !entry_points.contains(&name.as_str()) {
                problems.push(format!("/$defs/{name}: never referenced"));
            }
            if d.get("description")
                .and_then(Value::as_str)
                .is_none_or(|s| s.trim().is_empty())
            {
                problems.push(format!("/$defs/{name}: no description"));
            }
        }
        assert!(
            problems.is_empty(),
            "{}:\n{}",
            self.path,
            problems.join("\n")
        );
    }
}

/// Every error of `validator` for `instance`, one line each with its instance path.
pub(crate) fn errors_of(validator: &Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| {
            format!(
                "instance path `{}`: {e} (schema path `{}`)",
                e.instance_path, e.schema_path
            )
        })
        .collect()
}

/// A crate error path (`body.changes[0].event`, `[1].channel`, `userData["a.b"]`, empty for
/// the root) as a JSON pointer (`/body/changes/0/event`).
pub(crate) fn pointer_of(path: &str) -> String {
    let mut pointer = String::new();
    let mut rest = path;
    while !rest.is_empty() {
        let segment;
        if let Some(after) = rest.strip_prefix("[\"") {
            // A quoted key: a JSON string up to the matching `"]`.
            let mut de = serde_json::Deserializer::from_str(&rest[1..]).into_iter::<String>();
            segment = de
                .next()
                .and_then(Result::ok)
                .unwrap_or_else(|| panic!("bad key in path {path}"));
            rest = &after[de.byte_offset() - 1..];
            rest = rest
                .strip_prefix(']')
                .unwrap_or_else(|| panic!("bad key in path {path}"));
        } else if let Some(after) = rest.strip_prefix('[') {
            let end = after
                .find(']')
                .unwrap_or_else(|| panic!("bad index in path {path}"));
            segment = after[..end].to_owned();
            rest = &after[end + 1..];
        } else {
            let rest_no_dot = rest.strip_prefix('.').unwrap_or(rest);
            let end = rest_no_dot.find(['.', '[']).unwrap_or(rest_no_dot.len());
            segment = rest_no_dot[..end].to_owned();
            rest = &rest_no_dot[end..];
        }
        pointer.push('/');
        pointer.push_str(&segment.replace('~', "~0").replace('/', "~1"));
    }
    pointer
}

/// Visits `v` and every value nested in it, with its JSON pointer.
pub(crate) fn walk<'a>(v: &'a Value, pointer: String, f: &mut impl FnMut(&str, &'a Value)) {
    f(&pointer, v);
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                walk(
                    x,
                    format!("{pointer}/{}", k.replace('~', "~0").replace('/', "~1")),
                    f,
                );
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                walk(x, format!("{pointer}/{i}"), f);
            }
        }
        _ => {}
    }
}
