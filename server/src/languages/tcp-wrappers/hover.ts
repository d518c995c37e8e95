import type { HoverResult } from '../../core/features.js';
import type { Position } from '../../core/text.js';
import type { HostsAccessDocument } from './hosts-access.js';

/** A word of an entry: separated by blanks, commas and colons, but an IPv6 client in brackets is one word, colons and all ("[2001:db8::]/32"). */
const WORD = /(?:\[[^\]]*\]?|[^\s,:[])+/g;

/** The three parts of an entry, by how many colons come before a word (outside brackets). */
type Part = 'daemons' | 'clients' | 'options';

const WILDCARDS: Readonly<Record<string, string>> = {
  ALL: 'matches everything.',
  LOCAL: 'matches a client whose host name has no dot in it: libwrap has to look the name up, so ftpwall cannot tell which clients these are.',
  KNOWN: 'matches a client whose name and address libwrap can both find (a lookup ftpwall cannot make).',
  UNKNOWN: 'matches a client whose name or address libwrap cannot find (a lookup ftpwall cannot make).',
  PARANOID: 'matches a client whose host name does not lead back to its address (a lookup ftpwall cannot make).',
  EXCEPT: 'takes what follows it out of the list before it: `ALL EXCEPT 10.0.0.` is every client outside 10.0.0.0/24.',
};

const OPTIONS: Readonly<Record<string, string>> = {
  allow: 'grants the connection when the entry matches, whichever file holds the entry.',
  deny: 'refuses the connection when the entry matches, whichever file holds the entry.',
  twist: 'runs a command in the server\'s place: the client talks to the command, not to the FTP server.',
  spawn: 'runs a command beside the server; the connection goes on as the file decides.',
  severity: 'sets how the decision is logged; it changes nothing about it.',
  banners: 'sends a file to the client before the server answers.',
};

/** What a word of a daemon list stands for. */
function daemonWord(word: string): string {
  if (word === 'ALL' || word === 'EXCEPT') return `\`${word}\` ${WILDCARDS[word]}`;
  const [name, server] = word.split('@');
  const asked = `\`${name}\`: the program name libwrap is asked about. vsftpd with tcp_wrappers=YES asks as \`vsftpd\`; tcpd (in inetd.conf) and xinetd ask by the name of the program they run.`;
  return server ? `${asked} Only for connections to the server's address \`${server}\`.` : asked;
}

/** What a word of a client list stands for. */
function clientWord(word: string): string {
  const wildcard = WILDCARDS[word];
  if (wildcard) return `\`${word}\` ${wildcard}`;
  if (word.startsWith('@')) return `\`${word}\`: the members of a NIS netgroup, which ftpwall cannot read.`;
  if (word.startsWith('.')) return `\`${word}\`: clients whose host name ends in ${word}. libwrap looks up each client's name, so which addresses these are is not known to ftpwall.`;
  if (word.startsWith('[')) return `\`${word}\`: IPv6 clients in this network (or this one address).`;
  if (word.includes('/')) return `\`${word}\`: IPv4 clients in this network (\`net/mask\`, or \`net/length\`).`;
  if (/^[\d.]+\.$/.test(word)) return `\`${word}\`: IPv4 clients whose address starts with ${word}`;
  if (/[*?]/.test(word)) return `\`${word}\`: a pattern on the client's host name or address.`;
  if (/^[\d.]+$/.test(word)) return `\`${word}\`: this one IPv4 client.`;
  return `\`${word}\`: the client with this host name; libwrap looks it up, so ftpwall cannot tell which address it is.`;
}

function optionWord(word: string): string | undefined {
  const option = OPTIONS[word];
  return option ? `\`${word}\` ${option}` : undefined;
}

/**
 * Hover on a word of hosts.allow or hosts.deny: what the word matches or does, and how the file's
 * entries are taken (the first entry that matches decides).
 */
export function hostsAccessHover(doc: HostsAccessDocument, position: Position): HoverResult | undefined {
  const entry = [...doc.entries].reverse().find((e) => e.line <= position.line);
  if (!entry) return undefined;
  // The entry's lines, up to the one hovered: each but the last ends in a backslash.
  let before = '';
  for (let line = entry.line; line < position.line; line++) {
    const text = doc.lines.lineText(line).replace(/\r$/, '');
    if (!text.endsWith('\\')) return undefined;
    before += text.slice(0, -1);
  }
  const text = doc.lines.lineText(position.line).replace(/\r$/, '');
  const found = [...text.matchAll(WORD)].find((m) => m.index <= position.character && position.character < m.index + m[0].length);
  if (!found) return undefined;
  const word = found[0], start = found.index, end = start + word.length;
  const part = partAt(before + text.slice(0, start));
  const described = part === 'daemons' ? daemonWord(word) : part === 'clients' ? clientWord(word) : optionWord(word);
  if (!described) return undefined;
  const file = doc.grants ? 'hosts.allow' : 'hosts.deny';
  const decides = `libwrap reads hosts.allow, then hosts.deny: the first entry whose daemons and clients both match ${doc.grants ? 'grants' : 'refuses'} the connection here (unless its options say otherwise); when none matches, it is granted.`;
  return { markdown: `${described}\n\n${file}: ${decides}`, range: { start: { line: position.line, character: start }, end: { line: position.line, character: end } } };
}

function partAt(prefix: string): Part {
  let colons = 0, depth = 0;
  for (const c of prefix) {
    if (c === '[') depth++;
    else if (c === ']') depth = Math.max(0, depth - 1);
    else if (c === ':' && depth === 0) colons++;
  }
  return colons === 0 ? 'daemons' : colons === 1 ? 'clients' : 'options';
}
