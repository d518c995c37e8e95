/** Where each rule's page is published (the docs/rules folder of the repository). */
export const RULE_DOCS_BASE = 'https://github.com/ftpwall/ftpwall/blob/main/docs/rules/';

export function ruleDocsUrl(ruleId: string): string {
  return ruleId ? `${RULE_DOCS_BASE}${ruleId}.md` : RULE_DOCS_BASE;
}
