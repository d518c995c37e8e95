#!/usr/bin/env bash
# Installs the Debian packages the tests use as oracles and tools, when they are missing:
#   vsftpd    the real vsftpd 3.0.3, the oracle for which configs it accepts
#   iproute2  `ip`, to bring up loopback inside throwaway network namespaces
#   util-linux `unshare`, for those namespaces
#   iptables  iptables-legacy-restore and iptables-nft-restore, the oracles for rule files
#   nftables  nft, the oracle for nftables rulesets (nft -c) and their loader in the kernel tests
#   ufw       ufw's boot script (ufw-init), which loads a ufw host's files in the kernel tests and the ufw differential
#   firewalld, dbus  firewall-offline-cmd --check-config (the firewalld differential) and the daemon with its own system bus (kernel tests)
#   curl, python3, openssl  FTP and FTPS clients and a test certificate for the kernel test
#   neovim, emacs-nox, elpa-eglot  real LSP clients for the editor tests
#   chromium, ripgrep, libkrb5-dev  the browser that drives code-server, and what code-server's install needs
#   pre-commit, git  the pre-commit framework, to run ftpwall's hook as its users do
set -euo pipefail
packages=(vsftpd iproute2 util-linux iptables nftables ufw firewalld dbus curl python3 openssl neovim emacs-nox elpa-eglot chromium ripgrep libkrb5-dev pre-commit git)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  # Not an error: the suites that need these report themselves skipped (and a CI run fails on that).
  echo "install-test-deps: not installing ${missing[*]} (needs root and apt-get); the tests that use them will be skipped" >&2
  exit 0
fi
echo "install-test-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
