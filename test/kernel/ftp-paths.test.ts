import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { recognize } from '../../server/src/analysis/languages.js';
import { hostPaths } from '../../server/src/engine/paths.js';
import type { Host } from '../../server/src/host/host.js';
import { TestNetwork } from '../helpers/netns.js';
import { unmet } from '../helpers/requirements.js';
import { scratch } from '../helpers/temp.js';
import { readScope } from '../../server/src/cli/read-scope.js';
import { runCheck } from '../../server/src/cli/check-command.js';
import { applyEdits } from '../../server/src/analysis/apply-edits.js';
import { ufwRulesFile } from '../../server/src/languages/ufw/ufw-files.js';

const root = join(import.meta.dirname, '..', '..');
const work = scratch({});
/** Firewall scripts as administrators write them: loops, functions, branches, sourced files, restores, set -e. */
const SCRIPT_HOSTS = [
  'script-loop-over-words', 'script-function', 'script-loop-over-variable', 'script-sourced-branch-not-taken', 'script-case-other-role',
  'script-restore-then-append', 'script-restore-noflush-keeps', 'script-set-e-stops-early', 'script-drop-loop', 'script-while-read',
  'script-helper-in-function', 'script-elif-and-or',
];
/** nftables rulesets, loaded for real by nft -f in the server namespace. */
const NFT_HOSTS = [
  'nft-policy-drop-range-open', 'nft-helper-prerouting', 'nft-helper-input', 'nft-helper-tls', 'nft-jump-return', 'nft-verdict-map',
  'nft-named-set-define', 'nft-two-base-chains', 'nft-off-by-one-range', 'nft-beside-iptables', 'nft-include-glob', 'nft-output-drop-blocks-active',
  // Statements that act before connection tracking decides: a helper assignment no packet reaches, a notrack.
  'nft-helper-after-accept', 'nft-notrack-passive',
];
/**
 * ufw hosts: the user.rules and user6.rules files were written by the real ufw 0.36.2 (`ufw allow
 * 21/tcp`, `ufw allow 40000:40010/tcp`, `ufw limit 21/tcp`, `ufw allow ftp`, `ufw insert 2 deny
 * 40000:40020/tcp`); each host holds only what differs from ufw as installed (see withStockUfw).
 */
const UFW_HOSTS = [
  'ufw-allow-21', 'ufw-21-and-range', 'ufw-allow-ftp', 'ufw-limit', 'ufw-modules-helper', 'ufw-deny-before-allow', 'ufw-disabled',
  // before.rules with a raw-table rule that assigns the FTP helper; DEFAULT_OUTPUT_POLICY="DROP".
  'ufw-raw-helper', 'ufw-output-deny',
];
const HOSTS = [
  ...['01-only-control-port-open', '02-passive-range-opened', '03-directives-run-together', '04-inverted-range', '05-iptables-config-modules', '06-rc-local-typos', '07-active-only', '08-helper-loaded-not-assigned', '08b-helper-assigned', '09-shell-script-firewall', '10-two-hosts/hosts/ftp1', '10-two-hosts/hosts/ftp2'].map((h) => join(root, 'examples', h)),
  ...['tls-blinds-helper', 'control-blocked', 'user-chain-multiport', 'active-blocked-output', 'blocked-in-user-chain', 'notrack-control'].map((h) => join(root, 'test', 'kernel', 'hosts', h)),
  ...SCRIPT_HOSTS.map((h) => join(root, 'test', 'kernel', 'hosts', h)),
  ...NFT_HOSTS.map((h) => join(root, 'test', 'kernel', 'hosts', h)),
  ...UFW_HOSTS.map((h) => withStockUfw(join(root, 'test', 'kernel', 'hosts', h))),
];

/** A copy of a ufw host with ufw's files as Debian installs them wherever the host does not hold its own. */
function withStockUfw(folder: string): string {
  const copy = join(work, folder.split('/').pop()!);
  cpSync(folder, copy, { recursive: true });
  const stock = join(root, 'test', 'fixtures', 'shipped', 'ufw');
  const place = (from: string, to: string) => { if (!existsSync(join(copy, to))) { mkdirSync(dirname(join(copy, to)), { recursive: true }); copyFileSync(join(stock, from), join(copy, to)); } };
  for (const name of ['before', 'after', 'user']) for (const six of ['', '6']) place(`usr/share/ufw/iptables/${name}${six}.rules`, `etc/ufw/${name}${six}.rules`);
  place('etc/default/ufw', 'etc/default/ufw');
  place('usr/share/ufw/ufw.conf', 'etc/ufw/ufw.conf');
  return copy;
}

function hostAt(folder: string): Host {
  const { hosts } = readScope([folder]);
  assert.equal(hosts.length, 1, `${folder} should be one host`);
  return hosts[0]!.loaded.host;
}

const certificate = join(work, 'cert.pem'), key = join(work, 'key.pem');

/** Loads each of the host's firewall files into the server namespace as the administrator would: iptables first, then nftables. */
function loadFirewall(net: TestNetwork, host: Host): void {
  const byLanguage = host.firewalls.map((f) => ({ path: f.path, language: recognize(f.path, readFileSync(f.path, 'utf8'))!.id }));
  byLanguage.sort((a, b) => Number(a.language === 'nftables') - Number(b.language === 'nftables'));
  for (const { path, language } of byLanguage) {
    if (ufwRulesFile(path) || language === 'ufw-settings') runUfw(net, host);
    else if (language === 'iptables') {
      const run = net.run(net.server, 'iptables-restore', [], { input: readFileSync(path, 'utf8') });
      assert.equal(run.status, 0, `iptables-restore failed: ${run.stderr}`);
    } else if (language === 'nftables') {
      // Inside the host's /etc, so that its includes name the host's own files.
      const run = net.run(net.server, 'unshare', ['--mount', '--propagation', 'private', 'sh', '-c', `mount -t overlay ftpwall-etc -o lowerdir=${join(host.root, 'etc')}:/etc /etc && exec nft -f ${path}`]);
      assert.equal(run.status, 0, `nft -f failed: ${run.stderr}`);
    } else runScript(net, host, path);
  }
}

/**
 * A firewall script runs as written, as root in the server namespace, inside a private mount
 * namespace where the host folder's etc/ lies over /etc (read-only, so the script sources and
 * restores the host's own files) and modprobe and sysctl are stubs (they would touch this
 * machine's kernel). The machine's /etc is never written.
 */
function runScript(net: TestNetwork, host: Host, script: string): void {
  const stubs = join(work, 'stubs');
  mkdirSync(stubs, { recursive: true });
  for (const tool of ['modprobe', 'sysctl']) { writeFileSync(join(stubs, tool), '#!/bin/sh\nexit 0\n'); chmodSync(join(stubs, tool), 0o755); }
  const text = readFileSync(script, 'utf8').replace(/^(\s*)(\/sbin\/|\/usr\/sbin\/)?modprobe\b/gm, '$1true');
  const copy = join(work, `script-${net.id}.sh`);
  writeFileSync(copy, text);
  const etc = join(host.root, 'etc');
  const inner = `mount -t overlay ftpwall-etc -o lowerdir=${etc}:/etc /etc && PATH=${stubs}:$PATH exec sh ${copy}`;
  const run = net.run(net.server, 'unshare', ['--mount', '--propagation', 'private', 'sh', '-c', inner]);
  // A script that says `set -e` may end early on purpose; any other must run to its end.
  if (!/^\s*set -e/m.test(text)) assert.equal(run.status, 0, `firewall script failed: ${run.stderr}`);
}

/**
 * ufw's boot script (/lib/ufw/ufw-init start, as ufw.service runs it) in the server namespace,
 * inside a private mount namespace where the host's etc/ufw and etc/default/ufw lie over the
 * machine's and modprobe does nothing (modules are the machine's kernel's).
 */
function runUfw(net: TestNetwork, host: Host): void {
  const etc = join(host.root, 'etc');
  const inner = `mount --bind ${etc}/ufw /etc/ufw && mount --bind ${etc}/default/ufw /etc/default/ufw && { [ ! -e /usr/sbin/modprobe ] || mount --bind /bin/true /usr/sbin/modprobe; } && exec /lib/ufw/ufw-init start`;
  const run = net.run(net.server, 'unshare', ['--mount', '--propagation', 'private', 'sh', '-c', inner]);
  assert.equal(run.status, 0, `ufw-init failed: ${run.stdout} ${run.stderr}`);
}

/** Starts the real vsftpd with the host's config; anonymous login replaces local users so no account is needed. */
function startVsftpd(net: TestNetwork, host: Host, tls: boolean): void {
  const dir = join(work, `ftp-${net.id}`);
  mkdirSync(join(dir, 'root'), { recursive: true });
  writeFileSync(join(dir, 'root', 'hello.txt'), 'hello\n');
  chmodSync(join(dir, 'root'), 0o755);
  copyFileSync(host.vsftpd!.path, join(dir, 'vsftpd.conf'));
  const overrides = ['-olisten=YES', '-olisten_ipv6=NO', '-obackground=NO', '-oanonymous_enable=YES', '-olocal_enable=NO', '-ono_anon_password=YES', `-oanon_root=${join(dir, 'root')}`];
  if (tls) overrides.push(`-orsa_cert_file=${certificate}`, `-orsa_private_key_file=${key}`, '-oallow_anon_ssl=YES', '-oforce_anon_logins_ssl=YES', '-oforce_anon_data_ssl=YES');
  net.start(net.server, '/usr/sbin/vsftpd', [join(dir, 'vsftpd.conf'), ...overrides]);
  for (let i = 0; i < 50; i++) {
    if (net.run(net.server, 'ss', ['-ltn', 'sport = :21'], { seconds: 5 }).stdout.includes(':21')) return;
    spawnSync('sleep', ['0.1']);
  }
  assert.fail('vsftpd did not start listening');
}

/** What really happens, from the client namespace: does each connection work? */
function observe(net: TestNetwork, tls: boolean) {
  const banner = net.run(net.client, 'python3', ['-c', `import socket; s=socket.create_connection(("${net.serverAddress}", 21), timeout=4); print(s.recv(64).decode())`], { seconds: 8 });
  const control = banner.status === 0 && banner.stdout.startsWith('220');
  const list = (mode: 'pasv' | 'active') => tls
    ? net.run(net.client, 'python3', [join(import.meta.dirname, 'ftps-client.py'), net.serverAddress, mode], { seconds: 15 }).status === 0
    : net.run(net.client, 'curl', ['-s', '--connect-timeout', '4', '--max-time', '8', ...(mode === 'active' ? ['-P', '-'] : []), `ftp://${net.serverAddress}/`], { seconds: 12 }).status === 0;
  return { control, passive: control && list('pasv'), active: control && list('active') };
}

const needs = unmet('kernel tests', { root: true, commands: ['/usr/sbin/vsftpd', 'iptables-restore', 'nft', '/lib/ufw/ufw-init', 'ip', 'ss', 'curl', 'python3', 'openssl', 'timeout'] });

describe('the engine\'s verdicts match the real kernel, vsftpd and FTP clients', { skip: needs }, () => {
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', certificate, '-subj', '/CN=ftpwall-test', '-days', '1'], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  const networks: TestNetwork[] = [];
  after(() => { for (const net of networks) net.destroy(); });

  it(`covers at least 12 hosts (${HOSTS.length}), at least 10 of them scripts (${SCRIPT_HOSTS.length}), 10 nftables rulesets (${NFT_HOSTS.length}) and 8 ufw hosts (${UFW_HOSTS.length})`, () => assert.ok(HOSTS.length >= 12 && SCRIPT_HOSTS.length >= 10 && NFT_HOSTS.length >= 10 && UFW_HOSTS.length >= 8));

  HOSTS.forEach((folder, index) => {
    it(folder.split('/').slice(-2).join('/'), () => {
      const host = hostAt(folder);
      const predicted = hostPaths(host);
      const tls = predicted.server.tls;
      const net = new TestNetwork(index + 1);
      networks.push(net);
      try {
        loadFirewall(net, host);
        startVsftpd(net, host, tls);
        const seen = observe(net, tls);
        const works = (verdict: string) => verdict === 'open';
        // Every way these hosts can run is fixed by their files: a conditional verdict here is a failure to follow the script.
        for (const path of ['control', 'passive', 'active'] as const) assert.notEqual(predicted[path].verdict, 'conditional', `${path}: ${predicted[path].reason}`);
        assert.equal(seen.control, works(predicted.control.verdict), `control: ftpwall says ${predicted.control.verdict} (${predicted.control.reason})`);
        // A listing needs the control connection as well as the data connection.
        const listing = (verdict: string) => works(predicted.control.verdict) && works(verdict);
        assert.equal(seen.passive, listing(predicted.passive.verdict), `passive: ftpwall says ${predicted.passive.verdict} (${predicted.passive.reason})`);
        assert.equal(seen.active, listing(predicted.active.verdict), `active: ftpwall says ${predicted.active.verdict} (${predicted.active.reason})`);
      } finally {
        net.destroy();
      }
    });
  });
});

/** A host whose path is blocked, the finding that says so, and the path its preferred quick fix must open. */
const FIXED: Array<{ folder: string; rule: string; path: 'control' | 'passive' | 'active' }> = [
  { folder: join(root, 'test', 'kernel', 'hosts', 'control-blocked'), rule: 'ftp/control-blocked', path: 'control' },
  { folder: join(root, 'examples', '01-only-control-port-open'), rule: 'ftp/passive-blocked', path: 'passive' },
  { folder: join(root, 'test', 'kernel', 'hosts', 'active-blocked-output'), rule: 'ftp/active-blocked', path: 'active' },
  // The REJECT is in a chain INPUT jumps to: the fix's rule must come before the jump, not before the REJECT.
  { folder: join(root, 'test', 'kernel', 'hosts', 'blocked-in-user-chain'), rule: 'ftp/control-blocked', path: 'control' },
  // nftables: the rule goes into the input (or output) base chain, in nft's syntax.
  { folder: join(root, 'test', 'kernel', 'hosts', 'nft-off-by-one-range'), rule: 'ftp/passive-blocked', path: 'passive' },
  { folder: join(root, 'test', 'kernel', 'hosts', 'nft-output-drop-blocks-active'), rule: 'ftp/active-blocked', path: 'active' },
  { folder: join(root, 'test', 'kernel', 'hosts', 'nft-verdict-map'), rule: 'ftp/passive-blocked', path: 'passive' },
  // ufw: the range goes into user.rules as `ufw allow` writes it, and ufw's boot script loads it.
  { folder: withStockUfw(join(root, 'test', 'kernel', 'hosts', 'ufw-allow-21')), rule: 'ftp/passive-blocked', path: 'passive' },
];

describe('the preferred quick fixes really open what they are for, in the real kernel', { skip: needs }, () => {
  const networks: TestNetwork[] = [];
  after(() => { for (const net of networks) net.destroy(); });

  FIXED.forEach(({ folder, rule, path }, index) => {
    it(`${folder.split('/').pop()}: ${rule}`, () => {
      const copy = join(work, `fixed-${index}`);
      cpSync(folder, copy, { recursive: true });
      const finding = runCheck([copy]).findings.find((f) => f.ruleId === rule);
      assert.ok(finding, `no ${rule} for ${folder}`);
      const fix = finding.fixes.find((f) => f.preferred) ?? finding.fixes[0];
      assert.ok(fix, `${rule} offers no fix`);
      for (const [file, edits] of Object.entries(fix.edits)) {
        const applied = applyEdits(readFileSync(file, 'utf8'), edits);
        assert.deepEqual(applied.skipped, [], `overlapping edits in ${file}`);
        writeFileSync(file, applied.text);
      }
      const host = hostAt(copy);
      const predicted = hostPaths(host);
      assert.equal(predicted[path].verdict, 'open', `after "${fix.title}" ftpwall says ${predicted[path].reason}`);
      const tls = predicted.server.tls;
      const net = new TestNetwork(HOSTS.length + index + 1);
      networks.push(net);
      try {
        loadFirewall(net, host);
        startVsftpd(net, host, tls);
        const seen = observe(net, tls);
        assert.ok(seen.control, `after "${fix.title}" the control connection fails`);
        if (path !== 'control') assert.ok(seen[path], `after "${fix.title}" ${path} listings still fail`);
      } finally {
        net.destroy();
      }
    });
  });
});
