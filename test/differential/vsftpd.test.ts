import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkText } from '../../server/src/analysis/check.js';
import { vsftpdLanguage } from '../../server/src/languages/vsftpd/language.js';
import { unmet } from '../helpers/requirements.js';

const corpus = join(import.meta.dirname, 'vsftpd-corpus');
const oracle = join(import.meta.dirname, '..', 'oracles', 'vsftpd-oracle.mjs');
const VSFTPD = '/usr/sbin/vsftpd';

interface Verdict { verdict: 'ACCEPT' | 'REJECT' | 'UNKNOWN'; message?: string }

/** The real vsftpd's answer, in throwaway pid and network namespaces (see the oracle's header). */
function askVsftpd(conf: string): Verdict {
  const run = spawnSync('unshare', ['--pid', '--fork', '--mount-proc', '--net', process.execPath, oracle, conf], { encoding: 'utf8', timeout: 15_000 });
  assert.equal(run.status, 0, `oracle failed for ${conf}: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!);
}

const needs = unmet('vsftpd differential tests', { root: true, commands: [VSFTPD, 'unshare'] });

describe('differential: ftpwall reports an error exactly when vsftpd refuses the config', { skip: needs }, () => {
  it('runs the oracle, Debian\'s vsftpd 3.0.3', () => {
    // vsftpd writes its version to fd 0, so point fd 0 at stdout.
    const version = spawnSync('sh', ['-c', `${VSFTPD} -v 0>&1`], { encoding: 'utf8' });
    assert.match(version.stdout, /version 3\.0\.3/);
  });

  it('stops at once in per-connection mode when a unit starts it by itself, and keeps running when it listens (ftp/not-started-by-inetd)', () => {
    const folder = mkdtempSync(join(tmpdir(), 'ftpwall-vsftpd-'));
    try {
      /** vsftpd started as a unit starts it (standard input on /dev/null), for 2 seconds at most: its exit status, 124 if still running. */
      const started = (...settings: string[]) => {
        const conf = join(folder, 'vsftpd.conf');
        writeFileSync(conf, [...settings, 'local_enable=YES', ''].join('\n'));
        const run = spawnSync('unshare', ['--pid', '--fork', '--mount-proc', '--net', 'sh', '-c', `timeout 2 ${VSFTPD} ${conf} < /dev/null; echo "exit $?"`], { encoding: 'utf8', timeout: 15_000 });
        return Number(/exit (\d+)/.exec(run.stdout)?.[1]);
      };
      assert.equal(started('listen=NO', 'listen_ipv6=NO'), 2);
      assert.equal(started('listen=YES', 'listen_ipv6=NO'), 124);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  const files = readdirSync(corpus).filter((f) => f.endsWith('.conf')).sort();
  it('has a corpus of at least 40 configs, valid and invalid', () => {
    assert.ok(files.length >= 40, `${files.length} configs`);
    assert.ok(files.filter((f) => f.startsWith('accept-')).length >= 15 && files.filter((f) => f.startsWith('reject-')).length >= 15);
  });

  for (const name of files) {
    it(name, () => {
      const path = join(corpus, name);
      const vsftpd = askVsftpd(path);
      assert.notEqual(vsftpd.verdict, 'UNKNOWN', `the oracle could not decide: ${vsftpd.message}`);
      // The file name records what vsftpd did when the case was written; a change means the corpus or vsftpd changed.
      assert.equal(vsftpd.verdict, name.startsWith('accept-') ? 'ACCEPT' : 'REJECT', `vsftpd: ${JSON.stringify(vsftpd)}`);
      const errors = checkText(vsftpdLanguage, readFileSync(path, 'utf8'), path).filter((f) => f.severity === 'error');
      if (vsftpd.verdict === 'ACCEPT') {
        assert.deepEqual(errors.map((e) => `${e.ruleId}: ${e.message}`), [], 'vsftpd starts with this file, so ftpwall must not call anything an error');
      } else {
        assert.ok(errors.length > 0, `vsftpd refuses this file ("${vsftpd.message}") but ftpwall reports no error`);
        // Carriage returns are shown as \r in messages; a byte order mark is invisible and left out.
        const said = vsftpd.message!.replace(/\r/g, '\\r').replace(/\uFEFF/g, '');
        assert.ok(errors.some((e) => e.message.replace(/\uFEFF/g, '').includes(said)), `no error quotes vsftpd's message "${said}": ${errors.map((e) => e.message).join(' | ')}`);
      }
    });
  }
});
