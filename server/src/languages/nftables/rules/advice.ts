import { fixOf, replace } from '../../iptables/edits.js';
import type { NftablesDocument } from '../document.js';
import type { NftChain, NftRule } from '../ruleset.js';
import type { NftablesCheck } from './problems.js';

/**
 * The rules of a chain with something to note about what nft does with their values when it
 * loads them (a host name or an interface looked up, a number read in octal): few or none. Kept
 * with the chain for the version of its rules, so that after an edit read in place only the
 * edited chain is looked through again.
 */
const notedRulesOfChain = new WeakMap<NftChain, { version: number; rules: readonly NftRule[] }>();

/** The rules this file writes that have such a note (an include brings in rules of other files, which are judged with them). */
export function ownNotedRules(doc: NftablesDocument): NftRule[] {
  const own: NftRule[] = [];
  for (const table of doc.ruleset.tables) {
    for (const chain of table.chains.values()) {
      let kept = notedRulesOfChain.get(chain);
      if (!kept || kept.version !== (chain.version ?? 0)) {
        kept = { version: chain.version ?? 0, rules: chain.rules.filter((r) => r.hostnames.length > 0 || r.interfacesByIndex.length > 0 || r.octalNumbers.length > 0) };
        notedRulesOfChain.set(chain, kept);
      }
      for (const rule of kept.rules) if (rule.where.path === doc.path) own.push(rule);
    }
  }
  return own;
}

export const unreachableRule: NftablesCheck = {
  id: 'nftables/unreachable-rule',
  severity: 'warning',
  summary: 'A rule after one that decides every packet: no packet reaches it',
  docs: {
    detects: 'A rule in a chain after a rule with no match and a verdict that ends the chain (`accept`, `drop`, `reject`, `return`, `goto`).',
    why: 'nft loads it, but no packet ever reaches it: an FTP rule put after a catch-all `drop` does nothing.',
    fix: 'Move the rule above the catch-all one.',
    before: 'chain input {\n\ttype filter hook input priority filter;\n\tdrop\n\ttcp dport 21 accept\n}',
    after: 'chain input {\n\ttype filter hook input priority filter;\n\ttcp dport 21 accept\n\tdrop\n}',
    language: 'nftables',
  },
  check(doc, report) {
    for (const chain of doc.ruleset.tables.flatMap((t) => [...t.chains.values()])) {
      const catchAll = chain.rules.find((r) => r.reading.problems.length === 0 && r.reading.conditions.length === 0 && !r.reading.verdictMap && ['accept', 'drop', 'return', 'goto', 'elsewhere'].includes(r.reading.verdict?.kind ?? ''));
      if (!catchAll) continue;
      for (const rule of chain.rules.slice(chain.rules.indexOf(catchAll) + 1)) {
        if (rule.where.path !== doc.path) continue;
        report({ range: rule.where.range, message: `No packet reaches this rule: "${catchAll.text}" (line ${catchAll.where.line + 1}) decides every packet of chain ${chain.name} before it.`, unnecessary: true });
      }
    }
  },
};

export const interfaceByIndex: NftablesCheck = {
  id: 'nftables/iif-needs-interface',
  severity: 'warning',
  summary: '`iif`/`oif` name an interface that must exist when the rules are loaded',
  docs: {
    detects: 'An `iif` or `oif` match (other than `lo`): nft turns the name into the interface\'s index when it loads the rules.',
    why: 'If the interface does not exist yet at boot (a VPN, a bridge, a VLAN, a USB adapter) nft refuses the whole file ("Interface does not exist"); if it is re-created later, its new index no longer matches.',
    fix: 'Use `iifname`/`oifname`, which compare the name on each packet.',
    before: 'iif eth1 tcp dport 21 accept',
    after: 'iifname "eth1" tcp dport 21 accept',
    language: 'nftables',
  },
  check(doc, report) {
    for (const rule of ownNotedRules(doc)) {
      for (const use of rule.interfacesByIndex) {
        const range = use.where.range;
        const name = use.name.startsWith('"') ? use.name : `"${use.name}"`;
        const written = doc.text.slice(doc.lines.offsetAt(range.start), doc.lines.offsetAt(range.end));
        const operator = /^\S+\s+((?:[!=]=|!)\s*)?/.exec(written)?.[1] ?? '';
        const fix = fixOf(doc.path, `Use ${use.keyword}name, which does not need the interface at load time`, [replace(range, `${use.keyword}name ${operator}${name}`)], true, true);
        report({ range, message: `nft looks ${use.name} up when it loads the rules: if the interface does not exist then, the whole file is refused ("Interface does not exist"). iifname/oifname compare the name instead.`, fixes: [fix] });
      }
    }
  },
};

export const helperNotAssigned: NftablesCheck = {
  id: 'nftables/helper-not-assigned',
  severity: 'warning',
  summary: 'An FTP helper object that no rule assigns',
  docs: {
    detects: 'A `ct helper` object of type "ftp" that no `ct helper set` rule names.',
    why: 'Declaring the helper does nothing by itself: since kernel 4.7 a helper works only on connections a rule assigns it to, so passive and active data connections are not RELATED.',
    fix: 'Assign it to the control connection in a prerouting or input chain.',
    before: 'ct helper ftp-standard {\n\ttype "ftp" protocol tcp\n}',
    after: 'ct helper ftp-standard {\n\ttype "ftp" protocol tcp\n}\nchain pre {\n\ttype filter hook prerouting priority filter;\n\ttcp dport 21 ct helper set "ftp-standard"\n}',
    language: 'nftables',
  },
  check(doc, report) {
    for (const table of doc.ruleset.tables) {
      const helpers = [...table.helpers.values()].filter((h) => h.helperType === 'ftp' && h.declaredAt.path === doc.path);
      if (helpers.length === 0) continue;
      const assigned = new Set<string>();
      for (const chain of table.chains.values()) {
        for (const rule of chain.rules) {
          const name = rule.reading.helperSet;
          if (name) assigned.add(name.kind === 'string' ? name.image.slice(1, -1) : name.image);
        }
      }
      for (const helper of helpers) {
        if (assigned.has(helper.name)) continue;
        report({ range: helper.declaredAt.range, message: `No rule assigns the helper "${helper.name}" (ct helper set "${helper.name}"): it does nothing, and FTP data connections are not RELATED.` });
      }
    }
  },
};

export const nftHostname: NftablesCheck = {
  id: 'nftables/hostname-in-rule',
  severity: 'warning',
  summary: 'A host name in a rule, resolved once when the rules are loaded',
  docs: {
    detects: 'An `ip saddr`/`ip daddr` (or ip6) that names a host instead of an address.',
    why: 'nft looks the name up once, at load time: if DNS does not answer then (at boot, often) the whole file is refused, and later address changes are never seen.',
    fix: 'Write the address (or network).',
    before: 'ip saddr backup.example.org tcp dport 21 accept',
    after: 'ip saddr 192.0.2.10 tcp dport 21 accept',
    language: 'nftables',
  },
  check(doc, report) {
    for (const rule of ownNotedRules(doc)) {
      for (const host of rule.hostnames) report({ range: host.where.range, message: `"${host.name}" is resolved by DNS once, when the rules are loaded; if DNS does not answer then, the whole file is refused.` });
    }
  },
};
