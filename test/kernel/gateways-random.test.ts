import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { hostPaths, type PathVerdict } from '../../server/src/engine/paths.js';
import type { AddressFamily } from '../../server/src/languages/iptables/syntax.js';
import { GatewayNetwork } from '../helpers/netns.js';
import { scratch } from '../helpers/temp.js';
import { applySysctl, observe } from './gateway-topology.js';
import { hostAt, loadFirewall, needs, startVsftpd } from './kernel-host.js';

/*
 * Random routers against the kernel: a router's IPv4 and IPv6 FORWARD rules (iptables files of
 * each family, or one nftables inet table) drawn from the shapes administrators write (ports,
 * states, the server's address or another, policies, the helper), loaded into a real router namespace with the real vsftpd behind it. Wherever ftpwall
 * is certain (open or blocked), the clients must meet that, over both families. The draw is
 * seeded, so a failure comes back on every run; FTPWALL_GATEWAY_SEED draws other routers.
 */

const SEED = Number(process.env['FTPWALL_GATEWAY_SEED'] ?? 20261204);
// Four routers take at most about two minutes, within the runner's three minutes for a file.
const ROUTERS = Number(process.env['FTPWALL_GATEWAY_ROUTERS'] ?? 4);

const ADDRESSES: Record<AddressFamily, { server: string; other: string; network: string }> = {
  ipv4: { server: GatewayNetwork.SERVER, other: '10.0.0.9', network: '10.0.0.0/24' },
  ipv6: { server: GatewayNetwork.SERVER6, other: 'fd00:10::9', network: 'fd00:10::/64' },
};

/** One FORWARD rule, written for a family's addresses. */
const forwardRule = (family: AddressFamily) => {
  const a = ADDRESSES[family];
  const verdict = fc.constantFrom('ACCEPT', 'DROP', 'REJECT');
  const ports = fc.constantFrom('21', '40000:40100', '40050', '1024:65535', '20');
  return fc.oneof(
    fc.constantFrom('-m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT', '-m conntrack --ctstate ESTABLISHED -j ACCEPT', '-j DROP', '-p tcp -j REJECT --reject-with tcp-reset'),
    fc.tuple(ports, verdict).map(([p, v]) => `-p tcp --dport ${p} -j ${v}`),
    fc.tuple(ports, verdict).map(([p, v]) => `-p tcp --sport ${p} -j ${v}`),
    fc.tuple(fc.constantFrom(a.server, a.other, a.network), fc.constantFrom('21', '40000:40100'), verdict).map(([d, p, v]) => `-d ${d} -p tcp --dport ${p} -j ${v}`),
    fc.tuple(fc.constantFrom(a.server, a.network), verdict).map(([s, v]) => `-s ${s} -j ${v}`),
    fc.tuple(fc.constantFrom('NEW', 'ESTABLISHED,RELATED'), ports).map(([state, p]) => `-p tcp --dport ${p} -m conntrack --ctstate ${state} -j ACCEPT`),
  ).map((rule) => `-A FORWARD ${rule}`);
};

/** A router's rules file of one family: maybe the FTP helper on port 21, a FORWARD policy, and a few rules. */
const routerFile = (family: AddressFamily) => fc.record({ helper: fc.boolean(), policy: fc.constantFrom('ACCEPT', 'DROP'), rules: fc.array(forwardRule(family), { maxLength: 5 }) })
  .map(({ helper, policy, rules }) => [
    ...(helper ? ['*raw', ':PREROUTING ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', '-A PREROUTING -p tcp --dport 21 -j CT --helper ftp', 'COMMIT'] : []),
    '*filter', ':INPUT ACCEPT [0:0]', `:FORWARD ${policy} [0:0]`, ':OUTPUT ACCEPT [0:0]', ...rules, 'COMMIT', '',
  ].join('\n'));

const OWN4 = ['*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', '-A INPUT -i lo -j ACCEPT', '-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -p tcp --dport 40000:40100 -j ACCEPT', 'COMMIT', ''].join('\n');
const OWN6 = OWN4.replace('-A INPUT -i lo -j ACCEPT', '-A INPUT -i lo -j ACCEPT\n-A INPUT -p ipv6-icmp -j ACCEPT');



/** One rule of an nft forward chain; `ip` or `ip6` where it names an address. */
const nftRule = fc.oneof(
  fc.constantFrom('ct state established,related accept', 'ct state established accept', 'drop', 'meta l4proto tcp reject with tcp reset'),
  fc.tuple(fc.constantFrom('21', '40000-40100', '40050', '1024-65535', '20'), fc.constantFrom('dport', 'sport'), fc.constantFrom('accept', 'drop', 'reject')).map(([p, side, v]) => `tcp ${side} ${p} ${v}`),
  fc.tuple(fc.constantFrom<AddressFamily>('ipv4', 'ipv6'), fc.constantFrom('server', 'other', 'network') , fc.constantFrom('21', '40000-40100'), fc.constantFrom('accept', 'drop'))
    .map(([family, which, p, v]) => `${family === 'ipv4' ? 'ip' : 'ip6'} daddr ${ADDRESSES[family][which as 'server']} tcp dport ${p} ${v}`),
  fc.tuple(fc.constantFrom<AddressFamily>('ipv4', 'ipv6'), fc.constantFrom('server', 'network'), fc.constantFrom('accept', 'drop'))
    .map(([family, which, v]) => `${family === 'ipv4' ? 'ip' : 'ip6'} saddr ${ADDRESSES[family][which as 'server']} ${v}`),
  fc.tuple(fc.constantFrom('new', 'established,related'), fc.constantFrom('21', '40000-40100')).map(([state, p]) => `tcp dport ${p} ct state ${state} accept`),
);

/** A router's nftables.conf: one inet table for both families, maybe the FTP helper on port 21, a forward policy, and a few rules. */
const nftRouter = fc.record({ helper: fc.boolean(), policy: fc.constantFrom('accept', 'drop'), rules: fc.array(nftRule, { maxLength: 5 }) })
  .map(({ helper, policy, rules }) => [
    'flush ruleset', 'table inet filter {',
    ...(helper ? ['\tct helper ftp-standard {', '\t\ttype "ftp" protocol tcp', '\t\tl3proto inet', '\t}', '\tchain pre {', '\t\ttype filter hook prerouting priority filter; policy accept;', '\t\ttcp dport 21 ct helper set "ftp-standard"', '\t}'] : []),
    '\tchain forward {', `\t\ttype filter hook forward priority filter; policy ${policy};`, ...rules.map((r) => `\t\t${r}`), '\t}', '}', '',
  ].join('\n'));

/** The router files of each draw: iptables rules of each family, or one nftables ruleset; half of each. */
const routers: Array<Record<string, string>> = fc.sample(fc.oneof(
  fc.tuple(routerFile('ipv4'), routerFile('ipv6')).map(([v4, v6]) => ({ 'gw/etc/iptables/rules.v4': v4, 'gw/etc/iptables/rules.v6': v6 })),
  nftRouter.map((conf) => ({ 'gw/etc/nftables.conf': conf })),
), { seed: SEED, numRuns: ROUTERS });

describe('random routers: where ftpwall is certain, the real kernel agrees, over IPv4 and IPv6', { skip: needs }, () => {
  const networks: GatewayNetwork[] = [];
  after(() => { for (const net of networks) net.destroy(); });
  let certain = 0, judged = 0;

  routers.forEach((files, index) => it(`router ${index + 1} of seed ${SEED} (${Object.keys(files).map((f) => f.split('/').pop()).join(', ')})`, () => {
    const folder = scratch({
      'server/etc/vsftpd.conf': 'listen=NO\nlisten_ipv6=YES\nanonymous_enable=NO\nlocal_enable=YES\npasv_min_port=40000\npasv_max_port=40100\n',
      'server/etc/iptables/rules.v4': OWN4, 'server/etc/iptables/rules.v6': OWN6,
      'server/.ftpwall.json': JSON.stringify({ gateways: ['../gw'], addresses: [GatewayNetwork.SERVER, GatewayNetwork.SERVER6] }),
      'gw/etc/sysctl.conf': 'net.ipv4.ip_forward = 1\nnet.ipv6.conf.all.forwarding = 1\n',
      ...files,
    });
    const server = hostAt(join(folder, 'server'));
    const paths = hostPaths(server);
    const net = new GatewayNetwork(index + 1, true, true);
    networks.push(net);
    try {
      applySysctl(net, server.gateways![0]!.host);
      loadFirewall(net, server.gateways![0]!.host, net.gateway);
      loadFirewall(net, server);
      startVsftpd(net, server, false);
      for (const family of ['ipv4', 'ipv6'] as const) {
        const network = (family === 'ipv4' ? paths.network : paths.ipv6?.network)!;
        const seen = observe(net, ADDRESSES[family].server, 21, ['epsv']);
        // One transfer picks one port: a block of only some of a path's ports (the passive range, the
        // random source of active data) shows in some transfers, so one try can check only a whole block.
        const says = (path: PathVerdict) => (path.verdict === 'open' ? true : path.verdict === 'blocked' && path.blocked.equals(path.ports) ? false : undefined);
        const control = says(network.control);
        const checks: Array<[string, boolean | undefined, boolean]> = [
          ['control', control, seen.control],
          ['passive', control === false ? false : control && says(network.passive), seen.passive.epsv!],
          ['active', control === false ? false : control && says(network.active), seen.active],
        ];
        for (const [name, predicted, happened] of checks) {
          judged++;
          if (predicted === undefined) continue;
          certain++;
          const path = network[name as 'control'];
          assert.equal(happened, predicted, `${family} ${name}: ftpwall says ${path.verdict} (${path.reason})\n${Object.entries(files).map(([f, text]) => `${f}:\n${text}`).join('\n')}`);
        }
      }
    } finally {
      net.destroy();
    }
  }));

  // A draw where ftpwall is certain of almost nothing would prove nothing.
  it('is certain of most paths it was asked about', (t) => {
    t.diagnostic(`certain of ${certain} paths of ${judged}`);
    assert.ok(certain >= judged * 0.6, `certain of ${certain} of ${judged}`);
  });
});
