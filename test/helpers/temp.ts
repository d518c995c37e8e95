import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';

/** A scratch folder filled with the given files, removed when the test file ends. */
export function scratch(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'ftpwall-test-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  after(() => rmSync(root, { recursive: true, force: true }));
  return root;
}
