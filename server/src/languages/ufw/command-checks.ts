import type { Fix } from '../../core/findings.js';
import type { FileRule } from '../../core/rule.js';
import type { ScriptDocument } from '../iptables/script-document.js';
import { profileLookup } from './applications.js';
import { readUfwCommand } from './command.js';

/** What to write instead, for the refusals people meet most. */
const HINTS: ReadonlyArray<[RegExp, string]> = [
  [/^Must specify 'tcp' or 'udp' with multiple ports$/, 'Name the protocol: `ufw allow 40000:40100/tcp`.'],
  [/^Bad port/, 'Ports are 1-65535, a range is LOW:HIGH with LOW below HIGH, protocols are lower-case tcp or udp.'],
  [/^Wrong number of arguments$/, 'With `on INTERFACE`, write the full form: `ufw allow in on eth0 to any port 21 proto tcp`.'],
  [/^Need 'to' or 'from' clause$/, 'Several words after the action need the full form: `ufw allow from 10.0.0.0/8 to any port 21 proto tcp`.'],
];

export const ufwCommandRefused: FileRule<ScriptDocument> = {
  id: 'ufw/command-refused',
  severity: 'error',
  summary: 'A ufw command that ufw refuses',
  docs: {
    detects: 'A `ufw` command in a script that ufw 0.36 stops on with an error (a port list without a protocol, a bad port or address, a clause out of place), in ufw\'s own words.',
    why: 'ufw saves nothing for a refused command and exits with status 1: the rule the script meant to add is not there, and under `set -e` the rest of the script (often `ufw enable`) does not run at all.',
    fix: 'Write the command as ufw reads it; the message and the hint say what it wanted.',
    before: 'ufw allow 40000:40100',
    after: 'ufw allow 40000:40100/tcp',
    language: 'sh',
  },
  check(doc, report) {
    // Profiles the host defines are not known to the script alone: only what ufw refuses whatever they are is reported.
    const profiles = profileLookup(new Map());
    for (const command of doc.ufwCommands) {
      if (!command.args) continue;
      const read = readUfwCommand(command.args, profiles);
      if (read.kind !== 'error') continue;
      const hint = HINTS.find(([pattern]) => pattern.test(read.message))?.[1];
      report({ range: command.range, message: `ufw refuses this command: "${read.message}", and changes nothing.${hint ? ` ${hint}` : ''}`, fixes: protocolFix(doc, command.range.start.line, read.message) });
    }
  },
};

/** For a port list written without its protocol (`ufw allow 40000:40100`), the same ports over TCP, the protocol FTP uses. */
function protocolFix(doc: ScriptDocument, line: number, message: string): Fix[] {
  if (!/^Must specify/.test(message)) return [];
  const text = doc.lines.lineText(line);
  const port = /(\bufw\s+(?:--\S+\s+)*(?:allow|deny|reject|limit)\s+(?:(?:in|out)\s+)?)([0-9][0-9,:]*)(?=\s*(?:$|[;&|#]))/.exec(text);
  if (!port) return [];
  const start = port.index + port[1]!.length, end = start + port[2]!.length;
  return [{ title: `Open ${port[2]} over TCP (${port[2]}/tcp)`, edits: { [doc.path]: [{ range: { start: { line, character: start }, end: { line, character: end } }, newText: `${port[2]}/tcp` }] }, safe: true, preferred: true }];
}

export const ufwScriptChecks = [ufwCommandRefused] as const;
