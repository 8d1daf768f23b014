//! Documents generated from an edition's declarations of its answer fields (the `questions`):
//! the JSON Schema of the answers file and the field table of `ANSWERS.md`. Each field is
//! declared once, in the edition — path, type, label, help, unit, range, `ask_if` — and the
//! rules that read it are found from the rules themselves ([`Edition::rules_using`]).
//!
//! `hrs-check generate` writes both files; `tests/generated.rs` fails when the committed files
//! differ from what this gives (run it with `UPDATE=1` to rewrite them). Pure: strings in, strings
//! out.

use serde_json::{json, Map, Value};

use super::{Edition, Question, QuestionKind};

/// The number grammar of the answers reader (money, area, count) and "don't know": the reader's,
/// not the edition's (`src/engine/quantity.rs`; `tests/fidelity.rs` checks they agree).
const READER_DEFS: &str = include_str!("../engine/answers.reader-defs.json");

/// Where the generated field table sits in `ANSWERS.md`.
pub const FIELDS_BEGIN: &str =
    "<!-- fields: generated from the edition by `hrs-check generate`; do not edit by hand -->";
pub const FIELDS_END: &str = "<!-- /fields -->";

fn either(v: Value) -> Value {
    json!({"anyOf": [v, {"$ref": "#/$defs/dont_know"}, {"type": "null"}]})
}

fn described(mut v: Value, q: &Question) -> Value {
    let mut d = format!("{} / {}", q.label.en, q.label.zh);
    if let Some(u) = &q.unit {
        if !u.en.is_empty() {
            d.push_str(&format!(" ({})", u.en));
        }
    }
    if let Some(h) = &q.help {
        d.push_str(&format!(" — {}", h.en));
    }
    if let Value::Object(m) = &mut v {
        let mut out = Map::new();
        out.insert("description".into(), Value::String(d));
        out.extend(std::mem::take(m));
        *m = out;
    }
    v
}

fn ids(q: &Question) -> Vec<Value> {
    q.options
        .iter()
        .map(|o| Value::String(o.id.clone()))
        .collect()
}

/// The schema of one field (`column`: inside a table row, where text is a plain string).
fn field_schema(e: &Edition, q: &Question, column: bool) -> Value {
    let v = match q.kind {
        QuestionKind::Text if column => json!({"type": "string"}),
        QuestionKind::Text => either(json!({"type": "string"})),
        QuestionKind::YesNo => either(json!({"type": "boolean"})),
        QuestionKind::Date => either(json!({"type": "string", "format": "date"})),
        QuestionKind::Yuan => either(json!({"$ref": "#/$defs/money"})),
        QuestionKind::M2 => either(json!({"$ref": "#/$defs/area"})),
        QuestionKind::Count => either(json!({"$ref": "#/$defs/count"})),
        QuestionKind::Choice => either(json!({"enum": ids(q)})),
        QuestionKind::MultiChoice => either(json!({"type": "array", "items": {"enum": ids(q)}})),
        QuestionKind::Table => {
            let mut props = Map::new();
            for c in &q.columns {
                props.insert(leaf(&c.path).to_string(), field_schema(e, c, true));
            }
            json!({"type": "array", "items":
                {"type": "object", "additionalProperties": false, "properties": props}})
        }
        QuestionKind::Materials => {
            let ids: Vec<Value> = e
                .park
                .materials
                .iter()
                .map(|m| Value::String(m.id.clone()))
                .collect();
            json!({"type": "object", "propertyNames": {"enum": ids},
                "additionalProperties": {"enum": ["ready", "missing"]}})
        }
        QuestionKind::MeasureFlags => {
            // Keys are measure ids; an unknown one is a problem of the evaluation, not an error
            // of the file.
            json!({"type": "object", "additionalProperties": either(json!({"type": "boolean"}))})
        }
    };
    described(v, q)
}

/// The last step of a question path: `park.roster[].uscc` → `uscc`.
fn leaf(path: &str) -> &str {
    path.rsplit(['.', ']']).next().unwrap_or(path)
}

/// The JSON Schema of the answers file, from the edition's questions.
pub fn answers_schema(e: &Edition) -> String {
    let mut defs: Map<String, Value> =
        serde_json::from_str(READER_DEFS).unwrap_or_else(|_| Map::new());
    for (kind, qs) in [
        ("park", &e.questions.park),
        ("organisation", &e.questions.organisation),
    ] {
        let mut props = Map::new();
        for q in qs {
            props.insert(leaf(&q.path).to_string(), field_schema(e, q, false));
        }
        defs.insert(
            kind.into(),
            json!({"type": "object", "additionalProperties": false, "properties": props}),
        );
    }
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "hrs-answers-v1.schema.json",
        "title": "hrs-answers, version 1",
        "description": format!(
            "Answers for {} ({}), generated from the edition's questions by `hrs-check generate`. Every field is optional: absent or null = not answered; {{\"dont_know\": true}} = the user said don't know. See src/engine/ANSWERS.md.",
            e.document_number, e.id
        ),
        "type": "object",
        "required": ["format", "version", "kind"],
        "additionalProperties": false,
        "properties": {
            "format": {"const": "hrs-answers"},
            "version": {"const": 1, "description": "Version 0 files are migrated by the reader."},
            "kind": {"enum": ["park", "organisation"]},
            "park": {"$ref": "#/$defs/park"},
            "organisation": {"$ref": "#/$defs/organisation"}
        },
        "$defs": defs
    });
    let mut out = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b" ");
    let mut ser = serde_json::Serializer::with_formatter(&mut out, fmt);
    let _ = serde::Serialize::serialize(&schema, &mut ser);
    let mut s = String::from_utf8(out).unwrap_or_default();
    s.push('\n');
    s
}

fn type_words(e: &Edition, q: &Question) -> String {
    let unit = |s: &str| match &q.unit {
        Some(u) if !u.zh.is_empty() => format!("{s} ({})", u.zh),
        _ => s.to_string(),
    };
    match q.kind {
        QuestionKind::YesNo => "yes/no".into(),
        QuestionKind::Text => "text".into(),
        QuestionKind::Yuan => "元 (decimal)".into(),
        QuestionKind::M2 => "m² (decimal)".into(),
        QuestionKind::Count => match (q.min, q.max) {
            (Some(a), Some(b)) => unit(&format!("whole number {a}–{b}")),
            _ => unit("whole number"),
        },
        QuestionKind::Date => "YYYY-MM-DD".into(),
        QuestionKind::MultiChoice => format!("list of ids ({})", id_list(q)),
        QuestionKind::Choice => format!("id ({})", id_list(q)),
        QuestionKind::Table => "list of rows".into(),
        QuestionKind::Materials => format!(
            "map material id → ready/missing ({} ids)",
            e.park.materials.len()
        ),
        QuestionKind::MeasureFlags => "map measure id → yes/no".into(),
    }
}

fn id_list(q: &Question) -> String {
    q.options
        .iter()
        .map(|o| format!("`{}`", o.id))
        .collect::<Vec<_>>()
        .join(", ")
}

fn read_by(e: &Edition, q: &Question, table: Option<&Question>) -> String {
    if q.document_only {
        return "documents only".into();
    }
    let mut rules = e.rules_using(&q.path);
    if rules.is_empty() {
        if let Some(t) = table {
            rules = e.rules_using(&t.path);
        }
    }
    if rules.is_empty() {
        "—".into()
    } else {
        rules.join(", ")
    }
}

fn asked_when(q: &Question) -> String {
    match &q.ask_if {
        Some(a) => format!(
            "when `{}` is {}{}",
            a.path,
            if a.equals { "yes" } else { "no" },
            if a.or_unanswered {
                " or not answered"
            } else {
                ""
            }
        ),
        None => "always".into(),
    }
}

/// The field table of `ANSWERS.md` (both kinds), between [`FIELDS_BEGIN`] and [`FIELDS_END`].
pub fn answers_fields_markdown(e: &Edition) -> String {
    let mut s = String::new();
    s.push_str(FIELDS_BEGIN);
    s.push('\n');
    for (kind, qs) in [
        ("park", &e.questions.park),
        ("organisation", &e.questions.organisation),
    ] {
        s.push_str(&format!("\n### `{kind}`\n\n"));
        s.push_str("| path | type | question | asked | read by |\n|---|---|---|---|---|\n");
        for q in qs {
            row(&mut s, e, q, None);
            for c in &q.columns {
                row(&mut s, e, c, Some(q));
            }
        }
    }
    s.push('\n');
    s.push_str(FIELDS_END);
    s
}

fn row(s: &mut String, e: &Edition, q: &Question, table: Option<&Question>) {
    let cell = |t: &str| t.replace('|', "\\|");
    s.push_str(&format!(
        "| `{}` | {} | {} / {} | {} | {} |\n",
        q.path,
        cell(&type_words(e, q)),
        cell(&q.label.en),
        cell(&q.label.zh),
        asked_when(q),
        read_by(e, q, table)
    ));
}

/// `doc` with its generated field table replaced by `table` (or `None` when the markers are
/// missing).
pub fn splice_fields(doc: &str, table: &str) -> Option<String> {
    let a = doc.find(FIELDS_BEGIN)?;
    let b = doc[a..].find(FIELDS_END)? + a + FIELDS_END.len();
    Some(format!("{}{}{}", &doc[..a], table, &doc[b..]))
}
