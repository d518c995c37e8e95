import { newInbound } from '../engine/constraints.js';
import type { ModelRule, Translation } from '../engine/firewall-model.js';
import { PortSet } from '../engine/port-set.js';
import { serverAnchor } from './anchors.js';
import type { HostContext, HostRule } from './host-rule.js';

/** The host's address translations, whichever firewall writes them, one at a time. */
function translations(context: HostContext): Iterable<Translation> {
  return context.paths.firewall?.translations?.() ?? [];
}

/** A REDIRECT, or a DNAT to a port alone or to one of the host's own addresses: the connection stays on this host, nothing is forwarded. */
function staysOnHost(translation: Translation, own: readonly string[]): boolean {
  const to = translation.to;
  if (translation.kind === 'REDIRECT') return true;
  return translation.kind === 'DNAT' && !!to && !to.unread && (to.address === undefined || own.includes(to.address));
}

/** The DNAT rules on the way in that send connections on to another address: those that put a server behind NAT. */
function forwardedAway(context: HostContext): ModelRule[] {
  const own = context.host.config.addresses;
  const rules: ModelRule[] = [];
  for (const t of translations(context)) if (t.kind === 'DNAT' && t.prerouting && !staysOnHost(t, own)) rules.push(t.rule);
  return rules;
}

/** The ports a rule may catch of a new inbound connection, surely or depending on something. */
function portsCaught(rule: ModelRule, context: HostContext): PortSet {
  const match = rule.match(newInbound(context.paths.firewall!.family));
  return match.definite.union(match.conditional);
}

/** The port clients connect to for the control connection: `connectPort` of .ftpwall.json, else the server's own. */
function controlPorts(context: HostContext): PortSet {
  const connect = context.host.config.connectPort;
  return connect === undefined ? context.paths.control.ports : PortSet.range(connect, connect);
}

/** The first of the DNAT rules that send connections away (`forwarded`) that may take the control connection. */
function controlForwarded(context: HostContext, forwarded: readonly ModelRule[] = forwardedAway(context)): ModelRule | undefined {
  const control = controlPorts(context);
  return forwarded.find((rule) => !portsCaught(rule, context).intersect(control).isEmpty);
}

export const natWithoutPasvAddress: HostRule = {
  id: 'ftp/nat-without-pasv-address',
  severity: 'warning',
  summary: 'Clients reach the server through NAT but vsftpd does not announce its public address',
  docs: {
    detects: 'A DNAT rule in the host\'s firewall (iptables\' nat table, nftables nat chains) that may send the control port (or `connectPort` of .ftpwall.json) on to another address, or "nat" in .ftpwall.json, while pasv_address is not set. A REDIRECT, or a DNAT that keeps the connection on this host (a port alone, or one of `addresses`), changes no address and is not counted. Nor is a DNAT of other ports, or a SNAT or MASQUERADE: those rewrite the connections the host forwards or makes itself (a router\'s LAN, Docker\'s or libvirt\'s guests), never the address clients connect to the server at.',
    why: 'In passive mode vsftpd tells the client an address to connect to; behind NAT it announces its private address, which the client cannot reach, so listings hang (unless the client ignores the address, as some do).',
    fix: 'Set pasv_address to the public IPv4 address (and forward the passive range to the server).',
    before: 'pasv_min_port=40000\npasv_max_port=40100',
    after: 'pasv_min_port=40000\npasv_max_port=40100\npasv_address=203.0.113.7',
    language: 'vsftpd',
  },
  check(context, report) {
    if (context.paths.passive.verdict === 'disabled' || context.paths.server.announcedAddress !== undefined) return;
    const nat = controlForwarded(context);
    if (!nat && !context.host.config.nat) return;
    const anchor = serverAnchor(context, 'passiveMin', 'passive');
    if (!anchor) return;
    const address = context.host.config.nat?.publicAddress;
    const where = nat ? `${nat.actionName ?? 'DNAT'} at ${nat.where.path.split('/').pop()}:${nat.where.line + 1}` : '.ftpwall.json';
    report({
      ...anchor,
      message: `Clients reach ${context.paths.server.server} through NAT (${where}), but ${context.paths.server.wording.announcedAddress} is not set: passive replies announce the private address.`,
      related: nat ? [{ file: nat.where.path, range: nat.where.range, message: 'address translation' }] : [],
      ...(address ? { fixes: [context.paths.server.setAnnouncedAddress(address)].filter((f) => f !== undefined) } : {}),
    });
  },
};

export const dnatWithoutPassive: HostRule = {
  id: 'ftp/dnat-control-without-passive',
  severity: 'warning',
  summary: 'Port 21 is forwarded (DNAT) but the passive range is not',
  docs: {
    detects: 'A DNAT rule that sends the control port (or `connectPort` of .ftpwall.json) to another address, with no DNAT rule covering vsftpd\'s passive range. A DNAT that keeps the connection on this host (a port alone, or one of `addresses`) forwards nothing and is not counted.',
    why: 'Clients reach the server\'s control port through the forward, then connect to the announced passive port on the gateway, where nothing forwards it.',
    fix: 'Forward the passive range to the same server.',
    before: '-A PREROUTING -p tcp --dport 21 -j DNAT --to-destination 10.0.0.5',
    after: '-A PREROUTING -p tcp --dport 21 -j DNAT --to-destination 10.0.0.5\n-A PREROUTING -p tcp --dport 40000:40100 -j DNAT --to-destination 10.0.0.5',
    language: 'text',
  },
  check(context, report) {
    if (context.paths.passive.verdict === 'disabled') return;
    const dnat = forwardedAway(context);
    const forwardsControl = controlForwarded(context, dnat);
    if (!forwardsControl) return;
    const passive = context.paths.passive.ports;
    const covered = dnat.reduce((set, r) => set.union(portsCaught(r, context)), PortSet.EMPTY);
    if (covered.contains(passive)) return;
    report({ file: forwardsControl.where.path, range: forwardsControl.where.range, message: `The control port is forwarded, but ${context.paths.server.server}'s passive ports ${passive} are ${covered.intersect(passive).isEmpty ? 'not' : 'only partly'} forwarded: passive connections reach the gateway, not the server.` });
  },
};
