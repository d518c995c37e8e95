import { readFileSync } from 'node:fs';
import { readRestoreDocument } from '../server/src/languages/iptables/restore-document.js';
const text = readFileSync('/tmp/b/rules.v4', 'utf8');
(globalThis as any).gc(); const before = process.memoryUsage().heapUsed;
const t0 = performance.now();
const doc = readRestoreDocument(text, '/tmp/b/rules.v4');
const t1 = performance.now();
(globalThis as any).gc(); const after = process.memoryUsage().heapUsed;
console.log('read ms', (t1-t0).toFixed(0), 'heap MB', ((after-before)/1e6).toFixed(0), 'rss', (process.memoryUsage().rss/1e6).toFixed(0), doc.commands.length);
