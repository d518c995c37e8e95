import { parseArgs } from 'node:util';
import { SEVERITIES, type Severity } from '../core/findings.js';
import { exceedsThreshold, runCheck } from './check-command.js';
import { formatJson } from './formats/json.js';
import { formatSarif } from './formats/sarif.js';
import { formatText } from './formats/text.js';
import { FTPWALL_VERSION } from './version.js';
import { formatExplainText, runExplain } from './explain-command.js';

const USAGE = `Usage: ftpwall check [--format text|json|sarif] [--failure-threshold error|warning|info] PATH...
       ftpwall explain [--format text|json] PATH...

check    reports what in vsftpd.conf and the firewall files (files, or folders searched
         recursively) would stop FTP from working. Exit status: 0 nothing at or above the
         threshold (default: error), 1 findings at or above it, 2 a usage or file problem.
explain  prints, for each host, whether the control, passive and active connections get through.`;

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

class UsageError extends Error {}

function parseThreshold(value: string | undefined): Severity {
  if (value === undefined) return 'error';
  const normalized = value === 'info' ? 'information' : value;
  if (!(SEVERITIES as readonly string[]).includes(normalized)) throw new UsageError(`--failure-threshold takes error, warning, info or hint, not "${value}"`);
  return normalized as Severity;
}

export function main(argv: readonly string[], out: (text: string) => void, err: (text: string) => void): number {
  try {
    const [command, ...rest] = argv;
    if (command === '--version' || command === '-v') { out(`ftpwall ${FTPWALL_VERSION}\n`); return 0; }
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') { out(`${USAGE}\n`); return command === undefined ? 2 : 0; }
    if (command === 'explain') return explain(rest, out, err);
    if (command !== 'check') throw new UsageError(`unknown command "${command}" (try: ftpwall check PATH...)`);
    const { values, positionals } = parseArgs({
      args: [...rest],
      options: { format: { type: 'string' }, 'failure-threshold': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) { out(`${USAGE}\n`); return 0; }
    const format = (values.format ?? 'text') as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`--format takes text, json or sarif, not "${values.format}"`);
    const threshold = parseThreshold(values['failure-threshold']);
    if (positionals.length === 0) throw new UsageError('no PATH given (try: ftpwall check /etc)');

    const run = runCheck(positionals);
    out(format === 'json' ? formatJson(run.findings) : format === 'sarif' ? formatSarif(run.findings, FTPWALL_VERSION) : formatText(run.findings));
    for (const problem of run.problems) err(`ftpwall: ${problem.path}: ${problem.reason}\n`);
    if (run.problems.length > 0) return 2;
    return exceedsThreshold(run.findings, threshold) ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      err(`ftpwall: ${(error as Error).message}\n`);
      return 2;
    }
    err(`ftpwall: internal error: ${(error as Error).message}\n`);
    return 2;
  }
}

function explain(args: readonly string[], out: (text: string) => void, err: (text: string) => void): number {
  const { values, positionals } = parseArgs({ args: [...args], options: { format: { type: 'string' } }, allowPositionals: true, strict: true });
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format takes text or json, not "${format}"`);
  if (positionals.length === 0) throw new UsageError('no PATH given (try: ftpwall explain /etc)');
  const { hosts, problems } = runExplain(positionals);
  out(format === 'json' ? JSON.stringify({ hosts }, null, 2) + '\n' : formatExplainText(hosts));
  for (const problem of problems) err(`ftpwall: ${problem.path}: ${problem.reason}\n`);
  return problems.length ? 2 : 0;
}
