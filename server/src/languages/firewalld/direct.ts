import type { FirewallModel } from '../../engine/firewall-model.js';
import { iptablesModel } from '../iptables/firewall-model.js';
import { readRestoreDocument } from '../iptables/restore-document.js';
import type { Location } from '../iptables/ruleset.js';
import type { AddressFamily } from '../iptables/syntax.js';
import type { DirectFile } from './document.js';

/**
 * direct.xml's rules as the iptables rules firewalld hands them to (with its nftables backend,
 * iptables-nft's own tables, whose base chains run beside firewalld's: an ACCEPT there ends only
 * its own chain, firewalld's zone chains still judge the packet). Each rule is shown at its
 * element. A rule iptables refuses makes what it would do unknown.
 */
export function directModel(direct: DirectFile, family: AddressFamily): FirewallModel | undefined {
  return readDirect(direct, family)?.model;
}

/** What iptables refuses among direct.xml's rules for `family`, at their elements, in its words. */
export function directRefusals(direct: DirectFile, family: AddressFamily): Array<{ where: Location; message: string }> {
  return readDirect(direct, family)?.refusals ?? [];
}

function readDirect(direct: DirectFile, family: AddressFamily): { model: FirewallModel; refusals: Array<{ where: Location; message: string }> } | undefined {
  const ipv = family === 'ipv6' ? 'ipv6' : 'ipv4';
  const byTable = new Map<string, Array<{ line: string; where: Location }>>();
  const add = (table: string, line: string, where: Location) => { let lines = byTable.get(table); if (!lines) byTable.set(table, lines = []); lines.push({ line, where }); };
  for (const chain of direct.chains) if (chain.ipv === ipv) add(chain.table, `:${chain.chain} - [0:0]`, chain.where);
  // Rules of a chain in the order of their priorities, ties in the order written.
  const rules = direct.rules.filter((r) => r.ipv === ipv).map((r, n) => ({ r, n })).sort((a, b) => a.r.priority - b.r.priority || a.n - b.n);
  for (const { r } of rules) add(r.table, `-A ${r.chain} ${r.args}`, r.where);
  for (const p of direct.passthroughs.filter((x) => x.ipv === ipv)) {
    const table = /(?:^|\s)(?:-t|--table)\s+(\S+)/.exec(p.args)?.[1] ?? 'filter';
    add(table, p.args.replace(/(?:^|\s)(?:-t|--table)\s+\S+/, '').trim(), p.where);
  }
  if (byTable.size === 0) return undefined;
  const text: string[] = [];
  const origins: Location[] = [];
  for (const [table, lines] of byTable) {
    text.push(`*${table}`); origins.push(lines[0]!.where);
    // Chain lines first, as the restore format wants them before the rules.
    for (const entry of [...lines.filter((l) => l.line.startsWith(':')), ...lines.filter((l) => !l.line.startsWith(':'))]) { text.push(entry.line); origins.push(entry.where); }
    text.push('COMMIT'); origins.push(lines[0]!.where);
  }
  const doc = readRestoreDocument(text.join('\n') + '\n', '<firewalld direct>', family);
  const ruleset = doc.rulesets[0]!;
  const at = (line: number) => origins[line] ?? origins[0]!;
  for (const chains of ruleset.tables.values()) {
    for (const chain of chains.values()) {
      for (const rule of chain.rules) Object.defineProperty(rule, 'where', { value: at(rule.where.line) });
      if (chain.declaredAt) chain.declaredAt = at(chain.declaredAt.line);
    }
  }
  const refusals = [
    ...doc.commands.filter((c) => c.problems.length > 0).map((c) => ({ where: at(c.commandLine.line), message: c.problems[0]!.message })),
    ...ruleset.problems.map((p) => ({ where: at(p.word.range.start.line), message: p.message })),
    ...doc.structure.map((p) => ({ where: at(p.range.start.line), message: p.message })),
  ];
  const model = iptablesModel(ruleset);
  if (refusals.length === 0) return { model, refusals };
  const unknowns = refusals.map((r) => ({ why: 'what firewalld makes of a direct rule iptables refuses', where: r.where }));
  return { model: { ...model, unknowns }, refusals };
}
