import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readUfwSettings } from '../../server/src/languages/ufw/settings.js';
import { rulesKey, ufwFirewall, type UfwFiles } from '../../server/src/languages/ufw/firewall.js';
import type { Ruleset } from '../../server/src/languages/iptables/ruleset.js';
import { unmet } from '../helpers/requirements.js';
import { scratch } from '../helpers/temp.js';

const root = join(import.meta.dirname, '..', '..');
const STOCK = join(root, 'test', 'fixtures', 'shipped', 'ufw');
const HOSTS = join(root, 'test', 'kernel', 'hosts');
const stock = (path: string) => readFileSync(join(STOCK, path), 'utf8');
const STOCK_DEFAULTS = stock('etc/default/ufw');
const ENABLED = '# /etc/ufw/ufw.conf\nENABLED=yes\nLOGLEVEL=low\n';

/** A ufw configuration: files that differ from ufw as installed (enabled), by their name under /etc/ufw ("default" for /etc/default/ufw). */
interface Configuration { name: string; files: Record<string, string> }

const withDefaults = (change: (text: string) => string) => ({ default: change(STOCK_DEFAULTS) });
const userRulesOf = (host: string) => ({ 'user.rules': readFileSync(join(HOSTS, host, 'etc', 'ufw', 'user.rules'), 'utf8'), 'user6.rules': readFileSync(join(HOSTS, host, 'etc', 'ufw', 'user6.rules'), 'utf8') });

/** ufw as installed and enabled, the kernel tests' user.rules, and the settings that change what ufw-init writes itself. */
const CONFIGURATIONS: Configuration[] = [
  { name: 'as installed, enabled', files: {} },
  ...readdirSync(HOSTS).filter((h) => h.startsWith('ufw-') && !h.startsWith('ufw-script-') && h !== 'ufw-disabled').map((host) => ({ name: `user.rules of ${host}`, files: userRulesOf(host) })),
  { name: 'DEFAULT_INPUT_POLICY=REJECT', files: withDefaults((t) => t.replace('DEFAULT_INPUT_POLICY="DROP"', 'DEFAULT_INPUT_POLICY="REJECT"')) },
  { name: 'DEFAULT_INPUT_POLICY=ACCEPT', files: withDefaults((t) => t.replace('DEFAULT_INPUT_POLICY="DROP"', 'DEFAULT_INPUT_POLICY="ACCEPT"')) },
  { name: 'DEFAULT_OUTPUT_POLICY=REJECT', files: { ...withDefaults((t) => t.replace('DEFAULT_OUTPUT_POLICY="ACCEPT"', 'DEFAULT_OUTPUT_POLICY="REJECT"')), ...userRulesOf('ufw-21-and-range') } },
  { name: 'IPV6=no', files: withDefaults((t) => t.replace('IPV6=yes', 'IPV6=no')) },
  { name: 'before.rules with a raw table', files: { 'before.rules': readFileSync(join(HOSTS, 'ufw-raw-helper', 'etc', 'ufw', 'before.rules'), 'utf8') } },
];

/** One table as iptables-save prints it: each chain's policy (built-in chains) and the target of each of its rules, in order. */
type TableShape = Map<string, { policy: string; targets: string[] }>;

function savedShape(text: string): Map<string, TableShape> {
  const tables = new Map<string, TableShape>();
  let table: TableShape | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('*')) tables.set(line.slice(1), table = new Map());
    else if (line.startsWith(':') && table) { const [name, policy] = line.slice(1).split(' '); table.set(name!, { policy: policy!, targets: [] }); }
    else if (line.startsWith('-A ') && table) {
      const chain = line.split(' ')[1]!;
      const target = / -[jg] (\S+)/.exec(line)?.[1] ?? '';
      table.get(chain)!.targets.push(target);
    }
  }
  return tables;
}

function modelShape(ruleset: Ruleset): Map<string, TableShape> {
  const tables = new Map<string, TableShape>();
  for (const [name, chains] of ruleset.tables) {
    const table: TableShape = new Map();
    for (const chain of chains.values()) table.set(chain.name, { policy: chain.builtin ? chain.policy : '-', targets: chain.rules.map((r) => r.meaning.targetName ?? '') });
    tables.set(name, table);
  }
  return tables;
}

/** Tables the kernel lists though nothing was loaded into them (iptables-save shows every table in use). */
const withoutEmptyTables = (tables: Map<string, TableShape>) => new Map([...tables].filter(([, chains]) => [...chains.values()].some((c) => c.targets.length || (c.policy !== 'ACCEPT' && c.policy !== '-'))));

const needs = unmet('ufw differential', { root: true, commands: ['/lib/ufw/ufw-init', 'iptables-save', 'ip6tables-save', 'unshare'] });

describe('differential: the firewall ftpwall composes from ufw\'s files is the one ufw\'s boot script loads', { skip: needs }, () => {
  it(`runs on at least 12 configurations (${CONFIGURATIONS.length})`, () => assert.ok(CONFIGURATIONS.length >= 12));

  for (const configuration of CONFIGURATIONS) {
    it(configuration.name, () => {
      const dir = scratch({});
      const files: Record<string, string> = {
        ...Object.fromEntries(['before', 'after', 'user'].flatMap((kind) => ['', '6'].map((six) => [`${kind}${six}.rules`, stock(`usr/share/ufw/iptables/${kind}${six}.rules`)]))),
        'ufw.conf': ENABLED, default: STOCK_DEFAULTS, ...configuration.files,
      };
      mkdirSync(join(dir, 'etc', 'ufw'), { recursive: true });
      mkdirSync(join(dir, 'etc', 'default'), { recursive: true });
      for (const [name, text] of Object.entries(files)) writeFileSync(name === 'default' ? join(dir, 'etc', 'default', 'ufw') : join(dir, 'etc', 'ufw', name), text);

      // The real ufw-init, in a network namespace of its own, with the configuration over /etc.
      const script = [
        'mount --make-rprivate /', `mount --bind ${dir}/etc/ufw /etc/ufw`, `mount --bind ${dir}/etc/default/ufw /etc/default/ufw`,
        'ip link set lo up', '/lib/ufw/ufw-init start >/dev/null', 'iptables-save', 'echo ==== IPv6', 'ip6tables-save',
      ].join(' && ');
      const run = spawnSync('timeout', ['60', 'unshare', '-n', '-m', 'sh', '-c', script], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      const [saved4, saved6] = run.stdout.split('==== IPv6');

      const ufw: UfwFiles = { rules: new Map(), conf: readUfwSettings(files['ufw.conf']!, '/etc/ufw/ufw.conf'), defaults: readUfwSettings(files['default']!, '/etc/default/ufw') };
      for (const kind of ['before', 'after', 'user'] as const) for (const family of ['ipv4', 'ipv6'] as const) {
        const name = `${rulesKey(kind, family)}.rules`;
        ufw.rules.set(rulesKey(kind, family), { path: `/etc/ufw/${name}`, text: files[name]! });
      }
      const composed = ufwFirewall(ufw)!;
      assert.equal(composed.variants.list.length, 1, 'every setting is fixed here');
      const [variant] = composed.variants.list;
      assert.deepEqual(variant!.unknownRules, []);
      for (const [family, saved] of [['ipv4', saved4!], ['ipv6', saved6!]] as const) {
        const ruleset = variant!.rulesets.find((r) => r.family === family)!;
        assert.deepEqual(withoutEmptyTables(modelShape(ruleset)), withoutEmptyTables(savedShape(saved)), `${family}: the chains, policies and rule targets differ from what ufw-init loaded`);
      }
    });
  }
});
