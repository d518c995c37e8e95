// `npm run test:e2e:electron`: the same end-to-end suite in desktop VS Code, where
// @vscode/test-electron can download it (not on the project's own machines, which reach only
// the npm registry and Debian; there the suite runs in code-server, see code-server.test.ts).
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const workspace = join(mkdtempSync(join(tmpdir(), 'ftpwall-e2e-')), 'examples');
cpSync(join(root, 'examples'), workspace, { recursive: true });
await runTests({ extensionDevelopmentPath: root, extensionTestsPath: join(root, 'dist', 'e2e', 'index.js'), launchArgs: [workspace, '--disable-extensions'] });
