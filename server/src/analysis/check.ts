import type { Finding } from '../core/findings.js';
import { effectiveLevel, type RuleSettings } from '../core/settings.js';
import { isSuppressed, readSuppressions } from '../core/suppression.js';
import { comparePositions } from '../core/text.js';
import type { AnyLanguage } from './language.js';
import { internalErrorFinding } from './internal-error.js';

export interface CheckOptions {
  rules?: RuleSettings;
}

/** Every finding for one file: all rules run, user severities applied, suppressed findings removed. */
export function checkDocument(language: AnyLanguage, doc: unknown, path: string, options: CheckOptions = {}): Finding[] {
  const settings = options.rules ?? {};
  const findings: Finding[] = [];
  const lines = language.lines(doc);
  for (const rule of language.rules) {
    const level = effectiveLevel(rule.id, rule.severity, settings);
    if (level === 'off') continue;
    try {
      rule.check(doc, (report) => {
        findings.push({
          ruleId: rule.id,
          severity: level,
          file: path,
          range: report.range,
          message: report.message,
          fixes: report.fixes ?? [],
          related: report.related ?? [],
          ...(report.unnecessary ? { unnecessary: true } : {}),
        });
      });
    } catch (error) {
      const finding = internalErrorFinding(path, `The check ${rule.id} failed on this file`, error, settings);
      if (finding) findings.push(finding);
    }
  }
  const suppressions = readSuppressions(lines);
  return findings
    .filter((f) => !isSuppressed(f, suppressions))
    .sort((a, b) => comparePositions(a.range.start, b.range.start) || a.ruleId.localeCompare(b.ruleId));
}

export function checkText(language: AnyLanguage, text: string, path: string, options: CheckOptions = {}): Finding[] {
  return checkDocument(language, language.read(text, path), path, options);
}
