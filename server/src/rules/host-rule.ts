import type { Report, RuleMeta } from '../core/rule.js';
import type { HostPaths } from '../engine/paths.js';
import type { Host } from '../host/host.js';
import type { HostFirewall } from '../host/host.js';

/** A finding about a host, placed in one of its files. */
export interface HostReport extends Report { file: string }

export interface HostContext {
  host: Host;
  paths: HostPaths;
  /** The IPv4 firewall file the verdicts come from, when there is one. */
  firewall?: HostFirewall;
}

/** The loaded firewall file a rule (or any place) is written in. */
export function firewallOf(context: HostContext, path: string): HostFirewall | undefined {
  return context.host.firewalls.find((f) => f.path === path);
}

/** A rule that needs the whole host: vsftpd's settings and the firewall together. */
export interface HostRule extends RuleMeta {
  /** It judges the firewall alone, so it runs on hosts without an FTP server's configuration too. */
  readonly withoutServer?: boolean;
  check(context: HostContext, report: (report: HostReport) => void): void;
}
