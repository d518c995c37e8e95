// Runs test files with node's test runner (TypeScript through tsx). Arguments narrow the run to
// folders or files under test/. Prints the spec report, then one closing line
// "N passed, N failed, N skipped" taken from a TAP copy of the same run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['test'];

function collect(path, out) {
  const stat = statSync(path);
  if (stat.isDirectory()) for (const entry of readdirSync(path).sort()) collect(join(path, entry), out);
  else if (/\.test\.ts$/.test(path)) out.push(path);
  return out;
}

const files = roots.flatMap((r) => collect(join(root, r), []));
if (files.length === 0) { console.error(`no test files under ${roots.join(' ')}`); process.exit(1); }
mkdirSync(join(root, 'test-output'), { recursive: true });
const tapFile = join(root, 'test-output', 'results.tap');
const result = spawnSync(process.execPath, [
  '--import', 'tsx', '--test', '--test-concurrency=1', '--test-timeout=180000',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=tap', `--test-reporter-destination=${tapFile}`,
  ...files.map((f) => relative(root, f)),
], { cwd: root, stdio: 'inherit' });

const tap = readFileSync(tapFile, 'utf8');
const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
const passed = count('pass'), failed = count('fail') + count('cancelled'), skipped = count('skipped') + count('todo');
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(result.status === 0 && failed === 0 && passed > 0 ? 0 : 1);
