import { checkDocument } from '../analysis/check.js';
import { checkHost } from '../analysis/host-check.js';
import { loadHosts, rootOf } from '../analysis/hosts.js';
import type { Finding, Severity } from '../core/findings.js';
import { severityRank } from '../core/findings.js';
import type { RuleSettings } from '../core/settings.js';
import { readPath } from './read-path.js';

export interface CheckRun { findings: Finding[]; problems: { path: string; reason: string }[]; filesChecked: number }

/** Checks every recognised file under the given paths. */
export function runCheck(paths: readonly string[], rules: RuleSettings = {}): CheckRun {
  const findings: Finding[] = [];
  const problems: CheckRun['problems'] = [];
  let filesChecked = 0;
  for (const path of paths) {
    const { files, problems: walkProblems, skipped } = readPath(path);
    for (const problem of walkProblems) problems.push(problem);
    for (const skippedPath of skipped) problems.push({ path: skippedPath, reason: 'not a file ftpwall recognises (vsftpd.conf or a firewall file)' });
    const lines = new Map(files.map((f) => [f.path, f.language.lines(f.doc)]));
    // One by one: a list spread into push overflows the stack past about 120k items, and a file can have more findings.
    for (const file of files) for (const finding of checkDocument(file.language, file.doc, file.path, { rules })) findings.push(finding);
    filesChecked += files.length;
    for (const loaded of loadHosts(rootOf(path), files)) for (const finding of checkHost(loaded, (p) => lines.get(p), rules).findings) findings.push(finding);
  }
  findings.sort((a, b) => a.file.localeCompare(b.file) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { findings, problems, filesChecked };
}

export function exceedsThreshold(findings: readonly Finding[], threshold: Severity): boolean {
  return findings.some((f) => severityRank(f.severity) <= severityRank(threshold));
}
