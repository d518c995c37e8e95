import type { Fix, TextEdit } from '../core/findings.js';
import { writerFor, type EditIntent } from '../engine/firewall-file.js';
import { decidedAt, droppedBeyondFix } from '../engine/walk.js';
import { isIpv6Address } from '../engine/client-side.js';
import type { AddressFamily } from '../languages/iptables/syntax.js';
import type { GatewayHop } from '../engine/gateway-paths.js';
import { PASSIVE_CLIENTS, type PassiveClient, type PathName } from '../engine/paths.js';
import { PATH_FACTS, pathsClientsUse, serverAnchor } from './anchors.js';
import type { HostContext, HostRule } from './host-rule.js';
import { neighbourDiscoveryEdit } from './neighbour-discovery-fix.js';

/** The kinds of passive clients a gateway stops, where it stops only some. */
function stoppedClients(hop: GatewayHop): PassiveClient[] {
  const byClient = hop.passive.byClient;
  return byClient ? (Object.keys(byClient) as PassiveClient[]).filter((k) => byClient[k] === 'blocked') : [];
}

/**
 * The fixes for a path a gateway stops over one family: its FTP helper assigned where it
 * translates the control connection, what it lacks added to its firewall of that family, and the
 * public address announced.
 */
function fixesFor(context: HostContext, hop: GatewayHop, name: PathName, family: AddressFamily): Fix[] {
  const fixes: Fix[] = [];
  const gateway = context.host.gateways?.find((g) => g.folder === hop.folder)?.host;
  // Until the server's neighbours can find the router, nothing opened in it helps: the one fix is accepting ICMPv6 before its drop.
  if (hop[name].byNeighbourDiscovery) {
    const found = gateway && neighbourDiscoveryEdit(gateway);
    return found ? [{ title: `${found.title} on gateway ${hop.folder} (${found.path.split('/').pop()})`, edits: { [found.path]: [found.edit] }, safe: false, preferred: true }] : [];
  }
  const found = gateway?.firewalls.find((f) => f.doc.model(family));
  // Where the gateway keeps each family's rules apart (a script's ip6tables commands), the edits are that family's.
  const firewall = found && writerFor(found, family);
  /** A fix on the gateway: the edit, in the file it goes into; preferred when it is the first. */
  const onGateway = (intent: EditIntent, edit: TextEdit | undefined, title: string): Fix | undefined => {
    if (!firewall || !edit) return undefined;
    const file = firewall.intents.fileOf?.(intent) ?? firewall.path;
    // A file the gateway does not have yet (firewalld's policy for a FORWARD accept) is created by the fix.
    const creates = gateway?.files.includes(file) ? {} : { creates: [file] };
    return { title: `${title} on gateway ${hop.folder} (${file.split('/').pop()})`, edits: { [file]: [edit] }, ...creates, safe: false, preferred: fixes.length === 0 };
  };
  const missing = hop.helper?.missing;
  if (name !== 'control' && hop.translates && firewall && hop.controlPorts && (missing === 'assignment' || missing === 'ports')) {
    const fix = onGateway('assign-helper', firewall.intents.assignFtpHelper(hop.controlPorts), `Assign the FTP helper to port ${hop.controlPorts.connect}`);
    if (fix) fixes.push(fix);
  }
  // What the gateway lacks, added in its firewall's own syntax, for the server's first address of the family.
  const server = context.host.config.addresses.find((a) => isIpv6Address(a) === (family === 'ipv6'));
  if (firewall && server && name === 'passive' && hop.lacks?.forwarding) {
    const fix = onGateway('forward-to', firewall.intents.forwardTo?.(hop.lacks.forwarding, server), `Forward passive ports ${hop.lacks.forwarding} to ${server}`);
    if (fix) fixes.push(fix);
  }
  // Forwarded but dropped in FORWARD: the rule that lets new connections to the server's ports through, before the drop.
  // Dropped by a rule of the file (the accept goes before it) or by the chain's policy (at the chain's end).
  const drop = hop[name].outcomes.flatMap((o) => o.decisions).find((d) => d.verdict === 'drop' && !d.onlyIf);
  const before = drop?.rule && decidedAt(drop)?.path === firewall?.path ? { beforeLine: decidedAt(drop)!.line } : {};
  // The server's active data starts from one port only where the server fixes it (vsftpd's connect_from_port_20); any port is too wide to open.
  const fromServer = name === 'active';
  if (firewall && server && drop && !droppedBeyondFix(hop[name].outcomes) && hop[name].verdict === 'blocked' && (fromServer ? hop.active.ports.size === 1 : !hop.lacks?.forwarding)) {
    const edit = firewall.intents.forwardAccept?.(hop[name].ports, server, { comment: `ftpwall: FTP ${fromServer ? 'from' : 'to'} the server`, ...before, fromAddress: fromServer });
    const what = { control: `the control port ${hop.control.ports} to ${server}`, passive: `passive ports ${hop.passive.ports} to ${server}`, active: `${server}'s active data from port ${hop.active.ports}` }[name];
    const fix = onGateway(fromServer ? 'forward-accept-from' : 'forward-accept', edit, `Accept ${what} in FORWARD`);
    if (fix) fixes.push(fix);
  }
  if (firewall && server && name === 'active' && hop.lacks?.snat) {
    const fix = onGateway('masquerade', firewall.intents.masqueradeFrom?.(server), `Masquerade ${server}'s connections out`);
    if (fix) fixes.push(fix);
  }
  const publicAddress = context.host.config.nat?.publicAddress;
  if (name === 'passive' && publicAddress && stoppedClients(hop).includes('pasvToAddress') && context.paths.server.announcedAddress !== publicAddress) {
    const fix = context.paths.server.setAnnouncedAddress(publicAddress);
    if (fix) fixes.push({ ...fix, preferred: fixes.length === 0 });
  }
  return fixes;
}

export const gatewayBlocks: HostRule = {
  id: 'ftp/gateway-blocks',
  severity: 'warning',
  summary: 'A gateway in front of the server stops an FTP connection',
  docs: {
    detects: 'A host whose .ftpwall.json names gateways, where one of them stops the control connection, passive data (for every client or for some kinds of client) or active data: no DNAT for the port, FORWARD dropping it, IPv4 forwarding off, the FTP helper not assigned, no SNAT for the server\'s active connections, or a passive reply naming an address clients cannot reach. Where the server listens on IPv6, the gateways are judged over IPv6 as well (their ip6tables, nft ip6 and inet rules, and net.ipv6.conf.all.forwarding), with no NAT.',
    why: 'The server\'s own firewall may be right and FTP still fail: the router in front decides what reaches it. A router that forwards port 21 alone lets users log in and then hangs on the first listing.',
    fix: 'Assign the FTP helper on the gateway (it then rewrites the passive reply and forwards the data connection itself), or forward the passive range to the server and announce the public address (pasv_address); SNAT or MASQUERADE the server\'s connections out for active mode. Where FORWARD drops a connection, accept it there: to the server\'s ports, or from the server\'s active data port where the server fixes it (vsftpd\'s connect_from_port_20). On firewalld the accept is a rich rule in a policy of ftpwall\'s own (policies/ftp-to-server.xml, ftp-from-server.xml), since firewalld lets connections between zones through by policies. Over IPv6 the accept goes into the IPv6 rules of the gateway (rules.v6, an inet or ip6 nft table, a firewalld policy) for the server\'s IPv6 address in .ftpwall.json \"addresses\"; ufw\'s user6.rules is not written. Where the gateway\'s own IPv6 rules drop neighbour discovery, the server and the clients never find the router: the fix then accepts ICMPv6 in its INPUT just before the drop, and nothing else.',
    before: '# gw: -t nat -A PREROUTING -p tcp --dport 21 -j DNAT --to-destination 10.0.0.5',
    after: '# gw: -t raw -A PREROUTING -p tcp --dport 21 -j CT --helper ftp\n# gw: -t nat -A PREROUTING -p tcp --dport 21 -j DNAT --to-destination 10.0.0.5',
    language: 'text',
  },
  check(context, report) {
    const families = [{ hops: context.paths.network?.hops ?? [], ipv6: false }, { hops: context.paths.ipv6?.network?.hops ?? [], ipv6: true }];
    for (const { hops, ipv6 } of families) {
      for (const name of pathsClientsUse(context)) {
        // The gateway nearest the clients that stops the path: what lies behind it is never reached.
        const hop = hops.find((h) => h[name].verdict === 'blocked' || (name === 'passive' && stoppedClients(h).length));
        // The control connection over IPv6 is placed on the line that turns IPv6 on.
        const anchor = hop && serverAnchor(context, ...(ipv6 && name === 'control' ? ['ipv6' as const] : []), ...PATH_FACTS[name]);
        if (!hop || !anchor) continue;
        const path = hop[name];
        const some = path.verdict !== 'blocked' ? ` for ${stoppedClients(hop).map((k) => PASSIVE_CLIENTS[k]).join(' and ')}` : '';
        report({
          ...anchor,
          // The hop's reason names its gateway first; the message already has.
          message: `${ipv6 ? 'Over IPv6, gateway' : 'Gateway'} ${hop.folder} stops ${name === 'control' ? 'the control connection' : `${name} data`}${some}: ${path.reason.replace(/^Gateway \S+: /, '')}`,
          related: path.deciding.map((d) => ({ file: d.path, range: d.range, message: `decides at gateway ${hop.folder}${ipv6 ? ' over IPv6' : ''}` })),
          fixes: fixesFor(context, hop, name, ipv6 ? 'ipv6' : 'ipv4'),
        });
      }
    }
  },
};
