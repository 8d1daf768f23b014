//! Bundles every policy edition: scans `src/policy/editions/*.json` (not
//! `*.cases.json`) and writes `$OUT_DIR/editions.rs` with one `include_str!`
//! per edition and its cases file. Adding an edition is dropping a file in.
//!
//! For wasm32 the named cases and the notice's original text are left out: the widget's trainer
//! fetches them on demand from `<edition>.extras.json` beside the module (written by
//! `scripts/build.sh`), which keeps them out of the first load. The wasm32 bundle also holds the
//! edition without the whitespace between tokens; every bundle carries the sha256 of the file's
//! exact bytes (the edition's content hash), so the browser need not hash. Sample editions
//! (`"sample": true`) are left out of the wasm32 bundle: the loader fetches them on demand.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;
use sha2::{Digest, Sha256};

/// The JSON text without whitespace between tokens (strings kept byte for byte).
fn minify_json(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            in_string = c == '"';
            out.push(c);
        }
    }
    out
}

/// One `EditionFacts` literal: what the start screen's header shows of an edition. An edition
/// that does not read is left to the edition loader to report (the start module then defers to
/// the full widget, which says what is wrong).
fn edition_facts(name: &str, bytes: &[u8]) -> String {
    let Ok(v) = serde_json::from_slice::<Value>(bytes) else {
        return String::new();
    };
    let s = |v: &Value| format!("{:?}", v.as_str().unwrap_or(""));
    let text = |v: &Value| format!("({}, {})", s(&v["zh"]), s(&v["en"]));
    let date = |v: &Value| {
        let mut parts = v
            .as_str()
            .unwrap_or("")
            .splitn(3, '-')
            .map(|p| p.parse::<u32>().unwrap_or(0));
        let (y, m, d) = (
            parts.next().unwrap_or(0),
            parts.next().unwrap_or(0),
            parts.next().unwrap_or(0),
        );
        format!("({y}, {m}, {d})")
    };
    let documents: Vec<String> = v["documents"]
        .as_array()
        .map(|docs| {
            docs.iter()
                .map(|d| format!("({}, {})", s(&d["id"]), text(&d["title"])))
                .collect()
        })
        .unwrap_or_default();
    format!(
        "    super::EditionFacts {{ id: {name:?}, sample: {sample}, title: {title}, document_number: {number}, documents: &[{documents}], valid_from: {from}, valid_until: {until} }},\n",
        sample = v["sample"] == Value::Bool(true),
        title = text(&v["title"]),
        number = s(&v["document_number"]),
        documents = documents.join(", "),
        from = date(&v["valid_from"]),
        until = date(&v["valid_until"]),
    )
}

fn main() {
    let dir = Path::new("src/policy/editions");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = Vec::new();
    if let Ok(entries) = fs::read_dir(dir) {
        for entry in entries.flatten() {
            let file = entry.file_name().to_string_lossy().into_owned();
            println!("cargo:rerun-if-changed={}", dir.join(&file).display());
            if let Some(stem) = file.strip_suffix(".json") {
                if !stem.ends_with(".cases") {
                    names.push(stem.to_string());
                }
            }
        }
    }
    names.sort();
    let extras_bundled = env::var("CARGO_CFG_TARGET_ARCH").as_deref() != Ok("wasm32");
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into()));
    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR is set by cargo"));
    let mut out = String::from("pub(super) static BUNDLED: &[super::Bundled] = &[\n");
    // Issue 17: the start screen's few facts per edition as plain Rust data, so the start module
    // (feature `start`) shows the header without parsing JSON (policy::facts).
    let mut facts = String::from("pub(super) static FACTS: &[super::EditionFacts] = &[\n");
    for name in &names {
        // Paths in the generated code are relative to env!() roots, never absolute: a target dir
        // copied to another checkout (a worktree seeded from a built one) must still build.
        let json_path = root.join(dir).join(format!("{name}.json"));
        let mut json =
            format!("concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/src/policy/editions/{name}.json\")");
        let bytes = fs::read(&json_path).expect("read edition");
        // A sample edition (`"sample": true`) is not part of the widget's first load: the loader
        // fetches it from `<edition>.extras.json` when a host names it (scripts/build.sh).
        if !extras_bundled && String::from_utf8_lossy(&bytes).contains("\"sample\": true") {
            continue;
        }
        facts.push_str(&edition_facts(name, &bytes));
        let sha256: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        if !extras_bundled {
            let text = String::from_utf8(bytes).expect("edition is UTF-8");
            let min = out_dir.join(format!("{name}.min.json"));
            fs::write(&min, minify_json(&text)).expect("write minified edition");
            json = format!("concat!(env!(\"OUT_DIR\"), \"/{name}.min.json\")");
        }
        let cases = root.join(dir).join(format!("{name}.cases.json"));
        let original = root.join(dir).join(format!("{name}.original.txt"));
        let original_expr = if extras_bundled && original.exists() {
            format!("Some(include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/src/policy/editions/{name}.original.txt\")))")
        } else {
            "None".to_string()
        };
        let cases_expr = if extras_bundled && cases.exists() {
            format!("Some(include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/src/policy/editions/{name}.cases.json\")))")
        } else {
            "None".to_string()
        };
        out.push_str(&format!(
            "    super::Bundled {{ name: {name:?}, json: include_str!({json}), sha256: {sha256:?}, cases_json: {cases_expr}, original: {original_expr} }},\n"
        ));
    }
    out.push_str("];\n");
    fs::write(out_dir.join("editions.rs"), out).expect("write editions.rs");
    facts.push_str("];\n");
    fs::write(out_dir.join("edition_facts.rs"), facts).expect("write edition_facts.rs");
}
