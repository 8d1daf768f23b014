//! hrs-check at its edges (issue 12, item 17): an input too large to be an answers file is
//! refused before it fills memory, a closed standard output ends the program quietly, and
//! control characters from the answers never reach the terminal raw.

use std::io::{Read, Write};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_hrs-check");

fn example(name: &str) -> String {
    format!("{}/src/policy/examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn an_input_over_64_mb_is_refused_with_a_message_not_read_into_memory() {
    let mut child = Command::new(BIN)
        .args(["evaluate", "-", "--as-of", "2024-09-30"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    let mut stdin = child.stdin.take().expect("stdin");
    // Like `< /dev/zero`: more than the cap, and the writer stops when the reader does.
    let writer = std::thread::spawn(move || {
        let block = vec![0u8; 1 << 20];
        for _ in 0..80 {
            if stdin.write_all(&block).is_err() {
                break;
            }
        }
    });
    let out = child.wait_with_output().expect("runs");
    let _ = writer.join();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("larger than 64 MB"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_closed_standard_output_ends_quietly_without_a_panic() {
    for args in [
        vec!["evaluate", "PARK", "--as-of", "2024-09-30"],
        vec![
            "evaluate",
            "PARK",
            "--as-of",
            "2024-09-30",
            "--format",
            "text",
        ],
        vec!["cases", "--as-of", "2024-09-30"],
        vec!["editions"],
    ] {
        let park = example("park-passes.json");
        let args: Vec<&str> = args
            .iter()
            .map(|a| if *a == "PARK" { park.as_str() } else { a })
            .collect();
        let mut child = Command::new(BIN)
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawns");
        // `| head -c 0`: the reader goes away before the program writes.
        drop(child.stdout.take());
        let mut err = String::new();
        if let Some(mut e) = child.stderr.take() {
            let _ = e.read_to_string(&mut err);
        }
        let status = child.wait().expect("runs");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(status.success(), "{args:?}: {status:?} {err}");
        assert_eq!(err, "", "{args:?}");
    }
}

#[test]
fn escape_and_bell_characters_in_answers_never_reach_the_terminal_raw() {
    let text = std::fs::read_to_string(example("park-passes.json")).expect("example");
    let mut v: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    v["park"]["operator_name"] =
        serde_json::Value::String("运营\u{1b}]0;pwned\u{7}\u{1b}[2J公司\u{202e}cba".into());
    let mut child = Command::new(BIN)
        .args(["evaluate", "-", "--as-of", "2024-09-30", "--format", "text"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(v.to_string().as_bytes())
        .expect("writes");
    let out = child.wait_with_output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = String::from_utf8_lossy(&out.stdout);
    // The answers reader removes them (engine::limits); the text output escapes any that remain.
    assert!(s.contains("运营]0;pwned[2J公司cba"), "{s}");
    for raw in ['\u{1b}', '\u{7}', '\u{202e}'] {
        assert!(!s.contains(raw), "raw {raw:?} in the text output");
    }
    assert!(s.contains('\n'), "line breaks of the layout stay");
}

#[test]
fn control_characters_in_a_message_are_shown_escaped() {
    let out = Command::new(BIN)
        .args(["evaluate", "/no/such/\u{1b}]0;pwned\u{7}.json"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("\\u{1b}]0;pwned\\u{7}"), "{err}");
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err}");
}

/// Review L10: a count whose question declares only a `min` is refused naming that bound alone
/// (“at least 5”), not “between 5 and 4294967295”.
#[test]
fn a_count_below_a_min_alone_names_the_min_only() {
    let edition = include_str!("../src/policy/editions/baotou-2022-55.json");
    let at = edition
        .find("\"path\": \"park.events_held\"")
        .expect("events_held");
    let bounds = "    \"min\": 0,\n    \"max\": 1000000,";
    let from = at + edition[at..].find(bounds).expect("its bounds");
    let edition = format!(
        "{}    \"min\": 5,{}",
        &edition[..from],
        &edition[from + bounds.len()..]
    );
    let dir = std::env::temp_dir().join(format!("hrs-cli-l10-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let (e, a) = (dir.join("edition.json"), dir.join("answers.json"));
    std::fs::write(&e, edition).expect("edition");
    std::fs::write(
        &a,
        r#"{"format":"hrs-answers","version":1,"kind":"park","park":{"events_held":2}}"#,
    )
    .expect("answers");
    for (lang, says) in [
        ("en", "“2”: should be at least 5"),
        ("zh", "“2”：应不少于 5"),
    ] {
        let out = Command::new(BIN)
            .args(["evaluate", a.to_str().expect("path"), "--edition"])
            .arg(&e)
            .args(["--as-of", "2024-09-30", "--lang", lang])
            .output()
            .expect("runs");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{err}");
        assert!(!err.contains("4294967295"), "{err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Review R6 (the CLI's part): what an edition does not declare is left out in one pass over
/// the migrated file — a version-0 file (answers under `data`) too, and a table column once
/// however many rows hold it (a 20,000-row roster with an extra column each was re-read once
/// per row, with a line each).
#[test]
fn undeclared_fields_are_left_out_in_one_pass_of_the_migrated_file() {
    let v0 = r#"{"format":"hrs-answers","version":0,"kind":"park",
        "data":{"name":"甲园区","area_m2":"5200","not_declared":"x"}}"#;
    let out = run_stdin(&["evaluate", "-", "--as-of", "2024-09-30"], v0);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("park.not_declared") && err.contains("left out"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON outcome");
    assert_eq!(v["kind"], "park");

    let rows: Vec<serde_json::Value> = (0..20_000)
        .map(|i| serde_json::json!({ "name": format!("机构{i}"), "extra": i }))
        .collect();
    let file = serde_json::json!({"format": "hrs-answers", "version": 1, "kind": "park",
        "park": {"name": "乙园区", "roster": rows}});
    let started = std::time::Instant::now();
    let out = run_stdin(
        &["evaluate", "-", "--as-of", "2024-09-30"],
        &file.to_string(),
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert_eq!(err.lines().count(), 1, "one line for the column: {err}");
    assert!(err.contains("park.roster[].extra"), "{err}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
}

fn run_stdin(args: &[&str], input: &str) -> std::process::Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_string();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let out = child.wait_with_output().expect("runs");
    let _ = writer.join();
    out
}
