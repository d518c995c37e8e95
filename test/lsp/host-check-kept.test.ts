import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { recognize } from '../../server/src/analysis/languages.js';
import type { Finding } from '../../server/src/core/findings.js';
import { Workspace } from '../../server/src/lsp/workspace.js';
import { scratch } from '../helpers/temp.js';

const RUNS = Number(process.env['FTPWALL_PROPERTY_RUNS'] ?? 150);
const CONF = 'listen=YES\nanonymous_enable=NO\nlocal_enable=YES\nssl_enable=NO\npasv_min_port=40000\npasv_max_port=40100\n';
/** INPUT decides FTP; FWD-A and FWD-B are reached from FORWARD only, which no FTP connection goes through. */
const rules = (forwarded: string[]) => [
  '*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', ':FWD-A - [0:0]', ':FWD-B - [0:0]',
  '-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -p tcp --dport 40000:40050 -j ACCEPT', '-A INPUT -j REJECT',
  '-A FORWARD -j FWD-A', '-A FORWARD -j FWD-B', ...forwarded, 'COMMIT', '',
].join('\n');
const FORWARDED = ['-A FWD-A -s 10.0.0.0/8 -j DROP', '-A FWD-A -p udp --dport 53 -j ACCEPT', '-A FWD-B -p tcp --dport 8080 -j LOG --log-prefix "fwd: "', '-A FWD-B -j RETURN'];

const summary = (findings: Finding[]) => findings.map((f) => `${f.file}:${f.range.start.line}:${f.range.start.character} ${f.ruleId} ${f.message} | ${f.fixes.map((x) => JSON.stringify(x.edits)).join(' ')}`).sort();

function workspaceWith(root: string, texts: Record<string, string>): Workspace {
  const workspace = new Workspace([root]);
  for (const [path, text] of Object.entries(texts)) workspace.setOpen(join(root, path), text, recognize(path, text));
  return workspace;
}

describe('the host check is kept across an edit of a rule it never looked at', () => {
  const root = scratch({ 'etc/vsftpd.conf': CONF, 'etc/iptables/rules.v4': rules(FORWARDED) });
  const rulesPath = join(root, 'etc', 'iptables', 'rules.v4');

  it('keeps it for a rule in a chain only FORWARD reaches, and runs it again for INPUT or a rule that opens ports', () => {
    const workspace = workspaceWith(root, { 'etc/vsftpd.conf': CONF, 'etc/iptables/rules.v4': rules(FORWARDED) });
    const first = workspace.hostCheck(root)!;
    assert.ok(first.findings.some((f) => f.ruleId === 'ftp/passive-blocked'), summary(first.findings).join('\n'));
    workspace.setOpen(rulesPath, rules(FORWARDED.map((r) => r.replace('10.0.0.0/8', '172.16.0.0/12'))), undefined);
    assert.equal(workspace.hostCheck(root), first, 'kept: FWD-A is not on any FTP path');
    // An ACCEPT that opens ports is weighed by the host rules wherever it is (a range that does not match vsftpd's).
    workspace.setOpen(rulesPath, rules(FORWARDED.map((r) => r.replace('-p udp --dport 53', '-p tcp --dport 40000:40100'))), undefined);
    const second = workspace.hostCheck(root)!;
    assert.notEqual(second, first, 'checked again: the rule opens ports');
    workspace.setOpen(rulesPath, rules(FORWARDED.map((r) => r.replace('-p udp --dport 53', '-p tcp --dport 40000:40100'))).replace('--dport 40000:40050', '--dport 40000:40100'), undefined);
    assert.notEqual(workspace.hostCheck(root), second, 'checked again: INPUT is on every path');
  });

  it('gives exactly the findings and verdicts a fresh check gives, after every edit of a chain of edits', () => {
    const rule = fc.oneof(
      fc.constantFrom('-j DROP', '-j ACCEPT', '-j RETURN', '-j FWD-B', '-j LOG --log-prefix "x: "'),
      fc.tuple(fc.constantFrom('-p tcp --dport', '-p udp --dport', '-p tcp --sport'), fc.integer({ min: 1, max: 65535 }), fc.constantFrom('-j ACCEPT', '-j DROP', '-j REJECT')).map(([p, n, t]) => `${p} ${n} ${t}`),
      fc.tuple(fc.integer({ min: 1024, max: 65000 }), fc.nat(200)).map(([low, span]) => `-p tcp --dport ${low}:${low + span} -j ACCEPT`),
    );
    const line = fc.tuple(fc.constantFrom('FWD-A', 'FWD-B', 'INPUT'), rule).map(([chain, r]) => `-A ${chain} ${r}`);
    let keptChecks = 0, newChecks = 0;
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(FORWARDED.length - 1), line), { minLength: 1, maxLength: 6 }), (edits) => {
      const lines = [...FORWARDED];
      const workspace = workspaceWith(root, { 'etc/vsftpd.conf': CONF, 'etc/iptables/rules.v4': rules(lines) });
      let before = workspace.hostCheck(root);
      for (const [at, replacement] of edits) {
        lines[at] = replacement;
        workspace.setOpen(rulesPath, rules(lines), undefined);
        const kept = workspace.hostCheck(root)!;
        if (kept === before) keptChecks++; else newChecks++;
        before = kept;
        const fresh = workspaceWith(root, { 'etc/vsftpd.conf': CONF, 'etc/iptables/rules.v4': rules(lines) }).hostCheck(root)!;
        assert.deepEqual(summary(kept.findings), summary(fresh.findings));
        for (const name of ['control', 'passive', 'active'] as const) {
          assert.deepEqual([kept.paths[name].verdict, kept.paths[name].reason, kept.paths[name].deciding.map((d) => d.line)], [fresh.paths[name].verdict, fresh.paths[name].reason, fresh.paths[name].deciding.map((d) => d.line)]);
        }
      }
    }), { numRuns: RUNS });
    // Both ways were taken, so the comparison above says something about each.
    assert.ok(keptChecks > 20 && newChecks > 20, `${keptChecks} kept, ${newChecks} checked again`);
  });
});
