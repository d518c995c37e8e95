import type { Fix } from '../../../core/findings.js';
import { nearestNames } from '../../../core/nearest-names.js';
import type { RuleDocs } from '../../../core/rule.js';
import { EXTENSIONS, IMPLICIT_MATCH, MATCHES } from '../catalogue/extensions.js';
import { CONNTRACK_STATES, STATE_NAMES } from '../catalogue/values.js';
import type { CommandProblem, ParsedCommand, ProblemKind } from '../command.js';
import type { FirewallDocument } from '../document.js';
import { commandProblems } from '../command-index.js';
import { fixOf, replace } from '../edits.js';
import type { FirewallRule } from './rule-type.js';

type FixMaker = (problem: CommandProblem, parsed: ParsedCommand, doc: FirewallDocument) => Fix[];

/** A rule reporting one kind of problem iptables finds in a command's arguments, in iptables' words. */
function commandRule(kind: ProblemKind, id: string, summary: string, docs: RuleDocs, explain: (p: CommandProblem, parsed: ParsedCommand) => string, fixes?: FixMaker): FirewallRule {
  return {
    id, severity: 'error', summary, docs,
    check(doc, report) {
      for (const { problem, command: { parsed, commandLine } } of commandProblems(doc, kind)) {
        report({ range: problem.word?.range ?? commandLine.range, message: explain(problem, parsed), fixes: fixes?.(problem, parsed, doc) ?? [] });
      }
    },
  };
}

function iptablesSays(p: CommandProblem): string {
  if (p.loadedAs) return `iptables 1.8.9 loads this rule ${p.loadedAs}, but iptables' own tests expect it refused ("${p.message}"): with another version the whole file may fail to load`;
  return p.atLoad
    ? `The kernel refuses this rule when the rules are loaded ("${p.message}"); \`iptables-restore --test\` does not notice`
    : `iptables refuses this rule ("${p.message}")`;
}
const example = (before: string, after: string): Pick<RuleDocs, 'before' | 'after' | 'language'> => ({ before, after, language: 'text' });

/** What to say of a name iptables ships only for the other address family, instead of a "did you mean". */
function otherFamilyNote(p: CommandProblem, name: string): string | undefined {
  const family = p.data?.['onlyFor'];
  if (!family) return undefined;
  const [tool, other] = family === 'ipv6' ? ['ip6tables', 'IPv4'] : ['iptables', 'IPv6'];
  return `${iptablesSays(p)}. "${name}" exists only in ${tool}, and this file is read as ${other}: move the rule to the ${family === 'ipv6' ? 'IPv6 file (rules.v6, ip6tables)' : 'IPv4 file (rules.v4, iptables)'}.`;
}

/** Long option names valid at this point of a rule, for "did you mean". */
function knownOptionNames(parsed: ParsedCommand): string[] {
  const names = ['protocol', 'source', 'destination', 'in-interface', 'out-interface', 'jump', 'goto', 'match', 'fragment'];
  const specs = [...parsed.matches.map((m) => m.spec), parsed.target?.spec, ...(parsed.protocol ? [MATCHES.get(IMPLICIT_MATCH[parsed.protocol.name] ?? '')] : [])];
  for (const spec of specs) for (const o of spec?.options ?? []) names.push(o.name, ...(o.aliases ?? []));
  return names;
}

function nearestOptions(p: CommandProblem, parsed: ParsedCommand): string[] {
  if (p.data?.['onlyFor']) return [];
  const typed = p.word!.value.replace(/^-+/, '').split('=')[0]!;
  return nearestNames(typed, knownOptionNames(parsed)).filter((n) => n !== typed);
}

const nearestMatches = (p: CommandProblem) => (p.data?.['onlyFor'] ? [] : nearestNames(p.word!.value, EXTENSIONS.filter((e) => e.kind === 'match').map((e) => e.name)).filter((n) => n !== p.word!.value));

export const unknownOption = commandRule('unknown-option', 'iptables/unknown-option', 'An option iptables does not know at this point of the rule', {
  detects: 'An option that is neither one of iptables\' own nor one of the matches and targets loaded before it.',
  why: 'iptables-restore stops at the first unknown option ("unknown option"), so the whole file fails to load and the old rules stay in place.',
  fix: 'Correct the spelling, or load the match that provides the option first (`-m NAME`).',
  ...example('-A INPUT -p tcp --destination-prot 21 -j ACCEPT', '-A INPUT -p tcp --destination-port 21 -j ACCEPT'),
}, (p, parsed) => {
  const note = otherFamilyNote(p, p.word!.value.split('=')[0]!);
  if (note) return note;
  const near = nearestOptions(p, parsed);
  return `${iptablesSays(p)}.${near.length ? ` Did you mean ${near.map((n) => `"--${n}"`).join(' or ')}?` : ''}`;
}, (p, parsed, doc) => nearestOptions(p, parsed).map((n, i) =>
  fixOf(doc.path, `Change to --${n}`, [replace({ start: p.word!.range.start, end: { line: p.word!.range.start.line, character: p.word!.range.start.character + p.word!.value.split('=')[0]!.length } }, `--${n}`)], false, i === 0)));

export const unknownExtension = commandRule('unknown-extension', 'iptables/unknown-extension', 'A match or target iptables does not ship', {
  detects: 'A `-m NAME` that is not one of the matches iptables ships (for this address family), or a `-j`/`-g` whose name is neither a target nor a chain.',
  why: 'iptables cannot load it ("Couldn\'t load match"), so iptables-restore stops and nothing in the file is loaded.',
  fix: 'Correct the name (names are case-sensitive: matches are lower case, targets upper case), or declare the chain you meant to jump to.',
  ...example('-A INPUT -m conntrak --ctstate ESTABLISHED -j ACCEPT', '-A INPUT -m conntrack --ctstate ESTABLISHED -j ACCEPT'),
}, (p) => {
  const note = otherFamilyNote(p, p.word!.value);
  if (note) return note;
  const near = nearestMatches(p);
  return `${iptablesSays(p)}.${near.length ? ` Did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : ''}`;
}, (p, _parsed, doc) => nearestMatches(p).map((n, i) => fixOf(doc.path, `Change to ${n}`, [replace(p.word!.range, n)], false, i === 0)));

const STATE_LISTS: Array<[RegExp, readonly string[]]> = [[/^Bad state "/, STATE_NAMES], [/^Bad ctstate "/, CONNTRACK_STATES]];

export const invalidValue = commandRule('invalid-value', 'iptables/invalid-value', 'A value iptables refuses (a port, address, state, rate, level, ...)', {
  detects: 'An option value iptables rejects: a port above 65535 or an unknown service, a malformed address or mask, an unknown state, protocol, reject type, log level or rate, too many multiport ports.',
  why: 'iptables-restore stops at the first bad value, so the whole file fails to load. A few values iptables 1.8.9 still loads, read its own way (a udp port past 65535 keeps its last 16 bits, a comment past 255 characters is cut), although iptables\' own tests expect them refused: such a file loads or fails depending on the version.',
  fix: 'Correct the value; the message quotes what iptables says.',
  ...example('-A INPUT -m state --state ESTABLISHED,RELATD -j ACCEPT', '-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT'),
}, iptablesSays, (p, _parsed, doc) => {
  const list = STATE_LISTS.find(([re]) => re.test(p.message));
  if (!list || !p.word) return [];
  const bad = /"([^"]*)"/.exec(p.message)![1]!;
  const [near] = nearestNames(bad, list[1]);
  if (!near) return [];
  const items = p.word.value.split(',').map((s) => (s === bad ? near : s));
  return [fixOf(doc.path, `Change ${bad} to ${near}`, [replace(p.word.range, items.join(','))], true, true)];
});

export const portRangeInverted = commandRule('port-range-inverted', 'iptables/port-range-inverted', 'A port range written high:low', {
  detects: 'A `--sport`/`--dport` range whose first port is above the second, such as 40100:40000.',
  why: 'iptables refuses it ("invalid portrange (min > max)"), so the whole file fails to load. iptables 1.8.9 still loads such a range in the udp match and in conntrack, where it matches nothing; iptables\' own tests expect it refused there too.',
  fix: 'Write the lower port first.',
  ...example('-A INPUT -p tcp --dport 40100:40000 -j ACCEPT', '-A INPUT -p tcp --dport 40000:40100 -j ACCEPT'),
}, iptablesSays, (p, _parsed, doc) => {
  const [low, high] = p.word!.value.split(':');
  return [fixOf(doc.path, `Swap to ${high}:${low}`, [replace(p.word!.range, `${high}:${low}`)], true, true)];
});

export const optionNeedsProtocol = commandRule('option-needs-protocol', 'iptables/option-needs-protocol', 'A port or protocol option without the -p it needs', {
  detects: 'Options that belong to a protocol (`--dport`, `--sport`, `--syn`, `--icmp-type`), or the tcp, udp, icmp and multiport matches, used without `-p` naming that protocol.',
  why: 'Without `-p tcp` iptables does not know `--dport` ("unknown option") or refuses the match ("multiport needs `-p tcp\'..."), so the file fails to load. (The legacy backend accepts `-m tcp` without `-p tcp`; nf_tables does not.)',
  fix: 'Add `-p tcp` (or udp, icmp) before the option.',
  ...example('-A INPUT --dport 21 -j ACCEPT', '-A INPUT -p tcp --dport 21 -j ACCEPT'),
}, (p) => `${iptablesSays(p)}: it needs -p ${p.data?.['protocol'] ?? 'tcp'} before it.`, (p, parsed, doc) => {
  if (parsed.protocol) return [];
  const protocol = p.data?.['protocol'] === 'icmp' ? 'icmp' : p.data?.['protocol'] === 'udp' ? 'udp' : 'tcp';
  const anchor = parsed.matches.find((m) => m.name === p.word)?.name === p.word
    ? parsed.words[parsed.words.indexOf(p.word!) - 1] ?? p.word!
    : p.word!;
  return [fixOf(doc.path, `Add -p ${protocol}`, [replace({ start: anchor.range.start, end: anchor.range.start }, `-p ${protocol} `)], false, true)];
});

export const duplicateOption = commandRule('duplicate-option', 'iptables/duplicate-option', 'An option given twice in one rule', {
  detects: 'A second `-p`, `-j`, `-s`, `--dport` or other option that may appear only once in a rule.',
  why: 'iptables refuses the rule ("multiple -p flags not allowed", "Only one `--destination-port\' allowed"), so the file fails to load. Two ports need multiport, two protocols need two rules.',
  fix: 'Use `-m multiport --dports 21,990` for several ports, or split the rule in two.',
  ...example('-A INPUT -p tcp --dport 21 --dport 990 -j ACCEPT', '-A INPUT -p tcp -m multiport --dports 21,990 -j ACCEPT'),
}, iptablesSays);

export const badArgument = commandRule('bad-argument', 'iptables/bad-argument', 'Words iptables cannot place: an end-of-line comment, single quotes, a stray value', {
  detects: 'Arguments that belong to no option: an end-of-line `# comment`, text split by single quotes (only double quotes group words), an argument left over from a mistyped option.',
  why: 'iptables-restore stops at them ("Bad argument"), so the whole file fails to load. It has no end-of-line comments and understands only double quotes.',
  fix: 'Put comments on lines of their own starting with "#", or use `-m comment --comment "..."`; use double quotes.',
  ...example('-A INPUT -p tcp --dport 21 -j ACCEPT # FTP', '# FTP\n-A INPUT -p tcp --dport 21 -j ACCEPT'),
}, (p) => (p.word?.value.startsWith('#') ? `${iptablesSays(p)}: iptables has no end-of-line comments.` : p.word?.raw.includes("'") ? `${iptablesSays(p)}: iptables groups words with double quotes only.` : `${iptablesSays(p)}.`),
(p, _parsed, doc) => {
  if (!p.word?.value.startsWith('#')) return [];
  const line = p.word.range.start.line;
  const lineStart = doc.lines.lineStarts[line]!;
  const commentStart = doc.lines.offsetAt(p.word.range.start);
  const lineEnd = doc.lines.lineEnd(line);
  const comment = doc.text.slice(commentStart, lineEnd).replace(/\r$/, '');
  const code = doc.text.slice(lineStart, commentStart).trimEnd();
  return [fixOf(doc.path, 'Move the comment to its own line', [replace(doc.lines.range(lineStart, commentStart + comment.length), `${comment}\n${code}`)], true, true)];
});

export const interfaceDirection = commandRule('interface-direction', 'iptables/interface-direction', '-i on an outgoing chain or -o on an incoming one', {
  detects: '`-i` (incoming interface) in OUTPUT or POSTROUTING, `-o` (outgoing interface) in INPUT or PREROUTING.',
  why: 'Those packets have no such interface; iptables refuses the rule ("Can\'t use -i with OUTPUT") and the file fails to load.',
  fix: 'Use `-o` in OUTPUT and POSTROUTING, `-i` in INPUT and PREROUTING.',
  ...example('-A OUTPUT -i eth0 -p tcp --sport 20 -j ACCEPT', '-A OUTPUT -o eth0 -p tcp --sport 20 -j ACCEPT'),
}, iptablesSays, (p, parsed, doc) => {
  const flag = p.message.includes('-i') ? '-i' : '-o';
  const option = parsed.words[parsed.words.indexOf(p.word!) - 1];
  return option && (option.value === flag || option.value.startsWith('--')) ? [fixOf(doc.path, `Change ${flag} to ${flag === '-i' ? '-o' : '-i'}`, [replace(option.range, flag === '-i' ? '-o' : '-i')], false, true)] : [];
});

export const incompleteExtension = commandRule('incomplete-extension', 'iptables/incomplete-extension', 'A match or target without the option it requires', {
  detects: 'A match or target used without its required option: `-m state` without `--state`, `-j CT` without any option, `-m recent` without exactly one of `--set`, `--rcheck`, `--update`, `--remove`, `-m hashlimit` without `--hashlimit-name`.',
  why: 'iptables refuses the rule and the file fails to load.',
  fix: 'Add the missing option.',
  ...example('-A INPUT -m state -j ACCEPT', '-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT'),
}, iptablesSays);

export const missingArgument = commandRule('missing-argument', 'iptables/missing-argument', 'An option at the end of the line without its value', {
  detects: 'An option that takes a value but ends the line, such as `-j` or `--log-prefix` with nothing after it.',
  why: 'iptables refuses the rule ("option requires an argument") and the file fails to load.',
  fix: 'Give the option its value.',
  ...example('-A INPUT -p tcp --dport', '-A INPUT -p tcp --dport 21 -j ACCEPT'),
}, iptablesSays);

export const noCommand = commandRule('no-command', 'iptables/no-command', 'A rule line without -A, -I or another command', {
  detects: 'A line of options with no command telling iptables what to do with them.',
  why: 'iptables refuses it ("no command specified") and the file fails to load.',
  fix: 'Start the line with `-A CHAIN` (append) or another command.',
  ...example('-p tcp --dport 21 -j ACCEPT', '-A INPUT -p tcp --dport 21 -j ACCEPT'),
}, iptablesSays);

export const commandRules: readonly FirewallRule[] = [
  unknownOption, unknownExtension, invalidValue, portRangeInverted, optionNeedsProtocol, duplicateOption, badArgument,
  interfaceDirection, incompleteExtension, missingArgument, noCommand,
];
