import type { Gateway, Host } from '../host/host.js';
import type { Location } from '../languages/iptables/ruleset.js';
import { FORWARDING_KEY, forwardingSettings } from '../languages/modules/documents.js';
import type { AddressFamily } from '../languages/iptables/syntax.js';
import { arrivalOf, evaluatePacket, translatedPorts } from './before-tracking.js';
import { combinedModel } from './combined-model.js';
import type { FirewallModel } from './firewall-model.js';
import { ftpHelperState, type ControlPorts, type HelperState } from './helper.js';
import { afterNeighbourDiscovery, blockedShare, combine, conditionText, disabled, firstBlock, firstDataPacket, packet, PASSIVE_CLIENTS, serverPorts, unknown, where, type PassiveClient, type PathName, type PathVerdict, type PathVerdictKind, type Walked } from './paths.js';
import { PortSet } from './port-set.js';
import type { ServerFacts } from './server-facts.js';
import type { PacketOutcome } from './walk.js';

/** What one gateway does to each FTP path, and whether its FTP helper follows the control connection. */
export interface GatewayHop {
  readonly folder: string;
  readonly root: string;
  readonly control: PathVerdict;
  readonly passive: PathVerdict;
  readonly active: PathVerdict;
  readonly helper?: HelperState;
  /** The control connection's port as it reaches the gateway and as the gateway sends it on. */
  readonly controlPorts?: ControlPorts;
  /** Whether the gateway translates the control connection (a DNAT to the server): the gateway the FTP helper must follow. */
  readonly translates?: boolean;
  /** What such a gateway lacks for the data connections: passive ports it does not forward, no SNAT for the server's own connections out. */
  readonly lacks?: { readonly forwarding?: PortSet; readonly snat?: true };
}

/** The paths from the clients through every gateway to the server, and what each gateway does. */
export interface NetworkPaths { control: PathVerdict; passive: PathVerdict; active: PathVerdict; hops: GatewayHop[] }

/**
 * What the server side says that every gateway needs: its facts, its addresses, whether clients
 * reach it through NAT (.ftpwall.json's "nat" is IPv4's: IPv6 is routed), and the family walked.
 */
interface ServerSide { server: ServerFacts; host: Host; addresses: readonly string[]; natMode: boolean; family: AddressFamily }

/** Where a connection stands after the gateways before this one: the port it has, and whether a DNAT already sent it to the server. */
interface OnTheWay { port: number; translated: boolean }

interface Forwarding { on?: boolean; where?: Location; why?: string }

/**
 * Whether the gateway forwards packets of a family: as its sysctl files set it, then as its
 * firewalls set it when they start (firewalld turns it on, ufw applies its own sysctl file). Off
 * or on only when that is sure; `why` says what it depends on otherwise.
 */
function forwarding(host: Host, family: AddressFamily): Forwarding {
  // A switch's or router's own configuration: forwarding is what the device does.
  if (host.firewalls.some((f) => 'forwards' in f.doc && f.doc.forwards === true)) return { on: true };
  const found = host.sysctl.flatMap((doc) => forwardingSettings(doc, family));
  // Files that disagree leave it to the order they are applied in, which is not followed here.
  const disagree = found.some((f) => f.on !== found[0]!.on);
  let state: Forwarding = found.length === 0 ? {} : disagree ? { where: found[0]!.where, why: `its sysctl files set it both ways (${found.map((f) => where(f.where)).join(', ')})` } : found.at(-1)!;
  for (const set of host.setsForwarding.filter((s) => s.family === family)) {
    if (set.surely && (set.afterSysctlFiles || found.length === 0)) state = { on: set.on, where: set.at };
    else if (state.on !== set.on && !state.why) state = { where: set.at, why: state.on === undefined ? set.why : `${where(state.where!)} sets it ${state.on ? 'on' : 'off'}, but ${set.why}` };
  }
  return state;
}

/** The gateway's firewall for one family, every file loaded together; undefined when it has none. */
function gatewayModel(host: Host, family: AddressFamily): FirewallModel | undefined {
  return combinedModel(host.firewalls.map((f) => f.doc.model(family)).filter((m): m is FirewallModel => !!m));
}

/** The start of a host's first file: where a finding about the host as a whole points. */
const hostStart = (host: Host): Location => ({ path: host.firewalls[0]?.path ?? host.files[0] ?? host.root, line: 0, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });

const blockedBy = (ports: PortSet, reason: string, at: Location[]): PathVerdict => ({ verdict: 'blocked', ports, reason, deciding: at, outcomes: [], open: PortSet.EMPTY, blocked: ports });

/** A verdict that also depends on `why`: open or blocked become conditional (a blocked one stays blocked when `onlyIfOpen`). */
function dependingOn(verdict: PathVerdict, why: string, at: Location, onlyIfOpen = false): PathVerdict {
  if (verdict.verdict === 'blocked' && onlyIfOpen) return verdict;
  if (verdict.verdict !== 'open' && verdict.verdict !== 'blocked') return { ...verdict, dependsOn: [...verdict.dependsOn ?? [], { why, where: at }] };
  return { ...verdict, verdict: 'conditional', reason: `${verdict.reason} But it depends on ${why}.`, open: PortSet.EMPTY, blocked: PortSet.EMPTY, dependsOn: [...verdict.dependsOn ?? [], { why, where: at }] };
}

/** The three packet classes of a connection in FORWARD, and its verdict; `first` is its first packet's outcome. */
function forwarded(model: FirewallModel, walked: Walked, first: PacketOutcome, ports: PortSet, inbound: boolean, describe: Parameters<typeof combine>[2]): PathVerdict {
  const toServer = packet({ ...walked, toward: 'server' }, 'FORWARD', 'ESTABLISHED', false, 'dport', inbound ? 'the rest of the connection, toward the server' : 'a reply from the client');
  const toClient = packet({ ...walked, toward: 'client' }, 'FORWARD', 'ESTABLISHED', false, 'sport', inbound ? 'a reply from the server' : 'the rest of the connection, toward the client');
  return combine([first, evaluatePacket(model, toServer, ports), evaluatePacket(model, toClient, ports)], ports, describe);
}

/** How a gateway's verdict on a connection reads: `subject` passes FORWARD, or where it does not. */
const throughForward = (label: string, subject: string) => (_open: PortSet, blocked: PortSet, outcomes: PacketOutcome[], ports: PortSet) => {
  const share = blockedShare(blocked, ports);
  if (!blocked.isEmpty) return `${label}${subject} does not pass${share ? ` on ${share}` : ''}: ${firstBlock(outcomes, blocked)}.`;
  if (outcomes.some((o) => o.conditional.length)) return `${label}${subject} passes only in some cases: ${conditionText(outcomes)}.`;
  return `${label}${subject} passes its FORWARD chain.`;
};

/**
 * A packet as it reaches a gateway's nat PREROUTING: addressed to the public address (where
 * .ftpwall.json gives it) until a DNAT has sent it to the server, to the server after.
 */
function comingIn(walked: Walked, side: ServerSide, way: OnTheWay): Walked {
  if (!side.natMode || way.translated) return walked;
  const publicAddress = side.host.config.nat?.publicAddress;
  const { serverAddresses: _server, ...rest } = walked;
  return publicAddress ? { ...rest, serverAddresses: [publicAddress] } : rest;
}

/**
 * Where the clients' connections to `port` go at the gateway: on to the server (through a DNAT
 * to one of its addresses, or routed unchanged), or not; with the port they then have.
 */
function controlAt(model: FirewallModel, walked: Walked, side: ServerSide, way: OnTheWay): { port: number; translated: boolean; stop?: { reason: string; at: Location[] }; unsure?: { why: string; where: Location }; natHere: boolean } {
  const first = packet(comingIn(walked, side, way), 'INPUT', 'NEW', true, 'dport', 'a new control connection');
  const arrival = arrivalOf(model, first, way.port, side.addresses);
  const rule = (r: { where: Location; actionName: string | undefined }) => `the ${r.actionName ?? 'translation'} at ${where(r.where)}`;
  switch (arrival.kind) {
    case 'away': return { ...way, natHere: false, stop: { reason: `${rule(arrival.rule)} sends connections to port ${way.port} on to ${arrival.address}, which is not the FTP server (${side.addresses.join(', ')})`, at: [arrival.rule.where] } };
    case 'moved':
      if (arrival.address === undefined) return { ...way, natHere: false, stop: { reason: `${rule(arrival.rule)} keeps connections to port ${way.port} on the gateway itself, where no FTP server listens`, at: [arrival.rule.where] } };
      return { port: arrival.port, translated: true, natHere: true };
    case 'unsure': return { ...way, natHere: false, unsure: { why: arrival.why, where: arrival.where } };
    case 'unchanged':
      if (side.natMode && !way.translated) return { ...way, natHere: false, stop: { reason: `no rule of its nat PREROUTING forwards port ${way.port} to the FTP server, so the connection ends on the gateway`, at: [] } };
      return { ...way, natHere: false };
  }
}

/**
 * The ports of the passive range a gateway forwards to the server (a DNAT to one of its addresses
 * that keeps the port), those it surely does not, and the rest it may.
 */
function forwardedRange(model: FirewallModel, walked: Walked, side: ServerSide, range: PortSet): { forwarded: PortSet; not: PortSet; perhaps: PortSet; at: Location[] } {
  const first = packet(comingIn(walked, side, { port: 0, translated: false }), 'INPUT', 'NEW', true, 'dport', 'a passive data connection');
  const met = translatedPorts(model, first, range);
  let keeping = PortSet.EMPTY;
  for (const t of model.translations?.() ?? []) {
    const to = t.to;
    if (t.kind !== 'DNAT' || !t.prerouting || !to || to.unread || to.address === undefined || !side.addresses.includes(to.address)) continue;
    const matched = t.rule.match(first).definite;
    keeping = keeping.union(to.ports ? matched.intersect(PortSet.range(to.ports.min, to.ports.max)) : matched);
  }
  const forwardedPorts = met.surely.intersect(keeping);
  return { forwarded: forwardedPorts, not: range.minus(met.surely).minus(met.maybe), perhaps: range.minus(forwardedPorts).intersect(met.surely.union(met.maybe)), at: met.where };
}

/**
 * What clients that connect to the address of the 227 reply meet: nothing more where it is the
 * public address, a block where it is the server's private one, a condition where ftpwall cannot
 * tell which address clients reach.
 */
function announcedFor(verdict: PathVerdict, side: ServerSide, label: string): PathVerdict {
  const announced = side.server.announcedAddress;
  const publicAddress = side.host.config.nat?.publicAddress;
  if (verdict.verdict === 'blocked' || (announced !== undefined && announced === publicAddress)) return verdict;
  const anchor = side.server.anchor('announcedAddress', 'passive');
  const at = anchor ? { path: anchor.file, range: anchor.range, line: anchor.range.start.line } : hostStart(side.host);
  if (announced === undefined || side.addresses.includes(announced)) {
    const own = announced ?? side.addresses[0];
    return blockedBy(verdict.ports, `${label}${side.server.server} announces its own address${own ? ` ${own}` : ''} in the 227 reply${announced ? '' : ` (${side.server.wording.announcedAddress} is not set)`}, which clients outside cannot reach, and the gateway's FTP helper does not rewrite it.`, [at]);
  }
  // A name (pasv_addr_resolve) is looked up when the server starts: it may well be the public address.
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(announced)) return dependingOn(verdict, `whether ${announced}, which ${side.server.server} looks up and announces, is ${publicAddress ?? 'the address clients reach'}`, at);
  if (publicAddress !== undefined) return blockedBy(verdict.ports, `${label}${side.server.server} announces ${announced} in the 227 reply, not the public address ${publicAddress}.`, [at]);
  return dependingOn(verdict, `whether ${announced}, which ${side.server.server} announces, is the address clients reach (.ftpwall.json "nat": { "publicAddress": ... } says)`, at);
}

/**
 * One verdict for the three kinds of passive clients: the shared one where they agree, else
 * conditional, saying which get through, with each kind's verdict in `byClient`.
 */
function forClients(verdicts: Readonly<Record<PassiveClient, PathVerdict>>): PathVerdict {
  const kinds = Object.keys(verdicts) as PassiveClient[];
  const first = verdicts.epsv;
  if (kinds.every((k) => verdicts[k].verdict === first.verdict)) return first;
  const byClient = Object.fromEntries(kinds.map((k) => [k, verdicts[k].verdict])) as Record<PassiveClient, PathVerdictKind>;
  const pass = kinds.filter((k) => byClient[k] === 'open').map((k) => PASSIVE_CLIENTS[k]);
  const fail = kinds.filter((k) => byClient[k] !== 'open');
  const reasons = [...new Set(fail.map((k) => verdicts[k].reason))].join(' ');
  const reason = `It depends on the client: ${pass.length ? `${pass.join(' and ')} get through; ` : ''}for ${fail.map((k) => PASSIVE_CLIENTS[k]).join(' and ')}: ${reasons}`;
  const dependsOn = kinds.flatMap((k) => verdicts[k].dependsOn ?? []);
  return { ...first, verdict: 'conditional', reason, byClient, open: PortSet.EMPTY, blocked: PortSet.EMPTY, deciding: [...new Set(fail.flatMap((k) => verdicts[k].deciding))], ...(dependsOn.length ? { dependsOn } : {}) };
}

/** One gateway's verdict on each path, given where the connection stands when it gets there. */
function hopAt(gateway: Gateway, side: ServerSide, way: OnTheWay): { hop: GatewayHop; way: OnTheWay } {
  const { server } = side;
  const ports = serverPorts(server);
  const label = `Gateway ${gateway.folder}: `;
  // A gateway that does not forward at all passes nothing; one whose files do not say may not.
  const forwards = forwarding(gateway.host, side.family);
  const familyName = side.family === 'ipv6' ? 'IPv6' : 'IPv4';
  const settle = (verdict: PathVerdict): PathVerdict => {
    if (verdict.verdict === 'disabled') return verdict;
    if (forwards.on === false) return blockedBy(verdict.ports, `${label}it does not forward packets: ${where(forwards.where!)} sets ${familyName} forwarding off.`, [forwards.where!]);
    if (forwards.on === undefined) return dependingOn(verdict, `whether gateway ${gateway.folder} forwards ${familyName} packets at all (${forwards.why ?? `no sysctl file of it sets ${FORWARDING_KEY[side.family]} = 1`})`, forwards.where ?? hostStart(gateway.host), true);
    return verdict;
  };
  const model = gatewayModel(gateway.host, side.family);
  const base = { folder: gateway.folder, root: gateway.host.root };
  if (!model) {
    const why = `${label}no firewall file${side.family === 'ipv6' ? ' for IPv6' : ''}, so ftpwall cannot tell what it forwards.`;
    return { hop: { ...base, control: settle(unknown(ports.control, why)), passive: settle(unknown(ports.passive, why)), active: settle(unknown(ports.active, why)) }, way };
  }
  // The clients' network is the same everywhere; the interface they come in on is the gateway's own.
  const network = gateway.host.config.clientsFrom?.network ?? side.host.config.clientsFrom?.network;
  const network6 = gateway.host.config.clientsFrom?.network6 ?? side.host.config.clientsFrom?.network6;
  const iface = gateway.host.config.clientsFrom?.interface;
  const clients = network || network6 || iface ? { ...(network ? { network } : {}), ...(network6 ? { network6 } : {}), ...(iface ? { interface: iface } : {}) } : undefined;
  const serverInterface = gateway.host.config.serverInterface;
  const walked: Walked = { family: model.family, ...(clients ? { clients } : {}), serverAddresses: side.addresses, ...(serverInterface ? { serverInterface } : {}) };
  const control = controlAt(model, walked, side, way);
  const helper = ftpHelperState(gateway.host, model, server, undefined, { connect: way.port, arrives: control.port });
  const at = PortSet.range(control.port, control.port);

  let controlVerdict = control.stop
    ? blockedBy(ports.control, `${label}${control.stop.reason}.`, control.stop.at)
    : forwarded(model, walked, evaluatePacket(model, packet({ ...walked, toward: 'server', ...(control.natHere ? { dnatted: true } : {}) }, 'FORWARD', 'NEW', true, 'dport', 'a new control connection'), at), at, true, throughForward(label, `the control connection to port ${control.port}`));
  if (control.unsure) controlVerdict = dependingOn(controlVerdict, control.unsure.why, control.unsure.where);

  const lacks: { forwarding?: PortSet; snat?: true } = {};
  const passive = !server.passive ? disabled(ports.passive, `${server.wording.passiveOff} turns passive mode off.`) : passiveAt(model, walked, side, control, helper, ports.passive, label, lacks);
  const active = !server.active ? disabled(ports.active, `${server.wording.activeOff} turns active mode off.`) : activeAt(model, walked, side, control.natHere, helper, ports.active, label, lacks);

  const settled = { control: settle(controlVerdict), passive: settle(passive), active: settle(active) };
  // A router that drops neighbour discovery is never found by its neighbours: it routes no IPv6 at all.
  const paths = side.family === 'ipv6' ? afterNeighbourDiscovery(settled, gateway.host, 'crosses the gateway', label) : settled;
  const hop = { ...base, ...paths, helper, controlPorts: { connect: way.port, arrives: control.port }, translates: control.natHere, ...(lacks.forwarding || lacks.snat ? { lacks } : {}) };
  return { hop, way: { port: control.port, translated: control.translated } };
}

/**
 * Passive data at one gateway. Routed (no NAT here): as the server's own helper would, RELATED
 * where the helper works, NEW where not. Where this gateway translates the control connection:
 * its helper (nf_nat_ftp) expects the data connection and rewrites a 227 reply that names the
 * server's own address, but not one that names another (measured: it records no expectation for
 * it); what the helper does not carry must be forwarded by a DNAT of the range, and clients that
 * connect to the 227 reply's address need it to be the public one.
 */
function passiveAt(model: FirewallModel, walked: Walked, side: ServerSide, control: ReturnType<typeof controlAt>, helper: HelperState, range: PortSet, label: string, lacks: { forwarding?: PortSet; snat?: true }): PathVerdict {
  const describe = throughForward(label, `passive data to ${range}`);
  const toServer = { ...walked, toward: 'server' as const };
  const related = () => {
    const verdict = forwarded(model, walked, firstDataPacket(model, toServer, helper, 'FORWARD', 'dport', 'a passive data connection', range), range, true, describe);
    return control.natHere && helper.perhaps ? dependingOn(verdict, helper.perhaps.why, helper.perhaps.where) : verdict;
  };
  if (!side.natMode || !control.natHere) return related();
  const viaHelper = helper.works ? related() : undefined;
  const dnat = forwardedRange(model, walked, side, range);
  const first = evaluatePacket(model, packet({ ...toServer, dnatted: true }, 'FORWARD', 'NEW', true, 'dport', 'a passive data connection (NEW)'), dnat.forwarded.union(dnat.perhaps));
  let viaDnat = forwarded(model, walked, first, range, true, describe);
  if (!dnat.not.isEmpty) {
    lacks.forwarding = dnat.not;
    const why = `${label}no rule of its nat PREROUTING forwards passive port${dnat.not.size === 1 ? '' : 's'} ${dnat.not} to the FTP server${helper.works ? '' : `, and its FTP helper is not in use (${helper.explanation})`}.`;
    viaDnat = { ...blockedBy(range, why, viaDnat.deciding), outcomes: viaDnat.outcomes };
  } else if (!dnat.perhaps.isEmpty) viaDnat = dependingOn(viaDnat, `where the translation at ${dnat.at[0] ? where(dnat.at[0]) : 'the gateway'} sends passive ports ${dnat.perhaps}`, dnat.at[0] ?? viaDnat.deciding[0]!);
  const announced = side.server.announcedAddress;
  const rewritten = viaHelper && (announced === undefined || side.addresses.includes(announced));
  return forClients({
    epsv: viaHelper ?? viaDnat,
    pasvIgnoringAddress: rewritten ? viaHelper : viaDnat,
    pasvToAddress: rewritten ? viaHelper : announcedFor(viaDnat, side, label),
  });
}

/** Active data at one gateway: the server's connection out, RELATED where the helper works, and given the public address by a SNAT or MASQUERADE where the gateway translates the control connection. */
function activeAt(model: FirewallModel, walked: Walked, side: ServerSide, natHere: boolean, helper: HelperState, source: PortSet, label: string, lacks: { forwarding?: PortSet; snat?: true }): PathVerdict {
  const toClient = { ...walked, toward: 'client' as const };
  const first = firstDataPacket(model, toClient, helper, 'FORWARD', 'sport', 'the server\'s active data connection', source);
  const verdict = forwarded(model, walked, first, source, false, throughForward(label, `the server's active data connection from ${source}`));
  if (!side.natMode || !natHere || (helper.works && !helper.perhaps)) return verdict;
  // Without the helper's own translation, the server's private source address must be rewritten on the way out.
  const out = packet(toClient, 'FORWARD', 'NEW', true, 'sport', 'the server\'s active data connection');
  let surely = PortSet.EMPTY, maybe = PortSet.EMPTY;
  const at: Location[] = [];
  for (const t of model.translations?.() ?? []) {
    if ((t.kind !== 'SNAT' && t.kind !== 'MASQUERADE') || t.prerouting) continue;
    const match = t.rule.match(out);
    if (!match.definite.union(match.conditional).intersect(source).isEmpty) at.push(t.rule.where);
    surely = surely.union(match.definite);
    maybe = maybe.union(match.conditional);
  }
  const missing = source.minus(surely).minus(maybe);
  if (!missing.isEmpty) lacks.snat = true;
  if (!missing.isEmpty) return { ...blockedBy(source, `${label}the server's active data connection leaves with its private address: no SNAT or MASQUERADE in its nat POSTROUTING rewrites it${helper.works ? '' : `, and its FTP helper is not in use (${helper.explanation})`}, so the client's replies never come back.`, verdict.deciding), outcomes: verdict.outcomes };
  if (!source.minus(surely).isEmpty) return dependingOn(verdict, `whether the SNAT or MASQUERADE at ${where(at[0]!)} rewrites the server's address: it matches only some packets`, at[0]!);
  return verdict;
}

const SEVERITY: Record<PathVerdictKind, number> = { blocked: 4, unknown: 3, conditional: 2, open: 1, disabled: 0 };
const worse = (a: PathVerdictKind, b: PathVerdictKind) => (SEVERITY[b] > SEVERITY[a] ? b : a);

/** Joins what each gateway and the server do to one path: blocked where any blocks, conditional where any depends, open where all pass. */
function joined(name: PathName, hops: readonly GatewayHop[], own: PathVerdict): PathVerdict {
  if (own.verdict === 'disabled') return own;
  const verdicts = [...hops.map((h) => h[name]), own];
  const worst = verdicts.reduce((w, v) => (SEVERITY[v.verdict] > SEVERITY[w.verdict] ? v : w), own);
  const through = `through ${hops.map((h) => `gateway ${h.folder}`).join(', ')}`;
  if (worst.verdict === 'open') return { ...own, reason: `${own.reason} It passes ${through}.`, deciding: [...hops.flatMap((h) => h[name].deciding), ...own.deciding].slice(0, 8) };
  const dependsOn = verdicts.flatMap((v) => v.dependsOn ?? []);
  const others = verdicts.filter((v) => v !== worst && v.verdict !== 'open').map((v) => v.reason);
  const result: PathVerdict = { ...worst, ports: own.ports, reason: [worst.reason, ...others].join(' '), ...(dependsOn.length ? { dependsOn } : {}) };
  // Where passive clients differ at a gateway, each kind meets the worst of what every hop does to it.
  if (!verdicts.some((v) => v.byClient)) return result;
  const kinds = Object.keys(PASSIVE_CLIENTS) as PassiveClient[];
  const byClient = Object.fromEntries(kinds.map((k) => [k, verdicts.reduce<PathVerdictKind>((w, v) => worse(w, v.byClient?.[k] ?? v.verdict), 'open')])) as Record<PassiveClient, PathVerdictKind>;
  return kinds.every((k) => byClient[k] === byClient.epsv) ? { ...result, verdict: byClient.epsv } : { ...result, verdict: 'conditional', byClient };
}

/**
 * The paths from the clients to the server through the gateways .ftpwall.json names, over one
 * family: each gateway's nat PREROUTING, FORWARD and FTP helper in turn, then the server's own
 * firewall, judged (by `ownPaths`) at the port the last gateway sends the control connection to.
 */
export function throughGateways(host: Host, server: ServerFacts, gateways: readonly Gateway[], ownPaths: (connectPort: number) => { control: PathVerdict; passive: PathVerdict; active: PathVerdict }, family: AddressFamily = 'ipv4'): NetworkPaths {
  const side: ServerSide = { server, host, addresses: host.config.addresses, natMode: family === 'ipv4' && !!host.config.nat, family };
  let way: OnTheWay = { port: host.config.connectPort ?? server.controlPort, translated: false };
  const hops: GatewayHop[] = [];
  for (const gateway of gateways) {
    const next = hopAt(gateway, side, way);
    hops.push(next.hop);
    way = next.way;
  }
  const own = ownPaths(way.port);
  return { control: joined('control', hops, own.control), passive: joined('passive', hops, own.passive), active: joined('active', hops, own.active), hops };
}
