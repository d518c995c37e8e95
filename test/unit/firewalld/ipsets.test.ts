import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFiles, conf, HOST, lines, VSFTPD, type Files } from '../../helpers/hosts.js';

const plain = conf('pasv_min_port=40000', 'pasv_max_port=40100').replace('ssl_enable=YES', 'ssl_enable=NO');
const xml = (root: string, ...body: string[]) => lines('<?xml version="1.0" encoding="utf-8"?>', root, ...body.map((b) => `  ${b}`), `</${/^<(\w+)/.exec(root)![1]}>`);
const IPSET = `${HOST}/etc/firewalld/ipsets/clients.xml`;
const INTERNAL = `${HOST}/etc/firewalld/zones/internal.xml`;
const PUBLIC = `${HOST}/etc/firewalld/zones/public.xml`;
const bySet: Files = { [VSFTPD]: plain, [INTERNAL]: xml('<zone>', '<service name="ftp"/>', '<source ipset="clients"/>'), [IPSET]: xml('<ipset type="hash:net">', '<entry>10.77.0.0/16</entry>') };
const control = (files: Files, network?: string) => checkFiles(files, network ? { clientsFrom: { network } } : {}).paths.control;

describe('firewalld ipsets', () => {
  it('a zone bound by an ipset takes the clients the set holds', () => {
    assert.equal(control(bySet, '10.77.0.0/16').verdict, 'open');
    assert.equal(control(bySet, '10.99.0.0/16').verdict, 'blocked');
    assert.equal(control(bySet).verdict, 'conditional');
  });

  it('an ipset the host does not hold, or one filled at runtime (timeout), is a membership ftpwall cannot tell', () => {
    const missing = { ...bySet };
    delete missing[IPSET];
    assert.equal(control(missing, '10.77.0.0/16').verdict, 'conditional');
    assert.match(control(missing, '10.77.0.0/16').reason, /no ipsets\/clients\.xml/);
    const dynamic = { ...bySet, [IPSET]: xml('<ipset type="hash:net">', '<option name="timeout" value="600"/>') };
    assert.equal(control(dynamic, '10.77.0.0/16').verdict, 'conditional');
  });

  it('a rich rule by ipset opens only for the set; one by hardware address is never taken as open for everyone', () => {
    const rich = (source: string): Files => ({ [VSFTPD]: plain, [IPSET]: bySet[IPSET]!, [PUBLIC]: xml('<zone>', '<service name="ssh"/>', `<rule family="ipv4"><source ${source}/><service name="ftp"/><accept/></rule>`) });
    assert.equal(control(rich('ipset="clients"'), '10.77.0.0/16').verdict, 'open');
    assert.equal(control(rich('ipset="clients"'), '10.99.0.0/16').verdict, 'blocked');
    assert.equal(control(rich('mac="00:11:22:33:44:55"'), '10.77.0.0/16').verdict, 'conditional');
  });

  it('an entry firewalld cannot read is left out with its warning; a type it does not know is refused', () => {
    const loose = { ...bySet, [IPSET]: xml('<ipset type="hash:net">', '<entry>10.77.0.0/33</entry>') };
    const { findings, paths } = checkFiles(loose, { clientsFrom: { network: '10.77.0.0/16' } });
    assert.ok(findings.some((f) => f.file === IPSET && /INVALID_ENTRY: invalid address '10\.77\.0\.0\/33'/.test(f.message)), findings.map((f) => f.message).join('\n'));
    assert.equal(paths.control.verdict, 'blocked');
    const refused = checkFiles({ ...bySet, [IPSET]: xml('<ipset type="hash:nets">', '<entry>10.77.0.0/16</entry>') }).findings;
    assert.ok(refused.some((f) => f.severity === 'error' && /INVALID_TYPE: hash:nets/.test(f.message)));
  });
});

describe('firewalld zone and rich-rule elements beyond services and ports', () => {
  it('a zone\'s <protocol value="tcp"/> accepts every TCP connection; a rich rule with <forward-port> is not guessed', () => {
    const zone = (...body: string[]): Files => ({ [VSFTPD]: plain, [PUBLIC]: xml('<zone>', '<service name="ssh"/>', ...body) });
    assert.equal(control(zone('<protocol value="tcp"/>')).verdict, 'open');
    assert.equal(checkFiles(zone('<protocol value="tcp"/>')).paths.passive.verdict, 'open');
    assert.equal(control(zone('<source-port protocol="tcp" port="20"/>')).verdict, 'blocked');
    assert.equal(control(zone('<rule family="ipv4"><forward-port port="21" protocol="tcp" to-port="2121"/></rule>')).verdict, 'conditional');
  });
});
