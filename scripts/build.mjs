// Builds everything `npm run build` promises: the three bundles, the TextMate grammar and the
// rule documentation, both generated from the same tables the server uses.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const dist = join(root, 'dist');
mkdirSync(dist, { recursive: true });
// The repository is an ES module package; the bundles are CommonJS, as VS Code loads extensions.
writeFileSync(join(dist, 'package.json'), '{ "type": "commonjs" }\n');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // chevrotain ships ES modules only under the "import" condition.
  conditions: ['import'],
  sourcemap: 'linked',
  minify: process.argv.includes('--minify'),
  define: { __FTPWALL_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: [join(root, 'client/src/extension.ts')], outfile: join(dist, 'client.js'), external: ['vscode'] }),
  build({ ...common, entryPoints: [join(root, 'server/src/lsp/server.ts')], outfile: join(dist, 'server.js'), banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: [join(root, 'server/src/cli/bin.ts')], outfile: join(dist, 'cli-main.js') }),
]);
// The command itself starts cli-main.js through V8's code cache (server/src/cli/launch.ts), named by cli-main.js's hash.
const cliMainHash = createHash('sha256').update(readFileSync(join(dist, 'cli-main.js'))).digest('hex');
await build({ ...common, entryPoints: [join(root, 'server/src/cli/launch.ts')], outfile: join(dist, 'cli.js'), sourcemap: false, banner: { js: '#!/usr/bin/env node' }, define: { ...common.define, __CLI_MAIN_HASH__: JSON.stringify(cliMainHash) } });
chmodSync(join(dist, 'cli.js'), 0o755);
chmodSync(join(dist, 'server.js'), 0o755);

execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/generate.ts')], { stdio: 'inherit', cwd: root });
console.log('built dist/client.js, dist/server.js, dist/cli.js (with dist/cli-main.js), syntaxes/, docs/rules/');
