import { parseArgs } from 'node:util';
import { SEVERITIES, type Severity } from '../core/findings.js';
import { exceedsThreshold, runCheck } from './check-command.js';
import { formatJson } from './formats/json.js';
import { formatSarif } from './formats/sarif.js';
import { formatText } from './formats/text.js';
import { FTPWALL_VERSION } from './version.js';
import { formatExplainText, runExplain } from './explain-command.js';

const USAGE = `Usage: ftpwall check [--fix] [--format text|json|sarif] [--failure-threshold error|warning|info|hint] PATH...
       ftpwall explain [--format text|json] PATH...
       ftpwall help [COMMAND]
       ftpwall --version

check    reports what in vsftpd.conf and the firewall files would stop FTP from working.
explain  prints, for each host, whether the control, passive and active connections get through.

"ftpwall help check" and "ftpwall help explain" say more.`;

const HELP: Record<string, string> = {
  check: `Usage: ftpwall check [--fix] [--format text|json|sarif] [--failure-threshold LEVEL] PATH...

Reports what in vsftpd.conf and the firewall files would stop FTP from working.

PATH is a file or a folder (searched recursively; files are recognised by name, else by
content). A file is judged inside its whole host: the nearest folder above it that holds etc/
or a .ftpwall.json (a repository's root ends the search), whose other files and .ftpwall.json
are read too; only the findings in the files named (or under the folders named) are printed.

  --format text|json|sarif   text (default): path:line:col: severity: message [check-id];
                             json: {"diagnostics":[...]} with 0-based positions; sarif: SARIF 2.1.0
  --failure-threshold LEVEL  error (default), warning, info or hint: exit 1 when a finding is
                             at or above it
  --fix                      first applies the safe fixes (the editor's "fix all") to the files
                             on disk, each written whole through a temporary file, keeping its
                             mode and line endings; says on stderr what it changed, then reports
                             what remains

Exit status: 0 nothing at or above the threshold, 1 findings at or above it, 2 a usage or file
problem (missing path, unreadable, binary or over 16 MiB), with one line on stderr.`,
  explain: `Usage: ftpwall explain [--format text|json] PATH...

Prints, for each host that holds a named file (or a file under a named folder), whether FTP's
control, passive and active connections get through: open, blocked, conditional (it depends on
the client or on something the files do not say), disabled or unknown, with the ports, the
reason and the lines that decide it.

  --format text|json   text (default), or {"hosts":[{"root","files","paths":{...}}]}

Exit status: 0, or 2 for a usage or file problem.`,
};
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
    if (command === 'help' && rest.length) {
      const text = HELP[rest[0]!];
      if (!text) throw new UsageError(`no command "${rest[0]}" (commands: check, explain)`);
      out(`${text}\n`);
      return 0;
    }
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') { out(`${USAGE}\n`); return command === undefined ? 2 : 0; }
    if (command === 'explain') return explain(rest, out, err);
    if (command !== 'check') throw new UsageError(`unknown command "${command}" (try: ftpwall check PATH...)`);
    const { values, positionals } = parseArgs({
      args: [...rest],
      options: { format: { type: 'string' }, 'failure-threshold': { type: 'string' }, fix: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) { out(`${HELP['check']}\n`); return 0; }
    const format = (values.format ?? 'text') as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`--format takes text, json or sarif, not "${values.format}"`);
    const threshold = parseThreshold(values['failure-threshold']);
    if (positionals.length === 0) throw new UsageError('no PATH given (try: ftpwall check /etc)');

    const run = runCheck(positionals, {}, { fix: values.fix === true });
    for (const fixed of run.fixes) {
      err(fixed.written ? `ftpwall: ${fixed.path}: fixed ${fixed.applied} problem${fixed.applied === 1 ? '' : 's'}\n` : `ftpwall: ${fixed.path}: ${fixed.reason}\n`);
    }
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
  const { values, positionals } = parseArgs({ args: [...args], options: { format: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  if (values.help) { out(`${HELP['explain']}\n`); return 0; }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format takes text or json, not "${format}"`);
  if (positionals.length === 0) throw new UsageError('no PATH given (try: ftpwall explain /etc)');
  const { hosts, problems } = runExplain(positionals);
  out(format === 'json' ? JSON.stringify({ hosts }, null, 2) + '\n' : formatExplainText(hosts));
  for (const problem of problems) err(`ftpwall: ${problem.path}: ${problem.reason}\n`);
  return problems.length ? 2 : 0;
}
