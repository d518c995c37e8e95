import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFiles, HOST, RULES, VSFTPD } from '../../helpers/hosts.js';

const OPEN = ['*filter', ':INPUT ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', 'COMMIT', ''].join('\n');

/** A server that refuses its configuration lets nothing through, whatever the firewall accepts: ftpwall must not say open. */
describe('a ProFTPD or Pure-FTPd that does not start', () => {
  const cases: Array<[string, Record<string, string>, RegExp]> = [
    ['ProFTPD', { [`${HOST}/etc/proftpd/proftpd.conf`]: 'Port 21\nPassivePorts 50000 40000\n' }, /^ProFTPD does not start: PassivePorts: min port must be less than max port \(proftpd\.conf:2\)\.$/],
    ['Pure-FTPd', { [`${HOST}/etc/pure-ftpd/conf/TLS`]: '4\n' }, /^Pure-FTPd does not start: Configuration error: TLS \(TLS:1\)\.$/],
  ];
  for (const [server, files, reason] of cases) {
    it(`${server}: every path blocked, naming the refused line; no finding blames the firewall`, () => {
      const { paths, findings } = checkFiles({ ...files, [RULES]: OPEN });
      for (const path of [paths.control, paths.passive, paths.active]) {
        assert.equal(path.verdict, 'blocked');
        assert.match(path.reason, reason);
      }
      assert.deepEqual(findings.filter((f) => /^ftp\/(control|passive|active)-/.test(f.ruleId)).map((f) => f.ruleId), []);
      assert.ok(findings.some((f) => f.severity === 'error'), 'the refusal itself is reported');
    });
  }

  it('vsftpd keeps its behaviour: a config it refuses is still judged through the firewall (its own checks report the refusal)', () => {
    const { paths, findings } = checkFiles({ [VSFTPD]: 'listen=YES\nanonymous_enable=maybe\n', [RULES]: OPEN });
    assert.equal(paths.control.verdict, 'open');
    assert.ok(findings.some((f) => f.severity === 'error' && f.file === VSFTPD));
  });
});
