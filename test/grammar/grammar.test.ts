import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { scratch } from '../helpers/temp.js';

const root = join(import.meta.dirname, '..', '..');
const tool = join(root, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js');

const grammars = readdirSync(join(root, 'syntaxes')).filter((f) => f.endsWith('.tmLanguage.json')).flatMap((f) => ['-g', join(root, 'syntaxes', f)]);

function grammarTest(files: string) {
  return spawnSync(process.execPath, [tool, ...grammars, files], { cwd: root, encoding: 'utf8' });
}

describe('TextMate grammar', () => {
  it('scopes every file kind as the test files expect', () => {
    const run = grammarTest('syntaxes/test/*');
    assert.equal(run.status, 0, run.stdout + run.stderr);
    // One test file per grammar, each reported as passing.
    assert.equal(run.stdout.match(/run successfuly/g)?.length, grammars.length / 2, run.stdout);
  });

  it('fails when an expectation is wrong (the check itself works)', () => {
    const dir = scratch({ 'wrong.vsftpd': '# SYNTAX TEST "source.vsftpd"\nlisten=YES\n#      ^^^ constant.numeric.vsftpd\n' });
    const run = grammarTest(join(dir, '*.vsftpd'));
    assert.notEqual(run.status, 0);
  });
});
