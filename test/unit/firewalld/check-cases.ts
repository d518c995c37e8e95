import { lines } from '../../helpers/files.js';
import type { RuleCases } from '../firewall/rule-cases.js';

/** /etc/firewalld/zones/public.xml holding `body`. */
const zone = (...body: string[]) => ({ lang: 'firewalld', text: lines('<?xml version="1.0" encoding="utf-8"?>', '<zone>', '  <short>Public</short>', ...body.map((b) => `  ${b}`), '</zone>') });
const at = (line: number, says: string, ...body: string[]) => ({ ...zone(...body), line, says });
const GOOD = zone('<service name="ftp"/>', '<port protocol="tcp" port="40000-40100"/>', '<rule family="ipv4"><source address="10.0.0.0/8"/><service name="ftp"/><accept/></rule>');

const direct = (...body: string[]) => ({ lang: 'firewalld', path: 'etc/firewalld/direct.xml', text: lines('<?xml version="1.0" encoding="utf-8"?>', '<direct>', ...body.map((b) => `  ${b}`), '</direct>') });

/** A provisioning script that configures firewalld with firewall-cmd. */
const provision = (...commands: string[]) => ({ lang: 'iptables-script', path: '/srv/host/provision.sh', text: lines('#!/bin/sh', ...commands) });

export const FIREWALLD_CASES: Record<string, RuleCases> = {
  'firewalld/direct-rule-refused': {
    fires: [
      { ...direct('<rule ipv="ipv4" table="filter" chain="INPUT" priority="0">-p tcp --dport 21 -j DORP</rule>'), line: 3, says: "Couldn't load target `DORP'" },
      { ...direct('<passthrough ipv="ipv4">-A INPUT -p tcp --dport 70000 -j ACCEPT</passthrough>'), line: 3, says: 'iptables refuses this direct rule' },
    ],
    quiet: [direct('<rule ipv="ipv4" table="filter" chain="INPUT" priority="0">-p tcp --dport 40000:40100 -j ACCEPT</rule>', '<passthrough ipv="ipv6">-A INPUT -p tcp --dport 21 -j DROP</passthrough>')],
  },
  'firewalld/config-refused': {
    fires: [
      at(4, "INVALID_PORT: '40000-70000' is invalid port range", '<port protocol="tcp" port="40000-70000"/>'),
      at(4, "INVALID_PROTOCOL: 'tpc' not from", '<port protocol="tpc" port="21"/>'),
      at(4, 'PARSE_ERROR: Unexpected element ports', '<ports protocol="tcp" port="21"/>'),
      at(4, 'PARSE_ERROR: Missing attribute protocol for port', '<port port="21"/>'),
      at(4, 'PARSE_ERROR: port: Unexpected attribute comment', '<port protocol="tcp" port="21" comment="ftp"/>'),
      { lang: 'firewalld', text: lines('<zone target="DENY">', '</zone>'), line: 1, says: 'INVALID_TARGET: DENY' },
      { lang: 'firewalld', text: lines('<zone>', '  <service name="ftp">', '</zone>'), says: 'INVALID_ZONE: not a valid zone file' },
    ],
    quiet: [GOOD, zone('<port protocol="tcp" port="40100-40000"/>', '<port protocol="tcp" port="ftp"/>'), { lang: 'firewalld', text: lines('<zone target="%%REJECT%%">', '</zone>') }],
  },
  'firewalld/rich-rule-ignored': {
    fires: [
      at(4, 'More than one action', '<rule><service name="ftp"/><accept/><drop/></rule>'),
      at(4, 'INVALID_ADDR: 10.0.0.0/33', '<rule family="ipv4"><source address="10.0.0.0/33"/><service name="ftp"/><accept/></rule>'),
    ],
    quiet: [GOOD, zone('<rule family="ipv6"><source address="2001:db8::/32"/><port protocol="tcp" port="21"/><reject/></rule>')],
  },
  'firewalld/runtime-only': {
    fires: [
      { ...provision('firewall-cmd --add-service=ftp', 'firewall-cmd --reload'), line: 2, says: 'never saved' },
      { ...provision('firewall-cmd --permanent --add-port=21/tcp', 'sudo firewall-cmd --zone=public --add-port=40000-40100/tcp'), line: 3, says: 'drops it' },
    ],
    quiet: [
      provision('firewall-cmd --permanent --add-service=ftp', 'firewall-cmd --reload'),
      provision('firewall-cmd --add-service=ftp', 'firewall-cmd --runtime-to-permanent'),
      provision('firewall-offline-cmd --add-service=ftp', 'firewall-cmd --list-all'),
    ],
  },
};
