//! Fuzz regressions: every saved fuzz input is replayed natively through the same function its
//! fuzz target runs (`tests/fuzz/src/lib.rs`, included below), asserting no panic and, when the
//! input is rejected, a clean error with a message.
//!
//! * `tests/fuzz/seeds/<target>/` — the hand-made seed inputs the fuzzers start from;
//! * `tests/fuzz/regressions/<target>/` — every input that ever crashed a fuzzer
//!   (`scripts/fuzz.sh` copies new crash inputs there);
//! * `tests/fuzz/regressions/<target>/open-bugs/` — crash inputs of bugs not fixed yet, each
//!   replayed by its own `#[ignore]`d test naming the bug; once fixed, move the file up one level
//!   and delete that test.
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
    let result = catch_unwind(AssertUnwindSafe(|| fuzz::run(target, &data)));
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
fn the_seeds_exercise_the_parsers_not_only_their_errors() {
    // Each target has a seed that reads successfully, so the replay goes past the first check.
    let dir = fuzz_dir();
    for target in fuzz::TARGETS {
        let ok = inputs(&dir.join("seeds").join(target))
            .iter()
            .any(|f| fuzz::run(target, &std::fs::read(f).expect("seed")).is_ok());
        assert!(ok, "{target}: no seed reads successfully");
    }
}
