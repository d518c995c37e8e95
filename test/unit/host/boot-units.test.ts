import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { bootUnits } from '../../../server/src/host/boot-units.js';
import { checkFiles, conf, filter, HOST, VSFTPD, type Files } from '../../helpers/hosts.js';
import { scratch } from '../../helpers/temp.js';

const root = join(import.meta.dirname, '..', '..', '..');
const UNITS = `${HOST}/etc/systemd/system`;
const NFT_CONF = `${HOST}/etc/nftables.conf`;
const RULES_V4 = `${HOST}/etc/iptables/rules.v4`;
const STOCK_NFT = readFileSync(join(root, 'test', 'fixtures', 'shipped', 'nftables', 'etc', 'nftables.conf'), 'utf8');
/** vsftpd with a passive range, rules.v4 opening port 21 only, and Debian's stock nftables.conf (which flushes every rule). */
const ONLY_21: Files = {
  [VSFTPD]: conf('pasv_min_port=40000', 'pasv_max_port=40100'),
  [RULES_V4]: filter('-A INPUT -m state --state ESTABLISHED -j ACCEPT', '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -j DROP'),
  [NFT_CONF]: STOCK_NFT,
};
const enabled = (...units: string[]): Files => Object.fromEntries(units.map((u) => [`${UNITS}/${u.startsWith('nftables') ? 'sysinit' : 'multi-user'}.target.wants/${u}`, '']));
const masked = (unit: string): Files => ({ [`${UNITS}/${unit}`]: '-> /dev/null' });

/** An example host's files, under HOST. */
function example(name: string): Files {
  const folder = join(root, 'examples', name);
  const files: Files = {};
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name === 'EXPECT.md') continue;
    const path = join(entry.parentPath, entry.name);
    files[`${HOST}/${relative(folder, path)}`] = readFileSync(path, 'utf8');
  }
  return files;
}

describe('firewalls the host starts at boot (etc/systemd/system)', () => {
  it('reads the links systemctl enable and mask leave, their targets absent, from disk', () => {
    const host = scratch({ 'etc/vsftpd.conf': 'listen=YES\n' });
    const units = join(host, 'etc', 'systemd', 'system');
    mkdirSync(join(units, 'multi-user.target.wants'), { recursive: true });
    mkdirSync(join(units, 'sysinit.target.requires'), { recursive: true });
    symlinkSync('/lib/systemd/system/netfilter-persistent.service', join(units, 'multi-user.target.wants', 'netfilter-persistent.service'));
    symlinkSync('/lib/systemd/system/ufw.service', join(units, 'sysinit.target.requires', 'ufw.service'));
    symlinkSync('/lib/systemd/system/firewalld.service', join(units, 'multi-user.target.wants', 'firewalld.service'));
    symlinkSync('/dev/null', join(units, 'firewalld.service'));
    const read = bootUnits(host)!;
    assert.deepEqual(['netfilter-persistent.service', 'ufw.service', 'firewalld.service', 'nftables.service'].map((u) => read.starts(u)), [true, true, false, false]);
    assert.match(read.whyNot('firewalld.service'), /^firewalld\.service is masked \(etc\/systemd\/system\/firewalld\.service links to \/dev\/null\)$/);
    assert.match(read.whyNot('nftables.service'), /^nftables\.service is not enabled/);
    // A unit of the host's own is read for what it runs.
    assert.equal(read.startsAny('vsftpd', 'vsftpd'), false);
    writeFileSync(join(units, 'ftp.service'), '[Unit]\nDescription=FTP\n[Service]\nExecStart=/usr/sbin/vsftpd /etc/vsftpd/ftp.conf\n');
    symlinkSync(join(units, 'ftp.service'), join(units, 'multi-user.target.wants', 'ftp.service'));
    assert.equal(bootUnits(host)!.startsAny('vsftpd', 'vsftpd'), true);
    assert.equal(bootUnits(host)!.startsAny('proftpd', 'proftpd'), false);
    // Without a .wants or .requires folder the host does not say what it starts.
    assert.equal(bootUnits(scratch({ 'etc/systemd/system/vsftpd.service.d/override.conf': '[Service]\n' })), undefined);
    assert.equal(bootUnits(scratch({ 'etc/vsftpd.conf': 'listen=YES\n' })), undefined);
  });

  it('leaves out of the verdicts a stock nftables.conf whose service is not enabled, instead of depending on the load order', () => {
    const verdict = (files: Files) => checkFiles(files).paths.passive;
    const unsure = verdict(ONLY_21);
    assert.equal(unsure.verdict, 'conditional');
    assert.match(unsure.reason, /flush ruleset.* \(and on whether nftables\.service loads it at all: with the host's etc\/systemd\/system in its folder/);
    assert.equal(verdict({ ...ONLY_21, ...enabled('netfilter-persistent.service') }).verdict, 'blocked');
    const both = verdict({ ...ONLY_21, ...enabled('netfilter-persistent.service', 'nftables.service') });
    assert.equal(both.verdict, 'conditional');
    assert.doesNotMatch(both.reason, /loads it at all/);
    assert.equal(verdict({ ...ONLY_21, ...enabled('netfilter-persistent.service', 'nftables.service'), ...masked('nftables.service') }).verdict, 'blocked');
    // A unit of the host's own that loads nftables.conf: it may be loaded after rules.v4 again.
    const ownUnit = { [`${UNITS}/nft-rules.service`]: '[Service]\nType=oneshot\nExecStart=/usr/sbin/nft -f /etc/nftables.conf\n' };
    assert.equal(verdict({ ...ONLY_21, ...enabled('netfilter-persistent.service', 'nft-rules.service'), ...ownUnit }).verdict, 'conditional');
    assert.equal(verdict({ ...ONLY_21, ...enabled('netfilter-persistent.service'), ...ownUnit }).verdict, 'blocked');
    // Only nftables.conf loaded: its chains accept everything.
    assert.equal(verdict({ ...ONLY_21, ...enabled('nftables.service') }).verdict, 'open');
  });

  it('takes a file a script restores at boot as loaded, whether or not its own unit is enabled', () => {
    const restoring = { ...ONLY_21, [`${HOST}/etc/rc.local`]: '#!/bin/sh\niptables-restore < /etc/iptables/rules.v4\nexit 0\n', ...enabled('ssh.service') };
    const { findings, paths } = checkFiles(restoring);
    assert.deepEqual(findings.filter((f) => f.ruleId === 'firewall/not-started-at-boot').map((f) => f.file), [NFT_CONF]);
    assert.equal(paths.passive.verdict, 'blocked', paths.passive.reason);
  });

  it('takes ufw and firewalld as started only where their units are', () => {
    for (const [name, unit] of [['15-ufw-allow-ftp-only', 'ufw.service'], ['14-firewalld-ftp-service', 'firewalld.service']] as const) {
      const files = example(name);
      const as = checkFiles(files).paths.passive.verdict;
      assert.equal(checkFiles({ ...files, ...enabled(unit) }).paths.passive.verdict, as, name);
      const off = checkFiles({ ...files, ...enabled('vsftpd.service') });
      assert.equal(off.paths.passive.verdict, 'unknown', name);
      assert.match(off.paths.passive.reason, /this host loads none of its firewall files at boot/);
      const notStarted = off.findings.filter((f) => f.ruleId === 'firewall/not-started-at-boot');
      assert.equal(notStarted.length, 1, name);
      assert.match(notStarted[0]!.message, new RegExp(`${unit.replace('.', '\\.')} is not enabled`));
      assert.match(off.findings.find((f) => f.ruleId === 'ftp/no-firewall')?.message ?? '', /loads none of its firewall files at boot/);
    }
  });

  it('in the CLI, from a host folder with its links', () => {
    const host = scratch(Object.fromEntries(Object.entries(ONLY_21).map(([path, text]) => [path.slice(HOST.length + 1), text])));
    const wants = join(host, 'etc', 'systemd', 'system', 'multi-user.target.wants');
    mkdirSync(wants, { recursive: true });
    symlinkSync('/lib/systemd/system/netfilter-persistent.service', join(wants, 'netfilter-persistent.service'));
    const run = (command: string) => spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), command, host], { encoding: 'utf8', timeout: 60_000 }).stdout;
    assert.match(run('explain'), /passive\s+blocked/);
    assert.match(run('check'), /nftables\.conf:1:1: information: The host does not load this file at boot: nftables\.service is not enabled .*\[firewall\/not-started-at-boot\]/);
  });
});
