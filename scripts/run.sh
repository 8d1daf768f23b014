#!/usr/bin/env bash
# README command 1: install what is missing, build the release widget, serve www/ on http://127.0.0.1:8080/
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
scripts/build.sh
exec node scripts/serve.mjs --port "${PORT:-8080}"
