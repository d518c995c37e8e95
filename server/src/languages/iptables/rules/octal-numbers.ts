import { octalNumbersIn, type OctalNumber } from '../../../core/c-number.js';
import type { Fix } from '../../../core/findings.js';
import type { Range } from '../../../core/text.js';
import type { ParsedCommand } from '../command.js';
import type { FirewallDocument } from '../document.js';
import { fixOf, replace } from '../edits.js';
import type { Word } from '../syntax.js';
import type { FirewallRule } from './rule-type.js';

/** The part of a value iptables reads as numbers in base 0: an IPv6 address is hexadecimal groups (only its prefix length counts), and a NAT target's address must be plain decimal (only its ports count). */
function numericPart(value: string, what: Reading): [number, number] | undefined {
  if (what === 'address') return value.includes(':') ? (value.includes('/') ? [value.indexOf('/') + 1, value.length] : undefined) : [0, value.length];
  if (what !== 'NAT target') return [0, value.length];
  const bracket = value.indexOf(']:');
  if (bracket !== -1) return [bracket + 2, value.length];
  const colon = value.indexOf(':');
  return colon !== -1 && colon === value.lastIndexOf(':') ? [colon + 1, value.length] : undefined;
}

type Reading = 'protocol' | 'address' | 'port' | 'NAT target';

/** Where a rule's words are read as strtoul reads them in base 0: what each word is, for the message. */
function baseZeroWords(parsed: ParsedCommand): Array<{ word: Word; what: Reading }> {
  const words: Array<{ word: Word; what: Reading }> = [];
  if (parsed.protocol) words.push({ word: parsed.protocol.word, what: 'protocol' });
  for (const side of [parsed.source, parsed.destination]) if (side) words.push({ word: side.word, what: 'address' });
  for (const match of parsed.matches) {
    // The udp match reads ports in decimal (through getaddrinfo): only tcp and multiport read octal.
    if (match.spec?.name !== 'tcp' && match.spec?.name !== 'multiport') continue;
    for (const option of match.options) if (option.spec && /port/.test(option.spec.name) && option.args[0]) words.push({ word: option.args[0], what: 'port' });
  }
  const target = parsed.target;
  if (target?.spec && ['DNAT', 'SNAT', 'REDIRECT', 'MASQUERADE'].includes(target.spec.name)) {
    for (const option of target.options) if (option.args[0]) words.push({ word: option.args[0], what: option.spec?.name === 'to-ports' ? 'port' : 'NAT target' });
  }
  return words;
}

/** Where the number is written: its own characters, or the whole word where quotes move them. */
function numberRange(word: Word, number: OctalNumber): Range {
  if (word.raw !== word.value) return word.range;
  const start = { line: word.range.start.line, character: word.range.start.character + number.at };
  return { start, end: { line: start.line, character: start.character + number.written.length } };
}

/** What `program` (iptables, nft) makes of a number written with a leading zero, in `value` (the word it is part of). */
export function octalMessage(program: string, number: OctalNumber, value: string): string {
  const within = number.written === value ? '' : ` in "${value}"`;
  return `${program} reads ${number.written}${within} as an octal number (it starts with 0): ${number.octal}, not ${number.decimal}.`;
}

/** Two fixes for a number at `range`: the decimal it looks like, and what `program` reads now. Neither is safe to apply unasked: only the writer knows which was meant. */
export function octalFixes(path: string, range: Range, number: OctalNumber, program: string): Fix[] {
  return [
    fixOf(path, `Write ${number.decimal} (the decimal number it looks like)`, [replace(range, String(number.decimal))], false),
    fixOf(path, `Write ${number.octal} (what ${program} reads now)`, [replace(range, String(number.octal))], false),
  ];
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isBlank = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a;
/** What may stand before a number iptables reads, alone: a blank, a list's comma, a negation, a quote, getopt's "=". */
const OPENS_NUMBER = new Set([0x20, 0x09, 0x0a, 0x2c, 0x21, 0x22, 0x3d]);
/** What stands between two numbers: a range's colon or dash, a mask's slash, an address's dot (after a digit, unlike the dash in a chain name such as CUST-0001). */
const JOINS_NUMBERS = new Set([0x3a, 0x2d, 0x2f, 0x2e]);

/**
 * The lines that could hold a number with a leading zero where iptables reads one ("021",
 * "/010", "10.010.0.1", "21-023"), found in one pass over the text without a match object per
 * zero: a large file has hundreds of thousands of zeros and usually no such number. A decimal
 * fraction ("--probability 0.0625") is none.
 */
function candidateLines(doc: FirewallDocument): Set<number> {
  const text = doc.text;
  const lines = new Set<number>();
  for (let at = text.indexOf('0'); at !== -1; at = text.indexOf('0', at + 1)) {
    const next = text.charCodeAt(at + 1);
    if (next < 0x30 || next > 0x37) continue;
    const before = at === 0 ? 0x0a : text.charCodeAt(at - 1), twoBefore = text.charCodeAt(at - 2);
    const fraction = before === 0x2e && twoBefore === 0x30 && (at < 3 || isBlank(text.charCodeAt(at - 3)));
    const joined = JOINS_NUMBERS.has(before) && (isDigit(twoBefore) || (before === 0x3a && isBlank(twoBefore))) && !fraction;
    if (!OPENS_NUMBER.has(before) && !joined) continue;
    lines.add(doc.lines.positionAt(at).line);
    // One is enough to read the line again.
    const nextLine = text.indexOf('\n', at);
    if (nextLine === -1) break;
    at = nextLine;
  }
  return lines;
}

export const octalNumber: FirewallRule = {
  id: 'iptables/octal-number',
  severity: 'warning',
  summary: 'A number with a leading zero, which iptables reads in octal',
  docs: {
    detects: 'A port, protocol, address part, prefix length or NAT port written with a leading zero, such as `--dport 021`, `-p 021` or `-s 10.0.0.0/010`.',
    why: 'iptables reads numbers as C\'s strtoul does: a leading 0 makes the number octal. `--dport 021` opens port 17, not 21, and `/010` is a /8. The file loads without a word, and the rule does something else than it seems to. (The udp match is the exception: it reads ports in decimal.)',
    fix: 'Write the number without the leading zero (in decimal), or the octal value if that was meant.',
    before: '-A INPUT -p tcp --dport 021 -j ACCEPT',
    after: '-A INPUT -p tcp --dport 21 -j ACCEPT',
    language: 'text',
  },
  check(doc, report) {
    const lines = candidateLines(doc);
    if (lines.size === 0) return;
    for (const command of doc.commands) {
      if (!lines.has(command.commandLine.range.start.line)) continue;
      for (const { word, what } of baseZeroWords(command.parsed)) {
        const part = numericPart(word.value, what);
        for (const number of part ? octalNumbersIn(word.value, ...part) : []) {
          const range = numberRange(word, number);
          report({
            range,
            message: `${octalMessage('iptables', number, word.value)} This ${what === 'NAT target' ? 'port' : what} is not what it seems to be.`,
            // A quoted word's characters are not where its value's are: no edit.
            fixes: word.raw === word.value ? octalFixes(doc.path, range, number, 'iptables') : [],
          });
        }
      }
    }
  },
};
