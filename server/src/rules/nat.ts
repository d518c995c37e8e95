import { ipv4Inside } from '../engine/client-side.js';
import { newInbound } from '../engine/constraints.js';
import type { ModelRule, Translation } from '../engine/firewall-model.js';
import { PortSet } from '../engine/port-set.js';
import { serverAnchor } from './anchors.js';
import type { HostContext, HostRule } from './host-rule.js';

/**
 * A SNAT or MASQUERADE for a source network that holds none of the server's known addresses (or
 * any, when they are not given): the host translates the connections of a network behind it
 * (Docker's bridge, libvirt's, a LAN), not its own, so it says nothing of the server being behind NAT.
 */
function forOthers(translation: Translation, own: readonly string[]): boolean {
  const network = translation.fromNetwork;
  return network !== undefined && !own.some((address) => ipv4Inside(address, network) !== false);
}

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

export const natWithoutPasvAddress: HostRule = {
  id: 'ftp/nat-without-pasv-address',
  severity: 'warning',
  summary: 'The host is behind NAT but vsftpd does not announce its public address',
  docs: {
    detects: 'DNAT, SNAT or MASQUERADE rules in the host\'s firewall (iptables\' nat table, nftables nat chains), or "nat" in .ftpwall.json, while pasv_address is not set. A REDIRECT, or a DNAT that keeps the connection on this host (a port alone, or one of `addresses`), changes no address and is not counted; nor is a SNAT or MASQUERADE for a source network that holds none of the server\'s `addresses` (or any, when they are not given): that is a network behind the host, such as Docker\'s or libvirt\'s bridge.',
    why: 'In passive mode vsftpd tells the client an address to connect to; behind NAT it announces its private address, which the client cannot reach, so listings hang (unless the client ignores the address, as some do).',
    fix: 'Set pasv_address to the public IPv4 address (and forward the passive range to the server).',
    before: 'pasv_min_port=40000\npasv_max_port=40100',
    after: 'pasv_min_port=40000\npasv_max_port=40100\npasv_address=203.0.113.7',
    language: 'vsftpd',
  },
  check(context, report) {
    if (context.paths.passive.verdict === 'disabled' || context.paths.server.announcedAddress !== undefined) return;
    let nat: Translation | undefined;
    const own = context.host.config.addresses;
    for (const translation of translations(context)) if (!staysOnHost(translation, own) && !forOthers(translation, own)) { nat = translation; break; }
    if (!nat && !context.host.config.nat) return;
    const anchor = serverAnchor(context, 'passiveMin', 'passive');
    if (!anchor) return;
    const address = context.host.config.nat?.publicAddress;
    report({
      ...anchor,
      message: `This host is behind NAT (${nat ? `${nat.rule.actionName ?? nat.kind} at ${nat.rule.where.path.split('/').pop()}:${nat.rule.where.line + 1}` : '.ftpwall.json'}), but ${context.paths.server.wording.announcedAddress} is not set: passive replies announce the private address.`,
      related: nat ? [{ file: nat.rule.where.path, range: nat.rule.where.range, message: 'address translation' }] : [],
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
    const model = context.paths.firewall;
    if (!model) return;
    // A DNAT that keeps the connection on this host (a port alone, or one of its own addresses) forwards nothing.
    const own = context.host.config.addresses;
    const dnat: ModelRule[] = [];
    for (const t of translations(context)) if (t.kind === 'DNAT' && t.prerouting && !staysOnHost(t, own)) dnat.push(t.rule);
    const connect = context.host.config.connectPort;
    const control = connect === undefined ? context.paths.control.ports : PortSet.range(connect, connect);
    const packet = newInbound(model.family);
    const portsOf = (rule: ModelRule) => { const match = rule.match(packet); return match.definite.union(match.conditional); };
    const forwardsControl = dnat.find((r) => !portsOf(r).intersect(control).isEmpty);
    if (!forwardsControl) return;
    const passive = context.paths.passive.ports;
    const covered = dnat.reduce((set, r) => set.union(portsOf(r)), PortSet.EMPTY);
    if (covered.contains(passive)) return;
    report({ file: forwardsControl.where.path, range: forwardsControl.where.range, message: `The control port is forwarded, but ${context.paths.server.server}'s passive ports ${passive} are ${covered.intersect(passive).isEmpty ? 'not' : 'only partly'} forwarded: passive connections reach the gateway, not the server.` });
  },
};
