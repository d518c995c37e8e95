import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { FirewallModel, ModelChain, ModelRule, RuleAction } from '../../../server/src/engine/firewall-model.js';
import type { PacketClass } from '../../../server/src/engine/packet.js';
import { PortSet } from '../../../server/src/engine/port-set.js';
import { evaluate } from '../../../server/src/engine/walk.js';

const place = (line: number) => ({ path: '/srv/h/etc/model.conf', line, range: { start: { line, character: 0 }, end: { line, character: 1 } } });

/** A rule written by no firewall the engine knows: it matches destination ports (for new connections only, when `fresh`). */
function rule(chain: string, line: number, ports: PortSet, action: RuleAction, fresh = false): ModelRule {
  return {
    where: place(line), action, actionName: action.kind, chain, source: undefined,
    match: (packet: PacketClass) => ({ definite: fresh && packet.state !== 'NEW' ? PortSet.EMPTY : ports, conditional: PortSet.EMPTY }),
  };
}
const chain = (name: string, policy: 'accept' | 'drop', rules: ModelRule[]): ModelChain => ({ name, rules, policy, policyName: policy, policyWhere: place(0) });
function model(base: ModelChain[], others: ModelChain[] = []): FirewallModel {
  return { family: 'ipv4', baseChains: () => base, inboundChains: () => [...base, ...others], chain: (_from, name) => others.find((c) => c.name === name), helperAssigningChains: () => [] };
}
const inbound: PacketClass = { family: 'ipv4', hook: 'INPUT', state: 'NEW', syn: true, fromFtpHelper: false, varying: 'dport', other: PortSet.range(1024, 65535), label: 'a new connection' };
const ALL = PortSet.range(1, 65535);

describe('the engine walks a firewall-neutral model', () => {
  it('follows rules, jumps and returns of a model no front-end wrote', () => {
    const ftp = chain('ftp', 'accept', [rule('ftp', 5, PortSet.range(21, 21), { kind: 'accept' }), rule('ftp', 6, ALL, { kind: 'return' })]);
    const input = chain('input', 'drop', [rule('input', 1, PortSet.range(1, 1023), { kind: 'jump', chain: 'ftp' }), rule('input', 2, PortSet.range(40000, 40100), { kind: 'accept' })]);
    const outcome = evaluate(model([input], [ftp]), inbound, ALL);
    assert.equal(outcome.open.toString(), PortSet.of([21, 21], [40000, 40100]).toString());
    assert.ok(outcome.entered.has('ftp'));
    assert.ok(outcome.decisions.some((d) => d.via?.where.line === 1 && d.rule?.where.line === 5));
  });

  it('lets a port through only when every base chain on the hook does: a drop in any is final', () => {
    const accepting = chain('filter', 'accept', [rule('filter', 1, ALL, { kind: 'accept' })]);
    const dropping = chain('guard', 'accept', [rule('guard', 3, PortSet.range(40000, 40100), { kind: 'drop' })]);
    const outcome = evaluate(model([accepting, dropping]), inbound, PortSet.of([21, 21], [40000, 40100]));
    assert.equal(outcome.open.toString(), '21');
    assert.equal(outcome.blocked.toString(), '40000-40100');
  });

  it('has an engine that runs no firewall or FTP server code of its own: each firewall file hands over its model', () => {
    const engine = join(import.meta.dirname, '..', '..', '..', 'server', 'src', 'engine');
    for (const file of readdirSync(engine)) {
      const imports = [...readFileSync(join(engine, file), 'utf8').matchAll(/^import (?!type )[^;]*from '\.\.\/languages\/(iptables|nftables|vsftpd)\/[^']*'/gm)];
      assert.deepEqual(imports.map((m) => m[0]), [], `engine/${file} imports a language's code`);
    }
  });
});
