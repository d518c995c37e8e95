import { join } from 'node:path';
import { generateKubeNodeFile, generateRestoreFile } from './generate-rules.js';
import { BENCH_VSFTPD } from './engine-cost.js';
import { measureLatency, type EditKind } from './lsp-latency.js';
const server = join(import.meta.dirname, '..', 'dist', 'server.js');
const shape = process.argv[2] === 'kube' ? generateKubeNodeFile : generateRestoreFile;
const text = shape(Number(process.argv[3] ?? 50000), 42);
for (const kind of (process.argv[4] ?? 'comment,rule,rule-refused,line-insert').split(',') as EditKind[]) {
  const r = await measureLatency(server, text, 'iptables', Number(process.argv[5] ?? 40), kind, BENCH_VSFTPD);
  console.log(process.argv[2], kind, r.medianMs.toFixed(1), r.p95Ms.toFixed(1));
}
