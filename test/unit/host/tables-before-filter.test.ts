import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { languageById } from '../../../server/src/analysis/languages.js';
import { Workspace } from '../../../server/src/lsp/workspace.js';
import { checkFiles, conf, filter, HOST, lines, RULES, VSFTPD } from '../../helpers/hosts.js';

/*
 * A packet coming in meets raw PREROUTING, mangle PREROUTING and mangle INPUT before filter
 * INPUT, and security INPUT after it: each can drop it. In raw no packet has a connection yet (its
 * state is INVALID), and a command the kernel refuses adds no rule. The real kernel agrees on
 * five such hosts (test/kernel/hosts: raw-*, mangle-*, script-kernel-refuses).
 */

const SERVER = conf('ssl_enable=NO', 'pasv_min_port=40000', 'pasv_max_port=40100');
const OPEN = ['-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -p tcp --dport 40000:40100 -j ACCEPT'];
const host = (rules: string) => checkFiles({ [VSFTPD]: SERVER, [RULES]: rules });
const table = (name: string, ...body: string[]) => lines(`*${name}`, ...body, 'COMMIT');

describe('tables before and after filter', () => {
  it('opens everything when filter alone is written', () => {
    const { paths } = host(filter(...OPEN));
    assert.deepEqual([paths.control.verdict, paths.passive.verdict], ['open', 'open']);
  });

  for (const [what, before, path, line] of [
    ['a DROP in raw PREROUTING', table('raw', '-A PREROUTING -p tcp --dport 40000:40100 -j DROP'), 'passive', 2],
    ['a DROP in mangle PREROUTING', table('mangle', '-A PREROUTING -p tcp --dport 21 -j DROP'), 'control', 2],
    ['a DROP in a mangle chain PREROUTING jumps to', table('mangle', ':SCREEN - [0:0]', '-A PREROUTING -p tcp -j SCREEN', '-A SCREEN -p tcp --dport 40000:40100 -j DROP'), 'passive', 4],
    ['a DROP in security INPUT', table('security', '-A INPUT -p tcp --dport 21 -j DROP'), 'control', 2],
    ['raw\'s INVALID, which every packet is there', table('raw', '-A PREROUTING -p tcp -m conntrack --ctstate INVALID -j DROP'), 'control', 2],
  ] as const) {
    it(`blocks where ${what} drops, naming the line`, () => {
      const { paths, findings } = host(before + filter(...OPEN));
      assert.equal(paths[path].verdict, 'blocked', paths[path].reason);
      assert.match(paths[path].reason, new RegExp(`DROP at iptables:${line}\\b`));
      // A rule added to filter to let it in would come after the drop: no such fix is offered.
      const finding = findings.find((f) => f.ruleId === `ftp/${path}-blocked`);
      assert.ok(finding, `ftp/${path}-blocked`);
      assert.deepEqual(finding.fixes.filter((f) => /^Accept/.test(f.title)).map((f) => f.title), []);
    });
  }

  it('names a mangle chain\'s policy', () => {
    const { paths } = host(table('mangle', ':INPUT DROP [0:0]', '-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 21 -j ACCEPT') + filter(...OPEN));
    assert.equal(paths.control.verdict, 'open');
    assert.equal(paths.passive.verdict, 'blocked');
    assert.match(paths.passive.reason, /meets the mangle table's INPUT policy DROP/);
  });

  it('stays open past hardening rules that meet no FTP packet: INVALID, new without SYN, no flags, a multicast source, a new connection in raw', () => {
    const { paths } = host(table('mangle',
      '-A PREROUTING -m conntrack --ctstate INVALID -j DROP', '-A PREROUTING -p tcp ! --syn -m conntrack --ctstate NEW -j DROP',
      '-A PREROUTING -p tcp --tcp-flags ALL NONE -j DROP', '-A PREROUTING -p tcp --tcp-flags SYN,FIN SYN,FIN -j DROP', '-A PREROUTING -s 224.0.0.0/4 -j DROP',
      '-A PREROUTING -j MARK --set-mark 1') + table('raw', '-A PREROUTING -p tcp -m state --state NEW -j DROP') + filter(...OPEN));
    for (const path of [paths.control, paths.passive, paths.active]) assert.equal(path.verdict, 'open', path.reason);
  });

  it('leaves a rule on flags some packets carry and others not to depend on them', () => {
    const { paths } = host(filter('-A INPUT -p tcp --tcp-flags SYN,ACK,FIN FIN,ACK -j DROP', ...OPEN));
    assert.equal(paths.passive.verdict, 'conditional', paths.passive.reason);
    assert.match(paths.passive.reason, /TCP flags SYN,ACK,FIN FIN,ACK/);
  });

  it('does not take a jump in mangle to a filter chain of the same name', () => {
    const { paths } = host(table('mangle', ':FTP - [0:0]', '-A PREROUTING -p tcp -j FTP', '-A FTP -j RETURN') + filter(':FTP - [0:0]', '-A FTP -j DROP', ...OPEN));
    assert.equal(paths.passive.verdict, 'open', paths.passive.reason);
  });

  it('checks the host again in the editor when a first rule goes into an empty mangle chain', () => {
    const start = table('mangle', ':PREROUTING ACCEPT [0:0]', '# screening') + filter(...OPEN);
    const workspace = new Workspace([HOST]);
    workspace.setOpen(VSFTPD, SERVER, languageById('vsftpd'));
    workspace.setOpen(RULES, start, languageById('iptables'));
    assert.equal(workspace.hostCheck(HOST)!.paths.passive.verdict, 'open');
    workspace.setOpen(RULES, start.replace('# screening', '-A PREROUTING -p tcp --dport 40000:40100 -j DROP'), languageById('iptables'));
    assert.equal(workspace.hostCheck(HOST)!.paths.passive.verdict, 'blocked');
  });
});

describe('a script\'s command the kernel refuses', () => {
  const script = (...body: string[]) => checkFiles({ [VSFTPD]: SERVER, [`${HOST}/etc/rc.local`]: ['#!/bin/sh', 'iptables -P INPUT DROP', ...OPEN.map((r) => `iptables ${r}`), ...body, 'exit 0', ''].join('\n') }).paths;

  for (const [what, command] of [
    ['REJECT outside filter', 'iptables -t mangle -I INPUT -p tcp -j REJECT'],
    ['a TCP reset for more than TCP', 'iptables -I INPUT -j REJECT --reject-with tcp-reset'],
    ['DROP in nat', 'iptables -t nat -I PREROUTING -p tcp -j DROP'],
  ] as const) {
    it(`adds no rule: ${what}`, () => {
      const paths = script(command);
      assert.equal(paths.control.verdict, 'open', paths.control.reason);
      assert.equal(paths.passive.verdict, 'open', paths.passive.reason);
    });
  }

  it('assigns no helper when the helper is not for the rule\'s protocol', () => {
    const paths = script('iptables -D INPUT -p tcp --dport 40000:40100 -j ACCEPT', 'iptables -t raw -A PREROUTING -j CT --helper ftp');
    assert.equal(paths.passive.verdict, 'blocked', paths.passive.reason);
    assert.match(paths.passive.reason, /no rule assigns the FTP helper/);
  });

  it('depends on a helper name the kernel may lack', () => {
    const paths = script('iptables -D INPUT -p tcp --dport 40000:40100 -j ACCEPT', 'iptables -t raw -A PREROUTING -p tcp --dport 21 -j CT --helper ftp-2121');
    assert.equal(paths.passive.verdict, 'conditional', paths.passive.reason);
    assert.match(paths.passive.reason, /whether the kernel has a helper named "ftp-2121"/);
  });
});

describe('an nftables chain before connection tracking', () => {
  const ruleset = (...pre: string[]) => lines('table inet screen {', '\tchain pre {', '\t\ttype filter hook prerouting priority raw; policy accept;', ...pre.map((r) => `\t\t${r}`), '\t}', '}',
    'table inet filter {', '\tchain input {', '\t\ttype filter hook input priority filter; policy drop;', '\t\tct state established,related accept', '\t\ttcp dport 21 accept', '\t\ttcp dport 40000-40100 accept', '\t}', '}');
  const paths = (text: string) => checkFiles({ [VSFTPD]: SERVER, [`${HOST}/etc/nftables.conf`]: text }).paths;

  it('sees no connection state: ct state new matches nothing there, ct state invalid everything', () => {
    assert.equal(paths(ruleset('ct state new drop')).control.verdict, 'open');
    assert.equal(paths(ruleset('ct state invalid drop')).control.verdict, 'blocked');
  });

  it('drops before the input chain accepts', () => {
    assert.equal(paths(ruleset('tcp dport 40000-40100 drop')).passive.verdict, 'blocked');
  });
});
