//! Fuzz regressions: every saved fuzz input is replayed natively through the same function its
//! fuzz target runs (`tests/fuzz/src/lib.rs`, included below), asserting no panic and, when the
//! input is rejected, a clean error with a message.
//!
//! * `tests/fuzz/seeds/<target>/` — the hand-made seed inputs the fuzzers start from;
//! * `tests/fuzz/regressions/<target>/` — every input that ever crashed a fuzzer
//!   (`scripts/fuzz.sh` copies new crash inputs there), and inputs written by hand for a bug;
//! * `tests/fuzz/regressions/<target>/open-bugs/` — inputs of a bug not fixed yet: skipped by the
//!   replay, each replayed by its own `#[ignore]`d test naming the bug (none open now); once
//!   fixed, move the file up one level and drop the `#[ignore]`.
#![cfg(feature = "docs")]

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

#[path = "fuzz/src/lib.rs"]
mod fuzz;

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz")
}

/// The files directly in `dir` (not in subfolders), sorted; none if it does not exist.
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    files.sort();
    files
}

/// Replays `file` through `target`: `Err` describes a panic or an error without a message.
fn replay(target: &str, file: &Path) -> Result<(), String> {
    let data = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    // The fuzz functions assert their own invariants; a failed one is a panic here.
    // Without skipping open bugs' inputs: a saved input must not need the skip.
    let result = catch_unwind(AssertUnwindSafe(|| fuzz::run_with(target, &data, false)));
    match result {
        Ok(Ok(())) => Ok(()),
        Ok(Err(message)) if !message.trim().is_empty() => Ok(()),
        Ok(Err(_)) => Err(format!("{}: rejected without a message", file.display())),
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            Err(format!("{}: panicked: {msg}", file.display()))
        }
    }
}

/// Replays every seed and every saved crash input of `target`; returns how many.
fn replay_all(target: &str) -> usize {
    let dir = fuzz_dir();
    let files: Vec<PathBuf> = ["seeds", "regressions"]
        .iter()
        .flat_map(|kind| inputs(&dir.join(kind).join(target)))
        .collect();
    let failures: Vec<String> = files
        .iter()
        .filter_map(|f| replay(target, f).err())
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    files.len()
}

#[test]
fn every_target_has_seeds_a_fuzz_target_and_a_regressions_folder() {
    let dir = fuzz_dir();
    for target in fuzz::TARGETS {
        assert!(
            dir.join("fuzz_targets")
                .join(format!("{target}.rs"))
                .is_file(),
            "{target}: no fuzz target"
        );
        assert!(
            !inputs(&dir.join("seeds").join(target)).is_empty(),
            "{target}: no seeds"
        );
        assert!(
            dir.join("regressions").join(target).is_dir(),
            "{target}: no regressions folder"
        );
    }
    // No target folder without a target (a renamed target would silently lose its inputs).
    for kind in ["seeds", "regressions"] {
        for entry in std::fs::read_dir(dir.join(kind)).expect("folder").flatten() {
            if entry.path().is_dir() {
                let name = entry.file_name().to_string_lossy().into_owned();
                assert!(
                    fuzz::TARGETS.contains(&name.as_str()),
                    "{kind}/{name}: no such target"
                );
            }
        }
    }
}

#[test]
fn answers_json_inputs_replay_cleanly() {
    assert!(replay_all("answers_json") > 0);
}

#[test]
fn share_fragment_inputs_replay_cleanly() {
    assert!(replay_all("share_fragment") > 0);
}

#[test]
fn share_fragment_raw_inputs_replay_cleanly() {
    assert!(replay_all("share_fragment_raw") > 0);
}

#[test]
fn roster_csv_inputs_replay_cleanly() {
    assert!(replay_all("roster_csv") > 0);
}

#[test]
fn roster_xlsx_inputs_replay_cleanly() {
    assert!(replay_all("roster_xlsx") > 0);
}

#[test]
fn roster_xlsx_xml_inputs_replay_cleanly() {
    assert!(replay_all("roster_xlsx_xml") > 0);
}

#[test]
fn roster_ods_xml_inputs_replay_cleanly() {
    assert!(replay_all("roster_ods_xml") > 0);
}

#[test]
fn the_seeds_exercise_the_parsers_not_only_their_errors() {
    // Each target has a seed that reads successfully, so the replay goes past the first check.
    let dir = fuzz_dir();
    for target in fuzz::TARGETS {
        let ok = inputs(&dir.join("seeds").join(target))
            .iter()
            .any(|f| fuzz::run_with(target, &std::fs::read(f).expect("seed"), false).is_ok());
        assert!(ok, "{target}: no seed reads successfully");
    }
}

// ---- Bugs the fuzzers found, fixed in src/roster/import.rs (810779b): their inputs are replayed
// ---- above with the rest of regressions/<target>/; these tests also check the right outcome.

fn regression(target: &str, name: &str) -> Vec<u8> {
    let path = fuzz_dir().join("regressions").join(target).join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Bug 1 (`import_csv`): a lone CR — the line end of "CSV (Macintosh)" from Excel for Mac —
/// ended a record for the csv reader but was not counted as a line, so every row after it kept
/// the number of the line before (all rows of `cr-line-ends.csv` were row 1, the header's).
#[test]
fn bug_1_csv_rows_after_a_lone_cr_are_numbered_by_line() {
    use hrs_widget::roster::import::import_csv;
    let got = import_csv(
        &regression("roster_csv", "cr-line-ends.csv"),
        fuzz::edition(),
    )
    .expect("reads");
    let rows: Vec<usize> = got.errors.iter().map(|e| e.row).collect();
    assert_eq!(rows, [2, 3], "{:?}", got.errors);
}

/// Imports `regressions/roster_xlsx_xml/<name>` as the fuzzer built it; the import's error.
fn import_xlsx_xml(name: &str) -> String {
    let data = regression("roster_xlsx_xml", name);
    let split = fuzz::XML_SPLIT;
    let (sheet, strings) = match data.windows(split.len()).position(|w| w == split) {
        Some(at) => (&data[..at], Some(&data[at + split.len()..])),
        None => (&data[..], None),
    };
    let xlsx = fuzz::xlsx_from_parts(sheet, strings);
    match hrs_widget::roster::import::import(&xlsx, "roster.xlsx", fuzz::edition()) {
        Ok(_) => panic!("{name}: read as a roster"),
        Err(e) => e.message_en(),
    }
}

/// Bug 2 (`import_workbook`, through calamine 0.36 `Range::from_sparse`): the sheet is read into a
/// dense grid spanning every cell reference, so a 600-byte sheet with a cell at `XFD1048576`
/// asked for 512 GiB and the process aborted ("memory allocation of 549755813888 bytes failed";
/// in the browser the docs module traps). A column reference too long for u32 (`RRRR…RF6`)
/// overflows in calamine's `get_row_and_optional_column`: a panic in debug builds, a wrapped
/// huge column (and the same abort) in release.
#[test]
fn bug_2_a_far_cell_reference_is_a_clean_error_not_an_abort() {
    for name in [
        "far-cell.xml",
        "column-overflow-crash-186f7da7b1cc6cb7ad39190e1597c917279aaf06",
    ] {
        let message = import_xlsx_xml(name);
        assert!(message.contains("The workbook"), "{name}: {message}");
    }
}

/// Bug 3 (`import_workbook`, through calamine 0.36 `Xlsx::new`): calamine reserves
/// `<sst uniqueCount="…">` strings before reading any, so an .xlsx whose sharedStrings.xml
/// claimed 99999999999 strings aborted ("memory allocation of 2399999999976 bytes failed"; on
/// wasm32 a count below 2³² gives "capacity overflow").
#[test]
fn bug_3_a_huge_shared_strings_count_is_a_clean_error_not_an_abort() {
    let message = import_xlsx_xml("shared-strings-count.xml");
    assert!(message.contains("The workbook"), "{message}");
}

/// Bug 4 (`import_workbook`, through calamine 0.36 `Ods::new`; found by hand while checking the
/// formats the XLSX target's `import` also accepts): any ZIP is opened with
/// `open_workbook_auto_from_rs`, so an OpenDocument sheet is read whatever its name, and calamine
/// expanded `table:number-rows-repeated="9000"` × `table:number-columns-repeated="10000"` into
/// 9×10⁷ cells (under its own 10⁸-cell limit): this 953-byte file took over 8 GB in 13 s and
/// aborted.
#[test]
fn bug_4_repeated_ods_cells_are_a_clean_error_not_gigabytes() {
    let data = regression("roster_xlsx", "ods-repeated-cells.ods");
    match hrs_widget::roster::import::import(&data, "roster.xlsx", fuzz::edition()) {
        Ok(_) => panic!("read as a roster"),
        Err(e) => assert!(e.message_en().contains("The workbook"), "{e}"),
    }
}

/// The saved inputs of `target` whose file name starts with `prefix`.
fn regressions_named(target: &str, prefix: &str) -> Vec<PathBuf> {
    let files: Vec<PathBuf> = inputs(&fuzz_dir().join("regressions").join(target))
        .into_iter()
        .filter(|f| {
            f.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .collect();
    assert!(!files.is_empty(), "{target}: no input named {prefix}*");
    files
}

/// The import's message for `file`, a saved input of `target` (which must be refused).
fn refused(target: &str, file: &Path) -> String {
    let data = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    match fuzz::run_with(target, &data, false) {
        Ok(()) => panic!("{}: read as a roster", file.display()),
        Err(message) => message,
    }
}

/// Bug 5 (src/roster/import.rs, `check_xlsx_bounds`, the byte-pattern pre-scan added for bugs
/// 2–4): XML the pre-scan did not recognise still reached calamine and aborted the process —
/// `r = "XFD1048576"` (spaces around `=`), `<x:c r="XFD1048576">` (namespace prefix),
/// `uniqueCount='99999999999'` or `uniqueCount = "…"`, single-quoted or spaced
/// `table:number-*-repeated`, and empty repeated ODS cells spanning 9000 × 9000 (not counted by
/// the pre-scan, laid out by calamine). The fuzzer then found `<row r="traditional2">`: the
/// pre-scan took the row number and ignored the letters, calamine's `get_row` multiplied them
/// into a u32 and overflowed (a panic with overflow checks). Fixed by checking every XML part
/// with quick-xml as calamine tokenizes it and following calamine's own reading of references,
/// repeats and empty cells (src/roster/workbook_check.rs); calamine reads only checked parts.
#[test]
fn bug_5_workbook_xml_past_the_old_pre_scan_is_a_clean_error_not_an_abort() {
    let cases = [
        ("roster_xlsx_xml", "spaces-around-equals"),
        ("roster_xlsx_xml", "namespace-prefix"),
        ("roster_xlsx_xml", "shared-strings-count-single-quotes"),
        ("roster_xlsx_xml", "shared-strings-count-spaces"),
        ("roster_xlsx_xml", "row-letters-overflow-crash"),
        ("roster_ods_xml", "repeats-single-quotes"),
        ("roster_ods_xml", "repeats-spaces"),
        ("roster_ods_xml", "empty-repeats-span"),
    ];
    for (target, prefix) in cases {
        for file in regressions_named(target, prefix) {
            let message = refused(target, &file);
            assert!(
                message.contains("The workbook"),
                "{}: {message}",
                file.display()
            );
        }
    }
}

/// Bug 6 (src/roster/import.rs, `import_workbook`, through calamine 0.36 `ods::read_table`, still
/// so in 0.38): an OpenDocument `content.xml` whose `<table:table table:name="…">` is not closed
/// made calamine loop forever at the end of the file (`read_table` ignores `Event::Eof`), so a
/// 330-byte file — any ZIP with the .ods mimetype, whatever its name — froze the import (the
/// browser tab). Found by the `roster_ods_xml` fuzzer (a timeout) in 13 s. Fixed with bug 5: a
/// part that is not well-formed XML (an element not closed) is refused before calamine reads it.
/// The import runs on a thread here so that a regression fails the test instead of hanging it.
#[test]
fn bug_6_an_unclosed_ods_table_is_a_clean_error_not_a_hang() {
    for file in regressions_named("roster_ods_xml", "unclosed-table") {
        let name = file.display().to_string();
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = done.send(refused("roster_ods_xml", &file));
        });
        match finished.recv_timeout(std::time::Duration::from_secs(20)) {
            Ok(message) => assert!(message.contains("The workbook"), "{name}: {message}"),
            Err(_) => panic!("{name}: the import still runs after 20 s"),
        }
    }
}

/// No bug is open: the workbook targets skip none of their seeds or saved inputs (see
/// `known_workbook_bug` in tests/fuzz/src/lib.rs, where a new open bug's inputs would be
/// skipped meanwhile, and `regressions/<target>/open-bugs/` for its inputs).
#[test]
fn the_fuzz_targets_skip_no_input_while_no_bug_is_open() {
    assert!(fuzz::skip_known_bugs() || std::env::var("FUZZ_SKIP_KNOWN_BUGS").is_ok());
    for target in ["roster_xlsx", "roster_xlsx_xml", "roster_ods_xml"] {
        for kind in ["seeds", "regressions"] {
            for file in inputs(&fuzz_dir().join(kind).join(target)) {
                let got = fuzz::run(target, &std::fs::read(&file).expect("input"));
                assert!(
                    !got.is_err_and(|m| m.contains("known bug")),
                    "{} skipped",
                    file.display()
                );
            }
        }
        assert!(
            inputs(
                &fuzz_dir()
                    .join("regressions")
                    .join(target)
                    .join("open-bugs")
            )
            .is_empty(),
            "{target}: an open bug's inputs without a test"
        );
    }
}
