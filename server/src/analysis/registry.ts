import type { RuleMeta } from '../core/rule.js';
import { LANGUAGES } from './languages.js';
import { hostRules } from '../rules/index.js';
import { configInvalidRule } from './host-check.js';
import { internalErrorRule } from './internal-error.js';

export { internalErrorRule };

/** Reported instead of findings for a file ftpwall will not read (binary, too large). */
export const unreadableFileRule: RuleMeta = {
  id: 'ftpwall/file-not-checked',
  severity: 'information',
  summary: 'ftpwall did not check this file (binary or too large)',
  docs: {
    detects: 'A file that ftpwall refuses to read: it holds NUL bytes (binary) or exceeds the size limit (16 MiB).',
    why: 'Configuration and firewall files are text; a binary or huge file under a recognised name is most likely not what it seems, and reading it would stall the editor.',
    fix: 'Check that the file is what its name says; exclude it from checking if it is not.',
    before: '(a 40 MB file called rules.v4)',
    after: '(the real rules.v4)',
    language: 'text',
  },
};

/** Each rule once, though several file kinds may share it (restore files and scripts, the module files). */
export const ALL_RULES: readonly RuleMeta[] = [...new Set<RuleMeta>(LANGUAGES.flatMap((l) => l.rules)), ...hostRules, configInvalidRule, internalErrorRule, unreadableFileRule];

export const RULES_BY_ID: ReadonlyMap<string, RuleMeta> = new Map(ALL_RULES.map((r) => [r.id, r]));
