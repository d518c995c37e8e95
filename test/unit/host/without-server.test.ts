import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { recognize } from '../../../server/src/analysis/languages.js';
import { DEFAULT_CONFIG } from '../../../server/src/host/config.js';
import { buildHost } from '../../../server/src/host/host.js';
import { hostRules } from '../../../server/src/rules/index.js';
import { filter, HOST, RULES } from '../../helpers/hosts.js';

// On a host without an FTP server's configuration (a firewall file checked alone, as a pre-commit
// hook or the CLI often does), the rules that judge the firewall alone run, and the FTP paths are
// worked out only when asked: a rule that asks for them walks a 100k-rule firewall for nothing.

describe('host rules on a host without an FTP server', () => {
  it('never ask for the FTP paths', () => {
    const text = filter('-A INPUT -p tcp --dport 21 -j ACCEPT');
    const language = recognize(RULES, text)!;
    const host = buildHost(HOST, [{ path: RULES, languageId: language.id, doc: language.read(text, RULES) }], DEFAULT_CONFIG, () => true, {});
    const asked: string[] = [];
    for (const rule of hostRules.filter((r) => r.withoutServer)) {
      const context = { host, get paths(): never { asked.push(rule.id); throw new Error('paths asked for'); } };
      try { rule.check(context, () => undefined); } catch { /* recorded in `asked` */ }
    }
    assert.deepEqual(asked, []);
    assert.ok(hostRules.filter((r) => r.withoutServer).length >= 8);
  });
});
