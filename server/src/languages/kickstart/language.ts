import type { Language } from '../../analysis/language.js';
import type { FileRule } from '../../core/rule.js';
import { containsPosition } from '../../core/text.js';
import { readKickstart, type KickstartDocument } from './kickstart.js';

export const KICKSTART_NAMES = [/(^|\/)(anaconda-)?ks\.cfg$/, /(^|\/)[^/]+\.ks$/, /(^|\/)kickstart[^/]*\.cfg$/];

export const firewallCmdDuringInstall: FileRule<KickstartDocument> = {
  id: 'kickstart/firewall-cmd-in-post',
  severity: 'warning',
  summary: 'firewall-cmd in a kickstart %post section',
  docs: {
    detects: 'A `firewall-cmd` command in a %post section of a kickstart file.',
    why: 'firewall-cmd asks a running firewalld to make the change, and no firewalld runs while Anaconda installs the system: the command fails with "FirewallD is not running" and the installed system boots without the port or service. firewall-offline-cmd writes the saved configuration directly.',
    fix: 'Use `firewall-offline-cmd` with the same options and without `--permanent`, or put the service and ports in the kickstart `firewall` command.',
    before: '%post\nfirewall-cmd --permanent --add-port=40000-40100/tcp\n%end',
    after: '%post\nfirewall-offline-cmd --add-port=40000-40100/tcp\n%end',
    language: 'text',
  },
  check(doc, report) {
    for (const command of doc.failing) {
      const text = doc.lines.lineText(command.line);
      const program = /\bfirewall-cmd\b/.exec(text);
      const permanent = / --permanent\b/.exec(text);
      const edits = program ? [
        ...(permanent ? [{ range: { start: { line: command.line, character: permanent.index }, end: { line: command.line, character: permanent.index + permanent[0].length } }, newText: '' }] : []),
        { range: { start: { line: command.line, character: program.index }, end: { line: command.line, character: program.index + program[0].length } }, newText: 'firewall-offline-cmd' },
      ] : [];
      report({ range: command.range, message: 'No firewalld runs during the installation: this firewall-cmd fails ("FirewallD is not running") and the installed system boots without its change. Use firewall-offline-cmd (without --permanent).', fixes: edits.length ? [{ title: 'Use firewall-offline-cmd', edits: { [doc.path]: edits }, safe: true, preferred: true }] : [] });
    }
  },
};

const OPTIONS: Record<string, string> = {
  '--enabled': 'firewalld runs in the installed system (the default).',
  '--disabled': 'firewalld is turned off in the installed system: nothing filters incoming connections.',
  '--service': 'firewalld services allowed in the default zone; `ftp` is port 21 with the FTP conntrack helper, so passive mode works without opening the range.',
  '--port': 'Ports allowed in the default zone, as PORT:PROTOCOL (40000-40100:tcp); Anaconda saves them with firewall-offline-cmd.',
  '--trust': 'Interfaces whose traffic is all accepted (bound to the trusted zone).',
  '--remove-service': 'Services taken out of the default zone.',
  '--use-system-defaults': 'Anaconda leaves firewalld as the packages install it and ignores the other options.',
};

export const kickstartLanguage: Language<KickstartDocument> = {
  id: 'kickstart',
  displayName: 'kickstart file (Anaconda)',
  read: readKickstart,
  lines: (doc) => doc.lines,
  rules: [firewallCmdDuringInstall],
  namePatterns: KICKSTART_NAMES,
  matchesContent: () => false,
  hover(doc, position) {
    const firewall = doc.firewall;
    if (!firewall || !containsPosition(firewall.range, position)) return undefined;
    const text = doc.lines.lineText(firewall.line);
    const word = /[^\s=,]+/g;
    let match: RegExpExecArray | null;
    while ((match = word.exec(text))) {
      if (position.character < match.index || position.character > match.index + match[0].length) continue;
      const explained = OPTIONS[match[0]] ?? (match[0] === 'firewall' ? 'Anaconda configures firewalld of the installed system from this line (with firewall-offline-cmd).' : undefined);
      if (explained) return { markdown: `**${match[0]}**: ${explained}`, range: { start: { line: firewall.line, character: match.index }, end: { line: firewall.line, character: match.index + match[0].length } } };
    }
    return undefined;
  },
  completions: () => [],
  symbols: (doc) => [
    ...(doc.firewall ? [{ name: 'firewall', detail: doc.lines.lineText(doc.firewall.line).trim(), kind: 'property' as const, range: doc.firewall.range, selectionRange: doc.firewall.range }] : []),
    ...doc.posts.map((p) => {
      const range = { start: { line: p.header, character: 0 }, end: { line: Math.max(p.header, p.last), character: 0 } };
      return { name: '%post', detail: p.nochroot ? '--nochroot' : '', kind: 'function' as const, range, selectionRange: { start: range.start, end: range.start } };
    }),
  ],
  folding: (doc) => doc.posts.filter((p) => p.last > p.header).map((p) => ({ startLine: p.header, endLine: p.last + 1 })),
};
