import type { Location } from '../iptables/ruleset.js';
import type { UnknownRule } from '../iptables/script-effects.js';
import { readFirewallCmd, readPortSpec, readRichRule, type FirewalldCommand } from './command.js';
import type { ForwardPort, PortSpec, RichRule } from './document.js';

/** A `firewall-cmd` (or `firewall-offline-cmd`) command a script runs: its arguments (undefined when one is not known, with why), and where. */
export interface FirewalldScriptCommand { args: string[] | undefined; unknown?: string; offline: boolean; path: string; line: number; range: Location['range'] }

export interface Service { ports: PortSpec[]; helpers: string[]; includes: string[] }

/** A zone as firewalld keeps it, each element with the place its rules are shown at. */
export interface Zone {
  name: string; target: string; targetAt: Location;
  services: Array<{ name: string; at: Location }>; ports: Array<{ port: PortSpec; at: Location }>;
  interfaces: Array<{ name: string; at: Location }>; sources: Array<{ address: string; at: Location }>;
  /** Sources bound by an ipset's addresses. */
  ipsets: Array<{ name: string; at: Location }>;
  /** Protocols accepted whole, and source ports accepted. */
  protocols: Array<{ name: string; at: Location }>; sourcePorts: Array<{ port: PortSpec; at: Location }>;
  /** Where `<forward/>` (forwarding within the zone) and `<masquerade/>` are set, when they are. */
  forward?: Location; masquerade?: Location;
  rules: RichRule[]; forwardPorts: Array<{ port: ForwardPort; at: Location }>;
}

/** The configuration the commands change: zones, services, and the default zone with where it was set. */
export interface FirewalldConfig { zones: Map<string, Zone>; services: Map<string, Service>; defaultZone: { name: string; at: Location } }

/** A command read, with where it is written. */
interface Placed { command: FirewalldCommand; where: Location }

/**
 * What a script's firewall-cmd commands leave: the saved configuration changed by the permanent
 * ones (and by runtime ones `--runtime-to-permanent` saved), the runtime-only changes that the
 * next reload or reboot drops, and the changes that are not followed.
 */
export interface FirewalldScriptState { saved: Placed[]; runtimeOnly: Location[]; unknown: Array<{ where: Location; why: string }> }

export function firewalldScriptState(commands: readonly FirewalldScriptCommand[]): FirewalldScriptState {
  const state: FirewalldScriptState = { saved: [], runtimeOnly: [], unknown: [] };
  let pending: Placed[] = [];
  for (const written of commands) {
    const where: Location = { path: written.path, line: written.line, range: written.range };
    if (!written.args) { state.unknown.push({ where, why: `what \`firewall-cmd\` changes here: ${written.unknown ?? 'its arguments'}` }); continue; }
    const command = readFirewallCmd(written.args, written.offline);
    for (const why of command.unknown) state.unknown.push({ where, why });
    if (command.savesRuntime) { state.saved.push(...pending); pending = []; }
    if (command.changes.length) {
      if (command.permanent) state.saved.push({ command, where });
      else pending.push({ command, where });
    }
    if (command.reloads) { state.runtimeOnly.push(...pending.map((p) => p.where)); pending = []; }
  }
  state.runtimeOnly.push(...pending.map((p) => p.where));
  return state;
}

/** Applies the saved changes in order; a change firewalld refuses (a zone or service that does not exist) changes nothing. */
export function applySaved(config: FirewalldConfig, state: FirewalldScriptState): Array<{ where: Location; why: string }> {
  const unknown: Array<{ where: Location; why: string }> = [];
  const richRules = new Map<string, RichRule>();
  for (const { command, where } of state.saved) {
    const zoneName = command.zone ?? config.defaultZone.name;
    for (const change of command.changes) {
      const zone = config.zones.get(zoneName);
      switch (change.kind) {
        case 'default-zone': if (config.zones.has(change.value)) config.defaultZone = { name: change.value, at: where }; break;
        case 'new-zone': if (!config.zones.has(change.value)) config.zones.set(change.value, emptyZone(change.value, where)); break;
        case 'new-service': if (!config.services.has(change.value)) config.services.set(change.value, { ports: [], helpers: [], includes: [] }); break;
        case 'service-port': {
          const service = config.services.get(command.service ?? '');
          const port = readPortSpec(change.value);
          if (!service || !port) break;
          service.ports = change.add ? [...service.ports, port] : service.ports.filter((p) => !samePort(p, port));
          break;
        }
        case 'target': if (zone) { zone.target = change.value === 'REJECT' ? '%%REJECT%%' : change.value; zone.targetAt = where; } break;
        case 'forward-port': {
          const port = readForwardPort(change.value);
          if (!zone || !port) { if (!port) unknown.push({ where, why: `what the forward port "${change.value}" does` }); break; }
          zone.forwardPorts = change.add ? [...zone.forwardPorts, { port, at: where }] : zone.forwardPorts.filter((f) => !(samePort(f.port, port) && f.port.toPort === port.toPort && f.port.toAddress === port.toAddress));
          break;
        }
        case 'zone-list': {
          if (!zone) break;
          const why = changeList(config, zone, change.list, change.add, change.value, where, richRules);
          if (why) unknown.push({ where, why });
          break;
        }
      }
    }
  }
  return unknown;
}

function changeList(config: FirewalldConfig, zone: Zone, list: string, add: boolean, value: string, where: Location, richRules: Map<string, RichRule>): string | undefined {
  switch (list) {
    case 'services':
      if (add && config.services.has(value) && !zone.services.some((s) => s.name === value)) zone.services.push({ name: value, at: where });
      if (!add) zone.services = zone.services.filter((s) => s.name !== value);
      return undefined;
    case 'ports': {
      const port = readPortSpec(value);
      if (!port) return undefined;
      if (add && !zone.ports.some((p) => samePort(p.port, port))) zone.ports.push({ port, at: where });
      if (!add) zone.ports = zone.ports.filter((p) => !samePort(p.port, port));
      return undefined;
    }
    case 'sources': case 'interfaces': {
      const key = list === 'sources' ? 'address' : 'name';
      const bound = (z: Zone) => (list === 'sources' ? z.sources.some((s) => s.address === value) : z.interfaces.some((i) => i.name === value));
      // An interface or source belongs to one zone: added elsewhere it is refused (ZONE_CONFLICT), changed it moves.
      if (add && [...config.zones.values()].some((z) => z !== zone && bound(z))) return undefined;
      if (!add) { if (list === 'sources') zone.sources = zone.sources.filter((s) => s.address !== value); else zone.interfaces = zone.interfaces.filter((i) => i.name !== value); return undefined; }
      if (!bound(zone)) (list === 'sources' ? zone.sources : zone.interfaces).push({ [key]: value, at: where } as never);
      return undefined;
    }
    case 'rules': {
      if (!add) {
        const known = richRules.get(value);
        if (!known) return `which rich rule \`--remove-rich-rule\` takes out (one the zone's file holds is not matched by its text)`;
        zone.rules = zone.rules.filter((r) => r !== known);
        return undefined;
      }
      const rule = readRichRule(value, where);
      if (!rule) return `what the rich rule "${value}" does`;
      richRules.set(value, rule);
      zone.rules.push(rule);
      return undefined;
    }
    default: return undefined;
  }
}

const samePort = (a: PortSpec, b: PortSpec) => a.min === b.min && a.max === b.max && a.protocol === b.protocol;

export function emptyZone(name: string, at: Location): Zone {
  return { name, target: 'default', targetAt: at, services: [], ports: [], interfaces: [], sources: [], ipsets: [], protocols: [], sourcePorts: [], rules: [], forwardPorts: [] };
}

/** "port=2121:proto=tcp:toport=21[:toaddr=10.0.0.5]" as firewall-cmd reads a forward port. */
function readForwardPort(text: string): ForwardPort | undefined {
  const fields = new Map(text.split(':').map((f) => [f.slice(0, f.indexOf('=')), f.slice(f.indexOf('=') + 1)] as const));
  const port = readPortSpec(`${fields.get('port') ?? ''}/${fields.get('proto') ?? ''}`);
  if (!port) return undefined;
  const toPort = fields.get('toport'), toAddress = fields.get('toaddr');
  return { ...port, ...(toPort ? { toPort } : {}), ...(toAddress ? { toAddress } : {}) };
}

/** The unknown changes as rules the engine weighs: an unknown change may open or close anything. */
export function unknownRulesOf(unknown: ReadonlyArray<{ where: Location; why: string }>): UnknownRule[] {
  return unknown.map(({ where, why }) => ({ ...where, family: 'ipv4' as const, why }));
}
