import type { Severity } from './findings.js';
import { SEVERITIES } from './findings.js';

export type RuleLevel = Severity | 'off';

/** Per-rule severity overrides, keyed by rule id, as users write them in `ftpwall.rules`. */
export type RuleSettings = Readonly<Record<string, RuleLevel>>;

export function isRuleLevel(value: unknown): value is RuleLevel {
  return value === 'off' || (typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value));
}

/** Keeps only well-formed entries, so a typo in settings changes nothing instead of failing. */
export function sanitizeRuleSettings(raw: unknown): RuleSettings {
  if (!raw || typeof raw !== 'object') return {};
  const result: Record<string, RuleLevel> = {};
  for (const [id, level] of Object.entries(raw as Record<string, unknown>)) {
    if (isRuleLevel(level)) result[id] = level;
  }
  return result;
}

export function effectiveLevel(ruleId: string, defaultSeverity: Severity, settings: RuleSettings): RuleLevel {
  return settings[ruleId] ?? defaultSeverity;
}
