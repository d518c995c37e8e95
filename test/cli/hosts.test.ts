import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, sep } from 'node:path';
import { describe, it } from 'node:test';

const root = join(import.meta.dirname, '..', '..');
const twoHosts = join('examples', '10-two-hosts');
const ftpwall = (args: string[]) => spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 });

describe('the CLI over a repository with two hosts', () => {
  it('explain gives each host its own files and verdicts, in the JSON contract', () => {
    const r = ftpwall(['explain', '--format', 'json', twoHosts]);
    assert.equal(r.status, 0, r.stderr);
    const { hosts } = JSON.parse(r.stdout);
    assert.deepEqual(hosts.map((h: { root: string }) => h.root), [join(twoHosts, 'hosts', 'ftp1'), join(twoHosts, 'hosts', 'ftp2')]);
    for (const host of hosts) {
      assert.ok(host.files.length >= 2 && host.files.every((f: string) => f.startsWith(host.root + sep)), `${host.root}: ${host.files}`);
      for (const name of ['control', 'passive', 'active']) {
        assert.deepEqual(Object.keys(host.paths[name]), ['verdict', 'ports', 'reason', 'deciding']);
        for (const d of host.paths[name].deciding) assert.ok(d.file.startsWith(host.root + sep) && Number.isInteger(d.line), JSON.stringify(d));
      }
    }
    const [ftp1, ftp2] = hosts;
    assert.deepEqual([ftp1.paths.control.verdict, ftp1.paths.passive.verdict, ftp1.paths.passive.ports], ['open', 'open', '2222-2225']);
    assert.deepEqual([ftp2.paths.passive.verdict, ftp2.paths.passive.ports], ['blocked', '50000-50099']);
    assert.match(ftp2.paths.passive.reason, /none of them is accepted/);
  });

  it('check reports ftp2\'s problems in ftp2\'s files and nothing of the kind for ftp1', () => {
    const r = ftpwall(['check', '--format', 'json', '--failure-threshold', 'hint', twoHosts]);
    const diagnostics: Array<{ file: string; code: string }> = JSON.parse(r.stdout).diagnostics;
    const ftp1 = diagnostics.filter((d) => d.file.includes(`${sep}ftp1${sep}`)).map((d) => d.code);
    const ftp2 = diagnostics.filter((d) => d.file.includes(`${sep}ftp2${sep}`));
    assert.ok(!ftp1.includes('ftp/passive-blocked') && !ftp1.includes('ftp/firewall-range-mismatch'), ftp1.join(' '));
    assert.ok(ftp2.some((d) => d.code === 'ftp/passive-blocked' && d.file.endsWith('vsftpd.conf')));
    assert.ok(ftp2.some((d) => d.code === 'ftp/firewall-range-mismatch' && d.file.endsWith('rules.v4')));
  });

  it('explain prints a readable table and exits 2 for a missing path', () => {
    const text = ftpwall(['explain', join('examples', '01-only-control-port-open')]);
    assert.match(text.stdout, /^examples\/01-only-control-port-open\n  control  open +21 /);
    assert.match(text.stdout, /\n  passive  blocked +5001-65535 /);
    const missing = ftpwall(['explain', 'no/such/folder']);
    assert.equal(missing.status, 2);
    assert.equal(missing.stderr, 'ftpwall: no/such/folder: no such file or directory\n');
  });

  it('explain judges the control connection at the port clients connect to, and shows both ports', () => {
    const host = join('test', 'kernel', 'hosts', 'nat-redirect-2121');
    assert.match(ftpwall(['explain', host]).stdout, /\n  control  open +2121->21 +Clients connect to port 2121; the REDIRECT at rules\.v4:6 sends them to port 21/);
    const { hosts: [json] } = JSON.parse(ftpwall(['explain', '--format', 'json', host]).stdout);
    assert.deepEqual([json.paths.control.connectPort, json.paths.control.ports], [2121, '21']);
    // Over IPv6 too, where rules.v6 has its own REDIRECT.
    const both = join('test', 'kernel', 'hosts', 'v6-nat-redirect-2121');
    assert.match(ftpwall(['explain', both]).stdout, /\n  over IPv6\n    control  open +2121->21 +Clients connect to port 2121; the REDIRECT at rules\.v6:6/);
    const { hosts: [six] } = JSON.parse(ftpwall(['explain', '--format', 'json', both]).stdout);
    assert.deepEqual([six.ipv6.control.connectPort, six.ipv6.control.ports], [2121, '21']);
  });

  it('explain gives the paths over IPv6 as well where the server listens there, each family through its own rules', () => {
    const host = join('test', 'kernel', 'hosts', 'v6-range-missing');
    const text = ftpwall(['explain', host]).stdout;
    assert.match(text, /\n  passive  open +40000-40100 /);
    assert.match(text, /\n  over IPv6\n    control  open +21 [^\n]*\n    passive  blocked +40000-40100 [^\n]*rules\.v6/);
    const { hosts: [json] } = JSON.parse(ftpwall(['explain', '--format', 'json', host]).stdout);
    assert.deepEqual([json.paths.passive.verdict, json.ipv6.passive.verdict], ['open', 'blocked']);
  });

  it('explain gives the IPv6 paths through the gateways in front, as clients meet them', () => {
    const server = join('test', 'kernel', 'gateways-ipv6', 'gw6-only-21', 'server');
    const text = ftpwall(['explain', server]).stdout;
    assert.match(text, /\n  over IPv6\n    control  open +21 [^\n]*\n    passive  blocked +40000-40100 +Gateway \.\.\/gw: passive data to 40000-40100 does not pass/);
    const { hosts: [json] } = JSON.parse(ftpwall(['explain', '--format', 'json', server]).stdout);
    assert.deepEqual([json.paths.passive.verdict, json.own.passive.verdict, json.ipv6.passive.verdict], ['open', 'open', 'blocked']);
    assert.deepEqual(json.ipv6.passive.deciding, [{ file: join(server, '..', 'gw', 'etc', 'iptables', 'rules.v6'), line: 2 }]);
    // What the gateway and the server's own IPv6 rules each do, as over IPv4.
    assert.match(text, /\n  over IPv6\n(    [^\n]*\n){3}    at gateway \.\.\/gw\n      control  open [^\n]*\n      passive  blocked [^\n]*\n      active   blocked [^\n]*\n    at this host's own firewall\n      control  open [^\n]*\n      passive  open /);
    assert.deepEqual([json.ipv6Hops.gateways[0].gateway, json.ipv6Hops.gateways[0].paths.passive.verdict, json.ipv6Hops.own.passive.verdict], ['../gw', 'blocked', 'open']);
  });
});
