// The engine alone, for one host size: the three paths (control, passive, active) for a host
// whose firewall has `size` rules. bench/run.ts runs it through bench/engine-cost-main.ts.
import { DEFAULT_CONFIG } from '../server/src/host/config.js';
import { buildHost } from '../server/src/host/host.js';
import { hostPaths } from '../server/src/engine/paths.js';
import { readRestoreDocument } from '../server/src/languages/iptables/restore-document.js';
import { readVsftpdDocument } from '../server/src/languages/vsftpd/document.js';
import { generateRestoreFile } from './generate-rules.js';

// vsftpd's range (50000-50100) is one the generated firewall does not open, and TLS keeps the FTP
// helper out, so new connections meet every rule and jump.
export const BENCH_VSFTPD = 'pasv_min_port=50000\npasv_max_port=50100\nssl_enable=YES\n';

const WARM_UP_RUNS = 20;

/**
 * The median and the fastest of `runs` runs. A run is a few milliseconds that other work on the
 * machine can only lengthen, so the fastest is the engine's own cost and what the slope is fitted to.
 */
export function measureEngine(size: number, runs: number): { size: number; ms: number; fastestMs: number } {
  // Read as `ftpwall check` reads it (meanings only, no word positions).
  const doc = readRestoreDocument(generateRestoreFile(size, 42), '/bench/etc/iptables/rules.v4', 'ipv4', undefined, false);
  const host = buildHost('/bench', [
    { path: '/bench/etc/vsftpd.conf', languageId: 'vsftpd', doc: readVsftpdDocument(BENCH_VSFTPD, '/bench/etc/vsftpd.conf') },
    { path: '/bench/etc/iptables/rules.v4', languageId: 'iptables', doc },
  ], DEFAULT_CONFIG, () => true);
  // The first runs pay for compiling the engine and filling its tables of read values; on 100k rules that takes a dozen runs.
  for (let i = 0; i < WARM_UP_RUNS; i++) hostPaths(host);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    hostPaths(host);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { size, ms: times[Math.floor(runs / 2)]!, fastestMs: times[0]! };
}
