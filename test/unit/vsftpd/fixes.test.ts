import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixAll } from '../../../server/src/analysis/fix-all.js';
import { suppressionFixes } from '../../../server/src/core/suppression.js';
import { LineIndex } from '../../../server/src/core/text.js';
import { vsftpdLanguage } from '../../../server/src/languages/vsftpd/language.js';
import { applyFix, check, CONF, conf, findingsOf } from '../../helpers/vsftpd.js';
import { RULE_CASES } from './rule-cases.js';

const BASE = ['listen=YES', 'anonymous_enable=NO', 'local_enable=YES', 'ssl_enable=YES', 'pasv_min_port=40000', 'pasv_max_port=40100'];
const base = (...extra: string[]) => conf(...BASE, ...extra);

interface FixCase { rule: string; before: string; title: string; after: string }
const FIXES: FixCase[] = [
  { rule: 'vsftpd/unknown-directive', before: base('pasv_min_prot=40000'), title: 'Change to "pasv_min_port"', after: base('pasv_min_port=40000') },
  { rule: 'vsftpd/unknown-directive', before: '\uFEFF' + base(), title: 'Remove the byte order mark', after: base() },
  { rule: 'vsftpd/unknown-directive', before: base('ftpd_banner \r'), title: 'Remove what follows "ftpd_banner"', after: base('ftpd_banner') },
  { rule: 'vsftpd/space-before-equals', before: base('write_enable = YES'), title: 'Remove the whitespace around "="', after: base('write_enable=YES') },
  { rule: 'vsftpd/missing-value', before: base('write_enable'), title: 'Set write_enable=NO', after: base('write_enable=NO') },
  { rule: 'vsftpd/missing-value', before: base('max_clients='), title: 'Set max_clients=2000 (the default)', after: base('max_clients=2000') },
  { rule: 'vsftpd/bad-boolean', before: base('write_enable=YES '), title: 'Remove the trailing whitespace', after: base('write_enable=YES') },
  { rule: 'vsftpd/bad-boolean', before: base('write_enable=YES\r'), title: 'Remove the carriage return', after: base('write_enable=YES') },
  { rule: 'vsftpd/bad-boolean', before: base('write_enable=YES # uploads'), title: 'Move the comment to its own line', after: base('# uploads', 'write_enable=YES') },
  { rule: 'vsftpd/bad-boolean', before: base('write_enable=YESdirmessage_enable=YES'), title: 'Split into two lines', after: base('write_enable=YES', 'dirmessage_enable=YES') },
  { rule: 'vsftpd/bad-boolean', before: base('write_enable=on'), title: 'Change to YES', after: base('write_enable=YES') },
  { rule: 'vsftpd/indented-comment', before: base('  # note'), title: 'Remove the indentation', after: base('# note') },
  { rule: 'vsftpd/listen-and-listen-ipv6', before: base('listen_ipv6=YES'), title: 'Set listen_ipv6=NO (IPv4 only)', after: base('listen_ipv6=NO') },
  { rule: 'vsftpd/no-login-allowed', before: conf('listen=YES', 'anonymous_enable=NO'), title: 'Allow local users (local_enable=YES)', after: conf('listen=YES', 'anonymous_enable=NO', 'local_enable=YES') },
  { rule: 'vsftpd/directives-run-together', before: conf('listen=YES', 'pasv_min_port=2222pasv_max_port=2225'), title: 'Split "pasv_max_port" onto its own line', after: conf('listen=YES', 'pasv_min_port=2222', 'pasv_max_port=2225') },
  { rule: 'vsftpd/inline-comment', before: base('max_clients=10 # ten'), title: 'Move the comment to its own line', after: base('# ten', 'max_clients=10') },
  { rule: 'vsftpd/value-whitespace', before: base('rsa_cert_file=/etc/x.pem  '), title: 'Remove the whitespace', after: base('rsa_cert_file=/etc/x.pem') },
  { rule: 'vsftpd/value-whitespace', before: base('rsa_cert_file=/etc/x.pem\r'), title: 'Remove the carriage return', after: base('rsa_cert_file=/etc/x.pem') },
  { rule: 'vsftpd/bad-number', before: base('data_connection_timeout=5m'), title: 'Remove "m"', after: base('data_connection_timeout=5') },
  { rule: 'vsftpd/bad-number', before: base('max_clients=0100'), title: 'Write 100 (remove the leading zero)', after: base('max_clients=100') },
  { rule: 'vsftpd/bad-number', before: base('local_umask=22'), title: 'Write 022', after: base('local_umask=022') },
  { rule: 'vsftpd/duplicate-directive', before: conf('listen=NO', ...BASE), title: 'Remove this overridden listen', after: base() },
  { rule: 'vsftpd/duplicate-directive', before: conf(...BASE, 'listen=YES').slice(0, -1), title: 'Remove this overridden listen', after: conf(...BASE.slice(1), 'listen=YES').slice(0, -1) },
  { rule: 'vsftpd/pasv-range-inverted', before: conf('listen=YES', 'pasv_min_port=20480', 'pasv_max_port=10240'), title: 'Swap them: pasv_min_port=10240, pasv_max_port=20480', after: conf('listen=YES', 'pasv_min_port=10240', 'pasv_max_port=20480') },
  { rule: 'vsftpd/pasv-no-range', before: conf('listen=YES', 'local_enable=YES'), title: 'Add a passive range (pasv_min_port=40000, pasv_max_port=40100)', after: conf('listen=YES', 'local_enable=YES', 'pasv_min_port=40000', 'pasv_max_port=40100') },
  { rule: 'vsftpd/no-data-mode', before: base('pasv_enable=NO', 'port_enable=NO'), title: 'Turn passive mode back on (pasv_enable=YES)', after: base('pasv_enable=YES', 'port_enable=NO') },
  { rule: 'vsftpd/pasv-address-invalid', before: base('pasv_address="203.0.113.7"'), title: 'Remove the quotes', after: base('pasv_address=203.0.113.7') },
  { rule: 'vsftpd/anonymous-login-by-default', before: conf('listen=YES', 'local_enable=YES', 'ssl_enable=YES', 'pasv_min_port=40000', 'pasv_max_port=40100').slice(0, -1), title: 'Add anonymous_enable=NO', after: base().replace('anonymous_enable=NO\n', '') + 'anonymous_enable=NO\n' },
  { rule: 'vsftpd/anonymous-login', before: conf('listen=YES', 'anonymous_enable=YES'), title: 'Turn anonymous logins off', after: conf('listen=YES', 'anonymous_enable=NO') },
  { rule: 'vsftpd/anonymous-write', before: conf('anonymous_enable=YES', 'write_enable=YES', 'anon_upload_enable=YES'), title: 'Set anon_upload_enable=NO', after: conf('anonymous_enable=YES', 'write_enable=YES', 'anon_upload_enable=NO') },
  { rule: 'vsftpd/cleartext-login', before: conf('listen=YES', 'anonymous_enable=NO', 'local_enable=YES'), title: 'Enable TLS (ssl_enable=YES)', after: conf('listen=YES', 'anonymous_enable=NO', 'local_enable=YES', 'ssl_enable=YES') },
  { rule: 'vsftpd/pasv-promiscuous', before: base('pasv_promiscuous=YES'), title: 'Set pasv_promiscuous=NO', after: base('pasv_promiscuous=NO') },
  { rule: 'vsftpd/port-promiscuous', before: base('port_promiscuous=YES'), title: 'Set port_promiscuous=NO', after: base('port_promiscuous=NO') },
  { rule: 'vsftpd/writable-chroot', before: base('chroot_local_user=YES', 'allow_writeable_chroot=YES'), title: 'Set allow_writeable_chroot=NO', after: base('chroot_local_user=YES', 'allow_writeable_chroot=NO') },
];

describe('vsftpd quick fixes', () => {
  it('covers every rule whose findings offer a fix', () => {
    const tested = new Set(FIXES.map((c) => c.rule));
    for (const [rule, { fires }] of Object.entries(RULE_CASES)) {
      const offers = fires.some((c) => findingsOf(c.text, rule).some((f) => f.fixes.length > 0));
      assert.equal(tested.has(rule), offers, offers ? `${rule} offers fixes but has no fix test` : `${rule} has a fix test but its cases offer no fix`);
    }
  });

  for (const c of FIXES) {
    it(`${c.rule}: ${c.title}`, () => {
      const finding = findingsOf(c.before, c.rule)[0];
      assert.ok(finding, `no ${c.rule} finding before the fix`);
      const after = applyFix(c.before, finding, c.title);
      assert.equal(after, c.after);
      assert.deepEqual(findingsOf(after, c.rule).filter((f) => f.range.start.line === finding.range.start.line && f.message === finding.message), [], 'the finding is still there after the fix');
    });
  }

  it('offers suppression comments that silence exactly the finding', () => {
    const text = base('pasv_promiscuous=YES');
    const finding = findingsOf(text, 'vsftpd/pasv-promiscuous')[0]!;
    const [line, file] = suppressionFixes(finding, new LineIndex(text));
    const onLine = applyFix(text, { ...finding, fixes: [line!] });
    assert.equal(onLine, base('# ftpwall-disable-next-line vsftpd/pasv-promiscuous', 'pasv_promiscuous=YES'));
    assert.deepEqual(check(onLine).map((f) => f.ruleId), []);
    const inFile = applyFix(text, { ...finding, fixes: [file!] });
    assert.ok(inFile.startsWith('# ftpwall-disable vsftpd/pasv-promiscuous\n'));
    assert.deepEqual(check(inFile).map((f) => f.ruleId), []);
  });

  it('fix-all applies only safe fixes and leaves a file vsftpd accepts', () => {
    const before = conf('listen=YES ', '  # passive', 'local_enable=YES\r', 'pasv_min_port=2222pasv_max_port=2225', 'write_enable = YES', 'ssl_enable=YES', 'anonymous_enable=NO', 'anonymous_enable=NO', 'pasv_promiscuous=YES');
    const { text, applied } = fixAll(vsftpdLanguage, before, CONF);
    assert.equal(text, conf('listen=YES', '# passive', 'local_enable=YES', 'pasv_min_port=2222', 'pasv_max_port=2225', 'write_enable=YES', 'ssl_enable=YES', 'anonymous_enable=NO', 'pasv_promiscuous=YES'));
    assert.ok(applied >= 6);
    const left = check(text).map((f) => f.ruleId);
    assert.ok(!left.some((id) => ['vsftpd/bad-boolean', 'vsftpd/indented-comment', 'vsftpd/space-before-equals'].includes(id)), left.join(', '));
    assert.ok(left.includes('vsftpd/pasv-promiscuous'), 'a fix that changes behaviour must wait for the user');
  });
});
