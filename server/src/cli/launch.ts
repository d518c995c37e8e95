import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';

/*
 * The `ftpwall` command: starts the CLI's bundle (cli-main.js) through V8's code cache. A check
 * run from a pre-commit hook is short, and compiling the bundle was an eighth of it. The cache
 * lives in the user's own cache folder (never a shared one: V8 trusts what it reads back), one
 * file per bundle and Node version, with those of the last few other bundles; one V8 refuses, or
 * that cannot be read or written, only makes that start slower.
 */

/**
 * The hash of cli-main.js's content, which scripts/build.mjs works out when it builds the two
 * together: V8 checks only a cache's length against the source, so the cache's name must change
 * with the content; hashing 1.6 MB at each start, with node:crypto loaded for it, was 7% of
 * checking a small file.
 */
declare const __CLI_MAIN_HASH__: string;

/** FNV-1a of a short text, as 8 hex digits: the Node version and architecture in a cache's name. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

const bundle = join(__dirname, 'cli-main.js');
const source = readFileSync(bundle, 'utf8');
const folder = process.env['FTPWALL_CACHE_DIR'] || join(process.env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'ftpwall');
const key = `${__CLI_MAIN_HASH__.slice(0, 16)}${shortHash(`${process.version} ${process.arch}`)}`;
const cachePath = join(folder, `cli-${key}.v8cache`);

let cachedData: Buffer | undefined;
try { cachedData = readFileSync(cachePath); } catch { cachedData = undefined; }
const script = new Script(Module.wrap(source), { filename: bundle, ...(cachedData ? { cachedData } : {}) });
// Made at the exit of a run that checks or explains, when the functions such a run needs are
// compiled as well (a `--version` would leave a cache of the bundle's top level only).
const [command] = process.argv.slice(2);
const checks = command !== undefined && !command.startsWith('-') && command !== 'help';
if ((!cachedData || script.cachedDataRejected) && checks) {
  // Written whole or not at all.
  process.once('exit', () => {
    try {
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      const partial = `${cachePath}.${process.pid}`;
      writeFileSync(partial, script.createCachedData(), { mode: 0o600 });
      renameSync(partial, cachePath);
      removeOldCaches();
    } catch { /* no cache: the next start compiles again */ }
  });
}

/** Caches of other bundles kept besides this one's: a user may switch between a few versions, but every upgrade would otherwise leave one behind. */
const OTHER_CACHES_KEPT = 3;

function removeOldCaches(): void {
  const others = readdirSync(folder).filter((name) => /^cli-[0-9a-f]{24}\.v8cache$/.test(name) && join(folder, name) !== cachePath);
  const newestFirst = others.map((name) => ({ name, time: statSync(join(folder, name)).mtimeMs })).sort((a, b) => b.time - a.time);
  for (const { name } of newestFirst.slice(OTHER_CACHES_KEPT)) unlinkSync(join(folder, name));
}
const module = { exports: {} };
(script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(bundle), module, bundle, __dirname);
