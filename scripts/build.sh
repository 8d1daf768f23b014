#!/usr/bin/env bash
# Release build of the widget and of the document module: cargo (size profile) → wasm-bindgen --target web → wasm-opt -Oz → www/pkg/.
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
# The document module (DOCX / XLSX / ZIP, roster import): same crate, feature `docs`, its own
# target dir so the two builds don't overwrite each other's hrs_widget.wasm. The widget loads it
# with a dynamic import('./pkg/hrs_docs.js') the first time a package or an import is asked for.
cargo build --lib --release --target wasm32-unknown-unknown --no-default-features --features docs \
  --target-dir target/docs --quiet
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name hrs_docs \
  target/docs/wasm32-unknown-unknown/release/hrs_widget.wasm
scripts/node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$out/hrs_docs_bg.wasm" -o "$out/hrs_docs_bg.wasm"
printf '[build] %s\n' "$(ls -l "$out"/*.wasm "$out"/*.js | awk '{print $5, $9}' | tr '\n' ' ')"
