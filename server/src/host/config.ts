import { addressesField, connectPortField, gatewaysField, serverInterfaceField, clientsField, clientsFromField, firewallField, ignoreField, kernelField, natField, readFields, rulesField, SETTING_FIELDS, variablesField, argumentsField, type SettingField } from './settings-definition.js';

type ValueOf<F> = F extends SettingField<infer T> ? T : never;

/** What `.ftpwall.json` may say about a host that its files cannot: the fields' types come from their definitions. */
export interface HostConfig {
  /** The running kernel, "6.8" by default: helper auto-assignment ended in 4.7, its sysctl in 6.0. */
  kernel: ValueOf<typeof kernelField>;
  /** The host sits behind NAT (or port forwarding) with this public address. */
  nat?: NonNullable<ValueOf<typeof natField>>;
  /** The port clients connect to, when NAT sends them on to the server's control port. */
  connectPort?: NonNullable<ValueOf<typeof connectPortField>>;
  /** The host's own addresses: a DNAT to one of them stays on the host. */
  addresses: ValueOf<typeof addressesField>;
  /** The gateways in front of the host, nearest the clients first, as folders relative to it. */
  gateways: ValueOf<typeof gatewaysField>;
  /** On a gateway: its interface toward the FTP server. */
  serverInterface?: NonNullable<ValueOf<typeof serverInterfaceField>>;
  /** The firewall files that are really loaded, relative to the host folder (all recognised ones when absent). */
  firewall?: NonNullable<ValueOf<typeof firewallField>>;
  /** Which data connection mode clients use. */
  clients: ValueOf<typeof clientsField>;
  /** Where the clients are: their network and the interface they come in on. */
  clientsFrom?: NonNullable<ValueOf<typeof clientsFromField>>;
  /** Files to leave out, as path prefixes or globs relative to the host folder. */
  ignore: ValueOf<typeof ignoreField>;
  rules: ValueOf<typeof rulesField>;
  /** Shell variables the host's scripts use but do not set. */
  variables: ValueOf<typeof variablesField>;
  /** The arguments the host starts its firewall scripts with, by path in the host folder. */
  arguments: ValueOf<typeof argumentsField>;
}

export const DEFAULT_CONFIG: HostConfig = { kernel: kernelField.default, addresses: addressesField.default, gateways: gatewaysField.default, clients: clientsField.default, ignore: ignoreField.default, rules: rulesField.default, variables: variablesField.default, arguments: argumentsField.default };

export interface ConfigReading { config: HostConfig; problems: string[] }

const HOST_FIELDS = SETTING_FIELDS.filter((f) => f.inHostFile);

/**
 * Reads .ftpwall.json leniently over `defaults` (the editor's settings, else the built-in ones):
 * what it says replaces them field by field; each bad field is reported and keeps its default.
 */
export function readHostConfig(text: string, defaults: HostConfig = DEFAULT_CONFIG): ConfigReading {
  let raw: unknown;
  try { raw = JSON.parse(text); } catch (error) { return { config: defaults, problems: [`.ftpwall.json is not valid JSON: ${(error as Error).message}`] }; }
  const { values, problems } = readFields(raw, HOST_FIELDS, '.ftpwall.json');
  const config: HostConfig = { ...defaults };
  for (const [key, value] of values) {
    if (value === undefined) delete (config as unknown as Record<string, unknown>)[key];
    else (config as unknown as Record<string, unknown>)[key] = value;
  }
  return { config, problems };
}

/** Compares "major.minor" kernel versions. */
export function kernelAtLeast(kernel: string, major: number, minor: number): boolean {
  const [a = 0, b = 0] = kernel.split('.').map(Number);
  return a > major || (a === major && b >= minor);
}
