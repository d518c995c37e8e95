import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyHostFix, checkFiles, conf, HOST, lines, VSFTPD, type Files } from '../../helpers/hosts.js';

const SCRIPT = `${HOST}/provision.sh`;
const plain = conf('pasv_min_port=40000', 'pasv_max_port=40100').replace('ssl_enable=YES', 'ssl_enable=NO');
const script = (...commands: string[]) => lines('#!/bin/sh', 'set -e', 'apt-get install -y vsftpd ufw', ...commands);
const host = (...commands: string[]): Files => ({ [VSFTPD]: plain, [SCRIPT]: script(...commands) });
const verdicts = (files: Files) => { const { paths } = checkFiles(files); return [paths.control.verdict, paths.passive.verdict, paths.active.verdict]; };
const SETUP = ['ufw --force reset', 'ufw default deny incoming', 'ufw default allow outgoing', 'ufw allow OpenSSH'];

describe('ufw commands in a script, run over ufw\'s saved state', () => {
  it('`ufw allow 21/tcp` opens the control connection only (ufw assigns no FTP helper)', () => {
    assert.deepEqual(verdicts(host(...SETUP, 'ufw allow 21/tcp', 'ufw --force enable')), ['open', 'blocked', 'open']);
  });

  it('the passive range allowed as well opens passive mode; `ufw allow ftp` is the same as 21/tcp', () => {
    assert.deepEqual(verdicts(host(...SETUP, 'ufw allow ftp', 'ufw allow 40000:40100/tcp', 'ufw --force enable')), ['open', 'open', 'open']);
  });

  it('shows the blocked path at the script line that set the policy, and the control path at the allow line', () => {
    const { paths } = checkFiles(host(...SETUP, 'sudo ufw allow 21/tcp', 'ufw --force enable'));
    assert.ok(paths.control.deciding.some((d) => d.path === SCRIPT && d.line === 7), JSON.stringify(paths.control.deciding));
    assert.ok(paths.passive.deciding.some((d) => d.path === SCRIPT && d.line === 4), JSON.stringify(paths.passive.deciding));
  });

  it('ufw keeps one rule per match: the same ports again replace the rule in place, a prepended one is skipped', () => {
    const files = (...commands: string[]) => host(...SETUP, 'ufw allow 21/tcp', 'ufw allow 40000:40100/tcp', ...commands, 'ufw --force enable');
    assert.equal(verdicts(files('ufw deny 21/tcp'))[0], 'blocked');
    assert.equal(verdicts(files('ufw prepend deny 21/tcp'))[0], 'open');
    assert.equal(verdicts(files('ufw prepend deny to any port 21 proto tcp'))[0], 'open');
  });

  it('a deny prepended before the allows, and outgoing denied, block what they name', () => {
    const clients = { clientsFrom: { network: '10.0.0.0/8' } };
    assert.equal(checkFiles(host(...SETUP, 'ufw allow 21/tcp', 'ufw allow 40000:40100/tcp', 'ufw prepend deny from 10.0.0.0/8', 'ufw --force enable'), clients).paths.control.verdict, 'blocked');
    assert.deepEqual(verdicts(host(...SETUP, 'ufw default deny outgoing', 'ufw allow 21/tcp', 'ufw allow 40000:40100/tcp', 'ufw --force enable')), ['open', 'open', 'blocked']);
  });

  it('a rule deleted again, and a reset after the rules, leave them out', () => {
    assert.deepEqual(verdicts(host(...SETUP, 'ufw allow 21/tcp', 'ufw allow 40000:40100/tcp', 'ufw delete allow 40000:40100/tcp', 'ufw --force enable'))[1], 'blocked');
    assert.deepEqual(verdicts(host(...SETUP, 'ufw allow 21/tcp', 'ufw --force enable', 'ufw --force reset')), ['open', 'open', 'open']);
  });

  it('never enabled and no ufw.conf in the host: conditional on whether ufw is enabled; after `ufw reset` it is disabled', () => {
    const { paths } = checkFiles(host(...SETUP.slice(1), 'ufw allow 21/tcp'));
    assert.equal(paths.passive.verdict, 'conditional');
    assert.match(paths.passive.reason, /whether ufw is enabled/);
    assert.deepEqual(verdicts(host(...SETUP, 'ufw allow 21/tcp')), ['open', 'open', 'open']);
  });

  it('a port ufw takes from a variable the host does not set is not known: conditional, never blocked', () => {
    const { paths } = checkFiles(host(...SETUP, 'ufw allow 21/tcp', 'ufw allow "$PASV_RANGE"/tcp', 'ufw --force enable'));
    assert.equal(paths.passive.verdict, 'conditional');
  });

  it('a profile of the host\'s applications.d opens its ports; one the host does not define is not known', () => {
    const profile = { [`${HOST}/etc/ufw/applications.d/vsftpd`]: lines('[vsftpd]', 'title=FTP', 'description=FTP server', 'ports=21,40000:40100/tcp') };
    assert.deepEqual(verdicts({ ...host(...SETUP, 'ufw allow vsftpd', 'ufw --force enable'), ...profile }), ['open', 'open', 'open']);
    assert.equal(checkFiles(host(...SETUP, 'ufw allow 21/tcp', 'ufw allow vsftpd', 'ufw --force enable')).paths.passive.verdict, 'conditional');
  });

  it('a command ufw refuses changes nothing, and the script says so in ufw\'s words; under set -e the script stops there', () => {
    const files = { ...host(...SETUP, 'ufw allow 21/tcp', 'ufw allow 40000:40100', 'ufw --force enable') };
    const unstopped = { ...files, [SCRIPT]: files[SCRIPT]!.replace('set -e\n', '# no set -e\n') };
    assert.equal(checkFiles(unstopped).paths.passive.verdict, 'blocked');
    const refused = checkFiles(unstopped).findings.filter((f) => f.ruleId === 'ufw/command-refused');
    assert.deepEqual(refused.map((f) => [f.file, f.range.start.line, f.message]), [[SCRIPT, 8, 'ufw refuses this command: "Must specify \'tcp\' or \'udp\' with multiple ports", and changes nothing. Name the protocol: `ufw allow 40000:40100/tcp`.']]);
    // The reset disabled ufw, and `ufw enable` is never reached.
    assert.deepEqual(verdicts(files), ['open', 'open', 'open']);
    // Its fix names the protocol, and the range is then open.
    const fixed = applyHostFix(unstopped, refused[0]!.fixes[0]!);
    assert.match(fixed[SCRIPT]!, /\nufw allow 40000:40100\/tcp\n/);
    assert.deepEqual(verdicts(fixed), ['open', 'open', 'open']);
  });

  it('the quick fix adds `ufw allow RANGE/tcp` after the script\'s last ufw rule, as the script writes ufw', () => {
    const files = host(...SETUP, '  sudo ufw allow 21/tcp', 'sudo ufw --force enable');
    const finding = checkFiles(files).findings.find((f) => f.ruleId === 'ftp/passive-blocked')!;
    const fix = finding.fixes.find((f) => /40000:40100/.test(f.title) || Object.values(f.edits).flat().some((e) => e.newText.includes('40000:40100')))!;
    assert.ok(fix, JSON.stringify(finding.fixes.map((f) => f.title)));
    const fixed = applyHostFix(files, fix);
    assert.match(fixed[SCRIPT]!, /  sudo ufw allow 21\/tcp\n  sudo ufw allow 40000:40100\/tcp\nsudo ufw --force enable/);
    assert.deepEqual(verdicts(fixed), ['open', 'open', 'open']);
  });
});
