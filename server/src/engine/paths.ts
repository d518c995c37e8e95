import type { Host } from '../host/host.js';
import type { Location } from '../languages/iptables/ruleset.js';
import type { FirewallVariant, FirewallVariants } from '../languages/iptables/document.js';
import type { AddressFamily } from '../languages/iptables/syntax.js';
import { combinedModel } from './combined-model.js';
import type { FirewallModel, UnknownPart } from './firewall-model.js';
import { acrossVariants } from './variants.js';
import type { ServerFacts } from './server-facts.js';
import { ftpHelperState, type ControlPorts, type HelperState } from './helper.js';
import type { ConnState, PacketClass } from './packet.js';
import type { ClientSide } from './client-side.js';
import { PortSet } from './port-set.js';
import type { PacketOutcome } from './walk.js';
import { throughGateways, type NetworkPaths } from './gateway-paths.js';
import { unitLoading } from '../host/boot-units.js';
import { afterServer } from './server-reach.js';
import { neighbourDiscoveryDropped, type DiscoveryDropped } from './neighbour-discovery.js';
import { arrivalOf, eitherOutcome, evaluatePacket, withTranslation, type Arrival } from './before-tracking.js';

export type PathName = 'control' | 'passive' | 'active';

/** Only one way to load the firewall, known to its end, with every rule known. */
function isCertain(variants: FirewallVariants): boolean {
  const [only] = variants.list;
  return variants.complete && variants.list.length === 1 && !!only && only.unknownRules.length === 0 && !only.incomplete;
}
/** How an FTP client finds where to open a passive data connection. */
export type PassiveClient = 'epsv' | 'pasvIgnoringAddress' | 'pasvToAddress';
export const PASSIVE_CLIENTS: Readonly<Record<PassiveClient, string>> = {
  epsv: 'clients that use EPSV (curl, FileZilla, lftp)',
  pasvIgnoringAddress: 'clients that use PASV but connect to the server\'s address they already use',
  pasvToAddress: 'clients that connect to the address the 227 reply names (classic clients, browsers)',
};
export type PathVerdictKind = 'open' | 'blocked' | 'conditional' | 'disabled' | 'unknown';

export interface PathVerdict {
  verdict: PathVerdictKind;
  /** The server-side ports of the path: "21", "40000-40100". */
  ports: PortSet;
  reason: string;
  deciding: Location[];
  /** Per packet class, for the editor's explain view and the cross-file rules. */
  outcomes: PacketOutcome[];
  /** Ports open for every client on every packet class of the path. */
  open: PortSet;
  blocked: PortSet;
  /** Set when the verdict depends on how the firewall is loaded (a script's branch on a value the host does not fix): where, and on what. */
  dependsOn?: Array<{ why: string; where: Location }>;
  /**
   * For passive data through a gateway, where clients differ: the verdict for clients that use
   * EPSV, for those that use PASV but connect to the control connection's address (curl's
   * default), and for those that connect to the address the 227 reply names (classic clients).
   */
  byClient?: Readonly<Record<PassiveClient, PathVerdictKind>>;
  /** Set when the connection never reaches the server, whatever the filter rules say: a translation sends it elsewhere, or nothing sends the port clients use to the server's. */
  missesServer?: true;
  /** Set when IPv6 neighbour discovery never passes: no TCP rule opens the path, only accepting ICMPv6 does. */
  byNeighbourDiscovery?: true;
  /** Set when the server itself keeps the clients out (libwrap's hosts.deny refuses them, it listens on an address they cannot reach): no firewall rule opens the path. */
  refusedByServer?: 'libwrap' | 'listen-address';
}

export interface HostPaths {
  control: PathVerdict;
  passive: PathVerdict;
  active: PathVerdict;
  helper?: HelperState;
  /** What the host's FTP server does (its defaults when the host has none). */
  server: ServerFacts;
  /** The host's IPv4 firewall the verdicts were worked out through (every file loaded, together). */
  firewall?: FirewallModel;
  /** The port clients connect to and the one it arrives on after NAT, when a firewall says. */
  controlPorts?: ControlPorts;
  /** With gateways in front (.ftpwall.json "gateways"): the paths from the clients through them to this host, and what each does. The paths above are this host's own. */
  network?: NetworkPaths;
  /**
   * Where the server listens on IPv6 too: the paths over IPv6, through the host's IPv6 rules
   * (ip6tables, nft ip6 and inet tables), and with gateways in front, through theirs (`network`).
   * The paths above are over IPv4.
   */
  ipv6?: Pick<HostPaths, 'control' | 'passive' | 'active' | 'helper' | 'network' | 'controlPorts'>;
}

const CLIENT_PORTS = PortSet.range(1024, 65535);
const EPHEMERAL = PortSet.range(32768, 60999);


/** The family of the packets walked, where the clients are and the server's addresses when .ftpwall.json says, and for a gateway's FORWARD which way the packet goes. */
export interface Walked { family: PacketClass['family']; clients?: ClientSide; serverAddresses?: readonly string[]; toward?: PacketClass['toward']; serverInterface?: string; dnatted?: boolean }

export function packet(walked: Walked, hook: PacketClass['hook'], state: ConnState, syn: boolean, varying: 'dport' | 'sport', label: string, fromFtpHelper = false): PacketClass {
  const { family, clients, serverAddresses, serverInterface, dnatted } = walked;
  const toward = hook === 'FORWARD' ? { toward: walked.toward ?? (varying === 'dport' ? 'server' : 'client') } : {};
  return { family, hook, state, syn, fromFtpHelper, varying, other: CLIENT_PORTS, label, ...toward, ...(clients ? { clients } : {}), ...(serverAddresses?.length ? { serverAddresses } : {}), ...(serverInterface && hook === 'FORWARD' ? { serverInterface } : {}), ...(dnatted && hook === 'FORWARD' ? { dnatted } : {}) };
}

export function where(location: Location): string {
  return `${location.path.split('/').pop()}:${location.line + 1}`;
}

/** Combines the packet classes a connection needs: a port works only if every class passes it. */
const MAX_DECIDING = 6;

export function combine(outcomes: PacketOutcome[], ports: PortSet, describe: (open: PortSet, blocked: PortSet, outcomes: PacketOutcome[], ports: PortSet) => string): PathVerdict {
  let open = ports, blocked = PortSet.EMPTY;
  for (const o of outcomes) { open = open.intersect(o.open); blocked = blocked.union(o.blocked.intersect(ports)); }
  const conditional = ports.minus(open).minus(blocked);
  const verdict: PathVerdictKind = !blocked.isEmpty ? 'blocked' : !conditional.isEmpty ? 'conditional' : 'open';
  const deciding: Location[] = [];
  // The first few distinct deciding lines are shown; a large firewall can have thousands.
  const add = (l: Location | undefined) => { if (l && l.path && !deciding.some((d) => d.path === l.path && d.line === l.line)) deciding.push(l); };
  for (const o of outcomes) {
    for (const d of o.decisions) {
      if (deciding.length === MAX_DECIDING) break;
      const relevant = verdict === 'open' ? d.verdict === 'accept' && !d.onlyIf : verdict === 'blocked' ? d.verdict === 'drop' && !d.onlyIf && !d.ports.intersect(blocked).isEmpty : !!d.onlyIf;
      if (relevant) add(d.where);
    }
  }
  return { verdict, ports, reason: describe(open, blocked, outcomes, ports), deciding, outcomes, open, blocked };
}

/**
 * Which of a connection's ports a block takes, where it takes only some: a rule for the passive
 * range also meets the replies to an active connection whose random source port falls in it, and
 * those transfers alone fail. Empty where it takes them all.
 */
export function blockedShare(blocked: PortSet, ports: PortSet): string {
  return blocked.equals(ports) ? '' : `${blocked.size.toLocaleString('en')} of the ${ports.size.toLocaleString('en')} ports (${blocked})`;
}

export function firstBlock(outcomes: PacketOutcome[], ports: PortSet): string {
  for (const o of outcomes) {
    const d = o.decisions.find((x) => x.verdict === 'drop' && !x.onlyIf && !x.ports.intersect(ports).isEmpty);
    if (d) return `${o.packet.label} meets ${d.policy ?? `${d.rule?.actionName ?? 'DROP'} at ${where(d.where)}`}`;
  }
  return 'they are dropped';
}

/** The conditions named in a path's reason: the first few and how many more, so that a message stays readable. */
const LISTED_CONDITIONS = 5;

export function conditionText(outcomes: PacketOutcome[]): string {
  const reasons = [...new Set(outcomes.flatMap((o) => o.conditional.map((c) => c.reason)))];
  const listed = reasons.slice(0, LISTED_CONDITIONS).join('; ');
  return reasons.length > LISTED_CONDITIONS ? `${listed}; and ${reasons.length - LISTED_CONDITIONS} more conditions` : listed;
}

export const unknown = (ports: PortSet, reason: string): PathVerdict => ({ verdict: 'unknown', ports, reason, deciding: [], outcomes: [], open: PortSet.EMPTY, blocked: PortSet.EMPTY });
export const disabled = (ports: PortSet, reason: string): PathVerdict => ({ verdict: 'disabled', ports, reason, deciding: [], outcomes: [], open: PortSet.EMPTY, blocked: PortSet.EMPTY });

/** The server-side ports of each path: the control port, the passive range, and where active data comes from (its fixed port, else an ephemeral one). */
export function serverPorts(server: ServerFacts): Record<PathName, PortSet> {
  const source = server.activeSourcePort;
  return {
    control: PortSet.range(server.controlPort, server.controlPort),
    passive: PortSet.range(server.passiveRange.min, server.passiveRange.max),
    active: source !== undefined ? PortSet.range(source, source) : EPHEMERAL,
  };
}

/** A server that does not start: every path is blocked by its configuration, not by the firewall. */
function notStarted(server: ServerFacts): HostPaths {
  const refusal = server.refusesToStart!;
  const where: Location = { path: refusal.where.file, range: refusal.where.range, line: refusal.where.range.start.line };
  const reason = `${server.server} does not start: ${refusal.why} (${where.path.split('/').pop()}:${where.line + 1}).`;
  const ports = serverPorts(server);
  const blocked = (name: PathName): PathVerdict => ({ verdict: 'blocked', ports: ports[name], reason, deciding: [where], outcomes: [], open: PortSet.EMPTY, blocked: ports[name] });
  return { control: blocked('control'), passive: blocked('passive'), active: blocked('active'), server };
}

/** What stands for a host whose paths could not be worked out (a failure inside ftpwall). */
export function unknownPaths(host: Host, reason: string): HostPaths {
  const none = PortSet.EMPTY;
  return { control: unknown(none, reason), passive: unknown(none, reason), active: unknown(none, reason), server: host.server };
}

/**
 * The three FTP paths of one of the host's FTP services (its first unless named), as the server
 * and the host's firewall files, all loaded together, make them: over IPv4, and over IPv6 as well
 * (`ipv6`) when the server listens there.
 */
export function hostPaths(ofHost: Host, service: ServerFacts = ofHost.server): HostPaths {
  const host = service === ofHost.server ? ofHost : { ...ofHost, server: service };
  const { server } = host;
  if (server.refusesToStart) return notStarted(server);
  if (host.gateways?.length) {
    // This host's own paths are judged at the port the gateways send the control connection to.
    const alone: Host = { ...host, gateways: undefined };
    let own: HostPaths | undefined;
    // Each family's gateways may send the control connection on to a port of their own.
    const judged = new Map<number, HostPaths>();
    const ownAt = (port: number): HostPaths => {
      let paths = judged.get(port);
      if (!paths) judged.set(port, (paths = hostPaths({ ...alone, config: { ...alone.config, connectPort: port } }, server)));
      return paths;
    };
    const network = throughGateways(host, server, host.gateways, (port) => (own = ownAt(port)));
    if (!own!.ipv6) return { ...own!, network };
    let own6 = own!.ipv6;
    const network6 = throughGateways(host, server, host.gateways, (port) => (own6 = ownAt(port).ipv6!), 'ipv6');
    return { ...own!, ipv6: { ...own6, network: network6 }, network };
  }
  const ipv4 = afterServer(familyPaths(host, server, 'ipv4'), server, 'ipv4');
  if (!server.ipv6) return ipv4;
  const { control, passive, active, helper, controlPorts } = afterServer(afterNeighbourDiscovery(familyPaths(host, server, 'ipv6'), host, 'reaches the server or leaves it'), server, 'ipv6');
  return { ...ipv4, ipv6: { control, passive, active, ...(helper ? { helper } : {}), ...(controlPorts ? { controlPorts } : {}) } };
}

/** The IPv6 paths where one of the host's IPv6 firewalls surely drops neighbour discovery: every one is blocked, as nothing of IPv6 gets through (measured: curl cannot connect). */
export function afterNeighbourDiscovery<P extends Record<PathName, PathVerdict>>(paths: P, host: Host, outcome: string, label = ''): P {
  const dropped = neighbourDiscoveryDrop(host)?.dropped;
  if (!dropped) return paths;
  const reason = `${label}Neighbour discovery never passes IPv6 ${dropped.hook}: ICMPv6 solicitations and advertisements, which conntrack leaves UNTRACKED, meet ${dropped.by}${dropped.at ? ` at ${where(dropped.at)}` : ''}, so no IPv6 packet ${outcome}. Accept ICMPv6 before it.`;
  const block = (path: PathVerdict): PathVerdict => (path.verdict === 'disabled' ? path : { verdict: 'blocked', ports: path.ports, reason, deciding: dropped.at ? [dropped.at] : [], outcomes: [], open: PortSet.EMPTY, blocked: path.ports, byNeighbourDiscovery: true });
  return { ...paths, control: block(paths.control), passive: block(paths.passive), active: block(paths.active) };
}

/**
 * Where one of the host's IPv6 firewalls surely drops neighbour discovery, and that firewall.
 * Only a file whose chains surely stand counts, not one another may replace (two iptables files,
 * an nft `flush ruleset`); a script only where every way it runs is known and drops it. Nothing
 * counts where a firewall loads what ftpwall cannot read (an nft include it does not hold): that
 * may add an ICMPv6 accept to the chain, or remove it; the TCP verdicts then say what they depend on.
 */
export function neighbourDiscoveryDrop(host: Host): { dropped: DiscoveryDropped; firewall: Host['firewalls'][number] } | undefined {
  const loaded = host.firewalls.flatMap((firewall) => { const model = firewall.doc.model('ipv6'); return model ? [{ firewall, model }] : []; });
  if (loaded.some(({ model }) => model.unknowns?.length)) return undefined;
  const replaceable = (model: FirewallModel) => loaded.some((other) => other.model !== model && (other.model.replacesOthers || (!!model.exclusiveGroup && other.model.exclusiveGroup === model.exclusiveGroup)));
  for (const { firewall, model } of loaded) {
    if (replaceable(model)) continue;
    const { variants } = firewall.doc;
    const dropped = variants ? droppedEveryWay(variants) : neighbourDiscoveryDropped(model);
    if (dropped) return { dropped, firewall };
  }
  return undefined;
}

/** The first way's drop, where every way the firewall runs is known to its end, with every rule known, and drops neighbour discovery. */
function droppedEveryWay(variants: FirewallVariants): DiscoveryDropped | undefined {
  if (!variants.complete) return undefined;
  let first: DiscoveryDropped | undefined;
  for (const variant of variants.list) {
    const model = variant.unknownRules.length === 0 && !variant.incomplete ? variant.model('ipv6') : undefined;
    const dropped = model && neighbourDiscoveryDropped(model);
    if (!dropped) return undefined;
    first ??= dropped;
  }
  return first;
}

/** The paths through the host's firewall files for one address family. */
function familyPaths(host: Host, server: ServerFacts, family: AddressFamily): HostPaths {
  const loaded = host.firewalls.map((f) => ({ path: f.path, doc: f.doc, model: f.doc.model(family) })).filter((f) => f.model);
  // A script whose rules depend on what the host does not fix is followed every way it runs; the other files stand as they are.
  const varying = loaded.find((f) => f.doc.variants && !isCertain(f.doc.variants));
  if (!varying) return oneOfEachGroup(host, loaded.map((f) => ({ path: f.path, model: f.model! })), family);
  // The files that write into the script's own tables are taken as replaced by it.
  const group = varying.model!.exclusiveGroup;
  const fixed = loaded.filter((f) => f !== varying && (!group || f.model!.exclusiveGroup !== group)).map((f) => f.model!);
  const variants = varying.doc.variants!;
  const each = variants.list.map((variant) => ({ variant, paths: pathsThrough(host, server, combinedModel([variant.model(family) ?? emptyModel(family), ...fixed]), family, { path: varying.path, variant }) }));
  return acrossVariants(each, variants.complete, varying.path);
}

/**
 * The paths when several files write into the same tables (two iptables files): the rules of the
 * one loaded last stand, so each is taken with the other firewalls, and a verdict holds only where
 * all of them give it.
 */
function oneOfEachGroup(host: Host, files: ReadonlyArray<{ path: string; model: FirewallModel }>, family: AddressFamily): HostPaths {
  const grouped = files.filter((f) => f.model.exclusiveGroup);
  const rivals = grouped.filter((f) => grouped.some((g) => g !== f && g.model.exclusiveGroup === f.model.exclusiveGroup));
  if (rivals.length === 0) return inLoadOrder(host, files.map((f) => f.model), family);
  const others = files.filter((f) => !rivals.includes(f)).map((f) => f.model);
  const each = rivals.map((rival) => ({ rival, paths: inLoadOrder(host, [rival.model, ...others], family) }));
  const names = rivals.map((r) => r.path.split('/').pop()).join(', ');
  const why = `which of ${names} is loaded last: each replaces the rules the other loaded`;
  const [first] = each;
  const settle = (name: PathName): PathVerdict => {
    const verdicts = each.map((e) => e.paths[name]);
    if (verdicts.every((v) => v.verdict === verdicts[0]!.verdict)) return first!.paths[name];
    const reasons = each.map((e) => `with ${e.rival.path.split('/').pop()}: ${e.paths[name].reason}`).join(' ');
    return { ...verdicts[0]!, verdict: 'conditional', reason: `It depends on ${why}. ${reasons}`, open: verdicts.reduce((p, v) => p.intersect(v.open), verdicts[0]!.open), blocked: verdicts.reduce((p, v) => p.intersect(v.blocked), verdicts[0]!.blocked), dependsOn: rivals.map((r) => ({ why, where: { path: r.path, line: 0, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } } })) };
  };
  return { ...first!.paths, control: settle('control'), passive: settle('passive'), active: settle('active') };
}

/**
 * The paths through firewalls loaded together, when one of them removes what was loaded before
 * it (nft's `flush ruleset`): the verdict stands only where both orders of loading give it.
 */
function inLoadOrder(host: Host, models: readonly FirewallModel[], family: AddressFamily): HostPaths {
  const together = pathsThrough(host, host.server, combinedModel(models), family);
  const replacing = models.find((m) => m.replacesOthers);
  if (!replacing || models.length < 2) return together;
  const alone = pathsThrough(host, host.server, replacing, family);
  const at = replacing.replacesOthers!;
  // A file its own unit loads may not be loaded at all: the host's unit links would tell, where it does not hold them.
  const unit = host.bootUnits ? undefined : unitLoading(host.root, at.path);
  const unitHint = unit ? ` (and on whether ${unit} loads it at all: with the host's etc/systemd/system in its folder, links kept, ftpwall reads which units start)` : '';
  const why = `the order the firewalls are loaded in: the "flush ruleset" at ${where(at)} removes the other firewall files' rules if it is loaded after them${unitHint}`;
  const settle = (name: PathName): PathVerdict => {
    const both = together[name], one = alone[name];
    if (both.verdict === one.verdict) return both;
    return { ...both, verdict: 'conditional', reason: `It depends on ${why}: loaded before them, ${both.reason[0]!.toLowerCase()}${both.reason.slice(1)} Loaded after, ${one.reason[0]!.toLowerCase()}${one.reason.slice(1)}`, open: both.open.intersect(one.open), blocked: both.blocked.intersect(one.blocked), dependsOn: [{ why, where: at }] };
  };
  return { ...together, control: settle('control'), passive: settle('passive'), active: settle('active') };
}

/**
 * The control path as the nat chains make it: clients connect to `connectPort`, and a DNAT or
 * REDIRECT may send the connection to another port of this host (the filter rules then see that
 * one), to another host (the server never sees it), or somewhere ftpwall cannot tell. `filtered`
 * judges the server's control port through the filter rules.
 */
function controlPath(server: ServerFacts, connectPort: number, arrival: Arrival, filtered: () => PathVerdict): PathVerdict {
  const controlPort = server.controlPort;
  const ports = PortSet.range(controlPort, controlPort);
  const missed = (reason: string, at: Location[]): PathVerdict => ({ verdict: 'blocked', ports, reason, deciding: at, outcomes: [], open: PortSet.EMPTY, blocked: ports, missesServer: true });
  const by = (rule: { where: Location; actionName: string | undefined }, kind: string) => `the ${rule.actionName ?? kind} at ${where(rule.where)}`;
  if (arrival.kind === 'away') return missed(`Clients connect to port ${connectPort}, and ${by(arrival.rule, 'DNAT')} sends those connections on to ${arrival.address}, which is not this host: ${server.server} never sees them.`, [arrival.rule.where]);
  const arrives = arrival.kind === 'moved' ? arrival.port : connectPort;
  if (arrival.kind !== 'unsure' && arrives !== controlPort) {
    const sent = arrival.kind === 'moved' ? `, ${by(arrival.rule, 'translation')} sends them to port ${arrives},` : ' and no nat rule sends them elsewhere,';
    return missed(`Clients connect to port ${connectPort}${sent} but ${server.server} listens on port ${controlPort}.`, arrival.kind === 'moved' ? [arrival.rule.where] : []);
  }
  const judged = filtered();
  if (arrival.kind === 'unsure') {
    if (judged.verdict !== 'open' && judged.verdict !== 'blocked') return judged;
    return { ...judged, verdict: 'conditional', reason: `${judged.reason} But it depends on ${arrival.why}.`, open: PortSet.EMPTY, blocked: PortSet.EMPTY, dependsOn: [{ why: arrival.why, where: arrival.where }] };
  }
  if (arrival.kind === 'unchanged' && connectPort === controlPort) return judged;
  const route = arrival.kind === 'moved' ? `Clients connect to port ${connectPort}; ${by(arrival.rule, 'translation')} sends them to port ${controlPort}, the port the filter rules see. ` : '';
  return { ...judged, reason: route + judged.reason, deciding: arrival.kind === 'moved' ? [arrival.rule.where, ...judged.deciding] : judged.deciding };
}

/**
 * A DNAT that sends the control connection to another of the host's addresses changes what the
 * server announces in PASV replies (the address the connection reached) unless it announces a
 * fixed one: clients that connect to the announced address may not reach it, those that use EPSV
 * or ignore it do.
 */
function announcedAfterDnat(passive: PathVerdict, server: ServerFacts, arrival: Arrival): PathVerdict {
  if (passive.verdict !== 'open' || arrival.kind !== 'moved' || arrival.address === undefined || server.announcedAddress !== undefined) return passive;
  const why = `whether the client connects to the address in the PASV reply: ${server.server} announces ${arrival.address}, where the DNAT at ${where(arrival.rule.where)} sends the control connection, not the address the client used; clients that use EPSV or ignore the address (curl, recent FileZilla) get through`;
  return { ...passive, verdict: 'conditional', reason: `${passive.reason} But it depends on ${why}.`, open: PortSet.EMPTY, dependsOn: [{ why, where: arrival.rule.where }] };
}

/** The first packet of a data connection: RELATED through the helper where it works, NEW where not, and either where it only may. */
export function firstDataPacket(model: FirewallModel, walked: Walked, helper: HelperState, hook: PacketClass['hook'], varying: PacketClass['varying'], label: string, ports: PortSet): PacketOutcome {
  const as = (state: 'RELATED' | 'NEW') => evaluatePacket(model, packet(walked, hook, state, true, varying, `${label} (${state})`, state === 'RELATED'), ports);
  if (!helper.works) return as('NEW');
  if (!helper.perhaps) return as('RELATED');
  return eitherOutcome(as('RELATED'), as('NEW'), ports, helper.perhaps.why, helper.perhaps.where);
}

/** A way of running a script that leaves no IPv4 rules: every hook accepts. */
const emptyModel = (family: AddressFamily): FirewallModel => ({ family, baseChains: () => [], inboundChains: () => [], chain: () => undefined, helperAssigningChains: () => [] });

/** The paths as one firewall makes them; `loadedBy` the way a script ran to leave it (its module loads count, not the file's). */
function pathsThrough(host: Host, server: ServerFacts, model: FirewallModel | undefined, family: AddressFamily, loadedBy?: { path: string; variant: FirewallVariant }): HostPaths {
  const controlPort = server.controlPort;
  const pasv = server.passiveRange;
  const fixedSource = server.activeSourcePort;
  const { control: controlSet, passive: passivePorts, active: dataSource } = serverPorts(server);
  if (!model) {
    const unstarted = host.firewalls.length === 0 && host.notStarted.length > 0;
    const names = host.notStarted.map((f) => f.path.split('/').pop()).join(', ');
    const why = unstarted ? `this host loads none of its firewall files at boot (the services that load ${names} are not started), so ftpwall cannot tell`
      : family === 'ipv6' ? `no IPv6 firewall file for this host (${server.server} listens on IPv6), so ftpwall cannot tell` : 'no firewall file for this host, so ftpwall cannot tell';
    return {
      control: unknown(controlSet, why),
      passive: server.passive ? unknown(passivePorts, why) : disabled(passivePorts, `${server.wording.passiveOff} turns passive mode off`),
      active: server.active ? unknown(dataSource, why) : disabled(dataSource, `${server.wording.activeOff} turns active mode off`),
      server,
    };
  }
  const clients = host.config.clientsFrom;
  const walked: Walked = { family: model.family, ...(clients ? { clients } : {}), serverAddresses: host.config.addresses };
  const connectPort = host.config.connectPort ?? controlPort;
  const arrival = arrivalOf(model, packet(walked, 'INPUT', 'NEW', true, 'dport', 'a new control connection'), connectPort, host.config.addresses);
  const arrives = arrival.kind === 'moved' ? arrival.port : arrival.kind === 'unsure' ? controlPort : connectPort;
  const helper = ftpHelperState(host, model, server, loadedBy && { path: loadedBy.path, moduleNames: loadedBy.variant.moduleLoads.map((m) => m.name.value), appliedSysctl: loadedBy.variant.appliedSysctl }, { connect: connectPort, arrives });

  // Each connection's first packet is the first class of its list: a nat chain sees that one.
  const connection = (outcomes: PacketOutcome[], ports: PortSet) => withTranslation(model, { ...outcomes[0]!.packet, state: 'NEW' }, ports, outcomes);
  const control = controlPath(server, connectPort, arrival, () => combine([
    evaluatePacket(model, packet(walked, 'INPUT', 'NEW', true, 'dport', 'a new control connection'), controlSet),
    evaluatePacket(model, packet(walked, 'INPUT', 'ESTABLISHED', false, 'dport', 'the rest of the control connection'), controlSet),
    evaluatePacket(model, packet(walked, 'OUTPUT', 'ESTABLISHED', false, 'sport', 'a reply from the server'), controlSet),
  ], controlSet, (open, _blocked, outcomes) => open.equals(controlSet)
    ? `Connections to port ${controlPort} are accepted and the replies pass.`
    : !_blocked.isEmpty ? `Port ${controlPort} is blocked: ${firstBlock(outcomes, controlSet)}.` : `Port ${controlPort} is open only in some cases: ${conditionText(outcomes)}.`));

  const passive = !server.passive ? disabled(passivePorts, `${server.wording.passiveOff} turns passive mode off.`) : combine(connection([
    firstDataPacket(model, walked, helper, 'INPUT', 'dport', 'a passive data connection', passivePorts),
    evaluatePacket(model, packet(walked, 'INPUT', 'ESTABLISHED', false, 'dport', 'the rest of the data connection'), passivePorts),
    evaluatePacket(model, packet(walked, 'OUTPUT', 'ESTABLISHED', false, 'sport', 'a data packet from the server'), passivePorts),
  ], passivePorts), passivePorts, (open, blocked, outcomes) => {
    const range = `${server.server} picks passive ports from ${passivePorts}${pasv.notes.length ? ` (${pasv.notes.join('; ')})` : ''}`;
    if (open.equals(passivePorts)) return `${range}; all of them are accepted${helper.works ? ' as RELATED through the FTP helper' : ''}.`;
    if (!blocked.isEmpty) {
      const helperNote = helper.works ? '' : ` Data connections are not RELATED here: ${helper.explanation}.`;
      return `${range}; ${open.isEmpty ? `none of them is accepted: ${firstBlock(outcomes, blocked)}` : `only ${open.size} of ${passivePorts.size} (${open}) are accepted, the others are blocked: ${firstBlock(outcomes, blocked)}`}.${helperNote}`;
    }
    return `${range}; they are open only in some cases: ${conditionText(outcomes)}.`;
  });

  const active = !server.active ? disabled(dataSource, `${server.wording.activeOff} turns active mode off.`) : combine(connection([
    firstDataPacket(model, walked, helper, 'OUTPUT', 'sport', 'the server\'s active data connection', dataSource),
    evaluatePacket(model, packet(walked, 'INPUT', 'ESTABLISHED', false, 'dport', 'a reply from the client'), dataSource),
    evaluatePacket(model, packet(walked, 'OUTPUT', 'ESTABLISHED', false, 'sport', 'the rest of the data connection'), dataSource),
  ], dataSource), dataSource, (open, blocked, outcomes) => {
    const from = fixedSource !== undefined ? `from port ${dataSource}` : `from a random port (${dataSource}), as ${server.wording.randomActiveSource}`;
    if (open.equals(dataSource)) return `The server connects to the client ${from}; the connection and its replies pass.`;
    const share = blockedShare(blocked, dataSource);
    if (!blocked.isEmpty) return `The server connects to the client ${from}, but ${share ? `from ${share} ` : ''}${firstBlock(outcomes, blocked)}.`;
    return `The server connects to the client ${from}; this works only in some cases: ${conditionText(outcomes)}.`;
  });

  const paths = { control, passive: announcedAfterDnat(passive, server, arrival), active, helper, server, firewall: model, controlPorts: { connect: connectPort, arrives } };
  const unknowns = [...(model.unknowns ?? []), ...(server.unknowns ?? [])];
  return unknowns.length ? withUnknowns(paths, unknowns) : paths;
}

/**
 * The paths when the firewall loads something the model does not know (an include of a file the
 * host does not hold): what it holds could accept or drop anything, so no verdict is certain.
 */
function withUnknowns(paths: HostPaths, unknowns: readonly UnknownPart[]): HostPaths {
  const [first] = unknowns;
  const uncertain = (verdict: PathVerdict): PathVerdict => verdict.verdict !== 'open' && verdict.verdict !== 'blocked' ? verdict : {
    ...verdict,
    verdict: 'conditional',
    reason: `${verdict.reason} But it depends on ${first!.why}, at ${where(first!.where)}.`,
    open: PortSet.EMPTY,
    blocked: PortSet.EMPTY,
    dependsOn: unknowns.map((u) => ({ why: u.why, where: u.where })),
  };
  return { ...paths, control: uncertain(paths.control), passive: uncertain(paths.passive), active: uncertain(paths.active) };
}
