import type { FirewallRule } from './rule-type.js';

export const scriptStopsEarly: FirewallRule = {
  id: 'iptables/script-stops-early',
  severity: 'warning',
  summary: 'A command fails under set -e, so the script ends there and the rules after it are never loaded',
  docs: {
    detects: 'A command in a firewall script that fails (iptables refuses it, or it is `false`) while `set -e` is on, outside any condition.',
    why: 'The shell ends the script at the first failing command: every rule after it is missing from the running firewall, often the ones that open FTP. The rules before it stay loaded, so the firewall is half built.',
    fix: 'Correct the command (create the chain it jumps to, fix the option), or, if its failure is expected, write `|| true` after it.',
    before: 'set -e\niptables -A INPUT -p tcp --dport 40000:40100 -j FTP_IN\niptables -A INPUT -p tcp --dport 21 -j ACCEPT',
    after: 'set -e\niptables -N FTP_IN\niptables -A INPUT -p tcp --dport 40000:40100 -j FTP_IN\niptables -A INPUT -p tcp --dport 21 -j ACCEPT',
    language: 'text',
  },
  check(doc, report) {
    const variants = doc.variants?.list ?? [];
    const seen = new Set<number>();
    for (const variant of variants) {
      const stop = variant.stopped;
      if (!stop?.byErrexit || stop.path !== doc.path || seen.has(stop.line)) continue;
      seen.add(stop.line);
      const always = variants.every((v) => v.stopped?.byErrexit && v.stopped.path === doc.path && v.stopped.line === stop.line);
      const cause = variant.rulesets.flatMap((r) => r.problems).find((p) => p.word.range.start.line === stop.line)?.message
        ?? doc.commands.find((c) => c.commandLine.line === stop.line && c.problems.length > 0)?.problems[0]?.message;
      const end = doc.lines.positionAt(doc.lines.lineEnd(stop.line));
      report({
        range: stop.range,
        message: `${always ? 'This command fails' : 'In some ways the script runs, this command fails'}${cause ? ` (${cause})` : ''}, and set -e ends the script here: no command after it runs, so the rules after it are never loaded.`,
        fixes: [{ title: 'Let the script go on when this command fails (|| true)', edits: { [doc.path]: [{ range: { start: end, end }, newText: ' || true' }] }, safe: false }],
      });
    }
  },
};
