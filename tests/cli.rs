//! The hrs-check binary: exit codes, stdin, JSON and text output.

use std::io::Write;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_hrs-check");

fn example(name: &str) -> String {
    format!("{}/src/policy/examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn evaluates_a_file_as_json() {
    let out = Command::new(BIN)
        .args([
            "evaluate",
            &example("park-passes.json"),
            "--as-of",
            "2024-09-30",
        ])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["format"], "hrs-outcome");
    assert_eq!(v["edition"]["id"], "baotou-2022-55");
    assert_eq!(v["as_of"], "2024-09-30");
    assert_eq!(v["in_force"], true);
    assert_eq!(v["park"]["conditions"][0]["verdict"], "met");
}

#[test]
fn reads_stdin_and_prints_text() {
    let mut child = Command::new(BIN)
        .args(["evaluate", "-", "--as-of", "2026-01-05", "--format", "text"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    let text = std::fs::read_to_string(example("park-fails-two.json")).expect("example");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(text.as_bytes())
        .expect("writes");
    let out = child.wait_with_output().expect("runs");
    assert!(out.status.success());
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("不在有效期内"), "{s}");
    assert!(s.contains("还差 200 平方米"), "{s}");
    assert!(s.contains("还差 2 家人力资源服务企业"), "{s}");
}

#[test]
fn bad_input_exits_non_zero_with_one_line() {
    let dir = std::env::temp_dir().join(format!("hrs-check-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        r#"{"format":"hrs-answers","version":1,"kind":"park","park":{"floor_area_m2":"-1"}}"#,
    )
    .expect("write");
    let out = Command::new(BIN)
        .args([
            "evaluate",
            bad.to_str().unwrap_or_default(),
            "--as-of",
            "2024-01-01",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.contains("park.floor_area_m2") && err.contains("不能为负数"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);

    let out = Command::new(BIN)
        .args(["evaluate", "/no/such/file.json"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let out = Command::new(BIN)
        .args([
            "evaluate",
            &example("park-passes.json"),
            "--as-of",
            "2024-13-01",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let out = Command::new(BIN)
        .args(["frobnicate"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn default_as_of_is_today_and_runs() {
    let out = Command::new(BIN)
        .args([
            "evaluate",
            &example("organisation-capped.json"),
            "--format",
            "text",
            "--lang",
            "en",
        ])
        .output()
        .expect("runs");
    assert!(out.status.success());
}

#[test]
fn runs_the_bundled_cases_and_another_edition() {
    let out = Command::new(BIN)
        .args(["cases", "--as-of", "2024-09-30"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains(" 0 failed"));
    let ed = format!(
        "{}/tests/fixtures/testland-2026-1.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = Command::new(BIN)
        .args([
            "evaluate",
            &example("park-passes.json"),
            "--edition",
            &ed,
            "--as-of",
            "2026-06-30",
        ])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["edition"]["id"], "testland-2026-1");
    // The file is read through that edition's declarations: what it does not declare is left
    // out, and said.
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("park.revenue_year") && err.contains("left out"),
        "{err}"
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
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(input.as_bytes());
    }
    child.wait_with_output().expect("runs")
}

#[test]
fn help_and_h_print_the_usage_and_exit_0() {
    for flag in ["--help", "-h"] {
        let out = Command::new(BIN).arg(flag).output().expect("runs");
        assert!(out.status.success(), "{flag}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("usage: hrs-check evaluate"), "{flag}: {text}");
        assert!(text.contains("--as-of"), "{flag}");
        let out = Command::new(BIN)
            .args(["evaluate", flag])
            .output()
            .expect("runs");
        assert!(out.status.success(), "evaluate {flag}");
    }
}

#[test]
fn errors_are_in_plain_words() {
    let file = |park: &str| {
        format!(r#"{{"format":"hrs-answers","version":1,"kind":"park","park":{park}}}"#)
    };
    let cases = [
        (
            file(r#"{"cancelled_on":"2025-02-30"}"#),
            "2025-02-30 不是有效日期",
        ),
        (
            file(r#"{"revenue_this_year_yuan":"1e30"}"#),
            "1e30 超出可接受的金额范围",
        ),
        (
            file(r#"{"floor_area_m2":1e30}"#),
            "超出可接受的面积范围",
        ),
        (file(r#"{"events_held":"3.5"}"#), "请输入整数"),
        (file(r#"{"plan_report":"maybe"}"#), "应为 true（是）或 false（否）"),
        (
            r#"{"format":"hrs-answers","version":1,"kind":"organisation","organisation":{"talents":[{"category":"x"}]}}"#.to_string(),
            "人才目录层次",
        ),
    ];
    for (input, want) in cases {
        let out = run_stdin(&["evaluate", "-", "--as-of", "2024-09-30"], &input);
        assert_eq!(out.status.code(), Some(1), "{input}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(want), "{input}: {err}");
        for jargon in [
            "expected u32",
            "expected u8",
            "invalid type",
            "out of range",
        ] {
            assert!(!err.contains(jargon), "{input}: {err}");
        }
    }
    let out = Command::new(BIN)
        .args(["evaluate", "-", "--as-of", "2025-02-30"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("2025-02-30 不是有效日期"));
}

#[test]
fn counts_accept_a_string_like_money_does() {
    let input = r#"{"format":"hrs-answers","version":1,"kind":"park","park":{"events_held":"3","notable_firms":"2家"}}"#;
    let out = run_stdin(&["evaluate", "-", "--as-of", "2024-09-30"], input);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn text_shows_titles_and_names_and_folds_unanswered_measures() {
    let out = Command::new(BIN)
        .args([
            "evaluate",
            &example("organisation-capped.json"),
            "--as-of",
            "2024-09-30",
            "--format",
            "text",
        ])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("《包头市支持人力资源服务业发展十项措施》"),
        "{text}"
    );
    assert!(text.contains("包头市人民政府办公室关于印发"), "{text}");
    // No internal ids anywhere.
    for id in ["measures.", "baotou-2022-55", "organisation."] {
        assert!(!text.contains(id), "{id} in {text}");
    }
    // An unanswered measure is one line with what it waits for.
    let line = text
        .lines()
        .find(|l| l.contains("全市人力资源服务业10强奖补"))
        .expect("the top-10 measure");
    assert!(line.contains("待回答：“是否获评"), "{line}");
    // English too.
    let out = Command::new(BIN)
        .args([
            "evaluate",
            &example("organisation-capped.json"),
            "--as-of",
            "2024-09-30",
            "--format",
            "text",
            "--lang",
            "en",
        ])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("waiting for:"), "{text}");
    assert!(!text.contains("measures."), "{text}");
}
