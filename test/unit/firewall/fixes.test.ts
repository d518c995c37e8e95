import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixAll } from '../../../server/src/analysis/fix-all.js';
import { languageById } from '../../../server/src/analysis/languages.js';
import { applyFixTo, checkAs, lines, PATHS } from '../../helpers/files.js';
import { FIREWALL_CASES } from './rule-cases.js';
import { NFT_CASES } from '../nftables/check-cases.js';

interface FixCase { rule: string; lang: string; before: string; title: string; after: string }
const f = (...body: string[]) => lines('*filter', ...body, 'COMMIT');
const nft = (...rules: string[]) => lines('table inet filter {', '\tchain input {', '\t\ttype filter hook input priority filter; policy drop;', ...rules.map((r) => `\t\t${r}`), '\t}', '}');
const FIXES: FixCase[] = [
  { rule: 'iptables/carriage-return', lang: 'iptables', before: '*filter\r\n-A INPUT -j ACCEPT\r\nCOMMIT\r\n', title: 'Convert to Unix line endings', after: f('-A INPUT -j ACCEPT') },
  { rule: 'iptables/missing-commit', lang: 'iptables', before: lines('*filter', '-A INPUT -j ACCEPT'), title: 'Add COMMIT', after: f('-A INPUT -j ACCEPT') },
  { rule: 'iptables/missing-commit', lang: 'iptables', before: '*filter\n-A INPUT -j ACCEPT', title: 'Add COMMIT', after: '*filter\n-A INPUT -j ACCEPT\nCOMMIT' },
  { rule: 'iptables/table-still-open', lang: 'iptables', before: lines('*raw', '-A PREROUTING -p tcp --dport 21 -j CT --helper ftp', '*filter', 'COMMIT'), title: 'Add COMMIT before this table', after: lines('*raw', '-A PREROUTING -p tcp --dport 21 -j CT --helper ftp', 'COMMIT', '*filter', 'COMMIT') },
  { rule: 'iptables/unknown-table', lang: 'iptables', before: lines('*filters', 'COMMIT'), title: 'Change to filter', after: lines('*filter', 'COMMIT') },
  { rule: 'iptables/script-stops-early', lang: 'iptables-script', before: lines('set -e', 'iptables -X OLD_CHAIN', 'iptables -A INPUT -j ACCEPT'), title: 'Let the script go on when this command fails (|| true)', after: lines('set -e', 'iptables -X OLD_CHAIN || true', 'iptables -A INPUT -j ACCEPT') },
  { rule: 'iptables/unknown-chain', lang: 'iptables', before: f('-A INPUT -j FTP_IN'), title: 'Declare chain FTP_IN', after: f(':FTP_IN - [0:0]', '-A INPUT -j FTP_IN') },
  { rule: 'iptables/unknown-chain', lang: 'iptables-script', before: lines('IPT=/sbin/iptables', '  $IPT -t raw -A PREROUTING -j FTP'), title: 'Declare chain FTP', after: lines('IPT=/sbin/iptables', '  $IPT -t raw -N FTP', '  $IPT -t raw -A PREROUTING -j FTP') },
  { rule: 'iptables/unknown-chain', lang: 'iptables', before: f('-A INPUT -p tcp --dport 21 -j ACCEPTT'), title: 'Change to ACCEPT', after: f('-A INPUT -p tcp --dport 21 -j ACCEPT') },
  { rule: 'iptables/unknown-option', lang: 'iptables', before: f('-A INPUT -p tcp --destination-prot 21 -j ACCEPT'), title: 'Change to --destination-port', after: f('-A INPUT -p tcp --destination-port 21 -j ACCEPT') },
  { rule: 'iptables/unknown-extension', lang: 'iptables', before: f('-A INPUT -m conntrak --ctstate ESTABLISHED -j ACCEPT'), title: 'Change to conntrack', after: f('-A INPUT -m conntrack --ctstate ESTABLISHED -j ACCEPT') },
  { rule: 'iptables/invalid-value', lang: 'iptables', before: f('-A INPUT -m state --state ESTABLISHED,RELATD -j ACCEPT'), title: 'Change RELATD to RELATED', after: f('-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT') },
  { rule: 'iptables/port-range-inverted', lang: 'iptables', before: f('-A INPUT -p tcp --dport 40100:40000 -j ACCEPT'), title: 'Swap to 40000:40100', after: f('-A INPUT -p tcp --dport 40000:40100 -j ACCEPT') },
  { rule: 'iptables/option-needs-protocol', lang: 'iptables', before: f('-A INPUT --dport 21 -j ACCEPT'), title: 'Add -p tcp', after: f('-A INPUT -p tcp --dport 21 -j ACCEPT') },
  { rule: 'iptables/option-needs-protocol', lang: 'iptables', before: f('-A INPUT -m multiport --dports 20,21 -j ACCEPT'), title: 'Add -p tcp', after: f('-A INPUT -p tcp -m multiport --dports 20,21 -j ACCEPT') },
  { rule: 'iptables/unknown-helper', lang: 'iptables', before: lines('*raw', '-A PREROUTING -p tcp --dport 21 -j CT --helper FTP', 'COMMIT'), title: 'Change FTP to ftp', after: lines('*raw', '-A PREROUTING -p tcp --dport 21 -j CT --helper ftp', 'COMMIT') },
  { rule: 'iptables/bad-argument', lang: 'iptables', before: f('-A INPUT -p tcp --dport 21 -j ACCEPT # ftp control'), title: 'Move the comment to its own line', after: f('# ftp control', '-A INPUT -p tcp --dport 21 -j ACCEPT') },
  { rule: 'iptables/interface-direction', lang: 'iptables', before: f('-A OUTPUT -i eth0 -j ACCEPT'), title: 'Change -i to -o', after: f('-A OUTPUT -o eth0 -j ACCEPT') },
  { rule: 'iptables/log-prefix-truncated', lang: 'iptables', before: f('-A INPUT -j LOG --log-prefix "FTP passive connection refused: "'), title: 'Shorten to "FTP passive connection refuse"', after: f('-A INPUT -j LOG --log-prefix "FTP passive connection refuse"') },
  { rule: 'modules/misspelt-module', lang: 'iptables-config', before: lines('IPTABLES_MODULES="ip_conntract_ftp"'), title: 'Change to ip_conntrack_ftp', after: lines('IPTABLES_MODULES="ip_conntrack_ftp"') },
  { rule: 'modules/old-module-name', lang: 'modprobe', before: lines('options ip_conntrack_ftp ports=21,2121'), title: 'Change to nf_conntrack_ftp', after: lines('options nf_conntrack_ftp ports=21,2121') },
  { rule: 'modules/nat-without-conntrack', lang: 'iptables-config', before: lines('IPTABLES_MODULES="nf_nat_ftp"'), title: 'Load nf_conntrack_ftp first', after: lines('IPTABLES_MODULES="nf_conntrack_ftp nf_nat_ftp"') },
  { rule: 'modules/iptables-modules-overwritten', lang: 'iptables-config', before: lines('# modules', 'IPTABLES_MODULES="ip_conntrack_ftp"', 'IPTABLES_MODULES="ip_nat_ftp"', 'IPTABLES_MODULES_UNLOAD="yes"'), title: 'Merge into one line: IPTABLES_MODULES="nf_conntrack_ftp nf_nat_ftp"', after: lines('# modules', 'IPTABLES_MODULES="nf_conntrack_ftp nf_nat_ftp"', 'IPTABLES_MODULES_UNLOAD="yes"') },
  { rule: 'iptables/octal-number', lang: 'iptables', before: f('-A INPUT -p tcp --dport 040000:40100 -j ACCEPT'), title: 'Write 40000 (the decimal number it looks like)', after: f('-A INPUT -p tcp --dport 40000:40100 -j ACCEPT') },
  { rule: 'iptables/octal-number', lang: 'iptables', before: f('-A INPUT -p tcp --dport 021 -j ACCEPT'), title: 'Write 17 (what iptables reads now)', after: f('-A INPUT -p tcp --dport 17 -j ACCEPT') },
  { rule: 'nftables/octal-number', lang: 'nftables', before: nft('tcp dport { 021, 40000-40100 } accept'), title: 'Write 21 (the decimal number it looks like)', after: nft('tcp dport { 21, 40000-40100 } accept') },
  { rule: 'nftables/syntax-error', lang: 'nftables', before: nft('tcp dport 21 acept'), title: 'Change to "accept"', after: nft('tcp dport 21 accept') },
  { rule: 'nftables/syntax-error', lang: 'nftables', before: nft('tcp dprot 21 accept'), title: 'Change to "dport"', after: nft('tcp dport 21 accept') },
  { rule: 'nftables/iif-needs-interface', lang: 'nftables', before: nft('iif eth1 tcp dport 21 accept'), title: 'Use iifname, which does not need the interface at load time', after: nft('iifname "eth1" tcp dport 21 accept') },
  { rule: 'nftables/iif-needs-interface', lang: 'nftables', before: nft('iif != "eth1" drop'), title: 'Use iifname, which does not need the interface at load time', after: nft('iifname != "eth1" drop') },
];

describe('firewall and module quick fixes', () => {
  it('covers every rule whose findings offer a fix', () => {
    const tested = new Set(FIXES.map((c) => c.rule));
    for (const [rule, { fires }] of Object.entries({ ...FIREWALL_CASES, ...NFT_CASES })) {
      const offers = fires.some((c) => checkAs(c.lang, c.text).some((x) => x.ruleId === rule && x.fixes.length > 0));
      assert.equal(tested.has(rule), offers, offers ? `${rule} offers fixes but has no fix test` : `${rule} has a fix test but its cases offer no fix`);
    }
  });

  for (const c of FIXES) {
    it(`${c.rule}: ${c.title}`, () => {
      const finding = checkAs(c.lang, c.before).find((x) => x.ruleId === c.rule);
      assert.ok(finding, `no ${c.rule} before the fix`);
      const after = applyFixTo(c.lang, c.before, finding, c.title);
      assert.equal(after, c.after);
      const remaining = checkAs(c.lang, after);
      assert.ok(!remaining.some((x) => x.ruleId === c.rule && x.message === finding.message), `the finding is still there: ${finding.message}`);
      const newErrors = remaining.filter((x) => x.severity === 'error' && !checkAs(c.lang, c.before).some((y) => y.ruleId === x.ruleId));
      assert.deepEqual(newErrors.map((x) => `${x.ruleId}: ${x.message}`), [], 'the fix adds no new error');
    });
  }

  it('fix-all repairs a restore file so that it has no errors left', () => {
    const before = '*filter\r\n-A INPUT -m state --state ESTABLISHED,RELATD -j ACCEPT\r\n-A INPUT -p tcp --dport 40100:40000 -j ACCEPT # passive\r\n';
    const language = languageById('iptables')!;
    const { text } = fixAll(language, before, PATHS['iptables']!);
    assert.equal(text, lines('*filter', '-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', '# passive', '-A INPUT -p tcp --dport 40000:40100 -j ACCEPT', 'COMMIT'));
    assert.deepEqual(checkAs('iptables', text).filter((x) => x.severity === 'error'), []);
  });
});
