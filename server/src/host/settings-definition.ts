import { isRuleLevel, type RuleLevel, type RuleSettings } from '../core/settings.js';
import { SEVERITIES } from '../core/findings.js';
// The engine reads the clients' network with the same reader, so what passes here is what it uses.
import { readClientNetwork } from '../engine/client-side.js';

/**
 * The one definition of what users can set: the fields of `.ftpwall.json` and the editor's
 * `ftpwall.*` settings. The readers here validate both; scripts/generate.ts writes the JSON schema,
 * package.json's `contributes.configuration` and docs/configuration.md from the same table.
 */
export type JsonSchema = { [key: string]: unknown };

/** A field's reading: its value, and a sentence for each part that was wrong (the part is left out). */
export interface FieldReading<T> { value?: T; problems: string[] }

export interface SettingField<T> {
  key: string;
  /** Markdown; the first sentence says what it is, the rest why it matters. */
  description: string;
  schema: JsonSchema;
  /** What applies when neither the editor nor .ftpwall.json says. */
  default: T;
  /** Read from .ftpwall.json, and from the editor's settings as `ftpwall.<key>` (a default for hosts whose .ftpwall.json does not say). */
  inHostFile: boolean;
  inEditor: boolean;
  /** As an editor setting, where it differs: what "not set" looks like there. */
  editor?: { default: unknown; schema: JsonSchema };
  /** An example for the documentation. */
  example: unknown;
  read(raw: unknown): FieldReading<T>;
}

const LEVELS = [...SEVERITIES, 'off'] as const;
const ok = <T>(value: T): FieldReading<T> => ({ value, problems: [] });
const wrong = <T>(problem: string): FieldReading<T> => ({ problems: [problem] });
const isStringList = (raw: unknown): raw is string[] => Array.isArray(raw) && raw.every((x) => typeof x === 'string');

const KERNEL_PATTERN = /^[0-9]+\.[0-9]+/;

export const kernelField: SettingField<string> = {
  key: 'kernel',
  description: 'The kernel version of the host, such as `"5.15"`. Kernels from 4.7 on no longer attach the FTP helper to connections by themselves; the `net.netfilter.nf_conntrack_helper` sysctl that brought that back was removed in 6.0.',
  schema: { type: 'string', pattern: KERNEL_PATTERN.source },
  default: '6.8',
  inHostFile: true,
  inEditor: true,
  editor: { default: '', schema: { type: 'string', pattern: '^([0-9]+\\.[0-9]+.*)?$' } },
  example: '5.15',
  read: (raw) => (typeof raw === 'string' && KERNEL_PATTERN.test(raw) ? ok(raw) : wrong('"kernel" must be a version string such as "5.15"')),
};

export const natField: SettingField<{ publicAddress?: string } | undefined> = {
  key: 'nat',
  description: 'The host sits behind NAT or port forwarding: `true`, or `{ "publicAddress": "203.0.113.7" }` with the public address clients connect to, which vsftpd must announce in passive replies.',
  schema: { oneOf: [{ type: 'boolean' }, { type: 'object', additionalProperties: false, properties: { publicAddress: { type: 'string', description: 'The public IPv4 address clients connect to.' } } }] },
  default: undefined,
  inHostFile: true,
  inEditor: false,
  example: { publicAddress: '203.0.113.7' },
  read: (raw) => {
    if (raw === true) return ok({});
    if (raw === false) return ok(undefined);
    if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
      const address = (raw as Record<string, unknown>)['publicAddress'];
      if (address === undefined) return ok({});
      return typeof address === 'string' ? ok({ publicAddress: address }) : { value: {}, problems: ['"nat.publicAddress" must be an address written as a string'] };
    }
    return wrong('"nat" must be true, false or { "publicAddress": "203.0.113.7" }');
  },
};

export const connectPortField: SettingField<number | undefined> = {
  key: 'connectPort',
  description: 'The port FTP clients connect to, when it is not the server\'s own control port: a firewall rule (REDIRECT, DNAT) or a router in front sends them on to it. The control connection is judged for this port through the host\'s nat rules, and an FTP helper assigned before NAT must name it.',
  schema: { type: 'integer', minimum: 1, maximum: 65535 },
  default: undefined,
  inHostFile: true,
  inEditor: false,
  example: 2121,
  read: (raw) => (typeof raw === 'number' && Number.isInteger(raw) && raw >= 1 && raw <= 65535 ? ok(raw) : wrong('"connectPort" must be a port number from 1 to 65535')),
};

/** An IPv4 address, or an IPv6 address in its usual forms: what a DNAT may name. */
const ADDRESS = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*)$/;

export const addressesField: SettingField<string[]> = {
  key: 'addresses',
  description: 'The host\'s own addresses. A DNAT to one of them keeps the connection on this host; a DNAT to any other sends it away, past the FTP server. Without them, a DNAT to an address makes the control verdict `conditional`. Both families may be listed: a rule\'s address is compared with the addresses of its own family (a gateway rule for `-d fd00::5` with the IPv6 ones).',
  schema: { type: 'array', items: { type: 'string' } },
  default: [],
  inHostFile: true,
  inEditor: false,
  example: ['192.0.2.10'],
  read: (raw) => {
    if (!isStringList(raw)) return wrong('"addresses" must be a list of addresses written as strings');
    const bad = raw.filter((a) => !ADDRESS.test(a) || (a.includes('.') && !a.includes(':') && a.split('.').some((p) => Number(p) > 255)));
    return { value: raw.filter((a) => !bad.includes(a)), problems: bad.map((a) => `"addresses": "${a}" is not an IPv4 or IPv6 address`) };
  },
};

export const gatewaysField: SettingField<string[]> = {
  key: 'gateways',
  description: 'The gateways between the clients and this server, nearest the clients first: folders, relative to this host\'s, each holding a Linux router\'s files (its firewall, sysctl and module files). Every FTP connection is then judged through each gateway\'s nat PREROUTING, FORWARD and POSTROUTING and its FTP helper, then this host\'s own firewall; with `nat.publicAddress`, the address the server announces must be the one clients can reach.',
  schema: { type: 'array', items: { type: 'string' } },
  default: [],
  inHostFile: true,
  inEditor: false,
  example: ['../gw1'],
  read: (raw) => (isStringList(raw) ? ok(raw) : wrong('"gateways" must be a list of folders')),
};

export const serverInterfaceField: SettingField<string | undefined> = {
  key: 'serverInterface',
  description: 'On a gateway or switch: its interface toward the FTP server (as its configuration names it, such as `"eth1"` or `"GigabitEthernet1/0/2"`). With `clientsFrom.interface`, the interface toward the clients, it tells which rules and packet filters of the gateway the FTP connections meet; without them, a rule on an interface makes a verdict `conditional`.',
  schema: { type: 'string' },
  default: undefined,
  inHostFile: true,
  inEditor: false,
  example: 'eth1',
  read: (raw) => (typeof raw === 'string' && raw !== '' ? ok(raw) : wrong('"serverInterface" must be an interface name such as "eth1"')),
};

export const firewallField: SettingField<string[] | undefined> = {
  key: 'firewall',
  description: 'The firewall files that are really loaded, relative to the host folder (paths or `*` globs). When absent, every recognised firewall file of the host counts.',
  schema: { type: 'array', items: { type: 'string' } },
  default: undefined,
  inHostFile: true,
  inEditor: false,
  example: ['etc/iptables/rules.v4'],
  read: (raw) => (isStringList(raw) ? ok(raw) : wrong('"firewall" must be a list of file paths')),
};

export type ClientModes = 'passive' | 'active' | 'both';
export const clientsField: SettingField<ClientModes> = {
  key: 'clients',
  description: 'Which data connection mode the clients use. With `"passive"`, active-mode findings are not reported.',
  schema: { enum: ['passive', 'active', 'both'] },
  default: 'both',
  inHostFile: true,
  inEditor: false,
  example: 'passive',
  read: (raw) => (raw === 'passive' || raw === 'active' || raw === 'both' ? ok(raw) : wrong('"clients" must be "passive", "active" or "both"')),
};

export const clientsFromField: SettingField<{ network?: string; network6?: string; interface?: string } | undefined> = {
  key: 'clientsFrom',
  description: 'Where the FTP clients are: `{ "network": "203.0.113.0/24", "network6": "2001:db8:5::/48", "interface": "eth0" }`, their IPv4 network, their IPv6 network and the server\'s interface they come in on. Rules that accept or drop by source address or interface (a firewalld rich rule from one network, a zone bound to an interface) then apply to all clients or to none; without it, a verdict that depends on them is `conditional` (over IPv6, without `network6`).',
  schema: { type: 'object', additionalProperties: false, properties: { network: { type: 'string', description: 'The clients\' IPv4 network or address, such as "203.0.113.0/24".' }, network6: { type: 'string', description: 'The clients\' IPv6 network or address, such as "2001:db8:5::/48".' }, interface: { type: 'string', description: 'The server\'s interface the clients come in on, such as "eth0".' } } },
  default: undefined,
  inHostFile: true,
  inEditor: false,
  example: { network: '203.0.113.0/24', interface: 'eth0' },
  read: (raw) => {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return wrong('"clientsFrom" must be an object such as { "network": "203.0.113.0/24" }');
    const { network, network6, interface: iface, ...rest } = raw as Record<string, unknown>;
    const problems = Object.keys(rest).map((k) => `"clientsFrom"."${k}" is not a field (network, network6, interface)`);
    const value: { network?: string; network6?: string; interface?: string } = {};
    if (network !== undefined) { if (typeof network === 'string' && readClientNetwork(network, 'ipv4')) value.network = network; else problems.push('"clientsFrom.network" must be an IPv4 network such as "203.0.113.0/24"'); }
    if (network6 !== undefined) { if (typeof network6 === 'string' && readClientNetwork(network6, 'ipv6')) value.network6 = network6; else problems.push('"clientsFrom.network6" must be an IPv6 network such as "2001:db8:5::/48"'); }
    if (iface !== undefined) { if (typeof iface === 'string' && iface !== '') value.interface = iface; else problems.push('"clientsFrom.interface" must be an interface name such as "eth0"'); }
    return { value, problems };
  },
};

export const ignoreField: SettingField<string[]> = {
  key: 'ignore',
  description: 'Files to leave out of the host checks, relative to the host folder (paths or `*` and `**` globs).',
  schema: { type: 'array', items: { type: 'string' } },
  default: [],
  inHostFile: true,
  inEditor: true,
  example: ['backup/**'],
  read: (raw) => (isStringList(raw) ? ok(raw) : wrong('"ignore" must be a list of paths')),
};

export const rulesField: SettingField<RuleSettings> = {
  key: 'rules',
  description: 'A severity per check id (`error`, `warning`, `information`, `hint`), or `off` to turn the check off. In `.ftpwall.json` it applies to every check of the host\'s files and overrides the editor\'s setting check by check.',
  schema: { type: 'object', additionalProperties: { enum: [...LEVELS] } },
  default: {},
  inHostFile: true,
  inEditor: true,
  example: { 'vsftpd/anonymous-login': 'off', 'vsftpd/pasv-no-range': 'warning' },
  read: (raw) => {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return wrong('"rules" must be an object of check ids and severities');
    const value: Record<string, RuleLevel> = {};
    const problems: string[] = [];
    for (const [id, level] of Object.entries(raw as Record<string, unknown>)) {
      if (isRuleLevel(level)) value[id] = level;
      else problems.push(`"rules"."${id}" must be one of ${LEVELS.join(', ')}`);
    }
    return { value, problems };
  },
};

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const variablesField: SettingField<Record<string, string>> = {
  key: 'variables',
  description: 'Values of shell variables the host\'s firewall scripts use but do not set (as a systemd `EnvironmentFile` or the boot environment would give them), such as `{ "ROLE": "ftp" }`. Without them, rules that depend on such a variable make the verdicts `conditional`.',
  schema: { type: 'object', propertyNames: { pattern: VARIABLE_NAME.source }, additionalProperties: { type: 'string' } },
  default: {},
  inHostFile: true,
  inEditor: false,
  example: { ROLE: 'ftp', FTP_PASSIVE: 'yes' },
  read: (raw) => {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return wrong('"variables" must be an object of variable names and string values');
    const value: Record<string, string> = {};
    const problems: string[] = [];
    for (const [name, text] of Object.entries(raw as Record<string, unknown>)) {
      if (!VARIABLE_NAME.test(name)) problems.push(`"variables"."${name}" is not a shell variable name`);
      else if (typeof text !== 'string') problems.push(`"variables"."${name}" must be a string`);
      else value[name] = text;
    }
    return { value, problems };
  },
};

export const argumentsField: SettingField<Record<string, string[]>> = {
  key: 'arguments',
  description: 'The arguments the host starts each firewall script with, by the script\'s path in the host folder, such as `{ "usr/local/sbin/firewall": ["start"] }`. ftpwall knows them for init scripts, rc.local, ufw\'s and netfilter-persistent\'s hooks, ifupdown\'s hooks and the units of the host\'s own it reads; for any other script they are unknown, and rules that depend on `$1` make the verdicts `conditional`.',
  schema: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
  default: {},
  inHostFile: true,
  inEditor: false,
  example: { 'usr/local/sbin/firewall': ['start'] },
  read: (raw) => {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return wrong('"arguments" must be an object of script paths and lists of arguments');
    const value: Record<string, string[]> = {};
    const problems: string[] = [];
    for (const [path, list] of Object.entries(raw as Record<string, unknown>)) {
      if (isStringList(list)) value[path.replace(/^\.?\/+/, '')] = list;
      else problems.push(`"arguments"."${path}" must be a list of strings`);
    }
    return { value, problems };
  },
};

export const traceField: SettingField<'off' | 'messages' | 'verbose'> = {
  key: 'trace.server',
  description: 'Logs the messages between VS Code and the ftpwall language server to the ftpwall output channel.',
  schema: { type: 'string', enum: ['off', 'messages', 'verbose'] },
  default: 'off',
  inHostFile: false,
  inEditor: true,
  example: 'messages',
  read: (raw) => (raw === 'off' || raw === 'messages' || raw === 'verbose' ? ok(raw) : wrong('"trace.server" must be "off", "messages" or "verbose"')),
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const SETTING_FIELDS: ReadonlyArray<SettingField<any>> = [kernelField, natField, connectPortField, addressesField, gatewaysField, serverInterfaceField, firewallField, clientsField, clientsFromField, ignoreField, rulesField, variablesField, argumentsField, traceField];

/**
 * Reads the fields of `raw` that `fields` name, leniently: each wrong field or part of one is
 * reported and left out, and a key no field has is reported as unknown.
 */
export function readFields(raw: unknown, fields: ReadonlyArray<SettingField<unknown>>, where: string): { values: Map<string, unknown>; problems: string[] } {
  const values = new Map<string, unknown>();
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { values, problems: [`${where} must contain an object`] };
  const problems: string[] = [];
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const field = fields.find((f) => f.key === key);
    if (!field) { problems.push(`${where} has no field "${key}" (known: ${fields.map((f) => f.key).join(', ')})`); continue; }
    const reading = field.read(value);
    problems.push(...reading.problems);
    if (reading.value !== undefined || reading.problems.length === 0) values.set(key, reading.value);
  }
  return { values, problems };
}
