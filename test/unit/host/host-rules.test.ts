import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hostRules } from '../../../server/src/rules/index.js';
import { applyHostFix, checkFiles, conf, filter, GATEWAY, HOST, lines, RULES, VSFTPD, type Files } from '../../helpers/hosts.js';
import type { HostConfig } from '../../../server/src/host/config.js';

const ESTABLISHED = '-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT';
const RANGE = ['pasv_min_port=40000', 'pasv_max_port=40100'];
const SCRIPT = `${HOST}/etc/firewall.sh`;
const PASSIVE_IF = lines('iptables -P INPUT DROP', 'iptables -A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', 'iptables -A INPUT -p tcp --dport 21 -j ACCEPT', 'if [ "$FTP_PASSIVE" = yes ]; then', '  iptables -A INPUT -p tcp --dport 40000:40100 -j ACCEPT', 'fi');
const GOOD: Files = { [VSFTPD]: conf(...RANGE), [RULES]: filter(ESTABLISHED, '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -p tcp --dport 40000:40100 -j ACCEPT', '-A INPUT -j REJECT') };

const ZONE = `${HOST}/etc/firewalld/zones/public.xml`;
const zone = (...body: string[]) => lines('<?xml version="1.0" encoding="utf-8"?>', '<zone>', ...body.map((b) => `  ${b}`), '</zone>');
const POLICY = `${HOST}/etc/firewalld/policies/ftp-passive.xml`;
/** A policy from `ingress` to this host that opens the passive range. */
const policy = (ingress: string) => lines('<?xml version="1.0" encoding="utf-8"?>', '<policy target="CONTINUE" priority="-10">', `  <ingress-zone name="${ingress}"/>`, '  <egress-zone name="HOST"/>', '  <port protocol="tcp" port="40000-40100"/>', '</policy>');

/** A router in front of GOOD: its nat table holds `nat`, its raw table `raw`, FORWARD accepts; IPv4 forwarding on. */
const routerFiles = (nat: string[], raw: string[] = []): Files => ({
  [`${GATEWAY}/etc/iptables/rules.v4`]: (raw.length ? lines('*raw', ':PREROUTING ACCEPT [0:0]', ...raw, 'COMMIT') : '')
    + lines('*nat', ':PREROUTING ACCEPT [0:0]', ':POSTROUTING ACCEPT [0:0]', ...nat, 'COMMIT', '*filter', ':FORWARD ACCEPT [0:0]', 'COMMIT'),
  [`${GATEWAY}/etc/sysctl.conf`]: 'net.ipv4.ip_forward = 1\n',
});
const BEHIND_NAT: Partial<HostConfig> = { addresses: ['10.0.0.5'], nat: { publicAddress: '198.51.100.1' }, gateways: ['../gw'] };
const FORWARD_21 = '-A PREROUTING -p tcp --dport 21 -j DNAT --to-destination 10.0.0.5';
const FORWARD_RANGE = '-A PREROUTING -p tcp --dport 40000:40100 -j DNAT --to-destination 10.0.0.5';
const MASQUERADE = '-A POSTROUTING -s 10.0.0.0/24 -j MASQUERADE';
/** An nftables router forwarding port 21 to the server, masquerading it, its forward chain dropping what is not established or to 21. */
const NFT_ROUTER = lines('table ip nat {', '\tchain prerouting {', '\t\ttype nat hook prerouting priority dstnat; policy accept;', '\t\ttcp dport 21 dnat to 10.0.0.5', '\t}',
  '\tchain postrouting {', '\t\ttype nat hook postrouting priority srcnat; policy accept;', '\t\tip saddr 10.0.0.0/24 masquerade', '\t}', '}',
  'table inet filter {', '\tchain forward {', '\t\ttype filter hook forward priority filter; policy drop;', '\t\tct state established,related accept', '\t\tip daddr 10.0.0.5 tcp dport 21 accept', '\t}', '}');

const RULES6 = `${HOST}/etc/iptables/rules.v6`;
const NFT_CONF = `${HOST}/etc/nftables.conf`;
/** Debian's /etc/nftables.conf as the package installs it: everything flushed, chains that accept all. */
const STOCK_NFT = lines('#!/usr/sbin/nft -f', '', 'flush ruleset', '', 'table inet filter {', '\tchain input {', '\t\ttype filter hook input priority filter;', '\t}', '}');
const UNITS = `${HOST}/etc/systemd/system`;
/** An init script as the only firewall, and its runlevel links (named as update-rc.d names them). */
const INIT_SCRIPT = `${HOST}/etc/init.d/firewall`;
const INIT_FIREWALL: Files = { [VSFTPD]: conf(...RANGE), [INIT_SCRIPT]: lines('#!/bin/sh', 'iptables -P INPUT DROP', 'iptables -A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', 'iptables -A INPUT -p tcp --dport 21 -j ACCEPT') };
const rcLinks = (...names: string[]): Files => Object.fromEntries(names.map((name) => [`${HOST}/etc/${name}`, '']));
/** vsftpd listening on IPv6 (and, dual-stack, IPv4), its IPv4 rules those of GOOD, its IPv6 rules `rules6` with ICMPv6 accepted first, as neighbour discovery needs. */
const onIpv6 = (rules6: string): Files => ({ ...GOOD, [VSFTPD]: conf(...RANGE).replace('listen=YES', 'listen=NO\nlisten_ipv6=YES'), [RULES6]: rules6.replace(':OUTPUT ACCEPT [0:0]\n', ':OUTPUT ACCEPT [0:0]\n-A INPUT -p ipv6-icmp -j ACCEPT\n') });

interface HostCase { files: Files; config?: Partial<HostConfig>; file?: string; says?: string }

/** GOOD with vsftpd started for each connection (listen and listen_ipv6 off), and what starts it. */
const INETD_MODE: Files = { ...GOOD, [VSFTPD]: conf(...RANGE).replace('listen=YES', 'listen=NO\nlisten_ipv6=NO') };
const XINETD_FTP = `${HOST}/etc/xinetd.d/vsftpd`;
const INETD_CONF = `${HOST}/etc/inetd.conf`;
const INETD_FTP_LINE = lines('ftp stream tcp nowait root /usr/sbin/vsftpd vsftpd /etc/vsftpd.conf');
/** An xinetd entry that runs vsftpd, with more attributes. */
const xinetdService = (header: string, ...attributes: string[]) => lines(header, '{', '  socket_type = stream', '  wait = no', '  user = root', '  server = /usr/sbin/vsftpd', ...attributes.map((a) => `  ${a}`), '}');
const PROFTPD = `${HOST}/etc/proftpd/proftpd.conf`;

const CASES: Record<string, { fires: HostCase[]; quiet: HostCase[] }> = {
  'ftp/control-blocked': { fires: [{ files: { [VSFTPD]: conf(...RANGE), [RULES]: filter(ESTABLISHED, '-A INPUT -p tcp --dport 40000:40100 -j ACCEPT', '-A INPUT -j REJECT') }, file: VSFTPD, says: 'meets REJECT' }], quiet: [{ files: GOOD }] },
  'ftp/control-not-established': { fires: [{ files: { [VSFTPD]: conf(...RANGE), [RULES]: filter('-A INPUT -p tcp -m state --state NEW --dport 21 -j ACCEPT') }, says: 'hangs after the handshake' }], quiet: [{ files: GOOD }] },
  'ftp/passive-blocked': {
    fires: [{ files: { [VSFTPD]: conf(), [RULES]: filter(ESTABLISHED, '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -j REJECT') }, file: VSFTPD, says: 'none of them is accepted' }, { files: { [VSFTPD]: conf(...RANGE), [RULES]: filter(ESTABLISHED, '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -p tcp --dport 40000:40050 -j ACCEPT') }, says: 'only 51 of 101' }],
    quiet: [{ files: GOOD }, { files: { [VSFTPD]: conf().replace('ssl_enable=YES', 'ssl_enable=NO'), [RULES]: lines('*raw', '-A PREROUTING -p tcp --dport 21 -j CT --helper ftp', 'COMMIT') + filter(ESTABLISHED, '-A INPUT -p tcp --dport 21 -j ACCEPT') } }],
  },
  'ftp/passive-conditional': { fires: [{ files: { [VSFTPD]: conf(...RANGE), [RULES]: filter(ESTABLISHED, '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -s 10.0.0.0/8 -p tcp --dport 40000:40100 -j ACCEPT') }, says: 'only from 10.0.0.0/8' }], quiet: [{ files: GOOD }] },
  'ftp/passive-range-small': { fires: [{ files: { [VSFTPD]: conf('pasv_min_port=2222', 'pasv_max_port=2225'), [RULES]: filter(ESTABLISHED, '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -p tcp --dport 2222:2225 -j ACCEPT') }, says: 'at most 4 passive transfers' }], quiet: [{ files: GOOD }] },
  'ftp/firewall-range-mismatch': { fires: [{ files: { [VSFTPD]: conf('pasv_min_port=50000', 'pasv_max_port=50099'), [RULES]: filter(ESTABLISHED, '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -p tcp --dport 2222:2225 -j ACCEPT') }, file: RULES, says: 'opens ports 2222-2225' }], quiet: [{ files: GOOD }, { files: { [VSFTPD]: conf('pasv_min_port=50000', 'pasv_max_port=50099'), [RULES]: filter(ESTABLISHED, '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -p tcp --dport 50000:50099 -j ACCEPT', '-A INPUT -p tcp -m multiport --dports 8080,8443,9000:9010 -j ACCEPT') } }] },
  'ftp/firewall-range-too-broad': { fires: [{ files: { [VSFTPD]: conf(...RANGE), [RULES]: filter(ESTABLISHED, '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -p tcp --dport 1024:65535 -j ACCEPT') }, file: RULES, says: 'opens 64512 ports' }], quiet: [{ files: GOOD }] },
  'ftp/passive-open-but-disabled': { fires: [{ files: { [VSFTPD]: conf('pasv_enable=NO', ...RANGE), [RULES]: GOOD[RULES]! }, file: RULES }], quiet: [{ files: GOOD }] },
  'ftp/related-without-helper': {
    fires: [
      { files: { [VSFTPD]: conf().replace('ssl_enable=YES', 'ssl_enable=NO'), [RULES]: filter(ESTABLISHED, '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -j REJECT') }, file: RULES, says: 'since kernel 4.7' },
      // Ports of other services, listed one by one, are no passive range: RELATED is still what the data connections rely on.
      { files: { [VSFTPD]: conf().replace('ssl_enable=YES', 'ssl_enable=NO'), [RULES]: filter(ESTABLISHED, '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -p tcp -m multiport --dports 80,443 -j ACCEPT', '-A INPUT -j REJECT') }, file: RULES, says: 'since kernel 4.7' },
    ],
    quiet: [{ files: GOOD }, { files: { [VSFTPD]: conf('pasv_min_port=50000', 'pasv_max_port=50099').replace('ssl_enable=YES', 'ssl_enable=NO'), [RULES]: filter(ESTABLISHED, '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -p tcp --dport 2222:2225 -j ACCEPT', '-A INPUT -j REJECT') } }],
  },
  'ftp/active-blocked': { fires: [{ files: { [VSFTPD]: conf(...RANGE, 'connect_from_port_20=YES'), [RULES]: lines('*filter', ':INPUT DROP [0:0]', ':OUTPUT DROP [0:0]', '-A INPUT -m state --state ESTABLISHED -j ACCEPT', '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -p tcp --dport 40000:40100 -j ACCEPT', '-A OUTPUT -m state --state ESTABLISHED -j ACCEPT', 'COMMIT') }, says: 'OUTPUT policy DROP' }], quiet: [{ files: GOOD }] },
  'ftp/gateway-blocks': {
    fires: [
      { files: { ...GOOD, ...routerFiles([FORWARD_21, MASQUERADE]) }, config: BEHIND_NAT, file: VSFTPD, says: 'Gateway ../gw stops passive data: no rule of its nat PREROUTING forwards passive ports 40000-40100' },
      { files: { ...GOOD, ...routerFiles([FORWARD_21, FORWARD_RANGE, MASQUERADE]) }, config: BEHIND_NAT, says: 'stops passive data for clients that connect to the address the 227 reply names' },
      { files: { ...GOOD, ...routerFiles([]) }, config: BEHIND_NAT, says: 'stops the control connection: no rule of its nat PREROUTING forwards port 21' },
      // TLS blinds the router's helper as it blinds the server's.
      { files: { ...GOOD, ...routerFiles([FORWARD_21], ['-A PREROUTING -p tcp --dport 21 -j CT --helper ftp']) }, config: BEHIND_NAT, says: 'ssl_enable=YES encrypts the control connection' },
    ],
    quiet: [
      { files: GOOD },
      { files: { ...GOOD, [VSFTPD]: conf(...RANGE).replace('ssl_enable=YES', 'ssl_enable=NO'), ...routerFiles([FORWARD_21], ['-A PREROUTING -p tcp --dport 21 -j CT --helper ftp']) }, config: BEHIND_NAT },
      { files: { ...GOOD, [VSFTPD]: conf(...RANGE, 'pasv_address=198.51.100.1'), ...routerFiles([FORWARD_21, FORWARD_RANGE, MASQUERADE]) }, config: BEHIND_NAT },
    ],
  },
  'ftp/ipv6-blocked': {
    fires: [
      { files: onIpv6(filter(ESTABLISHED, '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -j REJECT')), file: VSFTPD, says: 'Over IPv6, passive data connections are blocked: vsftpd picks passive ports from 40000-40100; none of them is accepted' },
      { files: onIpv6(filter(ESTABLISHED, '-A INPUT -p tcp --dport 40000:40100 -j ACCEPT')), says: 'Over IPv6, the control connection is blocked' },
      // Every TCP port open, but ICMPv6 dropped: neighbours never find the server (the kernel agrees: test/kernel/hosts/v6-icmp-dropped).
      { files: { ...onIpv6(''), [RULES6]: filter(ESTABLISHED, '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -p tcp --dport 40000:40100 -j ACCEPT') }, file: VSFTPD, says: 'Over IPv6, the control connection is blocked: Neighbour discovery never passes IPv6 INPUT: ICMPv6 solicitations and advertisements, which conntrack leaves UNTRACKED, meet INPUT\'s policy DROP at rules.v6:2' },
    ],
    quiet: [{ files: GOOD }, { files: onIpv6(GOOD[RULES]!) }],
  },
  'ftp/accept-shadowed': { fires: [{ files: { [VSFTPD]: conf(...RANGE), [RULES]: filter(ESTABLISHED, '-A INPUT -p tcp --dport 40000:40100 -j ACCEPT', '-A INPUT -j REJECT', '-A INPUT -p tcp --dport 21 -j ACCEPT') }, file: RULES, says: 'drops them first' }], quiet: [{ files: GOOD }] },
  'ftp/input-accepts-everything': { fires: [{ files: { [VSFTPD]: conf(...RANGE), [RULES]: lines('*filter', ':INPUT ACCEPT [0:0]', '-A INPUT -p tcp --dport 21 -j ACCEPT', 'COMMIT') }, file: RULES }], quiet: [{ files: GOOD }] },
  'ftp/no-firewall': { fires: [{ files: { [VSFTPD]: conf(...RANGE) }, file: VSFTPD }], quiet: [{ files: GOOD }] },
  'ftp/ipv6-without-rules': { fires: [{ files: { [VSFTPD]: conf(...RANGE).replace('listen=YES', 'listen=NO\nlisten_ipv6=YES'), [RULES]: GOOD[RULES]! }, says: 'IPv4 firewall rules only' }], quiet: [{ files: { ...GOOD, [VSFTPD]: conf(...RANGE).replace('listen=YES', 'listen=NO\nlisten_ipv6=YES'), [`${HOST}/etc/sysconfig/ip6tables`]: GOOD[RULES]! } }] },
  'ftp/nat-without-pasv-address': {
    fires: [
      { files: { [VSFTPD]: conf(...RANGE), [RULES]: GOOD[RULES]! + lines('*nat', '-A PREROUTING -i eth0 -p tcp --dport 21 -j DNAT --to-destination 10.0.0.5', 'COMMIT') }, says: 'through NAT (DNAT at iptables:' },
      { files: GOOD, config: { nat: { publicAddress: '203.0.113.7' } }, says: '.ftpwall.json' },
      // Every port forwarded, the control port with them.
      { files: { [VSFTPD]: conf(...RANGE), [RULES]: GOOD[RULES]! + lines('*nat', '-A PREROUTING -i eth0 -j DNAT --to-destination 10.0.0.5', 'COMMIT') }, config: { addresses: ['192.0.2.10'] }, says: 'through NAT (DNAT at iptables:' },
    ],
    quiet: [
      { files: GOOD }, { files: { ...GOOD, [VSFTPD]: conf(...RANGE, 'pasv_address=203.0.113.7') }, config: { nat: {} } },
      // A router's masquerade rewrites what it forwards or sends, not the address clients reach its server at.
      { files: { [VSFTPD]: conf(...RANGE), [RULES]: GOOD[RULES]! + lines('*nat', '-A POSTROUTING -o eth0 -j MASQUERADE', 'COMMIT') } },
      { files: { [VSFTPD]: conf(...RANGE), [RULES]: GOOD[RULES]! + lines('*nat', '-A POSTROUTING -s 10.0.0.0/24 -j MASQUERADE', 'COMMIT') }, config: { addresses: ['10.0.0.5'] } },
      // A port forward of another service to another machine.
      { files: { [VSFTPD]: conf(...RANGE), [RULES]: GOOD[RULES]! + lines('*nat', '-A PREROUTING -i eth0 -p tcp --dport 8080 -j DNAT --to-destination 10.0.0.7', 'COMMIT') } },
      // A user chain nothing jumps to translates nothing.
      { files: { [VSFTPD]: conf(...RANGE), [RULES]: GOOD[RULES]! + lines('*nat', ':UNUSED - [0:0]', '-A UNUSED -p tcp --dport 21 -j DNAT --to-destination 10.0.0.5', 'COMMIT') } },
      // Docker's masquerade of its bridge network: the host translates its containers' connections, not its own.
      { files: { [VSFTPD]: conf(...RANGE), [RULES]: GOOD[RULES]! + lines('*nat', ':DOCKER - [0:0]', '-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER', '-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE', '-A DOCKER -i docker0 -j RETURN', 'COMMIT') } },
    ],
  },
  'ftp/depends-on-unknown': {
    fires: [
      { files: { [VSFTPD]: conf(...RANGE), [SCRIPT]: PASSIVE_IF }, file: SCRIPT, says: 'blocked when $FTP_PASSIVE is not "yes", open when $FTP_PASSIVE is "yes" (the if at firewall.sh:4)' },
      { files: { [VSFTPD]: conf(...RANGE), [SCRIPT]: lines('iptables -P INPUT DROP', 'iptables -A INPUT -p tcp --dport $(cat /run/ftp-port) -j ACCEPT') }, file: SCRIPT, says: 'ftpwall cannot tell what that command does' },
    ],
    quiet: [{ files: GOOD }, { files: { [VSFTPD]: conf(...RANGE), [SCRIPT]: PASSIVE_IF }, config: { variables: { FTP_PASSIVE: 'no' } } }],
  },
  'ftp/dnat-control-without-passive': { fires: [{ files: { [VSFTPD]: conf(...RANGE), [RULES]: GOOD[RULES]! + lines('*nat', '-A PREROUTING -p tcp --dport 21 -j DNAT --to-destination 10.0.0.5', 'COMMIT') }, file: RULES, says: 'not forwarded' }], quiet: [{ files: { [VSFTPD]: conf(...RANGE, 'pasv_address=203.0.113.7'), [RULES]: GOOD[RULES]! + lines('*nat', '-A PREROUTING -p tcp --dport 21 -j DNAT --to-destination 10.0.0.5', '-A PREROUTING -p tcp --dport 40000:40100 -j DNAT --to-destination 10.0.0.5', 'COMMIT') } }] },
  'firewall/host-configuration': {
    fires: [
      { files: { [ZONE]: zone('<service name="ftps"/>') }, file: ZONE, says: "INVALID_SERVICE: Zone 'public': 'ftps' not among existing services; did you mean \"ftp\"?" },
      { files: { [ZONE]: zone('<service name="ftp-more"/>'), [`${HOST}/etc/firewalld/services/ftp-more.xml`]: lines('<service>', '  <include service="ftp-data"/>', '</service>') }, says: "Included service 'ftp-data' not found" },
    ],
    quiet: [{ files: { [ZONE]: zone('<service name="ftp"/>') } }, { files: { [ZONE]: zone('<service name="ftp-more"/>'), [`${HOST}/etc/firewalld/services/ftp-more.xml`]: lines('<service>', '  <include service="ftp"/>', '</service>') } }],
  },
  'firewall/host-configuration-replaced': {
    fires: [{ files: { [ZONE]: zone('<service name="ftp"/>'), [`${HOST}/etc/firewalld/firewalld.conf`]: lines('DefaultZone=ftpzone') }, says: "Default zone 'ftpzone' is not valid. Using 'public'." }],
    quiet: [{ files: { [`${HOST}/etc/firewalld/zones/ftpzone.xml`]: zone('<service name="ftp"/>'), [`${HOST}/etc/firewalld/firewalld.conf`]: lines('DefaultZone=ftpzone') } }],
  },
  'firewalld/policy-applies-to-nothing': {
    fires: [{ files: { [ZONE]: zone('<service name="ftp"/>'), [POLICY]: policy('public') }, file: POLICY, says: "Policy 'ftp-passive' never applies: no interface or source is bound to zone 'public'" }],
    quiet: [
      { files: { [ZONE]: zone('<service name="ftp"/>', '<interface name="eth0"/>'), [POLICY]: policy('public') } },
      { files: { [ZONE]: zone('<service name="ftp"/>'), [POLICY]: policy('ANY') } },
    ],
  },
  'proftpd/config-refused': {
    fires: [
      { files: { [PROFTPD]: lines('Port 21', 'PassivePorts 50000 40000') }, file: PROFTPD, says: 'PassivePorts: min port must be less than max port' },
      { files: { [PROFTPD]: lines('Pasiveports 40000 40100') }, says: "unknown configuration directive 'Pasiveports' (did you mean PassivePorts?)" },
      { files: { [PROFTPD]: lines('<VirtualHost 10.0.0.5>', '  UseIPv6 on', '</VirtualHost>') }, says: 'UseIPv6: directive not allowed in <VirtualHost> context' },
    ],
    quiet: [{ files: { [PROFTPD]: lines('Port 21', 'PassivePorts 40000 40100', '<IfModule mod_tls.c>', 'TLSEngine on', '</IfModule>') } }],
  },
  'proftpd/include-cut-short': {
    fires: [{ files: { [PROFTPD]: lines('Port 21', 'Include /etc/proftpd/conf.d/'), [`${HOST}/etc/proftpd/conf.d/passive.conf`]: lines('PassivePorts 100 200', 'MasqueradeAddress 203.0.113.7') }, file: `${HOST}/etc/proftpd/conf.d/passive.conf`, says: 'port numbers must be above 1023 (ProFTPD starts without this line' }],
    quiet: [{ files: { [PROFTPD]: lines('Port 21', 'Include /etc/proftpd/conf.d/'), [`${HOST}/etc/proftpd/conf.d/passive.conf`]: lines('PassivePorts 40000 40100') } }],
  },
  'ftp/config-not-read': {
    fires: [{ files: { [`${HOST}/etc/pure-ftpd/conf/PassivePortRange`]: lines('40000 40100'), [`${HOST}/etc/pure-ftpd/pure-ftpd.conf`]: lines('PassivePortRange 50000 50100') }, file: `${HOST}/etc/pure-ftpd/pure-ftpd.conf`, says: 'reads only the files of /etc/pure-ftpd/conf' }],
    quiet: [{ files: { [`${HOST}/etc/pure-ftpd/pure-ftpd.conf`]: lines('PassivePortRange 50000 50100') } }],
  },
  'firewall/not-started-at-boot': {
    fires: [
      { files: { ...GOOD, [NFT_CONF]: STOCK_NFT, [`${UNITS}/multi-user.target.wants/iptables.service`]: '' }, file: NFT_CONF, says: 'nftables.service is not enabled' },
      { files: { ...GOOD, [`${UNITS}/multi-user.target.wants/iptables.service`]: '', [`${UNITS}/iptables.service`]: '-> /dev/null' }, file: RULES, says: 'iptables.service is masked' },
      // update-rc.d firewall disable: its S links became K links.
      { files: { ...INIT_FIREWALL, ...rcLinks('rc0.d/K01firewall', 'rc2.d/K01firewall', 'rc3.d/K01firewall') }, file: INIT_SCRIPT, says: 'etc/init.d/firewall is an init script, and its links in etc/rc2.d to rc5.d or rcS.d are K links' },
      { files: { ...INIT_FIREWALL, ...rcLinks('rc2.d/S01ssh') }, file: INIT_SCRIPT, says: 'no S link in etc/rc2.d to rc5.d or rcS.d starts it' },
      // Started in rescue mode only.
      { files: { ...INIT_FIREWALL, ...rcLinks('rc1.d/S01firewall') }, file: INIT_SCRIPT, says: 'no S link' },
      { files: { ...INIT_FIREWALL, ...rcLinks('rc.d/rc3.d/K50firewall') }, file: INIT_SCRIPT, says: 'etc/rc.d/rc2.d to rc5.d' },
      // A mask of its name stands in its place, whatever its links say.
      { files: { ...INIT_FIREWALL, ...rcLinks('rc2.d/S01firewall'), [`${UNITS}/multi-user.target.wants/ssh.service`]: '', [`${UNITS}/firewall.service`]: '-> /dev/null' }, file: INIT_SCRIPT, says: 'firewall.service is masked' },
    ],
    quiet: [
      // Without etc/systemd/system the host does not say what it starts.
      { files: { ...GOOD, [NFT_CONF]: STOCK_NFT } },
      { files: { ...GOOD, [NFT_CONF]: STOCK_NFT, [`${UNITS}/multi-user.target.wants/iptables.service`]: '', [`${UNITS}/sysinit.target.wants/nftables.service`]: '' } },
      // Without runlevel folders the host does not say whether its init scripts are started.
      { files: INIT_FIREWALL },
      { files: { ...INIT_FIREWALL, ...rcLinks('rc0.d/K01firewall', 'rc2.d/S01firewall') } },
      { files: { ...INIT_FIREWALL, ...rcLinks('rc.d/rc5.d/S10firewall') } },
      // sysvinit runs rcS.d at every boot (systemd does not, but the host does not say which init it boots).
      { files: { ...INIT_FIREWALL, ...rcLinks('rcS.d/S01firewall') } },
      // Not linked, but a unit of the host's own runs it.
      { files: { ...INIT_FIREWALL, ...rcLinks('rc2.d/S01ssh'), [`${UNITS}/multi-user.target.wants/fw.service`]: '', [`${UNITS}/fw.service`]: lines('[Service]', 'ExecStart=/etc/init.d/firewall start') } },
      // A unit of the host's own by its name, enabled, stands in its place.
      { files: { ...INIT_FIREWALL, ...rcLinks('rc2.d/K01firewall'), [`${UNITS}/multi-user.target.wants/firewall.service`]: '', [`${UNITS}/firewall.service`]: lines('[Service]', 'ExecStart=/etc/init.d/firewall start') } },
    ],
  },
  'ftp/server-not-started-at-boot': {
    fires: [
      { files: { ...GOOD, [`${UNITS}/multi-user.target.wants/iptables.service`]: '' }, file: VSFTPD, says: 'vsftpd.service is not enabled' },
      { files: { ...GOOD, [`${UNITS}/multi-user.target.wants/vsftpd.service`]: '', [`${UNITS}/vsftpd.service`]: '-> /dev/null' }, says: 'vsftpd.service is masked' },
      { files: { [PROFTPD]: lines('Port 21', 'PassivePorts 40000 40100'), [`${UNITS}/multi-user.target.wants/ssh.service`]: '' }, file: PROFTPD, says: 'runs ProFTPD: proftpd.service is not enabled' },
    ],
    quiet: [
      { files: GOOD },
      { files: { ...GOOD, [`${UNITS}/multi-user.target.wants/vsftpd.service`]: '' } },
      { files: { ...GOOD, [`${UNITS}/multi-user.target.wants/vsftpd@ftp1.service`]: '' } },
      // A unit of the host's own that runs vsftpd.
      { files: { ...GOOD, [`${UNITS}/multi-user.target.wants/ftp.service`]: '', [`${UNITS}/ftp.service`]: lines('[Service]', 'ExecStart=/usr/sbin/vsftpd /etc/vsftpd/ftp.conf') } },
      // Started per connection by inetd: listen and listen_ipv6 both off.
      { files: { ...GOOD, [VSFTPD]: conf(...RANGE).replace('listen=YES', 'listen=NO'), [`${UNITS}/multi-user.target.wants/iptables.service`]: '' } },
      { files: { [PROFTPD]: lines('ServerType inetd', 'Port 21'), [`${UNITS}/sockets.target.wants/proftpd.socket`]: '' } },
    ],
  },
  'ftp/not-started-by-inetd': {
    fires: [
      { files: { ...INETD_MODE, [XINETD_FTP]: xinetdService('service ftp', 'disable = yes') }, file: XINETD_FTP, says: 'but xinetd starts nothing for it: disable = yes' },
      { files: { ...INETD_MODE, [INETD_CONF]: lines('#<off># ftp stream tcp nowait root /usr/sbin/vsftpd vsftpd /etc/vsftpd.conf') }, file: VSFTPD, says: 'no entry of inetd.conf runs vsftpd' },
      { files: { ...INETD_MODE, [`${HOST}/etc/xinetd.conf`]: lines('defaults', '{', '  disabled = ftp', '}', 'includedir /etc/xinetd.d'), [XINETD_FTP]: xinetdService('service ftp') }, says: "the defaults entry's disabled = ftp" },
      { files: { ...INETD_MODE, [INETD_CONF]: INETD_FTP_LINE, [`${UNITS}/multi-user.target.wants/ssh.service`]: '' }, says: 'inetd.service is not enabled' },
      { files: { [PROFTPD]: lines('ServerType inetd', 'Port 21'), [INETD_CONF]: lines('#<off># ftp stream tcp nowait root /usr/sbin/tcpd /usr/sbin/proftpd') }, file: PROFTPD, says: 'ProFTPD is started for each connection (ServerType inetd)' },
      { files: { [`${HOST}/etc/pure-ftpd/conf/PassivePortRange`]: '40000 40100\n', [`${HOST}/etc/default/pure-ftpd-common`]: 'STANDALONE_OR_INETD=inetd\n', [INETD_CONF]: lines('#<off># ftp stream tcp nowait root /usr/sbin/tcpd /usr/sbin/pure-ftpd-wrapper') }, file: `${HOST}/etc/default/pure-ftpd-common`, says: 'Pure-FTPd is started for each connection (STANDALONE_OR_INETD=inetd in default/pure-ftpd-common)' },
    ],
    quiet: [
      { files: { ...INETD_MODE, [XINETD_FTP]: xinetdService('service ftp') } },
      { files: { ...INETD_MODE, [INETD_CONF]: INETD_FTP_LINE } },
      // Without inetd's or xinetd's files the host does not say what starts vsftpd.
      { files: INETD_MODE },
      // vsftpd listens by itself: a disabled entry does not matter.
      { files: { ...GOOD, [XINETD_FTP]: xinetdService('service ftp', 'disable = yes') } },
    ],
  },
  'ftp/inetd-refuses-service': {
    fires: [
      { files: { ...INETD_MODE, [XINETD_FTP]: xinetdService('service ftp', 'port = 2121') }, file: XINETD_FTP, says: 'Service ftp expects port 21, not 2121' },
      { files: { ...INETD_MODE, [XINETD_FTP]: xinetdService('service ftp-alt', 'port = 2121') }, says: '"ftp-alt" is not in etc/services' },
      { files: { ...INETD_MODE, [INETD_CONF]: INETD_FTP_LINE.replace(' tcp ', ' tcp46 ') }, file: INETD_CONF, says: 'opens no socket for it (none for the protocol "tcp46"' },
      { files: { [PROFTPD]: lines('ServerType inetd'), [INETD_CONF]: lines('ftp stream tcp46 nowait root /usr/sbin/tcpd /usr/sbin/proftpd') }, file: INETD_CONF, says: 'ProFTPD never runs' },
    ],
    quiet: [
      { files: { ...INETD_MODE, [XINETD_FTP]: xinetdService('service ftp-alt', 'type = UNLISTED', 'port = 2121') } },
      { files: { ...INETD_MODE, [XINETD_FTP]: xinetdService('service ftp', 'port = 21') } },
      { files: GOOD },
    ],
  },
  'ftp/refused-by-tcp-wrappers': {
    fires: [
      { files: { ...GOOD, [VSFTPD]: conf(...RANGE, 'tcp_wrappers=YES'), [`${HOST}/etc/hosts.deny`]: 'ALL: ALL\n' }, file: VSFTPD, says: 'hosts.deny:1 ("ALL: ALL") refuses every IPv4 client' },
      { files: { ...GOOD, [VSFTPD]: conf(...RANGE, 'tcp_wrappers=YES'), [`${HOST}/etc/hosts.allow`]: 'vsftpd: 10.0.0.0/8\n', [`${HOST}/etc/hosts.deny`]: 'ALL: ALL\n' }, config: { clientsFrom: { network: '192.0.2.0/24' } }, says: 'refuses clients from 192.0.2.0/24' },
    ],
    quiet: [
      { files: GOOD },
      // Not asked: tcp_wrappers is off.
      { files: { ...GOOD, [`${HOST}/etc/hosts.deny`]: 'ALL: ALL\n' } },
      // The clients are let in first.
      { files: { ...GOOD, [VSFTPD]: conf(...RANGE, 'tcp_wrappers=YES'), [`${HOST}/etc/hosts.allow`]: 'vsftpd: 192.0.2.0/24\n', [`${HOST}/etc/hosts.deny`]: 'ALL: ALL\n' }, config: { clientsFrom: { network: '192.0.2.0/24' } } },
      // Only some clients refused: conditional, not this finding.
      { files: { ...GOOD, [VSFTPD]: conf(...RANGE, 'tcp_wrappers=YES'), [`${HOST}/etc/hosts.allow`]: 'vsftpd: 10.0.0.0/8\n', [`${HOST}/etc/hosts.deny`]: 'ALL: ALL\n' } },
    ],
  },
  'ftp/listen-address-unreachable': {
    fires: [
      { files: { ...GOOD, [VSFTPD]: conf(...RANGE, 'listen_address=127.0.0.1') }, file: VSFTPD, says: 'listens only on 127.0.0.1 (listen_address), a loopback address' },
      { files: { ...onIpv6(filter(ESTABLISHED, '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -p tcp --dport 40000:40100 -j ACCEPT')), [VSFTPD]: conf(...RANGE, 'listen_address6=2001:db8::5').replace('listen=YES', 'listen=NO\nlisten_ipv6=YES') }, says: 'over IPv4 gets through: vsftpd listens only on 2001:db8::5 (listen_address6), an IPv6 address' },
    ],
    quiet: [{ files: GOOD }, { files: { ...GOOD, [VSFTPD]: conf(...RANGE, 'listen_address=192.0.2.5') } }],
  },
  'proftpd/misread': {
    fires: [{ files: { [PROFTPD]: lines('Port 21', '<IfModule mod_tls>', 'TLSEngine on', '</IfModule>') }, says: '<IfModule mod_tls> never matches' }],
    quiet: [{ files: { [PROFTPD]: lines('Port 21', '<IfModule mod_tls.c>', 'TLSEngine on', '</IfModule>') } }],
  },
};

describe('host rules', () => {
  it('every host rule has cases', () => {
    assert.deepEqual(Object.keys(CASES).sort(), hostRules.map((r) => r.id).sort());
  });

  it('the good host has no host findings and all three paths open', () => {
    const { findings, paths } = checkFiles(GOOD);
    assert.deepEqual(findings.filter((f) => f.ruleId.startsWith('ftp/')).map((f) => f.message), []);
    assert.deepEqual([paths.control.verdict, paths.passive.verdict, paths.active.verdict], ['open', 'open', 'open']);
  });

  for (const [id, { fires, quiet }] of Object.entries(CASES)) {
    describe(id, () => {
      fires.forEach((c, i) => it(`fires (case ${i + 1})`, () => {
        const found = checkFiles(c.files, c.config).findings.filter((f) => f.ruleId === id);
        assert.ok(found.length, `no ${id}`);
        if (c.file) assert.ok(found.some((f) => f.file === c.file), `expected in ${c.file}: ${found.map((f) => f.file)}`);
        if (c.says) assert.ok(found.some((f) => f.message.includes(c.says!)), found.map((f) => f.message).join(' | '));
      }));
      quiet.forEach((c, i) => it(`stays quiet (case ${i + 1})`, () => {
        assert.deepEqual(checkFiles(c.files, c.config).findings.filter((f) => f.ruleId === id).map((f) => f.message), []);
      }));
    });
  }
});

/** Every host fix, applied: its finding goes, the path it is about works, and no error appears. */
describe('host quick fixes', () => {
  const fixCases: Array<{ rule: string; title: RegExp; files: Files; config?: Partial<HostConfig>; path: 'control' | 'passive' | 'active' | null; expect?: (files: Files) => void }> = [
    { rule: 'ftp/control-blocked', title: /^Accept the control port 21/, files: CASES['ftp/control-blocked']!.fires[0]!.files, path: 'control', expect: (f) => assert.match(f[RULES]!, /-A INPUT -p tcp --dport 21 -m comment --comment "ftpwall: FTP control" -j ACCEPT\n-A INPUT -j REJECT/) },
    // The REJECT is in a chain INPUT jumps to: the new rule goes above the jump.
    { rule: 'ftp/control-blocked', title: /^Accept the control port 21/, files: { [VSFTPD]: conf(...RANGE), [RULES]: filter(':BLOCK - [0:0]', ESTABLISHED, '-A INPUT -p tcp --dport 40000:40100 -j ACCEPT', '-A INPUT -j BLOCK', '-A BLOCK -j REJECT') }, path: 'control', expect: (f) => assert.match(f[RULES]!, /"ftpwall: FTP control" -j ACCEPT\n-A INPUT -j BLOCK\n/) },
    { rule: 'ftp/passive-blocked', title: /^Accept vsftpd's passive ports 40000-40100/, files: { [VSFTPD]: conf(...RANGE), [RULES]: filter(':BLOCK - [0:0]', ESTABLISHED, '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -j BLOCK', '-A BLOCK -j REJECT') }, path: 'passive', expect: (f) => assert.match(f[RULES]!, /"ftpwall: vsftpd passive ports" -j ACCEPT\n-A INPUT -j BLOCK\n/) },
    { rule: 'ftp/control-not-established', title: /^Accept ESTABLISHED,RELATED/, files: CASES['ftp/control-not-established']!.fires[0]!.files, path: 'control' },
    { rule: 'ftp/passive-blocked', title: /^Use passive ports 40000-40100 in vsftpd.conf and accept them/, files: CASES['ftp/passive-blocked']!.fires[0]!.files, path: 'passive', expect: (f) => { assert.match(f[VSFTPD]!, /pasv_min_port=40000\npasv_max_port=40100\n$/); assert.match(f[RULES]!, /--dport 40000:40100 .*-j ACCEPT\n-A INPUT -j REJECT/); } },
    { rule: 'ftp/passive-blocked', title: /^Assign the FTP helper/, files: { ...CASES['ftp/passive-blocked']!.fires[0]!.files, [VSFTPD]: conf().replace('ssl_enable=YES', 'ssl_enable=NO') }, path: 'passive', expect: (f) => assert.match(f[RULES]!, /^\*raw\n-A PREROUTING -p tcp --dport 21 -j CT --helper ftp\nCOMMIT\n\*filter/) },
    { rule: 'ftp/passive-blocked', title: /^Accept vsftpd's passive ports 40000-40100/, files: CASES['ftp/passive-blocked']!.fires[1]!.files, path: 'passive' },
    { rule: 'ftp/firewall-range-mismatch', title: /^Set vsftpd's passive range to 2222-2225/, files: CASES['ftp/firewall-range-mismatch']!.fires[0]!.files, path: 'passive' },
    { rule: 'ftp/firewall-range-mismatch', title: /^Change the rule to vsftpd's range/, files: CASES['ftp/firewall-range-mismatch']!.fires[0]!.files, path: 'passive', expect: (f) => assert.match(f[RULES]!, /--dport 50000:50099 -j ACCEPT/) },
    { rule: 'ftp/firewall-range-too-broad', title: /^Narrow the rule to vsftpd's range 40000-40100/, files: CASES['ftp/firewall-range-too-broad']!.fires[0]!.files, path: 'passive' },
    { rule: 'ftp/related-without-helper', title: /^Assign the FTP helper/, files: CASES['ftp/related-without-helper']!.fires[0]!.files, path: 'passive' },
    { rule: 'ftp/accept-shadowed', title: /^Move this rule above line/, files: CASES['ftp/accept-shadowed']!.fires[0]!.files, path: 'control' },
    // The REJECT is in a chain INPUT jumps to: the ACCEPT goes above the jump, not above the REJECT.
    { rule: 'ftp/accept-shadowed', title: /^Move this rule above line 8$/, files: { [VSFTPD]: conf(...RANGE), [RULES]: filter(':BLOCK - [0:0]', ESTABLISHED, '-A INPUT -p tcp --dport 40000:40100 -j ACCEPT', '-A INPUT -j BLOCK', '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A BLOCK -p tcp --dport 21 -j REJECT') }, path: 'control', expect: (f) => assert.match(f[RULES]!, /-A INPUT -p tcp --dport 21 -j ACCEPT\n-A INPUT -j BLOCK\n/) },
    { rule: 'ftp/active-blocked', title: /^Accept vsftpd's active data connections from port 20/, files: CASES['ftp/active-blocked']!.fires[0]!.files, path: 'active', expect: (f) => assert.match(f[RULES]!, /-A OUTPUT -p tcp --sport 20 -m comment --comment "ftpwall: vsftpd active data" -j ACCEPT\nCOMMIT/) },
    // The client's replies are what INPUT drops: the rule for them goes before the REJECT that drops them.
    { rule: 'ftp/active-blocked', title: /^Accept vsftpd's active data connections from port 20/, files: { [VSFTPD]: conf(...RANGE, 'connect_from_port_20=YES'), [RULES]: lines('*filter', ':INPUT DROP [0:0]', '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -p tcp --dport 40000:40100 -j ACCEPT', '-A INPUT -j REJECT', 'COMMIT') }, path: 'active', expect: (f) => assert.match(f[RULES]!, /-A INPUT -p tcp --dport 20 -m state --state ESTABLISHED .*-j ACCEPT\n-A INPUT -j REJECT/) },
    // From a random port no rule can name the connection: vsftpd is made to connect from port 20.
    { rule: 'ftp/active-blocked', title: /^Connect from port 20 in vsftpd.conf and accept it/, files: { ...CASES['ftp/active-blocked']!.fires[0]!.files, [VSFTPD]: conf(...RANGE) }, path: 'active', expect: (f) => assert.match(f[VSFTPD]!, /connect_from_port_20=YES\n$/) },
    // The helper on the router: it rewrites the passive reply, expects the data connection and translates active data.
    { rule: 'ftp/gateway-blocks', title: /^Assign the FTP helper to port 21 on gateway \.\.\/gw/, files: { ...GOOD, [VSFTPD]: conf(...RANGE).replace('ssl_enable=YES', 'ssl_enable=NO'), ...routerFiles([FORWARD_21]) }, config: BEHIND_NAT, path: null, expect: (f) => assert.match(f[`${GATEWAY}/etc/iptables/rules.v4`]!, /^\*raw\n-A PREROUTING -p tcp --dport 21 -j CT --helper ftp\nCOMMIT\n/) },
    { rule: 'ftp/gateway-blocks', title: /^Forward passive ports 40000-40100 to 10\.0\.0\.5 on gateway \.\.\/gw \(rules\.v4\)$/, files: { ...GOOD, ...routerFiles([FORWARD_21, MASQUERADE]) }, config: BEHIND_NAT, path: null, expect: (f) => assert.match(f[`${GATEWAY}/etc/iptables/rules.v4`]!, /-A PREROUTING -p tcp --dport 40000:40100 -j DNAT --to-destination 10\.0\.0\.5\n/) },
    { rule: 'ftp/gateway-blocks', title: /^Masquerade 10\.0\.0\.5's connections out on gateway \.\.\/gw/, files: { ...GOOD, [VSFTPD]: conf(...RANGE, 'pasv_address=198.51.100.1'), ...routerFiles([FORWARD_21, FORWARD_RANGE]) }, config: BEHIND_NAT, path: null, expect: (f) => assert.match(f[`${GATEWAY}/etc/iptables/rules.v4`]!, /-A POSTROUTING -s 10\.0\.0\.5 -j MASQUERADE\n/) },
    // Forwarded, then dropped by FORWARD: the accept goes before the rule that drops it.
    { rule: 'ftp/gateway-blocks', title: /^Accept passive ports 40000-40100 to 10\.0\.0\.5 in FORWARD on gateway \.\.\/gw/, files: { ...GOOD, [VSFTPD]: conf(...RANGE, 'pasv_address=198.51.100.1'), ...routerFiles([FORWARD_21, FORWARD_RANGE, MASQUERADE]), [`${GATEWAY}/etc/iptables/rules.v4`]: routerFiles([FORWARD_21, FORWARD_RANGE, MASQUERADE])[`${GATEWAY}/etc/iptables/rules.v4`]!.replace(':FORWARD ACCEPT [0:0]', ':FORWARD ACCEPT [0:0]\n-A FORWARD -m state --state ESTABLISHED,RELATED -j ACCEPT\n-A FORWARD -d 10.0.0.5 -p tcp --dport 21 -j ACCEPT\n-A FORWARD -j DROP') }, config: BEHIND_NAT, path: null, expect: (f) => assert.match(f[`${GATEWAY}/etc/iptables/rules.v4`]!, /-A FORWARD -d 10\.0\.0\.5 -p tcp --dport 40000:40100 -m comment --comment "ftpwall: FTP to the server" -j ACCEPT\n-A FORWARD -j DROP/) },
    // An nftables router: the DNAT goes into its nat prerouting chain, the accept into its forward chain.
    { rule: 'ftp/gateway-blocks', title: /^Forward passive ports 40000-40100 to 10\.0\.0\.5 on gateway \.\.\/gw \(nftables\.conf\)$/, files: { ...GOOD, [`${GATEWAY}/etc/sysctl.conf`]: 'net.ipv4.ip_forward = 1\n', [`${GATEWAY}/etc/nftables.conf`]: NFT_ROUTER }, config: BEHIND_NAT, path: null, expect: (f) => assert.match(f[`${GATEWAY}/etc/nftables.conf`]!, /\t\ttcp dport 21 dnat to 10\.0\.0\.5\n\t\ttcp dport 40000-40100 dnat to 10\.0\.0\.5\n/) },
    { rule: 'ftp/gateway-blocks', title: /^Accept passive ports 40000-40100 to 10\.0\.0\.5 in FORWARD on gateway \.\.\/gw \(nftables\.conf\)$/, files: { ...GOOD, [VSFTPD]: conf(...RANGE, 'pasv_address=198.51.100.1'), [`${GATEWAY}/etc/sysctl.conf`]: 'net.ipv4.ip_forward = 1\n', [`${GATEWAY}/etc/nftables.conf`]: NFT_ROUTER.replace('tcp dport 21 dnat', 'tcp dport { 21, 40000-40100 } dnat') }, config: BEHIND_NAT, path: null, expect: (f) => assert.match(f[`${GATEWAY}/etc/nftables.conf`]!, /ip daddr 10\.0\.0\.5 tcp dport 40000-40100 accept comment "ftpwall: FTP to the server"/) },
    { rule: 'ftp/gateway-blocks', title: /^Set pasv_address=198\.51\.100\.1/, files: { ...GOOD, ...routerFiles([FORWARD_21, FORWARD_RANGE, MASQUERADE]) }, config: BEHIND_NAT, path: null, expect: (f) => assert.match(f[VSFTPD]!, /pasv_address=198\.51\.100\.1\n$/) },
    // firewalld: the range as a custom service, its file created beside the zones and named in the zone.
    { rule: 'ftp/passive-blocked', title: /^Accept vsftpd's passive ports 40000-40100 as a service of their own \(ftp-passive/, files: { [VSFTPD]: conf(...RANGE), [ZONE]: zone('<port protocol="tcp" port="21"/>') }, path: 'passive', expect: (f) => { assert.match(f[ZONE]!, /<service name="ftp-passive"\/>\n<\/zone>/); assert.match(f[`${HOST}/etc/firewalld/services/ftp-passive.xml`]!, /<port protocol="tcp" port="40000-40100"\/>/); } },
    { rule: 'ftp/ipv6-blocked', title: /^Accept the passive ports 40000-40100 over IPv6 in rules\.v6$/, files: onIpv6(filter(ESTABLISHED, '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -j REJECT')), path: null, expect: (f) => assert.match(f[RULES6]!, /-A INPUT -p tcp --dport 40000:40100 -m comment --comment "ftpwall: FTP passive over IPv6" -j ACCEPT\n-A INPUT -j REJECT/) },
    { rule: 'ftp/nat-without-pasv-address', title: /^Set pasv_address=203.0.113.7/, files: GOOD, config: { nat: { publicAddress: '203.0.113.7' } }, path: null, expect: (f) => assert.match(f[VSFTPD]!, /pasv_address=203\.0\.113\.7\n$/) },
  ];
  for (const c of fixCases) {
    it(`${c.rule}: ${c.title.source}`, () => {
      const before = checkFiles(c.files, c.config);
      const finding = before.findings.find((f) => f.ruleId === c.rule);
      assert.ok(finding, `no ${c.rule} before`);
      const fix = finding.fixes.find((f) => c.title.test(f.title));
      assert.ok(fix, `no fix ${c.title} among ${finding.fixes.map((f) => f.title).join(' | ')}`);
      const files = applyHostFix(c.files, fix);
      c.expect?.(files);
      const after = checkFiles(files, c.config);
      assert.ok(!after.findings.some((f) => f.ruleId === c.rule && f.message === finding.message), `still: ${finding.message}`);
      if (c.path) assert.equal(after.paths[c.path].verdict, 'open', after.paths[c.path].reason);
      const newErrors = after.findings.filter((f) => f.severity === 'error' && !before.findings.some((b) => b.ruleId === f.ruleId));
      assert.deepEqual(newErrors.map((f) => `${f.ruleId}: ${f.message}`), []);
    });
  }
});
