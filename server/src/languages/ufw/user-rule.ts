import type { AddressFamily } from '../iptables/syntax.js';
import { familyOfAddress, type UfwProfiles, type UfwRule } from './command.js';
import { chainPrefix } from './ufw-files.js';

/*
 * How ufw writes a rule it was given into user.rules (user6.rules): a `### tuple ###` line, then
 * its iptables rules. Facts of ufw 0.36.2, checked against `ufw --dry-run` in the tests.
 */

/** One tuple of a rule and the iptables rules ufw writes under it, each as its arguments. */
export interface UfwWritten { tuple: string; rules: string[][] }

const ANYWHERE: Record<AddressFamily, string> = { ipv4: '0.0.0.0/0', ipv6: '::/0' };
const LOG_PREFIX: Record<string, string> = { allow: '[UFW ALLOW] ', deny: '[UFW BLOCK] ', reject: '[UFW REJECT] ', limit: '[UFW LIMIT BLOCK] ' };

/** The families a rule is written for: those its addresses allow (both when neither names one). */
export function ruleFamilies(rule: UfwRule): AddressFamily[] {
  const named = familyOfAddress(rule.from.address) ?? familyOfAddress(rule.to.address);
  return named ? [named] : ['ipv4', 'ipv6'];
}

/** A side's ports per entry of its application profile ("21,40000:40100/tcp|8021/tcp"), or its own port. */
interface Entry { toPort?: string; fromPort?: string; protocol: string }

function entries(rule: UfwRule, profiles: UfwProfiles): Entry[] {
  const sides = (app: string | undefined, port: string | undefined) => {
    if (!app) return [{ port, protocol: undefined as string | undefined }];
    return (profiles.ports(app) ?? '').split('|').map((item) => {
      const [ports = '', protocol] = item.split('/');
      return { port: ports, protocol };
    });
  };
  const list: Entry[] = [];
  for (const to of sides(rule.to.app, rule.to.port)) {
    for (const from of sides(rule.from.app, rule.from.port)) {
      list.push({ ...(to.port ? { toPort: to.port } : {}), ...(from.port ? { fromPort: from.port } : {}), protocol: to.protocol ?? from.protocol ?? rule.protocol });
    }
  }
  return list;
}

/** What ufw writes for `rule` in one family; empty when it writes nothing there (a limit rule for IPv6). */
export function writeRule(rule: UfwRule, family: AddressFamily, profiles: UfwProfiles): UfwWritten[] {
  if (!ruleFamilies(rule).includes(family) || (rule.action === 'limit' && family === 'ipv6')) return [];
  return entries(rule, profiles).map((entry) => ({ tuple: tupleOf(rule, family, entry), rules: rulesOf(rule, family, entry) }));
}

function tupleOf(rule: UfwRule, family: AddressFamily, entry: Entry): string {
  const address = (a: string) => (a === 'any' ? ANYWHERE[family] : a);
  const apps = rule.to.app || rule.from.app ? ` ${rule.to.app?.replace(/ /g, '%20') ?? '-'} ${rule.from.app?.replace(/ /g, '%20') ?? '-'}` : '';
  const action = `${rule.route ? 'route:' : ''}${rule.action}${rule.log ? `_${rule.log}` : ''}`;
  const iface = rule.interfaceIn ? `in_${rule.interfaceIn}` : rule.interfaceOut ? `out_${rule.interfaceOut}` : rule.direction;
  const comment = rule.comment ? ` comment=${Buffer.from(rule.comment, 'utf8').toString('hex')}` : '';
  return `### tuple ### ${action} ${entry.protocol} ${entry.toPort ?? 'any'} ${address(rule.to.address)} ${entry.fromPort ?? 'any'} ${address(rule.from.address)}${apps} ${iface}${comment}`;
}

function rulesOf(rule: UfwRule, family: AddressFamily, entry: Entry): string[][] {
  const prefix = chainPrefix(family);
  const hook = rule.route ? 'forward' : rule.direction === 'in' ? 'input' : 'output';
  const chain = `${prefix}-user-${hook}`;
  const hasPorts = entry.toPort !== undefined || entry.fromPort !== undefined;
  const protocols = entry.protocol === 'any' && hasPorts ? ['tcp', 'udp'] : [entry.protocol];
  const appComment = rule.to.app || rule.from.app ? ['-m', 'comment', '--comment', `'${[rule.to.app && `dapp_${rule.to.app}`, rule.from.app && `sapp_${rule.from.app}`].filter(Boolean).join(',').replace(/ /g, '%20')}'`] : [];
  const out: string[][] = [];
  for (const protocol of protocols) {
    const match = matchOf(rule, entry, protocol);
    if (rule.log) {
      const logging = `${prefix}-user-logging-${hook}`;
      const fresh = rule.log === 'log' ? ['-m', 'conntrack', '--ctstate', 'NEW'] : [];
      out.push(['-A', logging, ...match, ...fresh, '-m', 'limit', '--limit', '3/min', '--limit-burst', '10', '-j', 'LOG', '--log-prefix', LOG_PREFIX[rule.action]!]);
      out.push(['-A', logging, ...match, '-j', 'RETURN']);
      out.push(['-A', chain, ...match, '-j', logging]);
    }
    if (rule.action === 'limit') {
      out.push(['-A', chain, ...match, '-m', 'conntrack', '--ctstate', 'NEW', '-m', 'recent', '--set']);
      out.push(['-A', chain, ...match, '-m', 'conntrack', '--ctstate', 'NEW', '-m', 'recent', '--update', '--seconds', '30', '--hitcount', '6', '-j', `${prefix}-user-limit`]);
      out.push(['-A', chain, ...match, '-j', `${prefix}-user-limit-accept`, ...appComment]);
      continue;
    }
    const target = rule.action === 'allow' ? ['ACCEPT'] : rule.action === 'deny' ? ['DROP'] : protocol === 'tcp' ? ['REJECT', '--reject-with', 'tcp-reset'] : ['REJECT'];
    out.push(['-A', chain, ...match, '-j', ...target, ...appComment]);
  }
  return out;
}

/**
 * The match part, in ufw's order: interfaces, protocol, then destination, its port, source, its
 * port; with a port list or range, the multiport matches come before both addresses.
 */
function matchOf(rule: UfwRule, entry: Entry, protocol: string): string[] {
  const words: string[] = [];
  if (rule.interfaceIn) words.push('-i', rule.interfaceIn);
  if (rule.interfaceOut) words.push('-o', rule.interfaceOut);
  if (protocol !== 'any') words.push('-p', protocol);
  const destination = rule.to.address === 'any' ? [] : ['-d', rule.to.address];
  const source = rule.from.address === 'any' ? [] : ['-s', rule.from.address];
  if ([entry.toPort, entry.fromPort].some((p) => p !== undefined && /[,:]/.test(p))) {
    if (entry.toPort) words.push('-m', 'multiport', '--dports', entry.toPort);
    if (entry.fromPort) words.push('-m', 'multiport', '--sports', entry.fromPort);
    words.push(...destination, ...source);
    return words;
  }
  words.push(...destination, ...(entry.toPort ? ['--dport', entry.toPort] : []), ...source, ...(entry.fromPort ? ['--sport', entry.fromPort] : []));
  return words;
}

/** A rule's arguments as a line of user.rules (a value with a space in double quotes). */
export function ruleLine(words: readonly string[]): string {
  return words.map((w) => (/\s/.test(w) ? `"${w}"` : w)).join(' ');
}
