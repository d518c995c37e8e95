import { cNumber } from '../core/c-number.js';
import type { Host } from '../host/host.js';
import { kernelAtLeast } from '../host/config.js';
import type { Location } from '../languages/iptables/ruleset.js';
import { switchSettings, sysctlNumber, type SwitchReading, type SysctlDocument } from '../languages/modules/documents.js';
import type { FirewallModel } from './firewall-model.js';
import { currentName, FTP_CONNTRACK_HELPER, FTP_NAT_HELPER } from '../languages/modules/module-names.js';
import type { ServerFacts } from './server-facts.js';
import { PortSet } from './port-set.js';
import { helperAssignedPorts, untrackedPorts } from './before-tracking.js';
import { newInbound } from './constraints.js';
import type { ClientSide } from './client-side.js';

/** How the firewall a model stands for was loaded, where a script or ufw loaded it. */
export interface WayLoaded {
  readonly path: string;
  /** The modules the script loads in this way. */
  readonly moduleNames: readonly string[];
  /** The sysctl file this way applies as it loads the rules (ufw-init's IPT_SYSCTL file, where ufw starts enabled). */
  readonly appliedSysctl?: SysctlDocument;
}

/** Whether the FTP conntrack helper turns this host's data connections into RELATED ones, and if not, why. */
export interface HelperState {
  works: boolean;
  missing?: 'module' | 'assignment' | 'ports' | 'tls' | 'tracking';
  explanation: string;
  assignedBy?: Location;
  /** Set when the helper works only in some cases (`works` says it may): on what that depends, and where. */
  perhaps?: { why: string; where: Location };
}

const where = (location: Location) => `${location.path.split('/').pop()}:${location.line + 1}`;

const ALL_PORTS = PortSet.range(1, 65535);

/**
 * The ports a control connection has: the one the client connects to, and the one the nat chains
 * send it to (the same when nothing translates it). Chains before NAT see the first, later ones the second.
 */
export interface ControlPorts { readonly connect: number; readonly arrives: number }

/**
 * Where the FTP helper is assigned to control connections: surely, only perhaps (with why), or
 * not at all (and then the ports it is assigned to, if any).
 */
function assignment(model: FirewallModel, ports: ControlPorts, clients: ClientSide | undefined): { rule?: Location; perhaps?: string; otherPort?: string; unreached?: Location } {
  const { before, after } = helperAssignedPorts(model, ALL_PORTS, clients);
  const surely = before.surely.has(ports.connect) || after.surely.has(ports.arrives);
  const maybe = before.maybe.has(ports.connect) || after.maybe.has(ports.arrives);
  const first = [...before.where, ...after.where][0];
  if (!first) {
    const written = model.helperAssigningChains().flatMap((chain) => chain.rules.filter((rule) => chain.picks(rule)))[0];
    return written ? { unreached: written.where } : {};
  }
  if (surely) return { rule: first };
  if (maybe) return { rule: first, perhaps: `whether the rule that assigns the FTP helper (${where(first!)}) sees the connection: an earlier rule may end the chain first, or it matches only some clients` };
  const toBefore = before.surely.union(before.maybe), toAfter = after.surely.union(after.maybe);
  if (toBefore.isEmpty && toAfter.isEmpty) return {};
  if (ports.connect === ports.arrives) return { otherPort: `to port ${toBefore.union(toAfter)}` };
  const parts = [
    ...(toBefore.isEmpty ? [] : [`to port ${toBefore} before NAT, where the connection still has port ${ports.connect}`]),
    ...(toAfter.isEmpty ? [] : [`to port ${toAfter} after NAT, where it has port ${ports.arrives}`]),
  ];
  return { otherPort: parts.join(', and ') };
}

/**
 * The helper reads the control connection only when it is tracked: a notrack that surely exempts
 * its first packet leaves the helper nothing to read; one that may makes it depend on that.
 */
function untrackedControl(model: FirewallModel, port: number, clients: ClientSide | undefined): { surely?: Location; perhaps?: Location } {
  const met = untrackedPorts(model, newInbound(model.family, clients), PortSet.range(port, port));
  const [first] = met.where;
  if (!met.surely.isEmpty) return { surely: first };
  return met.maybe.isEmpty ? {} : { perhaps: first };
}

/** How many ports nf_conntrack_ftp's `ports=` takes (MAX_PORTS in the module). */
const MAX_HELPER_PORTS = 8;

/**
 * The ports the module's `ports=` option gives it (21 by default), each read as the kernel reads
 * a module's number (kstrtou16 in base 0: `021` is port 17, `0x15` is 21). `refused`: an entry
 * the kernel does not take (no number, past 65535, a ninth port), which makes the module refuse to load.
 */
function helperPorts(host: Host): { ports: PortSet; refused?: string } {
  for (const modprobe of host.modprobe) {
    for (const o of modprobe.options) {
      if (currentName(o.module.value) !== FTP_CONNTRACK_HELPER) continue;
      const option = o.parameters.find((p) => p.value.startsWith('ports='))?.value;
      if (!option) continue;
      const entries = option.slice(6).split(',');
      const ports = entries.map((entry) => (/^\s/.test(entry) ? undefined : cNumber(entry)));
      const bad = ports.findIndex((port) => port === undefined || port > 65535);
      if (bad !== -1) return { ports: PortSet.of(), refused: `${option} holds "${entries[bad]}", which the kernel does not read as a port` };
      if (ports.length > MAX_HELPER_PORTS) return { ports: PortSet.of(), refused: `${option} lists ${ports.length} ports, and the module takes at most ${MAX_HELPER_PORTS}` };
      return { ports: PortSet.of(...ports.map((port) => [port!, port!] as const)) };
    }
  }
  return { ports: PortSet.range(21, 21) };
}

const HELPER_SWITCH = new Set(['net.netfilter.nf_conntrack_helper']);
/**
 * 0 and 1 read the same on every kernel; another number is on where the kernel takes any number
 * (proc_dointvec) and refused where it takes only 0 and 1 (later 5.x kernels), so it reads both ways.
 */
const helperReading: SwitchReading = (value) => {
  const number = sysctlNumber(value);
  return number === undefined ? [] : number === 0 || number === 1 ? [number === 1] : [true, false];
};
/** What a sysctl file sets net.netfilter.nf_conntrack_helper to, line by line. */
const helperSettings = (doc: SysctlDocument): Array<{ on: boolean; where: Location }> => switchSettings(doc, HELPER_SWITCH, helperReading);

/**
 * `loadedBy`: the way the firewall was loaded to leave `model`: the modules a script loads in it
 * (they stand for what the script file itself says in every way it can run), and the sysctl file
 * that way applies (ufw's, where ufw starts enabled).
 */
export function ftpHelperState(host: Host, model: FirewallModel, server: ServerFacts, loadedBy?: WayLoaded, control: ControlPorts = { connect: server.controlPort, arrives: server.controlPort }): HelperState {
  const port = control.arrives;
  const optional = server.tlsOptional;
  const blind = (base: HelperState): HelperState => server.tls
    ? { works: false, missing: 'tls', explanation: `${base.explanation}, but ${server.wording.tlsOn} encrypts the control connection, so the helper cannot read the PASV and PORT replies` }
    // Clients that choose TLS blind it: the helper works only perhaps.
    : optional && base.works && !base.perhaps ? { ...base, perhaps: { why: optional.why, where: { path: optional.where.file, range: optional.where.range, line: optional.where.range.start.line } } }
    : base;

  const clients = host.config.clientsFrom;
  // Connection tracking, and a notrack before it, come before NAT: they see the port the client used.
  const untracked = untrackedControl(model, control.connect, clients);
  const tracked = (base: HelperState): HelperState => {
    if (!base.works) return base;
    if (untracked.surely) return { works: false, missing: 'tracking', explanation: `${base.explanation}, but the notrack at ${where(untracked.surely)} exempts the control connection from connection tracking, so the helper never sees it` };
    if (untracked.perhaps && !base.perhaps) return { ...base, perhaps: { why: `whether the notrack at ${where(untracked.perhaps)} exempts the control connection from connection tracking`, where: untracked.perhaps } };
    return base;
  };

  const assigned = assignment(model, control, clients);
  if (assigned.rule) {
    const perhaps = assigned.perhaps ? { perhaps: { why: assigned.perhaps, where: assigned.rule } } : {};
    return tracked(blind({ works: true, explanation: `the FTP helper is assigned to the control port (${where(assigned.rule)})`, assignedBy: assigned.rule, ...perhaps }));
  }

  const isHelper = (name: string) => [FTP_CONNTRACK_HELPER, FTP_NAT_HELPER].includes(currentName(name));
  const loaded = host.moduleFiles.some(({ path, doc }) => path !== loadedBy?.path && doc.mentions.some((m) => (m.role === 'load' || m.role === 'alias-target') && isHelper(m.name.value)))
    || !!loadedBy?.moduleNames.some(isHelper);
  // ufw's own sysctl file (a known recipe for FTP behind ufw on kernels 4.7 to 5.x) counts in the ways ufw starts enabled.
  const firewallSysctl = loadedBy?.appliedSysctl ?? (host.firewallSysctl?.surely ? host.firewallSysctl.doc : undefined);
  const settings = [...host.sysctl, ...(firewallSysctl ? [firewallSysctl] : [])].flatMap(helperSettings);
  const sysctlOn = settings.some((s) => s.on);
  const kernel = host.config.kernel;
  const bySysctl = sysctlOn && kernelAtLeast(kernel, 4, 7) && !kernelAtLeast(kernel, 6, 0);
  const autoAssign = !kernelAtLeast(kernel, 4, 7) || bySysctl;
  // Files that set it both ways leave it to the order they are applied in, which is not followed here (ufw's is not ordered with systemd-sysctl's at all).
  const turnedOff = bySysctl ? settings.find((s) => !s.on) : undefined;
  const sysctlPerhaps = (state: HelperState): HelperState => (!turnedOff || !state.works || state.perhaps ? state : {
    ...state, perhaps: { why: `whether net.netfilter.nf_conntrack_helper ends up 1: the sysctl files set it both ways (${settings.map((s) => where(s.where)).join(', ')})`, where: turnedOff.where },
  });
  // Where the kernel assigns the helper by itself, a rule that assigns it elsewhere (or that no packet reaches) takes nothing away.
  if (!autoAssign && assigned.unreached) return { works: false, missing: 'assignment', explanation: `the rule that assigns the FTP helper (${where(assigned.unreached)}) never sees the first packet of a control connection: an earlier rule ends its chain for it` };
  if (!autoAssign && assigned.otherPort) return { works: false, missing: 'ports', explanation: `the firewall assigns the FTP helper ${assigned.otherPort}, ${control.connect === control.arrives ? `not to ${server.wording.controlPort} ${port}` : `so it never sees the control connection (clients connect to ${control.connect}, which NAT sends to ${port})`}` };
  if (!autoAssign) {
    return {
      works: false, missing: 'assignment',
      explanation: `${loaded ? 'the FTP helper module is loaded, but' : 'no rule assigns the FTP helper:'} since kernel 4.7 it is used only where a rule assigns it to port ${control.connect}${control.connect === port ? '' : `, where clients connect before NAT sends them to ${port}`} (iptables: -t raw -A PREROUTING -p tcp --dport ${control.connect} -j CT --helper ftp; nftables: ct helper set)`,
    };
  }
  if (!loaded) return { works: false, missing: 'module', explanation: `kernel ${kernel} would assign the FTP helper by itself, but no file loads nf_conntrack_ftp` };
  const watched = helperPorts(host);
  if (watched.refused) return { works: false, missing: 'module', explanation: `nf_conntrack_ftp refuses to load: its option ${watched.refused}` };
  if (!watched.ports.has(port)) return { works: false, missing: 'ports', explanation: `the FTP helper watches port${watched.ports.size === 1 ? '' : 's'} ${watched.ports}, not ${server.wording.controlPort} ${port} (options nf_conntrack_ftp ports=...)` };
  return tracked(blind(sysctlPerhaps({ works: true, explanation: `kernel ${kernel} assigns the loaded FTP helper to port ${port} by itself` })));
}
