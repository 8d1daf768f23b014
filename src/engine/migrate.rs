//! Migration of older answers files to the current version.
//!
//! Version 0 (the first drafts of the widget) differs from version 1 in three
//! ways: the answers sit under `data` instead of `park` / `organisation`; an
//! explicit "don't know" is the string `"unknown"` instead of
//! `{"dont_know": true}`; and a few fields had other names (`area_m2`,
//! `registered_in_baotou`, `headquarters_in_baotou`, `employer_in_baotou`).

use serde_json::{Map, Value};

use super::answers::{AnswersError, ANSWERS_FORMAT, ANSWERS_VERSION};

const V0_RENAMES: &[(&str, &str)] = &[
    ("area_m2", "floor_area_m2"),
    ("registered_in_baotou", "registered_in_city"),
    ("headquarters_in_baotou", "headquarters_in_city"),
    ("employer_in_baotou", "employer_in_city"),
];

fn err(path: &str, message: impl Into<String>) -> AnswersError {
    AnswersError {
        path: path.into(),
        message: message.into(),
    }
}

/// Bring any supported answers value to the current version.
pub fn migrate(value: Value) -> Result<Value, AnswersError> {
    let Value::Object(obj) = value else {
        return Err(err("", "expected a JSON object"));
    };
    match obj.get("format") {
        Some(Value::String(s)) if s == ANSWERS_FORMAT => {}
        Some(other) => {
            return Err(err(
                "format",
                format!("expected \"{ANSWERS_FORMAT}\", found {other}"),
            ))
        }
        None => {
            return Err(err(
                "format",
                format!("missing; expected \"{ANSWERS_FORMAT}\""),
            ))
        }
    }
    let version = match obj.get("version") {
        Some(Value::Number(n)) => n.as_u64(),
        None => return Err(err("version", "missing")),
        Some(_) => None,
    };
    match version {
        Some(0) => Ok(Value::Object(v0_to_v1(obj)?)),
        Some(v) if v == u64::from(ANSWERS_VERSION) => Ok(Value::Object(obj)),
        _ => Err(err(
            "version",
            format!(
                "unsupported version {}; this build reads versions 0 to {ANSWERS_VERSION}",
                obj.get("version")
                    .map(|v| v.to_string())
                    .unwrap_or_default()
            ),
        )),
    }
}

fn v0_to_v1(mut obj: Map<String, Value>) -> Result<Map<String, Value>, AnswersError> {
    let kind = match obj.get("kind") {
        Some(Value::String(k)) if k == "park" || k == "organisation" => k.clone(),
        _ => return Err(err("kind", "expected \"park\" or \"organisation\"")),
    };
    let data = obj.remove("data").unwrap_or(Value::Object(Map::new()));
    let data = v0_value(data);
    obj.insert(kind, data);
    obj.insert("version".into(), Value::from(ANSWERS_VERSION));
    Ok(obj)
}

fn v0_value(v: Value) -> Value {
    match v {
        Value::String(s) if s == "unknown" => {
            let mut m = Map::new();
            m.insert("dont_know".into(), Value::Bool(true));
            Value::Object(m)
        }
        Value::Array(a) => Value::Array(a.into_iter().map(v0_value).collect()),
        Value::Object(m) => Value::Object(
            m.into_iter()
                .map(|(k, v)| {
                    let k = V0_RENAMES
                        .iter()
                        .find(|(old, _)| *old == k)
                        .map(|(_, new)| (*new).to_string())
                        .unwrap_or(k);
                    (k, v0_value(v))
                })
                .collect(),
        ),
        other => other,
    }
}
