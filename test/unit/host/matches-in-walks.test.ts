import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFiles, conf, filter, RULES, VSFTPD } from '../../helpers/hosts.js';

const plain = conf('pasv_min_port=40000', 'pasv_max_port=40100').replace('ssl_enable=YES', 'ssl_enable=NO');
const ESTABLISHED = '-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT';
const control = (...body: string[]) => checkFiles({ [VSFTPD]: plain, [RULES]: filter(ESTABLISHED, ...body) }).paths.control;

describe('what a walk makes of matches that depend on more than ports', () => {
  it('-m addrtype: a connection to this host is to a LOCAL, UNICAST address, from a UNICAST one', () => {
    assert.equal(control('-A INPUT -p tcp --dport 21 -m addrtype --dst-type LOCAL -j ACCEPT').verdict, 'open');
    assert.equal(control('-A INPUT -p tcp --dport 21 -m addrtype --dst-type BROADCAST,MULTICAST -j ACCEPT').verdict, 'blocked');
    assert.equal(control('-A INPUT -p tcp --dport 21 -m addrtype ! --src-type LOCAL -j ACCEPT').verdict, 'open');
  });

  it('-m recent: a rate limit (a hit count of 2 or more) never stops a client\'s first connection; a list check depends on the client', () => {
    const limited = control('-A INPUT -p tcp --dport 21 -m conntrack --ctstate NEW -m recent --set', '-A INPUT -p tcp --dport 21 -m conntrack --ctstate NEW -m recent --update --seconds 30 --hitcount 6 -j DROP', '-A INPUT -p tcp --dport 21 -j ACCEPT');
    assert.equal(limited.verdict, 'open');
    const listed = control('-A INPUT -p tcp --dport 21 -m recent --rcheck --name banned -j DROP', '-A INPUT -p tcp --dport 21 -j ACCEPT');
    assert.equal(listed.verdict, 'conditional');
  });

  it('a RETURN for some clients only leaves the rest of its chain deciding for the others: conditional, not blocked', () => {
    const verdict = control(':CHECK - [0:0]', '-A INPUT -j CHECK', '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A CHECK -s 10.0.0.0/8 -j RETURN', '-A CHECK -j DROP');
    assert.equal(verdict.verdict, 'conditional');
    assert.match(verdict.reason, /unless only from 10\.0\.0\.0\/8/);
    // For every client it returns: open.
    assert.equal(control(':CHECK - [0:0]', '-A INPUT -j CHECK', '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A CHECK -p tcp -j RETURN', '-A CHECK -j DROP').verdict, 'open');
  });
});
