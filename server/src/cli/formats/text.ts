import type { Finding } from '../../core/findings.js';

/** `path:line:col: severity: message [rule-id]`, 1-based, like a compiler. */
export function formatText(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity}: ${f.message} [${f.ruleId}]\n`).join('');
}
