import { fixesOpenInKernel, hostFolder, verdictsMatchKernel } from './kernel-host.js';

/**
 * ProFTPD hosts, run by the real ProFTPD 1.3.8 (unpacked from Debian's packages) in the server
 * namespace: the passive range opened and not opened, a virtual host on 2121 (the main server
 * off with Port 0), TLS required with the FTP helper assigned (TLS blinds it), a PassivePorts
 * below 1024 in conf.d (ProFTPD starts without it and uses its default range), a
 * MasqueradeAddress (curl asks EPSV, whose reply carries no address), and the helper doing the
 * range's work.
 */
const PROFTPD_HOSTS = [
  'proftpd-range-opened', 'proftpd-range-not-opened', 'proftpd-vhost-2121', 'proftpd-tls-required-helper', 'proftpd-passive-below-1024',
  'proftpd-masquerade', 'proftpd-helper-range-closed',
  // A misspelt directive in the main file: ProFTPD does not start, so nothing gets through.
  'proftpd-refuses-to-start',
  // <Limit PASV EPSV> with DenyAll: passive mode off.
  'proftpd-passive-denied',
];

/**
 * Pure-FTPd hosts, run by the real pure-ftpd 1.0.50 as Debian starts it (pure-ftpd-wrapper over
 * /etc/pure-ftpd/conf): the range opened and not, Bind on 2121, TLS 2 with the helper assigned,
 * the range written in a file the wrapper skips (PassivePortRange.conf), NATmode (passive off), and
 * the helper doing the range's work; and upstream's pure-ftpd.conf read by pure-ftpd itself.
 */
const PUREFTPD_HOSTS = [
  'pureftpd-range-opened', 'pureftpd-range-not-opened', 'pureftpd-bind-2121', 'pureftpd-tls-required-helper', 'pureftpd-option-file-skipped',
  'pureftpd-natmode', 'pureftpd-helper-range-closed',
  // Upstream's pure-ftpd.conf, read by pure-ftpd itself (no option folder).
  'pureftpd-upstream-conf',
  // A passive range below 1024: pure-ftpd exits at start, so nothing gets through. A ForcePassiveIP (curl asks EPSV).
  'pureftpd-passive-below-1024', 'pureftpd-force-passive-ip',
];

/**
 * vsftpd with tcp_wrappers=YES, run with the host's hosts.allow and hosts.deny over /etc: every
 * client refused behind an open firewall, the clients' network allowed, another network allowed.
 */
const TCP_WRAPPERS_HOSTS = ['tcp-wrappers-deny-all', 'tcp-wrappers-allow-clients', 'tcp-wrappers-other-clients'];

/** Servers bound to a loopback address, behind a firewall that lets FTP in: vsftpd over IPv4 and over IPv6, Pure-FTPd's Bind. */
const LISTEN_ADDRESS_HOSTS = ['listen-address-loopback', 'listen-address6-loopback', 'pureftpd-bind-loopback'];

/**
 * vsftpd started for each connection (listen=NO, listen_ipv6=NO) by the real xinetd or Debian's
 * openbsd-inetd (unpacked), as the host's files set them: the "ftp" service's port whatever
 * listen_port says, an IPv6-only "tcp6" socket, a port xinetd refuses for a listed service,
 * tcpd asking libwrap first, and an UNLISTED entry on 2121 over IPv4 only; and by socket units.
 */
const INETD_HOSTS = [
  'xinetd-listen-port-ignored', 'inetd-tcp6-only', 'xinetd-port-refused', 'inetd-tcpd-denied', 'xinetd-unlisted-2121',
  // A socket unit of the host's own (Accept=yes), its addresses bound by systemd-socket-activate: a port alone, and an IPv4 address.
  'socket-unit-both-families', 'socket-unit-ipv4-2121',
  // ProFTPD with ServerType inetd run by xinetd on 2121 (its Port 21 not read), active data from 2120.
  'proftpd-xinetd-2121',
  // Debian's pure-ftpd left to inetd (STANDALONE_OR_INETD=inetd): the wrapper through tcpd on 21, its Bind's 2121 not read.
  'pureftpd-inetd-2121-ignored',
  // xinetd's only_from and no_access for the clients .ftpwall.json names: a trailing-zero wildcard, no_access winning, another network.
  'xinetd-only-from-wildcard', 'xinetd-no-access-wins', 'xinetd-only-from-other',
];

const HOSTS = [...PROFTPD_HOSTS, ...PUREFTPD_HOSTS, ...TCP_WRAPPERS_HOSTS, ...LISTEN_ADDRESS_HOSTS, ...INETD_HOSTS].map(hostFolder);
verdictsMatchKernel(HOSTS, 1, {
  says: `covers at least 6 ProFTPD hosts (${PROFTPD_HOSTS.length}), 6 Pure-FTPd hosts (${PUREFTPD_HOSTS.length}), 3 vsftpd hosts behind TCP wrappers (${TCP_WRAPPERS_HOSTS.length}) and 7 started for each connection by inetd, xinetd or a socket unit (${INETD_HOSTS.length})`,
  holds: PROFTPD_HOSTS.length >= 6 && PUREFTPD_HOSTS.length >= 6 && TCP_WRAPPERS_HOSTS.length >= 3 && INETD_HOSTS.length >= 7,
});

fixesOpenInKernel([
  // The range goes into the firewall; ProFTPD's PassivePorts already names it.
  { folder: hostFolder('proftpd-range-not-opened'), rule: 'ftp/passive-blocked', path: 'passive' },
  // No PassivePorts that ProFTPD reads: the fix gives it a small range and opens that.
  { folder: hostFolder('proftpd-passive-below-1024'), rule: 'ftp/passive-blocked', path: 'passive' },
  // Pure-FTPd: the range its PassivePortRange file names, opened in the firewall.
  { folder: hostFolder('pureftpd-range-not-opened'), rule: 'ftp/passive-blocked', path: 'passive' },
  // Pure-FTPd without a PassivePortRange it reads: the fix makes the option file and opens its range.
  { folder: hostFolder('pureftpd-option-file-skipped'), rule: 'ftp/passive-blocked', path: 'passive' },
  // hosts.deny refuses every client: the clients' network goes first into hosts.allow.
  { folder: hostFolder('tcp-wrappers-deny-all'), rule: 'ftp/refused-by-tcp-wrappers', path: 'passive' },
], HOSTS.length + 1);
