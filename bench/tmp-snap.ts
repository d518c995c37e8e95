import { readFileSync } from 'node:fs';
import { writeHeapSnapshot } from 'node:v8';
import { readRestoreDocument } from '../server/src/languages/iptables/restore-document.js';
const text = readFileSync('/tmp/b/r20k.v4', 'utf8');
const doc = readRestoreDocument(text, '/tmp/b/rules.v4');
(globalThis as any).keep = doc;
writeHeapSnapshot('/tmp/b/h.heapsnapshot');
