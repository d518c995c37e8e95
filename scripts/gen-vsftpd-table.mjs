// Regenerates server/src/languages/vsftpd/directive-table.json from the measured facts in
// test/fixtures/reference/vsftpd-directives.json (see the README there). The table is committed so that building never
// needs the facts file; `--check` exits 1 when the committed table has drifted from the facts.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'test', 'fixtures', 'reference', 'vsftpd-directives.json');
const target = join(root, 'server', 'src', 'languages', 'vsftpd', 'directive-table.json');

export function generateTable(facts) {
  const directives = facts
    .map((d) => ({
      name: d.name,
      kind: d.kind,
      default: d.default ?? null,
      ...(d.default_octal ? { defaultOctal: d.default_octal } : {}),
      ...(d.value_type ? { valueType: d.value_type } : {}),
      category: d.category,
      since: d.since,
      ...(d.upstream_default !== undefined ? { upstreamDefault: d.upstream_default } : {}),
      ...(d.debian_only ? { debianOnly: true } : {}),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    vsftpdVersion: '3.0.3',
    build: 'Debian 12 package 3.0.3-13+b2',
    generatedFrom: 'test/fixtures/reference/vsftpd-directives.json',
    directives,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!existsSync(source)) {
    console.error(`gen-vsftpd-table: ${source} not found; keeping the committed table`);
    process.exit(process.argv.includes('--check') ? 1 : 0);
  }
  const text = JSON.stringify(generateTable(JSON.parse(readFileSync(source, 'utf8'))), null, 1) + '\n';
  if (process.argv.includes('--check')) {
    const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
    if (current !== text) { console.error('directive-table.json is out of date: run node scripts/gen-vsftpd-table.mjs'); process.exit(1); }
  } else {
    writeFileSync(target, text);
    console.log(`wrote ${target} (${JSON.parse(text).directives.length} directives)`);
  }
}
