import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../server/src/analysis/registry.js';
import { DESCRIPTIONS } from '../../server/src/languages/vsftpd/descriptions.js';
import { DIRECTIVES } from '../../server/src/languages/vsftpd/directives.js';

const root = join(import.meta.dirname, '..', '..');

describe('generated files and documentation', () => {
  it('has a documentation page for every rule, with a before and after example', () => {
    for (const rule of ALL_RULES) {
      const page = join(root, 'docs', 'rules', `${rule.id}.md`);
      assert.ok(existsSync(page), `missing ${page}`);
      const text = readFileSync(page, 'utf8');
      for (const heading of ['## What it detects', '## Why it matters', '## How to fix it', 'Before:', 'After:']) assert.ok(text.includes(heading), `${rule.id}: ${heading}`);
      assert.match(rule.id, /^[a-z0-9]+\/[a-z0-9-]+$/);
    }
    assert.equal(new Set(ALL_RULES.map((r) => r.id)).size, ALL_RULES.length, 'rule ids are unique');
    // The build writes pages but never removes one: a page whose check is gone would stay behind.
    const docs = join(root, 'docs', 'rules');
    const pages = readdirSync(docs, { withFileTypes: true }).filter((e) => e.isDirectory()).flatMap((d) => readdirSync(join(docs, d.name)).filter((f) => f.endsWith('.md')).map((f) => `${d.name}/${f.slice(0, -3)}`));
    assert.deepEqual(pages.filter((id) => !ALL_RULES.some((r) => r.id === id)), [], 'pages of checks that no longer exist');
  });

  it('keeps the committed grammar and docs in step with the tables', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'generate.ts'), '--check'], { cwd: root, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
  });

  it('keeps the directive table in step with the measured vsftpd facts', () => {
    execFileSync(process.execPath, [join(root, 'scripts', 'gen-vsftpd-table.mjs'), '--check'], { cwd: root });
  });

  it('describes every directive in its own words', () => {
    assert.equal(DIRECTIVES.size, 135);
    for (const name of DIRECTIVES.keys()) assert.ok((DESCRIPTIONS[name] ?? '').length > 20, `no description for ${name}`);
    assert.deepEqual(Object.keys(DESCRIPTIONS).filter((n) => !DIRECTIVES.has(n)), []);
  });
});
