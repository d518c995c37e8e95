#!/usr/bin/env bash
# Every test, on a fresh machine: installs what the tests need, builds, type-checks, runs them all.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
npm ci --no-audit --no-fund
# VS Code (code-server 4.100.3 from the npm registry) for the end-to-end tests; kept between runs in .cache/.
bash scripts/install-code-server.sh .cache/code-server
npm run build
npm run build:e2e
npm run typecheck
node scripts/run-tests.mjs "$@"
