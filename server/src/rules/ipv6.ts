import type { Fix } from '../core/findings.js';
import { writerFor } from '../engine/firewall-file.js';
import { decidedAt, droppedBeyondFix } from '../engine/walk.js';
import type { PathName } from '../engine/paths.js';
import { PATH_FACTS, pathsClientsUse, serverAnchor } from './anchors.js';
import type { HostContext, HostRule } from './host-rule.js';
import { neighbourDiscoveryEdit } from './neighbour-discovery-fix.js';

/** The rule that opens the path in the host's IPv6 firewall file, in its own syntax. */
function openFix(context: HostContext, name: PathName): Fix | undefined {
  const firewall = context.host.firewalls.find((f) => f.doc.model('ipv6'));
  const path = context.paths.ipv6?.[name];
  // Accepting the path's ports would not help where neighbour discovery is what is dropped.
  if (!firewall || !path || path.byNeighbourDiscovery || droppedBeyondFix(path.outcomes)) return undefined;
  // The file that holds the IPv6 rules: user6.rules beside ufw's user.rules, a script's ip6tables commands.
  const target = writerFor(firewall, 'ipv6');
  if (!target) return undefined;
  // Before the rule that drops it, when this file wrote one.
  const blocker = path.outcomes.flatMap((o) => o.decisions).find((d) => d.verdict === 'drop' && !d.onlyIf && d.rule && decidedAt(d)!.path === target.path);
  const before = blocker ? { beforeLine: decidedAt(blocker)!.line } : {};
  const edit = name === 'active' ? target.intents.acceptOutboundFrom(path.ports, { comment: 'ftpwall: FTP active data over IPv6', ...before }) : target.intents.acceptInbound(path.ports, { comment: `ftpwall: FTP ${name} over IPv6`, ...before });
  const file = target.path.split('/').pop();
  const what = { control: `the control port ${path.ports}`, passive: `the passive ports ${path.ports}`, active: `active data from ${path.ports}` }[name];
  return edit ? { title: `Accept ${what} over IPv6 in ${file}`, edits: { [target.path]: [edit] }, safe: false, preferred: true } : undefined;
}

/** Where neighbour discovery is what the IPv6 rules drop: accepting ICMPv6 there, in the file that drops it. */
function neighbourDiscoveryFix(context: HostContext): Fix | undefined {
  const found = neighbourDiscoveryEdit(context.host);
  return found && { title: `${found.title} in ${found.path.split('/').pop()}`, edits: { [found.path]: [found.edit] }, safe: false, preferred: true };
}

export const ipv6Blocked: HostRule = {
  id: 'ftp/ipv6-blocked',
  severity: 'warning',
  summary: 'The server listens on IPv6, and the host\'s IPv6 rules block an FTP connection',
  docs: {
    detects: 'A server that listens on IPv6 (vsftpd\'s listen_ipv6=YES, ProFTPD\'s UseIPv6, Pure-FTPd without IPV4Only) whose control, passive or active connection the host\'s IPv6 rules (rules.v6, ip6tables, nft ip6 and inet tables) block.',
    why: 'IPv6 clients meet other rules than IPv4 ones: a passive range opened in rules.v4 and forgotten in rules.v6 works for some users and hangs for the others, depending on their network.',
    fix: 'Open the same ports in the IPv6 rules as in the IPv4 ones. Where the rules drop neighbour discovery (ICMPv6, left untracked by conntrack, so an ESTABLISHED,RELATED accept does not take it), accept ICMPv6 before the drop first: until neighbours can find the server, no port opened helps. Allowing ping alone (echo-request, echo-reply) is not enough: discovery is ICMPv6 types 133 to 137 (router and neighbour solicitation and advertisement, redirect), and a rule that drops all of ICMPv6 to stop ping drops them too.',
    before: '# rules.v6\n-A INPUT -p tcp --dport 21 -j ACCEPT',
    after: '# rules.v6\n-A INPUT -p tcp --dport 21 -j ACCEPT\n-A INPUT -p tcp --dport 40000:40100 -j ACCEPT',
    language: 'text',
  },
  check(context, report) {
    const ipv6 = context.paths.ipv6;
    if (!ipv6) return;
    // Where neighbour discovery is dropped it blocks every path, and the one fix is the same for all.
    const discoveryFix = [ipv6.control, ipv6.passive, ipv6.active].some((p) => p.byNeighbourDiscovery) ? neighbourDiscoveryFix(context) : undefined;
    for (const name of pathsClientsUse(context)) {
      const path = ipv6[name];
      // The control connection over IPv6 is placed on the line that turns IPv6 on.
      const anchor = path.verdict === 'blocked' && !path.refusedByServer ? serverAnchor(context, ...(name === 'control' ? ['ipv6' as const] : []), ...PATH_FACTS[name]) : undefined;
      if (!anchor) continue;
      const fix = path.byNeighbourDiscovery ? discoveryFix : openFix(context, name);
      report({
        ...anchor,
        message: `Over IPv6, ${name === 'control' ? 'the control connection is' : `${name} data connections are`} blocked: ${path.reason}`,
        related: path.deciding.map((d) => ({ file: d.path, range: d.range, message: 'blocks it over IPv6' })),
        fixes: fix ? [fix] : [],
      });
    }
  },
};
