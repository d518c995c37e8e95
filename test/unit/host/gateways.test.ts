import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readScope } from '../../../server/src/cli/read-scope.js';
import { hostPaths } from '../../../server/src/engine/paths.js';
import type { HostConfig } from '../../../server/src/host/config.js';
import { applyHostFix, checkFiles, conf, filter, GATEWAY, lines, RULES, VSFTPD, type Files } from '../../helpers/hosts.js';
import { scratch } from '../../helpers/temp.js';
import { ufwIntents } from '../../../server/src/languages/ufw/intents.js';
import { firewalldIntents } from '../../../server/src/languages/firewalld/intents.js';
import { PortSet } from '../../../server/src/engine/port-set.js';
import { hostHoverSection } from '../../../server/src/analysis/host-features.js';
import { LineIndex } from '../../../server/src/core/text.js';
import { applyEdits } from '../../../server/src/analysis/apply-edits.js';

// The paths through the routers a server's .ftpwall.json names. The certain verdicts of these
// shapes are checked against the real kernel in test/kernel/gateways.test.ts; these are the
// cases where ftpwall must not be certain, and how gateways are found and read.

const SERVER: Files = {
  [VSFTPD]: conf('pasv_min_port=40000', 'pasv_max_port=40100', 'pasv_address=198.51.100.1').replace('ssl_enable=YES', 'ssl_enable=NO'),
  [RULES]: filter('-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -p tcp --dport 40000:40100 -j ACCEPT'),
};
const BEHIND_NAT: Partial<HostConfig> = { addresses: ['10.0.0.5'], nat: { publicAddress: '198.51.100.1' } };
const ROUTER = `${GATEWAY}/etc/iptables/rules.v4`;
const SYSCTL = `${GATEWAY}/etc/sysctl.conf`;
const FORWARDING = { [SYSCTL]: 'net.ipv4.ip_forward = 1\n' };
const nat = (...rules: string[]) => lines('*nat', ':PREROUTING ACCEPT [0:0]', ':POSTROUTING ACCEPT [0:0]', ...rules, 'COMMIT');
const forward = (policy: string, ...rules: string[]) => lines('*filter', `:FORWARD ${policy} [0:0]`, ...rules, 'COMMIT');
const FORWARDED = nat('-A PREROUTING -p tcp --dport 21 -j DNAT --to-destination 10.0.0.5', '-A PREROUTING -p tcp --dport 40000:40100 -j DNAT --to-destination 10.0.0.5', '-A POSTROUTING -s 10.0.0.0/24 -j MASQUERADE');
const network = (files: Files, config: Partial<HostConfig> = BEHIND_NAT) => checkFiles({ ...SERVER, ...files }, config).paths.network!;
const verdicts = (files: Files, config?: Partial<HostConfig>) => { const n = network(files, config); return [n.control.verdict, n.passive.verdict, n.active.verdict]; };

describe('FTP through the gateways in front of a server', () => {
  it('passes a router that forwards port 21 and the range, announces the public address and masquerades', () => {
    assert.deepEqual(verdicts({ [ROUTER]: FORWARDED + forward('ACCEPT'), ...FORWARDING }), ['open', 'open', 'open']);
  });

  it('is not certain of a router whose files do not turn forwarding on, and blocks everything at one that turns it off', () => {
    const unsaid = network({ [ROUTER]: FORWARDED + forward('ACCEPT') });
    assert.equal(unsaid.control.verdict, 'conditional');
    assert.match(unsaid.control.reason, /whether gateway \.\.\/gw forwards IPv4 packets at all/);
    assert.deepEqual(verdicts({ [ROUTER]: FORWARDED + forward('ACCEPT'), [SYSCTL]: 'net.ipv4.ip_forward = 0\n' }), ['blocked', 'blocked', 'blocked']);
  });

  it('counts the forwarding a firewalld router turns on as it starts, over its sysctl files', () => {
    const zone = (...body: string[]) => `<?xml version="1.0" encoding="utf-8"?>\n<zone>\n${body.map((b) => `  ${b}\n`).join('')}</zone>\n`;
    const ports = ['<forward-port port="21" protocol="tcp" to-addr="10.0.0.5"/>', '<forward-port port="40000-40100" protocol="tcp" to-addr="10.0.0.5"/>'];
    const external = (...more: string[]) => ({ [`${GATEWAY}/etc/firewalld/zones/external.xml`]: zone('<source address="198.51.100.0/24"/>', ...more) });
    const internal = { [`${GATEWAY}/etc/firewalld/zones/internal.xml`]: zone('<source address="10.0.0.0/24"/>', '<forward/>') };
    const off = { [SYSCTL]: 'net.ipv4.ip_forward = 0\n' };
    const clients: Partial<HostConfig> = { ...BEHIND_NAT, clientsFrom: { network: '198.51.100.0/24' } };
    const network = (files: Files) => checkFiles({ ...SERVER, ...files }, clients).paths.network!;
    // Masquerade or a forward port to another address in a bound zone: firewalld surely turns it on (kernel: gwf-sysctl-off-masquerade).
    assert.equal(network({ ...external('<masquerade/>', ...ports), ...internal, ...off }).control.verdict, 'open');
    assert.equal(network({ ...external(...ports), ...internal }).control.verdict, 'open');
    // Only in a zone nothing is bound to: firewalld does not apply it (kernel: gwf-routed-forwarding-off).
    const unbound = { [`${GATEWAY}/etc/firewalld/zones/dmz.xml`]: zone('<masquerade/>') };
    assert.equal(network({ ...external('<forward-port port="21" protocol="tcp" to-port="2121"/>'), ...internal, ...unbound, ...off }).control.verdict, 'blocked');
    // Routed, with a rich rule that masquerades: ftpwall does not follow it, so the sysctl file's "off" is not the last word.
    const accepting = (name: string, address: string, ...more: string[]) => ({ [`${GATEWAY}/etc/firewalld/zones/${name}.xml`]: zone(`<source address="${address}"/>`, ...more).replace('<zone>', '<zone target="ACCEPT">') });
    const routed = { ...accepting('internal', '10.0.0.0/24'), ...off };
    const rich = checkFiles({ ...SERVER, ...routed, ...accepting('external', '198.51.100.0/24', '<rule family="ipv4"><source address="10.0.0.0/24"/><masquerade/></rule>') }, { addresses: ['10.0.0.5'], clientsFrom: { network: '198.51.100.0/24' } }).paths.network!;
    assert.equal(rich.control.verdict, 'conditional');
    assert.match(rich.control.reason, /sysctl\.conf:1 sets it off, but firewalld may turn it on: zone 'external' has a rich rule with <masquerade>/);
    const plain = checkFiles({ ...SERVER, ...routed, ...accepting('external', '198.51.100.0/24') }, { addresses: ['10.0.0.5'], clientsFrom: { network: '198.51.100.0/24' } }).paths.network!;
    assert.equal(plain.control.verdict, 'blocked');
    const policy = { [`${GATEWAY}/etc/firewalld/policies/out.xml`]: '<?xml version="1.0" encoding="utf-8"?>\n<policy target="ACCEPT">\n  <ingress-zone name="internal"/>\n  <egress-zone name="external"/>\n  <masquerade/>\n</policy>\n' };
    const byPolicy = checkFiles({ ...SERVER, ...routed, ...accepting('external', '198.51.100.0/24'), ...policy }, { addresses: ['10.0.0.5'], clientsFrom: { network: '198.51.100.0/24' } }).paths.network!;
    assert.equal(byPolicy.control.verdict, 'conditional');
    assert.match(byPolicy.control.reason, /firewalld turns it on if policy 'out' is active: it has <masquerade>/);
  });

  it('fixes a firewalld router in the zone its clients come in through: the passive range forwarded, the server masqueraded', () => {
    const zone = (...body: string[]) => `<?xml version="1.0" encoding="utf-8"?>\n<zone>\n${body.map((b) => `  ${b}\n`).join('')}</zone>\n`;
    const external = `${GATEWAY}/etc/firewalld/zones/external.xml`;
    const files: Files = {
      ...SERVER,
      [external]: zone('<source address="198.51.100.0/24"/>', '<forward-port port="21" protocol="tcp" to-addr="10.0.0.5"/>'),
      [`${GATEWAY}/etc/firewalld/zones/internal.xml`]: zone('<source address="10.0.0.0/24"/>', '<forward/>'),
      [`${GATEWAY}/etc/firewalld/policies/out.xml`]: '<?xml version="1.0" encoding="utf-8"?>\n<policy target="ACCEPT">\n  <ingress-zone name="internal"/>\n  <egress-zone name="external"/>\n</policy>\n',
    };
    const config: Partial<HostConfig> = { ...BEHIND_NAT, clientsFrom: { network: '198.51.100.0/24' } };
    const blocks = (path: string, all = files) => checkFiles(all, config).findings.find((f) => f.ruleId === 'ftp/gateway-blocks' && f.message.includes(`${path} data`));
    const forward = blocks('passive')!.fixes.find((f) => f.title.startsWith('Forward passive ports 40000-40100 to 10.0.0.5'))!;
    assert.match(forward.title, /\(external\.xml\)$/);
    let fixed = applyHostFix(files, forward);
    // The server already announces the public address: the range forwarded is all passive data needs.
    assert.equal(checkFiles(fixed, config).paths.network!.passive.verdict, 'open');
    const masquerade = blocks('active', fixed)!.fixes.find((f) => f.title.startsWith("Masquerade 10.0.0.5's connections out"))!;
    fixed = applyHostFix(fixed, masquerade);
    assert.match(fixed[external]!, /<forward-port port="40000-40100" protocol="tcp" to-addr="10\.0\.0\.5"\/>\n {2}<masquerade\/>\n<\/zone>\n$/);
    assert.equal(checkFiles(fixed, config).paths.network!.active.verdict, 'open');
  });

  it('lets routed connections through a firewalld router by a policy of ftpwall\'s own: created by the first fix, a rule added by the next', () => {
    const zone = (...body: string[]) => `<?xml version="1.0" encoding="utf-8"?>\n<zone>\n${body.map((b) => `  ${b}\n`).join('')}</zone>\n`;
    const policy = `${GATEWAY}/etc/firewalld/policies/ftp-to-server.xml`;
    const files: Files = {
      ...SERVER, ...FORWARDING,
      [VSFTPD]: SERVER[VSFTPD]!.replace('pasv_address=198.51.100.1\n', ''),
      [`${GATEWAY}/etc/firewalld/zones/external.xml`]: zone('<source address="198.51.100.0/24"/>'),
      [`${GATEWAY}/etc/firewalld/zones/internal.xml`]: zone('<source address="10.0.0.0/24"/>', '<forward/>'),
    };
    const config: Partial<HostConfig> = { addresses: ['10.0.0.5'], clientsFrom: { network: '198.51.100.0/24' } };
    const accept = (all: Files, path: string, title: RegExp) => checkFiles(all, config).findings.find((f) => f.ruleId === 'ftp/gateway-blocks' && f.message.includes(path))?.fixes.find((f) => title.test(f.title));
    assert.equal(checkFiles(files, config).paths.network!.control.verdict, 'blocked');
    const first = accept(files, 'control connection', /^Accept the control port 21 to 10\.0\.0\.5 in FORWARD on gateway \.\.\/gw \(ftp-to-server\.xml\)$/)!;
    assert.deepEqual(first.creates, [policy]);
    let fixed = applyHostFix(files, first);
    assert.match(fixed[policy]!, /^<\?xml[^\n]*\n<policy target="CONTINUE">\n.*\n {2}<ingress-zone name="ANY"\/>\n {2}<egress-zone name="ANY"\/>\n {2}<rule family="ipv4">\n {4}<destination address="10\.0\.0\.5"\/>\n {4}<port port="21" protocol="tcp"\/>\n {4}<accept\/>\n {2}<\/rule>\n<\/policy>\n$/);
    assert.equal(checkFiles(fixed, config).paths.network!.control.verdict, 'open');
    // The policy is the host's now: the passive range is one more rule in it, not a second file.
    const second = accept(fixed, 'passive data', /^Accept passive ports 40000-40100 to 10\.0\.0\.5 in FORWARD on gateway \.\.\/gw \(ftp-to-server\.xml\)$/)!;
    assert.equal(second.creates, undefined);
    fixed = applyHostFix(fixed, second);
    assert.match(fixed[policy]!, /<port port="21" protocol="tcp"\/>\n {4}<accept\/>\n {2}<\/rule>\n {2}<rule family="ipv4">\n {4}<destination address="10\.0\.0\.5"\/>\n {4}<port port="40000-40100" protocol="tcp"\/>\n {4}<accept\/>\n {2}<\/rule>\n<\/policy>\n$/);
    assert.equal(checkFiles(fixed, config).paths.network!.passive.verdict, 'open');
  });

  it('fixes a ufw router in before.rules\' nat block and with a route rule in user.rules, as ufw route allow writes it', () => {
    const shipped = (path: string) => readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'shipped', 'ufw', path), 'utf8');
    const ufw = `${GATEWAY}/etc/ufw`;
    const files: Files = {
      ...SERVER,
      ...Object.fromEntries(['before', 'after', 'user'].flatMap((kind) => ['', '6'].map((six) => [`${ufw}/${kind}${six}.rules`, shipped(`usr/share/ufw/iptables/${kind}${six}.rules`)]))),
      [`${ufw}/ufw.conf`]: 'ENABLED=yes\n',
      [`${GATEWAY}/etc/default/ufw`]: shipped('etc/default/ufw'),
      [`${ufw}/sysctl.conf`]: 'net/ipv4/ip_forward=1\n',
    };
    files[`${ufw}/before.rules`] = `*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -p tcp --dport 21 -j DNAT --to-destination 10.0.0.5\nCOMMIT\n${files[`${ufw}/before.rules`]}`;
    files[`${ufw}/user.rules`] = files[`${ufw}/user.rules`]!.replace('### RULES ###\n', '### RULES ###\n\n### tuple ### route:allow tcp 21 10.0.0.5 any 0.0.0.0/0 in\n-A ufw-user-forward -p tcp -d 10.0.0.5 --dport 21 -j ACCEPT\n');
    const config: Partial<HostConfig> = { ...BEHIND_NAT, clientsFrom: { network: '198.51.100.0/24' } };
    const fixOf = (all: Files, path: string, title: RegExp) => checkFiles(all, config).findings.find((f) => f.ruleId === 'ftp/gateway-blocks' && f.message.includes(`${path} data`))?.fixes.find((f) => title.test(f.title));
    assert.equal(checkFiles(files, config).paths.network!.control.verdict, 'open');
    let fixed = applyHostFix(files, fixOf(files, 'passive', /^Forward passive ports 40000-40100 to 10\.0\.0\.5 on gateway \.\.\/gw \(before\.rules\)$/)!);
    assert.match(fixed[`${ufw}/before.rules`]!, /^\*nat\n:PREROUTING ACCEPT \[0:0\]\n-A PREROUTING -p tcp --dport 21 -j DNAT --to-destination 10\.0\.0\.5\n-A PREROUTING -p tcp --dport 40000:40100 -j DNAT --to-destination 10\.0\.0\.5\nCOMMIT\n/);
    // Forwarded, then dropped by the routed policy (DROP): the routed accept goes into user.rules.
    fixed = applyHostFix(fixed, fixOf(fixed, 'passive', /^Accept passive ports 40000-40100 to 10\.0\.0\.5 in FORWARD on gateway \.\.\/gw \(user\.rules\)$/)!);
    assert.match(fixed[`${ufw}/user.rules`]!, /\n### tuple ### route:allow tcp 40000:40100 10\.0\.0\.5 any 0\.0\.0\.0\/0 in comment=[0-9a-f]+\n-A ufw-user-forward -p tcp -m multiport --dports 40000:40100 -d 10\.0\.0\.5 -j ACCEPT\n/);
    assert.equal(checkFiles(fixed, config).paths.network!.passive.verdict, 'open');
    // Without a nat block in before.rules, one of its own at the top, before the filter table.
    const stock = shipped('usr/share/ufw/iptables/before.rules');
    const intents = ufwIntents(undefined, { path: `${ufw}/before.rules`, lines: new LineIndex(stock) });
    const masqueraded = applyEdits(stock, [intents.masqueradeFrom!('10.0.0.5')!]).text;
    assert.match(masqueraded, /\n# NAT for the FTP server behind this router \(ftpwall\)\n\*nat\n:POSTROUTING ACCEPT \[0:0\]\n-A POSTROUTING -s 10\.0\.0\.5 -j MASQUERADE\nCOMMIT\n\n# Don't delete these required lines, otherwise there will be errors\n\*filter\n/);
    assert.equal(intents.fileOf!('masquerade'), `${ufw}/before.rules`);
  });

  it('counts ufw\'s own sysctl file only where ufw starts enabled, and never as sure against systemd-sysctl\'s files', () => {
    const routed = { addresses: ['10.0.0.5'], clientsFrom: { network: '198.51.100.0/24' } };
    const ufw = (enabled: string | undefined, ...more: Array<[string, string]>) => ({
      [`${GATEWAY}/etc/default/ufw`]: 'IPV6=no\nDEFAULT_INPUT_POLICY="DROP"\nDEFAULT_OUTPUT_POLICY="ACCEPT"\nDEFAULT_FORWARD_POLICY="ACCEPT"\nIPT_SYSCTL=/etc/ufw/sysctl.conf\n',
      [`${GATEWAY}/etc/ufw/sysctl.conf`]: '# as the ufw router guides say\nnet/ipv4/ip_forward=1\n',
      ...(enabled === undefined ? {} : { [`${GATEWAY}/etc/ufw/ufw.conf`]: `ENABLED=${enabled}\n` }),
      ...Object.fromEntries(more),
    });
    const run = (files: Files) => checkFiles({ ...SERVER, ...files }, routed).paths.network!.control;
    // Enabled: ufw-init applies it (kernel: gw-ufw-router).
    assert.equal(run(ufw('yes')).verdict, 'open');
    // Not enabled: ufw-init applies nothing, and a sysctl.conf that turns it off is the last word (kernel: gw-ufw-not-enabled).
    assert.equal(run(ufw('no', [SYSCTL, 'net.ipv4.ip_forward = 0\n'])).verdict, 'blocked');
    const unsaid = run(ufw('no'));
    assert.equal(unsaid.verdict, 'conditional');
    assert.doesNotMatch(unsaid.reason, /ufw sets it/);
    // ENABLED=Yes is not one of the two spellings ufw-init starts on.
    assert.equal(run(ufw('Yes', [SYSCTL, 'net.ipv4.ip_forward = 0\n'])).verdict, 'blocked');
    // ufw.conf not in the host: enabled or not, so its file may or may not set it.
    const perhaps = run(ufw(undefined, [SYSCTL, 'net.ipv4.ip_forward = 0\n']));
    assert.equal(perhaps.verdict, 'conditional');
    assert.match(perhaps.reason, /sysctl\.conf:1 sets it off, but ufw sets it on from ufw\/sysctl\.conf:2 when it starts enabled, which it may not/);
    // Enabled, but systemd-sysctl's file says the opposite: their order at boot is not fixed.
    const race = run(ufw('yes', [SYSCTL, 'net.ipv4.ip_forward = 0\n']));
    assert.equal(race.verdict, 'conditional');
    assert.match(race.reason, /in no fixed order with systemd-sysctl/);
    // IPT_SYSCTL emptied: ufw applies no sysctl file at all.
    const emptied = ufw('yes', [`${GATEWAY}/etc/default/ufw`, 'IPV6=no\nDEFAULT_FORWARD_POLICY="ACCEPT"\nIPT_SYSCTL=\n'], [SYSCTL, 'net.ipv4.ip_forward = 0\n']);
    assert.equal(run(emptied).verdict, 'blocked');
    // Only ufw's sysctl file of ufw's: whether ufw is enabled is not known.
    const alone = run({ [`${GATEWAY}/etc/ufw/sysctl.conf`]: 'net/ipv4/ip_forward=1\n', [ROUTER]: forward('ACCEPT') });
    assert.equal(alone.verdict, 'conditional');
  });

  it('accepts the server\'s active data in FORWARD by its address and source port, only where the server fixes that port', () => {
    const dropping = forward('DROP', '-A FORWARD -m state --state ESTABLISHED,RELATED -j ACCEPT', '-A FORWARD -d 10.0.0.5 -p tcp --dport 21 -j ACCEPT', '-A FORWARD -d 10.0.0.5 -p tcp --dport 40000:40100 -j ACCEPT');
    const files = (port20: string): Files => ({ ...SERVER, [VSFTPD]: `${SERVER[VSFTPD]}connect_from_port_20=${port20}\n`, [ROUTER]: FORWARDED + dropping, ...FORWARDING });
    const activeFixes = (all: Files) => checkFiles(all, BEHIND_NAT).findings.find((f) => f.ruleId === 'ftp/gateway-blocks' && f.message.includes('active data'))?.fixes ?? [];
    const fix = activeFixes(files('YES')).find((f) => /^Accept 10\.0\.0\.5's active data from port 20 in FORWARD on gateway \.\.\/gw \(rules\.v4\)$/.test(f.title));
    assert.ok(fix, activeFixes(files('YES')).map((f) => f.title).join(' | '));
    const fixed = applyHostFix(files('YES'), fix);
    assert.match(fixed[ROUTER]!, /\n-A FORWARD -s 10\.0\.0\.5 -p tcp --sport 20 -m comment --comment "ftpwall: FTP from the server" -j ACCEPT\nCOMMIT\n$/);
    assert.equal(checkFiles(fixed, BEHIND_NAT).paths.network!.active.verdict, 'open');
    // From any port: opening every connection the server makes is left to the FTP helper.
    const titles = activeFixes(files('NO')).map((f) => f.title);
    assert.ok(titles.length > 0 && titles.every((t) => !/in FORWARD/.test(t)), titles.join(' | '));
  });

  it('cannot tell what a router without a firewall file forwards', () => {
    assert.deepEqual(verdicts({ ...FORWARDING }), ['unknown', 'unknown', 'unknown']);
  });

  it('blocks a connection a DNAT sends to another host, and cannot tell where the server\'s addresses are not given', () => {
    const elsewhere = { [ROUTER]: nat('-A PREROUTING -p tcp --dport 21 -j DNAT --to-destination 10.0.0.9') + forward('ACCEPT'), ...FORWARDING };
    const away = network(elsewhere);
    assert.equal(away.control.verdict, 'blocked');
    assert.match(away.control.reason, /sends connections to port 21 on to 10\.0\.0\.9, which is not the FTP server \(10\.0\.0\.5\)/);
    assert.equal(network(elsewhere, { nat: { publicAddress: '198.51.100.1' } }).control.verdict, 'conditional');
  });

  it('routes without NAT: FORWARD rules on the server\'s address apply to it, and rules for the server as a client to no client', () => {
    const stateless = forward('DROP', '-A FORWARD -d 10.0.0.5 -p tcp --dport 21 -j ACCEPT', '-A FORWARD -s 10.0.0.5 -p tcp --sport 21 -j ACCEPT',
      '-A FORWARD -d 10.0.0.5 -p tcp --dport 1024:65535 -j ACCEPT', '-A FORWARD -s 10.0.0.5 -p tcp --sport 1024:65535 -j ACCEPT');
    const routed = network({ [ROUTER]: stateless, ...FORWARDING }, { addresses: ['10.0.0.5'] });
    assert.deepEqual([routed.control.verdict, routed.passive.verdict], ['open', 'open']);
    // Active data from a random port of 1024 and above matches the last rule; it is sent to the client's port, which the rules toward 10.0.0.5 never are.
    assert.equal(routed.active.verdict, 'open');
    // Without the server's addresses, a rule on 10.0.0.5 may or may not be about it.
    assert.equal(network({ [ROUTER]: stateless, ...FORWARDING }, {}).control.verdict, 'conditional');
  });

  it('judges the server\'s own firewall at the port the router sends clients\' connections to', () => {
    const public2121 = { [ROUTER]: nat('-A PREROUTING -p tcp --dport 2121 -j DNAT --to-destination 10.0.0.5:21', '-A PREROUTING -p tcp --dport 40000:40100 -j DNAT --to-destination 10.0.0.5', '-A POSTROUTING -s 10.0.0.0/24 -j MASQUERADE') + forward('ACCEPT'), ...FORWARDING };
    const paths = checkFiles({ ...SERVER, ...public2121 }, { ...BEHIND_NAT, connectPort: 2121 }).paths;
    assert.deepEqual([paths.network!.control.verdict, paths.control.verdict], ['open', 'open']);
    assert.deepEqual(paths.controlPorts, { connect: 21, arrives: 21 });
    // Port 21 itself is not forwarded: clients that try it end on the router.
    assert.equal(checkFiles({ ...SERVER, ...public2121 }, BEHIND_NAT).paths.network!.control.verdict, 'blocked');
  });

  it('is not certain a passive reply reaches clients when the address it names is not known to be the public one', () => {
    const passive = checkFiles({ ...SERVER, [ROUTER]: FORWARDED + forward('ACCEPT'), ...FORWARDING }, { addresses: ['10.0.0.5'], nat: {} }).paths.network!.passive;
    assert.equal(passive.verdict, 'conditional');
    assert.deepEqual(passive.byClient, { epsv: 'open', pasvIgnoringAddress: 'open', pasvToAddress: 'conditional' });
    assert.match(passive.reason, /whether 198\.51\.100\.1, which vsftpd announces, is the address clients reach/);
  });

  it('is not certain of an announced host name, which the server looks up when it starts', () => {
    const named = { ...SERVER, [VSFTPD]: SERVER[VSFTPD]!.replace('pasv_address=198.51.100.1', 'pasv_address=ftp.example.org\npasv_addr_resolve=YES') };
    const passive = checkFiles({ ...named, [ROUTER]: FORWARDED + forward('ACCEPT'), ...FORWARDING }, BEHIND_NAT).paths.network!.passive;
    assert.equal(passive.byClient?.pasvToAddress, 'conditional');
    assert.match(passive.reason, /whether ftp\.example\.org, which vsftpd looks up and announces, is 198\.51\.100\.1/);
  });

  it('says which of the active connection\'s random source ports a block takes, where it takes only some (found by the random routers against the kernel)', () => {
    // A REJECT of the passive range toward the server also meets the client's replies to an active connection whose source port falls in it.
    const router = forward('ACCEPT', '-A FORWARD -s 10.0.0.5 -j ACCEPT', '-A FORWARD -d 10.0.0.5 -p tcp --dport 40000:40100 -j REJECT');
    const active = checkFiles({ ...SERVER, [ROUTER]: router, ...FORWARDING }, { gateways: ['../gw'], addresses: ['10.0.0.5'] }).paths.network!.active;
    assert.equal(active.verdict, 'blocked');
    assert.match(active.reason, /^Gateway \.\.\/gw: the server's active data connection from 32768-60999 does not pass on 101 of the 28,232 ports \(40000-40100\): a reply from the client meets REJECT at rules\.v4:4\./);
    // The server's own rules: the same words for the same case.
    const own = checkFiles({ ...SERVER, [RULES]: filter('-A INPUT -p tcp --dport 40000:40100 -j REJECT', '-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 21 -j ACCEPT') }).paths.active;
    assert.match(own.reason, /, but from 101 of the 28,232 ports \(40000-40100\) a reply from the client meets REJECT at iptables:5\.$/);
  });

  describe('over IPv6, where the server listens there too', () => {
    const dualStack = { ...SERVER, [VSFTPD]: SERVER[VSFTPD]!.replace('listen=YES', 'listen=NO\nlisten_ipv6=YES') };
    const ROUTER6 = `${GATEWAY}/etc/iptables/rules.v6`;
    const own6 = (...rules: string[]) => ({ [`${RULES.replace('iptables', 'ip6tables')}`]: filter(...rules) });
    const OPEN6 = own6('-A INPUT -p ipv6-icmp -j ACCEPT', '-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -p tcp --dport 40000:40100 -j ACCEPT');
    const BOTH_FORWARD = { [SYSCTL]: 'net.ipv4.ip_forward = 1\nnet.ipv6.conf.all.forwarding = 1\n' };
    const routed = { gateways: ['../gw'] };
    const paths = (files: Files) => checkFiles({ ...dualStack, ...OPEN6, [ROUTER]: forward('ACCEPT'), ...files }, routed);
    const six = (files: Files) => { const n = paths(files).paths.ipv6!.network!; return [n.control.verdict, n.passive.verdict, n.active.verdict]; };

    it('judges the gateways\' own IPv6 rules: a FORWARD that drops everything blocks, one that accepts passes', () => {
      const blocked = paths({ [ROUTER6]: forward('DROP'), ...BOTH_FORWARD });
      assert.deepEqual([blocked.paths.network!.control.verdict, blocked.paths.ipv6!.network!.control.verdict], ['open', 'blocked']);
      assert.match(blocked.paths.ipv6!.network!.control.reason, /Gateway \.\.\/gw: the control connection to port 21 does not pass/);
      // The server's own IPv6 rules open every path: they are its own verdicts, not the gateways'.
      assert.deepEqual([blocked.paths.ipv6!.control.verdict, blocked.paths.ipv6!.passive.verdict], ['open', 'open']);
      const finding = blocked.findings.find((f) => f.ruleId === 'ftp/gateway-blocks' && f.message.startsWith('Over IPv6'));
      assert.match(finding?.message ?? '', /^Over IPv6, gateway \.\.\/gw stops the control connection/);
      assert.deepEqual(finding?.fixes, []);
      assert.deepEqual(six({ [ROUTER6]: forward('ACCEPT'), ...BOTH_FORWARD }), ['open', 'open', 'open']);
    });

    it('follows the established connection and the FTP helper through an IPv6 FORWARD that accepts new connections to port 21 alone', () => {
      const onlyControl = forward('DROP', '-A FORWARD -m state --state ESTABLISHED,RELATED -j ACCEPT', '-A FORWARD -p tcp --dport 21 -m state --state NEW -j ACCEPT');
      assert.deepEqual(six({ [ROUTER6]: onlyControl, ...BOTH_FORWARD }).slice(0, 2), ['open', 'blocked']);
      const helper = lines('*raw', ':PREROUTING ACCEPT [0:0]', '-A PREROUTING -p tcp --dport 21 -j CT --helper ftp', 'COMMIT');
      assert.deepEqual(six({ [ROUTER6]: helper + onlyControl, ...BOTH_FORWARD, [`${GATEWAY}/etc/modules-load.d/ftp.conf`]: 'nf_conntrack_ftp\n' }).slice(0, 2), ['open', 'open']);
    });

    it('reads IPv6 forwarding from net.ipv6.conf.all.forwarding alone, not from IPv4\'s', () => {
      const accepting = { [ROUTER6]: forward('ACCEPT') };
      const unsaid = paths({ ...accepting, ...FORWARDING }).paths.ipv6!.network!.control;
      assert.equal(unsaid.verdict, 'conditional');
      assert.match(unsaid.reason, /whether gateway \.\.\/gw forwards IPv6 packets at all \(no sysctl file of it sets net\.ipv6\.conf\.all\.forwarding = 1\)/);
      assert.deepEqual(six({ ...accepting, [SYSCTL]: 'net.ipv4.ip_forward = 1\nnet.ipv6.conf.all.forwarding = 0\n' }), ['blocked', 'blocked', 'blocked']);
      // The default key changes only interfaces made later, and the interface's own key does not route.
      assert.equal(paths({ ...accepting, [SYSCTL]: 'net.ipv4.ip_forward = 1\nnet.ipv6.conf.default.forwarding = 1\n' }).paths.ipv6!.network!.control.verdict, 'conditional');
    });

    it('fixes a path the gateway stops over IPv6 in its IPv6 rules, for the server\'s IPv6 address', () => {
      const addresses = { gateways: ['../gw'], addresses: ['10.0.0.5', 'fd00:10::5'] };
      const onlyControl = forward('DROP', '-A FORWARD -m state --state ESTABLISHED,RELATED -j ACCEPT', '-A FORWARD -d fd00:10::5 -p tcp --dport 21 -j ACCEPT');
      const files = { ...dualStack, ...OPEN6, [ROUTER]: forward('ACCEPT'), [ROUTER6]: onlyControl, ...BOTH_FORWARD };
      const fixOf = (all: Files, title: RegExp) => checkFiles(all, addresses).findings.find((f) => f.ruleId === 'ftp/gateway-blocks' && f.message.startsWith('Over IPv6, gateway ../gw stops passive data'))?.fixes.find((f) => title.test(f.title));
      const fix = fixOf(files, /^Accept passive ports 40000-40100 to fd00:10::5 in FORWARD on gateway \.\.\/gw \(rules\.v6\)$/);
      assert.ok(fix);
      const fixed = applyHostFix(files, fix);
      assert.match(fixed[ROUTER6]!, /-A FORWARD -d fd00:10::5 -p tcp --dport 40000:40100 -m comment --comment "ftpwall: FTP to the server" -j ACCEPT\nCOMMIT/);
      assert.equal(fixed[ROUTER], files[ROUTER]);
      assert.equal(checkFiles(fixed, addresses).paths.ipv6!.network!.passive.verdict, 'open');
      // Without an IPv6 address of the server's there is no address to accept for.
      assert.equal(checkFiles(files, { gateways: ['../gw'], addresses: ['10.0.0.5'] }).findings.find((f) => f.message.startsWith('Over IPv6'))?.fixes.length, 0);
    });

    it('writes a script router\'s IPv6 accept as an ip6tables command, not an iptables one', () => {
      const addresses = { gateways: ['../gw'], addresses: ['10.0.0.5', 'fd00:10::5'] };
      const script = lines('#!/bin/sh', 'iptables -P FORWARD ACCEPT', 'ip6tables -P FORWARD DROP', 'ip6tables -A FORWARD -m state --state ESTABLISHED,RELATED -j ACCEPT', 'ip6tables -A FORWARD -d fd00:10::5 -p tcp --dport 21 -j ACCEPT');
      const ROUTER_SCRIPT = `${GATEWAY}/etc/firewall.sh`;
      const files = { ...dualStack, ...OPEN6, [ROUTER_SCRIPT]: script, ...BOTH_FORWARD };
      const finding = checkFiles(files, addresses).findings.find((f) => f.message.startsWith('Over IPv6, gateway ../gw stops passive data'));
      assert.deepEqual(finding?.fixes.map((f) => f.title), ['Accept passive ports 40000-40100 to fd00:10::5 in FORWARD on gateway ../gw (firewall.sh)']);
      const fixed = applyHostFix(files, finding!.fixes[0]!);
      assert.match(fixed[ROUTER_SCRIPT]!, /--dport 21 -j ACCEPT\nip6tables -A FORWARD -d fd00:10::5 -p tcp --dport 40000:40100 -m comment --comment "ftpwall: FTP to the server" -j ACCEPT\n$/);
      assert.equal(checkFiles(fixed, addresses).paths.ipv6!.network!.passive.verdict, 'open');
    });

    it('writes an nftables router\'s IPv6 accept as ip6 in an inet table, and none into a table of IPv4 alone', () => {
      const addresses = { gateways: ['../gw'], addresses: ['10.0.0.5', 'fd00:10::5'] };
      const nft = (family: string) => lines(`table ${family} filter {`, '\tchain forward {', '\t\ttype filter hook forward priority filter; policy drop;', '\t\tct state established,related accept', '\t\ttcp dport 21 accept', '\t}', '}');
      const files = (family: string) => ({ ...dualStack, ...OPEN6, [`${GATEWAY}/etc/nftables.conf`]: nft(family), ...BOTH_FORWARD });
      const passiveFinding = (all: Files) => checkFiles(all, addresses).findings.find((f) => f.message.startsWith('Over IPv6, gateway ../gw stops passive data'));
      const inet = passiveFinding(files('inet'));
      assert.deepEqual(inet?.fixes.map((f) => f.title), ['Accept passive ports 40000-40100 to fd00:10::5 in FORWARD on gateway ../gw (nftables.conf)']);
      assert.match(applyHostFix(files('inet'), inet!.fixes[0]!)[`${GATEWAY}/etc/nftables.conf`]!, /\t\tip6 daddr fd00:10::5 tcp dport 40000-40100 accept comment "ftpwall: FTP to the server"\n\t}/);
      // A table of family ip does not see IPv6 at all: the router has no IPv6 rules, and no fix.
      const ipOnly = checkFiles(files('ip'), addresses).paths.ipv6!.network!.passive;
      assert.equal(ipOnly.verdict, 'unknown');
    });

    it('writes a firewalld router\'s IPv6 accept as a rich rule of family ipv6, and none for ufw', () => {
      const policies = `${GATEWAY}/etc/firewalld/policies`;
      const intents = firewalldIntents(undefined, undefined, { files: [], folder: policies });
      assert.match(intents.forwardAccept!(PortSet.range(40000, 40100), 'fd00:10::5')!.newText, /<rule family="ipv6">\n    <destination address="fd00:10::5"\/>/);
      assert.match(intents.forwardAccept!(PortSet.range(40000, 40100), '10.0.0.5')!.newText, /<rule family="ipv4">/);
      const ufw = ufwIntents({ path: `${GATEWAY}/etc/ufw/user.rules`, lines: new LineIndex(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'shipped', 'ufw', 'usr', 'share', 'ufw', 'iptables', 'user.rules'), 'utf8')) });
      assert.equal(ufw.forwardAccept!(PortSet.range(40000, 40100), 'fd00:10::5'), undefined);
      assert.ok(ufw.forwardAccept!(PortSet.range(40000, 40100), '10.0.0.5'));
    });

    it('shows the verdicts over IPv6 in a vsftpd directive\'s hover, under their own heading', () => {
      const { paths: p } = paths({ [ROUTER6]: forward('DROP'), ...BOTH_FORWARD });
      const passive = hostHoverSection('pasv_min_port', p)!;
      assert.match(passive, /^\*\*Through gateway \.\.\/gw and this host's firewall\*\*\n\n- \*\*passive\*\* \(40000-40100\): \*\*open\*\*[^\n]*\n\n\*\*Through gateway \.\.\/gw and this host's firewall, over IPv6\*\*\n\n- \*\*passive\*\* \(40000-40100\): \*\*blocked\*\*/);
      // listen is IPv4's listener, listen_ipv6 IPv6's.
      assert.doesNotMatch(hostHoverSection('listen', p)!, /over IPv6/);
      assert.match(hostHoverSection('listen_ipv6', p)!, /^\*\*Through gateway \.\.\/gw and this host's firewall, over IPv6\*\*\n\n- \*\*control\*\* \(21\): \*\*blocked\*\*/);
    });

    it('cannot tell what a gateway without IPv6 rules forwards, unless it does not forward IPv6 at all', () => {
      const none = paths(BOTH_FORWARD).paths.ipv6!.network!.control;
      assert.equal(none.verdict, 'unknown');
      assert.match(none.reason, /no firewall file for IPv6/);
      // One that does not forward IPv6 passes nothing, rules or none.
      assert.deepEqual(six({ [SYSCTL]: 'net.ipv4.ip_forward = 1\nnet.ipv6.conf.all.forwarding = 0\n' }), ['blocked', 'blocked', 'blocked']);
    });

    it('takes .ftpwall.json\'s "nat" for IPv4: over IPv6 the gateway routes to the server', () => {
      const nat6 = checkFiles({ ...dualStack, ...OPEN6, [ROUTER]: FORWARDED + forward('ACCEPT'), [ROUTER6]: forward('ACCEPT'), ...BOTH_FORWARD }, { ...BEHIND_NAT, gateways: ['../gw'] }).paths;
      assert.deepEqual([nat6.network!.passive.verdict, nat6.ipv6!.network!.control.verdict, nat6.ipv6!.network!.passive.verdict], ['open', 'open', 'open']);
      assert.equal(nat6.ipv6!.network!.passive.byClient, undefined);
    });

    it('counts IPv6 forwarding as ufw\'s sysctl file and firewalld set it, family by family', () => {
      const zone = (...body: string[]) => `<?xml version="1.0" encoding="utf-8"?>\n<zone>\n${body.map((b) => `  ${b}\n`).join('')}</zone>\n`;
      const firewalld = (...body: string[]) => ({ [`${GATEWAY}/etc/firewalld/zones/public.xml`]: zone(...body) });
      const setBy = (files: Files) => {
        const root = scratch({ 'ftp/etc/vsftpd.conf': dualStack[VSFTPD]!, 'ftp/.ftpwall.json': JSON.stringify(routed), ...Object.fromEntries(Object.entries(files).map(([path, text]) => [path.replace(GATEWAY, 'gw'), text])) });
        const gateway = readScope([join(root, 'ftp')]).hosts[0]!.loaded.host.gateways![0]!.host;
        return gateway.setsForwarding.map((s) => `${s.family} ${s.on} ${s.surely}`);
      };
      // firewalld 1.3.3: a zone's masquerade turns on IPv4 forwarding only; a forward port turns on its address's family.
      assert.deepEqual(setBy(firewalld('<masquerade/>')), ['ipv4 true true']);
      assert.deepEqual(setBy(firewalld('<forward-port port="21" protocol="tcp" to-addr="fd00::5"/>')), ['ipv6 true true']);
      assert.deepEqual(setBy(firewalld('<rule><masquerade/></rule>')), ['ipv4 true false', 'ipv6 true false']);
      const ufw = { [`${GATEWAY}/etc/ufw/sysctl.conf`]: 'net/ipv4/ip_forward=1\nnet/ipv6/conf/default/forwarding=1\nnet/ipv6/conf/all/forwarding=1\n', [`${GATEWAY}/etc/ufw/ufw.conf`]: 'ENABLED=yes\n', [`${GATEWAY}/etc/default/ufw`]: 'IPT_SYSCTL=/etc/ufw/sysctl.conf\n' };
      assert.deepEqual(setBy(ufw), ['ipv4 true true', 'ipv6 true true']);
    });
  });

  it('reads the gateways .ftpwall.json names from their folders, keeps their paths as the host was named, and reports one it cannot read', () => {
    const root = scratch({
      'site/ftp/etc/vsftpd.conf': SERVER[VSFTPD]!, 'site/ftp/etc/iptables/rules.v4': SERVER[RULES]!,
      'site/ftp/.ftpwall.json': JSON.stringify({ ...BEHIND_NAT, gateways: ['../gw', '../missing'] }),
      'site/gw/etc/iptables/rules.v4': FORWARDED + forward('ACCEPT'), 'site/gw/etc/sysctl.conf': 'net.ipv4.ip_forward = 1\n',
    });
    const [read] = readScope([join(root, 'site', 'ftp')]).hosts;
    const { host, configProblems } = read!.loaded;
    assert.deepEqual(host.gateways?.map((g) => [g.folder, g.host.root]), [['../gw', join(root, 'site', 'gw')]]);
    assert.deepEqual(configProblems, ['"gateways": ../missing: no such folder']);
    assert.deepEqual([hostPaths(host).network!.passive.verdict], ['open']);
  });
});
