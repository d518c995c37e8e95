import type { Fix } from '../core/findings.js';
import type { Range } from '../core/text.js';
import { PortSet } from '../engine/port-set.js';
import { ruleMet, type PacketOutcome } from '../engine/walk.js';
import type { Location } from '../languages/iptables/ruleset.js';
import { firewallOf, type HostRule } from './host-rule.js';
import type { HostFirewall } from '../host/host.js';
import { newInbound } from '../engine/constraints.js';
import type { ModelChain, ModelRule } from '../engine/firewall-model.js';
import { serverAnchor } from './anchors.js';

export const acceptShadowed: HostRule = {
  id: 'ftp/accept-shadowed',
  severity: 'warning',
  summary: 'An ACCEPT for FTP ports that an earlier DROP or REJECT makes useless',
  docs: {
    detects: 'A rule accepting FTP\'s control or passive ports that no packet ever reaches, because an earlier rule of the same chain (or a chain it jumps to) drops or rejects those packets first: in iptables files and scripts and in nftables rulesets alike.',
    why: 'The rule looks right, and FTP still fails: order matters, the first matching rule wins. Typically the ACCEPT was appended (`-A`) after a final REJECT.',
    fix: 'Move the ACCEPT above the rule that blocks it (or insert it with `-I`).',
    before: '-A INPUT -j REJECT\n-A INPUT -p tcp --dport 21 -j ACCEPT',
    after: '-A INPUT -p tcp --dport 21 -j ACCEPT\n-A INPUT -j REJECT',
    language: 'text',
  },
  check(context, report) {
    const model = context.paths.firewall;
    if (!model) return;
    for (const path of [context.paths.control, context.paths.passive]) {
      const first = path.outcomes[0];
      if (!first) continue;
      const decided = new Set(first.decisions.map((d) => d.rule));
      for (const chain of model.baseChains('INPUT')) reportShadowedIn(chain, first, path.ports, decided, (found) => {
        const file = firewallOf(context, found.rule.where.path);
        if (file) report({ ...found, fixes: moveFix(file, found.rule, found.above) });
      });
    }
  },
};

/** An ACCEPT a drop before it in the same base chain makes useless, with what it is reported as. */
interface Shadowed { rule: ModelRule; above: Location; file: string; range: Range; message: string; related: Array<{ file: string; range: Range; message: string }> }

/**
 * The ACCEPTs of one base chain that open some of `ports` for the first packet of a connection
 * but decide none of them, because a rule before them (or in a chain a rule before them jumps
 * to) drops those packets for every client.
 */
function reportShadowedIn(chain: ModelChain, first: PacketOutcome, ports: PortSet, decided: ReadonlySet<ModelRule | undefined>, found: (shadowed: Shadowed) => void): void {
  // The rules that drop some of the ports for every client, each with the base chain's rule it
  // stands for (itself, or the jump to its chain) and that rule's place: found once, not again for
  // each ACCEPT, since a chain of thousands of ACCEPTs makes as many decisions.
  const place = new Map(chain.rules.map((rule, index) => [rule, index]));
  const blockers = first.decisions.flatMap((d) => {
    const inChain = ruleMet(d);
    const at = inChain && place.get(inChain);
    return d.verdict === 'drop' && !d.onlyIf && d.rule && at !== undefined && !d.ports.intersect(ports).isEmpty ? [{ rule: d.rule, inChain: inChain!, at }] : [];
  });
  if (blockers.length === 0) return;
  for (const [index, rule] of chain.rules.entries()) {
    if (rule.action.kind !== 'accept' || decided.has(rule)) continue;
    const blocker = blockers.find((b) => b.at < index);
    if (!blocker) continue;
    const match = rule.match(first.packet);
    if (match.definite.union(match.conditional).intersect(ports).isEmpty) continue;
    const dropper = blocker.rule.where, above = blocker.inChain.where;
    // A line of another file (one a script restores) is named with its file.
    const lineOf = (where: Location) => (where.path === rule.where.path ? `line ${where.line + 1}` : `${where.path.split('/').pop()}:${where.line + 1}`);
    const jump = blocker.inChain === blocker.rule ? '' : ` (in ${blocker.rule.chain}, which ${lineOf(above)} jumps to)`;
    found({
      rule, above,
      file: rule.where.path,
      range: rule.where.range,
      message: `This ${rule.actionName ?? 'accept'} never sees FTP packets to ${ports}: the ${blocker.rule.actionName ?? 'drop'} at ${lineOf(dropper)}${jump} drops them first.`,
      related: [{ file: dropper.path, range: dropper.range, message: 'blocks the packets first' }, ...(jump ? [{ file: above.path, range: above.range, message: 'jumps to the rule that blocks them' }] : [])],
    });
  }
}

/** Moving the ACCEPT above the rule the packets meet first, when both are lines of the same file. */
function moveFix(file: HostFirewall, rule: ModelRule, above: Location): Fix[] {
  const moved = above.path === file.path ? file.doc.intents.moveAbove(rule, above.line) : undefined;
  return moved ? [{ title: `Move this rule above line ${above.line + 1}`, edits: { [file.path]: moved }, safe: false, preferred: true }] : [];
}

export const inputAcceptsEverything: HostRule = {
  id: 'ftp/input-accepts-everything',
  severity: 'warning',
  summary: 'INPUT accepts everything: its policy is ACCEPT and no rule drops the rest',
  docs: {
    detects: 'A filter INPUT chain with policy ACCEPT and no final catch-all DROP or REJECT rule.',
    why: 'FTP works, but so does every other service on the host: the firewall protects nothing. Often the DROP policy line was lost.',
    fix: 'Set `:INPUT DROP` (or `-P INPUT DROP`) after accepting what should pass, or end INPUT with a REJECT rule.',
    before: ':INPUT ACCEPT [0:0]\n-A INPUT -p tcp --dport 21 -j ACCEPT',
    after: ':INPUT DROP [0:0]\n-A INPUT -p tcp --dport 21 -j ACCEPT',
    language: 'text',
  },
  check(context, report) {
    const model = context.paths.firewall;
    // The base chains some file wrote a policy or a rule into (an iptables table nothing was loaded into has none).
    const chains = model?.baseChains('INPUT').filter((c) => c.policyWhere?.path || c.rules.length) ?? [];
    if (chains.length === 0 || !context.firewall || chains.some((c) => c.policy === 'drop')) return;
    // A rule that drops every new connection, whoever makes it, closes what the rules before it left open.
    const packet = newInbound(model!.family);
    const dropsTheRest = (rule: ModelRule) => rule.action.kind === 'drop' && rule.match(packet).definite.equals(PortSet.ALL);
    if (chains.some((c) => c.rules.some(dropsTheRest))) return;
    // Named where a rule to drop the rest belongs: the filter chain, not a mangle chain beside it.
    const chain = chains.find((c) => !c.acceptsAddedElsewhere) ?? chains[0];
    const where = chain!.policyWhere?.path ? chain!.policyWhere : chain!.rules[0]!.where;
    const subject = chain!.policyDescription ? `${chain!.policyDescription[0]!.toUpperCase()}${chain!.policyDescription.slice(1)} lets in what no rule decided, and no rule drops the rest` : 'INPUT\'s policy is ACCEPT and no rule drops what the rules before did not accept';
    report({ file: where!.path, range: where!.range, message: `${subject}: every port of this host is open, not only FTP's.` });
  },
};

export const noFirewall: HostRule = {
  id: 'ftp/no-firewall',
  severity: 'information',
  summary: 'A host with vsftpd.conf but no firewall file',
  docs: {
    detects: 'A host (folder) whose vsftpd.conf has no iptables file or firewall script beside it.',
    why: 'ftpwall cannot say whether FTP gets through without the firewall; if the host really has no firewall, every port is open.',
    fix: 'Add the host\'s firewall file (for example etc/sysconfig/iptables or etc/iptables/rules.v4), or list it in .ftpwall.json.',
    before: 'etc/vsftpd.conf',
    after: 'etc/vsftpd.conf\netc/iptables/rules.v4',
    language: 'text',
  },
  check(context, report) {
    if (context.firewall || context.host.server.path === undefined) return;
    const anchor = serverAnchor(context);
    const unstarted = context.host.notStarted.length > 0;
    const message = unstarted ? 'This host loads none of its firewall files at boot (see firewall/not-started-at-boot), so ftpwall cannot tell whether FTP gets through.'
      : 'This host has no firewall file (iptables-save file or firewall script), so ftpwall cannot tell whether FTP gets through.';
    if (anchor) report({ ...anchor, message });
  },
};

export const ipv6WithoutRules: HostRule = {
  id: 'ftp/ipv6-without-rules',
  severity: 'warning',
  summary: 'vsftpd listens on IPv6 but the host has no IPv6 firewall rules',
  docs: {
    detects: 'listen_ipv6=YES on a host with IPv4 rules (rules.v4, iptables) but no IPv6 ones (rules.v6, ip6tables, ip6tables commands).',
    why: 'IPv6 clients meet whatever the ip6tables policy is: often everything open, sometimes everything closed; either way not what the IPv4 rules say.',
    fix: 'Add the matching ip6tables rules (rules.v6 or /etc/sysconfig/ip6tables).',
    before: 'listen_ipv6=YES\n# only rules.v4',
    after: 'listen_ipv6=YES\n# rules.v4 and rules.v6',
    language: 'text',
  },
  check(context, report) {
    if (!context.paths.server.ipv6 || !context.firewall) return;
    if (context.host.firewalls.some((f) => f.doc.model('ipv6'))) return;
    const anchor = serverAnchor(context, 'ipv6');
    const { server } = context.paths;
    if (anchor) report({ ...anchor, message: `${server.server} listens on IPv6 (${server.wording.ipv6On}), but this host has IPv4 firewall rules only; IPv6 clients are not covered by them.` });
  },
};
