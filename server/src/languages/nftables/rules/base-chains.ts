import { newInbound } from '../../../engine/constraints.js';
import type { FirewallModel, ModelChain } from '../../../engine/firewall-model.js';
import { evaluate } from '../../../engine/walk.js';
import { ftpHelperSetBy, type NftRule } from '../ruleset.js';
import type { NftablesCheck } from './problems.js';

/** The firewall as if `chain` were the only base chain of its hook: what it alone decides. */
const alone = (model: FirewallModel, chain: ModelChain): FirewallModel => ({ ...model, baseChains: () => [chain] });

const describe = (chain: ModelChain) => chain.policyDescription?.replace(/^the policy \w+ of /, '') ?? chain.name;

export const acceptOverridden: NftablesCheck = {
  id: 'nftables/accept-overridden',
  severity: 'warning',
  summary: 'An accept that another base chain on the same hook drops anyway',
  docs: {
    detects: 'A rule that accepts new connections to some ports in one base chain, while another base chain on the same hook (another table, or another priority) drops those ports.',
    why: 'An accept ends only the base chain it is in: the packet goes on to every other base chain of the hook, and a drop there is final. The FTP port looks open in one table and is closed by the other.',
    fix: 'Accept the ports in the other base chain too (or remove the chain that drops them).',
    before: 'table inet a { chain input { type filter hook input priority 0; tcp dport 21 accept; } }\ntable inet b { chain input { type filter hook input priority 10; policy drop; } }',
    after: 'table inet a { chain input { type filter hook input priority 0; tcp dport 21 accept; } }\ntable inet b { chain input { type filter hook input priority 10; policy drop; tcp dport 21 accept; } }',
    language: 'nftables',
  },
  check(doc, report) {
    // An inet table's chains are on both families' hooks: each rule is reported once.
    const reported = new Set<NftRule>();
    for (const family of ['ipv4', 'ipv6'] as const) {
      const model = doc.model(family);
      const chains = model?.baseChains('INPUT') ?? [];
      if (!model || chains.length < 2) continue;
      const packet = newInbound(family);
      for (const chain of chains) {
        for (const rule of chain.rules) {
          const source = rule.source as NftRule;
          if (rule.action.kind !== 'accept' || source.where.path !== doc.path || reported.has(source)) continue;
          const match = rule.match(packet);
          const ports = match.definite.union(match.conditional);
          if (ports.isEmpty) continue;
          for (const other of chains) {
            if (other === chain) continue;
            const dropped = evaluate(alone(model, other), packet, ports).blocked;
            if (dropped.isEmpty) continue;
            reported.add(source);
            report({ range: source.where.range, message: `This accept ends only ${describe(chain)}; ${describe(other)} drops new connections to port${dropped.size === 1 ? '' : 's'} ${dropped} anyway, and a packet must pass every base chain of its hook.` });
            break;
          }
        }
      }
    }
  },
};

export const helperTooLate: NftablesCheck = {
  id: 'nftables/helper-too-late',
  severity: 'warning',
  summary: 'The FTP helper assigned where an incoming control connection never passes',
  docs: {
    detects: 'A `ct helper set` of an FTP helper object in a base chain on the output, postrouting or forward hook.',
    why: "A helper is taken only on a connection's first packet, before the connection is confirmed. The first packet of a control connection to this server passes prerouting and input, never output or postrouting: the helper is never assigned to it, and passive and active data connections are not RELATED.",
    fix: 'Assign the helper in a prerouting or input chain.',
    before: 'chain post {\n\ttype filter hook postrouting priority filter;\n\ttcp dport 21 ct helper set "ftp-standard"\n}',
    after: 'chain pre {\n\ttype filter hook prerouting priority filter;\n\ttcp dport 21 ct helper set "ftp-standard"\n}',
    language: 'nftables',
  },
  check(doc, report) {
    for (const table of doc.ruleset.tables) {
      for (const chain of table.chains.values()) {
        const hook = chain.base?.hook;
        if (!hook || !['output', 'postrouting', 'forward'].includes(hook)) continue;
        for (const rule of chain.rules) {
          if (!ftpHelperSetBy(rule) || rule.where.path !== doc.path) continue;
          report({ range: rule.where.range, message: `Chain ${chain.name} runs on the ${hook} hook: the first packet of a control connection to this server never passes there, so the FTP helper is never assigned to it. Assign it in a prerouting or input chain.` });
        }
      }
    }
  },
};
