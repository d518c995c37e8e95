import type { FileRule } from '../../core/rule.js';
import type { FirewalldDocument } from './document.js';
import { directRefusals } from './direct.js';

export const firewalldRefused: FileRule<FirewalldDocument> = {
  id: 'firewalld/config-refused',
  severity: 'error',
  summary: 'firewalld refuses the configuration and runs its stock one instead',
  docs: {
    detects: 'What `firewall-offline-cmd --check-config` refuses in a zone, service or helper file: malformed XML, an element or attribute firewalld does not know, a port, protocol or zone target it cannot read.',
    why: 'firewalld does not start with half a configuration: it logs "Failed to load user configuration. Falling back to full stock configuration" and runs the public zone as installed (ssh and dhcpv6-client only). Every port you opened, FTP included, is closed.',
    fix: 'Correct the value in the words of the message (`firewall-offline-cmd --check-config` shows the same).',
    before: '<zone>\n  <port protocol="tcp" port="40000-70000"/>\n</zone>',
    after: '<zone>\n  <port protocol="tcp" port="40000-40100"/>\n</zone>',
    language: 'xml',
  },
  check(doc, report) {
    for (const problem of doc.problems) if (problem.refused) report({ range: problem.range, message: `${problem.message} (firewalld then runs its stock configuration: ssh and dhcpv6-client only)` });
  },
};

export const firewalldRichRuleIgnored: FileRule<FirewalldDocument> = {
  id: 'firewalld/rich-rule-ignored',
  severity: 'warning',
  summary: 'A rich rule firewalld drops with a warning',
  docs: {
    detects: 'A `<rule>` firewalld cannot read (two actions, an address that is not one, an address without a family, a bad port): it only warns and starts without it.',
    why: 'The configuration passes `--check-config`, so nothing looks wrong, but the rule is not in the firewall: the port it was meant to open stays closed.',
    fix: 'Correct the rule as the warning says.',
    before: '<rule family="ipv4">\n  <source address="10.0.0.0/33"/>\n  <service name="ftp"/>\n  <accept/>\n</rule>',
    after: '<rule family="ipv4">\n  <source address="10.0.0.0/24"/>\n  <service name="ftp"/>\n  <accept/>\n</rule>',
    language: 'xml',
  },
  check(doc, report) {
    for (const problem of doc.problems) if (!problem.refused) report({ range: problem.range, message: problem.message });
  },
};

export const firewalldDirectRefused: FileRule<FirewalldDocument> = {
  id: 'firewalld/direct-rule-refused',
  severity: 'warning',
  summary: 'A direct.xml rule iptables refuses',
  docs: {
    detects: 'A `<rule>` or `<passthrough>` in /etc/firewalld/direct.xml whose iptables arguments iptables refuses (a misspelt target, an unknown option, a chain that does not exist).',
    why: 'firewalld hands these words to iptables as they are; `--check-config` does not read them, so the mistake shows only when firewalld starts, and the rule is not in the firewall.',
    fix: 'Write the arguments as `iptables` takes them (the message is iptables\' own).',
    before: '<rule ipv="ipv4" table="filter" chain="INPUT" priority="0">-p tcp --dport 21 -j DORP</rule>',
    after: '<rule ipv="ipv4" table="filter" chain="INPUT" priority="0">-p tcp --dport 21 -j DROP</rule>',
    language: 'xml',
  },
  check(doc, report) {
    if (!doc.direct) return;
    for (const family of ['ipv4', 'ipv6'] as const) {
      for (const refusal of directRefusals(doc.direct, family)) report({ range: refusal.where.range, message: `iptables refuses this direct rule: ${refusal.message}` });
    }
  },
};

export const firewalldChecks = [firewalldRefused, firewalldRichRuleIgnored, firewalldDirectRefused] as const;
