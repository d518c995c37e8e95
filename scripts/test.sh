#!/usr/bin/env bash
# Every test, on a fresh machine: installs what the tests need, builds, type-checks, runs them all.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
npm ci --no-audit --no-fund
npm run build
npm run typecheck
node scripts/run-tests.mjs "$@"
