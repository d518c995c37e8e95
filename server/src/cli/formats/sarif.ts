import type { Finding, Severity } from '../../core/findings.js';
import { ALL_RULES } from '../../analysis/registry.js';
import { ruleDocsUrl } from '../../analysis/docs-url.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function formatSarif(findings: readonly Finding[], version: string): string {
  const rules = ALL_RULES.map((r) => ({
    id: r.id,
    shortDescription: { text: r.summary },
    fullDescription: { text: r.docs.detects },
    help: { text: `${r.docs.why} ${r.docs.fix}` },
    helpUri: ruleDocsUrl(r.id),
    defaultConfiguration: { level: LEVEL[r.severity] },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const uri = (path: string) => path.replace(/\\/g, '/');
  const results = findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId) ?? -1,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: uri(f.file) },
        region: { startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1 },
      },
    }],
    ...(f.related.length ? {
      relatedLocations: f.related.map((r, id) => ({
        id,
        message: { text: r.message },
        physicalLocation: { artifactLocation: { uri: uri(r.file) }, region: { startLine: r.range.start.line + 1, startColumn: r.range.start.character + 1 } },
      })),
    } : {}),
  }));
  return JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'ftpwall', version, informationUri: ruleDocsUrl(''), rules } }, results }],
  }, null, 2) + '\n';
}
