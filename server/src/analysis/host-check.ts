import type { Finding } from '../core/findings.js';
import type { RuleMeta } from '../core/rule.js';
import { effectiveLevel, type RuleSettings } from '../core/settings.js';
import { isSuppressed, readSuppressions } from '../core/suppression.js';
import type { LineIndex } from '../core/text.js';
import { hostPaths, unknownPaths, type HostPaths } from '../engine/paths.js';
import { internalErrorFinding } from './internal-error.js';
import { hostRules } from '../rules/index.js';
import type { HostContext, HostRule } from '../rules/host-rule.js';
import type { LoadedHost } from './hosts.js';
import type { Host } from '../host/host.js';
import type { ChangedRule } from '../languages/iptables/ruleset.js';
import { ruleMayMeetWalk } from '../languages/iptables/firewall-model.js';
import { isOpeningRule } from '../rules/anchors.js';
import type { ServerFacts } from '../engine/server-facts.js';

export const configInvalidRule: RuleMeta = {
  id: 'ftp/config-invalid',
  severity: 'warning',
  summary: 'A .ftpwall.json that cannot be read or has a field with a wrong value',
  docs: {
    detects: 'A .ftpwall.json that is not valid JSON, or whose kernel, nat, firewall, clients, ignore or rules field has a value of the wrong kind.',
    why: 'ftpwall falls back to its defaults for what it cannot read (a current kernel, no NAT, both modes), which may not describe the host.',
    fix: 'Correct the field; VS Code validates the file against the schema ftpwall ships.',
    before: '{ "kernel": 5.10 }',
    after: '{ "kernel": "5.10" }',
    language: 'json',
  },
};

export interface HostCheck {
  findings: Finding[];
  /** The paths of the host's first FTP service. */
  paths: HostPaths;
  /** The paths of each of its FTP services (ProFTPD's virtual hosts each have theirs), the first being `paths`. */
  services: HostPaths[];
  /**
   * Could taking out or putting in this rule of this file change the findings or the paths (an
   * edit that moved no line)? False only where nothing the check used can see the rule: a file
   * other than the host's firewall, a filter chain no walk went into and whose rule opens no
   * ports for the host rules to weigh, a user chain of mangle or security no walk went into.
   */
  reads(path: string, rule: ChangedRule): boolean;
}

/** What the host rules and the engine read of a firewall besides the chains the walks enter: see rules/anchors.ts, rules/nat.ts, engine/helper.ts. */
function readsRule(paths: HostPaths | undefined, weighsOpeningRules: boolean, rule: ChangedRule): boolean {
  if (rule.table === 'raw' || rule.table === 'nat') return true;
  if (paths && ruleMayMeetWalk(rule.table, rule.chain, (name) => [paths.control, paths.passive, paths.active].some((p) => p.outcomes.some((o) => o.entered.has(name))))) return true;
  if (rule.table !== 'filter') return false;
  return weighsOpeningRules && rule.chain !== 'OUTPUT' && rule.chain !== 'FORWARD' && isOpeningRule(rule.meaning, paths?.firewall?.family ?? 'ipv4');
}

/** The host's three paths; when working them out fails (a bug in ftpwall), all three unknown, with the error. */
export function workOutPaths(host: Host, service: ServerFacts = host.server): { paths: HostPaths; error?: unknown } {
  try { return { paths: hostPaths(host, service) }; } catch (error) {
    return { paths: unknownPaths(host, `ftpwall failed on this host (${error instanceof Error ? error.message : String(error)})`), error };
  }
}

/**
 * The findings that need the whole host. `linesOf` gives each file's text lines for suppression
 * comments; `rules` are the editor's settings, which the host's .ftpwall.json refines.
 */
export function checkHost(loaded: LoadedHost, linesOf: (path: string) => LineIndex | undefined, rules: RuleSettings = {}): HostCheck {
  const { host } = loaded;
  const settings = { ...rules, ...host.config.rules };
  const findings: Finding[] = [];
  // Without an FTP server's configuration nothing says the host serves FTP (its firewall may be a router's): no FTP
  // findings, and the paths are worked out only if someone asks (the editor's explain view).
  const firewallEntry = host.firewalls.find((f) => f.doc.model('ipv4'));
  let asked: HostPaths | undefined;
  const serverFile = host.server.path;
  if (serverFile === undefined) {
    // What the firewall's own front-end refuses is reported all the same: it is not about FTP.
    const context: HostContext = { host, get paths() { return (asked ??= workOutPaths(host).paths); } };
    const anchor = host.firewalls[0]?.path ?? host.root;
    runHostRules(hostRules.filter((r) => r.withoutServer), context, settings, anchor, findings);
    return {
      findings: withConfigFindings(findings, loaded, settings, linesOf),
      get paths() { return (asked ??= workOutPaths(host).paths); },
      get services() { return [this.paths]; },
      reads: (path, rule) => asked !== undefined && path === firewallEntry?.path && readsRule(asked, false, rule),
    };
  }
  const worked = host.servers.map((server) => workOutPaths(host, server));
  const services = worked.map((w) => w.paths);
  const paths = services[0]!;
  const reads = (path: string, rule: ChangedRule) => path === firewallEntry?.path && services.some((p) => readsRule(p, true, rule));
  const error = worked.find((w) => w.error !== undefined)?.error;
  if (error !== undefined) {
    const failed = internalErrorFinding(serverFile, `ftpwall failed to work out the FTP paths of host ${host.root}`, error, settings);
    return { findings: failed ? [failed] : [], paths, services, reads: () => true };
  }
  const each = services.map((servicePaths) => {
    const found: Finding[] = [];
    // A server that does not start: its refusal is the finding; the path rules would blame the firewall.
    const rules = servicePaths.server.refusesToStart ? hostRules.filter((r) => r.withoutServer) : hostRules;
    runHostRules(rules, { host, paths: servicePaths, ...(firewallEntry ? { firewall: firewallEntry } : {}) }, settings, serverFile, found);
    return found;
  });
  findings.push(...acrossServices(each, host.servers));
  return { findings: withConfigFindings(findings, loaded, settings, linesOf), paths, services, reads };
}

/**
 * The findings of each FTP service merged: one that every service gives is reported once; one
 * that only some give is reported for each of them, named ("<VirtualHost 10.0.0.5>: ...").
 */
function acrossServices(each: readonly Finding[][], servers: readonly ServerFacts[]): Finding[] {
  if (each.length === 1) return each[0]!;
  const key = (f: Finding) => `${f.ruleId}\0${f.file}\0${f.range.start.line}:${f.range.start.character}\0${f.message}`;
  const counts = new Map<string, number>();
  for (const found of each) for (const k of new Set(found.map(key))) counts.set(k, (counts.get(k) ?? 0) + 1);
  const merged: Finding[] = [];
  const reported = new Set<string>();
  each.forEach((found, n) => {
    for (const finding of found) {
      const k = key(finding);
      if (counts.get(k) === each.length) { if (!reported.has(k)) { reported.add(k); merged.push(finding); } continue; }
      merged.push({ ...finding, message: `${servers[n]!.service ?? servers[n]!.server}: ${finding.message}` });
    }
  });
  return merged;
}

/** Runs host rules, each at its level; a rule that fails becomes one internal-error finding on `anchor`. */
function runHostRules(rules: readonly HostRule[], context: HostContext, settings: RuleSettings, anchor: string, findings: Finding[]): void {
  for (const rule of rules) {
    const level = effectiveLevel(rule.id, rule.severity, settings);
    if (level === 'off') continue;
    try {
      rule.check(context, (r) => findings.push({ ruleId: rule.id, severity: level, file: r.file, range: r.range, message: r.message, fixes: r.fixes ?? [], related: r.related ?? [], ...(r.unnecessary ? { unnecessary: true } : {}) }));
    } catch (error) {
      const failed = internalErrorFinding(anchor, `The check ${rule.id} failed for host ${context.host.root}`, error, settings);
      if (failed) findings.push(failed);
    }
  }
}

/** The host's findings with what was wrong in its .ftpwall.json added, and the suppressed ones taken out. */
function withConfigFindings(findings: Finding[], loaded: LoadedHost, settings: RuleSettings, linesOf: (path: string) => LineIndex | undefined): Finding[] {
  const configLevel = effectiveLevel(configInvalidRule.id, configInvalidRule.severity, settings);
  if (configLevel !== 'off') {
    for (const problem of loaded.configProblems) {
      findings.push({ ruleId: configInvalidRule.id, severity: configLevel, file: `${loaded.host.root}/.ftpwall.json`, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: problem, fixes: [], related: [] });
    }
  }
  const suppressions = new Map<string, ReturnType<typeof readSuppressions>>();
  return findings.filter((f) => {
    const lines = linesOf(f.file);
    if (!lines) return true;
    if (!suppressions.has(f.file)) suppressions.set(f.file, readSuppressions(lines));
    return !isSuppressed(f, suppressions.get(f.file)!);
  });
}

