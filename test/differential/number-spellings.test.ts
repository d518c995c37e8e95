import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkText } from '../../server/src/analysis/check.js';
import type { Destination } from '../../server/src/engine/firewall-model.js';
import {
  plainNetwork, protocolNumber, readNatPorts, readNatRange, readPortList, readPortRange,
} from '../../server/src/languages/iptables/catalogue/values.js';
import { restoreLanguage } from '../../server/src/languages/iptables/restore-language.js';
import { readNftablesDocument } from '../../server/src/languages/nftables/document.js';
import type { Condition } from '../../server/src/languages/nftables/rule.js';
import { sysctlSwitch } from '../../server/src/languages/modules/documents.js';
import { unmet } from '../helpers/requirements.js';
import { scratch } from '../helpers/temp.js';
import { ftpwallErrors } from './nft-oracle.js';

/*
 * Numbers written every way: iptables and nft read them as C's strtoul does (a leading 0 is
 * octal, 0x hexadecimal), each option with its own reader (the udp match in decimal, the NAT
 * targets from where the last number stopped, nft falling back to getaddrinfo). Each file is
 * loaded for real in a throwaway network namespace, and what the program made of it (its rule
 * as iptables-save or nft list prints it, or its refusal) is compared with what ftpwall read.
 */

const root = join(import.meta.dirname, '..', '..');
const oracle = join(root, 'test', 'oracles', 'loaded-rules-oracle.sh');

/** One rule written one way, and how to compare what ftpwall read of it with what the program loaded. */
interface Spelling {
  name: string;
  text: string;
  /** ftpwall's reading of the value, printed as the program prints it; none where only acceptance is compared (a value no verdict depends on). */
  read?: () => string | undefined;
  /** The same value in the program's own listing of the loaded rule. */
  loaded?: RegExp;
  /** For refusals: the program's message, which ftpwall quotes. */
  quotesMessage?: boolean;
  /**
   * Loaded by this iptables, refused by iptables' own tests: ftpwall's one error must say that
   * iptables 1.8.9 loads it, and what this returns of the program's listing (`loaded`).
   */
  versionDependent?: (listed: string) => string;
}

interface Loaded { status: number; output: string }

function load(spellings: readonly Spelling[]): Map<string, Loaded> {
  const dir = join(scratch({}), 'spellings');
  mkdirSync(dir);
  for (const s of spellings) writeFileSync(join(dir, s.name), s.text);
  const run = spawnSync('unshare', ['--net', 'bash', oracle, dir], { encoding: 'utf8', timeout: 600_000 });
  assert.equal(run.status, 0, run.stderr);
  const result = new Map<string, Loaded>();
  for (const line of run.stdout.trim().split('\n')) {
    const [name, status, output] = line.split('\t');
    result.set(name!, { status: Number(status), output: output ?? '' });
  }
  return result;
}

const range = (r: { min: number; max: number }, joint: string) => (r.min === r.max ? `${r.min}` : `${r.min}${joint}${r.max}`);
const orUndefined = <T,>(value: T | string | { error: string }, show: (value: T) => string) =>
  typeof value === 'string' || (typeof value === 'object' && value !== null && 'error' in value) ? undefined : show(value as T);

let counter = 0;
const v4 = (table: string, rule: string) => `*${table}\n${rule}\nCOMMIT\n`;

function iptablesSpellings(): Spelling[] {
  const spellings: Spelling[] = [];
  const add = (family: 'v4' | 'v6', table: string, rule: string, read?: () => string | undefined, loaded?: RegExp, quotesMessage = false) =>
    spellings.push({ name: `spelling-${counter++}.${family}`, text: v4(table, rule), ...(read && loaded ? { read, loaded } : {}), quotesMessage });
  for (const port of ['21', '021', '0x15', '0X15', '"+21"', '" 21"', '00', '0x0', '08', '09', '021:023', ':021', '021:', '0x10000', '0177777', '1e2', '21x', '0x', 'ftp', 'ftp-data']) {
    const value = port.replace(/"/g, '');
    add('v4', 'filter', `-A INPUT -p tcp --dport ${port} -j ACCEPT`, () => orUndefined(readPortRange(value, 'tcp', 0), (r) => range(r, ':')), /--dport (\S+)/);
  }
  // The udp match, and number options no verdict depends on: only whether they are refused is compared.
  for (const port of ['021', '08', '0x15', '+21', '-1', '021:023', '99999999999999999999']) add('v4', 'filter', `-A INPUT -p udp --dport ${port} -j ACCEPT`);
  // What iptables 1.8.9 loads and its own test vectors expect refused: numbers past 65535 and
  // backward ranges of the udp match and of conntrack, and values the kernel takes as they are.
  const versionDependent = (table: string, rule: string, loaded: RegExp, says: (listed: string) => string) =>
    spellings.push({ name: `spelling-${counter++}.v4`, text: v4(table, rule), loaded, versionDependent: says });
  const portSaid = (listed: string) => (listed.includes(':') && Number(listed.split(':')[0]) > Number(listed.split(':')[1]) ? `(${listed})` : ` ${listed}`);
  for (const port of ['70000', '65536', '4294967297', '30:20', '70000:80000', ':70000', '021:020']) {
    versionDependent('filter', `-A INPUT -p udp --dport ${port} -j ACCEPT`, /--dport (\S+)/, portSaid);
    versionDependent('filter', `-A INPUT -m conntrack --ctorigdstport ${port} -j ACCEPT`, /--ctorigdstport (\S+)/, portSaid);
  }
  versionDependent('filter', '-A INPUT -m conntrack --ctproto 0 -j ACCEPT', /(--ctproto 0)/, () => 'matching no connection');
  versionDependent('filter', '-A INPUT -m conntrack ! --ctproto 0 -j ACCEPT', /(! --ctproto 0)/, () => 'with "!", every one');
  versionDependent('filter', '-A INPUT -m conntrack --ctexpire 20:10 -j ACCEPT', /(--ctexpire 20:10)/, () => 'range running backwards');
  versionDependent('raw', '-A PREROUTING -j CT', /(-j CT)$/, () => 'a CT target that changes nothing');
  versionDependent('filter', `-A INPUT -m comment --comment "${'x'.repeat(300)}" -j ACCEPT`, /--comment "?(x+)/, (listed) => `first ${listed.length} characters`);
  // Refused only when loaded, as ftpwall says.
  add('v4', 'filter', '-A INPUT -m recent --name x --rcheck --hitcount 70000 -j ACCEPT');
  add('v4', 'filter', '-A INPUT -p udp -j REJECT --reject-with tcp-reset');
  for (const option of ['-m limit --limit 5/min --limit-burst 010', '-m limit --limit 5/min --limit-burst 0x10', '-m limit --limit 5/min --limit-burst 08', '-m limit --limit 010/min',
    '-m connlimit --connlimit-above 0x10 --connlimit-mask 030', '-m recent --name x --rcheck --seconds 0x3c --hitcount 010', '-p tcp --tcp-option 010', '-p tcp --tcp-option 0400']) {
    add('v4', 'filter', `-A INPUT ${option} -j ACCEPT`);
  }
  for (const ports of ['021,0x15', '021:023', '+21', '08', '0x15:0x17,030']) {
    add('v4', 'filter', `-A INPUT -p tcp -m multiport --dports ${ports} -j ACCEPT`, () => orUndefined(readPortList(ports, 'tcp', true), (list) => list.map((r) => range(r, ':')).join(',')), /--dports (\S+)/);
  }
  for (const protocol of ['06', '0x6', '+6', '021', '017', '0', '00', '256', '0400']) {
    add('v4', 'filter', `-A INPUT -p ${protocol} -j ACCEPT`, () => { const n = protocolNumber(protocol); return n === undefined ? undefined : String(n); }, /-A INPUT(?: -p (\S+))? -j/);
  }
  for (const address of ['10.0.0.0/8', '10.0.0.1/8', '192.168.1.255/24', '1.2.3.4/32', '10.0.0.0/08', '10.0.0.0/010', '010.0.0.1', '0x0a.0.0.1', '10.1', '10', '10.0.0.0/0x8', '10.0.0.0/+8', '10.0.0.0/255.0.0.0', '10.0.0.0/255.0.255.0', '08.0.0.1', '10.0.0.0/33', '10.0.0.0/040', '0177.0.0.1', '10.0.0.0/255.0', '10.9.8.7/0x10']) {
    add('v4', 'filter', `-A INPUT -s ${address} -j ACCEPT`, () => plainNetwork(address, 'ipv4'), /-s (\S+)/);
  }
  for (const address of ['2001:db8::/0100', '2001:db8::/0x40', '2001:db8::/+64', '2001:db8::/0200']) {
    add('v6', 'filter', `-A INPUT -s ${address} -j ACCEPT`, () => { const plain = plainNetwork(address, 'ipv6'); return plain === address ? undefined : plain; }, /-s (\S+)/);
  }
  const natRange = (text: string) => {
    const r = readNatRange(text, 'ipv4', 'DNAT');
    return r.error ? undefined : `${r.address ?? ''}${r.ports ? `:${range(r.ports, '-')}` : ''}`;
  };
  for (const to of ['10.0.0.5:021', '10.0.0.5:0x15', '010.0.0.5', '10.0.0.05', '10.0.0.5:08', '10.0.0.5:021-023', '10.0.0.5:21-08', '10.0.0.5:21/08', '10.0.0.5:21-22/021', '10.0.0.5:ftp', '10.0.0.5:21:22', '10.0.0.5:0', '10.0.0.5:70000', '10.0.0.5:ftp-21', '10.0.0.5:21-', '10.0.0.5:+21', '10.0.0.5:21-22x']) {
    add('v4', 'nat', `-A PREROUTING -p tcp --dport 21 -j DNAT --to-destination ${to}`, () => natRange(to), /--to-destination (\S+?)(?:\/\d+)?(?: |$)/, true);
  }
  for (const ports of ['021', '0x15', '21-023', '21-0x17', '08', 'ftp', 'ftp-23', '21-', '0', '21-22/30', '21:22', '"21- 23"']) {
    const value = ports.replace(/"/g, '');
    add('v4', 'nat', `-A PREROUTING -p tcp --dport 21 -j REDIRECT --to-ports ${ports}`, () => orUndefined(readNatPorts(value, 'REDIRECT'), (r) => range(r, '-')), /--to-ports (\S+?)(?:\/\d+)?(?: |$)/, true);
  }
  for (const ports of ['021', '21-22/30']) {
    add('v4', 'nat', `-A POSTROUTING -p tcp -j MASQUERADE --to-ports ${ports}`, () => orUndefined(readNatPorts(ports, 'MASQUERADE'), (r) => range(r, '-')), /--to-ports (\S+?)(?:\/\d+)?(?: |$)/, true);
  }
  for (const protocol of ['icmp', 'udplite', 'sctp']) {
    add('v4', 'nat', `-A PREROUTING -p ${protocol} -j DNAT --to-destination 10.0.0.5:21`, () => (protocol === 'udplite' ? undefined : '10.0.0.5:21'), /--to-destination (\S+)/, true);
  }
  return spellings;
}

/** nft prints a port set as `{ 8, 17 }` and a range as `17-19`; ftpwall's port sets as "8, 17-19". */
const nftPorts = (listed: string) => listed.replace(/[{}]/g, '').trim();
const nftRule = (family: string, hook: string, rule: string) => `table ${family} t {\n\tchain c {\n\t\ttype ${hook === 'prerouting' ? 'nat' : 'filter'} hook ${hook} priority ${hook === 'prerouting' ? -100 : 0};\n\t\t${rule}\n\t}\n}\n`;

function nftSpellings(): Spelling[] {
  const spellings: Spelling[] = [];
  const conditions = (text: string): Condition[] | undefined => {
    const doc = readNftablesDocument(text, 'spelling.nft');
    if (doc.ruleset.problems.length) return undefined;
    return doc.ruleset.tables[0]?.chains.get('c')?.rules[0]?.reading.conditions;
  };
  const sentTo = (text: string): Destination | undefined => {
    const doc = readNftablesDocument(text, 'spelling.nft');
    return doc.ruleset.problems.length ? undefined : doc.ruleset.tables[0]?.chains.get('c')?.rules[0]?.reading.sendsTo;
  };
  const add = (text: string, read: () => string | undefined, loaded: RegExp) => spellings.push({ name: `spelling-${counter++}.nft`, text, read, loaded });
  for (const port of ['21', '021', '08', '09', '0x15', '0X15', '00021', '" 21"', '65536', '0x10000', '{ 021, 08 }', '021-023', '08-09', '0-021', '{ 021 - 023 }', '1e2', 'ftp', '0x']) {
    const text = nftRule('inet', 'input', `tcp dport ${port} accept`);
    add(text, () => { const c = conditions(text)?.find((x) => x.kind === 'port'); return c?.kind === 'port' ? String(c.ports) : undefined; }, /tcp dport (.+) accept/);
  }
  for (const address of ['10.0.0.0/010', '010.0.0.1', '08.0.0.1', '10.0.0.0/0x8', '10.0.0.0/00', '10.0.0.1-10.0.0.010', '{ 010.0.0.1, 10.0.0.2 }', '0300.0250.0.1', '10.9.8.7/0x10']) {
    const text = nftRule('ip', 'input', `ip saddr ${address} accept`);
    add(text, () => {
      const c = conditions(text)?.find((x) => x.kind === 'address');
      return c?.kind === 'address' ? c.plain.map((a) => a.replace(/\/32$/, '')).join(', ') : undefined;
    }, /ip saddr (.+) accept/);
  }
  for (const protocol of ['06', '0x6', '021', '017', 'tcp']) {
    const text = nftRule('inet', 'input', `meta l4proto ${protocol} accept`);
    add(text, () => { const c = conditions(text)?.find((x) => x.kind === 'protocol'); return c?.kind === 'protocol' ? String(c.tcp) : undefined; }, /meta l4proto (\S+) accept/);
  }
  for (const to of ['dnat to 10.0.0.5:021', 'dnat to 10.0.0.5:08', 'dnat to 010.0.0.5', 'dnat to 10.0.0.5:021-023', 'redirect to :021', 'redirect to :0x15', 'dnat to 10.0.0.5:ftp']) {
    const text = nftRule('ip', 'prerouting', `tcp dport 21 ${to}`);
    add(text, () => { const d = sentTo(text); return d && !d.unread ? `${d.address ?? ''}:${d.ports ? range(d.ports, '-') : ''}` : undefined; }, / (?:dnat to|redirect to) (\S+)/);
  }
  return spellings;
}

/** What ftpwall's reading must equal, from the program's listing of the loaded rule. */
function loadedValue(spelling: Spelling, output: string): string {
  const found = spelling.loaded!.exec(output);
  assert.ok(found, `no value in the program's listing: ${output}`);
  const value = found[1] ?? '';
  if (spelling.name.endsWith('.nft')) {
    if (/meta l4proto/.test(spelling.text)) return String(value === 'tcp');
    if (/dnat|redirect/.test(spelling.text)) return value.includes(':') ? value : `${value}:`;
    return nftPorts(value);
  }
  if (/ -p (\S+) -j ACCEPT/.test(spelling.text) && !/--dport|-s /.test(spelling.text)) return value === '' ? '0' : String(protocolNumber(value));
  return value;
}

const needs = unmet('number spelling differential tests', { root: true, commands: ['iptables-legacy-restore', 'ip6tables-legacy-restore', 'nft', 'unshare'] });

describe('differential: numbers written every way are read as iptables and nft read them (each file loaded in a throwaway namespace)', { skip: needs }, () => {
  const spellings = [...iptablesSpellings(), ...nftSpellings()];
  const loaded = load(spellings);

  it('loads both accepted and refused spellings', () => {
    const refused = spellings.filter((s) => loaded.get(s.name)!.status !== 0).length;
    assert.ok(refused >= 20 && spellings.length - refused >= 50, `${refused} of ${spellings.length} refused`);
  });

  for (const spelling of spellings) {
    it(`${spelling.name}: ${spelling.text.split('\n')[spelling.name.endsWith('.nft') ? 3 : 1]!.trim()}`, () => {
      const result = loaded.get(spelling.name)!;
      const errors = spelling.name.endsWith('.nft')
        ? ftpwallErrors({ name: spelling.name, text: spelling.text }).messages
        : checkText(restoreLanguage, spelling.text, spelling.name).filter((f) => f.severity === 'error').map((f) => f.message);
      if (result.status !== 0) {
        assert.ok(errors.length > 0, `refused ("${result.output}") but ftpwall reports no error`);
        const said = result.output.replace(/^ip6?tables-restore v[\d.]+ \(legacy\): /, '').replace(/ *Error occurred at line: \d+\s*$/, '').trim();
        if (spelling.quotesMessage) assert.ok(errors.some((e) => e.includes(said)), `iptables says "${said}", ftpwall: ${errors.join(' | ')}`);
        return;
      }
      if (spelling.versionDependent) {
        const said = spelling.versionDependent(loadedValue(spelling, result.output));
        assert.equal(errors.length, 1, errors.join(' | '));
        assert.ok(errors[0]!.startsWith('iptables 1.8.9 loads this rule ') && errors[0]!.includes(said), `loaded as "${result.output}"; ftpwall: ${errors[0]}; expected it to say "${said}"`);
        return;
      }
      assert.deepEqual(errors, [], `loaded as "${result.output}" but ftpwall reports errors`);
      if (spelling.read) assert.equal(spelling.read(), loadedValue(spelling, result.output), `loaded as "${result.output}"`);
    });
  }
});

const sysctlNeeds = unmet('sysctl spelling differential tests', { root: true, commands: ['sysctl', 'unshare'] });

describe('differential: a switch in a sysctl file is read as the kernel reads it (written with the real sysctl in a throwaway namespace)', { skip: sysctlNeeds }, () => {
  for (const value of ['1', '0', '01', '0x1', '2', '010', '08', '-1', ' 1', '+1', '1x', 'yes', '00']) {
    it(`net.ipv4.ip_forward = ${value}`, () => {
      // From 0, so that a refused value shows as the 0 it leaves.
      const run = spawnSync('unshare', ['--net', 'sh', '-c', `sysctl -q -w net.ipv4.ip_forward=0 && sysctl -q -w 'net.ipv4.ip_forward=${value}'; echo "status $?"; cat /proc/sys/net/ipv4/ip_forward`], { encoding: 'utf8', timeout: 10_000 });
      const [status, stored] = run.stdout.trim().split('\n');
      const refused = status !== 'status 0';
      assert.equal(sysctlSwitch(value), refused ? undefined : Number(stored) !== 0, `sysctl ${refused ? 'refused it' : `stored ${stored}`}`);
    });
  }
});
