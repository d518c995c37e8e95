// `npm run bench`: measures the CLI on generated firewall files against iptables-restore --test,
// prints the table and writes docs/performance.md. Not a test: numbers vary with the machine.
import { spawnSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateKubeNodeFile, generateNftRuleset, generateRestoreFile, generateScript, generateSinglePortRules } from './generate-rules.js';
import { BENCH_VSFTPD } from './engine-cost.js';
import { measureLatency, type EditKind, type LatencyResult } from './lsp-latency.js';
import { DIRECTIVES } from '../server/src/languages/vsftpd/directives.js';

const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist', 'cli.js');
const barePass = join(root, 'bench', 'bare-pass.cjs');
const RUNS = Number(process.env['FTPWALL_BENCH_RUNS'] ?? 9);
/** Single-port rules in each direction of the piecemeal host (see generateSinglePortRules). */
const PIECEMEAL_RULES = 20000;
const SIZES = (process.env['FTPWALL_BENCH_SIZES'] ?? '1000,10000,50000,100000').split(',').map(Number);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function timeRun(command: string, args: string[], input?: string): { seconds: number; status: number | null; stderr: string } {
  const start = process.hrtime.bigint();
  const run = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 30, ...(input ? { input } : {}) });
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, status: run.status, stderr: run.stderr };
}

interface CliRun { seconds: number; peakMb: number; minorFaults: number }

function runCli(file: string): CliRun {
  const run = timeRun(process.execPath, ['--require', join(root, 'bench', 'report-usage.cjs'), cli, 'check', '--format', 'json', file]);
  if (run.status !== 0) throw new Error(`ftpwall check failed on ${file} (status ${run.status}): ${run.stderr.slice(0, 500)}`);
  const reported = (name: string) => Number(new RegExp(`ftpwall-bench-${name} (\\d+)`).exec(run.stderr)?.[1] ?? NaN);
  return { seconds: run.seconds, peakMb: reported('peak-rss-kb') / 1024, minorFaults: reported('minor-faults') };
}

const medianRun = (runs: CliRun[]): CliRun => ({ seconds: median(runs.map((r) => r.seconds)), peakMb: median(runs.map((r) => r.peakMb)), minorFaults: median(runs.map((r) => r.minorFaults)) });

/**
 * What one first touch of a 4 KB page costs on this machine (the kernel maps and zeroes it): the
 * median over 5 processes of touching 64 MB of fresh memory once, page by page.
 */
function pageFaultMicroseconds(): number {
  const touch = 'const b=Buffer.allocUnsafeSlow(64<<20);const t=process.hrtime.bigint();for(let i=0;i<b.length;i+=4096)b[i]=1;console.log(Number(process.hrtime.bigint()-t)/1e3/(b.length/4096))';
  return median(Array.from({ length: 5 }, () => Number(spawnSync(process.execPath, ['-e', touch], { encoding: 'utf8' }).stdout)));
}

function measureCli(file: string): CliRun {
  return medianRun(Array.from({ length: RUNS }, () => runCli(file)));
}

/** One iptables-restore --test run, or undefined when this backend cannot run here. */
function runIptables(backend: 'legacy' | 'nft', text: string): number | undefined {
  const run = timeRun('unshare', ['--net', `iptables-${backend}-restore`, '--test', '-M', '/bin/false'], text);
  return run.status === 0 ? run.seconds : undefined;
}

/** One run of bench/bare-pass.cjs: the least a checker written for Node does with the file. */
function runBarePass(file: string): number {
  const run = timeRun(process.execPath, [barePass, file]);
  if (run.status !== 0) throw new Error(`the bare pass failed on ${file}: ${run.stderr.slice(0, 300)}`);
  return run.seconds;
}

/**
 * ftpwall, both backends and the bare Node pass on one file, their runs taken in turn (ftpwall,
 * legacy, nft, bare, ftpwall, ...) so that a slow moment of the machine falls on all alike.
 */
function measureSideBySide(file: string, text: string): { ours: CliRun; legacy?: number; nft?: number; bare: number } {
  const ours: CliRun[] = [], legacy: number[] = [], nft: number[] = [], bare: number[] = [];
  let legacyRuns = true, nftRuns = true;
  for (let i = 0; i < RUNS; i++) {
    ours.push(runCli(file));
    bare.push(runBarePass(file));
    const l = legacyRuns ? runIptables('legacy', text) : undefined;
    if (l === undefined) legacyRuns = false; else legacy.push(l);
    const n = nftRuns ? runIptables('nft', text) : undefined;
    if (n === undefined) nftRuns = false; else nft.push(n);
  }
  return { ours: medianRun(ours), ...(legacyRuns ? { legacy: median(legacy) } : {}), ...(nftRuns ? { nft: median(nft) } : {}), bare: median(bare) };
}

/**
 * The two shapes of firewall the targets hold for: service chains with jumps (the first bench
 * input), and a Kubernetes node (a kube-proxy nat table with thousands of chains declared up
 * front, beside an administrator's filter table of user chains of about 120 rules).
 */
const SHAPES = [
  { key: 'service-chains', name: 'service chains', generate: generateRestoreFile },
  { key: 'kube-node', name: 'Kubernetes node', generate: generateKubeNodeFile },
] as const;
type ShapeKey = (typeof SHAPES)[number]['key'];

interface SizeRow { size: number; ours: CliRun; legacy?: number; nft?: number; bare?: number }
const cliRows = new Map<ShapeKey, SizeRow[]>();
const dir = mkdtempSync(join(tmpdir(), 'ftpwall-bench-'));
// The command's code cache (server/src/cli/launch.ts), made once as a user's first check makes it; every run measured reads it.
process.env['FTPWALL_CACHE_DIR'] = join(dir, 'cli-cache');
writeFileSync(join(dir, 'warm.v4'), generateRestoreFile(1000, 1));
runCli(join(dir, 'warm.v4'));
/** What loading ftpwall's code costs above starting Node: a one-rule file checked, against `node -e 0`. */
writeFileSync(join(dir, 'one.v4'), '*filter\n-A INPUT -p tcp --dport 21 -j ACCEPT\nCOMMIT\n');
const startRuns = Array.from({ length: RUNS }, () => [runCli(join(dir, 'one.v4')).seconds, timeRun(process.execPath, ['-e', '0']).seconds] as const);
const loadSeconds = median(startRuns.map(([check]) => check)) - median(startRuns.map(([, node]) => node));
try {
  for (const shape of SHAPES) {
    const rows: SizeRow[] = [];
    for (const size of SIZES) {
      const text = shape.generate(size, 42);
      const file = join(dir, `${shape.key}-${size}.v4`);
      writeFileSync(file, text);
      const { ours, legacy, nft, bare } = measureSideBySide(file, text);
      rows.push({ size, ours, bare, ...(legacy !== undefined ? { legacy } : {}), ...(nft !== undefined ? { nft } : {}) });
      console.log(`${shape.name}, ${size} rules: ftpwall ${ours.seconds.toFixed(3)} s, ${ours.peakMb.toFixed(0)} MB; iptables-restore --test legacy ${legacy?.toFixed(3)} s, nft ${nft?.toFixed(3)} s; bare Node pass ${bare.toFixed(3)} s`);
    }
    cliRows.set(shape.key, rows);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const ratio = (ours: number, reference: number | undefined) => (reference ? ours / reference : NaN);

// nftables: a ruleset of the same busy shape (bench/generate-rules.ts) against nft -c, which
// parses and evaluates the file and has the kernel of a throwaway namespace check the batch. nft
// takes long on large files, so it runs fewer times there.
const NFT_SIZES = (process.env['FTPWALL_BENCH_NFT_SIZES'] ?? '1000,10000,50000').split(',').map(Number);
const nftRows: SizeRow[] = [];
const nftDir = mkdtempSync(join(tmpdir(), 'ftpwall-bench-'));
try {
  for (const size of NFT_SIZES) {
    const host = join(nftDir, `nft-${size}`);
    mkdirSync(join(host, 'etc'), { recursive: true });
    const file = join(host, 'etc', 'nftables.conf');
    writeFileSync(file, generateNftRuleset(size, 42));
    const runs = size >= 50000 ? Math.min(RUNS, 3) : RUNS;
    const ours: CliRun[] = [], nft: number[] = [];
    for (let i = 0; i < runs; i++) {
      ours.push(runCli(file));
      const run = timeRun('unshare', ['--net', 'nft', '-c', '-f', file]);
      if (run.status !== 0) throw new Error(`nft -c refused the bench ruleset of ${size} rules: ${run.stderr.slice(0, 300)}`);
      nft.push(run.seconds);
    }
    nftRows.push({ size, ours: medianRun(ours), nft: median(nft) });
    console.log(`nftables, ${size} rules: ftpwall ${medianRun(ours).seconds.toFixed(3)} s; nft -c ${median(nft).toFixed(3)} s`);
  }
} finally {
  rmSync(nftDir, { recursive: true, force: true });
}

// Other inputs through the CLI: a firewall script, a vsftpd.conf with every directive, and a host
// whose firewall decides ports one rule at a time inside a wide passive range.
const extraDir = mkdtempSync(join(tmpdir(), 'ftpwall-bench-'));
const piecemealHost = join(extraDir, 'piecemeal');
mkdirSync(join(piecemealHost, 'etc', 'iptables'), { recursive: true });
writeFileSync(join(piecemealHost, 'etc', 'iptables', 'rules.v4'), generateSinglePortRules(PIECEMEAL_RULES));
writeFileSync(join(piecemealHost, 'etc', 'vsftpd.conf'), 'listen=YES\npasv_min_port=30000\npasv_max_port=50000\n');
const scriptFile = join(extraDir, 'firewall.sh');
writeFileSync(scriptFile, generateScript(5000, 7));
const confFile = join(extraDir, 'vsftpd.conf');
writeFileSync(confFile, [...DIRECTIVES.values()].map((d) => `${d.name}=${d.kind === 'bool' ? d.default : d.kind === 'uint' ? (d.defaultOctal ?? d.default) : (d.default ?? 'x')}`).join('\n') + '\n');
const script = measureCli(scriptFile), conf = measureCli(confFile), piecemeal = measureCli(piecemealHost);
rmSync(extraDir, { recursive: true, force: true });

// The engine alone, each size in a process of its own (bench/engine-cost.ts). A run takes
// milliseconds, so a busy stretch of the machine shows in it at once: the sizes are measured in
// turn, three rounds of 20 runs each, so that such a stretch falls on every size alike.
const engineSizes = [10000, 25000, 50000, 100000];
const ENGINE_ROUNDS = 3, ENGINE_RUNS_PER_ROUND = 20;
const ENGINE_RUNS = ENGINE_ROUNDS * ENGINE_RUNS_PER_ROUND;
const engineBundle = join(mkdtempSync(join(tmpdir(), 'ftpwall-bench-')), 'engine-cost.cjs');
buildSync({ entryPoints: [join(root, 'bench', 'engine-cost-main.ts')], outfile: engineBundle, bundle: true, platform: 'node', format: 'cjs', target: 'node20', conditions: ['import'], logLevel: 'warning' });
const rounds = Array.from({ length: ENGINE_ROUNDS }, () => engineSizes.map((size) => {
  const run = spawnSync(process.execPath, [engineBundle, String(size), String(ENGINE_RUNS_PER_ROUND)], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the engine measure failed for ${size} rules: ${run.stderr.slice(0, 500)}`);
  return JSON.parse(run.stdout) as { size: number; ms: number; fastestMs: number };
}));
const engine = engineSizes.map((size, i) => ({
  size,
  ms: median(rounds.map((r) => r[i]!.ms)),
  fastestMs: Math.min(...rounds.map((r) => r[i]!.fastestMs)),
}));
rmSync(dirname(engineBundle), { recursive: true, force: true });
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const mx = mean(engine.map((e) => e.size)), my = mean(engine.map((e) => e.fastestMs));
const slope = engine.reduce((a, e) => a + (e.size - mx) * (e.fastestMs - my), 0) / engine.reduce((a, e) => a + (e.size - mx) ** 2, 0);
const perRule = (e: { size: number; fastestMs: number }) => e.fastestMs / (e.size / 1000);
const fitError = Math.max(...engine.map((e) => Math.abs(my + slope * (e.size - mx) - e.fastestMs) / e.fastestMs));

// The language server through the real protocol.
const serverPath = join(root, 'dist', 'server.js');
// The rules file is open beside the engine's vsftpd.conf, so the two are one FTP host. Four kinds
// of one-character edit (see EditKind): a comment (the host's model stays the same), a rule's port
// (it changes, and the host-wide check runs again), a port typed out of range and back (the rule
// is refused, so it leaves the ruleset and comes back, and a problem comes and goes), and Enter at
// the end of a rule and Backspace (every later line moves).
const EDIT_KINDS: Array<{ kind: EditKind; label: string }> = [
  { kind: 'comment', label: 'a comment' },
  { kind: 'rule', label: "a rule's port" },
  { kind: 'rule-refused', label: "a rule's port typed past 65535 and back (the rule refused, then whole again)" },
  { kind: 'line-insert', label: 'Enter at the end of a rule, then Backspace' },
];
const EDITOR_SIZES = [5000, 50000];
const latency: Array<{ shape: ShapeKey; size: number; label: string; result: LatencyResult }> = [];
/** iptables-legacy-restore --test on each shape's 50k file: the editor's target is a quarter of it. */
const legacyAt50k = new Map<ShapeKey, number>();
for (const shape of SHAPES) {
  for (const size of EDITOR_SIZES) {
    const text = shape.generate(size, 42);
    for (const { kind, label } of EDIT_KINDS) latency.push({ shape: shape.key, size, label, result: await measureLatency(serverPath, text, 'iptables', 200, kind, BENCH_VSFTPD) });
    if (size === 50000) {
      const runs = Array.from({ length: RUNS }, () => runIptables('legacy', text)).filter((t): t is number => t !== undefined);
      if (runs.length) legacyAt50k.set(shape.key, median(runs));
    }
  }
}
// An nftables ruleset: a comment and a rule's line are read again in place, a blank line moves what is below it.
const nftLatency: Array<{ size: number; label: string; result: LatencyResult }> = [];
for (const size of EDITOR_SIZES) {
  const text = generateNftRuleset(size, 42);
  for (const { kind, label } of EDIT_KINDS) nftLatency.push({ size, label, result: await measureLatency(serverPath, text, 'nftables', 200, kind, BENCH_VSFTPD) });
}
const nftP95 = Math.max(...nftLatency.filter((l) => l.size === 50000).map((l) => l.result.p95Ms));
// A script edited in a comment keeps its reading; edited in a variable's port, it is read and run again whole
// (its variables make every line depend on those above).
const scriptLatency = await measureLatency(serverPath, generateScript(5000, 7), 'iptables-script', 200, 'comment', BENCH_VSFTPD);
const scriptRuleLatency = await measureLatency(serverPath, generateScript(5000, 7), 'iptables-script', 200, 'rule', BENCH_VSFTPD);
const scriptP95 = Math.max(scriptLatency.p95Ms, scriptRuleLatency.p95Ms);
const worstP95 = (shape: ShapeKey, size: number) => Math.max(...latency.filter((l) => l.shape === shape && l.size === size).map((l) => l.result.p95Ms));
const bundles = ['client.js', 'server.js', 'cli-main.js'].map((f) => [f, (statSync(join(root, 'dist', f)).size / 1024).toFixed(0)]);

const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');
const faultUs = pageFaultMicroseconds();
const faultShare = SHAPES.map((shape) => {
  const last = cliRows.get(shape.key)!.at(-1)!;
  const ms = last.ours.minorFaults * faultUs / 1000;
  return `${shape.name} at ${last.size.toLocaleString('en')} rules: ${last.ours.minorFaults.toLocaleString('en')} faults, about ${ms.toFixed(0)} ms of ${(last.ours.seconds * 1000).toFixed(0)} ms`;
});
const header = ['rules', 'ftpwall check (s)', 'ftpwall peak memory (MB)', 'ftpwall minor page faults', 'iptables-legacy-restore --test (s)', 'iptables-nft-restore --test (s)', 'bare Node pass (s)', 'ftpwall / legacy', 'ftpwall / nft'];
const tableOf = (rows: SizeRow[]) => [header, header.map(() => '---'), ...rows.map((r) => [r.size.toLocaleString('en'), r.ours.seconds.toFixed(3), r.ours.peakMb.toFixed(0), r.ours.minorFaults.toLocaleString('en'), r.legacy?.toFixed(3) ?? 'n/a', r.nft?.toFixed(3) ?? 'n/a', r.bare?.toFixed(3) ?? 'n/a', ratio(r.ours.seconds, r.legacy).toFixed(2), ratio(r.ours.seconds, r.nft).toFixed(2)])].map((r) => `| ${r.join(' | ')} |`).join('\n');
/** What the 0.8 target leaves ftpwall beyond the bare pass, per shape at the largest size. */
const floorLines = SHAPES.map((shape) => {
  const last = cliRows.get(shape.key)!.at(-1)!;
  const allowed = 0.8 * (last.legacy ?? NaN);
  return `${shape.name} at ${last.size.toLocaleString('en')} rules: the bare pass takes ${last.bare!.toFixed(3)} s; 0.8 times iptables-legacy-restore is ${allowed.toFixed(3)} s, which leaves ${(allowed - last.bare!).toFixed(3)} s for all the bare pass does not do (ftpwall takes ${(last.ours.seconds - last.bare!).toFixed(3)} s more than it)`;
});
const scriptTarget = Math.min(...SHAPES.map((x) => (legacyAt50k.get(x.key) ?? NaN) * 1000 / 4));
const nftLast = nftRows.at(-1)!;
const nftRatio = ratio(nftLast.ours.seconds, nftLast.nft);
const nftTable = [['rules', 'ftpwall check (s)', 'ftpwall peak memory (MB)', 'nft -c (s)', 'ftpwall / nft -c'], ['---', '---', '---', '---', '---'], ...nftRows.map((r) => [r.size.toLocaleString('en'), r.ours.seconds.toFixed(3), r.ours.peakMb.toFixed(0), r.nft!.toFixed(3), ratio(r.ours.seconds, r.nft).toFixed(3)])].map((r) => `| ${r.join(' | ')} |`).join('\n');
const targetRows = SHAPES.flatMap((shape) => {
  const last = cliRows.get(shape.key)!.at(-1)!;
  const toLegacy = ratio(last.ours.seconds, last.legacy);
  const quarter = (legacyAt50k.get(shape.key) ?? NaN) * 1000 / 4;
  const p95 = worstP95(shape.key, 50000);
  return [
    `| ${shape.name}: CLI at ${last.size.toLocaleString('en')} rules at most 0.8 times iptables-legacy-restore --test | ${toLegacy.toFixed(2)} | ${verdict(toLegacy <= 0.8)} |`,
    `| ${shape.name}: peak memory at most 200 MB at ${last.size.toLocaleString('en')} rules | ${last.ours.peakMb.toFixed(0)} MB | ${verdict(last.ours.peakMb <= 200)} |`,
    `| ${shape.name}: edit to diagnostics p95 at 50k rules, the slowest of the four edit kinds, at most a quarter of iptables-legacy-restore --test on the same file (${quarter.toFixed(0)} ms) | ${p95.toFixed(1)} ms | ${verdict(p95 <= quarter)} |`,
  ];
});
const page = `# Performance

Generated by \`npm run bench\` (bench/run.ts) on ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}.
Each number is the median of ${RUNS} runs. Inputs are generated with a fixed seed by bench/generate-rules.ts in two shapes
of busy hosts: service chains with jumps (multiport, conntrack, comments, LOG, REJECT), and a Kubernetes node (a kube-proxy
nat table, 40% of the rules, with every KUBE-SVC-/KUBE-SEP- chain declared up front, statistic, comments and DNAT, beside a
filter table of user chains of about 120 rules that INPUT reaches by source and by port). The command reads its V8 code cache,
made by one check before the runs (as a user's first check makes it). iptables-restore runs inside
\`unshare --net\` with \`--test -M /bin/false\`, so it parses and checks without loading anything. The runs of
ftpwall and of both backends are taken in turn, so a slow moment of the machine falls on all three. \`iptables-restore\`
itself is the nf_tables one on Debian; the legacy backend is the faster reference here.

## The CLI against iptables-restore --test (whole process)

${SHAPES.map((shape) => `### ${shape.name}\n\n${tableOf(cliRows.get(shape.key)!)}\n`).join('\n')}
| other input | ftpwall check (s) | peak memory (MB) |
| --- | --- | --- |
| firewall script, 5,000 lines with a function, loops and a role branch | ${script.seconds.toFixed(3)} | ${script.peakMb.toFixed(0)} |
| vsftpd.conf with all ${DIRECTIVES.size} directives | ${conf.seconds.toFixed(3)} | ${conf.peakMb.toFixed(0)} |
| a host whose ${(2 * PIECEMEAL_RULES).toLocaleString('en')} rules each accept one port, with a 20,001-port passive range | ${piecemeal.seconds.toFixed(3)} | ${piecemeal.peakMb.toFixed(0)} |

### Where the CLI's time goes

A first touch of a fresh 4 KB page costs ${faultUs.toFixed(1)} µs here (64 MB touched page by page, median of 5
processes). The whole process's minor page faults, at that cost:

${faultShare.map((line) => `- ${line}`).join('\n')}

Every byte the check keeps (the file's text, each rule's meaning, the chains) is memory first touched, and copied
by the garbage collector's young generation once or twice before it settles; so at 100,000 rules a large share of
the time is the memory kept per rule, not the work done per rule.

The column "bare Node pass" is bench/bare-pass.cjs, run in turn with the others: Node reading the file, splitting
its lines and words and keeping one small object per rule, and nothing else (no option checked, no extension known, no
chain built, no finding). It is a floor for any checker written for Node on this machine, not a goal:

${floorLines.map((line) => `- ${line}`).join('\n')}

That remainder is what loading ftpwall's code (${loadSeconds.toFixed(3)} s: a one-rule file checked, less \`node -e 0\`), checking every option and value as iptables does,
building the chains, the host checks and the report must share.

## The CLI against nft -c (whole process)

An inet table of the same busy shape (bench/generate-rules.ts \`generateNftRuleset\`): an input chain that jumps to
service chains by address and port, anonymous sets, counters, comments, \`limit\` with \`log\`, rejects and returns, a
named set, a \`define\`, and an FTP helper object assigned in prerouting. \`nft -c -f\` runs inside \`unshare --net\`
(the kernel of that namespace checks the batch, nothing is loaded); it takes long on large files, so at 50,000 rules
both run ${Math.min(RUNS, 3)} times.

${nftTable}

## The engine (control, passive and active verdicts for one host; each size in a process of its own, bundled as shipped)

| rules | fastest of ${ENGINE_RUNS} runs (ms) | median of the rounds' medians (ms) |
| --- | --- | --- |
${engine.map((e) => `| ${e.size.toLocaleString('en')} | ${e.fastestMs.toFixed(2)} | ${e.ms.toFixed(2)} |`).join('\n')}

The fastest run is the engine's own cost (other work on the machine only ever adds to a run), so the
line is fitted to it. Slope ${(slope * 1000).toFixed(3)} ms per 1,000 rules (least squares); a straight line fits every point within ${(fitError * 100).toFixed(0)}%
(the smaller sizes carry a fixed cost per run, so their relative error is the larger one). The cost per rule can step
up once between 25k and 50k rules, most likely where the rules a walk meets outgrow the processor's second-level cache;
the target compares 50k with 100k, where a walk that grew faster than the rules would show. Per 1,000 rules:
${engine.map((e) => `${perRule(e).toFixed(3)} ms at ${e.size.toLocaleString('en')}`).join(', ')}.

## The language server (real LSP over stdio)

| measure | value |
| --- | --- |
| start to initialize reply | ${latency[0]!.result.startMs.toFixed(0)} ms |
${latency.map(({ shape, size, label, result }) => `| edit to diagnostics, ${SHAPES.find((x) => x.key === shape)!.name}, ${size / 1000}k-rule file with its vsftpd.conf, ${label}, median / p95 over ${result.edits} edits | ${result.medianMs.toFixed(1)} / ${result.p95Ms.toFixed(1)} ms |`).join('\n')}
${nftLatency.map(({ size, label, result }) => `| edit to diagnostics, nftables ruleset of ${size / 1000}k rules with its vsftpd.conf, ${label}, median / p95 over ${result.edits} edits | ${result.medianMs.toFixed(1)} / ${result.p95Ms.toFixed(1)} ms |`).join('\n')}
| edit to diagnostics, firewall script of 5,000 lines (a function, loops, a role branch) with its vsftpd.conf, a comment (its reading is kept), median / p95 over ${scriptLatency.edits} edits | ${scriptLatency.medianMs.toFixed(1)} / ${scriptLatency.p95Ms.toFixed(1)} ms |
| edit to diagnostics, the same script, a digit of the port a variable holds (the commands the edit touched are read again, and the script is run again whole), median / p95 over ${scriptRuleLatency.edits} edits | ${scriptRuleLatency.medianMs.toFixed(1)} / ${scriptRuleLatency.p95Ms.toFixed(1)} ms |
| bundles | ${bundles.map(([f, kb]) => `${f} ${kb} KB`).join(', ')} |

## Targets (from the project's issues)

| target | now | |
| --- | --- | --- |
${targetRows.join('\n')}
| nftables: CLI at ${nftLast.size.toLocaleString('en')} rules at most 0.8 times nft -c | ${nftRatio.toFixed(3)} | ${verdict(nftRatio <= 0.8)} |
| nftables: edit to diagnostics p95 at 50k rules, the slowest of the four edit kinds, at most the smaller quarter of iptables-legacy-restore above (${scriptTarget.toFixed(0)} ms; a quarter of nft -c would be ${(nftLast.nft! * 1000 / 4).toFixed(0)} ms) | ${nftP95.toFixed(1)} ms | ${verdict(nftP95 <= scriptTarget)} |
| firewall script of 5,000 lines: edit to diagnostics p95, the slower of a comment and a variable's port, at most the smaller quarter above (${scriptTarget.toFixed(0)} ms) | ${scriptP95.toFixed(1)} ms | ${verdict(scriptP95 <= scriptTarget)} |
| engine cost linear in the number of rules: cost per rule at 100k no more than 1.5 times that at 50k (a walk that grew with the square would double it) | ${perRule(engine.at(-1)!).toFixed(3)} vs ${perRule(engine[2]!).toFixed(3)} ms per 1,000 rules | ${verdict(perRule(engine.at(-1)!) <= 1.5 * perRule(engine[2]!))} |
`;
writeFileSync(join(root, 'docs', 'performance.md'), page);
console.log(`\n${page}\nwrote docs/performance.md`);
