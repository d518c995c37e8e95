import { sanitizeRuleSettings, type RuleSettings } from '../core/settings.js';

/** What `.ftpwall.json` may say about a host that its files cannot. */
export interface HostConfig {
  /** The running kernel, "6.8" by default: helper auto-assignment ended in 4.7, its sysctl in 6.0. */
  kernel: string;
  /** The host sits behind NAT (or port forwarding) with this public address. */
  nat?: { publicAddress?: string };
  /** The firewall files that are really loaded, relative to the host folder (all recognised ones when absent). */
  firewall?: string[];
  /** Which data connection mode clients use. */
  clients: 'passive' | 'active' | 'both';
  /** Files to leave out, as path prefixes or simple * globs relative to the host folder. */
  ignore: string[];
  rules: RuleSettings;
}

export const DEFAULT_CONFIG: HostConfig = { kernel: '6.8', clients: 'both', ignore: [], rules: {} };

export interface ConfigReading { config: HostConfig; problems: string[] }

/**
 * Reads .ftpwall.json leniently over `defaults` (the editor's settings, else the built-in ones):
 * what it says replaces them field by field; each bad field is reported and keeps its default.
 */
export function readHostConfig(text: string, defaults: HostConfig = DEFAULT_CONFIG): ConfigReading {
  const problems: string[] = [];
  let raw: unknown;
  try { raw = JSON.parse(text); } catch (error) { return { config: defaults, problems: [`.ftpwall.json is not valid JSON: ${(error as Error).message}`] }; }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { config: defaults, problems: ['.ftpwall.json must contain an object'] };
  const o = raw as Record<string, unknown>;
  const config: HostConfig = { ...defaults };
  if (o['kernel'] !== undefined) {
    if (typeof o['kernel'] === 'string' && /^\d+\.\d+/.test(o['kernel'])) config.kernel = o['kernel'];
    else problems.push('"kernel" must be a version string such as "5.15"');
  }
  if (o['nat'] !== undefined) {
    const nat = o['nat'];
    if (nat === true) config.nat = {};
    else if (nat && typeof nat === 'object' && !Array.isArray(nat)) {
      const address = (nat as Record<string, unknown>)['publicAddress'];
      config.nat = typeof address === 'string' ? { publicAddress: address } : {};
    } else if (nat !== false) problems.push('"nat" must be true, false or { "publicAddress": "203.0.113.7" }');
  }
  if (o['firewall'] !== undefined) {
    if (Array.isArray(o['firewall']) && o['firewall'].every((f) => typeof f === 'string')) config.firewall = o['firewall'] as string[];
    else problems.push('"firewall" must be a list of file paths');
  }
  if (o['clients'] !== undefined) {
    if (o['clients'] === 'passive' || o['clients'] === 'active' || o['clients'] === 'both') config.clients = o['clients'];
    else problems.push('"clients" must be "passive", "active" or "both"');
  }
  if (o['ignore'] !== undefined) {
    if (Array.isArray(o['ignore']) && o['ignore'].every((f) => typeof f === 'string')) config.ignore = o['ignore'] as string[];
    else problems.push('"ignore" must be a list of paths');
  }
  if (o['rules'] !== undefined) config.rules = sanitizeRuleSettings(o['rules']);
  return { config, problems };
}

/** Compares "major.minor" kernel versions. */
export function kernelAtLeast(kernel: string, major: number, minor: number): boolean {
  const [a = 0, b = 0] = kernel.split('.').map(Number);
  return a > major || (a === major && b >= minor);
}
