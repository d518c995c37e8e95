import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkText } from '../../server/src/analysis/check.js';
import { restoreLanguage } from '../../server/src/languages/iptables/restore-language.js';
import { unmet } from '../helpers/requirements.js';
import { scratch } from '../helpers/temp.js';
import { GOES_FURTHER, icmpTypeFiles, optionValueFiles, ownFiles, vectorFiles, type CorpusFile } from './iptables-corpus.js';

const root = join(import.meta.dirname, '..', '..');
const vectors = join(root, 'test', 'fixtures', 'reference', 'iptables-xt-tests.tsv');
const oracle = join(root, 'test', 'oracles', 'iptables-oracle.sh');

interface Verdicts { legacy: number; nft: number; legacyMessage: string; nftMessage: string }

/** Both backends' answers for every file (IPv6 ones from ip6tables-restore), in throwaway network namespaces. */
function askIptables(files: CorpusFile[]): Map<string, Verdicts> {
  const result = new Map<string, Verdicts>();
  for (const family of ['ipv4', 'ipv6'] as const) {
    const ofFamily = files.filter((f) => f.family === family);
    if (ofFamily.length === 0) continue;
    const dir = join(scratch({}), 'corpus');
    mkdirSync(dir);
    for (const f of ofFamily) writeFileSync(join(dir, f.name), f.text);
    const run = spawnSync('unshare', ['--net', 'bash', oracle, dir, family === 'ipv6' ? 'ip6' : 'ip'], { encoding: 'utf8', timeout: 600_000 });
    assert.equal(run.status, 0, run.stderr);
    for (const line of run.stdout.trim().split('\n')) {
      const [name, legacy, nft, legacyMessage, nftMessage] = line.split('\t');
      result.set(name!, { legacy: Number(legacy), nft: Number(nft), legacyMessage: legacyMessage ?? '', nftMessage: nftMessage ?? '' });
    }
  }
  return result;
}

const needs = unmet('iptables differential tests', { root: true, commands: ['iptables-legacy-restore', 'iptables-nft-restore', 'unshare'] });

describe('differential: ftpwall reports an error whenever iptables-restore (legacy or nf_tables) refuses a file, and none where both accept it', { skip: needs }, () => {
  assert.ok(existsSync(vectors), `${vectors} is missing: the differential corpus is built from iptables' own test vectors (test/fixtures/reference)`);
  const files = [...vectorFiles(vectors), ...ownFiles(), ...icmpTypeFiles(), ...optionValueFiles()];
  const verdicts = askIptables(files);

  it('runs on a corpus of at least 300 files, with both accepted and refused ones', () => {
    assert.ok(files.length >= 300, `${files.length} files`);
    assert.equal(verdicts.size, files.length);
    const refused = [...verdicts.values()].filter((v) => v.legacy !== 0 || v.nft !== 0).length;
    assert.ok(refused >= 60 && files.length - refused >= 200, `${refused} refused`);
  });

  for (const file of files) {
    it(file.name, () => {
      const verdict = verdicts.get(file.name)!;
      const errors = checkText(restoreLanguage, file.text, file.name).filter((f) => f.severity === 'error');
      const refused = verdict.legacy !== 0 || verdict.nft !== 0;
      if (refused) {
        assert.ok(errors.length > 0, `refused (legacy ${verdict.legacy}: ${verdict.legacyMessage} | nft ${verdict.nft}: ${verdict.nftMessage}) but ftpwall reports no error:\n${file.text}`);
        // ICMP types and the option values: ftpwall quotes iptables' own message.
        const said = verdict.legacyMessage.replace(/^ip6?tables-restore v[\d.]+ \(legacy\): /, '').replace(/ *Error occurred at line: \d+\s*$/, '').trim();
        if (/^own-(icmp-type|said)-/.test(file.name)) assert.ok(errors.some((e) => e.message.includes(said)), `iptables says "${said}", ftpwall: ${errors.map((e) => e.message).join(' | ')}`);
        return;
      }
      if (errors.length === 0) return;
      // ftpwall may go further than --test only for a listed reason, or where iptables' own test
      // vectors expect the rule to fail and ftpwall says that the kernel refuses it when loaded, or
      // that iptables 1.8.9 loads what its own tests expect refused.
      const loadTime = file.vectorVerdict === 'FAIL' && errors.every((e) => /when the rules are loaded|iptables' own tests expect it refused/.test(e.message));
      assert.ok(GOES_FURTHER[file.name] || loadTime, `both backends accept this file but ftpwall reports: ${errors.map((e) => `${e.ruleId}: ${e.message}`).join(' | ')}\n${file.text}`);
    });
  }
});
