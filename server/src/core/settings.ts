import type { Severity } from './findings.js';
import { SEVERITIES } from './findings.js';

export type RuleLevel = Severity | 'off';

/** Per-rule severity overrides, keyed by rule id, as users write them in `ftpwall.rules`. */
export type RuleSettings = Readonly<Record<string, RuleLevel>>;

export function isRuleLevel(value: unknown): value is RuleLevel {
  return value === 'off' || (typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value));
}

export function effectiveLevel(ruleId: string, defaultSeverity: Severity, settings: RuleSettings): RuleLevel {
  return settings[ruleId] ?? defaultSeverity;
}
