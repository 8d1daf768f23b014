//! One vocabulary for verdicts across the widget, the CLI and the documents (issue 10): the words
//! come from the core (`Verdict::words`, `Eligibility::words`), so none of the old variants
//! (未知, 待评审, 待评审判断, 由评审判断) and no internal id (`measures.3.brand`, `park · 第四条`,
//! `plan/measures/park =`, a raw sha256) reaches what people read: the CLI's text output and every
//! document of every shipped example, plus empty answers (everything to be confirmed).
#![cfg(feature = "docs")]

use std::io::{Cursor, Read};

use chrono::NaiveDate;
use hrs_widget::engine::{self, text, AnswerStore, AnswersKind};
use hrs_widget::package::{self, PackageInput};
use hrs_widget::policy::{self, Edition};

/// Old words for a verdict; the core says 待确认 / 由评审认定.
const OLD_WORDS: [&str; 4] = ["未知", "待评审", "由评审判断", "待评审判断"];

fn examples() -> Vec<(String, AnswerStore)> {
    let e = policy::default_edition().expect("edition");
    let dir = format!("{}/src/policy/examples", env!("CARGO_MANIFEST_DIR"));
    let mut out: Vec<(String, AnswerStore)> = std::fs::read_dir(&dir)
        .expect("examples")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("example");
            let name = p.file_stem().map(|s| s.to_string_lossy().into_owned());
            (
                name.unwrap_or_default(),
                AnswerStore::from_json(&e, &text).expect("valid answers"),
            )
        })
        .collect();
    for kind in ["park", "organisation"] {
        let empty =
            format!(r#"{{"format":"hrs-answers","version":1,"kind":"{kind}","{kind}":{{}}}}"#);
        out.push((
            format!("empty-{kind}"),
            AnswerStore::from_json(&e, &empty).expect("empty answers"),
        ));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 6, 30).expect("date")
}

/// An internal id: `measures.3`, `park.4`, `organisation.revenue`, `nodup.measures` — a prefix
/// followed by a digit or a lowercase letter, not inside a word or an address.
fn internal_ids(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for prefix in ["measures.", "park.", "organisation.", "nodup.", "plan."] {
        for (i, _) in text.match_indices(prefix) {
            let before = text[..i].chars().next_back();
            let after = text[i + prefix.len()..].chars().next();
            if !before.is_some_and(|c| c.is_ascii_alphanumeric() || "-/._@".contains(c))
                && after.is_some_and(|c| c.is_ascii_digit() || c.is_ascii_lowercase())
            {
                let end = text[i..]
                    .char_indices()
                    .nth(30)
                    .map_or(text.len(), |(j, _)| i + j);
                found.push(text[i..end].to_string());
            }
        }
    }
    for shape in ["park · 第", "plan/measures/park", "sha256"] {
        if text.contains(shape) {
            found.push(shape.to_string());
        }
    }
    found
}

fn old_words(text: &str) -> Vec<&'static str> {
    OLD_WORDS.into_iter().filter(|w| text.contains(w)).collect()
}

/// The text of every XML part of a .docx / .xlsx, tags dropped.
fn office_text(bytes: &[u8]) -> String {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut out = String::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).expect("part");
        if !f.name().ends_with(".xml") || f.name().contains("docProps") {
            // Document properties carry the edition's hash on purpose (for the record).
            continue;
        }
        let mut s = String::new();
        f.read_to_string(&mut s).expect("utf-8 xml");
        let mut in_tag = false;
        for c in s.chars() {
            match c {
                '<' => in_tag = true,
                '>' => {
                    in_tag = false;
                    out.push(' ');
                }
                _ if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.push('\n');
    }
    out
}

#[test]
fn the_cli_text_uses_the_cores_words_and_shows_no_internal_id() {
    let e: Edition = policy::default_edition().expect("edition");
    let mut failures = Vec::new();
    for (name, answers) in examples() {
        let o = engine::evaluate(&e, &answers, as_of());
        for lang in ["zh", "en"] {
            let out = text::render_for(&o, Some(&e), lang);
            let words = old_words(&out);
            let ids = internal_ids(&out);
            if !words.is_empty() || !ids.is_empty() {
                failures.push(format!("{name} ({lang}): old words {words:?}, ids {ids:?}"));
            }
            // The verdicts are the core's words, in brackets.
            if lang == "zh" && out.contains('[') {
                assert!(
                    out.contains("[符合]")
                        || out.contains("[待确认]")
                        || out.contains("[可享受]")
                        || out.contains("[不可享受]")
                        || out.contains("[不符合]"),
                    "{name}: {out}"
                );
            }
            // The headline comes first, as on the screen.
            assert!(out.contains(o.headline.text.get(lang)), "{name}: {out}");
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn no_document_uses_an_old_verdict_word_or_shows_an_internal_id() {
    let e: Edition = policy::default_edition().expect("edition");
    let generated = as_of().and_hms_opt(9, 30, 0).expect("time");
    let mut failures = Vec::new();
    for (name, answers) in examples() {
        let outcome = engine::evaluate(&e, &answers, as_of());
        let input = PackageInput {
            edition: &e,
            answers: &answers,
            outcome: &outcome,
            widget_version: "0.1.0-test",
            generated_at: generated,
        };
        let files = match answers.kind() {
            AnswersKind::Park => package::park_files(&input),
            AnswersKind::Organisation => package::organisation_files(&input),
        }
        .expect("package");
        for f in files {
            let body = if f.name.ends_with(".docx") || f.name.ends_with(".xlsx") {
                office_text(&f.bytes)
            } else if f.name.ends_with(".json") {
                // The answers file is data for the widget, not a document people read.
                continue;
            } else {
                // The package's 说明.txt names the edition's full content hash for checking
                // (labelled "版本内容哈希 (sha256)"): that is a record, not an id in a sentence.
                String::from_utf8_lossy(&f.bytes).replace("(sha256)", "")
            };
            let words = old_words(&body);
            let ids = internal_ids(&body);
            if !words.is_empty() || !ids.is_empty() {
                failures.push(format!(
                    "{name}/{}: old words {words:?}, ids {ids:?}",
                    f.name
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn non_duplication_is_explained_with_the_numbers() {
    let e: Edition = policy::default_edition().expect("edition");
    let (_, answers) = examples()
        .into_iter()
        .find(|(n, _)| n == "organisation-both-branches")
        .expect("example");
    let o = engine::evaluate(&e, &answers, as_of());
    let org = o.organisation.as_ref().expect("organisation");
    let d = org
        .non_duplication
        .iter()
        .find(|d| !d.given_up.is_empty())
        .expect("a group with a choice");
    let why = engine::headline::non_duplication(org, d);
    assert!(
        why.zh
            .starts_with("第三条两项奖励只能拿一项，按金额高的算：知名品牌入驻奖励 10–"),
        "{}",
        why.zh
    );
    assert!(why.zh.contains("万元 高于 "), "{}", why.zh);
    assert!(why.zh.ends_with("10 万元，所以计入前者。"), "{}", why.zh);
    assert!(
        why.en.starts_with("Only one of the two awards of "),
        "{}",
        why.en
    );
    assert!(why.en.contains(" is higher than "), "{}", why.en);
    // The same sentence in the documents: the 测算 document and the 申请表 of both measures.
    let generated = as_of().and_hms_opt(9, 30, 0).expect("time");
    let input = PackageInput {
        edition: &e,
        answers: &answers,
        outcome: &o,
        widget_version: "0.1.0-test",
        generated_at: generated,
    };
    let files = package::organisation_files(&input).expect("package");
    let tight = "第三条两项奖励只能拿一项，按金额高的算：知名品牌入驻奖励10–20万元高于";
    let with_it: Vec<&str> = files
        .iter()
        .filter(|f| f.name.ends_with(".docx") && office_text(&f.bytes).contains(tight))
        .map(|f| f.name.as_str())
        .collect();
    assert!(
        with_it.iter().any(|n| n.starts_with("政策享受测算"))
            && with_it.iter().filter(|n| n.starts_with("申请表")).count() == 2,
        "{with_it:?}"
    );
}
