#!/usr/bin/env bash
# pre-commit's entry for ftpwall (.pre-commit-hooks.yaml). pre-commit keeps its own clone of this
# repository; the first run installs the npm packages and builds the CLI inside that clone (about
# half a minute), later runs start at once. Needs Node.js 20 and npm on PATH.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -f "$here/dist/cli.js" ]; then
  echo "ftpwall: first run: installing and building in $here" >&2
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error && node scripts/build.mjs) >&2
fi
exec node "$here/dist/cli.js" "$@"
