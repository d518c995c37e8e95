import type { TextEdit } from '../../core/findings.js';
import type { FirewallIntents } from '../../engine/firewall-file.js';
import type { PortSet } from '../../engine/port-set.js';
import { isIpv6Address } from '../../engine/client-side.js';
import { insertLineBefore } from '../iptables/edits.js';
import type { NftablesDocument } from './document.js';
import type { NftChain, NftRule } from './ruleset.js';

/** A port set as nft writes it: "21", "40000-40100", "{ 21, 40000-40100 }". */
function portsText(ports: PortSet): string {
  const parts = ports.ranges.map(([low, high]) => (low === high ? `${low}` : `${low}-${high}`));
  return parts.length === 1 ? parts[0]! : `{ ${parts.join(', ')} }`;
}

const commented = (rule: string, comment: string | undefined) => (comment ? `${rule} comment "${comment.replace(/"/g, "'")}"` : rule);

/** The indentation of a line, for a line put before or after it. */
const indentOf = (doc: NftablesDocument, line: number) => /^[ \t]*/.exec(doc.lines.lineText(line))![0];

/** The base chain of this file on a hook (the first of them, by priority), of the type given (a filter unless said). */
function baseChain(doc: NftablesDocument, hook: string, type = 'filter'): NftChain | undefined {
  const chains = doc.ruleset.tables.flatMap((t) => (t.dormant ? [] : [...t.chains.values()])).filter((c) => c.base?.hook === hook && c.base.type === type && c.declaredAt.path === doc.path);
  return chains.sort((a, b) => a.base!.priority - b.base!.priority)[0];
}

/** The base forward chain whose table sees the address's family: an inet one, or ip6 for IPv6 and ip for IPv4. */
function forwardChainFor(doc: NftablesDocument, address: string): NftChain | undefined {
  const own = isIpv6Address(address) ? 'ip6' : 'ip';
  const chains = doc.ruleset.tables.flatMap((t) => (t.dormant || (t.family !== 'inet' && t.family !== own) ? [] : [...t.chains.values()])).filter((c) => c.base?.hook === 'forward' && c.base.type === 'filter' && c.declaredAt.path === doc.path);
  return chains.sort((a, b) => a.base!.priority - b.base!.priority)[0];
}

/** A translation statement as the chain's table takes it: an inet table needs the family written (`dnat ip to`). */
const natStatement = (chain: NftChain | undefined, statement: string, target: string) => `${statement}${chain?.table.family === 'inet' ? ' ip' : ''} to ${target}`;

/** A rule added to a chain: before the line given, else after its last rule (or as its first, when it has none). */
function addToChain(doc: NftablesDocument, chain: NftChain | undefined, rule: string, beforeLine?: number): TextEdit | undefined {
  if (!chain) return undefined;
  if (beforeLine !== undefined) return insertLineBefore(beforeLine, `${indentOf(doc, beforeLine)}${rule}`);
  const own = chain.rules.filter((r) => r.where.path === doc.path);
  const last = own.at(-1);
  if (last) {
    const line = last.where.range.end.line;
    return insertLineBefore(line + 1, `${indentOf(doc, last.where.line)}${rule}`);
  }
  if (!chain.closeAt || chain.closeAt.path !== doc.path) return undefined;
  const close = chain.closeAt.range.start;
  const bodyIndent = `${indentOf(doc, chain.declaredAt.line)}\t`;
  // A chain written on one line ("chain input { ... }") gets its rule before the brace, on that line.
  if (close.line === chain.declaredAt.line) return { range: { start: close, end: close }, newText: `${rule}; ` };
  return insertLineBefore(close.line, `${bodyIndent}${rule}`);
}

/** Moves a rule written on lines of its own above `line`. */
function moveRule(doc: NftablesDocument, rule: NftRule, line: number): TextEdit[] | undefined {
  const { start, end } = rule.where.range;
  // Only a rule that is its line, alone: one sharing a line with others (";") or spanning lines stays where it is.
  if (rule.where.path !== doc.path || start.line !== end.line || doc.lines.lineText(start.line).trim() !== rule.text.trim()) return undefined;
  const lineStart = doc.lines.lineStarts[start.line]!;
  const next = doc.lines.lineStarts[start.line + 1] ?? doc.text.length;
  return [insertLineBefore(line, `${indentOf(doc, line)}${rule.text}`), { range: doc.lines.range(lineStart, next), newText: '' }];
}

/** What the host checks ask of an nftables file, written as nft rules in its input or output base chain. */
export function nftablesIntents(doc: NftablesDocument): FirewallIntents {
  return {
    acceptInbound: (ports, placement = {}) => addToChain(doc, baseChain(doc, 'input'), commented(`tcp dport ${portsText(ports)}${placement.established ? ' ct state established' : ''} accept`, placement.comment), placement.beforeLine),
    acceptOutboundFrom: (ports, placement = {}) => addToChain(doc, baseChain(doc, 'output'), commented(`tcp sport ${portsText(ports)} accept`, placement.comment), placement.beforeLine),
    acceptEstablished: (placement = {}) => addToChain(doc, baseChain(doc, 'input'), commented('ct state established,related accept', placement.comment), placement.beforeLine ?? firstRuleLine(baseChain(doc, 'input'), doc)),
    // A router's nat and forward chains, where the file has them: nft adds no chain of its own here.
    forwardTo: (ports, address) => {
      const chain = baseChain(doc, 'prerouting', 'nat');
      return addToChain(doc, chain, `tcp dport ${portsText(ports)} ${natStatement(chain, 'dnat', address)}`);
    },
    masqueradeFrom: (address) => addToChain(doc, baseChain(doc, 'postrouting', 'nat'), `ip saddr ${address} masquerade`),
    forwardAccept: (ports, address, placement = {}) => {
      const family = isIpv6Address(address) ? 'ip6' : 'ip';
      const match = placement.fromAddress ? `${family} saddr ${address} tcp sport` : `${family} daddr ${address} tcp dport`;
      return addToChain(doc, forwardChainFor(doc, address), commented(`${match} ${portsText(ports)} accept`, placement.comment), placement.beforeLine);
    },
    assignFtpHelper({ arrives: port }) {
      // A helper object and a prerouting chain that assigns it, put in before the table's first chain: one edit.
      // The chain runs at priority filter, after dstnat: it sees the port a DNAT or REDIRECT sent the connection to.
      const input = baseChain(doc, 'input');
      if (!input) return undefined;
      const indent = indentOf(doc, input.declaredAt.line);
      const inner = `${indent}\t`;
      const text = [
        `${indent}ct helper ftp-standard {`, `${inner}type "ftp" protocol tcp`, `${indent}}`, '',
        `${indent}chain ftp-helper {`, `${inner}type filter hook prerouting priority filter; policy accept;`, `${inner}tcp dport ${port} ct helper set "ftp-standard"`, `${indent}}`, '',
      ].join('\n');
      return insertLineBefore(input.declaredAt.line, text.replace(/\n$/, ''));
    },
    acceptNeighbourDiscovery(drop, placement = {}) {
      const rule = commented('meta l4proto ipv6-icmp accept', placement.comment);
      const source = drop.rule?.source as NftRule | undefined;
      if (source) return 'reading' in source && source.where.path === doc.path ? addToChain(doc, source.chain, rule, source.where.line) : undefined;
      // A policy: its chain is the one whose policy is written there.
      const chain = doc.ruleset.tables.flatMap((t) => [...t.chains.values()]).find((c) => (c.policyWhere ?? c.declaredAt) === drop.at);
      return chain && chain.declaredAt.path === doc.path ? addToChain(doc, chain, rule) : undefined;
    },
    rewritePorts(rule, ports) {
      const source = rule.source as NftRule | undefined;
      if (!source || !('reading' in source) || source.where.path !== doc.path || ports.ranges.length !== 1) return undefined;
      // The first port range the rule writes ("tcp dport 2222-2225", "{ 21, 40000-40100 }"), found in its text where it is now.
      const found = /\b\d+-\d+\b/.exec(source.text);
      if (!found) return undefined;
      const start = doc.lines.offsetAt(source.where.range.start) + found.index;
      return { range: doc.lines.range(start, start + found[0].length), newText: portsText(ports) };
    },
    moveAbove: (rule, line) => (rule.source && typeof rule.source === 'object' && 'reading' in rule.source ? moveRule(doc, rule.source as NftRule, line) : undefined),
  };
}

function firstRuleLine(chain: NftChain | undefined, doc: NftablesDocument): number | undefined {
  const first = chain?.rules.find((r) => r.where.path === doc.path);
  return first?.where.line;
}
