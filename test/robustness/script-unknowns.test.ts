import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkFiles, HOST, lines, VSFTPD } from '../helpers/hosts.js';

const SCRIPT = `${HOST}/etc/firewall.sh`;
const RUNS = Number(process.env['FTPWALL_PROPERTY_RUNS'] ?? 150);
const UNKNOWNS = ['V0', 'V1', 'V2'];
const vsftpd = lines('listen=YES', 'pasv_min_port=40000', 'pasv_max_port=40100');

/** A statement of a firewall script; `depth` bounds the nesting of branches; `unknownWords`: rules may take a port from $P0. */
function statement(depth: number, unknownWords = false): fc.Arbitrary<string> {
  const known = fc.oneof(
    fc.tuple(fc.constantFrom('21', '22', '40000:40100', '40000:40050', '40051:40100'), fc.constantFrom('ACCEPT', 'DROP', 'REJECT')).map(([port, target]) => `iptables -A INPUT -p tcp --dport ${port} -j ${target}`),
    fc.constantFrom('iptables -P INPUT DROP', 'iptables -P INPUT ACCEPT', 'iptables -P OUTPUT DROP', 'iptables -F INPUT',
      'iptables -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT', 'iptables -A OUTPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT',
      'iptables -t raw -A PREROUTING -p tcp --dport 21 -j CT --helper ftp', 'iptables -A INPUT -j NO_SUCH_CHAIN', 'set -e', 'exit 0',
      'for p in 21 40000:40100; do iptables -A INPUT -p tcp --dport $p -j ACCEPT; done'),
  );
  const fromVariable = fc.tuple(fc.constantFrom('INPUT', 'OUTPUT'), fc.constantFrom('--dport', '--sport'), fc.constantFrom('ACCEPT', 'DROP', 'LOG', 'RETURN')).map(([chain, option, target]) => `iptables -A ${chain} -p tcp ${option} $P0 -j ${target}`);
  const rule = unknownWords ? fc.oneof({ weight: 3, arbitrary: known }, { weight: 1, arbitrary: fromVariable }) : known;
  if (depth === 0) return rule;
  const variable = fc.constantFrom(...UNKNOWNS);
  const body = fc.array(statement(depth - 1, unknownWords), { minLength: 1, maxLength: 3 }).map((s) => s.join('\n'));
  return fc.oneof(
    { weight: 3, arbitrary: rule },
    { weight: 1, arbitrary: fc.tuple(variable, body, body).map(([v, a, b]) => `if [ "$${v}" = yes ]; then\n${a}\nelse\n${b}\nfi`) },
    { weight: 1, arbitrary: fc.tuple(variable, body).map(([v, a]) => `case "$${v}" in\n  yes) ${a.replace(/\n/g, '; ')} ;;\nesac`) },
    { weight: 1, arbitrary: fc.tuple(variable, rule).map(([v, a]) => `[ "$${v}" = yes ] && ${a}`) },
  );
}

const scriptOf = (unknownWords: boolean) => fc.array(statement(2, unknownWords), { minLength: 1, maxLength: 8 }).map((s) => `#!/bin/sh\n${s.join('\n')}\n`);

/** Every assignment of yes and no to the unknown variables, and ports for $P0 in and out of the ranges the rules use. */
const PORTS = ['21', '40000:40100', '40050', '1:65535', '8080'];
const ASSIGNMENTS: Array<Record<string, string>> = Array.from({ length: 2 ** UNKNOWNS.length }, (_, bits) => Object.fromEntries(UNKNOWNS.map((v, n) => [v, (bits >> n) & 1 ? 'yes' : 'no'])))
  .flatMap((values, n) => [{ ...values, P0: PORTS[n % PORTS.length]! }, { ...values, P0: PORTS[(n + 2) % PORTS.length]! }]);

/** The paths of a host running `text`, with the unknowns left open and with each assignment pinned in .ftpwall.json. */
function pathsOf(text: string) {
  const files = { [VSFTPD]: vsftpd, [SCRIPT]: text };
  return { unpinned: checkFiles(files).paths, pinned: ASSIGNMENTS.map((variables) => checkFiles(files, { variables }).paths) };
}
const PATHS = ['control', 'passive', 'active'] as const;

describe('a script that depends on values the host does not fix', () => {
  it('is open or blocked only when every value of the unknowns gives that verdict, and conditional only when they differ', () => {
    fc.assert(fc.property(scriptOf(false), (text) => {
      const { unpinned, pinned } = pathsOf(text);
      for (const path of PATHS) {
        const each = pinned.map((p) => p[path].verdict);
        for (const verdict of each) assert.notEqual(verdict, 'conditional', `${path} with every variable pinned: ${pinned.map((p) => p[path].reason).join(' / ')}`);
        const verdict = unpinned[path].verdict;
        if (new Set(each).size === 1) assert.equal(verdict, each[0], `${path}: ${unpinned[path].reason}`);
        else {
          assert.equal(verdict, 'conditional', `${path}: the pinned verdicts differ (${each.join(', ')}) but ftpwall says ${verdict}: ${unpinned[path].reason}`);
          assert.ok(unpinned[path].dependsOn?.length, `${path}: a conditional verdict names the line it depends on`);
        }
      }
    }), { numRuns: RUNS });
  });

  it('stays sound when rules take words from unknown variables: open or blocked only when every value tried agrees', () => {
    fc.assert(fc.property(scriptOf(true), (text) => {
      const { unpinned, pinned } = pathsOf(text);
      for (const path of PATHS) {
        const verdict = unpinned[path].verdict;
        if (verdict !== 'open' && verdict !== 'blocked') continue;
        for (const [n, p] of pinned.entries()) assert.equal(p[path].verdict, verdict, `${path} with ${JSON.stringify(ASSIGNMENTS[n])}: ftpwall said ${verdict} (${unpinned[path].reason}) but pinned it is ${p[path].reason}`);
      }
    }), { numRuns: RUNS });
  });
});
