import { readFileSync } from 'node:fs';

/** One ruleset file for the differential test, and why it is there. */
export interface NftCorpusFile { name: string; text: string; vectorVerdict?: 'ok' | 'fail' }

/** A small deterministic generator (mulberry32), so that a failing file can be made again. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** nftables' own rule vectors (tests/py of nftables 1.0.6): each rule in the first table and chain its .t file runs it in. */
export function vectorFiles(tsvPath: string): NftCorpusFile[] {
  const rows = readFileSync(tsvPath, 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split('\t'));
  return rows.map(([source, lineno, tables, chains, rule, expected]) => {
    const [family, name, chain] = tables!.split(' ')[0]!.split(';') as [string, string, string];
    const spec = new Map(chains!.split(/ (?=[a-z0-9_-]+=)/).map((c) => c.split('=') as [string, string]));
    const ruleText = /^".*"$/.test(rule!) ? rule!.slice(1, -1).replace(/""/g, '"') : rule!;
    const text = `table ${family} ${name} {\n\tchain ${chain} {\n\t\t${spec.get(chain) ?? `type filter hook ${chain} priority 0`}\n\t\t${ruleText}\n\t}\n}\n`;
    return { name: `vec-${source!.replace(/[/.]/g, '-')}-${lineno}.nft`, text, vectorVerdict: expected === 'fail' ? 'fail' : 'ok' };
  });
}

/** Rules FTP firewalls are made of, valid as written (in an inet, ip or ip6 table: `ADDR` is put in for the family). */
const GOOD_RULES = [
  'iifname "lo" accept', 'iif lo accept', 'ct state established,related accept', 'ct state { established, related } counter accept',
  'ct state invalid drop', 'ct state vmap { established : accept, related : accept, invalid : drop }', 'tcp dport 21 accept',
  'tcp dport { 21, 40000-40100 } accept', 'tcp dport 40000-40100 ct state new accept', 'tcp dport ftp accept', 'tcp dport ftp-data accept',
  'meta l4proto tcp th dport 21 accept', 'tcp dport != 22 counter', 'tcp dport 21 log prefix "ftp: " level info accept',
  'tcp dport 21 limit rate 10/second accept', 'tcp dport 21 ct state new limit rate over 5/minute drop', 'udp dport 53 accept',
  'ip protocol icmp accept', 'ct helper "ftp" accept', 'ct status dnat accept', 'tcp flags syn tcp dport 21 accept',
  'tcp dport 22 reject with tcp reset', 'reject', 'counter drop', 'tcp sport 20 accept', 'tcp dport < 1024 drop', 'tcp dport >= 40000 accept',
  'ADDR saddr ADDRNET tcp dport 21 accept', 'ADDR daddr != ADDRNET drop', 'tcp dport 21 accept comment "ftp control"',
  'meta mark set 1', 'ct mark 0x1 accept', 'fib daddr type local accept', 'tcp dport vmap { 21 : accept, 22 : drop }',
];
const ADDRESSES: Record<string, [string, string]> = { ip: ['ip', '10.0.0.0/8'], ip6: ['ip6', 'fd00::/8'], inet: ['ip', '192.168.1.0/24'] };

/** Mistakes administrators make, each as a change to a valid file's text. */
const MISTAKES: Array<[string, (text: string, pick: () => number) => string]> = [
  ['misspelt-verdict', (t) => t.replace(/\baccept\n/, 'acept\n')],
  ['misspelt-drop', (t) => t.replace(/policy drop/, 'policy dorp')],
  ['misspelt-field', (t) => t.replace(/tcp dport/, 'tcp dprot')],
  ['port-out-of-range', (t) => t.replace(/tcp dport 21\b/, 'tcp dport 70000')],
  ['range-inverted', (t) => t.replace(/40000-40100/, '40100-40000')],
  ['undefined-variable', (t) => t.replace(/tcp dport 21\b/, 'tcp dport $FTP_PORT')],
  ['bad-ct-state', (t) => t.replace(/established,related/, 'established,relatd')],
  ['jump-to-missing-chain', (t) => t.replace(/(\n\t\tpolicy[^\n]*\n|priority[^\n]*\n)/, '$1\t\tjump ftp_in\n')],
  ['helper-object-missing', (t) => t.replace(/(priority[^\n]*\n)/, '$1\t\ttcp dport 21 ct helper set "ftp-std"\n')],
  ['statement-after-verdict', (t) => t.replace(/tcp dport 21 accept\n/, 'tcp dport 21 accept counter\n')],
  ['unknown-hook', (t) => t.replace(/hook input/, 'hook inptu')],
  ['unknown-chain-type', (t) => t.replace(/type filter hook/, 'type filtr hook')],
  ['no-terminator-before-brace', (t) => t.replace(/accept\n(\t)}/, 'accept }\n$1}')],
  ['unclosed-table', (t) => t.replace(/\n}\n$/, '\n')],
  ['stray-brace', (t) => `${t}}\n`],
  ['missing-priority', (t) => t.replace(/ priority [^;\n]*;/, ';')],
  ['policy-in-regular-chain', (t) => t.replace(/(\tchain extra \{\n)/, '$1\t\tpolicy drop\n')],
  ['missing-set', (t) => t.replace(/tcp dport 21\b/, 'tcp dport @ftp_ports')],
  ['prefix-too-long', (t) => t.replace(/\/8\b/, '/33').replace(/\/24\b/, '/33')],
  ['bad-address', (t) => t.replace(/10\.0\.0\.0\/8|192\.168\.1\.0\/24/, '10.0.0.300')],
  ['reject-icmpx', (t) => t.replace(/\treject\n/, '\treject with icmpx type port-unreachable\n')],
  ['jump-to-base-chain', (t) => t.replace(/(\tchain extra \{\n)/, '$1\t\tjump input\n')],
];

/** A valid ruleset of the shape hosts keep, from the seed. */
function validRuleset(next: () => number, index: number): { text: string; family: string } {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const family = pick(['inet', 'inet', 'ip', 'ip6']);
  const [addr, net] = ADDRESSES[family]!;
  const rules = Array.from({ length: 2 + Math.floor(next() * 6) }, () => pick(GOOD_RULES).replace('ADDRNET', net).replace('ADDR', addr));
  // A mistake needs what it changes: the FTP rules are always there.
  rules.splice(Math.floor(next() * rules.length), 0, 'ct state established,related accept', 'tcp dport 21 accept', 'tcp dport 40000-40100 accept');
  const priority = pick(['0', 'filter', 'filter + 10', 'filter - 5', '-10', 'raw']);
  const withDefine = next() < 0.3;
  const withSet = next() < 0.3;
  const withHelper = family !== 'ip6' && next() < 0.3;
  const lines = ['#!/usr/sbin/nft -f', ...(next() < 0.7 ? ['flush ruleset'] : []), ...(withDefine ? ['define PASSIVE = 40000-40100'] : []), '', `table ${family} filter${index % 3} {`];
  if (withHelper) lines.push('\tct helper ftp-standard {', '\t\ttype "ftp" protocol tcp', '\t}');
  if (withSet) lines.push('\tset ftp_allowed {', '\t\ttype inet_service', '\t\tflags interval', '\t\telements = { 21, 40000-40100 }', '\t}');
  lines.push('\tchain input {', `\t\ttype filter hook input priority ${priority}; policy ${pick(['drop', 'accept'])};`);
  for (const rule of rules) lines.push(`\t\t${withDefine && rule === 'tcp dport 40000-40100 accept' ? 'tcp dport $PASSIVE accept' : rule}`);
  if (withSet) lines.push('\t\ttcp dport @ftp_allowed accept');
  if (withHelper) lines.push('\t\ttcp dport 21 ct helper set "ftp-standard"');
  lines.push('\t\treject', '\t}', '\tchain extra {', '\t\ttcp dport 990 accept', '\t}', '\tchain output {', '\t\ttype filter hook output priority 0; policy accept;', '\t}', '}');
  return { text: `${lines.join('\n')}\n`, family };
}

/** Generated rulesets: valid ones of many shapes, and each with one mistake people make. */
export function generatedFiles(count: number, seed = 7): NftCorpusFile[] {
  const next = random(seed);
  const files: NftCorpusFile[] = [];
  for (let n = 0; n < count; n++) {
    const { text } = validRuleset(next, n);
    if (n % 3 === 0) { files.push({ name: `gen-${n}-valid.nft`, text }); continue; }
    const [name, mistake] = MISTAKES[n % MISTAKES.length]!;
    const changed = mistake(text, next);
    files.push({ name: `gen-${n}-${changed === text ? 'valid' : name}.nft`, text: changed });
  }
  return files;
}

/**
 * `icmpv6 type` values: names (case matters), numbers in each base nft reads, ranges with and
 * without spaces (a name cannot start one written without them), sets, negation, lists without
 * braces, values out of range.
 */
export function icmpv6TypeFiles(): NftCorpusFile[] {
  const values = ['echo-request', 'Echo-Request', 'echo', 'mld-listener-reduction', 'nd-neighbor-solicit', 'nd-redirect', '128', '255', '256', '0x80', '0x100', '010', '00128', '0',
    '1-4', '4-1', '133 - 137', '137 - 133', '1 - 1', 'nd-router-solicit - nd-redirect', 'nd-router-solicit-nd-redirect', '133-nd-redirect', '0x85-137', '1-echo-request',
    'echo-request - echo-reply', '{ echo-request, 129 }', '{ echo-request, bogus }', '{ 1-4, nd-router-advert }', '{ nd-neighbor-solicit - nd-neighbor-advert, 128 }',
    '!= echo-request', '!= { 133-137 }', 'echo-request,echo-reply', '"echo-request"', '"nd-redirect" accept comment "x"'];
  return values.map((value, n) => ({
    name: `icmpv6-type-${n}.nft`,
    text: `table inet filter {\n\tchain input {\n\t\ttype filter hook input priority 0;\n\t\ticmpv6 type ${value} accept\n\t}\n}\n`,
  }));
}

/** `icmp type` values (IPv4): names, numbers in every base, ranges both ways, lists, sets. */
export function icmpTypeFiles(): NftCorpusFile[] {
  const values = ['echo-request', 'Echo-Request', 'echo', 'bogus', 'redirect', 'address-mask-reply', 'nd-neighbor-solicit', '8', '255', '256', '0x08', '010', '08', '00', '0',
    '3 - 0', '0 - 3', 'echo-reply - echo-request', 'echo-request - echo-reply', '8-echo-request', 'echo-request-8', '{ echo-request, bogus }', '{ echo-request, 0 }',
    'echo-request,echo-reply', '"echo-request"', '!= echo-request', 'destination-unreachable - time-exceeded', '{ 0 - 3, time-exceeded }'];
  return values.map((value, n) => ({
    name: `icmp-type-${n}.nft`,
    text: `table inet filter {\n\tchain input {\n\t\ttype filter hook input priority 0;\n\t\ticmp type ${value} accept\n\t}\n}\n`,
  }));
}

/** Ranges written with spaces around the dash inside a set, for ports, addresses and protocols, and one upside down. */
export function spacedRangeFiles(): NftCorpusFile[] {
  const rules = ['tcp dport { 21, 40000 - 40100 } accept', 'tcp dport { 21 - 22, 40000 - 40100 } accept', 'tcp dport { 40100 - 40000 } accept', 'ip saddr { 10.0.0.1 - 10.0.0.9 } accept',
    'ip saddr { 10.0.0.9 - 10.0.0.1 } accept', 'ip6 saddr { fd00::1 - fd00::9, fe80::/10 } accept', 'meta l4proto { 6 - 17 } accept', 'tcp dport 40000 - 40100 accept'];
  return rules.map((rule, n) => ({
    name: `spaced-range-${n}.nft`,
    text: `table inet filter {\n\tchain input {\n\t\ttype filter hook input priority 0;\n\t\t${rule}\n\t}\n}\n`,
  }));
}
