import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFiles, conf, filter, HOST, lines, RULES, VSFTPD } from '../../helpers/hosts.js';

/*
 * iptables-restore stops at a line it refuses, or at a rule the kernel refuses when the rules go
 * in: a table it does not load keeps the rules that ran before (none at boot). Verdicts drawn
 * from such a file's rules are then not certain.
 */

const SERVER = conf('pasv_min_port=40000', 'pasv_max_port=40100');
const OPEN = ['-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -p tcp --dport 40000:40100 -j ACCEPT'];
const paths = (rules: string) => checkFiles({ [VSFTPD]: SERVER, [RULES]: rules }).paths;

describe('a restore file that does not load as a whole', () => {
  it('gives certain verdicts when it loads', () => {
    assert.equal(paths(filter(...OPEN)).control.verdict, 'open');
    assert.equal(paths(filter(...OPEN)).passive.verdict, 'open');
  });

  for (const [what, rules, line] of [
    ['a line iptables-restore refuses', filter(...OPEN, '-A INPUT -p tcp --dport 30:20 -j ACCEPT'), 8],
    ['a target the kernel refuses in its table', lines('*mangle', '-A INPUT -p tcp -j REJECT', 'COMMIT') + filter(...OPEN), 2],
    ['a TCP reset for more than TCP', filter(...OPEN, '-A INPUT -j REJECT --reject-with tcp-reset'), 8],
    ['two targets out of their place, the later one of a target checked first', lines('*mangle', '-A INPUT -p tcp -j REJECT', 'COMMIT') + filter(...OPEN, '-A INPUT -p tcp -j CT --notrack'), 2],
    ['the FTP helper assigned without -p tcp', lines('*raw', '-A PREROUTING -j CT --helper ftp', 'COMMIT') + filter(...OPEN.slice(1)), 2],
    ['a helper name the kernel does not ship', lines('*raw', '-A PREROUTING -p tcp --dport 21 -j CT --helper ftpx', 'COMMIT') + filter(...OPEN), 2],
    ['a jump to a chain that does not exist', filter(...OPEN, '-A INPUT -j FTP_IN'), 8],
    ['a table never committed', filter(...OPEN).replace(/COMMIT\n$/, ''), 1],
  ] as const) {
    it(`makes every verdict conditional, naming the line: ${what}`, () => {
      const found = paths(rules);
      for (const path of [found.control, found.passive]) {
        assert.equal(path.verdict, 'conditional', path.reason);
        assert.match(path.reason, /depends on whether iptables loads: .* refuses it, and a table it does not load keeps the rules it had \(none at boot\), at iptables:(\d+)/);
        assert.equal(Number(/at iptables:(\d+)/.exec(path.reason)![1]), line, path.reason);
      }
    });
  }

  it('loads nothing when a script runs iptables-restore on a file the kernel refuses', () => {
    const host = (rules: string) => checkFiles({ [VSFTPD]: SERVER, [`${HOST}/etc/rc.local`]: '#!/bin/sh\niptables-restore < /etc/ftp-firewall.txt\nexit 0\n', [`${HOST}/etc/ftp-firewall.txt`]: rules }).paths;
    assert.equal(host(filter(...OPEN)).passive.verdict, 'open');
    const refused = host(lines('*mangle', '-A INPUT -p tcp -j REJECT', 'COMMIT') + filter(...OPEN)).passive;
    assert.notEqual(refused.verdict, 'open', refused.reason);
    assert.match(refused.reason, /what iptables-restore loads from ftp-firewall\.txt/);
  });
});

