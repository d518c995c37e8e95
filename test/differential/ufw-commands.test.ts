import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readUfwCommand } from '../../server/src/languages/ufw/command.js';
import { profileLookup, readProfiles } from '../../server/src/languages/ufw/applications.js';
import { ruleLine, writeRule } from '../../server/src/languages/ufw/user-rule.js';
import { unmet } from '../helpers/requirements.js';
import { scratch } from '../helpers/temp.js';
import { TEST_PROFILES, UFW_COMMANDS, UFW_SEQUENCES } from './ufw-commands-corpus.js';
import { ufwScriptState } from '../../server/src/languages/ufw/script-state.js';
import { savedChanges } from '../../server/src/languages/ufw/ufw-init.js';

const needs = unmet('ufw command differential', { root: true, commands: ['ufw', 'unshare'] });
const STOCK = join(import.meta.dirname, '..', 'fixtures', 'shipped', 'ufw');

/** ufw's stock files and the tests' profile, as /etc/ufw and /etc/default/ufw. */
function ufwEtc(dir: string): { etc: string; defaults: string } {
  const etc = join(dir, 'ufw');
  cpSync(join(STOCK, 'etc', 'ufw'), etc, { recursive: true });
  for (const name of readdirSync(join(STOCK, 'usr', 'share', 'ufw', 'iptables'))) cpSync(join(STOCK, 'usr', 'share', 'ufw', 'iptables', name), join(etc, name));
  cpSync(join(STOCK, 'usr', 'share', 'ufw', 'ufw.conf'), join(etc, 'ufw.conf'));
  writeFileSync(join(etc, 'applications.d', 'ftpwall-test'), TEST_PROFILES);
  const defaults = join(dir, 'default-ufw');
  cpSync(join(STOCK, 'etc', 'default', 'ufw'), defaults);
  return { etc, defaults };
}

/** What the real `ufw --dry-run ARGS` prints for each command, run in one private mount and network namespace over copies of its files. */
function askUfw(commands: readonly (readonly string[])[]): string[] {
  const dir = scratch({});
  const { etc, defaults } = ufwEtc(dir);
  mkdirSync(join(dir, 'args'));
  commands.forEach((args, n) => writeFileSync(join(dir, 'args', String(n)), args.map((a) => `${a}\0`).join('')));
  const runs = commands.map((_, n) => `xargs -0 -a ${dir}/args/${n} timeout 20 ufw --dry-run > ${dir}/${n}.out 2>&1 < /dev/null || true`);
  const script = ['mount --make-rprivate /', `mount --bind ${etc} /etc/ufw`, `mount --bind ${defaults} /etc/default/ufw`, 'ip link set lo up', ...runs].join('\n');
  const run = spawnSync('timeout', ['600', 'unshare', '-n', '-m', 'sh', '-c', script], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return commands.map((_, n) => readFileSync(join(dir, `${n}.out`), 'utf8'));
}

/** The tuples user.rules and user6.rules hold after each sequence of commands, run for real (no --dry-run) on a fresh copy of ufw's files. */
function runSequences(sequences: readonly (readonly (readonly string[])[])[]): Array<[string[], string[]]> {
  const dir = scratch({});
  const script = ['mount --make-rprivate /', 'ip link set lo up', '[ ! -e /usr/sbin/modprobe ] || mount --bind /bin/true /usr/sbin/modprobe'];
  sequences.forEach((commands, n) => {
    const { etc, defaults } = ufwEtc(join(dir, String(n)));
    mkdirSync(join(dir, String(n), 'args'));
    commands.forEach((args, c) => writeFileSync(join(dir, String(n), 'args', String(c)), args.map((a) => `${a}\0`).join('')));
    script.push(`mount --bind ${etc} /etc/ufw`, `mount --bind ${defaults} /etc/default/ufw`);
    commands.forEach((_, c) => script.push(`xargs -0 -a ${dir}/${n}/args/${c} timeout 20 ufw > /dev/null 2>&1 < /dev/null || true`));
    script.push(`cat /etc/ufw/user.rules > ${dir}/${n}/user.out`, `cat /etc/ufw/user6.rules > ${dir}/${n}/user6.out`, 'umount /etc/ufw', 'umount /etc/default/ufw');
  });
  const run = spawnSync('timeout', ['600', 'unshare', '-n', '-m', 'sh', '-c', script.join('\n')], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const tuples = (file: string) => readFileSync(file, 'utf8').split('\n').filter((l) => l.startsWith('### tuple ###'));
  return sequences.map((_, n) => [tuples(join(dir, String(n), 'user.out')), tuples(join(dir, String(n), 'user6.out'))]);
}

/**
 * Per family, the lines between `### RULES ###` and `### END RULES ###` of the file ufw prints
 * (blank lines left out); a family whose file the command leaves alone is empty. ufw prints a
 * file again for each entry of an application profile: the last print holds them all.
 */
function rulesSections(output: string): string[][] {
  const sections = { ipv4: [] as string[], ipv6: [] as string[] };
  let family: 'ipv4' | 'ipv6' = 'ipv4';
  let current: string[] | undefined;
  for (const line of output.split('\n')) {
    if (line.startsWith(':ufw')) family = line.startsWith(':ufw6-') ? 'ipv6' : 'ipv4';
    if (line === '### RULES ###') sections[family] = current = [];
    else if (line === '### END RULES ###') current = undefined;
    else if (current && line.trim()) current.push(line);
  }
  return [sections.ipv4, sections.ipv6];
}

describe('differential: ftpwall reads `ufw` commands as ufw 0.36.2 does (ufw --dry-run)', { skip: needs }, () => {
  const outputs = askUfw(UFW_COMMANDS);
  const profiles = profileLookup(readProfiles([...readdirSync(join(STOCK, 'etc', 'ufw', 'applications.d')).map((f) => readFileSync(join(STOCK, 'etc', 'ufw', 'applications.d', f), 'utf8')), TEST_PROFILES]), true);

  it(`runs ${UFW_COMMANDS.length} commands, at least 20 of them refused`, () => {
    assert.ok(UFW_COMMANDS.length >= 80, `${UFW_COMMANDS.length} commands`);
    assert.ok(outputs.filter((o) => /^ERROR: /m.test(o)).length >= 20);
  });

  UFW_COMMANDS.forEach((args, n) => {
    it(`ufw ${args.map((a) => (a.includes(' ') ? `'${a}'` : a)).join(' ')}`, () => {
      const output = outputs[n]!;
      const ours = readUfwCommand(args, profiles);
      const refused = /^ERROR: (.*)$/m.exec(output)?.[1];
      if (refused !== undefined) { assert.deepEqual(ours, { kind: 'error', message: refused }, output); return; }
      assert.notEqual(ours.kind, 'error', `ufw accepts it:\n${output}`);
      assert.notEqual(ours.kind, 'unknown');
      if (ours.kind !== 'rule' || ours.placement === 'delete') return;
      const written = (['ipv4', 'ipv6'] as const).map((family) => writeRule(ours.rule, family, profiles).flatMap((w) => [w.tuple, ...w.rules.map(ruleLine)]));
      assert.deepEqual(written, rulesSections(output), output);
    });
  });
});

describe('differential: a script\'s ufw commands, one after another, leave the rules the real ufw keeps', { skip: needs }, () => {
  const kept = runSequences(UFW_SEQUENCES);
  const profiles = profileLookup(readProfiles([TEST_PROFILES]));
  const stockUser = (six: string) => readFileSync(join(STOCK, 'usr', 'share', 'ufw', 'iptables', `user${six}.rules`), 'utf8');

  UFW_SEQUENCES.forEach((commands, n) => {
    it(commands.map((c) => `ufw ${c.join(' ')}`).join('; '), () => {
      const where = { path: '/provision.sh', line: 0, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
      const state = ufwScriptState(commands.map((args) => ({ args: [...args], ...where })), profiles);
      const ours = (['ipv4', 'ipv6'] as const).map((family) => {
        const changes = savedChanges(state.changes, state.reset ? '' : stockUser(family === 'ipv6' ? '6' : ''), family, profiles);
        assert.deepEqual(changes.unknown, []);
        return [...changes.front.map((r) => r.tuple), ...changes.kept, ...changes.back.map((r) => r.tuple)];
      });
      assert.deepEqual(ours, kept[n]);
    });
  });
});
