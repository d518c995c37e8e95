// Runs test files with node's test runner (TypeScript through tsx). Arguments narrow the run to
// folders or files (a file named is run whatever its name). Prints the spec report, then the reason of every skip, then one
// closing line "N passed, N failed, N skipped" from scripts/test-summary-reporter.mjs, which
// counts a suite that fails while loading as failed. With CI=true a skip fails the run: CI's
// machine has root and every package, so a skip there means a test did not run.
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['test'];

// Links inside the tree are not followed: a host copied as systemd leaves it holds links to
// /lib/systemd/system and /etc that do not exist on the machine running the tests.
function collect(path, out, named = true) {
  const stat = named ? statSync(path) : lstatSync(path);
  if (stat.isDirectory()) for (const entry of readdirSync(path).sort()) collect(join(path, entry), out, false);
  else if (named || /\.test\.ts$/.test(path)) out.push(path);
  return out;
}

const files = roots.flatMap((r) => collect(resolve(root, r), []));
if (files.length === 0) { console.error(`no test files under ${roots.join(' ')}`); process.exit(1); }
// FTPWALL_TEST_OUTPUT moves the summary elsewhere (a user who cannot write to the checkout).
const outputFolder = process.env.FTPWALL_TEST_OUTPUT ?? join(root, 'test-output');
mkdirSync(outputFolder, { recursive: true });
// One file per run: a test of this runner starts another run while this one's reporter writes.
const summaryFile = join(outputFolder, `summary-${process.pid}.json`);
rmSync(summaryFile, { force: true });
// The ftpwall command's code cache (server/src/cli/launch.ts) goes beside the summary, not into the user's cache folder.
process.env.FTPWALL_CACHE_DIR ||= join(outputFolder, 'cli-cache');
const run = spawnSync(process.execPath, [
  '--import', 'tsx', '--test', '--test-concurrency=1', '--test-timeout=180000',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  `--test-reporter=${join(root, 'scripts', 'test-summary-reporter.mjs')}`, `--test-reporter-destination=${summaryFile}`,
  ...files.map((f) => relative(root, f)),
], { cwd: root, stdio: 'inherit' });

let summary;
try { summary = JSON.parse(readFileSync(summaryFile, 'utf8')); } catch (error) {
  console.log(`0 passed, 1 failed, 0 skipped`);
  console.error(`run-tests: the test runner left no summary (${error.message}); exit status ${run.status}`);
  process.exit(1);
}
rmSync(summaryFile, { force: true });
const { passed, failed, skipped } = summary;
if (failed.length) {
  console.log('\nFailed:');
  for (const f of failed) console.log(`  ${f.file ? relative(root, f.file) + ': ' : ''}${f.name}${f.error ? ` (${f.error.split('\n')[0].slice(0, 200)})` : ''}`);
}
if (skipped.length) {
  const reasons = new Map();
  for (const s of skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
  console.log('\nSkipped:');
  for (const [reason, count] of reasons) console.log(`  ${reason}${count > 1 ? ` (${count})` : ''}`);
}
// A run that failed with no failing test counted (a crash of the runner itself) still counts one.
const failures = failed.length || (run.status === 0 ? 0 : 1);
console.log(`${passed} passed, ${failures} failed, ${skipped.length} skipped`);
const ciSkips = process.env.CI === 'true' && skipped.length > 0;
if (ciSkips) console.log(`CI=true: ${skipped.length} skipped test(s) fail the run; CI must run every test`);
process.exit(failures === 0 && passed > 0 && !ciSkips ? 0 : 1);
