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
#   libhiredis0.14 libmemcached11 libmemcachedutil2 libpcre2-posix3  what the unpacked proftpd links with
#   tcpd      the TCP wrappers' daemon that inetd.conf lines run before a server (kernel tests)
#   systemd   systemd-socket-activate, which binds a socket unit's addresses as systemd does (kernel tests)
#             and systemd-sysv-generator, which tells which init scripts the runlevel links start (differential)
# ProFTPD (proftpd-core, proftpd-mod-crypto for mod_tls) and Pure-FTPd (pure-ftpd, pure-ftpd-common)
# conflict with vsftpd, which the other tests need: they are unpacked under .cache/ftp-servers, not
# installed (see unpack_servers). So are xinetd and openbsd-inetd, which would start serving on the
# machine itself if installed; the kernel tests run them only inside network namespaces.
set -euo pipefail
packages=(vsftpd iproute2 util-linux iptables nftables ufw firewalld dbus curl python3 openssl neovim emacs-nox elpa-eglot chromium ripgrep libkrb5-dev pre-commit git libhiredis0.14 libmemcached11 libmemcachedutil2 libpcre2-posix3 tcpd systemd)

servers="$(cd "$(dirname "$0")/.." && pwd)/.cache/ftp-servers"
# Unpacks the FTP servers that conflict with vsftpd (apt-get download + dpkg-deb -x), once.
unpack_servers() {
  unpack proftpd usr/lib/proftpd/mod_tls.so proftpd-core proftpd-mod-crypto
  unpack pure-ftpd usr/sbin/pure-ftpd-wrapper pure-ftpd pure-ftpd-common
  unpack inetd usr/sbin/xinetd xinetd openbsd-inetd
}
# unpack NAME FILE-THAT-SAYS-DONE PACKAGE...
unpack() {
  local name=$1 done=$2; shift 2
  [ -e "$servers/$name/$done" ] && return 0
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "install-test-deps: not unpacking $name (needs root and apt-get); the tests that use it will be skipped" >&2
    return 0
  fi
  local download
  download=$(mktemp -d)
  # On a fresh machine the package lists may not be there yet.
  (cd "$download" && { apt-get download -qq "$@" 2>/dev/null || { apt-get update -qq && apt-get download -qq "$@"; }; })
  mkdir -p "$servers/$name"
  for deb in "$download"/*.deb; do dpkg-deb -x "$deb" "$servers/$name"; done
  rm -rf "$download"
}
trap unpack_servers EXIT
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
