import { partingDecision } from '../../shell/worlds.js';
import type { ScriptDocument } from '../script-document.js';
import type { FirewallRule } from './rule-type.js';

const isScript = (doc: object): doc is ScriptDocument => 'ranLines' in doc;

export const runsInSomeWays: FirewallRule = {
  id: 'iptables/runs-in-some-ways',
  severity: 'hint',
  summary: 'An iptables command of a script that runs only in some ways the script can run, or in none',
  docs: {
    detects: 'An iptables command under a branch whose condition the host\'s files do not fix (a variable set outside the host, a file the host folder does not hold), or one that no way through the script reaches (a function never called, a branch never taken, a line after an exit).',
    why: 'Whether such a rule is loaded is not known from the files, so neither is what it does for FTP; a rule that never runs looks like protection and is none.',
    fix: 'Nothing, if intended. Otherwise give the value in `.ftpwall.json` under `variables`, or call the function, or move the rule where it runs.',
    before: 'case "$ROLE" in\n  ftp) iptables -A INPUT -p tcp --dport 21 -j ACCEPT ;;\nesac',
    after: '# .ftpwall.json\n{ "variables": { "ROLE": "ftp" } }',
    language: 'text',
  },
  check(doc, report) {
    if (!isScript(doc)) return;
    const variants = doc.variants.list;
    const reported = new Set<number>();
    for (const command of doc.commands) {
      const line = command.commandLine.line;
      if (reported.has(line)) continue;
      reported.add(line);
      const ran = variants.filter((_, n) => doc.ranLines[n]!.has(line));
      if (ran.length === variants.length) continue;
      if (ran.length === 0) {
        // A partial view (too many ways, a run cut short) cannot say that nothing reaches a line.
        if (!doc.variants.complete || variants.some((v) => v.incomplete)) continue;
        report({ range: command.commandLine.range, message: 'No way through the script runs this command, so the rule is never loaded.', unnecessary: true });
        continue;
      }
      const other = variants.find((_, n) => !doc.ranLines[n]!.has(line))!;
      const decision = partingDecision(ran[0]!.decisions, other.decisions);
      const when = decision ? `when ${ran[0]!.decisions.find((d) => d.path === decision.path && d.line === decision.line && d.what === decision.what)?.way ?? 'the script goes one way'} (${decision.what}; it depends on ${decision.why})` : 'in some ways the script can run';
      report({ range: command.commandLine.range, message: `This command runs only ${when}.` });
    }
  },
};
