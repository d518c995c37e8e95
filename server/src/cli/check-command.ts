import { checkDocument } from '../analysis/check.js';
import { fixAll } from '../analysis/fix-all.js';
import { checkHost } from '../analysis/host-check.js';
import type { Finding, Severity } from '../core/findings.js';
import { severityRank } from '../core/findings.js';
import type { RuleSettings } from '../core/settings.js';
import { readScope, type ReadFile, type ScopeReading } from './read-scope.js';
import { replaceFileText } from './write-file.js';

/** What `--fix` did to one file: how many fixes went in, and whether the file was written. */
export interface FixOutcome { path: string; applied: number; written: boolean; reason?: string }

export interface CheckRun { findings: Finding[]; problems: { path: string; reason: string }[]; filesChecked: number; fixes: FixOutcome[] }

/**
 * Checks the named files and folders. Each is read with the host it sits in, and the findings of
 * named files (or of files under named folders) are reported, the host's own included. A host's
 * .ftpwall.json `rules` apply to every check of its files, over `rules`. With `fix`, the safe
 * fixes (those of the editor's fix-all) are written into the reported files first, and what
 * remains afterwards is reported.
 */
export function runCheck(paths: readonly string[], rules: RuleSettings = {}, options: { fix?: boolean } = {}): CheckRun {
  let reading = readScope(paths);
  const fixes = options.fix ? writeFixes(reading, rules) : [];
  if (fixes.some((f) => f.written)) reading = readScope(paths);
  const { hosts, reported, problems, readFailures } = reading;
  const findings: Finding[] = readFailures.filter((f) => reported(f.file));
  let filesChecked = 0;
  for (const { file, settings } of reportedFiles(reading, rules)) {
    filesChecked++;
    // One by one: a list spread into push overflows the stack past about 120k items, and a file can have more findings.
    for (const finding of checkDocument(file.language, file.doc, file.path, { rules: settings })) findings.push(finding);
  }
  for (const { loaded, files } of hosts) {
    const lines = new Map(files.map((f) => [f.path, f.language.lines(f.doc)]));
    for (const finding of checkHost(loaded, (p) => lines.get(p), rules).findings) if (reported(finding.file)) findings.push(finding);
  }
  findings.sort((a, b) => a.file.localeCompare(b.file) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { findings, problems, filesChecked, fixes };
}

/** Each file the run reports on, with the severities for its checks: the given ones under its host's .ftpwall.json. */
function* reportedFiles({ hosts, reported }: ScopeReading, rules: RuleSettings): Generator<{ file: ReadFile; settings: RuleSettings }> {
  for (const { loaded, files } of hosts) {
    const settings = { ...rules, ...loaded.host.config.rules };
    for (const file of files) if (reported(file.path)) yield { file, settings };
  }
}

function writeFixes(reading: ScopeReading, rules: RuleSettings): FixOutcome[] {
  const outcomes: FixOutcome[] = [];
  for (const { file, settings } of reportedFiles(reading, rules)) {
    const { text, applied } = fixAll(file.language, file.text, file.path, { rules: settings });
    if (text === file.text) continue;
    const result = replaceFileText(file.path, file.text, text);
    outcomes.push({ path: file.path, applied, written: result.written, ...(result.written ? {} : { reason: result.reason }) });
  }
  return outcomes;
}

export function exceedsThreshold(findings: readonly Finding[], threshold: Severity): boolean {
  return findings.some((f) => severityRank(f.severity) <= severityRank(threshold));
}
