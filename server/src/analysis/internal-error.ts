import type { Finding } from '../core/findings.js';
import { effectiveLevel, type RuleSettings } from '../core/settings.js';
import type { RuleMeta } from '../core/rule.js';

/** Reported when a check or a reading fails, so that one bug never hides the other findings or stops the server. */
export const internalErrorRule: RuleMeta = {
  id: 'ftpwall/internal-error',
  severity: 'information',
  summary: 'ftpwall could not finish a check on this file',
  docs: {
    detects: 'A check or a reading inside ftpwall that failed on this file or on its host: a bug in ftpwall, not in the file.',
    why: 'The other findings are still reported, but this check\'s are missing, so the file may have problems ftpwall did not show.',
    fix: 'Report the message and the file (or a shortened copy) to the ftpwall maintainers.',
    before: '(any file that makes a check fail)',
    after: '(the same file, checked completely once the bug is fixed)',
    language: 'text',
  },
};

const START = { line: 0, character: 0 };

/**
 * The finding that stands for a failure inside ftpwall (a bug), so that one file or one host
 * never takes the run down: everything else is still reported. Undefined when turned off.
 */
export function internalErrorFinding(file: string, what: string, error: unknown, rules: RuleSettings = {}): Finding | undefined {
  const level = effectiveLevel(internalErrorRule.id, internalErrorRule.severity, rules);
  if (level === 'off') return undefined;
  const message = `${what} (${error instanceof Error ? error.message : String(error)}); its findings are missing.`;
  return { ruleId: internalErrorRule.id, severity: level, file, range: { start: START, end: START }, message, fixes: [], related: [] };
}
