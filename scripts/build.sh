#!/usr/bin/env bash
# Release build of the widget's start, wizard and full modules and of the document module:
#   cargo (size profile) → wasm-bindgen --target web → wasm-opt -Oz → www/pkg/.
# The start module (feature `start`: the start screen) is the first load; the wizard module
# (feature `widget`: up to and through the wizard) is prefetched once the start screen shows;
# its full module (feature `widget-full`: with the trainer and the comparison) is fetched when a
# user opens either; the document module (feature `docs`: DOCX /
# XLSX / ZIP, roster import) is the same crate built into its own target dir, which the widget
# loads with a dynamic import('./pkg/hrs_docs.js') the first time a package or an import is asked
# for. wasm-bindgen and wasm-opt run again only when cargo's output changed (a stamp per module).
# Each edition's named cases and the notice's original text are not in the widget wasm: they go to
# $out/<edition>.extras.json, which the trainer fetches when it opens (src/ui/trainer.rs).
#
# Browser floor (ARCHITECTURE.md, "Browser floor"): both modules are built for the WebAssembly MVP
# feature set, with std rebuilt from source (-Zbuild-std) for it. Rust's precompiled wasm32 std
# and its default target features carry reference-types and multivalue, which make wasm-bindgen
# emit externref glue that Chromium < 96 refuses ("invalid value type 'externref'"): a blank page
# on the 信创 browsers (Chrome 83–93 cores). RUSTC_BOOTSTRAP=1 lets stable cargo take -Z flags for
# this one build; rust-src comes from `scripts/setup.sh`. Both modules share one target dir, so std
# is compiled once. wasm-opt then keeps to the same MVP features (--mvp-features).
set -euo pipefail
cd "$(dirname "$0")/.."
out=www/pkg
mkdir -p "$out"

post_process() { # $1 = cargo's wasm, $2 = output name
  local wasm="$1" name="$2" stamp="$out/.$2.stamp" hash
  hash="$(sha256sum "$wasm" scripts/build.sh | sha256sum | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ] && [ -f "$out/${name}_bg.wasm" ] && [ -f "$out/$name.js" ]; then
    return
  fi
  rm -f "$out/$name.js" "$out/${name}_bg.wasm"
  wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name "$name" "$wasm"
  # The glue is part of the first load: minified (terser from npm) it is 9.5 → 6.8 KB gzip.
  scripts/node_modules/.bin/terser "$out/$name.js" --module --compress --mangle -o "$out/$name.js"
  # Size: --merge-similar-functions merges generic copies that differ only in constants;
  # --low-memory-unused lets constant offsets fold into loads/stores (Rust's wasm32 layout puts the
  # stack's bottom and nothing else in the first 1 KB); -Os gzips smaller than -Oz here (the
  # budget is gzip). Measured on the widget: -Oz 1001.3 KB / 379.6 KB gzip → 990.4 / 375.9.
  scripts/node_modules/.bin/wasm-opt --merge-similar-functions -Os --low-memory-unused \
    --strip-debug --strip-producers --strip-target-features --mvp-features \
    "$out/${name}_bg.wasm" -o "$out/${name}_bg.wasm"
  echo "$hash" > "$stamp"
}

write_extras() { # one <edition>.extras.json per edition under src/policy/editions
  node --input-type=module - "$out" <<'JS'
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
const dir = 'src/policy/editions';
for (const f of readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.cases.json'))) {
  const id = f.slice(0, -'.json'.length);
  const at = (ext) => `${dir}/${id}${ext}`;
  const extras = {
    format: 'hrs-edition-extras',
    edition: id,
    edition_sha256: createHash('sha256').update(readFileSync(at('.json'))).digest('hex'),
    cases: existsSync(at('.cases.json')) ? JSON.parse(readFileSync(at('.cases.json'), 'utf8')) : null,
    original: existsSync(at('.original.txt')) ? readFileSync(at('.original.txt'), 'utf8') : null,
  };
  // A sample edition is not bundled into the wasm: its text comes with its extras, fetched by the
  // loader when a host asks for it (edition="…"); the exact file text, so its hash holds.
  const text = readFileSync(at('.json'), 'utf8');
  if (JSON.parse(text).sample === true) extras.edition_json = text;
  writeFileSync(`${process.argv[2]}/${id}.extras.json`, JSON.stringify(extras));
  // The notice's own text as a page the loader can link to when the widget cannot run (no
  // WebAssembly): plain text with a BOM, so a server that sends no charset still shows UTF-8.
  if (extras.original) writeFileSync(`${process.argv[2]}/${id}.notice.txt`, `\ufeff${extras.original}`);
}
JS
}

# -Ctarget-cpu=mvp: no post-MVP instruction at all (not even bulk memory or sign extension), so
# the floor is set by the loader's JavaScript (Chromium 83 tested), never by the wasm.
# -Cpanic=immediate-abort (unstable, hence -Zunstable-options): a panic is a bare trap, with no
# formatting or message machinery compiled in (−17 KB gzip on the widget); the loader catches the
# trap either way (www/hrs-widget.js, src/ui/crash.rs).
# `cargo rustc --crate-type cdylib`: the wasm is a cdylib; Cargo.toml declares the lib rlib only
# (see there why).
web_cargo() {
  RUSTC_BOOTSTRAP=1 RUSTFLAGS="-Ctarget-cpu=mvp -Zunstable-options -Cpanic=immediate-abort ${HRS_WASM_RUSTFLAGS:-}" \
    cargo rustc --lib --crate-type cdylib --release --target wasm32-unknown-unknown --target-dir target/web \
    -Zbuild-std=std,panic_abort --quiet "$@"
}
wasm_out=target/web/wasm32-unknown-unknown/release/hrs_widget.wasm

# Issue 17, the first load: the start module (feature `start`: the start screen alone, no engine
# and no JSON reader) is all a first visit fetches; the loader prefetches the wizard module once
# the start screen shows and mounts it in its place on a choice. Same target dir and the same
# dependency features as the others, so only this crate is compiled again for it.
web_cargo --features start
post_process "$wasm_out" hrs_widget_start
# The wizard (feature `widget`); the full one (trainer and comparison too, `widget-full`) is
# loaded by www/hrs-widget.js only when a user opens either (issue 17).
web_cargo --features widget
post_process "$wasm_out" hrs_widget
web_cargo --features widget-full
post_process "$wasm_out" hrs_widget_full
write_extras

web_cargo --no-default-features --features docs
post_process "$wasm_out" hrs_docs
printf '[build] %s\n' "$(ls -l "$out"/*.wasm "$out"/*.js | awk '{print $5, $9}' | tr '\n' ' ')"
