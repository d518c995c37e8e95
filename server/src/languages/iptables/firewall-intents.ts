import type { TextEdit } from '../../core/findings.js';
import { isIpv6Address } from '../../engine/client-side.js';
import type { PortSet } from '../../engine/port-set.js';
import type { AddressFamily } from './syntax.js';
import type { FirewallDocument } from './document.js';
import { insertLineAfter, insertLineBefore } from './edits.js';
import type { RestoreDocument } from './restore-document.js';
import type { FirewallIntents } from '../../engine/firewall-file.js';
import { isIptablesRule } from './ruleset.js';
import { appendPlace } from './script-append-place.js';
import type { ScriptDocument } from './script-document.js';


const isRestore = (doc: FirewallDocument): doc is RestoreDocument => 'blocks' in doc;
const isScript = (doc: FirewallDocument): doc is ScriptDocument => 'source' in doc && 'style' in doc;

/** A port set as iptables (and ufw) writes it: "21", "40000:40100" (one range). */
export const portArgument = (ports: PortSet) => { const [low, high] = ports.ranges[0]!; return low === high ? `${low}` : `${low}:${high}`; };
export const commented = (args: string, comment: string | undefined) => (comment ? args.replace(/ -j /, ` -m comment --comment "${comment}" -j `) : args);

/** The intents of an iptables restore file or firewall script, for the rules of `family` (a script may hold ip6tables commands too). */
export function iptablesIntents(doc: FirewallDocument, family: AddressFamily = doc.family): FirewallIntents {
  const add = (table: string, chain: string, args: string, beforeLine?: number) => addRule(doc, family, table, chain, args, beforeLine);
  return {
    // A restore file holds one family's rules; a script writes either with its own command.
    inFamily: (wanted) => (isScript(doc) ? { path: doc.path, intents: iptablesIntents(doc, wanted) } : wanted === doc.family ? { path: doc.path, intents: iptablesIntents(doc) } : undefined),
    acceptInbound: (ports, placement = {}) => ports.ranges.length !== 1 ? undefined
      : add('filter', 'INPUT', commented(`-p tcp --dport ${portArgument(ports)}${placement.established ? ' -m state --state ESTABLISHED' : ''} -j ACCEPT`, placement.comment), placement.beforeLine),
    acceptOutboundFrom: (ports, placement = {}) => ports.ranges.length !== 1 ? undefined
      : add('filter', 'OUTPUT', commented(`-p tcp --sport ${portArgument(ports)} -j ACCEPT`, placement.comment), placement.beforeLine),
    acceptEstablished: (placement = {}) => add('filter', 'INPUT', commented('-m state --state ESTABLISHED,RELATED -j ACCEPT', placement.comment), placement.beforeLine),
    // The raw table runs before NAT: it sees the port the client connected to.
    assignFtpHelper: ({ connect }) => add('raw', 'PREROUTING', `-p tcp --dport ${connect} -j CT --helper ftp`),
    forwardTo: (ports, address) => (ports.ranges.length !== 1 ? undefined : add('nat', 'PREROUTING', `-p tcp --dport ${portArgument(ports)} -j DNAT --to-destination ${address}`)),
    masqueradeFrom: (address) => add('nat', 'POSTROUTING', `-s ${address} -j MASQUERADE`),
    // A file of the address's own family: rules.v6 takes an IPv6 server's accept, rules.v4 an IPv4 one's.
    forwardAccept: (ports, address, placement = {}) => (ports.ranges.length !== 1 || isIpv6Address(address) !== (family === 'ipv6') ? undefined
      : add('filter', 'FORWARD', commented(placement.fromAddress ? `-s ${address} -p tcp --sport ${portArgument(ports)} -j ACCEPT` : `-d ${address} -p tcp --dport ${portArgument(ports)} -j ACCEPT`, placement.comment), placement.beforeLine)),
    acceptNeighbourDiscovery(drop, placement = {}) {
      if (family !== 'ipv6') return undefined;
      const args = commented('-p ipv6-icmp -j ACCEPT', placement.comment);
      if (!drop.rule) return drop.at?.path === doc.path ? add('filter', drop.chain, args) : undefined;
      // Just before the rule, in its chain: an -I rule is not where its line puts it.
      const { rule } = drop;
      return isIptablesRule(rule) && rule.where.path === doc.path && rule.meaning.letter === 'A' ? add('filter', rule.chain, args, rule.where.line) : undefined;
    },
    rewritePorts(rule, ports) {
      if (!isIptablesRule(rule) || rule.where.path !== doc.path || ports.ranges.length !== 1) return undefined;
      // The word that holds the rule's range ("--dport 2222:2225", "--dports 20,21,40000:40100").
      const word = rule.parsed.words.find((w) => /\d+:\d*/.test(w.value));
      return word && { range: word.range, newText: word.value.replace(/\d+:\d*/, portArgument(ports)) };
    },
    moveAbove(rule, line) {
      // A restore file's rule is one line of its own; a script's may be built by a loop or a function.
      if (!isRestore(doc) || !isIptablesRule(rule) || rule.where.path !== doc.path) return undefined;
      const moved = add('filter', rule.chain, rule.parsed.words.slice(2).map((w) => w.raw).join(' '), line);
      return moved && [moved, deleteLine(doc, rule.where.line)];
    },
  };
}

/** The command a script uses to call iptables or ip6tables ("$IPT", "/sbin/ip6tables"), so added lines look like the rest. */
function scriptCommand(doc: ScriptDocument, family: AddressFamily): string {
  const own = doc.style.get(family);
  // Written alike for both families ("$ipt" in a loop over both), it names neither where the line is added.
  return own && own !== doc.style.get(family === 'ipv4' ? 'ipv6' : 'ipv4') ? own : family === 'ipv6' ? 'ip6tables' : 'iptables';
}

/**
 * An edit that adds `-A CHAIN ARGS` (in `table`) to a firewall file in its own style: before the
 * rule at `beforeLine` when given, else at the end of the chain's table block (restore files) or
 * after the script's top-level statement that runs its last command of the family (see
 * appendPlace); a missing `*raw` block is created.
 */
function addRule(doc: FirewallDocument, family: AddressFamily, table: string, chain: string, args: string, beforeLine?: number): TextEdit | undefined {
  if (isRestore(doc)) {
    const line = `-A ${chain} ${args}`;
    if (beforeLine !== undefined) return insertLineBefore(beforeLine, line);
    const block = [...doc.blocks].reverse().find((b) => b.table.value === table);
    if (block) return block.commitLine !== undefined ? insertLineBefore(block.commitLine, line) : insertLineAfter(doc.lines, block.endLine, line);
    const first = doc.blocks[0];
    return insertLineBefore(first ? first.start : 0, `*${table}\n${line}\nCOMMIT`);
  }
  if (isScript(doc)) {
    const command = `${scriptCommand(doc, family)}${table === 'filter' ? '' : ` -t ${table}`} -A ${chain} ${args}`;
    if (beforeLine !== undefined) {
      const indent = /^[ \t]*/.exec(doc.lines.lineText(beforeLine))![0];
      return insertLineBefore(beforeLine, `${indent}${command}`);
    }
    // A script that stops early (set -e) never reaches lines after the stop: the rule goes before it.
    const stop = doc.variants.list[0]?.stopped;
    if (stop && stop.path === doc.path) return insertLineBefore(stop.line, `${/^[ \t]*/.exec(doc.lines.lineText(stop.line))![0]}${command}`);
    const place = appendPlace(doc, family);
    return place ? insertLineAfter(doc.lines, place.line, `${place.indent}${command}`) : insertLineAfter(doc.lines, Math.max(0, doc.lines.lineCount - 2), command);
  }
  return undefined;
}

/** Removes a whole line (to move a rule elsewhere). */
function deleteLine(doc: FirewallDocument, line: number): TextEdit {
  const start = doc.lines.lineStarts[line]!;
  const next = doc.lines.lineStarts[line + 1] ?? doc.text.length;
  return { range: doc.lines.range(start, next), newText: '' };
}
