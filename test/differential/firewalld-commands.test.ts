import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { checkFiles, HOST, VSFTPD, conf, type Files } from '../helpers/hosts.js';
import { unmet } from '../helpers/requirements.js';
import { scratch } from '../helpers/temp.js';
import { filesBelow } from '../helpers/walk.js';

const needs = unmet('firewall-cmd differential', { root: true, commands: ['firewall-offline-cmd', 'unshare'] });

/**
 * Command sequences as provisioning scripts write them (without --permanent: firewall-offline-cmd
 * always changes the saved configuration, as firewall-cmd --permanent does).
 */
const SEQUENCES: readonly (readonly (readonly string[])[])[] = [
  [['--add-service=ftp']],
  [['--add-port=21/tcp']],
  [['--add-port=21/tcp'], ['--add-port=40000-40100/tcp']],
  [['--add-service=ftp'], ['--add-port=40000-40100/tcp'], ['--remove-service=ftp']],
  [['--zone=internal', '--add-source=10.77.0.0/16'], ['--zone=internal', '--add-service=ftp']],
  [['--zone=internal', '--add-source=10.77.0.0/16'], ['--zone', 'internal', '--add-port', '21/tcp', '--add-port', '40000-40100/tcp']],
  [['--add-service=ftp'], ['--set-default-zone=drop']],
  [['--zone=trusted', '--add-source=10.77.0.0/16']],
  [['--add-rich-rule=rule family="ipv4" source address="10.77.0.0/16" service name="ftp" accept']],
  [['--add-rich-rule=rule family="ipv4" source address="192.0.2.0/24" service name="ftp" accept']],
  [['--add-service=ftp'], ['--add-rich-rule=rule family="ipv4" source address="10.77.0.0/16" port port="40000-40100" protocol="tcp" accept']],
  [['--add-service=ftp'], ['--add-rich-rule=rule family="ipv4" source address="10.77.0.0/16" service name="ftp" reject']],
  [['--new-service=ftp-passive'], ['--service=ftp-passive', '--add-port=40000-40100/tcp'], ['--add-service=ftp-passive'], ['--add-port=21/tcp']],
  [['--new-zone=ftp'], ['--zone=ftp', '--add-source=10.77.0.0/16'], ['--zone=ftp', '--add-service=ftp'], ['--zone=ftp', '--set-target=DROP']],
  [['--zone=public', '--set-target=ACCEPT']],
  [['--add-service=ftp'], ['--zone=public', '--set-target=DROP'], ['--remove-port=40000-40100/tcp']],
  [['--add-service=ftp'], ['--add-forward-port=port=2121:proto=tcp:toport=21']],
  [['--add-interface=eth9'], ['--zone=internal', '--add-interface=eth9'], ['--zone=internal', '--add-service=ftp']],
];

/** The files under /etc/firewalld after each sequence, run by the real firewall-offline-cmd on a copy of firewalld's files as installed. */
function runSequences(): Array<Record<string, string>> {
  const dir = scratch({});
  const script = ['mount --make-rprivate /'];
  SEQUENCES.forEach((commands, n) => {
    const etc = join(dir, String(n), 'firewalld');
    cpSync('/etc/firewalld', etc, { recursive: true });
    for (const sub of ['zones', 'services', 'policies', 'helpers']) { rmSync(join(etc, sub), { recursive: true, force: true }); mkdirSync(join(etc, sub)); }
    mkdirSync(join(dir, String(n), 'args'));
    commands.forEach((args, c) => writeFileSync(join(dir, String(n), 'args', String(c)), args.map((a) => `${a}\0`).join('')));
    script.push(`mount --bind ${etc} /etc/firewalld`, ...commands.map((_, c) => `xargs -0 -a ${dir}/${n}/args/${c} timeout 60 firewall-offline-cmd > /dev/null 2>&1 < /dev/null || true`), 'umount /etc/firewalld');
  });
  const run = spawnSync('timeout', ['900', 'unshare', '-m', 'sh', '-c', script.join('\n')], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return SEQUENCES.map((_, n) => {
    const etc = join(dir, String(n), 'firewalld');
    const kept = filesBelow(etc).filter((path) => /\.(xml|conf)$/.test(path));
    return Object.fromEntries(kept.map((path) => [`${HOST}/etc/firewalld/${relative(etc, path)}`, readFileSync(path, 'utf8')]));
  });
}

const quoted = (arg: string) => (/^[\w=./:-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`);
const plain = conf('pasv_min_port=40000', 'pasv_max_port=40100').replace('ssl_enable=YES', 'ssl_enable=NO');
const CLIENTS = [{}, { clientsFrom: { network: '10.77.0.0/16' } }, { clientsFrom: { network: '192.0.2.0/24', interface: 'eth9' } }];
const verdicts = (files: Files, config: object) => { const { paths } = checkFiles(files, config); return [paths.control.verdict, paths.passive.verdict, paths.active.verdict]; };

describe('differential: a script\'s firewall-cmd commands give the verdicts of the files the real firewall-offline-cmd writes for them', { skip: needs }, () => {
  const written = runSequences();

  it('firewall-offline-cmd wrote a zone for every sequence, and the sequences give different verdicts', () => {
    for (const files of written) assert.ok(Object.keys(files).some((path) => /\/zones\/[^/]+\.xml$/.test(path)), Object.keys(files).join(', '));
    const distinct = new Set(written.flatMap((files) => CLIENTS.map((config) => verdicts({ [VSFTPD]: plain, ...files }, config).join(' '))));
    assert.ok(distinct.size >= 4, [...distinct].join(' | '));
  });

  SEQUENCES.forEach((commands, n) => {
    it(commands.map((c) => `firewall-cmd --permanent ${c.map(quoted).join(' ')}`).join('; '), () => {
      const script = ['#!/bin/sh', ...commands.map((c) => `firewall-cmd --permanent ${c.map(quoted).join(' ')}`), 'firewall-cmd --reload', ''].join('\n');
      const fromScript: Files = { [VSFTPD]: plain, [`${HOST}/provision.sh`]: script };
      const fromFiles: Files = { [VSFTPD]: plain, ...written[n] };
      for (const config of CLIENTS) assert.deepEqual(verdicts(fromScript, config), verdicts(fromFiles, config), `clients ${JSON.stringify(config)}; files: ${Object.keys(written[n]!).join(', ')}`);
    });
  });
});
