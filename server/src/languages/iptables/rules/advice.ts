import { commandsWithHostnames, commandsWithTarget } from '../command-index.js';
import { fixOf, replace } from '../edits.js';
import { targetOption, targetOptionWord } from '../rule-meaning.js';
import type { FirewallRule } from './rule-type.js';

const LOG_PREFIX_MAX = 29;

export const logPrefixTruncated: FirewallRule = {
  id: 'iptables/log-prefix-truncated',
  severity: 'warning',
  summary: 'A LOG prefix longer than the 29 characters the kernel keeps',
  docs: {
    detects: 'A `--log-prefix` longer than 29 characters.',
    why: 'The kernel keeps only the first 29 characters, so log searches for the full text find nothing.',
    fix: 'Shorten the prefix.',
    before: '-A INPUT -j LOG --log-prefix "FTP passive connection refused: "',
    after: '-A INPUT -j LOG --log-prefix "FTP pasv refused: "',
    language: 'text',
  },
  check(doc, report) {
    for (const command of commandsWithTarget(doc, 'LOG')) {
      if ((targetOption(command.meaning, 'LOG', 'log-prefix')?.length ?? 0) <= LOG_PREFIX_MAX) continue;
      const prefix = targetOptionWord(command.parsed, 'log-prefix')!;
      const kept = prefix.value.slice(0, LOG_PREFIX_MAX);
      report({
        range: prefix.range,
        message: `The log prefix is ${prefix.value.length} characters; the kernel keeps the first ${LOG_PREFIX_MAX}: "${kept}".`,
        fixes: [fixOf(doc.path, `Shorten to "${kept}"`, [replace(prefix.range, `"${kept.replace(/"/g, '\\"')}"`)], false, true)],
      });
    }
  },
};

export const hostnameInRule: FirewallRule = {
  id: 'iptables/hostname-in-rule',
  severity: 'warning',
  summary: 'A host name in a rule, resolved once when the rules are loaded',
  docs: {
    detects: 'A `-s` or `-d` that names a host instead of an address.',
    why: 'iptables looks the name up once, at load time: if DNS is not reachable yet (at boot, often) the whole file fails to load, and later address changes are never seen.',
    fix: 'Write the address (or network).',
    before: '-A INPUT -s backup.example.org -p tcp --dport 21 -j ACCEPT',
    after: '-A INPUT -s 192.0.2.10 -p tcp --dport 21 -j ACCEPT',
    language: 'text',
  },
  check(doc, report) {
    for (const { parsed } of commandsWithHostnames(doc)) {
      for (const word of parsed.hostnames) report({ range: word.range, message: `"${word.value}" is resolved by DNS once, when the rules are loaded; if DNS does not answer then, the whole load fails.` });
    }
  },
};

export const unusedChain: FirewallRule = {
  id: 'iptables/unused-chain',
  severity: 'information',
  summary: 'A user chain no rule jumps to',
  docs: {
    detects: 'A user chain that is declared (and may have rules) but that no `-j` or `-g` reaches.',
    why: 'Its rules never see a packet; often the jump was forgotten or misspelt, so the FTP rules in it do nothing.',
    fix: 'Add the jump (`-A INPUT -j NAME`) or remove the chain.',
    before: ':FTP_IN - [0:0]\n-A FTP_IN -p tcp --dport 21 -j ACCEPT',
    after: ':FTP_IN - [0:0]\n-A INPUT -j FTP_IN\n-A FTP_IN -p tcp --dport 21 -j ACCEPT',
    language: 'text',
  },
  check(doc, report) {
    for (const ruleset of doc.rulesets) {
      for (const [table, chains] of ruleset.tables) {
        const jumpedTo = ruleset.chainsJumpedTo(table);
        for (const chain of chains.values()) {
          if (chain.builtin || !chain.declaredAt || jumpedTo.has(chain.name)) continue;
          report({ range: chain.declaredAt.range, message: `Nothing jumps to chain ${chain.name} (table ${table}): its ${chain.rules.length} rule${chain.rules.length === 1 ? '' : 's'} never see a packet.` });
        }
      }
    }
  },
};

export const carriageReturn: FirewallRule = {
  id: 'iptables/carriage-return',
  severity: 'error',
  summary: 'Windows line endings, which iptables-restore reads as part of the last word',
  docs: {
    detects: 'Lines ending in a carriage return (CRLF line endings, from an editor or a copy on Windows).',
    why: 'iptables-restore keeps the carriage return in the line\'s last word, so `ACCEPT` becomes an unknown target ("Invalid target name") and COMMIT is not recognised: nothing loads.',
    fix: 'Convert the file to Unix line endings (LF).',
    before: '-A INPUT -j ACCEPT\\r\\n',
    after: '-A INPUT -j ACCEPT\\n',
    language: 'text',
  },
  check(doc, report) {
    // Nearly every file has none: one scan of the text settles it without reading line by line.
    if (!doc.text.includes('\r')) return;
    const lines: number[] = [];
    for (let line = 0; line < doc.lines.lineCount; line++) {
      const text = doc.lines.lineText(line);
      if (text.endsWith('\r') && !text.startsWith('#') && text.trim() !== '') lines.push(line);
    }
    if (lines.length === 0) return;
    const first = lines[0]!;
    const crAt = doc.lines.lineEnd(first) - 1;
    const edits = [];
    for (let line = 0; line < doc.lines.lineCount; line++) {
      if (doc.lines.lineText(line).endsWith('\r')) { const at = doc.lines.lineEnd(line) - 1; edits.push(replace(doc.lines.range(at, at + 1), '')); }
    }
    report({
      range: doc.lines.range(crAt, crAt + 1),
      message: `${lines.length} line${lines.length === 1 ? ' ends' : 's end'} with a carriage return (Windows line endings); iptables-restore reads it as part of the last word and fails.`,
      fixes: [fixOf(doc.path, 'Convert to Unix line endings', edits, true, true)],
    });
  },
};
