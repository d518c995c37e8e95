import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { applyEdits } from '../../server/src/analysis/apply-edits.js';
import { runCheck } from '../../server/src/cli/check-command.js';
import { hostPaths } from '../../server/src/engine/paths.js';
import type { PassiveClient, PathVerdict } from '../../server/src/engine/paths.js';
import type { Host } from '../../server/src/host/host.js';
import type { AddressFamily } from '../../server/src/languages/iptables/syntax.js';
import { GatewayNetwork } from '../helpers/netns.js';
import { hostAt, loadFirewall, makeCertificate, needs, startVsftpd } from './kernel-host.js';
import { scratch } from '../helpers/temp.js';

/*
 * The kernel as the oracle for paths through a gateway: three namespaces (client, router,
 * server), the router's firewall and sysctl loaded as its files say, the server's own firewall
 * and the real vsftpd behind it, and curl as three kinds of passive client. Each topology's
 * folder holds server/ (whose .ftpwall.json names ../gw) and gw/.
 */

/** The keys of the router's forwarding that its sysctl files set (the namespace starts with both off). */
const FORWARDING = new Set(['net.ipv4.ip_forward', 'net.ipv6.conf.all.forwarding', 'net.ipv6.conf.default.forwarding']);

/** The router's forwarding as its sysctl files set it. */
export function applySysctl(net: GatewayNetwork, gateway: Host): void {
  for (const doc of gateway.sysctl) {
    for (const setting of doc.settings) {
      if (!FORWARDING.has(setting.key) || !setting.value) continue;
      const run = net.run(net.gateway, 'sysctl', ['-q', '-w', `${setting.key}=${setting.value.value}`]);
      assert.equal(run.status, 0, run.stderr);
    }
  }
}

/** Curl's options for each kind of passive client: EPSV (its default), PASV at the control connection's address, PASV at the 227 reply's. */
const CLIENTS: Record<PassiveClient, string[]> = {
  epsv: [],
  pasvIgnoringAddress: ['--disable-epsv', '--ftp-skip-pasv-ip'],
  pasvToAddress: ['--disable-epsv', '--no-ftp-skip-pasv-ip'],
};

/** What the client namespace sees: the banner, a listing by each kind of passive client (`kinds`), and one in active mode. */
export function observe(net: GatewayNetwork, address: string, port: number, kinds: readonly PassiveClient[]) {
  const banner = net.run(net.client, 'python3', ['-c', `import socket; s=socket.create_connection(("${address}", ${port}), timeout=4); print(s.recv(64).decode())`], { seconds: 8 });
  const url = address.includes(':') ? `ftp://[${address}]:${port}/` : `ftp://${address}:${port}/`;
  const list = (options: string[]) => net.run(net.client, 'curl', ['-s', '-g', '--connect-timeout', '4', '--max-time', '8', ...options, url], { seconds: 12 }).status === 0;
  const passive = Object.fromEntries(kinds.map((kind) => [kind, list(CLIENTS[kind])])) as Partial<Record<PassiveClient, boolean>>;
  return { control: banner.status === 0 && banner.stdout.startsWith('220'), passive, active: list(['-P', '-']) };
}

/** The verdict a kind of client meets: its own where clients differ, the path's otherwise; only open or blocked can be checked. */
function verdictFor(path: PathVerdict, kind?: PassiveClient): string {
  const verdict = kind && path.byClient ? path.byClient[kind] : path.verdict;
  assert.ok(verdict === 'open' || verdict === 'blocked', `ftpwall says ${verdict}: ${path.reason}`);
  return verdict;
}

/**
 * Loads a topology into a network of its own, and asserts that what ftpwall says of each path is
 * what the clients meet: over IPv4, or with `family` ipv6 over IPv6 to the server's own address
 * (where every client uses EPSV: curl takes it for IPv6 whatever it is told).
 */
export function matchesKernel(folder: string, id: number, networks: GatewayNetwork[], family: AddressFamily = 'ipv4'): void {
  const server = hostAt(join(folder, 'server'));
  const paths = hostPaths(server);
  const network = family === 'ipv6' ? paths.ipv6?.network : paths.network;
  assert.ok(network && server.gateways?.length === 1, `${folder}: the server's .ftpwall.json should name one gateway${family === 'ipv6' ? ', and vsftpd listen on IPv6' : ''}`);
  const gateway = server.gateways[0]!.host;
  const net = new GatewayNetwork(id, !server.config.nat, family === 'ipv6');
  networks.push(net);
  try {
    applySysctl(net, gateway);
    loadFirewall(net, gateway, net.gateway);
    loadFirewall(net, server);
    startVsftpd(net, server, server.server.tls);
    const address = family === 'ipv6' ? GatewayNetwork.SERVER6 : server.config.nat ? GatewayNetwork.PUBLIC : GatewayNetwork.SERVER;
    const kinds = family === 'ipv6' ? ['epsv' as const] : Object.keys(CLIENTS) as PassiveClient[];
    const seen = observe(net, address, server.config.connectPort ?? server.server.controlPort, kinds);
    const control = verdictFor(network.control) === 'open';
    assert.equal(seen.control, control, `control: ftpwall says ${network.control.verdict} (${network.control.reason})`);
    for (const kind of kinds) {
      assert.equal(seen.passive[kind], control && verdictFor(network.passive, kind) === 'open', `passive, ${kind}: ftpwall says ${network.passive.byClient?.[kind] ?? network.passive.verdict} (${network.passive.reason})`);
    }
    assert.equal(seen.active, control && verdictFor(network.active) === 'open', `active: ftpwall says ${network.active.verdict} (${network.active.reason})`);
  } finally {
    net.destroy();
  }
}


/** A topology whose gateway stops a path, and the fixes of ftp/gateway-blocks (by their titles, applied in turn) that must open it for every client. */
export interface FixSequence { name: string; fixes: RegExp[]; path: 'passive' | 'active' }

/** Is it the finding of a path over IPv6 (or, with `ipv6` false, over IPv4)? */
const overFamily = (message: string, family: AddressFamily) => message.startsWith('Over IPv6') === (family === 'ipv6');

/**
 * Applies a sequence's fixes to a copy of its topology (in `work`), as the editor would, asserts
 * that ftpwall then calls the path open, and that the kernel agrees.
 */
export function fixesOpenPath(topologies: string, { name, fixes, path }: FixSequence, copy: string, id: number, networks: GatewayNetwork[], family: AddressFamily): void {
  cpSync(join(topologies, name), copy, { recursive: true });
  for (const title of fixes) {
    const finding = runCheck([join(copy, 'server')]).findings.find((f) => f.ruleId === 'ftp/gateway-blocks' && f.message.includes(`${path} data`) && overFamily(f.message, family));
    const fix = finding?.fixes.find((f) => title.test(f.title));
    assert.ok(fix, `no fix ${title} among ${finding?.fixes.map((f) => f.title).join(' | ') ?? 'no finding'}`);
    for (const [file, edits] of Object.entries(fix.edits)) {
      // A file the fix creates (firewalld's policy) starts empty, in a folder that may not exist yet.
      const created = fix.creates?.includes(file);
      if (created) mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, applyEdits(created ? '' : readFileSync(file, 'utf8'), edits).text);
    }
  }
  const paths = hostPaths(hostAt(join(copy, 'server')));
  const fixed = (family === 'ipv6' ? paths.ipv6?.network : paths.network)!;
  assert.equal(fixed[path].verdict, 'open', fixed[path].reason);
  matchesKernel(copy, id, networks, family);
}

/**
 * The two suites of one folder of topologies (`kind`: whose routers they are): every topology
 * matches the kernel, and every fix sequence opens its path in it. Each network has an id of its
 * own within the process.
 */
export function routerSuites(kind: string, topologies: string, minimum: number, fixed: readonly FixSequence[], family: AddressFamily = 'ipv4'): void {
  const names = readdirSync(topologies).sort();
  const work = scratch({});
  describe(`paths through ${kind} match the real kernel and vsftpd`, { skip: needs }, () => {
    const networks: GatewayNetwork[] = [];
    after(() => { for (const net of networks) net.destroy(); });
    it(`covers at least ${minimum} topologies (${names.length})`, () => assert.ok(names.length >= minimum));
    names.forEach((name, index) => it(name, () => { makeCertificate(); matchesKernel(join(topologies, name), index + 1, networks, family); }));
  });
  if (fixed.length === 0) return;
  describe(`the fixes of ftp/gateway-blocks on ${kind} open the path in the real kernel`, { skip: needs }, () => {
    const networks: GatewayNetwork[] = [];
    after(() => { for (const net of networks) net.destroy(); });
    fixed.forEach((sequence, index) => it(`${sequence.name}: ${sequence.fixes.map((f) => f.source).join(', then ')}`, () => {
      makeCertificate();
      fixesOpenPath(topologies, sequence, join(work, `${sequence.name}-${index}`), names.length + index + 1, networks, family);
    }));
  });
}
