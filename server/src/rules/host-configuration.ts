import type { HostContext, HostRule } from './host-rule.js';

/** What the host's firewalls say about its files read together: refused (`refused`), or only replaced. */
function hostProblems(context: HostContext, refused: boolean, unused = false) {
  return context.host.firewalls.flatMap((firewall) => (firewall.doc.hostProblems ?? []).filter((problem) => problem.refused === refused && !!problem.unused === unused));
}

export const hostConfiguration: HostRule = {
  id: 'firewall/host-configuration',
  severity: 'error',
  withoutServer: true,
  summary: 'The firewall refuses the host\'s files read together (a name no file defines)',
  docs: {
    detects: 'What a firewall front-end refuses only when it reads all of a host\'s files: a firewalld zone naming a service that neither firewalld\'s catalogue nor /etc/firewalld/services defines, or a service including one.',
    why: 'Each file looks right by itself. firewalld refuses the whole configuration and runs its stock one (ssh and dhcpv6-client only), so FTP is closed.',
    fix: 'Use a name that exists (firewalld\'s `ftp` service, say) or add the service file.',
    before: '<zone>\n  <service name="ftps"/>\n</zone>',
    after: '<zone>\n  <service name="ftp"/>\n</zone>',
    language: 'xml',
  },
  check(context, report) {
    for (const problem of hostProblems(context, true)) {
      const fixes = problem.replacement ? [{ title: problem.replacement.title, edits: { [problem.path]: [{ range: problem.range, newText: problem.replacement.newText }] }, safe: false, preferred: true }] : [];
      report({ file: problem.path, range: problem.range, message: `${problem.message} (firewalld then runs its stock configuration: ssh and dhcpv6-client only)`, fixes });
    }
  },
};

export const hostConfigurationReplaced: HostRule = {
  id: 'firewall/host-configuration-replaced',
  severity: 'warning',
  withoutServer: true,
  summary: 'The firewall replaces what the host\'s files say (a default zone that does not exist)',
  docs: {
    detects: 'What a firewall front-end warns about and replaces when it reads all of a host\'s files: a firewalld DefaultZone that no zone file defines.',
    why: 'firewalld starts anyway, with the public zone instead: the ports opened in the zone meant as the default are closed to every connection no other zone takes.',
    fix: 'Name an existing zone in firewalld.conf, or add the zone file.',
    before: 'DefaultZone=ftpzone',
    after: 'DefaultZone=public',
    language: 'text',
  },
  check(context, report) {
    for (const problem of hostProblems(context, false)) report({ file: problem.path, range: problem.range, message: problem.message });
  },
};

export const policyAppliesToNothing: HostRule = {
  id: 'firewalld/policy-applies-to-nothing',
  severity: 'warning',
  withoutServer: true,
  summary: 'A firewalld policy from zones nothing is bound to',
  docs: {
    detects: 'A policy (policies/NAME.xml) whose every ingress zone has no interface and no source bound to it in the host\'s files.',
    why: 'firewalld runs a policy only for what comes in through the interfaces and sources of its ingress zones. Measured with firewalld 1.3.3: a policy from the default zone with nothing bound to it is never jumped to, so the ports it opens stay closed and what it rejects passes.',
    fix: 'Bind the interface the clients come in on to the zone (`<interface name="eth0"/>` in the zone file), or use `ANY` as the ingress zone.',
    before: '<policy target="CONTINUE">\n  <ingress-zone name="public"/>\n  <egress-zone name="HOST"/>\n</policy>',
    after: '<policy target="CONTINUE">\n  <ingress-zone name="ANY"/>\n  <egress-zone name="HOST"/>\n</policy>',
    language: 'xml',
  },
  check(context, report) {
    for (const problem of hostProblems(context, false, true)) report({ file: problem.path, range: problem.range, message: problem.message });
  },
};
