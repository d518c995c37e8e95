import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCheck } from '../../../server/src/cli/check-command.js';
import { checkFiles, conf, HOST, lines, VSFTPD, type Files } from '../../helpers/hosts.js';
import { scratch } from '../../helpers/temp.js';

// An init script that its runlevel links do not start loads nothing at boot: its rules and the
// modules it loads are left out of the verdicts (systemd-sysv-generator is the oracle for the
// links: test/differential/sysv-links.test.ts).

const INIT_SCRIPT = `${HOST}/etc/init.d/firewall`;
const RANGE = ['pasv_min_port=40000', 'pasv_max_port=40100'];
const ONLY_21 = lines('#!/bin/sh', 'iptables -P INPUT DROP', 'iptables -A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', 'iptables -A INPUT -p tcp --dport 21 -j ACCEPT');
const links = (...names: string[]): Files => Object.fromEntries(names.map((name) => [`${HOST}/etc/${name}`, '']));
const ENABLED = links('rc0.d/K01firewall', 'rc2.d/S01firewall', 'rc3.d/S01firewall', 'rc4.d/S01firewall', 'rc5.d/S01firewall');
const DISABLED = links('rc0.d/K01firewall', 'rc2.d/K01firewall', 'rc3.d/K01firewall', 'rc4.d/K01firewall', 'rc5.d/K01firewall');

describe('init scripts the runlevel links start', () => {
  it('judges the firewall an init script loads only when its links start it', () => {
    const host: Files = { [VSFTPD]: conf(...RANGE), [INIT_SCRIPT]: ONLY_21 };
    assert.equal(checkFiles({ ...host, ...ENABLED }).paths.passive.verdict, 'blocked');
    const disabled = checkFiles({ ...host, ...DISABLED });
    assert.notEqual(disabled.paths.passive.verdict, 'blocked');
    assert.ok(disabled.findings.some((f) => f.ruleId === 'firewall/not-started-at-boot' && f.file === INIT_SCRIPT));
    // Without runlevel folders the host does not say: the script is taken as run.
    assert.equal(checkFiles(host).paths.passive.verdict, 'blocked');
  });

  it('does not count the helper module a script that is not started would load', () => {
    const rules = { [`${HOST}/etc/sysconfig/iptables`]: lines('*filter', ':INPUT DROP [0:0]', '-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 21 -j ACCEPT', 'COMMIT') };
    const host: Files = { [VSFTPD]: conf().replace('ssl_enable=YES', 'ssl_enable=NO'), ...rules, [INIT_SCRIPT]: lines('#!/bin/sh', 'modprobe nf_conntrack_ftp', 'iptables -A OUTPUT -j ACCEPT') };
    assert.equal(checkFiles({ ...host, ...ENABLED }, { kernel: '4.4' }).paths.passive.verdict, 'open');
    assert.equal(checkFiles({ ...host, ...DISABLED }, { kernel: '4.4' }).paths.passive.verdict, 'blocked');
  });

  it('reads the links from disk, their targets left as a copy of /etc leaves them', () => {
    const root = scratch({ 'etc/vsftpd.conf': conf(...RANGE), 'etc/init.d/firewall': ONLY_21 });
    for (const level of ['2', '3', '4', '5']) {
      mkdirSync(join(root, 'etc', `rc${level}.d`));
      symlinkSync('../init.d/firewall', join(root, 'etc', `rc${level}.d`, 'K01firewall'));
    }
    const { findings } = runCheck([root]);
    const ids = findings.map((f) => f.ruleId).join(' ');
    const notStarted = findings.find((f) => f.ruleId === 'firewall/not-started-at-boot');
    assert.ok(notStarted, ids);
    assert.match(notStarted.message, /its links in etc\/rc2\.d to rc5\.d or rcS\.d are K links/);
    assert.ok(!findings.some((f) => f.ruleId === 'ftp/passive-blocked'), ids);
  });
});
