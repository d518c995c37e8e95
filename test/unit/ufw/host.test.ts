import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyHostFix, checkFiles, conf, HOST, lines, VSFTPD, type Files } from '../../helpers/hosts.js';
import { restoreLanguage } from '../../../server/src/languages/iptables/restore-language.js';

const SHIPPED = join(import.meta.dirname, '..', '..', 'fixtures', 'shipped', 'ufw');
const shipped = (path: string) => readFileSync(join(SHIPPED, path), 'utf8');
const KERNEL_HOSTS = join(import.meta.dirname, '..', '..', 'kernel', 'hosts');

const UFW = `${HOST}/etc/ufw`;
const DEFAULTS = `${HOST}/etc/default/ufw`;
const ENABLED = lines('ENABLED=yes', 'LOGLEVEL=low');
/** ufw's files as Debian installs them (ufw.conf saying ENABLED=no), under a host's /etc. */
const STOCK: Files = {
  ...Object.fromEntries(['before', 'after', 'user'].flatMap((kind) => ['', '6'].map((six) => [`${UFW}/${kind}${six}.rules`, shipped(`usr/share/ufw/iptables/${kind}${six}.rules`)]))),
  [`${UFW}/ufw.conf`]: shipped('usr/share/ufw/ufw.conf'),
  [DEFAULTS]: shipped('etc/default/ufw'),
};
/** The user.rules the real ufw wrote for `ufw allow 21/tcp`. */
const ALLOW_21 = readFileSync(join(KERNEL_HOSTS, 'ufw-allow-21', 'etc', 'ufw', 'user.rules'), 'utf8');
const plain = conf('pasv_min_port=40000', 'pasv_max_port=40010').replace('ssl_enable=YES', 'ssl_enable=NO');
const verdicts = (files: Files) => { const { paths } = checkFiles(files); return [paths.control.verdict, paths.passive.verdict, paths.active.verdict]; };

describe('ufw\'s files in a host, read as ufw loads them', () => {
  it('has no finding on the files ufw ships, disabled as installed or enabled', () => {
    assert.deepEqual(checkFiles(STOCK).findings.map((f) => `${f.ruleId}: ${f.message}`), []);
    assert.deepEqual(checkFiles({ ...STOCK, [`${UFW}/ufw.conf`]: ENABLED }).findings.map((f) => `${f.ruleId}: ${f.message}`), []);
  });

  it('composes before, user and after rules with the default policies: `ufw allow 21/tcp` opens the control port only', () => {
    const files: Files = { ...STOCK, [`${UFW}/ufw.conf`]: ENABLED, [`${UFW}/user.rules`]: ALLOW_21, [VSFTPD]: plain };
    assert.deepEqual(verdicts(files), ['open', 'blocked', 'open']);
    const { paths } = checkFiles(files);
    // The DROP is ufw's default policy, shown where /etc/default/ufw sets it.
    assert.match(paths.passive.reason, /INPUT policy DROP/);
    assert.ok(paths.passive.deciding.some((d) => d.path === DEFAULTS && /DEFAULT_INPUT_POLICY/.test(files[DEFAULTS]!.split('\n')[d.line]!)));
  });

  it('loads nothing when ufw is not enabled: every path is open as far as the host\'s files go', () => {
    assert.deepEqual(verdicts({ ...STOCK, [`${UFW}/user.rules`]: ALLOW_21, [VSFTPD]: plain }), ['open', 'open', 'open']);
  });

  it('follows both ways what the host does not fix, so a verdict that depends on it is conditional', () => {
    // Without ufw.conf: enabled or not.
    const noConf: Files = { ...STOCK, [`${UFW}/user.rules`]: ALLOW_21, [VSFTPD]: plain };
    delete noConf[`${UFW}/ufw.conf`];
    const withoutConf = checkFiles(noConf).paths;
    assert.equal(withoutConf.control.verdict, 'open');
    assert.equal(withoutConf.passive.verdict, 'conditional');
    assert.match(withoutConf.passive.reason, /whether ufw is enabled/);
    // Without /etc/default/ufw: the input policy either way.
    const noDefaults: Files = { ...STOCK, [`${UFW}/ufw.conf`]: ENABLED, [`${UFW}/user.rules`]: ALLOW_21, [VSFTPD]: plain };
    delete noDefaults[DEFAULTS];
    const withoutDefaults = checkFiles(noDefaults).paths;
    assert.equal(withoutDefaults.passive.verdict, 'conditional');
    assert.match(withoutDefaults.passive.reason, /DEFAULT_INPUT_POLICY/);
    // A rules file the host does not hold may hold anything.
    const noBefore: Files = { ...STOCK, [`${UFW}/ufw.conf`]: ENABLED, [`${UFW}/user.rules`]: ALLOW_21, [VSFTPD]: plain };
    delete noBefore[`${UFW}/before.rules`];
    assert.notEqual(checkFiles(noBefore).paths.passive.verdict, 'blocked');
  });

  it('reads user.rules alone without the findings of a firewall read without ufw', () => {
    const { findings } = checkFiles({ [`${UFW}/user.rules`]: ALLOW_21 });
    assert.deepEqual(findings.map((f) => f.ruleId), []);
  });

  it('still reports what iptables-restore refuses in a ufw file', () => {
    const broken = ALLOW_21.replace('-A ufw-user-input -p tcp --dport 21 -j ACCEPT', '-A ufw-user-input -p tcp --dport 21 -j ufw-user-nowhere');
    const { findings } = checkFiles({ ...STOCK, [`${UFW}/user.rules`]: broken });
    assert.ok(findings.some((f) => f.ruleId === 'iptables/unknown-chain' && f.file === `${UFW}/user.rules`), findings.map((f) => f.ruleId).join(' '));
  });

  it('takes a rules file the kernel refuses when it loads it (a REJECT out of the filter table) as loading nothing: what ufw then loads is not certain', () => {
    const files: Files = { ...STOCK, [`${UFW}/ufw.conf`]: ENABLED, [`${UFW}/user.rules`]: ALLOW_21, [VSFTPD]: plain };
    const refused = { ...files, [`${UFW}/after.rules`]: `${files[`${UFW}/after.rules`]}*mangle\n-A INPUT -p tcp -j REJECT\nCOMMIT\n` };
    assert.deepEqual(verdicts(files), ['open', 'blocked', 'open']);
    const { paths } = checkFiles(refused);
    assert.equal(paths.passive.verdict, 'conditional', paths.passive.reason);
    assert.match(paths.passive.reason, /what ufw loads from after\.rules, which the kernel refuses/);
  });

  it('offers the passive range as `ufw allow` writes it into user.rules, and the fix opens the path', () => {
    const files: Files = { ...STOCK, [`${UFW}/ufw.conf`]: ENABLED, [`${UFW}/user.rules`]: ALLOW_21, [VSFTPD]: plain };
    const finding = checkFiles(files).findings.find((f) => f.ruleId === 'ftp/passive-blocked')!;
    const fix = finding.fixes.find((f) => f.preferred)!;
    assert.match(fix.title, /user\.rules \(as `ufw allow 40000:40010\/tcp` does\)/);
    const fixed = applyHostFix(files, fix);
    assert.match(fixed[`${UFW}/user.rules`]!, /### tuple ### allow tcp 40000:40010 0\.0\.0\.0\/0 any 0\.0\.0\.0\/0 in comment=[0-9a-f]+\n-A ufw-user-input -p tcp -m multiport --dports 40000:40010 -j ACCEPT\n\n### END RULES ###/);
    assert.deepEqual(verdicts(fixed), ['open', 'open', 'open']);
  });

  it('offers the FTP helper as a raw-table rule at the end of before.rules, which ufw loads with --noflush', () => {
    const files: Files = { ...STOCK, [`${UFW}/ufw.conf`]: ENABLED, [`${UFW}/user.rules`]: ALLOW_21, [VSFTPD]: plain };
    const finding = checkFiles(files).findings.find((f) => f.ruleId === 'ftp/passive-blocked')!;
    const fix = finding.fixes.find((f) => /Assign the FTP helper to port 21 in before\.rules/.test(f.title));
    assert.ok(fix, finding.fixes.map((f) => f.title).join(' | '));
    const fixed = applyHostFix(files, fix);
    assert.match(fixed[`${UFW}/before.rules`]!, /COMMIT\n\n# The FTP helper for connections to port 21 \(ufw assigns none itself\)\n\*raw\n-A PREROUTING -p tcp --dport 21 -j CT --helper ftp\nCOMMIT\n$/);
    assert.deepEqual(verdicts(fixed), ['open', 'open', 'open']);
  });

  it('takes nf_conntrack_helper=1 from ufw\'s own sysctl file only where ufw surely starts enabled', () => {
    const withHelper = shipped('etc/default/ufw').replace(/^IPT_MODULES=.*$/m, 'IPT_MODULES="nf_conntrack_ftp"');
    const files: Files = { ...STOCK, [`${UFW}/ufw.conf`]: ENABLED, [`${UFW}/user.rules`]: ALLOW_21, [VSFTPD]: plain, [DEFAULTS]: withHelper, [`${UFW}/sysctl.conf`]: lines('net/netfilter/nf_conntrack_helper=1') };
    // Kernels 4.7 to 5.x assign the loaded helper by themselves with the setting; 6.0 removed it.
    assert.equal(checkFiles(files, { kernel: '5.10' }).paths.passive.verdict, 'open');
    assert.equal(checkFiles(files, { kernel: '6.1' }).paths.passive.verdict, 'blocked');
    // IPT_SYSCTL emptied: ufw applies no sysctl file.
    assert.equal(checkFiles({ ...files, [DEFAULTS]: withHelper.replace(/^IPT_SYSCTL=.*$/m, 'IPT_SYSCTL=') }, { kernel: '5.10' }).paths.passive.verdict, 'blocked');
  });

  it('takes nf_conntrack_helper=1 from ufw\'s own sysctl file in the ways ufw starts enabled, when whether it does is not known', () => {
    const withHelper = shipped('etc/default/ufw').replace(/^IPT_MODULES=.*$/m, 'IPT_MODULES="nf_conntrack_ftp"');
    const { [`${UFW}/ufw.conf`]: _conf, ...unknownState } = STOCK;
    const files: Files = { ...unknownState, [`${UFW}/user.rules`]: ALLOW_21, [VSFTPD]: plain, [DEFAULTS]: withHelper, [`${UFW}/sysctl.conf`]: lines('net/netfilter/nf_conntrack_helper=1') };
    // Enabled, ufw-init applies the setting and the helper relates the data connections; not enabled, nothing filters.
    assert.equal(checkFiles(files, { kernel: '5.10' }).paths.passive.verdict, 'open');
    // Without the setting the enabled way blocks them, so the verdict depends on ENABLED.
    const without = checkFiles({ ...files, [`${UFW}/sysctl.conf`]: lines('net/ipv4/ip_forward=0') }, { kernel: '5.10' }).paths.passive;
    assert.equal(without.verdict, 'conditional');
    assert.match(without.reason, /whether ufw is enabled/);
    // ufw's setting against a sysctl file that turns it off: ufw.service is not ordered with systemd-sysctl.
    const against = checkFiles({ ...files, [`${UFW}/ufw.conf`]: ENABLED, [`${HOST}/etc/sysctl.conf`]: lines('net.netfilter.nf_conntrack_helper = 0') }, { kernel: '5.10' }).paths.passive;
    assert.equal(against.verdict, 'conditional');
    assert.match(against.reason, /set it both ways/);
  });

  it('reports a default policy ufw cannot set, and follows the policy both ways', () => {
    const files: Files = { ...STOCK, [`${UFW}/ufw.conf`]: ENABLED, [`${UFW}/user.rules`]: ALLOW_21, [VSFTPD]: plain, [DEFAULTS]: shipped('etc/default/ufw').replace('DEFAULT_INPUT_POLICY="DROP"', 'DEFAULT_INPUT_POLICY="DENY"') };
    const { findings, paths } = checkFiles(files);
    assert.ok(findings.some((f) => f.ruleId === 'ufw/bad-policy'));
    assert.equal(paths.passive.verdict, 'conditional');
  });
});

describe('ufw\'s tuple lines', () => {
  it('are read back as `ufw status` lists the rule, comment decoded', () => {
    const text = readFileSync(join(KERNEL_HOSTS, 'ufw-deny-before-allow', 'etc', 'ufw', 'user.rules'), 'utf8') + lines('### tuple ### allow tcp 40000:40100 0.0.0.0/0 any 0.0.0.0/0 in comment=66747077616c6c', '### tuple ### allow tcp any 0.0.0.0/0 20 0.0.0.0/0 out', '### tuple ### deny tcp 21 0.0.0.0/0 any 10.0.0.0/8 in');
    const doc = restoreLanguage.read(text, `${UFW}/user.rules`);
    const hoverAt = (needle: string) => restoreLanguage.hover(doc, { line: text.split('\n').findIndex((l) => l.includes(needle)), character: 3 })?.markdown ?? '';
    assert.match(hoverAt('allow tcp 21 '), /\*\*21\/tcp\*\* ALLOW IN \*\*Anywhere\*\*/);
    assert.match(hoverAt('deny tcp 40000:40020'), /\*\*40000:40020\/tcp\*\* DENY IN \*\*Anywhere\*\*/);
    assert.match(hoverAt('comment=66747077616c6c'), /\(comment: ftpwall\)/);
    assert.match(hoverAt('allow tcp any 0.0.0.0/0 20'), /\*\*Anywhere\*\* ALLOW OUT \*\*20\/tcp\*\*/);
    assert.match(hoverAt('deny tcp 21 0.0.0.0/0 any 10.0.0.0/8'), /\*\*21\/tcp\*\* DENY IN \*\*10\.0\.0\.0\/8\*\*/);
    // The same line in a file that is not ufw's is a plain comment.
    const plainDoc = restoreLanguage.read(text, '/srv/host/etc/iptables/rules.v4');
    assert.doesNotMatch(restoreLanguage.hover(plainDoc, { line: text.split('\n').findIndex((l) => l.includes('allow tcp 21 ')), character: 3 })?.markdown ?? '', /ufw status/);
  });
});
