import type { Finding } from '../../core/findings.js';

/** The CLI's JSON contract: keep these field names and shapes stable. */
export function formatJson(findings: readonly Finding[]): string {
  return JSON.stringify({
    diagnostics: findings.map((f) => ({ file: f.file, range: f.range, severity: f.severity, code: f.ruleId, message: f.message })),
  }, null, 2) + '\n';
}
