import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { checkFiles, HOST, lines } from '../helpers/hosts.js';
import { scratch } from '../helpers/temp.js';
import { askProftpd, PROFTPD, proftpdEtc, proftpdMounts, proftpdNeeds } from './proftpd-oracle.js';
import { proftpdConfigurations, type ProftpdConfiguration } from './proftpd-corpus.js';

/** ftpwall's findings on ProFTPD's own words: errors (it will not start) and cut-short includes, as "file:line message". */
function ftpwallSays(configuration: ProftpdConfiguration): { refused: string[]; cutShort: string[] } {
  const files = Object.fromEntries(Object.entries(configuration.files).map(([path, text]) => [`${HOST}/etc/proftpd/${path}`, text]));
  const findings = checkFiles(files).findings;
  // ProFTPD names the last line of a continued line; the finding's range ends on it.
  const at = (f: (typeof findings)[number]) => `${f.file.replace(`${HOST}`, '')}:${f.range.end.line + 1}`;
  return {
    refused: findings.filter((f) => f.severity === 'error').map((f) => `${at(f)} ${f.message}`),
    // ProFTPD's own "fatal" lines; the lines ftpwall adds that ProFTPD never reads have no counterpart.
    cutShort: findings.filter((f) => f.ruleId === 'proftpd/include-cut-short' && !f.message.startsWith('ProFTPD never reads')).map((f) => `${at(f)} ${f.message}`),
  };
}

describe('differential: ftpwall refuses a ProFTPD configuration exactly where proftpd -t does', { skip: proftpdNeeds }, () => {
  const configurations = proftpdConfigurations();
  const verdicts = askProftpd(configurations.map((c) => c.files));

  it(`runs on at least 200 configurations (${configurations.length}), accepted and refused ones`, () => {
    assert.ok(configurations.length >= 200);
    const refused = verdicts.filter((v) => v.status !== 0).length;
    assert.ok(refused >= 40 && configurations.length - refused >= 80, `${refused} of ${configurations.length} refused`);
  });

  configurations.forEach((configuration, n) => {
    it(configuration.name, () => {
      const verdict = verdicts[n]!;
      const says = ftpwallSays(configuration);
      // ProFTPD logs an included file's errors as fatal and goes on; what stops it is its last fatal error.
      const first = verdict.status === 0 ? verdict.fatal[0] : verdict.fatal.at(-1);
      if (verdict.status === 0) {
        assert.deepEqual(says.refused, [], `proftpd -t accepts this configuration${first ? ` (logging "${first.message}" for an included file)` : ''}`);
        // Each included file ProFTPD stops reading is one ftpwall warns about, on the same line.
        // ProFTPD names an included file's last line for a section left open there; ftpwall the line that opens it.
        const where = (text: string, file: string, line: number) => (/unclosed/.test(text) ? file : `${file}:${line}`);
        assert.deepEqual(says.cutShort.map((s) => where(s, s.split(':')[0]!, Number(s.split(' ')[0]!.split(':')[1]))), verdict.fatal.map((f) => where(f.message, f.file, f.line)));
        return;
      }
      assert.ok(first, `proftpd -t refuses without a line: ${verdict.output}`);
      const ours = says.refused[0];
      assert.ok(ours, `proftpd -t refuses (${first.file}:${first.line} ${first.message}) but ftpwall reports no error`);
      // A section left open: ProFTPD names the file's last line (or no line); ftpwall names the line that opens it.
      if (/unclosed/.test(first.message)) { assert.ok(ours.includes(first.message.replace(/ on line.*/, '')) || ours.includes('unclosed configuration section'), `proftpd: ${first.message}; ftpwall: ${ours}`); return; }
      assert.equal(ours.split(' ')[0], `${first.file}:${first.line}`, `proftpd: ${first.message}; ftpwall: ${ours}`);
      assert.ok(ours.slice(ours.indexOf(' ') + 1).startsWith(first.message), `proftpd says "${first.message}", ftpwall "${ours}"`);
    });
  });
});

describe('differential: ProFTPD with ServerType inetd, started by a unit of its own (ftp/not-started-by-inetd)', { skip: proftpdNeeds }, () => {
  /**
   * proftpd run as Debian's proftpd.service runs it (standard input on /dev/null), in private
   * mount, network and process namespaces, for 2 seconds at most: its exit status (124 if still
   * running) and what it wrote.
   */
  function started(serverType: string, ...options: string[]): { status: number; output: string } {
    const folder = scratch({});
    try {
      const etc = proftpdEtc(folder, { 'proftpd.conf': lines('ServerName "oracle"', `ServerType ${serverType}`, 'User proftpd', 'Group nogroup', 'Port 21') });
      const steps = [...proftpdMounts(), `mount -t overlay ftpwall-etc -o lowerdir=${etc}:/etc /etc`, 'ip link set lo up', `timeout 2 ${PROFTPD} ${options.join(' ')} -c /etc/proftpd/proftpd.conf < /dev/null 2>&1; echo "exit $?"`];
      const run = spawnSync('timeout', ['30', 'unshare', '-m', '-n', '-p', '-f', '--mount-proc', 'sh', '-c', steps.join('\n')], { encoding: 'utf8' });
      return { status: Number(/exit (\d+)/.exec(run.stdout)?.[1]), output: run.stdout };
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }

  it('stops at once with the reason ftpwall quotes, and keeps running when it listens by itself', () => {
    const UNITS = `${HOST}/etc/systemd/system`;
    const host = {
      [`${HOST}/etc/proftpd/proftpd.conf`]: lines('ServerType inetd', 'Port 21'),
      [`${UNITS}/multi-user.target.wants/proftpd.service`]: '',
    };
    const message = checkFiles(host).findings.find((f) => f.ruleId === 'ftp/not-started-by-inetd')?.message ?? '';
    const quoted = /stops at once \(status (\d+), "([^"]+)"\)/.exec(message);
    assert.ok(quoted, `ftpwall's finding: ${message}`);
    const alone = started('inetd');
    assert.equal(alone.status, Number(quoted[1]), alone.output);
    assert.ok(alone.output.includes(quoted[2]!), alone.output);
    // In the foreground (-n) it is the same; listening by itself, it is still running when stopped.
    assert.equal(started('inetd', '-n').status, Number(quoted[1]));
    assert.equal(started('standalone', '-n').status, 124);
  });
});
