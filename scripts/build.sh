#!/usr/bin/env bash
# Release build of the widget: cargo (size profile) → wasm-bindgen --target web → wasm-opt -Oz → www/pkg/.
set -euo pipefail
cd "$(dirname "$0")/.."
out=www/pkg
cargo build --lib --release --target wasm32-unknown-unknown --features widget --quiet
rm -rf "$out" && mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name hrs_widget \
  target/wasm32-unknown-unknown/release/hrs_widget.wasm
# Features rustc 1.95 enables by default for wasm32; wasm-opt must be told it may keep them.
scripts/node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$out/hrs_widget_bg.wasm" -o "$out/hrs_widget_bg.wasm"
printf '[build] %s\n' "$(ls -l "$out"/*.wasm "$out"/*.js | awk '{print $5, $9}' | tr '\n' ' ')"
