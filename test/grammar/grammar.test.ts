import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { scratch } from '../helpers/temp.js';

const root = join(import.meta.dirname, '..', '..');
const tool = join(root, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js');

function grammarTest(files: string) {
  return spawnSync(process.execPath, [tool, '-g', join(root, 'syntaxes', 'vsftpd.tmLanguage.json'), files], { cwd: root, encoding: 'utf8' });
}

describe('TextMate grammar', () => {
  it('scopes vsftpd.conf as the test files expect', () => {
    const run = grammarTest('syntaxes/test/*.vsftpd');
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /run successfuly/);
  });

  it('fails when an expectation is wrong (the check itself works)', () => {
    const dir = scratch({ 'wrong.vsftpd': '# SYNTAX TEST "source.vsftpd"\nlisten=YES\n#      ^^^ constant.numeric.vsftpd\n' });
    const run = grammarTest(join(dir, '*.vsftpd'));
    assert.notEqual(run.status, 0);
  });
});
