import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readNftablesDocument } from '../../server/src/languages/nftables/document.js';
import { unmet } from '../helpers/requirements.js';
import { scratch } from '../helpers/temp.js';
import { generatedFiles, vectorFiles, type NftCorpusFile } from './nftables-corpus.js';

const root = join(import.meta.dirname, '..', '..');
const vectors = join(root, 'test', 'fixtures', 'reference', 'nft-py-tests.tsv');
const oracle = join(root, 'test', 'oracles', 'nft-oracle.sh');

interface NftVerdict { status: number; line: number | undefined; message: string }

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
function ftpwallErrors(file: NftCorpusFile): { lines: number[]; first: number | undefined; messages: string[] } {
  const { problems } = readNftablesDocument(file.text, file.name).ruleset;
  const earliest = (['parse', 'evaluate', 'kernel'] as const).map((stage) => problems.filter((p) => p.stage === stage)).find((found) => found.length);
  const first = earliest ? Math.min(...earliest.map((p) => p.where.line + 1)) : undefined;
  return { lines: problems.map((p) => p.where.line + 1), first, messages: problems.map((p) => `${p.where.line + 1}: ${p.message}`) };
}

const needs = unmet('nftables differential tests', { root: true, commands: ['nft', 'unshare'] });

describe('differential: ftpwall reports an error exactly where nft -c refuses a ruleset, and none where it accepts one', { skip: needs }, () => {
  const generated = generatedFiles(360);
  const verdicts = askNft(generated);

  it('runs on at least 300 generated files, accepted and refused ones', () => {
    assert.ok(generated.length >= 300);
    const refused = [...verdicts.values()].filter((v) => v.status !== 0).length;
    assert.ok(refused >= 100 && generated.length - refused >= 100, `${refused} of ${generated.length} refused`);
  });

  for (const file of generated) {
    it(file.name, () => {
      const verdict = verdicts.get(file.name)!;
      const errors = ftpwallErrors(file);
      if (verdict.status === 0) { assert.deepEqual(errors.messages, [], `nft accepts this file but ftpwall reports errors:\n${file.text}`); return; }
      assert.ok(errors.lines.length > 0, `nft refuses (line ${verdict.line}: ${verdict.message}) but ftpwall reports no error:\n${file.text}`);
      assert.equal(errors.first, verdict.line, `nft's first error is on line ${verdict.line} (${verdict.message}), ftpwall's on line ${errors.first} (${errors.messages.join(' | ')}):\n${file.text}`);
    });
  }
});

describe('differential: nftables\' own rule vectors (tests/py), checked by the real nft', { skip: needs }, () => {
  assert.ok(existsSync(vectors), `${vectors} is missing: the vectors are test data kept in test/fixtures/reference`);
  const files = vectorFiles(vectors);
  const verdicts = askNft(files);

  it('never reports an error in a rule nft accepts, and reports one on the rule\'s line for the refusals of what ftpwall reads', () => {
    const falseErrors: string[] = [], missed: string[] = [], wrongLine: string[] = [];
    let judged = 0;
    for (const file of files) {
      const verdict = verdicts.get(file.name)!;
      const errors = ftpwallErrors(file);
      const all = errors.lines;
      if (verdict.status === 0) { if (all.length) falseErrors.push(`${file.name}: ${errors.messages.join(' | ')}`); continue; }
      if (all.length === 0) { missed.push(`${file.name} (${verdict.message})`); continue; }
      judged++;
      if (!all.includes(verdict.line!)) wrongLine.push(`${file.name}: nft line ${verdict.line}, ftpwall ${errors.messages.join(' | ')}`);
    }
    assert.deepEqual(falseErrors, [], `${falseErrors.length} vectors nft accepts get an error from ftpwall`);
    assert.deepEqual(wrongLine, [], 'errors on another line than nft\'s');
    // What nft refuses in expressions ftpwall does not read (ct expiration, log flags, ...) it does not claim to find.
    console.log(`nft vectors: ${files.length}, ${files.length - [...verdicts.values()].filter((v) => v.status !== 0).length} accepted, ${judged} refusals found by ftpwall, ${missed.length} refusals in what ftpwall does not read`);
  });
});
