import { checkText } from '../analysis/check.js';
import { languageById } from '../analysis/languages.js';
import type { Finding, Severity } from '../core/findings.js';
import { severityRank } from '../core/findings.js';
import type { RuleSettings } from '../core/settings.js';
import { collectFiles } from './walk.js';

export interface CheckRun { findings: Finding[]; problems: { path: string; reason: string }[]; filesChecked: number }

/** Checks every recognised file under the given paths. */
export function runCheck(paths: readonly string[], rules: RuleSettings = {}): CheckRun {
  const { files, problems, skipped } = collectFiles(paths);
  for (const path of skipped) problems.push({ path, reason: 'not a file ftpwall recognises (vsftpd.conf or a firewall file)' });
  const findings: Finding[] = [];
  for (const file of files) findings.push(...checkText(languageById(file.languageId)!, file.text, file.path, { rules }));
  return { findings, problems, filesChecked: files.length };
}

export function exceedsThreshold(findings: readonly Finding[], threshold: Severity): boolean {
  return findings.some((f) => severityRank(f.severity) <= severityRank(threshold));
}
