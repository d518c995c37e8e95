import type { FileRule } from '../../core/rule.js';
import type { ScriptDocument } from '../iptables/script-document.js';
import { firewalldScriptState } from './script-commands.js';

export const firewalldRuntimeOnly: FileRule<ScriptDocument> = {
  id: 'firewalld/runtime-only',
  severity: 'warning',
  summary: 'A firewall-cmd change that is never saved',
  docs: {
    detects: 'A `firewall-cmd` command without `--permanent` in a script that later neither saves it (`--runtime-to-permanent`) nor repeats it with `--permanent`.',
    why: 'Without `--permanent`, firewall-cmd changes only the firewall that is running. A `firewall-cmd --reload` (often the script\'s next line), a restart of firewalld or a reboot puts back the saved configuration, and the port or service is gone: FTP works after the script and stops working later. ftpwall cannot tell whether that reload has happened, so the paths it touches are conditional.',
    fix: 'Add `--permanent` (and run `firewall-cmd --reload` after the last change), or end the script with `firewall-cmd --runtime-to-permanent`.',
    before: 'firewall-cmd --add-service=ftp',
    after: 'firewall-cmd --permanent --add-service=ftp\nfirewall-cmd --reload',
    language: 'sh',
  },
  check(doc, report) {
    const state = firewalldScriptState(doc.firewalldCommands);
    for (const where of state.runtimeOnly) {
      if (where.path !== doc.path) continue;
      const text = doc.lines.lineText(where.line);
      const program = /\bfirewall-cmd\b/.exec(text);
      const fixes = program ? [{ title: 'Save the change: add --permanent', edits: { [doc.path]: [{ range: { start: { line: where.line, character: program.index + program[0].length }, end: { line: where.line, character: program.index + program[0].length } }, newText: ' --permanent' }] }, safe: false }] : [];
      report({ range: where.range, message: 'This firewall-cmd change is never saved (no --permanent, no --runtime-to-permanent after it): the next `firewall-cmd --reload`, restart or reboot drops it, so the paths it opens are conditional.', fixes });
    }
  },
};

export const firewalldScriptChecks = [firewalldRuntimeOnly] as const;
