import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyHostFix, checkFiles, conf, HOST, lines, VSFTPD, type Files } from '../../helpers/hosts.js';

const SHIPPED = join(import.meta.dirname, '..', '..', 'fixtures', 'shipped', 'firewalld');
const ZONES = `${HOST}/etc/firewalld/zones`;
const PUBLIC = `${ZONES}/public.xml`;
const plain = conf('pasv_min_port=40000', 'pasv_max_port=40100').replace('ssl_enable=YES', 'ssl_enable=NO');
const zone = (body: string[], attributes = '') => lines('<?xml version="1.0" encoding="utf-8"?>', `<zone${attributes}>`, ...body.map((b) => `  ${b}`), '</zone>');
const verdicts = (files: Files, config = {}) => { const { paths } = checkFiles({ [VSFTPD]: plain, ...files }, config); return [paths.control.verdict, paths.passive.verdict, paths.active.verdict]; };

describe('firewalld in a host, judged through the ruleset it loads', () => {
  it('has no finding on the files firewalld ships', () => {
    const files: Files = {
      [`${HOST}/etc/firewalld/firewalld.conf`]: readFileSync(join(SHIPPED, 'etc', 'firewalld', 'firewalld.conf'), 'utf8'),
      [PUBLIC]: readFileSync(join(SHIPPED, 'usr', 'lib', 'firewalld', 'zones', 'public.xml'), 'utf8'),
      [`${ZONES}/drop.xml`]: readFileSync(join(SHIPPED, 'usr', 'lib', 'firewalld', 'zones', 'drop.xml'), 'utf8'),
    };
    assert.deepEqual(checkFiles(files).findings.map((f) => `${f.ruleId}: ${f.message}`), []);
  });

  it('the stock ftp service assigns the FTP helper on port 21: passive works with the range closed, not with TLS', () => {
    assert.deepEqual(verdicts({ [PUBLIC]: zone(['<service name="ftp"/>']) }), ['open', 'open', 'open']);
    assert.deepEqual(verdicts({ [PUBLIC]: zone(['<port protocol="tcp" port="21"/>']) }), ['open', 'blocked', 'open']);
    const tls = checkFiles({ [VSFTPD]: conf('pasv_min_port=40000', 'pasv_max_port=40100'), [PUBLIC]: zone(['<service name="ftp"/>']) }).paths;
    assert.equal(tls.passive.verdict, 'blocked');
  });

  it('the helper follows the helper\'s port, not the service\'s', () => {
    const on2121 = { [VSFTPD]: plain + 'listen_port=2121\n', [PUBLIC]: zone(['<service name="ftp-2121"/>']) };
    const stockHelper = { ...on2121, [`${HOST}/etc/firewalld/services/ftp-2121.xml`]: lines('<service>', '  <port protocol="tcp" port="2121"/>', '  <helper name="ftp"/>', '</service>') };
    assert.equal(checkFiles(stockHelper).paths.passive.verdict, 'blocked');
    const ownHelper = { ...stockHelper, [`${HOST}/etc/firewalld/services/ftp-2121.xml`]: lines('<service>', '  <port protocol="tcp" port="2121"/>', '  <helper name="ftp-2121"/>', '</service>'), [`${HOST}/etc/firewalld/helpers/ftp-2121.xml`]: lines('<helper module="nf_conntrack_ftp">', '  <port protocol="tcp" port="2121"/>', '</helper>') };
    assert.equal(checkFiles(ownHelper).paths.passive.verdict, 'open');
  });

  it('zone targets, and zones bound to sources and interfaces, decided by where the clients are', () => {
    assert.deepEqual(verdicts({ [PUBLIC]: zone(['<service name="ssh"/>'], ' target="DROP"') }).slice(0, 2), ['blocked', 'blocked']);
    assert.deepEqual(verdicts({ [PUBLIC]: zone([], ' target="ACCEPT"') }), ['open', 'open', 'open']);
    const trusted = { [PUBLIC]: zone(['<service name="ssh"/>']), [`${ZONES}/trusted.xml`]: zone(['<source address="10.77.0.0/16"/>'], ' target="ACCEPT"') };
    assert.equal(verdicts(trusted)[0], 'conditional');
    assert.equal(verdicts(trusted, { clientsFrom: { network: '10.77.3.0/24' } })[0], 'open');
    assert.equal(verdicts(trusted, { clientsFrom: { network: '198.51.100.0/24' } })[0], 'blocked');
    const byInterface = { [PUBLIC]: zone(['<service name="ssh"/>']), [`${ZONES}/internal.xml`]: zone(['<interface name="eth1"/>', '<service name="ftp"/>']) };
    assert.equal(verdicts(byInterface, { clientsFrom: { interface: 'eth1' } })[1], 'open');
    assert.equal(verdicts(byInterface, { clientsFrom: { interface: 'eth0' } })[1], 'blocked');
  });

  it('a refused configuration is judged as firewalld\'s stock one, which is what it then runs', () => {
    const refused = { [PUBLIC]: zone(['<service name="ftp"/>', '<port protocol="tcp" port="40000-70000"/>']) };
    assert.deepEqual(verdicts(refused).slice(0, 2), ['blocked', 'blocked']);
    assert.ok(checkFiles(refused).findings.some((f) => f.ruleId === 'firewalld/config-refused'));
  });

  it('offers the nearest service for one that does not exist, and the passive range as a <port>', () => {
    const typo = { [VSFTPD]: plain, [PUBLIC]: zone(['<service name="ftps"/>']) };
    const finding = checkFiles(typo).findings.find((f) => f.ruleId === 'firewall/host-configuration')!;
    const fixed = applyHostFix(typo, finding.fixes[0]!);
    assert.match(fixed[PUBLIC]!, /<service name="ftp"\/>/);
    assert.deepEqual(verdicts(fixed), ['open', 'open', 'open']);

    const closed = { [VSFTPD]: plain, [PUBLIC]: zone(['<port protocol="tcp" port="21"/>']) };
    const blocked = checkFiles(closed).findings.find((f) => f.ruleId === 'ftp/passive-blocked')!;
    const fix = blocked.fixes.find((f) => f.preferred)!;
    assert.match(fix.title, /firewall-cmd --permanent --zone=public --add-port=40000-40100\/tcp/);
    const opened = applyHostFix(closed, fix);
    assert.match(opened[PUBLIC]!, / {2}<port protocol="tcp" port="40000-40100"\/>\n<\/zone>/);
    assert.deepEqual(verdicts(opened), ['open', 'open', 'open']);
  });
});

describe('firewalld\'s direct.xml', () => {
  const DIRECT = `${HOST}/etc/firewalld/direct.xml`;
  const direct = (...body: string[]) => lines('<?xml version="1.0" encoding="utf-8"?>', '<direct>', ...body.map((b) => `  ${b}`), '</direct>');
  const only21 = { [PUBLIC]: zone(['<port protocol="tcp" port="21"/>']) };

  it('an ACCEPT there does not help: firewalld\'s zone chains still reject what they do not accept', () => {
    assert.equal(verdicts({ ...only21, [DIRECT]: direct('<rule ipv="ipv4" table="filter" chain="INPUT" priority="0">-p tcp --dport 40000:40100 -j ACCEPT</rule>') })[1], 'blocked');
  });

  it('a DROP there is final, in priority order, and a passthrough counts too', () => {
    assert.equal(verdicts({ [PUBLIC]: zone(['<service name="ftp"/>']), [DIRECT]: direct('<rule ipv="ipv4" table="filter" chain="INPUT" priority="1">-p tcp --dport 21 -j DROP</rule>') })[0], 'blocked');
    assert.equal(verdicts({ [PUBLIC]: zone(['<service name="ftp"/>']), [DIRECT]: direct('<rule ipv="ipv4" table="filter" chain="INPUT" priority="1">-p tcp --dport 21 -j DROP</rule>', '<rule ipv="ipv4" table="filter" chain="INPUT" priority="0">-p tcp --dport 21 -j ACCEPT</rule>') })[0], 'open');
    assert.equal(verdicts({ [PUBLIC]: zone(['<service name="ftp"/>']), [DIRECT]: direct('<passthrough ipv="ipv4">-A INPUT -p tcp --dport 21 -j DROP</passthrough>') })[0], 'blocked');
    // IPv6 rules do not touch IPv4 connections.
    assert.equal(verdicts({ [PUBLIC]: zone(['<service name="ftp"/>']), [DIRECT]: direct('<rule ipv="ipv6" table="filter" chain="INPUT" priority="0">-p tcp --dport 21 -j DROP</rule>') })[0], 'open');
  });

  it('a rule iptables refuses leaves what it does unknown', () => {
    assert.equal(verdicts({ [PUBLIC]: zone(['<service name="ftp"/>']), [DIRECT]: direct('<rule ipv="ipv4" table="filter" chain="INPUT" priority="0">-p tcp --dport 21 -j DORP</rule>') })[0], 'conditional');
  });
});

describe('firewalld\'s forward-ports', () => {
  it('a connection a <forward-port> sends elsewhere is judged where it arrives, and never as if it were not sent', () => {
    const ftp = ['<service name="ftp"/>', '<port protocol="tcp" port="40000-40100"/>'];
    // Without to-addr it stays on this host, on port 2121, where vsftpd does not listen.
    assert.equal(verdicts({ [PUBLIC]: zone([...ftp, '<forward-port port="21" protocol="tcp" to-port="2121"/>']) })[0], 'blocked');
    // To another address that .ftpwall.json does not call this host's own: it may leave the host.
    assert.equal(verdicts({ [PUBLIC]: zone([...ftp, '<forward-port port="21" protocol="tcp" to-addr="192.0.2.7"/>']) })[0], 'conditional');
    // Without it, the same zone is open.
    assert.equal(verdicts({ [PUBLIC]: zone(['<service name="ftp"/>', '<port protocol="tcp" port="40000-40100"/>']) })[0], 'open');
  });
});

describe('firewalld policies to this host', () => {
  const POLICIES = `${HOST}/etc/firewalld/policies`;
  /** A policy file; its target is required (measured: "Missing attribute target for policy"), CONTINUE unless given. */
  const policy = (attributes: string, ...body: string[]) => lines('<?xml version="1.0" encoding="utf-8"?>', `<policy${attributes.includes('target=') ? attributes : ` target="CONTINUE"${attributes}`}>`, ...body.map((b) => `  ${b}`), '</policy>');
  const toHost = (from = 'ANY') => [`<ingress-zone name="${from}"/>`, '<egress-zone name="HOST"/>'];
  const only21 = { [PUBLIC]: zone(['<port protocol="tcp" port="21"/>']) };

  it('opens what a policy from every zone to HOST accepts, whatever its priority, and the zone\'s rules still stand', () => {
    const range = '<port protocol="tcp" port="40000-40100"/>';
    assert.deepEqual(verdicts({ ...only21, [`${POLICIES}/ftp-data.xml`]: policy(' priority="-10"', ...toHost(), range) }), ['open', 'open', 'open']);
    assert.deepEqual(verdicts({ ...only21, [`${POLICIES}/ftp-data.xml`]: policy(' priority="10"', ...toHost(), range) }), ['open', 'open', 'open']);
    // The stock ftp service in a policy brings its helper, as in a zone.
    assert.deepEqual(verdicts({ ...only21, [`${POLICIES}/ftp.xml`]: policy('', ...toHost(), '<service name="ftp"/>') }), ['open', 'open', 'open']);
  });

  it('lets a REJECT policy decide before the zone\'s rules below priority 0, and only after them above it', () => {
    assert.deepEqual(verdicts({ ...only21, [`${POLICIES}/closed.xml`]: policy(' target="REJECT" priority="-5"', ...toHost()) }).slice(0, 2), ['blocked', 'blocked']);
    assert.deepEqual(verdicts({ ...only21, [`${POLICIES}/closed.xml`]: policy(' target="REJECT" priority="5"', ...toHost()) }).slice(0, 2), ['open', 'blocked']);
  });

  it('applies a policy from a named zone only to what comes in on that zone\'s interfaces (none bound: never)', () => {
    const range = '<port protocol="tcp" port="40000-40100"/>';
    assert.equal(verdicts({ ...only21, [`${POLICIES}/p.xml`]: policy('', ...toHost('public'), range) })[1], 'blocked');
    const bound = { [PUBLIC]: zone(['<interface name="eth0"/>', '<port protocol="tcp" port="21"/>']), [`${POLICIES}/p.xml`]: policy('', ...toHost('public'), range) };
    assert.equal(verdicts(bound, { clientsFrom: { interface: 'eth0' } })[1], 'open');
  });

  it('refuses what firewall-offline-cmd refuses in a policy, in its words', () => {
    // Each is followed by what firewalld does then (its stock configuration), which is not in question here.
    const said = (files: Files) => checkFiles({ [VSFTPD]: plain, ...only21, ...files }).findings.filter((f) => f.severity === 'error').map((f) => f.message.replace(/ \(firewalld then runs .*\)$/, ''));
    assert.deepEqual(said({ [`${POLICIES}/p.xml`]: policy(' target="MAYBE"', ...toHost()) }), ['Configuration error: INVALID_TARGET: MAYBE']);
    assert.deepEqual(said({ [`${POLICIES}/p.xml`]: policy(' target="%%REJECT%%"', ...toHost()) }), ['Configuration error: INVALID_TARGET: %%REJECT%%']);
    assert.deepEqual(said({ [`${POLICIES}/nozone.xml`]: policy('', ...toHost('nosuch')) }), ["Configuration error: INVALID_ZONE: Policy 'nozone': 'nosuch' not among existing zones"]);
    assert.deepEqual(said({ [`${POLICIES}/p.xml`]: policy('', ...toHost(), '<interface name="eth0"/>') }), ['Configuration error: PARSE_ERROR: Unexpected element interface']);
    const untargeted = lines('<?xml version="1.0" encoding="utf-8"?>', '<policy>', ...toHost(), '</policy>');
    assert.deepEqual(said({ [`${POLICIES}/p.xml`]: untargeted }), ['Configuration error: PARSE_ERROR: Missing attribute target for policy']);
  });
});

describe('firewalld policy files in the editor', () => {
  it('explains a policy, its ingress zone and its egress zone on hover', async () => {
    const { languageById } = await import('../../../server/src/analysis/languages.js');
    const firewalld = languageById('firewalld')!;
    const text = lines('<?xml version="1.0" encoding="utf-8"?>', '<policy target="CONTINUE" priority="-10">', '  <ingress-zone name="public"/>', '  <egress-zone name="HOST"/>', '</policy>');
    const doc = firewalld.read(text, `${HOST}/etc/firewalld/policies/p.xml`);
    assert.match(firewalld.hover(doc, { line: 2, character: 4 })!.markdown, /only through the interfaces and sources bound to it/);
    assert.match(firewalld.hover(doc, { line: 3, character: 4 })!.markdown, /`HOST` is this machine/);
    assert.match(firewalld.hover(doc, { line: 1, character: 2 })!.markdown, /Below priority 0 it runs before the zone's own rules/);
  });
});
