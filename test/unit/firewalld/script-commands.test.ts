import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyHostFix, checkFiles, conf, HOST, lines, VSFTPD, type Files } from '../../helpers/hosts.js';
import { readFirewallCmd, readRichRule } from '../../../server/src/languages/firewalld/command.js';

const SCRIPT = `${HOST}/provision.sh`;
const plain = conf('pasv_min_port=40000', 'pasv_max_port=40100').replace('ssl_enable=YES', 'ssl_enable=NO');
const host = (...commands: string[]): Files => ({ [VSFTPD]: plain, [SCRIPT]: lines('#!/bin/sh', 'dnf install -y vsftpd firewalld', ...commands) });
const verdicts = (files: Files, config = {}) => { const { paths } = checkFiles(files, config); return [paths.control.verdict, paths.passive.verdict, paths.active.verdict]; };
const WHERE = { path: SCRIPT, line: 0, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };

describe('firewall-cmd in a script, applied to firewalld\'s saved configuration', () => {
  it('reads options with = or with the value apart, several in one command, and the zone', () => {
    const command = readFirewallCmd(['--permanent', '--zone', 'internal', '--add-port=21/tcp', '--add-service', 'ftp'], false);
    assert.equal(command.permanent, true);
    assert.equal(command.zone, 'internal');
    assert.deepEqual(command.changes, [{ kind: 'zone-list', list: 'ports', add: true, value: '21/tcp' }, { kind: 'zone-list', list: 'services', add: true, value: 'ftp' }]);
    assert.deepEqual(readFirewallCmd(['--direct', '--add-rule', 'ipv4', 'filter', 'INPUT', '0', '-j', 'ACCEPT'], false).unknown.length > 0, true);
  });

  it('reads rich rules as far as FTP needs them, and no further', () => {
    assert.deepEqual(readRichRule('rule family="ipv4" source address="10.0.0.0/8" service name="ftp" log prefix="ftp " level="info" accept', WHERE), { where: WHERE, family: 'ipv4', source: { address: '10.0.0.0/8', invert: false }, service: 'ftp', action: 'accept' });
    assert.deepEqual(readRichRule("rule family=ipv4 source NOT address=10.0.0.0/8 port port=40000-40100 protocol=tcp reject", WHERE)?.port, { min: 40000, max: 40100, protocol: 'tcp' });
    assert.equal(readRichRule('rule family="ipv4" forward-port port="21" protocol="tcp" to-port="2121"', WHERE), undefined);
  });

  it('the ftp service opens control and, through its helper, passive; a plain port 21 does not', () => {
    assert.deepEqual(verdicts(host('firewall-cmd --permanent --add-service=ftp', 'firewall-cmd --reload')), ['open', 'open', 'open']);
    assert.deepEqual(verdicts(host('firewall-cmd --permanent --add-port=21/tcp', 'firewall-cmd --reload')), ['open', 'blocked', 'open']);
  });

  it('a change without --permanent is lost at the next reload: conditional, with a warning on its line', () => {
    const files = host('firewall-cmd --add-service=ftp');
    const { paths, findings } = checkFiles(files);
    assert.equal(paths.control.verdict, 'conditional');
    assert.match(paths.control.reason, /without --permanent/);
    assert.deepEqual(findings.filter((f) => f.ruleId === 'firewalld/runtime-only').map((f) => f.range.start.line), [2]);
    assert.deepEqual(verdicts(host('firewall-cmd --add-service=ftp', 'firewall-cmd --runtime-to-permanent')), ['open', 'open', 'open']);
  });

  it('follows zones: a source bound to another zone, the default zone changed', () => {
    const bySource = host('firewall-cmd --permanent --zone=internal --add-source=10.77.0.0/16', 'firewall-cmd --permanent --zone=internal --add-service=ftp');
    assert.deepEqual(verdicts(bySource, { clientsFrom: { network: '10.77.0.0/16' } }), ['open', 'open', 'open']);
    assert.deepEqual(verdicts(bySource, { clientsFrom: { network: '192.0.2.0/24' } })[0], 'blocked');
    assert.deepEqual(verdicts(host('firewall-cmd --permanent --add-service=ftp', 'firewall-cmd --set-default-zone=drop'))[0], 'blocked');
  });

  it('a value the host does not fix, or an option ftpwall does not follow, makes what it may touch conditional', () => {
    assert.equal(verdicts(host('firewall-cmd --permanent --add-port=21/tcp', 'firewall-cmd --permanent --add-port="$PASV"/tcp'))[1], 'conditional');
    assert.equal(verdicts(host('firewall-cmd --permanent --add-port=21/tcp', "firewall-cmd --permanent --direct --add-rule ipv4 filter INPUT 0 -p tcp --dport 40000:40100 -j ACCEPT"))[1], 'conditional');
  });

  it('the quick fix adds a permanent --add-port after the last saved change, before the reload', () => {
    const files = host('  sudo firewall-cmd --permanent --add-port=21/tcp', 'sudo firewall-cmd --reload');
    const finding = checkFiles(files).findings.find((f) => f.ruleId === 'ftp/passive-blocked')!;
    const fix = finding.fixes.find((f) => Object.values(f.edits).flat().some((e) => e.newText.includes('--add-port=40000-40100/tcp')));
    assert.ok(fix, JSON.stringify(finding.fixes.map((f) => f.title)));
    const fixed = applyHostFix(files, fix);
    assert.match(fixed[SCRIPT]!, /--add-port=21\/tcp\n  sudo firewall-cmd --permanent --add-port=40000-40100\/tcp\nsudo firewall-cmd --reload/);
    assert.deepEqual(verdicts(fixed), ['open', 'open', 'open']);
  });
});
