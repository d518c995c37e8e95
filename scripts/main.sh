#!/usr/bin/env bash
# The main job: build everything and check the example deployment under examples/.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npm run build
echo
echo "== ftpwall check examples/"
status=0
node dist/cli.js check examples/ || status=$?
# 1 only means "findings at or above the threshold", which is what the examples are for.
[ "$status" -le 1 ] && exit 0 || exit "$status"
