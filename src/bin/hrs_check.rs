//! `hrs-check`: evaluate an answers file with the same engine as the widget.
//!
//! ```text
//! hrs-check evaluate FILE|- [--as-of YYYY-MM-DD] [--format json|text] [--lang zh|en] [--edition FILE]
//! hrs-check cases [--edition FILE] [--cases FILE]
//! hrs-check editions
//! hrs-check generate schema|fields [--edition FILE]
//! ```
//! Exit 0 on success, 1 on bad input or failed cases, 2 on bad usage.

use std::io::{Read, Write};
use std::process::ExitCode;

use chrono::NaiveDate;

use hrs_widget::engine::quantity::{self, QuantityError, QuantityKind};
use hrs_widget::engine::{self, AnswerStore, AnswersError};
use hrs_widget::policy::{self, Edition, QuestionKind};

const USAGE: &str = "usage: hrs-check evaluate FILE|- [--as-of YYYY-MM-DD] [--format json|text] [--lang zh|en] [--edition FILE]\n       hrs-check cases [--edition FILE] [--cases FILE]\n       hrs-check editions\n       hrs-check generate schema|fields [--edition FILE]\n       hrs-check --help";

/// `--help` / `-h`: what each command and option does.
const HELP: &str = "hrs-check — evaluate an answers file against 包府办发〔2022〕55号 with the widget's engine.

usage: hrs-check evaluate FILE|- [--as-of YYYY-MM-DD] [--format json|text] [--lang zh|en] [--edition FILE]
       hrs-check cases [--edition FILE] [--cases FILE]
       hrs-check editions
       hrs-check generate schema|fields [--edition FILE]
       hrs-check --help | -h

commands:
  evaluate FILE   evaluate an answers file (- reads standard input)
  cases           run the edition's named cases
  editions        list the bundled editions (id, number, validity, content hash)
  generate schema the answers file's JSON Schema, from the edition's field declarations
  generate fields the field table of ANSWERS.md, from the same declarations

options:
  --as-of DATE    evaluate as of this date (default: today)
  --format F      json (default) or text: titles, measure names, unanswered measures folded
  --lang L        zh (default) or en, for --format text and error messages
  --edition FILE  an edition file, or a bundled edition's id (e.g. sample-successor), instead of
                  the bundled one in force on the date
  --cases FILE    a cases file (default: the edition's own)

exit status: 0 success, 1 bad input or failed cases, 2 bad usage.
answers format: src/engine/ANSWERS.md and src/engine/answers.schema.json";

struct Fail(u8, String);

/// The largest input read (answers, edition, cases): far above any real file (a 100,000-row
/// roster is ~20 MB), and it stops `/dev/zero` or a runaway pipe from filling memory.
const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// Exit code of a closed standard output (`hrs-check … | head`): the reader left, nothing is
/// wrong, so the program ends quietly.
const CLOSED_STDOUT: u8 = 0;

fn read_input(path: &str) -> Result<String, Fail> {
    let name = if path == "-" { "standard input" } else { path };
    let reader: Box<dyn Read> = if path == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(
            std::fs::File::open(path).map_err(|e| Fail(1, format!("cannot read {path}: {e}")))?,
        )
    };
    let mut bytes = Vec::new();
    // One byte more than the cap tells "at the cap" from "over it" without reading on.
    reader
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Fail(1, format!("cannot read {name}: {e}")))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(Fail(
            1,
            format!(
                "{name} is larger than {} MB: not read (an answers file is far smaller)",
                MAX_INPUT_BYTES / (1024 * 1024)
            ),
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        Fail(
            1,
            format!(
                "{name} is not UTF-8 text (byte {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

/// Writes to standard output; a closed pipe ends the program quietly instead of panicking
/// (Rust's `println!` panics on EPIPE).
fn out(text: &str) -> Result<(), Fail> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            Err(Fail(CLOSED_STDOUT, String::new()))
        }
        Err(e) => Err(Fail(1, format!("cannot write the output: {e}"))),
    }
}

/// Text for a terminal: control characters (ESC, BEL …) and bidi controls from the answers are
/// shown escaped (`\u{1b}`), so an answers file cannot move the cursor, ring, retitle the
/// terminal or reverse the lines after it. Newlines and tabs of the layout stay.
fn escape_controls(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for ch in text.chars() {
        if (ch.is_control() && ch != '\n' && ch != '\t') || is_bidi_control(ch) {
            s.push_str(&format!("\\u{{{:x}}}", ch as u32));
        } else {
            s.push(ch);
        }
    }
    s
}

fn is_bidi_control(ch: char) -> bool {
    matches!(ch, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Today, from the system clock: the only place the clock is read.
fn today() -> NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|d| d.checked_add_signed(chrono::Duration::days(days)))
        .unwrap_or(NaiveDate::MIN)
}

struct Opts {
    positional: Vec<String>,
    as_of: Option<NaiveDate>,
    format: String,
    lang: String,
    edition: Option<String>,
    cases: Option<String>,
}

fn parse(args: &[String]) -> Result<Opts, Fail> {
    let mut o = Opts {
        positional: Vec::new(),
        as_of: None,
        format: "json".into(),
        lang: "zh".into(),
        edition: None,
        cases: None,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| Fail(2, format!("{name} needs a value\n{USAGE}")))
        };
        match a.as_str() {
            "--as-of" => {
                let v = value("--as-of")?;
                o.as_of = Some(
                    NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").map_err(|_| {
                        Fail(
                            2,
                            format!(
                                "--as-of: {v} 不是有效日期 / {v} is not a valid date (YYYY-MM-DD)"
                            ),
                        )
                    })?,
                );
            }
            "--format" => {
                o.format = value("--format")?;
                if o.format != "json" && o.format != "text" {
                    return Err(Fail(
                        2,
                        format!("--format must be json or text, not {:?}", o.format),
                    ));
                }
            }
            "--lang" => {
                o.lang = value("--lang")?;
                if o.lang != "zh" && o.lang != "en" {
                    return Err(Fail(
                        2,
                        format!("--lang must be zh or en, not {:?}", o.lang),
                    ));
                }
            }
            "--edition" => o.edition = Some(value("--edition")?),
            "--cases" => o.cases = Some(value("--cases")?),
            "-h" | "--help" => return Err(Fail(0, HELP.into())),
            s if s.starts_with("--") => {
                return Err(Fail(2, format!("unknown option {s}\n{USAGE}")))
            }
            s => o.positional.push(s.to_string()),
        }
    }
    Ok(o)
}

/// The value at an answers path (`park.roster[2].revenue_yuan`) in the file, if it is there.
fn value_at<'a>(v: &'a serde_json::Value, path: &str) -> Option<&'a serde_json::Value> {
    let mut cur = v;
    for part in path.split('.') {
        let (key, index) = match part.split_once('[') {
            Some((k, rest)) => (k, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        cur = cur.get(key)?;
        if let Some(i) = index {
            cur = cur.get(i)?;
        }
    }
    Some(cur)
}

/// An answers-file error in plain words: the field's label and what is wrong with the value
/// (“2025-02-30 不是有效日期”, “1e30 超出可接受的金额范围”), never a parser's “expected u32”.
fn plain_error(edition: &Edition, text: &str, e: &AnswersError, lang: &str) -> String {
    let zh = lang == "zh";
    let pick = |a: String, b: String| if zh { a } else { b };
    let Ok(file) = serde_json::from_str::<serde_json::Value>(text) else {
        return pick(
            format!(
                "不是有效的 JSON 答案文件（{}）",
                e.message.trim_start_matches("not valid JSON: ")
            ),
            e.to_string(),
        );
    };
    if e.path.is_empty() {
        return e.to_string();
    }
    // `organisation.talents[0].category` → the question `organisation.talents[].category`.
    let mut q_path = String::with_capacity(e.path.len());
    let mut skipping = false;
    for c in e.path.chars() {
        match c {
            '[' => {
                skipping = true;
                q_path.push_str("[]");
            }
            ']' => skipping = false,
            _ if skipping => {}
            _ => q_path.push(c),
        }
    }
    let Some(q) = edition.question(&q_path) else {
        return pick(
            format!(
                "{} 不是答案文件中的字段（见 src/engine/ANSWERS.md）",
                e.path
            ),
            format!(
                "{} is not a field of the answers file (see src/engine/ANSWERS.md)",
                e.path
            ),
        );
    };
    let label = q.label.get(if zh { "zh" } else { "en" });
    let shown = match value_at(&file, &e.path) {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
        None => String::new(),
    };
    let quantity = |kind: QuantityKind| -> String {
        let bound = match kind {
            QuantityKind::Money => 1e14,
            QuantityKind::Area => 1e8,
            QuantityKind::Count => 1e6,
        };
        // A number past the bound, however written (1e30): say so in words. The float is only
        // for this message; the value itself is never read through it.
        let approx = match value_at(&file, &e.path) {
            Some(serde_json::Value::Number(n)) => n.as_f64(),
            _ => shown.trim().parse::<f64>().ok(),
        };
        let m = match approx {
            Some(f) if f > bound => QuantityError::TooLarge.message(kind),
            Some(f) if f < 0.0 => QuantityError::Negative.message(kind),
            _ => match quantity::read(kind, &shown) {
                Err(err) => err.message(kind),
                // A number that reads, refused by the question's own bounds (min–max).
                Ok(Some(_)) if q.min.is_some() || q.max.is_some() => {
                    let w = hrs_widget::engine::store::bounds_words(q.min, q.max);
                    return pick(
                        format!("“{shown}”：{}", w.zh),
                        format!("“{shown}”: {}", w.en),
                    );
                }
                Ok(_) => QuantityError::NotANumber.message(kind),
            },
        };
        let range = match kind {
            QuantityKind::Money => (
                "超出可接受的金额范围",
                "is outside the accepted range of amounts",
            ),
            QuantityKind::Area => (
                "超出可接受的面积范围",
                "is outside the accepted range of areas",
            ),
            QuantityKind::Count => (
                "超出可接受的数量范围",
                "is outside the accepted range of counts",
            ),
        };
        let too_large = m.zh.contains("过大");
        match (too_large, zh) {
            (true, true) => format!("{shown} {}（{}）", range.0, m.zh),
            (true, false) => format!("{shown} {} ({})", range.1, m.en),
            (false, true) => format!("“{shown}”：{}", m.zh),
            (false, false) => format!("“{shown}”: {}", m.en),
        }
    };
    let what = match q.kind {
        QuestionKind::Date => pick(
            format!("{shown} 不是有效日期（应为 YYYY-MM-DD，如 2024-09-30）"),
            format!("{shown} is not a valid date (YYYY-MM-DD, e.g. 2024-09-30)"),
        ),
        QuestionKind::Yuan => quantity(QuantityKind::Money),
        QuestionKind::M2 => quantity(QuantityKind::Area),
        QuestionKind::Count => quantity(QuantityKind::Count),
        QuestionKind::YesNo => pick(
            format!("“{shown}”应为 true（是）或 false（否），不清楚写 {{\"dont_know\": true}}"),
            format!("“{shown}” should be true (yes) or false (no); for don't know write {{\"dont_know\": true}}"),
        ),
        QuestionKind::Choice | QuestionKind::MultiChoice => {
            let ids: Vec<&str> = q.options.iter().map(|c| c.id.as_str()).collect();
            pick(
                format!("“{shown}”不是可选项，应为：{}", ids.join("、")),
                format!("“{shown}” is not one of: {}", ids.join(", ")),
            )
        }
        _ => e.message.clone(),
    };
    pick(
        format!("“{label}”（{}）：{what}", e.path),
        format!("“{label}” ({}): {what}", e.path),
    )
}

/// Reads an answers file through `edition`'s declarations. A field (or a table's column) this
/// edition does not declare cannot count under it: it is left out and its path returned, so a
/// file written under another edition still evaluates. Every other error is the reader's.
fn read_answers(edition: &Edition, text: &str) -> Result<(AnswerStore, Vec<String>), AnswersError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| AnswersError {
        path: String::new(),
        message: format!("not valid JSON: {e}"),
    })?;
    // Migrated first: an older file keeps its answers elsewhere (version 0: under `data`).
    let mut value = engine::migrate::migrate(value)?;
    let left_out = leave_out_undeclared(edition, &mut value);
    AnswerStore::from_value(edition, value).map(|store| (store, left_out))
}

/// Removes, in one pass over the (migrated) answers, every field and table column `edition`
/// does not declare; returns their paths (a column once, as `park.roster[].x`, however many
/// rows hold it). A file of an unknown kind is left as it is: the reader names that error.
fn leave_out_undeclared(edition: &Edition, value: &mut serde_json::Value) -> Vec<String> {
    use engine::store::Declarations;
    let kind = match value.get("kind").and_then(serde_json::Value::as_str) {
        Some("park") => engine::AnswersKind::Park,
        Some("organisation") => engine::AnswersKind::Organisation,
        _ => return Vec::new(),
    };
    let k = match kind {
        engine::AnswersKind::Park => "park",
        engine::AnswersKind::Organisation => "organisation",
    };
    let decls = Declarations::of(edition, kind);
    let Some(body) = value.get_mut(k).and_then(serde_json::Value::as_object_mut) else {
        return Vec::new();
    };
    let mut left_out = Vec::new();
    body.retain(|key, _| {
        let declared = decls.field(key).is_some();
        if !declared {
            left_out.push(engine::path::key(k, key));
        }
        declared
    });
    for (key, rows) in body.iter_mut() {
        let Some(table) = decls.field(key).filter(|d| d.kind == QuestionKind::Table) else {
            continue;
        };
        let mut columns = std::collections::BTreeSet::new();
        for row in rows
            .as_array_mut()
            .into_iter()
            .flatten()
            .filter_map(serde_json::Value::as_object_mut)
        {
            row.retain(|c, _| {
                let declared = table.column(c).is_some();
                if !declared && !columns.contains(c) {
                    columns.insert(c.clone());
                }
                declared
            });
        }
        let at = format!("{}[]", engine::path::key(k, key));
        left_out.extend(columns.iter().map(|c| engine::path::key(&at, c)));
    }
    left_out
}

fn load_edition(o: &Opts, as_of: NaiveDate) -> Result<Edition, Fail> {
    match &o.edition {
        // A bundled edition by its id (`--edition sample-successor`), unless a file has that name.
        Some(name)
            if !std::path::Path::new(name).exists() && policy::load_bundled(name).is_some() =>
        {
            policy::load_bundled(name)
                .unwrap_or_else(policy::default_edition)
                .map_err(|e| Fail(1, format!("{name}: {e}")))
        }
        Some(path) => {
            let text = read_input(path)?;
            let e = Edition::from_json(&text).map_err(|e| Fail(1, format!("{path}: {e}")))?;
            Ok(e)
        }
        None => policy::edition_for(as_of).map_err(|e| Fail(1, e.to_string())),
    }
}

fn run(args: &[String]) -> Result<(), Fail> {
    let Some((cmd, rest)) = args.split_first() else {
        return Err(Fail(2, USAGE.into()));
    };
    if matches!(cmd.as_str(), "-h" | "--help" | "help") {
        return Err(Fail(0, HELP.into()));
    }
    let o = parse(rest)?;
    match cmd.as_str() {
        "evaluate" => {
            let [file] = o.positional.as_slice() else {
                return Err(Fail(
                    2,
                    format!("evaluate takes one FILE (or - for stdin)\n{USAGE}"),
                ));
            };
            let as_of = o.as_of.unwrap_or_else(today);
            let edition = load_edition(&o, as_of)?;
            let text = read_input(file)?;
            // Read through the edition's declarations: a field it does not declare, or a value
            // it refuses, is named at its path.
            let fail = |e: AnswersError| {
                Fail(
                    1,
                    format!("{file}: {}", plain_error(&edition, &text, &e, &o.lang)),
                )
            };
            let (store, left_out) = read_answers(&edition, &text).map_err(&fail)?;
            for p in left_out {
                eprintln!(
                    "hrs-check: {file}: {} 不是此政策版本的字段，未计入 / not a field of edition {}: left out",
                    escape_controls(&p),
                    edition.id
                );
            }
            let outcome = engine::evaluate(&edition, &store, as_of);
            if o.format == "json" {
                let s = serde_json::to_string_pretty(&outcome)
                    .map_err(|e| Fail(1, format!("cannot write the outcome: {e}")))?;
                out(&format!("{s}\n"))
            } else {
                out(&escape_controls(&engine::text::render_for(
                    &outcome,
                    Some(&edition),
                    &o.lang,
                )))
            }
        }
        "cases" => {
            let as_of = o.as_of.unwrap_or_else(today);
            let edition = load_edition(&o, as_of)?;
            let cases_text = match (&o.cases, &o.edition) {
                (Some(p), _) => read_input(p)?,
                (None, Some(p)) if p.ends_with(".json") => {
                    read_input(&p.replace(".json", ".cases.json"))?
                }
                // No edition file: the bundled cases of the edition (named or in force).
                (None, _) => policy::bundled()
                    .iter()
                    .find(|b| b.name == edition.id)
                    .and_then(|b| b.cases_json)
                    .map(str::to_string)
                    .ok_or_else(|| Fail(1, format!("no cases bundled for {}", edition.id)))?,
            };
            let cases = engine::cases::CaseFile::from_json(&cases_text)
                .map_err(|e| Fail(1, format!("cases: {e}")))?;
            let results = engine::run_cases(&edition, &cases);
            let failed: Vec<_> = results.iter().filter(|r| !r.passed).collect();
            let mut report = String::new();
            for r in &failed {
                report.push_str(&format!("FAIL {}: {}\n", r.name, r.failures.join("; ")));
            }
            report.push_str(&format!(
                "{} passed, {} failed\n",
                results.len() - failed.len(),
                failed.len()
            ));
            out(&report)?;
            if failed.is_empty() {
                Ok(())
            } else {
                Err(Fail(1, format!("{} case(s) failed", failed.len())))
            }
        }
        "editions" => {
            let mut list = String::new();
            for b in policy::bundled() {
                match Edition::from_json(b.json) {
                    Ok(e) => list.push_str(&format!(
                        "{}\t{}\t{}..={}\t{}\n",
                        e.id, e.document_number, e.valid_from, e.valid_until, e.content_hash
                    )),
                    Err(e) => list.push_str(&format!("{}\tERROR {e}\n", b.name)),
                }
            }
            out(&list)
        }
        // `policy::generate` is native-only; the browser tests build this binary for wasm32 too.
        #[cfg(not(target_arch = "wasm32"))]
        "generate" => {
            // The default edition unless one is named (a file, or the one in force on --as-of).
            let edition = match (&o.edition, o.as_of) {
                (None, None) => policy::default_edition().map_err(|e| Fail(1, e.to_string()))?,
                (_, as_of) => load_edition(&o, as_of.unwrap_or_else(today))?,
            };
            match o.positional.as_slice() {
                [w] if w == "schema" => out(&policy::generate::answers_schema(&edition)),
                [w] if w == "fields" => out(&format!(
                    "{}\n",
                    policy::generate::answers_fields_markdown(&edition)
                )),
                _ => Err(Fail(2, format!("generate takes schema or fields\n{USAGE}"))),
            }
        }
        other => Err(Fail(2, format!("unknown command {other:?}\n{USAGE}"))),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Fail(0, msg)) => {
            // The help text, or nothing after a closed stdout (which this write notices again).
            if !msg.is_empty() {
                let _ = out(&format!("{msg}\n"));
            }
            ExitCode::SUCCESS
        }
        Err(Fail(code, msg)) => {
            // stderr may be closed too: never panic on it.
            let _ = writeln!(std::io::stderr(), "hrs-check: {}", escape_controls(&msg));
            ExitCode::from(code)
        }
    }
}
