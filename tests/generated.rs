//! The answers file's JSON Schema and the field table of ANSWERS.md are generated from the
//! edition's declarations of its fields (`policy::generate`). This test fails when the committed
//! files differ from what the generator gives; `UPDATE=1 cargo test --test generated` rewrites
//! them (as does `hrs-check generate schema` / `hrs-check generate fields`).

use hrs_widget::policy::{self, generate};

const SCHEMA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/src/engine/answers.schema.json"
);
const ANSWERS_MD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/engine/ANSWERS.md");

fn update() -> bool {
    std::env::var_os("UPDATE").is_some_and(|v| v == "1")
}

#[test]
fn the_committed_answers_schema_is_the_generated_one() {
    let e = policy::default_edition().expect("edition");
    let want = generate::answers_schema(&e);
    let have = std::fs::read_to_string(SCHEMA).unwrap_or_default();
    if update() && have != want {
        std::fs::write(SCHEMA, &want).expect("write the schema");
        return;
    }
    assert!(
        have == want,
        "src/engine/answers.schema.json differs from the edition's declarations: run `UPDATE=1 cargo test --test generated`"
    );
}

#[test]
fn the_committed_field_table_is_the_generated_one() {
    let e = policy::default_edition().expect("edition");
    let doc = std::fs::read_to_string(ANSWERS_MD).unwrap_or_default();
    let want = generate::splice_fields(&doc, &generate::answers_fields_markdown(&e))
        .expect("ANSWERS.md has the generated-fields markers");
    if update() && doc != want {
        std::fs::write(ANSWERS_MD, &want).expect("write ANSWERS.md");
        return;
    }
    assert!(
        doc == want,
        "the field table of src/engine/ANSWERS.md differs from the edition's declarations: run `UPDATE=1 cargo test --test generated`"
    );
}

#[test]
fn every_declared_field_is_in_the_schema_and_the_table() {
    let e = policy::default_edition().expect("edition");
    let schema: serde_json::Value =
        serde_json::from_str(&generate::answers_schema(&e)).expect("JSON");
    let table = generate::answers_fields_markdown(&e);
    for q in e.all_questions() {
        assert!(table.contains(&format!("| `{}` |", q.path)), "{}", q.path);
        let Some((kind, rest)) = q.path.split_once('.') else {
            continue;
        };
        let top = rest.split(['[', '.']).next().unwrap_or(rest);
        assert!(
            schema["$defs"][kind]["properties"].get(top).is_some(),
            "{}",
            q.path
        );
    }
}

#[test]
fn hrs_check_generate_prints_the_same() {
    let run = |what: &str| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_hrs-check"))
            .args(["generate", what])
            .output()
            .expect("runs");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).expect("UTF-8")
    };
    let e = policy::default_edition().expect("edition");
    assert_eq!(run("schema"), generate::answers_schema(&e));
    assert_eq!(
        run("fields"),
        format!("{}\n", generate::answers_fields_markdown(&e))
    );
}
