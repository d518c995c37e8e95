import { LineIndex, type Range } from '../../core/text.js';
import type { FirewallFile, FirewallIntents, ForwardingSet } from '../../engine/firewall-file.js';
import type { FirewallModel } from '../../engine/firewall-model.js';
import type { Location } from '../iptables/ruleset.js';
import type { AddressFamily } from '../iptables/syntax.js';
import { nftablesModel } from '../nftables/firewall-model.js';
import { readNftRuleset, type NftRuleset } from '../nftables/ruleset.js';
import type { FirewalldDocument, ForwardPort, PortSpec, RichRule } from './document.js';
import { firewalldIntents, firewalldScriptIntents } from './intents.js';
import { STOCK_IPV6_POLICY } from './stock-ipv6-policy.js';
import { nearestNames } from '../../core/nearest-names.js';
import { combinedModel } from '../../engine/combined-model.js';
import { directModel } from './direct.js';
import STOCK from './stock-catalogue.json';
import { applySaved, firewalldScriptState, unknownRulesOf, type FirewalldScriptCommand, type Service, type Zone } from './script-commands.js';
import type { FirewallVariant } from '../iptables/document.js';

/*
 * firewalld's configuration lowered into the nftables ruleset firewalld 1.3 loads for it (its
 * filter_INPUT chain, the zone dispatch, each zone's deny and allow chains, helper objects),
 * written as nft text and read by ftpwall's nftables reader, every rule shown at the XML element
 * it comes from. Only what decides FTP's paths is written: services, ports, rich rules, targets,
 * helpers, sources and interfaces. firewalld filters nothing going out.
 */

interface Helper { module: string; ports: PortSpec[] }

/** What firewalld says about the host's files read together: a name that is nowhere (refused), a default zone it replaces (warned). */
export interface FirewalldHostProblem {
  readonly path: string; readonly range: Range; readonly message: string; readonly refused: boolean;
  /** Accepted and kept, but it never applies. */
  readonly unused?: boolean;
  /** The nearest name that exists, written where the wrong one is. */
  readonly replacement?: { readonly title: string; readonly newText: string };
}

/** A host's firewalld, every rule of it placed where its configuration says it. */
export type FirewalldFirewall = FirewallFile & { readonly refused: boolean; readonly hostProblems: readonly FirewalldHostProblem[] };

const START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function stockPorts(list: readonly string[]): PortSpec[] {
  return list.flatMap((text) => {
    const [port = '', protocol = ''] = text.split('/');
    const [low, high = low] = port.split('-');
    return port ? [{ min: Number(low), max: Number(high), protocol }] : [];
  });
}

/** A port or range as nft writes it: "21", "40000-40100". */
const portText = (port: PortSpec) => (port.min === port.max ? `${port.min}` : `${port.min}-${port.max}`);
/** The nft text of a port match: "tcp dport 21", "tcp dport 40000-40100". */
const portMatch = (port: PortSpec) => `${port.protocol} dport ${portText(port)}`;

/** The nft statement a `<forward-port>` stands for; a `to-port` range is written with a dash in both. */
function forwardStatement(forward: ForwardPort): string {
  const port = forward.toPort?.replace(':', '-');
  if (!forward.toAddress) return port ? `redirect to :${port}` : 'redirect';
  return `dnat ip to ${forward.toAddress}${port ? `:${port}` : ''}`;
}

/** A program of nft lines, each with the place in the configuration it stands for. */
class Lowering {
  readonly lines: string[] = [];
  readonly origins: Location[] = [];
  add(line: string, origin: Location): void { this.lines.push(line); this.origins.push(origin); }
}

/**
 * The firewall firewalld loads from a host's files, or undefined when the host holds none of
 * them. When any file is refused, firewalld runs its stock configuration instead (measured with
 * firewalld 1.3.3: "Failed to load user configuration. Falling back to full stock configuration"),
 * and so does this.
 */
/** Scripts that run firewall-cmd: each with the commands every way through it runs, and those only some ways run. */
export interface FirewalldScripts {
  path: string; text: string; commands: readonly FirewalldScriptCommand[]; someWays: readonly FirewalldScriptCommand[];
  /** Where firewalld is turned off (a kickstart's `firewall --disabled`). */
  disabledAt?: Location;
  /** How fixes are written into this file, when not as firewall-cmd lines (a kickstart's `firewall` command). */
  intents?: FirewallIntents;
}

export function firewalldFirewall(docs: readonly FirewalldDocument[], scripts: readonly FirewalldScripts[] = []): FirewalldFirewall | undefined {
  if (docs.length === 0 && scripts.length === 0) return undefined;
  const disabledAt = scripts.find((s) => s.disabledAt)?.disabledAt;
  if (disabledAt) return disabledFirewall(disabledAt, scripts[0]!);
  const hostProblems = namesNowhere(docs);
  const refusedBy = docs.find((d) => d.problems.some((p) => p.refused)) ?? (hostProblems.some((p) => p.refused) ? docs.find((d) => d.path === hostProblems.find((p) => p.refused)!.path) : undefined);
  const conf = docs.find((d) => d.fileKind === 'conf');
  // Without firewalld's files, what firewalld does as installed is shown at the script's first firewall-cmd command.
  const firstCommand = scripts[0]?.commands[0] ?? scripts[0]?.someWays[0];
  const anchor = conf ?? docs.find((d) => d.fileKind === 'zone') ?? docs[0];
  const confAt: Location = anchor ? { path: anchor.path, line: 0, range: START } : firstCommand ? { path: firstCommand.path, line: firstCommand.line, range: firstCommand.range } : { path: scripts[0]!.path, line: 0, range: START };
  const defaultSetting = conf?.settings?.filter((s) => s.name === 'DefaultZone').at(-1);
  const defaultAt: Location = defaultSetting ? { path: conf!.path, line: defaultSetting.line, range: defaultSetting.value.range } : confAt;
  const own = (kind: FirewalldDocument['fileKind']) => (refusedBy ? [] : docs.filter((d) => d.fileKind === kind));

  const services = new Map<string, Service>(Object.entries(STOCK.services).map(([name, s]) => [name, { ports: stockPorts(s.ports), helpers: s.helpers, includes: s.includes }]));
  for (const d of own('service')) if (d.service) services.set(d.name, { ...d.service, includes: d.service.includes.map((i) => i.value) });
  const helpers = new Map<string, Helper>(Object.entries(STOCK.helpers).map(([name, h]) => [name, { module: h.module, ports: stockPorts(h.ports) }]));
  for (const d of own('helper')) if (d.helper) helpers.set(d.name, d.helper);

  // Every zone, stock ones replaced by the host's; each with the place its rules are shown at.
  const zones = new Map<string, Zone>();
  for (const [name, z] of Object.entries(STOCK.zones)) {
    zones.set(name, { name, target: z.target, targetAt: defaultAt, services: z.services.map((s) => ({ name: s, at: defaultAt })), ports: stockPorts(z.ports).map((port) => ({ port, at: defaultAt })), interfaces: [], sources: [], ipsets: [], protocols: [], sourcePorts: [], rules: [], forwardPorts: [], ...(z.forward ? { forward: defaultAt } : {}), ...(z.masquerade ? { masquerade: defaultAt } : {}) });
  }
  for (const d of own('zone')) {
    const z = d.zone;
    if (!z) continue;
    const rootAt: Location = { path: d.path, line: d.xml?.root?.range.start.line ?? 0, range: d.xml?.root?.range ?? START };
    zones.set(d.name, {
      name: d.name, target: z.target?.value ?? 'default', targetAt: z.target?.where ?? rootAt,
      services: z.services.map((s) => ({ name: s.value, at: s.where })), ports: z.ports.map((p) => ({ port: p.value, at: p.where })),
      interfaces: z.interfaces.map((i) => ({ name: i.value, at: i.where })), sources: z.sources.map((s) => ({ address: s.value, at: s.where })),
      ipsets: z.sourceIpsets.map((s) => ({ name: s.value, at: s.where })), rules: z.rules,
      protocols: z.protocols.map((p) => ({ name: p.value, at: p.where })), sourcePorts: z.sourcePorts.map((p) => ({ port: p.value, at: p.where })),
      ...(z.forward ? { forward: z.forward.where } : {}), ...(z.masquerade ? { masquerade: z.masquerade.where } : {}),
      forwardPorts: z.forwardPorts.map((f) => ({ port: f.value, at: f.where })),
    });
  }

  // A default zone that does not exist: firewalld says so and uses public.
  let defaultZone = refusedBy ? 'public' : defaultSetting?.value.value || 'public';
  if (!zones.has(defaultZone)) {
    hostProblems.push({ path: defaultAt.path, range: defaultAt.range, message: `ERROR: Default zone '${defaultZone}' is not valid. Using 'public'.`, refused: false });
    defaultZone = 'public';
  }
  // The scripts' firewall-cmd commands change the saved configuration, in the order they run.
  const config = { zones, services, defaultZone: { name: defaultZone, at: defaultAt } };
  const unknownRules = scripts.flatMap((script) => {
    const state = firewalldScriptState(script.commands);
    const lost = state.runtimeOnly.map((where) => ({ where, why: 'whether firewalld has been reloaded (or the host restarted) since: firewall-cmd without --permanent changed only the running firewall' }));
    const partial = script.someWays.map((c) => ({ where: { path: c.path, line: c.line, range: c.range }, why: 'whether this firewall-cmd command runs: only some ways through the script reach it' }));
    return unknownRulesOf([...state.unknown, ...applySaved(config, state), ...lost, ...partial]);
  });
  defaultZone = config.defaultZone.name;
  const zoneDispatchAt = config.defaultZone.at;
  // ipsets: their entries become named sets; one whose addresses the files do not fix is a membership ftpwall cannot tell.
  const ipsets = new Map(own('ipset').flatMap((d) => (d.ipset ? [[d.name, d.ipset] as const] : [])));
  const knownIpset = (name: string) => { const set = ipsets.get(name); return !!set && !set.dynamic && !set.unread && (set.type === 'hash:ip' || set.type === 'hash:net'); };
  const ipsetWhy = (name: string) => (!ipsets.has(name) ? `which addresses the ipset '${name}' holds (no ipsets/${name}.xml in this host)` : ipsets.get(name)!.dynamic ? `which addresses the ipset '${name}' holds (it has a timeout: its entries are added at runtime)` : `what the ipset '${name}' (${ipsets.get(name)!.type}) matches`);
  for (const zone of refusedBy ? [] : zones.values()) for (const i of zone.ipsets) if (!knownIpset(i.name)) unknownRules.push(...unknownRulesOf([{ where: i.at, why: ipsetWhy(i.name) }]));
  for (const d of own('zone')) for (const mac of d.zone?.sourceMacs ?? []) unknownRules.push(...unknownRulesOf([{ where: mac.where, why: `whether the clients come from the hardware address ${mac.value}, bound to zone '${d.name}'` }]));
  const referencedIpsets = new Set<string>();
  const ipsetFamily = (name: string) => (ipsets.get(name)?.family === 'ipv6' ? 'ip6' : 'ip');

  const program = new Lowering();
  const usedHelpers = new Map<string, Helper>();
  const helperObject = (name: string) => `helper-${name}-tcp`;
  /** A service's ports and helpers, its includes followed. */
  const serviceParts = (name: string, seen = new Set<string>()): { ports: PortSpec[]; helpers: string[] } => {
    const service = services.get(name);
    if (!service || seen.has(name)) return { ports: [], helpers: [] };
    seen.add(name);
    const included = service.includes.map((i) => serviceParts(i, seen));
    return { ports: [...service.ports, ...included.flatMap((i) => i.ports)], helpers: [...service.helpers, ...included.flatMap((i) => i.helpers)] };
  };
  /** The allow-chain lines of a service: its helpers assigned on the helpers' own ports, then its ports accepted. */
  const serviceLines = (name: string, at: Location, prefix: string) => {
    const parts = serviceParts(name);
    for (const helperName of parts.helpers) {
      const helper = helpers.get(helperName);
      if (!helper || !/nf_conntrack_ftp$/.test(helper.module)) continue;
      usedHelpers.set(helperName, helper);
      // The assignment carries no address: firewalld writes it without the rich rule's source.
      for (const port of helper.ports) if (port.protocol === 'tcp') program.add(`\t\t${portMatch(port)} ct helper set "${helperObject(helperName)}"`, at);
    }
    for (const port of parts.ports) program.add(`\t\t${prefix}${portMatch(port)} accept`, at);
  };
  const addressMatch = (family: string | undefined, side: 'saddr' | 'daddr', a: { address: string; invert: boolean; ipset?: boolean }) => {
    if (a.ipset) referencedIpsets.add(a.address);
    return `${(a.ipset ? ipsetFamily(a.address) === 'ip6' : family === 'ipv6') ? 'ip6' : 'ip'} ${side} ${a.invert ? '!= ' : ''}${a.ipset ? `@${a.address}` : a.address} `;
  };
  const richPrefix = (rule: RichRule) => `${rule.source ? addressMatch(rule.family, 'saddr', rule.source) : ''}${rule.destination ? addressMatch(rule.family, 'daddr', rule.destination) : ''}${!rule.source && !rule.destination && rule.family ? `meta nfproto ${rule.family} ` : ''}`;
  const richLines = (rule: RichRule, verdict: string) => {
    // A rule by hardware address, or by an ipset whose addresses are not known, is one ftpwall cannot tell the clients meet.
    const unknownSet = [rule.source, rule.destination].find((a) => a?.ipset && !knownIpset(a.address));
    if (rule.source?.mac || unknownSet || rule.unread) {
      const why = rule.unread ? `what the rich rule's <${rule.unread}> does (ftpwall does not follow it)` : rule.source?.mac ? `whether the clients come from the hardware address ${rule.source.address}` : ipsetWhy(unknownSet!.address);
      unknownRules.push(...unknownRulesOf([{ where: rule.where, why }]));
      return;
    }
    const prefix = `${richPrefix(rule)}${rule.sourcePort ? `${rule.sourcePort.protocol} sport ${portText(rule.sourcePort)} ` : ''}`;
    if (rule.protocol !== undefined) { program.add(`\t\t${prefix}meta l4proto ${rule.protocol} ${verdict}`, rule.where); return; }
    if (rule.service !== undefined) {
      if (verdict === 'accept') { serviceLines(rule.service, rule.where, prefix); return; }
      for (const port of serviceParts(rule.service).ports) program.add(`\t\t${prefix}${portMatch(port)} ${verdict}`, rule.where);
      return;
    }
    if (rule.port) program.add(`\t\t${prefix}${portMatch(rule.port)} ${verdict}`, rule.where);
    else if (prefix) program.add(`\t\t${prefix}${verdict}`, rule.where);
  };

  program.add('table inet firewalld {', confAt);
  const helperLines = program.lines.length;
  program.add('\tchain filter_INPUT {', confAt);
  program.add('\t\ttype filter hook input priority filter + 10; policy accept;', confAt);
  program.add('\t\tct state { established, related } accept', confAt);
  program.add('\t\tct status dnat accept', confAt);
  program.add('\t\tiifname "lo" accept', confAt);
  program.add('\t\tct state invalid drop', confAt);
  program.add('\t\tjump filter_INPUT_ZONES', confAt);
  program.add('\t\treject with icmpx admin-prohibited', confAt);
  program.add('\t}', confAt);
  // Which zone a connection meets: by its source address first, then by the interface it comes in on, else the default zone.
  const bound = refusedBy ? [] : [...zones.values()];
  /** A chain that sends each packet to its zone's chain: by source address first, then by interface, else the default zone (going out: by destination and outgoing interface). */
  const dispatch = (name: string, prefix: string, out = false) => {
    program.add(`\tchain ${name} {`, confAt);
    for (const zone of bound) for (const s of zone.sources) program.add(`\t\t${s.address.includes(':') ? 'ip6' : 'ip'} ${out ? 'daddr' : 'saddr'} ${s.address} goto ${prefix}${zone.name}`, s.at);
    for (const zone of bound) for (const i of zone.ipsets) { referencedIpsets.add(i.name); program.add(`\t\t${ipsetFamily(i.name)} ${out ? 'daddr' : 'saddr'} @${i.name} goto ${prefix}${zone.name}`, i.at); }
    for (const zone of bound) for (const i of zone.interfaces) program.add(`\t\t${out ? 'oifname' : 'iifname'} "${i.name}" goto ${prefix}${zone.name}`, i.at);
    program.add(`\t\tgoto ${prefix}${defaultZone}`, zoneDispatchAt);
    program.add('\t}', confAt);
  };
  dispatch('filter_INPUT_ZONES', 'filter_IN_');
  for (const zone of zones.values()) {
    const chain = `filter_IN_${zone.name}`;
    program.add(`\tchain ${chain} {`, zone.targetAt);
    program.add('\t\tjump filter_INPUT_POLICIES_pre', zone.targetAt);
    program.add(`\t\tjump ${chain}_deny`, zone.targetAt);
    program.add(`\t\tjump ${chain}_allow`, zone.targetAt);
    program.add('\t\tjump filter_INPUT_POLICIES_post', zone.targetAt);
    if (zone.target === 'ACCEPT') program.add('\t\taccept', zone.targetAt);
    else if (zone.target === 'DROP') program.add('\t\tdrop', zone.targetAt);
    else {
      if (zone.target !== '%%REJECT%%') program.add('\t\tmeta l4proto { icmp, ipv6-icmp } accept', zone.targetAt);
      program.add('\t\treject with icmpx admin-prohibited', zone.targetAt);
    }
    program.add('\t}', zone.targetAt);
    program.add(`\tchain ${chain}_deny {`, zone.targetAt);
    for (const rule of zone.rules) if (!rule.ignored && (rule.action === 'reject' || rule.action === 'drop')) richLines(rule, rule.action === 'reject' ? 'reject' : 'drop');
    program.add('\t}', zone.targetAt);
    program.add(`\tchain ${chain}_allow {`, zone.targetAt);
    for (const s of zone.services) serviceLines(s.name, s.at, '');
    for (const p of zone.ports) program.add(`\t\t${portMatch(p.port)} accept`, p.at);
    for (const p of zone.protocols) program.add(`\t\tmeta l4proto ${p.name} accept`, p.at);
    // A rule whose only effect is an element the lowering does not follow (a forward port, masquerade) has no action to lower.
    for (const rule of zone.rules) if (!rule.ignored && rule.unread && !rule.action) unknownRules.push(...unknownRulesOf([{ where: rule.where, why: `what the rich rule's <${rule.unread}> does (ftpwall does not follow it)` }]));
    for (const p of zone.sourcePorts) program.add(`\t\t${p.port.protocol} sport ${portText(p.port)} accept`, p.at);
    for (const rule of zone.rules) if (!rule.ignored && rule.action === 'accept') richLines(rule, 'accept');
    program.add('\t}', zone.targetAt);
  }
  // Policies to this host (egress HOST) and from it (ingress HOST): each its own chain (its rules,
  // then its target), jumped to before the zone's rules (priority below 0) or after them (above),
  // in priority order. Measured with firewalld 1.3.3: a policy from (or to) a named zone applies
  // only to what comes in on (goes out through) that zone's interfaces or sources; a zone with
  // none bound gets no jump at all. Going out, nothing but the policies filters.
  const policiesBy = (side: 'ingress' | 'egress') => own('policy').filter((d) => d.policy?.[side].some((z) => z.value === 'HOST')).sort((a, b) => a.policy!.priority - b.policy!.priority);
  const inbound = policiesBy('egress'), outbound = policiesBy('ingress');
  // Policies between zones (neither side HOST) filter what this host forwards.
  const forwarding = own('policy').filter((d) => d.policy && !d.policy.ingress.some((z) => z.value === 'HOST') && !d.policy.egress.some((z) => z.value === 'HOST')).sort((a, b) => a.policy!.priority - b.policy!.priority);
  for (const d of inbound) {
    const ingress = d.policy!.ingress;
    const applies = ingress.some((i) => i.value === 'ANY' || i.value === 'HOST' || (zones.get(i.value)?.interfaces.length ?? 0) + (zones.get(i.value)?.sources.length ?? 0) > 0);
    if (applies || ingress.length === 0) continue;
    const names = ingress.map((i) => `'${i.value}'`).join(', ');
    const first = ingress[0]!;
    hostProblems.push({ path: first.where.path, range: first.where.range, refused: false, unused: true, message: `Policy '${d.name}' never applies: no interface or source is bound to ${ingress.length === 1 ? 'zone' : 'zones'} ${names}, and firewalld sends a policy only what comes in through its zones' bindings (even the default zone's traffic does not reach it).` });
  }
  /** The matches that say a packet comes in through (`in`) or goes out through (`out`) a zone: '' for ANY. */
  const bindings = (zoneName: string, side: 'in' | 'out'): string[] => {
    if (zoneName === 'ANY') return [''];
    const zone = zones.get(zoneName);
    const address = side === 'in' ? 'saddr' : 'daddr';
    return [
      ...(zone?.interfaces ?? []).map((i) => `${side === 'in' ? 'iifname' : 'oifname'} "${i.name}" `),
      ...(zone?.sources ?? []).map((s) => `${s.address.includes(':') ? 'ip6' : 'ip'} ${address} ${s.address} `),
      ...(zone?.ipsets ?? []).map((set) => { referencedIpsets.add(set.name); return `${ipsetFamily(set.name)} ${address} @${set.name} `; }),
    ];
  };
  const direction = {
    IN: { list: inbound, hook: 'INPUT', matches: (p: NonNullable<FirewalldDocument['policy']>) => p.ingress.flatMap((z) => bindings(z.value, 'in').map((m) => ({ m, at: z.where }))) },
    OUT: { list: outbound, hook: 'OUTPUT', matches: (p: NonNullable<FirewalldDocument['policy']>) => p.egress.flatMap((z) => bindings(z.value, 'out').map((m) => ({ m, at: z.where }))) },
    FWD: { list: forwarding, hook: 'FORWARD', matches: (p: NonNullable<FirewalldDocument['policy']>) => p.ingress.flatMap((i) => bindings(i.value, 'in').flatMap((a) => p.egress.flatMap((e) => bindings(e.value, 'out').map((b) => ({ m: `${a}${b}`, at: i.where }))))) },
  } as const;
  // firewalld's own policy that lets the host's IPv6 neighbours find it, unless a host file of its name replaces it.
  const stockIpv6 = !own('policy').some((d) => d.name === STOCK_IPV6_POLICY.name);
  for (const [way, { list, hook, matches }] of Object.entries(direction)) {
    for (const [name, before] of [[`filter_${hook}_POLICIES_pre`, true], [`filter_${hook}_POLICIES_post`, false]] as const) {
      program.add(`\tchain ${name} {`, confAt);
      let stockJump = way === 'IN' && before && stockIpv6;
      for (const d of list.filter((p) => (p.policy!.priority < 0) === before)) {
        if (stockJump && d.policy!.priority > STOCK_IPV6_POLICY.priority) { program.add(`\t\tjump filter_IN_policy_${STOCK_IPV6_POLICY.name}`, confAt); stockJump = false; }
        for (const { m, at } of matches(d.policy!)) program.add(`\t\t${m}jump filter_${way}_policy_${d.name}`, at);
      }
      if (stockJump) program.add(`\t\tjump filter_IN_policy_${STOCK_IPV6_POLICY.name}`, confAt);
      program.add('\t}', confAt);
    }
    if (way === 'IN' && stockIpv6) {
      program.add(`\tchain filter_IN_policy_${STOCK_IPV6_POLICY.name} {`, confAt);
      for (const type of STOCK_IPV6_POLICY.accepts) program.add(`\t\ticmpv6 type ${type} accept`, confAt);
      program.add('\t}', confAt);
    }
    for (const d of list) {
      const policy = d.policy!;
      const at = policy.target?.where ?? { path: d.path, line: d.xml?.root?.range.start.line ?? 0, range: d.xml?.root?.range ?? START };
      program.add(`\tchain filter_${way}_policy_${d.name} {`, at);
      for (const rule of policy.rules) if (!rule.ignored && (rule.action === 'reject' || rule.action === 'drop')) richLines(rule, rule.action === 'reject' ? 'reject' : 'drop');
      for (const service of policy.services) serviceLines(service.value, service.where, '');
      for (const port of policy.ports) program.add(`\t\t${portMatch(port.value)} accept`, port.where);
      for (const rule of policy.rules) if (!rule.ignored && rule.action === 'accept') richLines(rule, 'accept');
      const target = policy.target?.value ?? 'CONTINUE';
      if (target === 'ACCEPT') program.add('\t\taccept', at);
      else if (target === 'DROP') program.add('\t\tdrop', at);
      else if (target === 'REJECT') program.add('\t\treject with icmpx admin-prohibited', at);
      program.add('\t}', at);
    }
  }
  // What this host routes (measured with firewalld 1.3.3): replies and forwarded ports (DNAT) pass,
  // then the ingress zone's chain: the policies between zones, forwarding within the zone
  // (`<forward/>`: out through the zone's own interfaces and sources), the zone's target.
  program.add('\tchain filter_FORWARD {', confAt);
  program.add('\t\ttype filter hook forward priority filter + 10; policy accept;', confAt);
  program.add('\t\tct state { established, related } accept', confAt);
  program.add('\t\tct status dnat accept', confAt);
  program.add('\t\tiifname "lo" accept', confAt);
  program.add('\t\tct state invalid drop', confAt);
  program.add('\t\tjump filter_FORWARD_ZONES', confAt);
  program.add('\t\treject with icmpx admin-prohibited', confAt);
  program.add('\t}', confAt);
  dispatch('filter_FORWARD_ZONES', 'filter_FWD_');
  for (const zone of zones.values()) {
    program.add(`\tchain filter_FWD_${zone.name} {`, zone.targetAt);
    program.add('\t\tjump filter_FORWARD_POLICIES_pre', zone.targetAt);
    if (zone.forward) for (const m of bindings(zone.name, 'out')) program.add(`\t\t${m}accept`, zone.forward);
    program.add('\t\tjump filter_FORWARD_POLICIES_post', zone.targetAt);
    program.add(zone.target === 'ACCEPT' ? '\t\taccept' : zone.target === 'DROP' ? '\t\tdrop' : '\t\treject with icmpx admin-prohibited', zone.targetAt);
    program.add('\t}', zone.targetAt);
  }
  // Forwarded ports are translated before filtering, for what comes in through their zone: as
  // firewalld writes them, a redirect where no to-addr is given, a dnat where one is. Masquerade
  // gives what goes out through its zone this host's address.
  const translating = [...zones.values()].some((zone) => zone.forwardPorts.length || zone.masquerade);
  if (translating) {
    program.add('\tchain nat_PREROUTING {', confAt);
    program.add('\t\ttype nat hook prerouting priority dstnat + 10; policy accept;', confAt);
    program.add('\t\tjump nat_PREROUTING_ZONES', confAt);
    program.add('\t}', confAt);
    dispatch('nat_PREROUTING_ZONES', 'nat_PRE_');
    program.add('\tchain nat_POSTROUTING {', confAt);
    program.add('\t\ttype nat hook postrouting priority srcnat + 10; policy accept;', confAt);
    program.add('\t\tjump nat_POSTROUTING_ZONES', confAt);
    program.add('\t}', confAt);
    dispatch('nat_POSTROUTING_ZONES', 'nat_POST_', true);
    for (const zone of zones.values()) {
      program.add(`\tchain nat_PRE_${zone.name} {`, zone.targetAt);
      for (const f of zone.forwardPorts) program.add(`\t\t${portMatch(f.port)} ${forwardStatement(f.port)}`, f.at);
      program.add('\t}', zone.targetAt);
      program.add(`\tchain nat_POST_${zone.name} {`, zone.targetAt);
      if (zone.masquerade) program.add('\t\tmeta nfproto ipv4 oifname != "lo" masquerade', zone.masquerade);
      program.add('\t}', zone.targetAt);
    }
  }
  program.add('\tchain filter_OUTPUT {', confAt);
  program.add('\t\ttype filter hook output priority filter + 10; policy accept;', confAt);
  program.add('\t\tct state { established, related } accept', confAt);
  program.add('\t\toifname "lo" accept', confAt);
  program.add('\t\tjump filter_OUTPUT_POLICIES_pre', confAt);
  program.add('\t\tjump filter_OUTPUT_POLICIES_post', confAt);
  program.add('\t}', confAt);
  program.add('}', confAt);
  // The helper objects the services use, at the top of the table (their lines are shown at the table's).
  const objects = [...usedHelpers.keys()].flatMap((name) => [`\tct helper ${helperObject(name)} {`, '\t\ttype "ftp" protocol tcp', '\t\tl3proto inet', '\t}']);
  // The ipsets the rules name, as firewalld writes them: a named set of the ipset's family with its known entries (an unknown one empty).
  for (const name of referencedIpsets) {
    const set = ipsets.get(name);
    const entries = set && knownIpset(name) ? set.entries.map((e) => e.value) : [];
    objects.push(`\tset ${name} {`, `\t\ttype ${ipsetFamily(name) === 'ip6' ? 'ipv6_addr' : 'ipv4_addr'}`, '\t\tflags interval', ...(entries.length ? [`\t\telements = { ${entries.join(', ')} }`] : []), '\t}');
  }
  program.lines.splice(helperLines, 0, ...objects);
  program.origins.splice(helperLines, 0, ...objects.map(() => confAt));

  const text = program.lines.join('\n') + '\n';
  const ruleset = readNftRuleset(text, '<firewalld>');
  relocate(ruleset, program.origins);
  const models = new Map<AddressFamily, FirewallModel | undefined>();
  const shownZone = docs.find((d) => d.fileKind === 'zone' && d.name === defaultZone && !refusedBy);
  const shown: { path: string; text: string; lines?: LineIndex } = shownZone ?? refusedBy ?? conf ?? docs[0] ?? scripts[0]!;
  const model = (family: AddressFamily) => {
    if (!models.has(family)) {
      const direct = refusedBy ? undefined : docs.find((d) => d.direct)?.direct;
      const nft = nftablesModel(ruleset, family);
      const beside = direct && directModel(direct, family);
      models.set(family, nft && beside ? combinedModel([beside, nft]) : nft);
    }
    return models.get(family);
  };
  // What the scripts do that ftpwall does not follow makes the verdicts it touches conditional.
  const variant: FirewallVariant = { rulesets: [], decisions: [], unknownRules, moduleLoads: [], model };
  const setsForwarding = forwardingTurnedOn(zones, defaultZone, own('policy'));
  return {
    path: shown.path, text: shown.text, lines: shown.lines ?? new LineIndex(shown.text), family: 'ipv4', refused: !!refusedBy, hostProblems, model,
    ...(setsForwarding.length ? { setsForwarding } : {}),
    ...(unknownRules.length ? { variants: { list: [variant], complete: true } } : {}),
    intents: !shownZone && shown === scripts[0] ? scripts[0].intents ?? scriptIntents(scripts[0]) : firewalldIntents(shownZone, own('zone').find((d) => d.zone?.forwardPorts.some((f) => f.value.toAddress)), { files: own('policy'), ...policiesFolder(docs) }),
  };
}


/** Where firewalld reads its policies (/etc/firewalld/policies), beside the folders of the host's other firewalld files. */
function policiesFolder(docs: readonly FirewalldDocument[]): { folder?: string } {
  const folder = docs.map((d) => /^(.*)\/(?:zones|policies|services|helpers|ipsets|icmptypes)\/[^/]+\.xml$/.exec(d.path)?.[1]).find((f) => f !== undefined);
  return folder === undefined ? {} : { folder: `${folder}/policies` };
}

/**
 * Whether firewalld turns forwarding on as it starts, for each family. Read in firewalld 1.3.3's
 * source (fw_policy.py): a zone's masquerade turns IPv4 forwarding on, a forward port to another
 * address turns on the family of that address; firewalld applies the default zone and the zones
 * something is bound to, and never the others. Rich rules that masquerade or forward (of either
 * family unless they say), and policies' own masquerade and forward ports, are not followed here,
 * so they make it only perhaps.
 */
function forwardingTurnedOn(zones: ReadonlyMap<string, Zone>, defaultZone: string, policies: readonly FirewalldDocument[]): ForwardingSet[] {
  const applied = [...zones.values()].filter((z) => z.name === defaultZone || z.interfaces.length + z.sources.length + z.ipsets.length > 0);
  const translating = new Set(['masquerade', 'forward-port']);
  const turnedOn = (family: AddressFamily): ForwardingSet | undefined => {
    const sure = (at: Location, why: string): ForwardingSet => ({ family, on: true, afterSysctlFiles: true, at, surely: true, why: `firewalld turns it on: ${why}` });
    const perhaps = (at: Location, why: string): ForwardingSet => ({ family, on: true, afterSysctlFiles: true, at, surely: false, why });
    for (const zone of applied) {
      if (zone.masquerade && family === 'ipv4') return sure(zone.masquerade, `zone '${zone.name}' masquerades`);
      const forward = zone.forwardPorts.find((f) => f.port.toAddress && f.port.toAddress.includes(':') === (family === 'ipv6'));
      if (forward) return sure(forward.at, `zone '${zone.name}' forwards port ${portText(forward.port)} to ${forward.port.toAddress}`);
    }
    for (const zone of applied) {
      const rule = zone.rules.find((r) => !r.ignored && r.unread && translating.has(r.unread));
      if (rule) return perhaps(rule.where, `firewalld may turn it on: zone '${zone.name}' has a rich rule with <${rule.unread}>`);
    }
    for (const d of policies) {
      const element = d.xml?.root?.children.find((c) => translating.has(c.name));
      if (element) return perhaps({ path: d.path, line: element.range.start.line, range: element.range }, `firewalld turns it on if policy '${d.name}' is active: it has <${element.name}>`);
    }
    return undefined;
  };
  return (['ipv4', 'ipv6'] as const).map(turnedOn).filter((s): s is ForwardingSet => !!s);
}

/** firewalld turned off: nothing it loads stops a packet. */
function disabledFirewall(at: Location, script: FirewalldScripts): FirewalldFirewall {
  const text = 'table inet firewalld {\n\tchain filter_INPUT {\n\t\ttype filter hook input priority filter + 10; policy accept;\n\t}\n}\n';
  const ruleset = readNftRuleset(text, '<firewalld>');
  relocate(ruleset, text.split('\n').map(() => at));
  return { path: script.path, text: script.text, lines: new LineIndex(script.text), family: 'ipv4', refused: false, hostProblems: [], model: (family) => nftablesModel(ruleset, family), intents: script.intents ?? firewalldIntents(undefined) };
}

/** Fixes for firewalld configured by a script: a command after its last firewall-cmd command that changed the saved configuration. */
function scriptIntents(script: FirewalldScripts): FirewallIntents {
  const state = firewalldScriptState(script.commands);
  const lines = state.saved.filter((s) => s.where.path === script.path).map((s) => s.where.line);
  const own = script.commands.filter((c) => c.path === script.path).map((c) => c.line);
  return firewalldScriptIntents({ lines: new LineIndex(script.text), afterLine: Math.max(...(lines.length ? lines : own)) });
}

/**
 * Names the host's files use that exist nowhere, as firewalld refuses them: a zone's service
 * neither in the catalogue nor among the host's services, a service's include likewise.
 */
function namesNowhere(docs: readonly FirewalldDocument[]): FirewalldHostProblem[] {
  const known = new Set([...Object.keys(STOCK.services), ...docs.filter((d) => d.fileKind === 'service' && d.service).map((d) => d.name)]);
  // A policy names zones, or ANY (every zone) and HOST (this machine).
  const zoneNames = new Set([...Object.keys(STOCK.zones), ...docs.filter((d) => d.fileKind === 'zone').map((d) => d.name), 'ANY', 'HOST']);
  const problems: FirewalldHostProblem[] = [];
  for (const d of docs) {
    for (const s of d.zone?.services ?? []) {
      if (known.has(s.value)) continue;
      const [near] = nearestNames(s.value, known, 1);
      problems.push({
        path: d.path, range: s.where.range, refused: true,
        message: `Configuration error: INVALID_SERVICE: Zone '${d.name}': '${s.value}' not among existing services${near ? `; did you mean "${near}"?` : ''}`,
        ...(near ? { replacement: { title: `Use the service "${near}"`, newText: `name="${near}"` } } : {}),
      });
    }
    for (const z of [...d.policy?.ingress ?? [], ...d.policy?.egress ?? []]) {
      if (!zoneNames.has(z.value)) problems.push({ path: d.path, range: z.where.range, message: `Configuration error: INVALID_ZONE: Policy '${d.name}': '${z.value}' not among existing zones`, refused: true });
    }
    for (const i of d.service?.includes ?? []) {
      if (!known.has(i.value)) problems.push({ path: d.path, range: i.where.range, message: `Configuration error: INVALID_SERVICE: Service '${d.name}': Included service '${i.value}' not found.`, refused: true });
    }
  }
  return problems;
}

/** Each rule and chain of the lowered ruleset shown at the configuration's place its line stands for. */
function relocate(ruleset: NftRuleset, origins: readonly Location[]): void {
  const at = (where: { line: number }) => origins[where.line] ?? origins[0]!;
  for (const table of ruleset.tables) {
    for (const chain of table.chains.values()) {
      // The lowered ruleset is this firewall's own, never edited: its places are replaced where they stand.
      Object.defineProperty(chain, 'declaredAt', { value: at(chain.declaredAt) });
      if (chain.policyWhere) Object.defineProperty(chain, 'policyWhere', { value: at(chain.policyWhere), writable: true });
      if (chain.base) Object.defineProperty(chain.base, 'where', { value: at(chain.base.where) });
      for (const rule of chain.rules) Object.defineProperty(rule, 'where', { value: at(rule.where) });
    }
  }
}
