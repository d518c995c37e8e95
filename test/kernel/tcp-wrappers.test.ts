import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { hostsAccess } from '../../server/src/languages/tcp-wrappers/access.js';
import { readHostsAccess } from '../../server/src/languages/tcp-wrappers/hosts-access.js';
import { unmet } from '../helpers/requirements.js';
import { scratch } from '../helpers/temp.js';
import { ACCESS_CASES } from '../unit/tcp-wrappers/access-cases.js';

/*
 * The real vsftpd and libwrap as the oracle for hosts.allow and hosts.deny: each case runs
 * vsftpd (tcp_wrappers=YES) in a network and mount namespace of its own, where a copy of /etc
 * with the case's two files lies over /etc (the machine's own are never touched), and a client
 * from 127.0.0.1 reads its first reply: "220" served, "421 Service not available." refused.
 * Every answer ftpwall is sure of must be that one; over IPv6 listening (listen_ipv6=YES), the
 * client arrives as ::ffff:127.0.0.1 and must be judged as the IPv4 client it is.
 */
const needs = unmet('TCP wrappers tests', { root: true, commands: ['/usr/sbin/vsftpd', 'unshare', 'ip', 'python3', 'timeout'] });

const PORT = 2121;
const CLIENT = `import socket,time
for _ in range(50):
    try:
        s = socket.create_connection(('127.0.0.1', ${PORT}), timeout=3); print(s.recv(200).decode().strip()); break
    except ConnectionRefusedError: time.sleep(0.1)`;

describe('hosts.allow and hosts.deny as the real vsftpd and libwrap answer them', { skip: needs }, () => {
  const work = scratch({});
  const etc = join(work, 'etc');
  const root = join(work, 'root');
  if (!needs) {
    cpSync('/etc', etc, { recursive: true, verbatimSymlinks: true, filter: (path) => !/\/etc\/(ssl\/private|shadow|gshadow)/.test(path) });
    mkdirSync(root);
    for (const folder of [work, root]) chmodSync(folder, 0o755);
  }

  /** The first reply a client from 127.0.0.1 gets, with these two files over /etc. */
  function reply(allow: string, deny: string, ipv6: boolean): string {
    writeFileSync(join(etc, 'hosts.allow'), allow);
    writeFileSync(join(etc, 'hosts.deny'), deny);
    const conf = join(work, 'vsftpd.conf');
    writeFileSync(conf, ['anonymous_enable=YES', 'local_enable=NO', 'no_anon_password=YES', `anon_root=${root}`, 'tcp_wrappers=YES', 'background=NO', `listen_port=${PORT}`, ipv6 ? 'listen=NO\nlisten_ipv6=YES' : 'listen=YES', ''].join('\n'));
    const script = [
      'ip link set lo up', `mount --bind ${etc} /etc`,
      `timeout 10 /usr/sbin/vsftpd ${conf} & server=$!`,
      `timeout 8 python3 -c "${CLIENT}"`,
      'kill $server 2>/dev/null; wait',
    ].join('\n');
    const run = spawnSync('unshare', ['--mount', '--net', '--propagation', 'private', 'sh', '-c', script], { encoding: 'utf8', timeout: 20000 });
    return run.stdout.trim();
  }

  for (const { allow, deny, says } of ACCESS_CASES.filter((c) => c.says !== 'depends')) {
    it(`${says}: allow ${JSON.stringify(allow)}, deny ${JSON.stringify(deny)}`, () => {
      const files = [readHostsAccess(allow, '/h/etc/hosts.allow'), readHostsAccess(deny, '/h/etc/hosts.deny')];
      assert.equal(hostsAccess(files, 'vsftpd', '127.0.0.1', 'ipv4').outcome, says);
      for (const ipv6 of [false, true]) {
        const first = reply(allow, deny, ipv6);
        assert.match(first, says === 'granted' ? /^220 / : /^421 Service not available\.$/, `listen${ipv6 ? '_ipv6' : ''}=YES: ${first || '(no reply)'}`);
      }
    });
  }

  it('covers at least 20 answers ftpwall is sure of', () => {
    assert.ok(ACCESS_CASES.filter((c) => c.says !== 'depends').length >= 20);
  });
});
