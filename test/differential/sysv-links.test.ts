import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { filesOnDisk } from '../../server/src/host/inetd-launch.js';
import { sysvLinks } from '../../server/src/host/sysv-links.js';
import { unmet } from '../helpers/requirements.js';
import { scratch } from '../helpers/temp.js';

// systemd-sysv-generator is what turns a Debian or Red Hat host's runlevel links into the units
// systemd starts at boot: for each layout of links, ftpwall must say an init script is started
// exactly when the generator makes the script's unit wanted by multi-user.target or
// graphical.target, or (where the two differ on purpose) when an rcS.d link starts it, which
// sysvinit runs at boot and systemd does not.

const GENERATOR = '/lib/systemd/system-generators/systemd-sysv-generator';
const needs = unmet('systemd-sysv-generator differential', { commands: [GENERATOR] });
const RUNS = Number(process.env['FTPWALL_PROPERTY_RUNS'] ?? 60);
const SCRIPTS = ['firewall', 'iptables-ftp', 'rules'];
const RUNLEVELS = ['0', '1', '2', '3', '4', '5', '6', 'S'];

/** One runlevel link: the script it is named for, S or K, its order, and the script it points to (usually the same). */
const linkArbitrary = fc.record({
  named: fc.constantFrom(...SCRIPTS), start: fc.boolean(), order: fc.integer({ min: 0, max: 99 }),
  level: fc.constantFrom(...RUNLEVELS), pointsTo: fc.option(fc.constantFrom(...SCRIPTS), { freq: 4 }),
});
const layoutArbitrary = fc.record({ redHat: fc.boolean(), links: fc.array(linkArbitrary, { maxLength: 10 }) });
type Layout = typeof layoutArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** Writes the layout into a host folder: executable scripts in init.d, links in the runlevel folders. */
function writeHost(layout: Layout): { host: string; base: string } {
  const host = scratch({});
  const base = join(host, layout.redHat ? 'etc/rc.d' : 'etc');
  mkdirSync(join(base, 'init.d'), { recursive: true });
  for (const name of SCRIPTS) { writeFileSync(join(base, 'init.d', name), '#!/bin/sh\niptables -A INPUT -j ACCEPT\n'); chmodSync(join(base, 'init.d', name), 0o755); }
  for (const link of layout.links) {
    const folder = join(base, `rc${link.level}.d`);
    mkdirSync(folder, { recursive: true });
    const name = `${link.start ? 'S' : 'K'}${String(link.order).padStart(2, '0')}${link.named}`;
    if (!existsSync(join(folder, name))) symlinkSync(`../init.d/${link.pointsTo ?? link.named}`, join(folder, name));
  }
  return { host, base };
}

/** The scripts whose units the generator makes wanted at a normal boot. */
function generatorStarts(host: string, base: string): Set<string> {
  const out = join(host, 'generated');
  for (const kind of ['normal', 'early', 'late']) mkdirSync(join(out, kind), { recursive: true });
  mkdirSync(join(host, 'no-units'));
  const run = spawnSync(GENERATOR, [join(out, 'normal'), join(out, 'early'), join(out, 'late')], {
    encoding: 'utf8', timeout: 10_000,
    env: { ...process.env, SYSTEMD_SYSVINIT_PATH: join(base, 'init.d'), SYSTEMD_SYSVRCND_PATH: base, SYSTEMD_UNIT_PATH: join(host, 'no-units'), SYSTEMD_LOG_LEVEL: 'err' },
  });
  assert.equal(run.status, 0, run.stderr);
  const wanted = ['multi-user.target.wants', 'graphical.target.wants'].flatMap((folder) => {
    const path = join(out, 'late', folder);
    return existsSync(path) ? readdirSync(path) : [];
  });
  return new Set(wanted.map((unit) => unit.replace(/\.service$/, '')));
}

describe('init scripts started by their runlevel links, against systemd-sysv-generator', { skip: needs }, () => {
  it('starts a script exactly when the generator does, or when rcS.d starts it', () => {
    fc.assert(fc.property(layoutArbitrary, (layout) => {
      const { host, base } = writeHost(layout);
      const expected = generatorStarts(host, base);
      const links = sysvLinks(filesOnDisk(host).list);
      // Without a runlevel folder the host does not say, and ftpwall claims nothing.
      assert.equal(links === undefined, layout.links.length === 0);
      for (const script of links ? SCRIPTS : []) {
        const inRcS = layout.links.some((l) => l.level === 'S' && l.start && l.named === script);
        assert.equal(links!.starts(script), expected.has(script) || inRcS, `${script} in ${JSON.stringify(layout)}`);
      }
    }), { numRuns: RUNS });
  });

  it('sees the runlevel folders of a host even when no link is in them', () => {
    const { host } = writeHost({ redHat: false, links: [{ named: 'rules', start: false, order: 1, level: '0', pointsTo: null }] });
    assert.equal(sysvLinks(filesOnDisk(host).list)?.starts('rules'), false);
    assert.equal(sysvLinks(filesOnDisk(scratch({ 'etc/init.d/rules': '#!/bin/sh\n' })).list), undefined);
  });
});
