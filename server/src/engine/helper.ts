import type { Host } from '../host/host.js';
import { kernelAtLeast } from '../host/config.js';
import type { Location } from '../languages/iptables/ruleset.js';
import type { FirewallModel } from './firewall-model.js';
import { currentName, FTP_CONNTRACK_HELPER, FTP_NAT_HELPER } from '../languages/modules/module-names.js';
import type { ServerFacts } from './server-facts.js';
import { PortSet } from './port-set.js';

/** Whether the FTP conntrack helper turns this host's data connections into RELATED ones, and if not, why. */
export interface HelperState {
  works: boolean;
  missing?: 'module' | 'assignment' | 'ports' | 'tls';
  explanation: string;
  assignedBy?: Location;
}

const where = (location: Location) => `${location.path.split('/').pop()}:${location.line + 1}`;

/** The assignment of the FTP helper to connections to `port`, if any; else the ports it is assigned to. */
function assigningRule(model: FirewallModel, port: number): { rule?: Location; otherPort?: string } {
  let otherPort: string | undefined;
  for (const { ports, where } of model.ftpHelperAssignments()) {
    if (ports.has(port)) return { rule: where };
    otherPort = ports.toString();
  }
  return otherPort ? { otherPort } : {};
}

/** The ports the module's `ports=` option gives it (21 by default). */
function helperPorts(host: Host): PortSet {
  for (const modprobe of host.modprobe) {
    for (const o of modprobe.options) {
      if (currentName(o.module.value) !== FTP_CONNTRACK_HELPER) continue;
      const ports = o.parameters.find((p) => p.value.startsWith('ports='))?.value.slice(6);
      if (ports) return PortSet.of(...ports.split(',').filter((p) => /^\d+$/.test(p)).map((p) => [Number(p), Number(p)] as const));
    }
  }
  return PortSet.range(21, 21);
}

/**
 * `scriptLoads`: the modules the firewall script loads in the way it ran to leave `ruleset`; they
 * stand for what the script file itself says in every way it can run.
 */
export function ftpHelperState(host: Host, model: FirewallModel, server: ServerFacts, scriptLoads?: { path: string; names: readonly string[] }): HelperState {
  const port = server.controlPort;
  const blind = (base: HelperState): HelperState => server.tls
    ? { works: false, missing: 'tls', explanation: `${base.explanation}, but ${server.wording.tlsOn} encrypts the control connection, so the helper cannot read the PASV and PORT replies` }
    : base;

  const assigned = assigningRule(model, port);
  if (assigned.rule) return blind({ works: true, explanation: `the FTP helper is assigned to the control port (${where(assigned.rule)})`, assignedBy: assigned.rule });
  if (assigned.otherPort) return { works: false, missing: 'ports', explanation: `the firewall assigns the FTP helper to port ${assigned.otherPort}, not to ${server.wording.controlPort} ${port}` };

  const isHelper = (name: string) => [FTP_CONNTRACK_HELPER, FTP_NAT_HELPER].includes(currentName(name));
  const loaded = host.moduleFiles.some(({ path, doc }) => path !== scriptLoads?.path && doc.mentions.some((m) => (m.role === 'load' || m.role === 'alias-target') && isHelper(m.name.value)))
    || !!scriptLoads?.names.some(isHelper);
  const sysctlOn = host.sysctl.some((s) => s.settings.some((x) => x.key === 'net.netfilter.nf_conntrack_helper' && x.value?.value === '1'));
  const kernel = host.config.kernel;
  const autoAssign = !kernelAtLeast(kernel, 4, 7) || (sysctlOn && !kernelAtLeast(kernel, 6, 0));
  if (!autoAssign) {
    return {
      works: false, missing: 'assignment',
      explanation: `${loaded ? 'the FTP helper module is loaded, but' : 'no rule assigns the FTP helper:'} since kernel 4.7 it is used only where a rule assigns it to port ${port} (iptables: -t raw -A PREROUTING -p tcp --dport ${port} -j CT --helper ftp; nftables: ct helper set)`,
    };
  }
  if (!loaded) return { works: false, missing: 'module', explanation: `kernel ${kernel} would assign the FTP helper by itself, but no file loads nf_conntrack_ftp` };
  if (!helperPorts(host).has(port)) return { works: false, missing: 'ports', explanation: `the FTP helper watches port${helperPorts(host).size === 1 ? '' : 's'} ${helperPorts(host)}, not ${server.wording.controlPort} ${port} (options nf_conntrack_ftp ports=...)` };
  return blind({ works: true, explanation: `kernel ${kernel} assigns the loaded FTP helper to port ${port} by itself` });
}
