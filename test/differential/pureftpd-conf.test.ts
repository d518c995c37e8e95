import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkFiles, HOST } from '../helpers/hosts.js';
import { scratch } from '../helpers/temp.js';
import { PUREFTPD, pureftpdNeeds, STOCK_OPTIONS } from './pureftpd-oracle.js';

/**
 * Upstream's pure-ftpd.conf (the copy Debian ships, with Daemonize off so that pure-ftpd stays in
 * the foreground), with lines added as administrators write them, valid or not.
 */
const BASE = readFileSync(join(STOCK_OPTIONS, 'pure-ftpd.conf'), 'utf8').replace(/^Daemonize\s+yes$/m, 'Daemonize                    no');
const LINES: string[][] = [
  [], ['PassivePortRange 40000 40100'], ['PassivePortRange    30000   35000'], ['passiveportrange 40000 40100'], ['PassivePortRange 40000-40100'],
  ['PassivePortRange 40000:40100'], ['PassivePortRange 40000'], ['PassivePortRange 100 200'], ['PassivePortRange 50000 40000'], ['PassivePortRange 40000 70000'],
  ['ForcePassiveIP 203.0.113.7'], ['ForcePassiveIP 203.0.113.7 198.51.100.1'], ['Bind ,2121'], ['Bind 127.0.0.1,21'], ['Bind 2121'], ['Bind 0.0.0.0, 2121'],
  ['TLS 0'], ['TLS 4'], ['TLS yes'], ['NATmode yes'], ['NATmode no'], ['NATmode maybe'], ['NATmode YES'], ['IPV4Only on'], ['IPV4Only true'], ['IPV4Only 1'],
  ['Umask 133:022'], ['Umask 133 022'], ['Quota 1000:10'], ['Quota 1000 10'], ['PerUserLimits 3:20'], ['LimitRecursion 2000 8'], ['LimitRecursion 2000:8'],
  ['LimitRecursion 0 8'], ['MaxClientsPerIP 0'], ['MaxClientsPerIP eight'], ['AnonymousRatio 1 10'], ['AnonymousRatio 0 10'], ['UserBandwidth 8'],
  ['UserBandwidth 8 16'], ['UserBandwidth 8:16'], ['SyslogFacility local7'], ['SyslogFacility local-7'], ['PassivePortRanges 40000 40100'],
  ['PasivePortRange 40000 40100'], ['AltLog clf:/var/log/pureftpd.log'], ['TrustedIP 10.0.0.1'], ['ChrootEveryone'], ['CustomerProof no'],
  ['  PassivePortRange 40000 40100  '], ['PassivePortRange 40000 40100 # the range'], ['MaxIdleTime 15m'], ['MinUID -1'],
  ['TLSCipherSuite HIGH:MEDIUM'], ['TLSCipherSuite HIGH MEDIUM'], ['MaxDiskUsage 99'], ['PIDFile /run/pure-ftpd.pid'],
];

function askPureftpdConf(texts: readonly string[]): Array<{ status: number; output: string }> {
  const dir = scratch({});
  const jobs = texts.map((text, n) => {
    writeFileSync(join(dir, `${n}.conf`), text);
    return `unshare -n sh -c 'ip link set lo up; timeout 1 ${PUREFTPD} ${dir}/${n}.conf < /dev/null > ${dir}/${n}.out 2>&1; echo $? > ${dir}/${n}.status' &${(n + 1) % 32 === 0 ? '\nwait' : ''}`;
  });
  const run = spawnSync('timeout', ['600', 'sh', '-c', [...jobs, 'wait'].join('\n')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (run.status !== 0) throw new Error(run.stderr);
  return texts.map((_, n) => ({ status: Number(readFileSync(join(dir, `${n}.status`), 'utf8').trim()), output: readFileSync(join(dir, `${n}.out`), 'utf8') }));
}

describe('differential: ftpwall refuses an upstream pure-ftpd.conf exactly where pure-ftpd does', { skip: pureftpdNeeds }, () => {
  const texts = LINES.map((lines) => `${BASE}${lines.map((l) => `${l}\n`).join('')}`);
  const verdicts = askPureftpdConf(texts);

  it(`runs on ${LINES.length} configurations, accepted and refused`, () => {
    const refused = verdicts.filter((v) => v.status !== 124).length;
    assert.ok(refused >= 15 && LINES.length - refused >= 15, `${refused} of ${LINES.length} refused`);
  });

  LINES.forEach((lines, n) => {
    it(lines.join(' / ') || 'Debian\'s copy of pure-ftpd.conf', () => {
      const errors = checkFiles({ [`${HOST}/etc/pure-ftpd.conf`]: texts[n]! }).findings.filter((f) => f.severity === 'error');
      const { status, output } = verdicts[n]!;
      // timeout's 124: pure-ftpd was still running after a second.
      if (status === 124) { assert.deepEqual(errors.map((e) => e.message), [], 'pure-ftpd runs with this file'); return; }
      assert.ok(errors.length, `pure-ftpd exits (${output.trim() || `status ${status}`}) but ftpwall reports no error`);
      const line = /:(\d+):\d+: (syntax error|property not found)/.exec(output);
      if (line) assert.equal(errors[0]!.range.start.line + 1, Number(line[1]), `pure-ftpd: ${output.trim()}; ftpwall: ${errors[0]!.message}`);
    });
  });
});
