import { readFileSync } from 'node:fs';
import { readRestoreDocument } from '../server/src/languages/iptables/restore-document.js';
import { parseCommand } from '../server/src/languages/iptables/command.js';
const text = readFileSync('/tmp/b/rules.v4', 'utf8');
const doc = readRestoreDocument(text, '/tmp/b/rules.v4');
const cmds = doc.commands.map((c) => [c.parsed.words, c.table] as const);
for (let r = 0; r < 6; r++) {
  const t0 = performance.now();
  for (const [w, t] of cmds) parseCommand(w, 'ipv4', t);
  console.log('parseCommand x100k ms', (performance.now() - t0).toFixed(0));
}
for (let r = 0; r < 3; r++) { const t0 = performance.now(); readRestoreDocument(text, '/x/rules.v4'); console.log('read ms', (performance.now() - t0).toFixed(0)); }
