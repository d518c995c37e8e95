import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readNftablesDocument } from '../../server/src/languages/nftables/document.js';
import { unmet } from '../helpers/requirements.js';
import { scratch } from '../helpers/temp.js';
import { vectorFiles, type NftCorpusFile } from './nftables-corpus.js';

const root = join(import.meta.dirname, '..', '..');
const vectors = join(root, 'test', 'fixtures', 'reference', 'nft-py-tests.tsv');
const oracle = join(root, 'test', 'oracles', 'nft-oracle.sh');

export interface NftVerdict { status: number; line: number | undefined; message: string }

/** nft -c's answer for every file, in one throwaway network namespace. */
export function askNft(files: readonly NftCorpusFile[]): Map<string, NftVerdict> {
  const dir = join(scratch({}), 'corpus');
  mkdirSync(dir);
  for (const f of files) writeFileSync(join(dir, f.name), f.text);
  const run = spawnSync('unshare', ['--net', 'bash', oracle, dir], { encoding: 'utf8', timeout: 900_000, maxBuffer: 64 * 1024 * 1024 });
  assert.equal(run.status, 0, run.stderr);
  const result = new Map<string, NftVerdict>();
  for (const line of run.stdout.trim().split('\n')) {
    const [name, status, errorLine, message] = line.split('\t');
    result.set(name!, { status: Number(status), line: errorLine ? Number(errorLine) : undefined, message: message ?? '' });
  }
  return result;
}

/** ftpwall's errors for a file: the lines (1-based) of all of them, and the line nft would print first (its earliest stage's first). */
export function ftpwallErrors(file: NftCorpusFile): { lines: number[]; first: number | undefined; messages: string[] } {
  const { problems } = readNftablesDocument(file.text, file.name).ruleset;
  const earliest = (['parse', 'evaluate', 'kernel'] as const).map((stage) => problems.filter((p) => p.stage === stage)).find((found) => found.length);
  const first = earliest ? Math.min(...earliest.map((p) => p.where.line + 1)) : undefined;
  return { lines: problems.map((p) => p.where.line + 1), first, messages: problems.map((p) => `${p.where.line + 1}: ${p.message}`) };
}

export const nftNeeds = unmet('nftables differential tests', { root: true, commands: ['nft', 'unshare'] });

/**
 * nftables' own rule vectors whose .t file is under one of `folders` (any, inet, ip, ip6, arp,
 * bridge, netdev): the suite is cut in two files, so that each stays within a test file's time.
 */
export function vectorSuite(folders: readonly string[]): void {
  const title = `differential: nftables' own rule vectors (tests/py: ${folders.join(', ')}), checked by the real nft`;
  describe(title, { skip: nftNeeds }, () => {
    assert.ok(existsSync(vectors), `${vectors} is missing: the vectors are test data kept in test/fixtures/reference`);
    const files = vectorFiles(vectors).filter((f) => folders.some((folder) => f.name.startsWith(`vec-${folder}-`)));
    const verdicts = askNft(files);

    it('never reports an error in a rule nft accepts, and reports one on the rule\'s line for the refusals of what ftpwall reads', () => {
      const falseErrors: string[] = [], missed: string[] = [], wrongLine: string[] = [];
      let judged = 0;
      for (const file of files) {
        const verdict = verdicts.get(file.name)!;
        const errors = ftpwallErrors(file);
        if (verdict.status === 0) { if (errors.lines.length) falseErrors.push(`${file.name}: ${errors.messages.join(' | ')}`); continue; }
        if (errors.lines.length === 0) { missed.push(`${file.name} (${verdict.message})`); continue; }
        judged++;
        if (!errors.lines.includes(verdict.line!)) wrongLine.push(`${file.name}: nft line ${verdict.line}, ftpwall ${errors.messages.join(' | ')}`);
      }
      assert.ok(files.length > 500, `${files.length} vectors`);
      assert.deepEqual(falseErrors, [], `${falseErrors.length} vectors nft accepts get an error from ftpwall`);
      assert.deepEqual(wrongLine, [], 'errors on another line than nft\'s');
      // What nft refuses inside expressions ftpwall does not read (ct expiration, log flags, ...) it does not claim to find: counted, not asserted.
      const accepted = files.filter((f) => verdicts.get(f.name)!.status === 0).length;
      console.log(`nft vectors (${folders.join(', ')}): ${files.length}, ${accepted} accepted; of the ${files.length - accepted} refused, ${judged} found by ftpwall on nft's line, ${missed.length} inside what ftpwall does not read`);
    });
  });
}
