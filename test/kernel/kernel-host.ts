import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { recognize } from '../../server/src/analysis/languages.js';
import { hostPaths, type HostPaths } from '../../server/src/engine/paths.js';
import type { Host } from '../../server/src/host/host.js';
import { TestNetwork } from '../helpers/netns.js';
import { unmet } from '../helpers/requirements.js';
import { bootArguments } from '../../server/src/languages/iptables/script-arguments.js';
import { scratch } from '../helpers/temp.js';
import { writeServerUsers } from '../helpers/server-users.js';
import { readScope } from '../../server/src/cli/read-scope.js';
import { runCheck } from '../../server/src/cli/check-command.js';
import { applyEdits } from '../../server/src/analysis/apply-edits.js';
import { ufwRulesFile } from '../../server/src/languages/ufw/ufw-files.js';
import { PROFTPD, PROFTPD_ROOT, proftpdMounts } from '../differential/proftpd-oracle.js';
import { PUREFTPD, PUREFTPD_ROOT, PUREFTPD_WRAPPER } from '../differential/pureftpd-oracle.js';

/*
 * The kernel as the oracle: a host's firewall loaded into a throwaway server namespace as its
 * administrator would load it, the real vsftpd there, and FTP clients in a client namespace.
 * The test files call verdictsMatchKernel and fixesOpenInKernel with their hosts.
 */

export const root = join(import.meta.dirname, '..', '..');
export const hostFolder = (name: string) => join(root, 'test', 'kernel', 'hosts', name);
const work = scratch({});

/** A copy of a ufw host with ufw's files as Debian installs them wherever the host does not hold its own. */
export function withStockUfw(folder: string): string {
  const copy = join(work, folder.split('/').pop()!);
  cpSync(folder, copy, { recursive: true });
  const stock = join(root, 'test', 'fixtures', 'shipped', 'ufw');
  const place = (from: string, to: string) => { if (!existsSync(join(copy, to))) { mkdirSync(dirname(join(copy, to)), { recursive: true }); copyFileSync(join(stock, from), join(copy, to)); } };
  for (const name of ['before', 'after', 'user']) for (const six of ['', '6']) place(`usr/share/ufw/iptables/${name}${six}.rules`, `etc/ufw/${name}${six}.rules`);
  place('etc/default/ufw', 'etc/default/ufw');
  place('usr/share/ufw/ufw.conf', 'etc/ufw/ufw.conf');
  return copy;
}

export function hostAt(folder: string): Host {
  const { hosts } = readScope([folder]);
  assert.equal(hosts.length, 1, `${folder} should be one host`);
  return hosts[0]!.loaded.host;
}

const certificate = join(work, 'cert.pem'), key = join(work, 'key.pem');

/** Loads each of the host's firewall files into the server namespace as the administrator would: iptables first, then nftables. */
export function loadFirewall(net: TestNetwork, host: Host, namespace = net.server): void {
  const byLanguage = host.firewalls.map((f) => ({ path: f.path, language: recognize(f.path, readFileSync(f.path, 'utf8'))!.id }));
  byLanguage.sort((a, b) => Number(a.language === 'nftables') - Number(b.language === 'nftables'));
  for (const { path, language } of byLanguage) {
    if (ufwRulesFile(path) || language === 'ufw-settings') runUfw(net, host, namespace);
    else if (language === 'firewalld') runFirewalld(net, host, namespace);
    else if (language === 'iptables') {
      const restore = host.firewalls.find((f) => f.path === path)?.doc.family === 'ipv6' ? 'ip6tables-restore' : 'iptables-restore';
      const run = net.run(namespace, restore, [], { input: readFileSync(path, 'utf8') });
      assert.equal(run.status, 0, `${restore} failed: ${run.stderr}`);
    } else if (language === 'nftables') {
      // Inside the host's /etc, so that its includes name the host's own files.
      const run = net.run(namespace, 'unshare', ['--mount', '--propagation', 'private', 'sh', '-c', `mount -t overlay ftpwall-etc -o lowerdir=${join(host.root, 'etc')}:/etc /etc && exec nft -f ${path}`]);
      assert.equal(run.status, 0, `nft -f failed: ${run.stderr}`);
    } else runScript(net, host, path, namespace);
  }
}

/**
 * A firewall script runs as written, as root in the server namespace, inside a private mount
 * namespace where the host folder's etc/ lies over /etc (read-only, so the script sources and
 * restores the host's own files) and modprobe and sysctl are stubs (they would touch this
 * machine's kernel). The machine's /etc is never written.
 */
function runScript(net: TestNetwork, host: Host, script: string, namespace: string): void {
  // firewall-cmd talks to a running firewalld: the script runs beside one.
  if (/^\s*(sudo\s+)?firewall-(cmd|offline-cmd)\s/m.test(readFileSync(script, 'utf8'))) { runFirewalld(net, host, namespace, script); return; }
  const stubs = join(work, 'stubs');
  mkdirSync(stubs, { recursive: true });
  for (const tool of ['modprobe', 'sysctl']) { writeFileSync(join(stubs, tool), '#!/bin/sh\nexit 0\n'); chmodSync(join(stubs, tool), 0o755); }
  const text = readFileSync(script, 'utf8').replace(/^(\s*)(\/sbin\/|\/usr\/sbin\/)?modprobe\b/gm, '$1true');
  const copy = join(work, `script-${namespace}.sh`);
  writeFileSync(copy, text);
  const etc = join(host.root, 'etc');
  // ufw commands write ufw's saved state: over the read-only /etc goes a writable copy of ufw's files as installed, the host's own on top.
  const ufw = /^\s*(sudo\s+)?ufw\s/m.test(text) ? writableUfw(host, namespace) : undefined;
  const ufwMounts = ufw ? ` && mount --bind ${ufw}/ufw /etc/ufw && mount --bind ${ufw}/default-ufw /etc/default/ufw && { [ ! -e /usr/sbin/modprobe ] || mount --bind /bin/true /usr/sbin/modprobe; }` : '';
  // As boot starts it: an init script with `start` (a script whose start is unknown is judged conditional, and no kernel host is).
  const started = bootArguments(script, host.root).filter((a): a is string => typeof a === 'string').join(' ');
  const inner = `mount -t overlay ftpwall-etc -o lowerdir=${etc}:/etc /etc${ufwMounts} && PATH=${stubs}:$PATH exec sh ${copy} ${started}`;
  const run = net.run(namespace, 'unshare', ['--mount', '--propagation', 'private', 'sh', '-c', inner]);
  // A script that says `set -e` may end early on purpose; any other must run to its end.
  if (!/^\s*set -e/m.test(text)) assert.equal(run.status, 0, `firewall script failed: ${run.stderr}`);
}

/** A fresh copy of ufw's files as Debian installs them (ufw.conf: not enabled), the host's own files of etc/ufw laid over them. */
function writableUfw(host: Host, namespace: string): string {
  const dir = join(work, `ufw-state-${namespace}-${Date.now()}`);
  const stock = join(root, 'test', 'fixtures', 'shipped', 'ufw');
  cpSync(join(stock, 'etc', 'ufw'), join(dir, 'ufw'), { recursive: true });
  for (const name of readdirSync(join(stock, 'usr', 'share', 'ufw', 'iptables'))) copyFileSync(join(stock, 'usr', 'share', 'ufw', 'iptables', name), join(dir, 'ufw', name));
  copyFileSync(join(stock, 'usr', 'share', 'ufw', 'ufw.conf'), join(dir, 'ufw', 'ufw.conf'));
  copyFileSync(join(stock, 'etc', 'default', 'ufw'), join(dir, 'default-ufw'));
  if (existsSync(join(host.root, 'etc', 'ufw'))) cpSync(join(host.root, 'etc', 'ufw'), join(dir, 'ufw'), { recursive: true });
  return dir;
}

/**
 * ufw's boot script (/lib/ufw/ufw-init start, as ufw.service runs it) in the server namespace,
 * inside a private mount namespace where the host's etc/ufw and etc/default/ufw lie over the
 * machine's and modprobe does nothing (modules are the machine's kernel's).
 */
function runUfw(net: TestNetwork, host: Host, namespace: string): void {
  const etc = join(host.root, 'etc');
  const inner = `mount --bind ${etc}/ufw /etc/ufw && mount --bind ${etc}/default/ufw /etc/default/ufw && { [ ! -e /usr/sbin/modprobe ] || mount --bind /bin/true /usr/sbin/modprobe; } && exec /lib/ufw/ufw-init start`;
  const run = net.run(namespace, 'unshare', ['--mount', '--propagation', 'private', 'sh', '-c', inner]);
  assert.equal(run.status, 0, `ufw-init failed: ${run.stdout} ${run.stderr}`);
}

/** firewalld's own folder as the package installs it (firewalld.conf, empty zones/ and services/), copied to be written. */
function freshFirewalld(namespace: string): string {
  const dir = join(work, `firewalld-etc-${namespace}-${Date.now()}`);
  cpSync('/etc/firewalld', dir, { recursive: true });
  for (const sub of ['zones', 'services', 'helpers', 'policies']) { rmSync(join(dir, sub), { recursive: true, force: true }); mkdirSync(join(dir, sub)); }
  return dir;
}

/**
 * The real firewalld in the server namespace, in a pid and mount namespace of its own (so that it
 * and its system bus die with the process the test tracks), the host's etc/firewalld over
 * /etc/firewalld and a fresh /run/dbus; waits until it says it is running (or failed, when it
 * fell back to its stock configuration).
 */
function runFirewalld(net: TestNetwork, host: Host, namespace: string, provisioning?: string): void {
  const state = join(work, `firewalld-state-${namespace}`);
  // A host configured by a script's firewall-cmd commands starts from a writable copy of firewalld's files as installed.
  const etc = existsSync(join(host.root, 'etc', 'firewalld')) ? join(host.root, 'etc', 'firewalld') : freshFirewalld(namespace);
  const script = [
    'mount --make-rprivate /', 'mount -t tmpfs tmpfs /run/dbus', `mount --bind ${etc} /etc/firewalld`,
    'dbus-daemon --system --fork --nopidfile', 'firewalld --nofork --nopid &',
    'for i in $(seq 1 150); do s=$(firewall-cmd --state 2>&1); case "$s" in running|failed) break;; esac; sleep 0.1; done',
    ...(provisioning ? [`sh ${provisioning} > ${state}.log 2>&1`] : []),
    `echo "$s" > ${state}`, 'wait',
  ].join('\n');
  net.start(namespace, 'unshare', ['--mount', '--pid', '--fork', 'sh', '-c', script]);
  for (let i = 0; i < 200; i++) {
    if (existsSync(state) && readFileSync(state, 'utf8').trim()) return;
    spawnSync('sleep', ['0.1']);
  }
  assert.fail('firewalld did not start');
}

/** Starts the real vsftpd with the host's config; anonymous login replaces local users so no account is needed. */
/**
 * A folder for the server of network `net`, with the anonymous root (one file in it) that every
 * server here serves; readable by the anonymous user, which the scratch folders (0700) are not.
 */
function serverFolder(net: TestNetwork, name: string): { dir: string; root: string } {
  const dir = join(work, `${name}-${net.id}`);
  const root = join(dir, 'root');
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'hello.txt'), 'hello\n');
  for (const folder of [work, dir, root]) chmodSync(folder, 0o755);
  return { dir, root };
}

/** A copy of the host's etc/, with the users a server needs, to lie over /etc. */
function hostEtc(host: Host, dir: string, ftpHome: string): string {
  const etc = join(dir, 'etc');
  cpSync(join(host.root, 'etc'), etc, { recursive: true, verbatimSymlinks: true });
  writeServerUsers(etc, ftpHome);
  return etc;
}

/** The inetd daemons, unpacked from Debian's packages (they would start at once if installed): see scripts/install-test-deps.sh. */
const INETD_ROOT = join(import.meta.dirname, '..', '..', '.cache', 'ftp-servers', 'inetd');
const XINETD = join(INETD_ROOT, 'usr', 'sbin', 'xinetd');
const INETD = join(INETD_ROOT, 'usr', 'sbin', 'inetd');

/** What vsftpd needs for the test whatever the host says: anonymous login into the test's folder, and the test certificate for TLS. */
function testSettings(root: string, tls: boolean): string[] {
  const settings = ['anonymous_enable=YES', 'local_enable=NO', 'no_anon_password=YES', `anon_root=${root}`];
  if (tls) settings.push(`rsa_cert_file=${certificate}`, `rsa_private_key_file=${key}`, 'allow_anon_ssl=YES', 'force_anon_logins_ssl=YES', 'force_anon_data_ssl=YES');
  return settings;
}

/**
 * Starts the host's inetd or xinetd, which runs vsftpd for each connection as its files say, in a
 * private mount namespace where a copy of the host's etc/ lies over /etc.
 */
function startByInetd(net: TestNetwork, host: Host, tls: boolean, byXinetd: boolean): void {
  const { dir, root } = serverFolder(net, 'inetd');
  const etc = hostEtc(host, dir, root);
  appendTestSettings(host, etc, root, tls);
  const daemon = inetdCommand(etc, dir, byXinetd);
  net.start(net.server, 'unshare', ['--mount', 'sh', '-c', `mount --make-rprivate / && mount -t overlay ftpwall-etc -o lowerdir=${etc}:/etc /etc && exec ${daemon} < /dev/null`]);
  waitForListening(net, host.server.controlPort, byXinetd ? 'xinetd' : 'inetd', !!host.server.refusesToStart);
}

/** The command that runs the host's inetd or xinetd, in the foreground, over `etc` (the copy of its etc/ that lies over /etc). */
function inetdCommand(etc: string, dir: string, byXinetd: boolean): string {
  // Debian's xinetd.conf says only "includedir /etc/xinetd.d"; a host that keeps the folder alone gets that.
  if (byXinetd && !existsSync(join(etc, 'xinetd.conf'))) writeFileSync(join(etc, 'xinetd.conf'), 'includedir /etc/xinetd.d\n');
  return byXinetd ? `${XINETD} -dontfork -f /etc/xinetd.conf -pidfile ${join(dir, 'xinetd.pid')}` : `${INETD} -d /etc/inetd.conf`;
}

/** Which daemon the host's files have start its server for each connection, told by the files alone (not by ftpwall's reading of them). */
function inetdOf(host: Host): 'xinetd' | 'inetd' | undefined {
  const has = (path: string) => existsSync(join(host.root, 'etc', path));
  return has('xinetd.conf') || has('xinetd.d') ? 'xinetd' : has('inetd.conf') ? 'inetd' : undefined;
}

/**
 * An enabled socket unit of the host's that accepts connections (Accept=yes), as systemd would run
 * it: its ListenStream= addresses (after the last empty one) and the command of its NAME@.service.
 */
function socketUnitOf(host: Host): { listens: string[]; command: string } | undefined {
  const folder = join(host.root, 'etc', 'systemd', 'system');
  // The links in sockets.target.wants point into the real /etc: they are listed, not followed.
  const wanted = existsSync(join(folder, 'sockets.target.wants')) ? readdirSync(join(folder, 'sockets.target.wants')) : [];
  const names = existsSync(folder) ? readdirSync(folder).filter((n) => n.endsWith('.socket') && wanted.includes(n)) : [];
  for (const name of names) {
    const text = readFileSync(join(folder, name), 'utf8');
    if (!/^Accept=(yes|true|on|1)$/m.test(text)) continue;
    const all = [...text.matchAll(/^ListenStream=(.*)$/gm)].map((m) => m[1]!.trim());
    const service = readFileSync(join(folder, name.replace(/\.socket$/, '@.service')), 'utf8');
    const command = /^ExecStart=[-@:+!]*(.*)$/m.exec(service)![1]!.trim();
    return { listens: all.slice(all.lastIndexOf('') + 1), command };
  }
  return undefined;
}

/**
 * Starts what a socket unit of the host's would: systemd-socket-activate (systemd's own, reading
 * addresses as socket units do) listening on its ListenStream= addresses and running its
 * service's command for each connection (--inetd -a), with a copy of the host's etc/ over /etc.
 */
function startBySocket(net: TestNetwork, host: Host, tls: boolean, unit: { listens: string[]; command: string }): void {
  const { dir, root } = serverFolder(net, 'socket');
  const etc = hostEtc(host, dir, root);
  appendTestSettings(host, etc, root, tls);
  const activate = ['systemd-socket-activate', '--inetd', '-a', ...unit.listens.map((l) => `-l ${l}`), unit.command].join(' ');
  net.start(net.server, 'unshare', ['--mount', 'sh', '-c', `mount --make-rprivate / && mount -t overlay ftpwall-etc -o lowerdir=${etc}:/etc /etc && exec ${activate} < /dev/null`]);
  waitForListening(net, host.server.controlPort, 'systemd-socket-activate', !!host.server.refusesToStart);
}

/** The copy's vsftpd.conf, ending with the test's settings (vsftpd takes a directive's last line). */
function appendTestSettings(host: Host, etc: string, root: string, tls: boolean): void {
  const conf = join(etc, host.vsftpd!.path.slice(join(host.root, 'etc').length + 1));
  writeFileSync(conf, `${readFileSync(conf, 'utf8').replace(/\n?$/, '\n')}# Added by the kernel test\n${testSettings(root, tls).join('\n')}\n`);
}

export function startVsftpd(net: TestNetwork, host: Host, tls: boolean): void {
  const inetd = inetdOf(host);
  if (inetd) { startByInetd(net, host, tls, inetd === 'xinetd'); return; }
  const socket = socketUnitOf(host);
  if (socket) { startBySocket(net, host, tls, socket); return; }
  const { dir, root } = serverFolder(net, 'ftp');
  if (host.vsftpd) copyFileSync(host.vsftpd.path, join(dir, 'vsftpd.conf')); else writeFileSync(join(dir, 'vsftpd.conf'), '');
  // Where the host's vsftpd listens on IPv6, it does here too (on ::, which takes IPv4 clients as well).
  const listen = host.server.ipv6 ? ['-olisten=NO', '-olisten_ipv6=YES'] : ['-olisten=YES', '-olisten_ipv6=NO'];
  const overrides = [...listen, '-obackground=NO', ...testSettings(root, tls).map((setting) => `-o${setting}`)];
  const start = ['/usr/sbin/vsftpd', join(dir, 'vsftpd.conf'), ...overrides];
  // libwrap reads /etc/hosts.allow and /etc/hosts.deny: the host's go over /etc in a mount namespace of vsftpd's own.
  if (host.hostsAccess.length) {
    const etc = hostEtc(host, dir, root);
    net.start(net.server, 'unshare', ['--mount', 'sh', '-c', `mount --make-rprivate / && mount -t overlay ftpwall-etc -o lowerdir=${etc}:/etc /etc && exec ${start.join(' ')} < /dev/null`]);
  } else net.start(net.server, start[0]!, start.slice(1));
  waitForListening(net, host.server.controlPort, 'vsftpd');
}

/**
 * Starts the real ProFTPD (unpacked, see scripts/install-test-deps.sh) with the host's
 * configuration, in a private mount namespace where a copy of the host's etc/ lies over /etc.
 * The copy adds what a test needs and the files do not say: anonymous login for every server
 * (a <Global> <Anonymous>), the `proftpd` and `ftp` users, and the test certificate when the
 * host turns TLS on.
 */
function startProftpd(net: TestNetwork, host: Host, tls: boolean): void {
  const { dir, root } = serverFolder(net, 'proftpd');
  const etc = hostEtc(host, dir, root);
  const main = relativeMain(host);
  const added = [
    '', '# Added by the kernel test: anonymous login, so that no account is needed; no DNS lookups of the client (the namespace has no DNS).',
    'UseReverseDNS off', '<Global>',
    ...(tls ? [`  TLSRSACertificateFile ${certificate}`, `  TLSRSACertificateKeyFile ${key}`] : []),
    `  <Anonymous ${root}>`, '    User ftp', '    Group nogroup', '    UserAlias anonymous ftp', '    RequireValidShell off', '  </Anonymous>', '</Global>', '',
  ];
  // Before the Include of conf.d: ProFTPD stops reading the main file after an included file that fails.
  const text = readFileSync(join(etc, main), 'utf8');
  const at = text.search(/^Include \/etc\/proftpd\/conf\.d/m);
  writeFileSync(join(etc, main), at < 0 ? text + added.join('\n') : text.slice(0, at) + added.join('\n') + text.slice(at));
  const mounts = [...proftpdMounts(), `mount -t overlay ftpwall-etc -o lowerdir=${etc}:/etc /etc`];
  // ServerType inetd: the host's inetd or xinetd runs the program its entry names, so the unpacked ProFTPD lies over /usr/sbin.
  const inetd = inetdOf(host);
  if (inetd) mounts.push(`mount -t overlay ftpwall-sbin -o lowerdir=${PROFTPD_ROOT}/usr/sbin:/usr/sbin /usr/sbin`);
  const command = inetd ? inetdCommand(etc, dir, inetd === 'xinetd') : `${PROFTPD} --nodaemon -c /etc/${main}`;
  net.start(net.server, 'unshare', ['--mount', 'sh', '-c', `${mounts.join(' && ')} && exec ${command} < /dev/null`]);
  waitForListening(net, host.server.controlPort, inetd ?? 'proftpd', !!host.server.refusesToStart);
}

/**
 * Starts the real pure-ftpd (unpacked) as Debian does: pure-ftpd-wrapper turns the host's
 * /etc/pure-ftpd/conf into options (run by the host's inetd where its files have one), in a
 * private mount namespace where a copy of the host's etc/ lies over /etc. The copy allows anonymous login (NoAnonymous no, an `ftp` user whose home is
 * the test's folder) and holds the test certificate where pure-ftpd looks for it.
 */
function startPureftpd(net: TestNetwork, host: Host): void {
  const { dir, root } = serverFolder(net, 'pureftpd');
  const etc = hostEtc(host, dir, root);
  // Debian's way (the wrapper over /etc/pure-ftpd/conf) when the host has the folder; upstream's (pure-ftpd reads pure-ftpd.conf) otherwise.
  const debian = existsSync(join(etc, 'pure-ftpd', 'conf'));
  if (debian) writeFileSync(join(etc, 'pure-ftpd', 'conf', 'NoAnonymous'), 'no\n');
  mkdirSync(join(etc, 'ssl', 'private'), { recursive: true });
  writeFileSync(join(etc, 'ssl', 'private', 'pure-ftpd.pem'), readFileSync(key, 'utf8') + readFileSync(certificate, 'utf8'));
  // Left to inetd (STANDALONE_OR_INETD=inetd), the host's inetd runs the programs its entry names: the unpacked ones lie over /usr/sbin.
  const inetd = inetdOf(host);
  const start = inetd
    ? [`mount -t overlay ftpwall-sbin -o lowerdir=${PUREFTPD_ROOT}/usr/sbin:/usr/sbin /usr/sbin`, `exec ${inetdCommand(etc, dir, inetd === 'xinetd')} < /dev/null`]
    : debian ? [`opts=$(perl ${PUREFTPD_WRAPPER} --show-options)`, `exec ${PUREFTPD} $opts < /dev/null`] : [`exec ${PUREFTPD} ${host.server.path!.replace(host.root, '')} < /dev/null`];
  const script = ['mount --make-rprivate /', `mount -t overlay ftpwall-etc -o lowerdir=${etc}:/etc /etc`, ...start].join(' && ');
  net.start(net.server, 'unshare', ['--mount', 'sh', '-c', script]);
  waitForListening(net, host.server.controlPort, inetd ?? 'pure-ftpd', !!host.server.refusesToStart);
}

/** The main file's path under etc/. */
function relativeMain(host: Host): string {
  return host.proftpd!.path.slice(join(host.root, 'etc').length + 1);
}

/** Waits until the server listens; for one ftpwall says does not start, only gives it the time it would take. */
function waitForListening(net: TestNetwork, port: number, server: string, refuses = false): void {
  if (refuses) { spawnSync('sleep', ['1']); return; }
  for (let i = 0; i < 50; i++) {
    if (net.run(net.server, 'ss', ['-ltn', `sport = :${port}`], { seconds: 5 }).stdout.includes(`:${port}`)) return;
    spawnSync('sleep', ['0.1']);
  }
  assert.fail(`${server} did not start listening`);
}

/** What really happens, from the client namespace: does each connection work (over IPv6 when `address` is one)? */
function observe(net: TestNetwork, tls: boolean, port = 21, address = net.serverAddress) {
  const banner = net.run(net.client, 'python3', ['-c', `import socket; s=socket.create_connection(("${address}", ${port}), timeout=4); print(s.recv(64).decode())`], { seconds: 8 });
  const control = banner.status === 0 && banner.stdout.startsWith('220');
  const url = address.includes(':') ? `ftp://[${address}]:${port}/` : `ftp://${address}:${port}/`;
  const list = (mode: 'pasv' | 'active') => tls
    ? net.run(net.client, 'python3', [join(import.meta.dirname, 'ftps-client.py'), address, mode], { seconds: 15 }).status === 0
    : net.run(net.client, 'curl', ['-s', '-g', '--connect-timeout', '4', '--max-time', '8', ...(mode === 'active' ? ['-P', '-'] : []), url], { seconds: 12 }).status === 0;
  return { control, passive: control && list('pasv'), active: control && list('active') };
}

export const needs = unmet('kernel tests', { root: true, files: [{ path: PUREFTPD, madeBy: 'scripts/install-test-deps.sh unpacks pure-ftpd as root' }, { path: PUREFTPD_WRAPPER, madeBy: 'scripts/install-test-deps.sh unpacks pure-ftpd-common as root' }, { path: PROFTPD, madeBy: 'scripts/install-test-deps.sh unpacks proftpd-core as root' }, { path: join(PROFTPD_ROOT, 'usr', 'lib', 'proftpd', 'mod_tls.so'), madeBy: 'scripts/install-test-deps.sh unpacks proftpd-mod-crypto as root' }, { path: XINETD, madeBy: 'scripts/install-test-deps.sh unpacks xinetd as root' }, { path: INETD, madeBy: 'scripts/install-test-deps.sh unpacks openbsd-inetd as root' }], commands: ['/usr/sbin/vsftpd', '/usr/sbin/tcpd', 'systemd-socket-activate', 'iptables-restore', 'ip6tables-restore', 'nft', '/lib/ufw/ufw-init', 'firewalld', 'firewall-cmd', 'dbus-daemon', 'ip', 'ss', 'curl', 'python3', 'openssl', 'timeout'] });

/** Loads the host's firewall into a network of its own, starts vsftpd there and tries FTP from the client side. */
function tryInKernel(host: Host, predicted: HostPaths, id: number, networks: TestNetwork[]): ReturnType<typeof observe> & { ipv6?: ReturnType<typeof observe> } {
  const tls = predicted.server.tls;
  const net = new TestNetwork(id);
  networks.push(net);
  try {
    // The addresses .ftpwall.json calls the host's own are given to it, so that a DNAT to one stays on it.
    for (const address of host.config.addresses) {
      const added = net.run(net.server, 'ip', ['addr', 'add', `${address}/${address.includes(':') ? 128 : 32}`, 'dev', 'lo']);
      assert.equal(added.status, 0, added.stderr);
    }
    loadFirewall(net, host);
    if (host.proftpd) startProftpd(net, host, tls);
    else if (host.server.server === 'Pure-FTPd') startPureftpd(net, host);
    else startVsftpd(net, host, tls);
    const port = host.config.connectPort ?? predicted.server.controlPort;
    return { ...observe(net, tls, port), ...(judgedOverIpv6(predicted) ? { ipv6: observe(net, tls, port, net.serverAddress6) } : {}) };
  } finally {
    net.destroy();
  }
}

/** Does ftpwall judge the host's paths over IPv6 (the server listens there, and the host has IPv6 rules to judge them by)? */
const judgedOverIpv6 = (predicted: HostPaths) => !!predicted.ipv6 && Object.values({ c: predicted.ipv6.control, p: predicted.ipv6.passive, a: predicted.ipv6.active }).every((p) => p.verdict !== 'unknown');

/** Makes the FTPS test certificate once, for the hosts that require TLS. */
export function makeCertificate(): void {
  if (existsSync(certificate)) return;
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', certificate, '-subj', '/CN=ftpwall-test', '-days', '1'], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
}

/**
 * For each host: ftpwall's three verdicts, then the firewall loaded for real, vsftpd started, and
 * listings tried in passive and active mode; they must agree. `firstNetwork` numbers the networks;
 * `coverage` says what the hosts cover, and whether they do.
 */
export function verdictsMatchKernel(hosts: readonly string[], firstNetwork: number, coverage: { says: string; holds: boolean }): void {
  describe('the engine\'s verdicts match the real kernel, vsftpd and FTP clients', { skip: needs }, () => {
    const networks: TestNetwork[] = [];
    after(() => { for (const net of networks) net.destroy(); });

    it(coverage.says, () => assert.ok(coverage.holds));

    hosts.forEach((folder, index) => {
      it(folder.split('/').slice(-2).join('/'), () => {
        makeCertificate();
        const host = hostAt(folder);
        const predicted = hostPaths(host);
        // Every way these hosts can run is fixed by their files: a conditional verdict here is a failure to follow them.
        for (const path of ['control', 'passive', 'active'] as const) assert.notEqual(predicted[path].verdict, 'conditional', `${path}: ${predicted[path].reason}`);
        const seen = tryInKernel(host, predicted, firstNetwork + index, networks);
        const agree = (paths: Pick<HostPaths, 'control' | 'passive' | 'active'>, observed: ReturnType<typeof observe>, family: string) => {
          for (const path of ['control', 'passive', 'active'] as const) assert.notEqual(paths[path].verdict, 'conditional', `${family} ${path}: ${paths[path].reason}`);
          const works = (verdict: string) => verdict === 'open';
          assert.equal(observed.control, works(paths.control.verdict), `${family} control: ftpwall says ${paths.control.verdict} (${paths.control.reason})`);
          // A listing needs the control connection as well as the data connection.
          const listing = (verdict: string) => works(paths.control.verdict) && works(verdict);
          assert.equal(observed.passive, listing(paths.passive.verdict), `${family} passive: ftpwall says ${paths.passive.verdict} (${paths.passive.reason})`);
          assert.equal(observed.active, listing(paths.active.verdict), `${family} active: ftpwall says ${paths.active.verdict} (${paths.active.reason})`);
        };
        agree(predicted, seen, 'IPv4');
        if (seen.ipv6) agree(predicted.ipv6!, seen.ipv6, 'IPv6');
      });
    });
  });
}

/** A host whose path is blocked, the finding that says so, and the path its preferred quick fix must open. */
export interface FixedHost { folder: string; rule: string; path: 'control' | 'passive' | 'active'; /** The fix to apply, by its title, when not the preferred one. */ fix?: RegExp; /** The family the fix opens the path for (IPv4 unless said). */ family?: 'ipv6' }

/** Each host's preferred quick fix (or the one named) applied to a copy: ftpwall must then say open, and the kernel agree. */
export function fixesOpenInKernel(fixed: readonly FixedHost[], firstNetwork: number): void {
  describe('the preferred quick fixes really open what they are for, in the real kernel', { skip: needs }, () => {
    const networks: TestNetwork[] = [];
    after(() => { for (const net of networks) net.destroy(); });

    fixed.forEach(({ folder, rule, path, fix: chosen, family }, index) => {
      it(`${folder.split('/').pop()}: ${rule}`, () => {
        makeCertificate();
        const copy = join(work, `fixed-${firstNetwork + index}`);
        cpSync(folder, copy, { recursive: true });
        const finding = runCheck([copy]).findings.find((f) => f.ruleId === rule);
        assert.ok(finding, `no ${rule} for ${folder}`);
        const fix = chosen ? finding.fixes.find((f) => chosen.test(f.title)) : finding.fixes.find((f) => f.preferred) ?? finding.fixes[0];
        assert.ok(fix, `${rule} offers no fix`);
        for (const [file, edits] of Object.entries(fix.edits)) {
          const made = fix.creates?.includes(file) && !existsSync(file);
          // A created file may be the first of its folder (a custom firewalld service beside the zones), as an editor makes it.
          if (made) mkdirSync(dirname(file), { recursive: true });
          const applied = applyEdits(made ? '' : readFileSync(file, 'utf8'), edits);
          assert.deepEqual(applied.skipped, [], `overlapping edits in ${file}`);
          writeFileSync(file, applied.text);
        }
        const host = hostAt(copy);
        const predicted = hostPaths(host);
        const paths = family === 'ipv6' ? predicted.ipv6! : predicted;
        assert.equal(paths[path].verdict, 'open', `after "${fix.title}" ftpwall says ${paths[path].reason}`);
        const both = tryInKernel(host, predicted, firstNetwork + index, networks);
        const seen = family === 'ipv6' ? both.ipv6! : both;
        assert.ok(seen.control, `after "${fix.title}" the control connection fails`);
        if (path !== 'control') assert.ok(seen[path], `after "${fix.title}" ${path} listings still fail`);
      });
    });
  });
}
