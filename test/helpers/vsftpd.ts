import { applyEdits } from '../../server/src/analysis/apply-edits.js';
import { checkText } from '../../server/src/analysis/check.js';
import type { Finding } from '../../server/src/core/findings.js';
import type { RuleSettings } from '../../server/src/core/settings.js';
import { vsftpdLanguage } from '../../server/src/languages/vsftpd/language.js';

export const CONF = 'etc/vsftpd.conf';

/** Lines joined with '\n' and a final newline, as files are normally written. */
export const conf = (...lines: string[]) => lines.join('\n') + '\n';

export function check(text: string, rules?: RuleSettings): Finding[] {
  return checkText(vsftpdLanguage, text, CONF, rules ? { rules } : {});
}

export function findingsOf(text: string, ruleId: string): Finding[] {
  return check(text).filter((f) => f.ruleId === ruleId);
}

/** Applies the fix with this title (or the finding's first fix) and returns the new text. */
export function applyFix(text: string, finding: Finding, title?: string): string {
  const fix = title ? finding.fixes.find((f) => f.title === title) : finding.fixes[0];
  if (!fix) throw new Error(`no fix ${title ?? ''} on ${finding.ruleId}: ${finding.fixes.map((f) => f.title).join(', ')}`);
  const result = applyEdits(text, fix.edits[CONF] ?? []);
  if (result.skipped.length) throw new Error('fix has overlapping edits');
  return result.text;
}
