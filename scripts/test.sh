#!/usr/bin/env bash
# README command 2: install what is missing, then run every test tier:
#   1. lint: cargo fmt --check, cargo clippy -D warnings (native and wasm32)
#   2. native: cargo test (policy core, engine, CLI)
#   3. browser unit: wasm-bindgen-test in headless Chromium (cargo test --target wasm32-unknown-unknown)
#   4. end-to-end: release build served locally, playwright-core drives Debian's Chromium (+ axe-core)
# Ends with one summary line "tests: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test

log_dir="target/test-logs"; mkdir -p "$log_dir"
passed=0; failed=0
count_cargo() { # sums "test result: ok. X passed; Y failed" lines of a cargo test log
  local p f
  p=$(grep -Eo '[0-9]+ passed' "$1" | awk '{s+=$1} END {print s+0}')
  f=$(grep -Eo '[0-9]+ failed' "$1" | awk '{s+=$1} END {print s+0}')
  echo "$1: $p passed, $f failed"
  passed=$((passed + p)); failed=$((failed + f))
}

echo "== lint"
cargo fmt --all -- --check
cargo clippy --all-targets --all-features --quiet -- -D warnings
# Every widget build (issue 17): the full module (with the browser tests, which open the trainer)
# and the first module (`widget` alone: its cfg gates leave the trainer and the comparison out).
cargo clippy --lib --test browser --target wasm32-unknown-unknown --features widget-full --quiet -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown --features widget --quiet -- -D warnings
# The start module (issue 17: `start` alone, the start screen without the wizard).
cargo clippy --lib --target wasm32-unknown-unknown --features start --quiet -- -D warnings

echo "== native tests (cargo test)"
cargo test --all-features 2>&1 | tee "$log_dir/native.log"
count_cargo "$log_dir/native.log"

echo "== browser unit tests (wasm-bindgen-test, headless Chromium)"
# .cargo/config.toml sets wasm-bindgen-test-runner as the wasm32 runner; it drives chromedriver.
CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}" \
  cargo test --target wasm32-unknown-unknown --features widget-full --test browser 2>&1 | tee "$log_dir/browser.log"
count_cargo "$log_dir/browser.log"

echo "== end-to-end tests (playwright-core + axe-core, Debian Chromium)"
scripts/build.sh
(cd tests/e2e && node --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination=../../target/test-logs/e2e.tap ./*.test.mjs)
p=$(grep -E '^# pass ' target/test-logs/e2e.tap | awk '{print $3}')
f=$(grep -E '^# fail ' target/test-logs/e2e.tap | awk '{print $3}')
echo "e2e: $p passed, $f failed"
passed=$((passed + p)); failed=$((failed + f))

echo
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
