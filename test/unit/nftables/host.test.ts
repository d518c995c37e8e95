import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hostRules } from '../../../server/src/rules/index.js';
import { applyHostFix, checkFiles, conf, filter, HOST, lines, RULES, VSFTPD, type Files } from '../../helpers/hosts.js';

const NFT = `${HOST}/etc/nftables.conf`;
const RANGE = ['pasv_min_port=40000', 'pasv_max_port=40100'];
const plain = conf(...RANGE).replace('ssl_enable=YES', 'ssl_enable=NO');
/** An inet table whose input chain (policy drop) holds `rules`. */
const ruleset = (...rules: string[]) => lines('flush ruleset', 'table inet filter {', '\tchain input {', '\t\ttype filter hook input priority filter; policy drop;', '\t\tct state established,related accept', ...rules.map((r) => `\t\t${r}`), '\t}', '}');
const verdicts = (files: Files) => { const { paths } = checkFiles(files); return [paths.control.verdict, paths.passive.verdict, paths.active.verdict]; };

describe('nftables.conf in a host', () => {
  it('is the host\'s firewall: the FTP paths are worked out through it', () => {
    assert.deepEqual(verdicts({ [VSFTPD]: plain, [NFT]: ruleset('tcp dport { 21, 40000-40100 } accept') }), ['open', 'open', 'open']);
    assert.deepEqual(verdicts({ [VSFTPD]: plain, [NFT]: ruleset('tcp dport 21 accept') }).slice(0, 2), ['open', 'blocked']);
    const { findings } = checkFiles({ [VSFTPD]: plain, [NFT]: ruleset('tcp dport 21 accept') });
    assert.ok(!findings.some((f) => f.ruleId === 'ftp/no-firewall'), 'nftables.conf is a firewall file');
  });

  it('reads what it does not judge as a condition, never as a match for everyone', () => {
    const { paths } = checkFiles({ [VSFTPD]: plain, [NFT]: ruleset('tcp dport 21 accept', 'fib daddr type local tcp dport 40000-40100 accept') });
    assert.equal(paths.passive.verdict, 'conditional');
    assert.match(paths.passive.reason, /fib daddr type local/);
  });

  it('assigns the FTP helper with a ct helper object of type ftp, and TLS blinds it', () => {
    const helper = (vsftpd: string) => ({
      [VSFTPD]: vsftpd,
      [NFT]: lines('table inet filter {', '\tct helper ftp-standard {', '\t\ttype "ftp" protocol tcp', '\t}', '\tchain pre {', '\t\ttype filter hook prerouting priority filter;', '\t\ttcp dport 21 ct helper set "ftp-standard"', '\t}', '\tchain input {', '\t\ttype filter hook input priority filter; policy drop;', '\t\tct state established,related accept', '\t\ttcp dport 21 accept', '\t}', '}'),
    });
    assert.equal(checkFiles(helper(plain)).paths.passive.verdict, 'open');
    assert.equal(checkFiles(helper(conf(...RANGE))).paths.passive.verdict, 'blocked');
    // A helper assigned on the way out never sees the incoming control connection's first packet.
    const late = helper(plain);
    late[NFT] = late[NFT]!.replace('hook prerouting', 'hook postrouting');
    assert.equal(checkFiles(late).paths.passive.verdict, 'blocked');
  });

  it('follows its includes into the host\'s files, which are then not loaded a second time', () => {
    const files = { [VSFTPD]: plain, [NFT]: ruleset().replace('}\n}\n', '}\n}\ninclude "/etc/nftables.d/*.nft"\n'), [`${HOST}/etc/nftables.d/ftp.nft`]: lines('add rule inet filter input tcp dport { 21, 40000-40100 } accept') };
    assert.deepEqual(verdicts(files), ['open', 'open', 'open']);
    const { paths } = checkFiles({ ...files, [`${HOST}/etc/nftables.d/ftp.nft`]: lines('add rule inet filter input tcp dport 21 accept') });
    assert.equal(paths.passive.verdict, 'blocked');
  });

  it('looks for a relative include where nft does: in /etc only, never beside the including file (nft 1.0.6, measured)', () => {
    const opened = lines('add rule inet filter input tcp dport { 21, 40000-40100 } accept');
    const including = (name: string) => ruleset('tcp dport 21 accept').replace('}\n}\n', `}\n}\ninclude "${name}"\n`);
    assert.deepEqual(verdicts({ [VSFTPD]: plain, [NFT]: including('ftp.nft'), [`${HOST}/etc/ftp.nft`]: opened }), ['open', 'open', 'open']);
    // Beside a file in /etc/nftables.d, "ftp.nft" is not what nft loads: /etc/ftp.nft is, and the host does not hold it.
    const inSubfolder = verdicts({ [VSFTPD]: plain, [`${HOST}/etc/nftables.d/main.nft`]: including('ftp.nft'), [`${HOST}/etc/nftables.d/ftp.nft`]: opened });
    assert.equal(inSubfolder[1], 'conditional');
    // ./ and ../ are relative to the directory nft is started in, which no file says.
    const { paths } = checkFiles({ [VSFTPD]: plain, [NFT]: including('./ftp.nft'), [`${HOST}/etc/ftp.nft`]: opened });
    assert.equal(paths.passive.verdict, 'conditional');
    assert.ok(paths.passive.dependsOn?.some((d) => /directory it is started in \(at boot, \/\)/.test(d.why)), JSON.stringify(paths.passive.dependsOn));
  });

  it('makes no verdict certain when an include names files the host does not hold', () => {
    const { paths } = checkFiles({ [VSFTPD]: plain, [NFT]: ruleset('tcp dport 21 accept').replace('}\n}\n', '}\n}\ninclude "/etc/nftables.d/*.nft"\n') });
    assert.equal(paths.passive.verdict, 'conditional');
    assert.deepEqual(paths.passive.dependsOn?.map((d) => d.where.line), [8]);
  });

  it('puts every base chain of a hook on the path: an accept ends only its own chain, a drop anywhere is final', () => {
    const two = lines('table inet a {', '\tchain input {', '\t\ttype filter hook input priority 0; policy accept;', '\t\taccept', '\t}', '}', 'table inet b {', '\tchain input {', '\t\ttype filter hook input priority 10; policy drop;', '\t\tct state established,related accept', '\t\ttcp dport 21 accept', '\t}', '}');
    assert.deepEqual(verdicts({ [VSFTPD]: plain, [NFT]: two }).slice(0, 2), ['open', 'blocked']);
  });

  it('reports an accept that a reject before it in the same chain makes useless, and moves it above', () => {
    const files = { [VSFTPD]: plain, [NFT]: ruleset('ip saddr 192.0.2.0/24 accept', 'tcp dport 21 reject', 'tcp dport { 21, 40000-40100 } accept') };
    const { findings } = checkFiles(files);
    const shadowed = findings.find((f) => f.ruleId === 'ftp/accept-shadowed');
    assert.ok(shadowed, findings.map((f) => f.ruleId).join(', '));
    assert.equal(shadowed.range.start.line, 7);
    assert.match(shadowed.message, /This accept never sees FTP packets to 21: the reject at line 7 drops them first/);
    const fixed = applyHostFix(files, shadowed.fixes[0]!);
    assert.ok(!checkFiles(fixed).findings.some((f) => f.ruleId === 'ftp/accept-shadowed'));
    assert.deepEqual(verdicts(fixed), ['open', 'open', 'open']);
  });

  it('sees nftables nat chains: a host behind NAT without pasv_address, and port 21 forwarded without the passive range', () => {
    const nat = (...rules: string[]) => lines('table ip nat {', '\tchain prerouting {', '\t\ttype nat hook prerouting priority dstnat;', ...rules.map((r) => `\t\t${r}`), '\t}', '}');
    const files = { [VSFTPD]: plain, [NFT]: ruleset('tcp dport { 21, 40000-40100 } accept') + nat('tcp dport 21 dnat to 10.0.0.5') };
    const { findings } = checkFiles(files);
    const behindNat = findings.find((f) => f.ruleId === 'ftp/nat-without-pasv-address');
    assert.match(behindNat?.message ?? '', /Clients reach vsftpd through NAT \(dnat at nftables\.conf:12\)/);
    const forwarded = findings.find((f) => f.ruleId === 'ftp/dnat-control-without-passive');
    assert.equal(forwarded?.range.start.line, 11);
    const both = checkFiles({ ...files, [NFT]: ruleset('tcp dport { 21, 40000-40100 } accept') + nat('tcp dport { 21, 40000-40100 } dnat to 10.0.0.5') }).findings;
    assert.ok(!both.some((f) => f.ruleId === 'ftp/dnat-control-without-passive'));
    // A chain no base chain jumps to translates nothing (as firewalld's zones that nothing is bound to).
    const unreached = lines('table ip nat {', '\tchain prerouting {', '\t\ttype nat hook prerouting priority dstnat;', '\t}', '\tchain unused {', '\t\ttcp dport 21 dnat to 10.0.0.5', '\t}', '}');
    const jumped = unreached.replace('priority dstnat;', 'priority dstnat;\n\t\tjump unused');
    const behind = (text: string) => checkFiles({ [VSFTPD]: plain, [NFT]: ruleset('tcp dport { 21, 40000-40100 } accept') + text }).findings.some((f) => f.ruleId === 'ftp/nat-without-pasv-address');
    assert.deepEqual([behind(unreached), behind(jumped)], [false, true]);
    // libvirt's masquerade of its own network: the host translates its guests' connections, not its own.
    const guests = lines('table ip nat {', '\tchain postrouting {', '\t\ttype nat hook postrouting priority srcnat;', '\t\tip saddr 192.168.122.0/24 ip daddr != 192.168.122.0/24 masquerade', '\t}', '}');
    assert.equal(behind(guests), false);
    // Nor is a router's masquerade of everything it sends out.
    assert.equal(behind(guests.replace('ip saddr 192.168.122.0/24 ip daddr != 192.168.122.0/24 masquerade', 'oifname "eth0" masquerade')), false);
  });

  it('stands beside iptables rules; a flush ruleset makes the verdict depend on which is loaded last', () => {
    const iptables = filter('-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 21 -j ACCEPT');
    const everything = lines('table inet filter {', '\tchain input {', '\t\ttype filter hook input priority 0; policy accept;', '\t}', '}');
    assert.deepEqual(verdicts({ [VSFTPD]: plain, [RULES]: iptables, [NFT]: everything }).slice(0, 2), ['open', 'blocked']);
    const { paths } = checkFiles({ [VSFTPD]: plain, [RULES]: iptables, [NFT]: `flush ruleset\n${everything}` });
    assert.equal(paths.passive.verdict, 'conditional');
    assert.match(paths.passive.reason, /flush ruleset/);
  });

  it('opens the passive range with a rule in the input chain, written as nft writes it', () => {
    const files = { [VSFTPD]: plain, [NFT]: ruleset('tcp dport 21 accept') };
    const finding = checkFiles(files).findings.find((f) => f.ruleId === 'ftp/passive-blocked')!;
    const fix = finding.fixes.find((f) => f.preferred)!;
    const fixed = applyHostFix(files, fix);
    assert.match(fixed[NFT]!, /\n\t\ttcp dport 40000-40100 accept comment "ftpwall: vsftpd passive ports"\n/);
    const after = checkFiles(fixed);
    assert.equal(after.paths.passive.verdict, 'open');
    assert.deepEqual(after.findings.filter((f) => f.severity === 'error').map((f) => f.message), []);
  });

  it('assigns the FTP helper in its own syntax: a helper object and a prerouting chain', () => {
    const files = { [VSFTPD]: plain, [NFT]: ruleset('tcp dport 21 accept') };
    const finding = checkFiles(files).findings.find((f) => f.ruleId === 'ftp/passive-blocked')!;
    const fix = finding.fixes.find((f) => /helper/.test(f.title))!;
    const after = checkFiles(applyHostFix(files, fix));
    assert.equal(after.paths.passive.verdict, 'open');
    assert.equal(after.paths.helper?.works, true);
  });

  it('asks the same of its rules as of iptables\': a range that is not vsftpd\'s, one far too broad, RELATED without the helper', () => {
    const check = (rule: string) => checkFiles({ [VSFTPD]: plain, [NFT]: ruleset('tcp dport 21 accept', rule) }).findings;
    const mismatch = check('tcp dport 2222-2225 accept').find((f) => f.ruleId === 'ftp/firewall-range-mismatch')!;
    assert.equal(mismatch.range.start.line, 6);
    const files = { [VSFTPD]: plain, [NFT]: ruleset('tcp dport 21 accept', 'tcp dport 2222-2225 accept') };
    const fixed = applyHostFix(files, mismatch.fixes.find((f) => /Change the rule/.test(f.title))!);
    assert.match(fixed[NFT]!, /\t\ttcp dport 40000-40100 accept\n/);
    assert.equal(checkFiles(fixed).paths.passive.verdict, 'open');
    const broad = check('tcp dport 1024-65535 accept').find((f) => f.ruleId === 'ftp/firewall-range-too-broad')!;
    assert.match(applyHostFix({ [VSFTPD]: plain, [NFT]: ruleset('tcp dport 21 accept', 'tcp dport 1024-65535 accept') }, broad.fixes[0]!)[NFT]!, /tcp dport 40000-40100 accept/);
    const related = checkFiles({ [VSFTPD]: plain, [NFT]: ruleset('tcp dport 21 accept') }).findings.find((f) => f.ruleId === 'ftp/related-without-helper')!;
    assert.equal(related.range.start.line, 4);
  });

  it('says when every port is open: an input chain that accepts by policy and drops nothing', () => {
    const open = lines('table inet filter {', '\tchain input {', '\t\ttype filter hook input priority 0; policy accept;', '\t\ttcp dport 21 accept', '\t}', '}');
    const found = checkFiles({ [VSFTPD]: plain, [NFT]: open }).findings.find((f) => f.ruleId === 'ftp/input-accepts-everything')!;
    assert.equal(found.range.start.line, 2);
    assert.match(found.message, /policy accept of chain input \(table inet filter\) lets in what no rule decided/);
    const closed = open.replace('\t\ttcp dport 21 accept\n', '\t\ttcp dport 21 accept\n\t\treject\n');
    assert.ok(!checkFiles({ [VSFTPD]: plain, [NFT]: closed }).findings.some((f) => f.ruleId === 'ftp/input-accepts-everything'));
  });

  it('never combines two iptables files as if both stood: each replaces the other\'s rules, so where they differ the verdict is conditional', () => {
    const open = filter('-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -p tcp --dport 40000:40100 -j ACCEPT');
    const closed = filter('-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 21 -j ACCEPT');
    const { paths } = checkFiles({ [VSFTPD]: plain, [RULES]: open, [`${HOST}/etc/iptables/rules.v4`]: closed });
    assert.deepEqual([paths.control.verdict, paths.passive.verdict], ['open', 'conditional']);
    assert.match(paths.passive.reason, /which of (iptables, rules\.v4|rules\.v4, iptables) is loaded last/);
    const same = checkFiles({ [VSFTPD]: plain, [RULES]: open, [`${HOST}/etc/iptables/rules.v4`]: open });
    assert.equal(same.paths.passive.verdict, 'open');
  });

  it('has a host check for every id it reports', () => {
    const ids = new Set(hostRules.map((r) => r.id));
    for (const f of checkFiles({ [VSFTPD]: plain, [NFT]: ruleset('tcp dport 21 accept') }).findings) if (f.ruleId.startsWith('ftp/')) assert.ok(ids.has(f.ruleId));
  });
});
