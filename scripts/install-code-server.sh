#!/usr/bin/env bash
# Installs code-server (VS Code served from the npm registry) into DIR for the end-to-end tests,
# without any download outside the npm registry: install scripts are skipped, the native modules
# are rebuilt from source, and Debian's ripgrep replaces the one that would be downloaded.
# Usage: install-code-server.sh DIR    (needs apt packages ripgrep libkrb5-dev, g++, make, python3)
set -euo pipefail
mkdir -p "$1"
dir=$(cd "$1" && pwd)
version=${CODE_SERVER_VERSION:-4.100.3}   # the last release that runs on Node 20 (VS Code 1.100.3)
if [ -x "$dir/node_modules/.bin/code-server" ] && [ -f "$dir/.complete-$version" ]; then exit 0; fi
cd "$dir"
[ -f package.json ] || echo '{ "name": "ftpwall-code-server", "private": true }' > package.json
npm install --ignore-scripts --no-audit --no-fund "code-server@$version"
npm rebuild argon2
cd node_modules/code-server/lib/vscode
npm install --omit=dev --ignore-scripts --no-audit --no-fund
npm_config_yes=true npm rebuild kerberos @parcel/watcher node-pty @vscode/deviceid @vscode/spdlog native-watchdog
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sf code-linux.sh code-server)
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev --no-audit --no-fund)
touch "$dir/.complete-$version"
