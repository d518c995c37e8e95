import { LineIndex, type Range } from '../../core/text.js';
import { readPort, readIpv6, readStrictIpv4 } from '../iptables/catalogue/values.js';
import type { Location } from '../iptables/ruleset.js';
import { shellSettings, type ShellSetting } from '../modules/documents.js';
import { readXml, type XmlElement, type XmlReading } from './xml.js';

/** The firewalld files ftpwall reads, by their folder under /etc/firewalld. */
export type FirewalldFileKind = 'zone' | 'service' | 'helper' | 'conf' | 'direct' | 'policy' | 'ipset';

export const FIREWALLD_NAMES = [/(^|\/)firewalld\/(zones|services|helpers|policies|ipsets)\/[^/]+\.xml$/, /(^|\/)firewalld\/firewalld\.conf$/, /(^|\/)firewalld\/direct\.xml$/];

export function firewalldFileKind(path: string): FirewalldFileKind | undefined {
  const normalized = path.replace(/\\/g, '/');
  if (/(^|\/)firewalld\/firewalld\.conf$/.test(normalized)) return 'conf';
  if (/(^|\/)firewalld\/direct\.xml$/.test(normalized)) return 'direct';
  const folder = /(^|\/)firewalld\/(zones|services|helpers|policies|ipsets)\/[^/]+\.xml$/.exec(normalized)?.[2];
  return folder === 'zones' ? 'zone' : folder === 'services' ? 'service' : folder === 'helpers' ? 'helper' : folder === 'policies' ? 'policy' : folder === 'ipsets' ? 'ipset' : undefined;
}

export interface Placed<T> { readonly value: T; readonly where: Location }
export interface PortSpec { readonly min: number; readonly max: number; readonly protocol: string }

/** A rich rule as firewalld keeps it, or why firewalld ignores it (it only warns). */
export interface RichRule {
  readonly where: Location;
  readonly family?: 'ipv4' | 'ipv6';
  /** `address`, or the name of an ipset (`ipset`): one of the two. */
  readonly source?: { address: string; invert: boolean; ipset?: boolean; mac?: boolean };
  readonly destination?: { address: string; invert: boolean; ipset?: boolean };
  readonly service?: string;
  readonly port?: PortSpec;
  /** `<source-port>`: the port the connection comes from. */
  readonly sourcePort?: PortSpec;
  /** `<protocol value="..."/>`: every packet of that protocol. */
  readonly protocol?: string;
  /** An element ftpwall does not lower (`<forward-port>`, `<masquerade>`, ...): what the rule does is not known. */
  readonly unread?: string;
  readonly action?: 'accept' | 'reject' | 'drop';
  readonly ignored?: string;
}

/** An ipset (ipsets/NAME.xml): its type, family and entries; `dynamic` when entries come and go at runtime (a timeout). */
export interface IpsetFile { readonly type: string; readonly family: 'ipv4' | 'ipv6'; readonly entries: Placed<string>[]; readonly dynamic: boolean; /** Entries ftpwall does not read (ranges). */ readonly unread: boolean }

export interface ZoneFile {
  readonly target: Placed<string> | undefined;
  readonly services: Placed<string>[];
  readonly ports: Placed<PortSpec>[];
  readonly interfaces: Placed<string>[];
  readonly sources: Placed<string>[];
  /** `<source ipset="NAME"/>`: the addresses of that ipset are bound to the zone. */
  readonly sourceIpsets: Placed<string>[];
  /** `<source mac="..."/>`: bound by hardware address, which ftpwall cannot match. */
  readonly sourceMacs: Placed<string>[];
  /** `<protocol value="tcp"/>`: every packet of the protocol is accepted. */
  readonly protocols: Placed<string>[];
  /** `<source-port>`: connections from that port are accepted. */
  readonly sourcePorts: Placed<PortSpec>[];
  /** `<forward/>`: traffic forwarded between this zone's own interfaces and sources is accepted. */
  readonly forward: Placed<boolean> | undefined;
  /** `<masquerade/>`: what is routed out through this zone gets this host's address. */
  readonly masquerade: Placed<boolean> | undefined;
  readonly rules: RichRule[];
  /** `<forward-port>`: connections to a port sent elsewhere (firewalld's DNAT). */
  readonly forwardPorts: Placed<ForwardPort>[];
}
/** A `<forward-port>`: the port, and where it is sent (`to-port`, `to-addr`; without `to-addr` it stays on this host). */
export interface ForwardPort extends PortSpec { readonly toPort?: string; readonly toAddress?: string }

/**
 * A policy (policies/NAME.xml): traffic from its ingress zones to its egress zones (`HOST` is this
 * machine itself, `ANY` every zone) meets its rules and then its target, before the zone's own
 * rules when its priority is below 0 and after them when above.
 */
export interface PolicyFile {
  readonly target: Placed<string> | undefined;
  readonly priority: number;
  readonly ingress: Placed<string>[];
  readonly egress: Placed<string>[];
  readonly services: Placed<string>[];
  readonly ports: Placed<PortSpec>[];
  readonly rules: RichRule[];
}

export interface ServiceFile { readonly ports: PortSpec[]; readonly helpers: string[]; readonly includes: Placed<string>[] }
export interface HelperFile { readonly module: string; readonly ports: PortSpec[] }
/** direct.xml: iptables rules firewalld passes on as they are written (`args`: the words after `iptables`). */
export interface DirectFile {
  readonly chains: Array<{ ipv: string; table: string; chain: string; where: Location }>;
  readonly rules: Array<{ ipv: string; table: string; chain: string; priority: number; args: string; where: Location }>;
  readonly passthroughs: Array<{ ipv: string; args: string; where: Location }>;
}

/** Something firewalld refuses (then it runs its stock configuration) or warns about and drops. */
export interface FirewalldProblem { readonly message: string; readonly range: Range; readonly refused: boolean }

export interface FirewalldDocument {
  readonly kind: 'firewalld';
  readonly path: string;
  readonly text: string;
  readonly lines: LineIndex;
  readonly fileKind: FirewalldFileKind;
  /** The zone's, service's or helper's name: the file's name without .xml. */
  readonly name: string;
  readonly xml?: XmlReading;
  readonly zone?: ZoneFile;
  readonly policy?: PolicyFile;
  readonly service?: ServiceFile;
  readonly helper?: HelperFile;
  readonly direct?: DirectFile;
  readonly ipset?: IpsetFile;
  readonly settings?: ShellSetting[];
  readonly problems: FirewalldProblem[];
}

/** The elements and attributes firewalld's parser takes per file kind (firewalld 1.3.3, core/io): required first, then optional. */
type ElementSpecs = Record<string, { required: string[]; optional: string[] }>;
const ZONE_ELEMENTS: ElementSpecs = {
  short: { required: [], optional: [] }, description: { required: [], optional: [] },
  zone: { required: [], optional: ['name', 'immutable', 'target', 'version'] },
  service: { required: ['name'], optional: [] }, port: { required: ['port', 'protocol'], optional: [] },
  'icmp-block': { required: ['name'], optional: [] }, 'icmp-type': { required: ['name'], optional: [] },
  forward: { required: [], optional: [] }, 'forward-port': { required: ['port', 'protocol'], optional: ['to-port', 'to-addr'] },
  interface: { required: ['name'], optional: [] }, rule: { required: [], optional: ['family', 'priority'] },
  source: { required: [], optional: ['address', 'mac', 'invert', 'family', 'ipset'] }, destination: { required: [], optional: ['address', 'invert', 'ipset'] },
  protocol: { required: ['value'], optional: [] }, 'source-port': { required: ['port', 'protocol'], optional: [] },
  log: { required: [], optional: ['prefix', 'level'] }, nflog: { required: [], optional: ['group', 'prefix', 'queue-size'] }, audit: { required: [], optional: [] },
  accept: { required: [], optional: [] }, reject: { required: [], optional: ['type'] }, drop: { required: [], optional: [] },
  mark: { required: ['set'], optional: [] }, limit: { required: ['value'], optional: [] }, 'icmp-block-inversion': { required: [], optional: [] },
  masquerade: { required: [], optional: ['enabled'] }, 'tcp-mss-clamp': { required: [], optional: ['value'] },
};

const ELEMENTS: Record<Exclude<FirewalldFileKind, 'conf'>, ElementSpecs> = {
  // A policy takes what a zone takes inside a rule, and its own root and zones (measured: `<interface>` is an unexpected element).
  policy: {
    ...Object.fromEntries(Object.entries(ZONE_ELEMENTS).filter(([name]) => !['zone', 'interface', 'forward', 'icmp-block-inversion'].includes(name))),
    policy: { required: ['target'], optional: ['priority', 'version'] },
    'ingress-zone': { required: ['name'], optional: [] }, 'egress-zone': { required: ['name'], optional: [] },
  },
  direct: {
    direct: { required: [], optional: [] }, chain: { required: ['ipv', 'table', 'chain'], optional: [] },
    rule: { required: ['ipv', 'table', 'chain', 'priority'], optional: [] }, passthrough: { required: ['ipv'], optional: [] },
  },
  zone: ZONE_ELEMENTS,
  service: {
    short: { required: [], optional: [] }, description: { required: [], optional: [] }, service: { required: [], optional: ['name', 'version'] },
    port: { required: [], optional: ['port', 'protocol'] }, protocol: { required: [], optional: ['value'] }, module: { required: [], optional: ['name'] },
    destination: { required: [], optional: ['ipv4', 'ipv6'] }, 'source-port': { required: [], optional: ['port', 'protocol'] },
    include: { required: [], optional: ['service'] }, helper: { required: [], optional: ['name'] },
  },
  ipset: {
    short: { required: [], optional: [] }, description: { required: [], optional: [] },
    ipset: { required: ['type'], optional: ['version'] }, option: { required: ['name'], optional: ['value'] }, entry: { required: [], optional: [] },
  },
  helper: {
    short: { required: [], optional: [] }, description: { required: [], optional: [] },
    helper: { required: ['module'], optional: ['name', 'version', 'family'] }, port: { required: [], optional: ['port', 'protocol'] },
  },
};

/** The ipset types firewalld 1.3 takes (others: INVALID_TYPE, measured). */
const IPSET_TYPES = new Set(['hash:ip', 'hash:ip,mark', 'hash:ip,port', 'hash:ip,port,ip', 'hash:ip,port,net', 'hash:mac', 'hash:net', 'hash:net,iface', 'hash:net,net', 'hash:net,port', 'hash:net,port,net']);

/**
 * The family of an address or network as firewalld checks one (a zone's source, a rich rule's,
 * an ipset entry): the address as inet_pton reads it (IPv4 in four decimal parts without leading
 * zeros: "010.0.0.0" is refused), and a prefix length; undefined where it refuses it.
 */
export function firewalldNetworkFamily(text: string): 'ipv4' | 'ipv6' | undefined {
  const [base = '', prefix, extra] = text.split('/');
  if (extra !== undefined) return undefined;
  const family = readStrictIpv4(base) !== undefined ? 'ipv4' : readIpv6(base) ? 'ipv6' : undefined;
  if (!family || prefix === undefined) return family;
  return /^\d+$/.test(prefix) && Number(prefix) <= (family === 'ipv4' ? 32 : 128) ? family : undefined;
}

/** An address or network of the family, as an ipset entry takes it. */
const validNetwork = (text: string, family: 'ipv4' | 'ipv6'): boolean => firewalldNetworkFamily(text) === family;

/** The targets a policy takes (measured: `%%REJECT%%` and anything else are INVALID_TARGET). */
const POLICY_TARGETS = new Set(['CONTINUE', 'ACCEPT', 'DROP', 'REJECT']);

const ZONE_TARGETS = new Set(['ACCEPT', '%%REJECT%%', 'DROP', '{chain}_{zone}', 'default']);
const PORT_PROTOCOLS = new Set(['tcp', 'udp', 'sctp', 'dccp']);
const ACTIONS = ['accept', 'reject', 'drop'] as const;

/** A port or range as firewalld reads one ("21", "ftp", "40000-40100", a range written backwards is turned round). */
export function readFirewalldPort(text: string, protocol: string): { min: number; max: number } | undefined {
  // firewalld reads numbers with Python's int(): in decimal, whatever zeros lead ("021" is 21).
  const single = readPort(text.trim(), protocol === 'udp' ? 'udp' : 'tcp', 10);
  if (single !== undefined) return { min: single, max: single };
  const parts = /^(\d+)-(\d+)$/.exec(text.trim());
  if (!parts) return undefined;
  const a = Number(parts[1]), b = Number(parts[2]);
  if (a > 65535 || b > 65535 || a === b) return a === b && a <= 65535 ? { min: a, max: a } : undefined;
  return { min: Math.min(a, b), max: Math.max(a, b) };
}

export function readFirewalldDocument(text: string, path: string): FirewalldDocument {
  const lines = new LineIndex(text);
  const fileKind = firewalldFileKind(path) ?? 'zone';
  const name = (path.split(/[\\/]/).pop() ?? '').replace(/\.xml$/, '');
  const problems: FirewalldProblem[] = [];
  if (fileKind === 'conf') return { kind: 'firewalld', path, text, lines, fileKind, name, settings: shellSettings(text, lines), problems };

  const xml = readXml(text, lines);
  const here = (range: Range): Location => ({ path, line: range.start.line, range });
  const refuse = (code: string, message: string, range: Range) => problems.push({ message: `Configuration error: ${code}: ${message}`, range, refused: true });
  const fileLabel = fileKind === 'zone' ? 'INVALID_ZONE' : fileKind === 'service' ? 'INVALID_SERVICE' : fileKind === 'direct' ? 'INVALID_TYPE' : fileKind === 'policy' ? 'INVALID_POLICY' : 'INVALID_HELPER';
  if (xml.error) refuse(fileLabel, `not a valid ${fileKind} file: ${xml.error.message}`, xml.error.range);
  const root = xml.root;
  if (!root) {
    if (!xml.error) refuse(fileLabel, `not a valid ${fileKind} file: no element found`, lines.range(0, 0));
    return { kind: 'firewalld', path, text, lines, fileKind, name, xml, problems };
  }

  // Elements and attributes, as firewalld's parser checks them (the first fault stops it).
  const allowed = ELEMENTS[fileKind];
  const checkElement = (element: XmlElement): boolean => {
    const spec = allowed[element.name];
    if (!spec) { refuse('PARSE_ERROR', `Unexpected element ${element.name}`, element.range); return false; }
    for (const attribute of spec.required) if (!element.attributes.has(attribute)) { refuse('PARSE_ERROR', `Missing attribute ${attribute} for ${element.name}`, element.range); return false; }
    for (const [attribute, { range }] of element.attributes) {
      if (!spec.required.includes(attribute) && !spec.optional.includes(attribute)) { refuse('PARSE_ERROR', `${element.name}: Unexpected attribute ${attribute}`, range); return false; }
    }
    return element.children.every(checkElement);
  };
  if (!checkElement(root) || problems.length) return { kind: 'firewalld', path, text, lines, fileKind, name, xml, problems };

  const attr = (e: XmlElement, a: string) => e.attributes.get(a)?.value;
  const portOf = (e: XmlElement): PortSpec | undefined => {
    const protocol = attr(e, 'protocol') ?? '';
    if (!PORT_PROTOCOLS.has(protocol)) { refuse('INVALID_PROTOCOL', `'${protocol}' not from {'tcp'|'udp'|'sctp'|'dccp'}`, e.attributes.get('protocol')?.range ?? e.range); return undefined; }
    const range = readFirewalldPort(attr(e, 'port') ?? '', protocol);
    if (!range) { refuse('INVALID_PORT', `'${attr(e, 'port')}' is invalid port range`, e.attributes.get('port')?.range ?? e.range); return undefined; }
    return { ...range, protocol };
  };
  const children = (name: string) => root.children.filter((c) => c.name === name);

  if (fileKind === 'zone') {
    const targetAttribute = root.attributes.get('target');
    if (targetAttribute && !ZONE_TARGETS.has(targetAttribute.value)) refuse('INVALID_TARGET', targetAttribute.value, targetAttribute.range);
    const ports: Placed<PortSpec>[] = [];
    for (const e of children('port')) { const port = portOf(e); if (port) ports.push({ value: port, where: here(e.range) }); }
    for (const e of children('source')) {
      const address = e.attributes.get('address');
      if (address && !firewalldNetworkFamily(address.value)) refuse('INVALID_ADDR', address.value, address.range);
    }
    const zone: ZoneFile = {
      target: targetAttribute && { value: targetAttribute.value, where: here(targetAttribute.range) },
      // A service is placed at its name, where a corrected name goes.
      services: children('service').map((e) => ({ value: attr(e, 'name')!, where: here(e.attributes.get('name')!.range) })),
      ports,
      interfaces: children('interface').map((e) => ({ value: attr(e, 'name')!, where: here(e.range) })),
      sources: children('source').filter((e) => attr(e, 'address') !== undefined).map((e) => ({ value: attr(e, 'address')!, where: here(e.range) })),
      sourceIpsets: children('source').filter((e) => attr(e, 'ipset') !== undefined).map((e) => ({ value: attr(e, 'ipset')!, where: here(e.range) })),
      sourceMacs: children('source').filter((e) => attr(e, 'mac') !== undefined).map((e) => ({ value: attr(e, 'mac')!, where: here(e.range) })),
      rules: children('rule').map((e) => richRule(e, here(e.range), (message, range) => problems.push({ message, range, refused: false }))),
      protocols: children('protocol').map((e) => ({ value: attr(e, 'value')!, where: here(e.range) })),
      forward: children('forward')[0] && { value: true, where: here(children('forward')[0]!.range) },
      masquerade: children('masquerade')[0] && { value: true, where: here(children('masquerade')[0]!.range) },
      sourcePorts: children('source-port').flatMap((e) => { const port = portOf(e); return port ? [{ value: port, where: here(e.range) }] : []; }),
      forwardPorts: children('forward-port').flatMap((e) => {
        const port = portOf(e);
        const toPort = attr(e, 'to-port'), toAddress = attr(e, 'to-addr');
        return port ? [{ value: { ...port, ...(toPort ? { toPort } : {}), ...(toAddress ? { toAddress } : {}) }, where: here(e.range) }] : [];
      }),
    };
    return { kind: 'firewalld', path, text, lines, fileKind, name, xml, zone, problems };
  }
  if (fileKind === 'policy') {
    const targetAttribute = root.attributes.get('target');
    if (targetAttribute && !POLICY_TARGETS.has(targetAttribute.value)) refuse('INVALID_TARGET', targetAttribute.value, targetAttribute.range);
    const priority = Number(attr(root, 'priority') ?? '-1');
    const ports: Placed<PortSpec>[] = [];
    for (const e of children('port')) { const port = portOf(e); if (port) ports.push({ value: port, where: here(e.range) }); }
    const named = (element: string) => children(element).map((e) => ({ value: attr(e, 'name')!, where: here(e.attributes.get('name')!.range) }));
    const policy: PolicyFile = {
      target: targetAttribute && { value: targetAttribute.value, where: here(targetAttribute.range) }, priority: Number.isInteger(priority) ? priority : -1,
      ingress: named('ingress-zone'), egress: named('egress-zone'), services: named('service'), ports,
      rules: children('rule').map((e) => richRule(e, here(e.range), (message, range) => problems.push({ message, range, refused: false }))),
    };
    return { kind: 'firewalld', path, text, lines, fileKind, name, xml, policy, problems };
  }
  if (fileKind === 'direct') {
    const direct: DirectFile = { chains: [], rules: [], passthroughs: [] };
    for (const e of root.children) {
      const ipv = attr(e, 'ipv') ?? '';
      if (!['ipv4', 'ipv6', 'eb'].includes(ipv)) { refuse('INVALID_IPV', `'${ipv}' not from {'ipv4'|'ipv6'|'eb'}`, e.attributes.get('ipv')?.range ?? e.range); continue; }
      if (e.name === 'chain') direct.chains.push({ ipv, table: attr(e, 'table')!, chain: attr(e, 'chain')!, where: here(e.range) });
      else if (e.name === 'passthrough') direct.passthroughs.push({ ipv, args: e.text.trim(), where: here(e.range) });
      else if (e.name === 'rule') {
        const priority = Number(attr(e, 'priority'));
        // firewalld only logs a priority that is not a number and leaves the rule out.
        if (!Number.isInteger(priority)) { problems.push({ message: `Parse Error: ${attr(e, 'priority')} is not a valid priority; firewalld leaves the rule out`, range: e.range, refused: false }); continue; }
        direct.rules.push({ ipv, table: attr(e, 'table')!, chain: attr(e, 'chain')!, priority, args: e.text.trim(), where: here(e.range) });
      }
    }
    return { kind: 'firewalld', path, text, lines, fileKind, name, xml, direct, problems };
  }
  if (fileKind === 'service') {
    const ports = children('port').flatMap((e) => { const port = portOf(e); return port ? [port] : []; });
    const service: ServiceFile = { ports, helpers: children('helper').map((e) => attr(e, 'name') ?? ''), includes: children('include').map((e) => ({ value: attr(e, 'service') ?? '', where: here(e.range) })) };
    return { kind: 'firewalld', path, text, lines, fileKind, name, xml, service, problems };
  }
  if (fileKind === 'ipset') {
    const type = attr(root, 'type') ?? '';
    if (!IPSET_TYPES.has(type)) { refuse('INVALID_TYPE', type, root.attributes.get('type')?.range ?? root.range); return { kind: 'firewalld', path, text, lines, fileKind, name, xml, problems }; }
    const option = (n: string) => children('option').find((e) => attr(e, 'name') === n);
    const family = option('family')?.attributes.get('value')?.value === 'inet6' ? 'ipv6' : 'ipv4';
    const entries: Placed<string>[] = [];
    let unread = false;
    for (const e of children('entry')) {
      const entry = e.text.trim();
      // A range (a-b) and the other types' entries are kept by firewalld; ftpwall does not read them.
      if (type !== 'hash:ip' && type !== 'hash:net' || entry.includes('-')) { unread = true; continue; }
      // firewalld warns and leaves out an address entry it cannot read (measured: "INVALID_ENTRY: invalid address ...").
      if ((type === 'hash:ip' || type === 'hash:net') && !validNetwork(entry, family)) { problems.push({ message: `WARNING: INVALID_ENTRY: invalid address '${entry}' in '${entry}' for ${type} (${family}), ignoring.`, range: e.range, refused: false }); continue; }
      entries.push({ value: entry, where: here(e.range) });
    }
    const ipset: IpsetFile = { type, family, entries, dynamic: !!option('timeout'), unread };
    return { kind: 'firewalld', path, text, lines, fileKind, name, xml, ipset, problems };
  }
  const helper: HelperFile = { module: attr(root, 'module') ?? '', ports: children('port').flatMap((e) => { const port = portOf(e); return port ? [port] : []; }) };
  return { kind: 'firewalld', path, text, lines, fileKind, name, xml, helper, problems };
}

/** A `<rule>`: what it does, or why firewalld drops it with a warning. */
function richRule(element: XmlElement, where: Location, warn: (message: string, range: Range) => void): RichRule {
  const attr = (e: XmlElement | undefined, a: string) => e?.attributes.get(a)?.value;
  const child = (name: string) => element.children.find((c) => c.name === name);
  const actions = element.children.filter((c) => (ACTIONS as readonly string[]).includes(c.name));
  const ignore = (why: string): RichRule => { warn(`WARNING: Invalid rule: ${why}; firewalld starts without this rule`, element.range); return { where, ignored: why }; };
  if (actions.length > 1) return ignore('More than one action');
  const family = attr(element, 'family');
  if (family !== undefined && family !== 'ipv4' && family !== 'ipv6') return ignore(`INVALID_FAMILY: ${family}`);
  const addressOf = (e: XmlElement | undefined) => {
    const address = attr(e, 'address'), ipset = attr(e, 'ipset'), mac = attr(e, 'mac');
    const invert = /^(yes|true)$/i.test(attr(e, 'invert') ?? '');
    if (e && ipset !== undefined) return { address: ipset, invert, ipset: true };
    if (e && mac !== undefined) return { address: mac, invert, mac: true };
    if (!e || address === undefined) return undefined;
    return { address, invert };
  };
  const source = addressOf(child('source')), destination = addressOf(child('destination'));
  for (const a of [source, destination]) {
    if (!a || a.ipset || a.mac) continue;
    if (!firewalldNetworkFamily(a.address)) return ignore(`INVALID_ADDR: ${a.address}`);
    if (!family) return ignore('Address family is needed with source or destination addresses');
  }
  /** A `<port>` or `<source-port>` of the rule: its port, undefined without one, or why firewalld drops the rule. */
  const portOf = (name: string): PortSpec | string | undefined => {
    const e = child(name);
    if (!e) return undefined;
    const protocol = attr(e, 'protocol') ?? '';
    const range = readFirewalldPort(attr(e, 'port') ?? '', protocol);
    if (!PORT_PROTOCOLS.has(protocol)) return `INVALID_PROTOCOL: ${protocol}`;
    if (!range) return `INVALID_PORT: ${attr(e, 'port')}`;
    return { ...range, protocol };
  };
  const port = portOf('port'), sourcePort = portOf('source-port');
  if (typeof port === 'string') return ignore(port);
  if (typeof sourcePort === 'string') return ignore(sourcePort);
  const protocol = attr(child('protocol'), 'value');
  // Elements that change what the rule matches or does in ways the lowering does not follow.
  const unread = element.children.find((c) => ['forward-port', 'masquerade', 'icmp-block', 'icmp-type', 'mark', 'nflog', 'tcp-mss-clamp'].includes(c.name))?.name;
  const action = actions[0]?.name as RichRule['action'];
  return {
    where, ...(family ? { family: family as 'ipv4' | 'ipv6' } : {}), ...(source ? { source } : {}), ...(destination ? { destination } : {}),
    ...(child('service') ? { service: attr(child('service'), 'name') ?? '' } : {}), ...(port ? { port } : {}), ...(action ? { action } : {}),
    ...(sourcePort ? { sourcePort } : {}), ...(protocol ? { protocol } : {}), ...(unread ? { unread } : {}),
  };
}
