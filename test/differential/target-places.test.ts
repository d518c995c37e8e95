import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkText } from '../../server/src/analysis/check.js';
import type { Finding } from '../../server/src/core/findings.js';
import { restoreLanguage } from '../../server/src/languages/iptables/restore-language.js';
import { unmet } from '../helpers/requirements.js';
import { scratch } from '../helpers/temp.js';

/*
 * Targets the kernel takes only in some tables or built-in chains (CT and NOTRACK in raw, the NAT
 * targets in nat, REJECT in filter), each put into every built-in chain of every table, and
 * kernel helpers assigned to packets of each protocol and helpers by name, loaded for real (`iptables-restore --test`
 * accepts them all): ftpwall reports an error exactly where the kernel refuses the file.
 */

const root = join(import.meta.dirname, '..', '..');
const oracle = join(root, 'test', 'oracles', 'loaded-rules-oracle.sh');

const CHAINS: Record<string, readonly string[]> = {
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  raw: ['PREROUTING', 'OUTPUT'],
  security: ['INPUT', 'FORWARD', 'OUTPUT'],
};
const TARGETS = (family: 'v4' | 'v6') => [
  '-j CT --notrack', '-j NOTRACK', `-j DNAT --to-destination ${family === 'v4' ? '192.0.2.1' : '2001:db8::1'}`, '-j REDIRECT',
  `-j SNAT --to-source ${family === 'v4' ? '192.0.2.1' : '2001:db8::1'}`, '-j MASQUERADE', '-j REJECT',
];

/** `helperName`: refused only where no helper of that name is registered, which ftpwall warns of. */
interface Placement { name: string; text: string; helperName?: boolean }

/** Kernel helpers assigned to packets of each protocol (the kernel looks a helper up by name and protocol). */
const HELPER_RULES = ['-p tcp', '-p udp', '-p 6', '-p all', '! -p udp', ''].flatMap((protocol) =>
  ['ftp', 'tftp', 'sip', 'irc'].map((helper) => `-A PREROUTING ${protocol} -j CT --helper ${helper}`.replace('  ', ' ')));

/**
 * Helper names, each on its own protocol, in each family: names the kernel does not register
 * (a typo, a case, a port-numbered name of a module loaded without that port, IPv4-only helpers
 * in IPv6) are refused; ftpwall warns (iptables/unknown-helper), since a module option or a
 * user-space helper could register the name on another host.
 */
const HELPER_NAMES = ['tcp ftp', 'tcp ftpx', 'tcp FTP', 'tcp ftp-2121', 'tcp ftp-21', 'udp tftp-69', 'tcp H.245', 'udp snmp', 'udp snmp_trap', 'udp netbios-ns', 'udp amanda', 'udp RAS', 'tcp Q.931'];

function placements(): Placement[] {
  const all: Placement[] = [];
  for (const rule of HELPER_RULES) all.push({ name: `place-${all.length}.v4`, text: `*raw\n${rule}\nCOMMIT\n` });
  for (const family of ['v4', 'v6'] as const) {
    for (const [protocol, helper] of HELPER_NAMES.map((h) => h.split(' '))) all.push({ name: `place-${all.length}.${family}`, text: `*raw\n-A PREROUTING -p ${protocol} -j CT --helper ${helper}\nCOMMIT\n`, helperName: true });
  }
  for (const family of ['v4', 'v6'] as const) {
    for (const [table, chains] of Object.entries(CHAINS)) {
      for (const chain of chains) {
        for (const target of TARGETS(family)) all.push({ name: `place-${all.length}.${family}`, text: `*${table}\n-A ${chain} -p tcp ${target}\nCOMMIT\n` });
      }
    }
  }
  return all;
}

const needs = unmet('target placement differential tests', { root: true, commands: ['iptables-legacy-restore', 'ip6tables-legacy-restore', 'unshare'] });

describe('differential: a target in each table and built-in chain, loaded for real: ftpwall reports an error exactly where the kernel refuses it', { skip: needs }, () => {
  const all = placements();
  const dir = join(scratch({}), 'placements');
  mkdirSync(dir);
  for (const p of all) writeFileSync(join(dir, p.name), p.text);
  const run = spawnSync('unshare', ['--net', 'bash', oracle, dir], { encoding: 'utf8', timeout: 600_000 });
  const loaded = new Map(run.stdout.trim().split('\n').map((line) => { const [name, status, output] = line.split('\t'); return [name!, { status: Number(status), output: output ?? '' }] as const; }));

  it('loads every placement, some accepted and some refused', () => {
    assert.equal(run.status, 0, run.stderr);
    assert.equal(loaded.size, all.length);
    const refused = [...loaded.values()].filter((l) => l.status !== 0).length;
    assert.ok(refused >= 100 && all.length - refused >= 20, `${refused} of ${all.length} refused`);
  });

  for (const placement of all) {
    it(`${placement.name}: ${placement.text.split('\n').slice(0, 2).join(' ')}`, () => {
      const result = loaded.get(placement.name)!;
      const said = (f: Finding) => f.severity === 'error' || (placement.helperName && f.ruleId === 'iptables/unknown-helper');
      const errors = checkText(restoreLanguage, placement.text, placement.name).filter(said).map((f) => `${f.ruleId}: ${f.message}`);
      if (result.status !== 0) assert.ok(errors.length > 0, `the kernel refuses it ("${result.output}") but ftpwall reports no error`);
      else assert.deepEqual(errors, [], `loaded as "${result.output}" but ftpwall reports errors`);
    });
  }
});
