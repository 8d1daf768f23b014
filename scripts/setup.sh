#!/usr/bin/env bash
# Installs what the project needs on a Debian machine, skipping what is already there.
#   scripts/setup.sh build   wasm target, rust-src (std is rebuilt for the MVP wasm feature set, see
#                            scripts/build.sh), wasm-bindgen CLI (= Cargo.lock), wasm-opt (npm binaryen)
#   scripts/setup.sh test    the above + Chromium, ChromeDriver, a CJK font, LibreOffice + poppler-utils,
#                            playwright-core, axe-core, and the old Chromium builds (83, 90, 92, 106,
#                            110) that npm packages ship, unpacked under target/old-chromium
# Idempotent: every step checks the installed version first. Nothing downloads its own binaries:
# everything comes from apt, rustup, crates.io or npm.
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-build}"
say() { printf '[setup] %s\n' "$*"; }
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"

apt_packages=()
if [ "$profile" = "test" ]; then
  # LibreOffice + poppler: tests/package.rs renders the generated DOCX / XLSX to PDF and reads the text back.
  apt_packages+=(chromium chromium-driver fonts-wqy-microhei libreoffice-writer libreoffice-calc poppler-utils)
fi
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  say "apt: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  say "apt: ok"
fi

if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rust wasm32 target: ok"
else
  say "rust: adding wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# scripts/build.sh rebuilds std for the wasm MVP (-Zbuild-std), which needs std's source.
if rustup component list --installed | grep -qx rust-src; then
  say "rust-src: ok"
else
  say "rust: adding rust-src"
  rustup component add rust-src
fi

# The CLI must equal the wasm-bindgen crate version in Cargo.lock, or its output won't load.
wbg_version="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)"
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" = "$wbg_version" ]; then
  say "wasm-bindgen $wbg_version: ok"
else
  # --locked fails here (the registry mirror lacks one pinned transitive crate); unlocked works.
  say "cargo install wasm-bindgen-cli $wbg_version (about 2 minutes, once)"
  cargo install wasm-bindgen-cli --version "$wbg_version" --quiet
fi

npm_ci() { # $1 = folder with package-lock.json; reinstall only when the lockfile changed
  local dir="$1" stamp="$1/node_modules/.lock-hash" hash
  hash="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ]; then
    say "npm $dir: ok"
  else
    say "npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$hash" > "$stamp"
  fi
}
npm_ci scripts
if [ "$profile" = "test" ]; then
  npm_ci tests/e2e
  # Old Chromium builds inside npm packages (tests/e2e/old-chromium.test.mjs); unpacked once.
  npm_ci tests/old-chromium
  node tests/old-chromium/unpack.mjs >/dev/null
  say "old Chromium builds: unpacked under target/old-chromium"
fi
