import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { languageById } from '../../../server/src/analysis/languages.js';
import { Workspace } from '../../../server/src/lsp/workspace.js';
import { conf, filter, HOST, RULES, VSFTPD } from '../../helpers/hosts.js';

describe('the server redoes the host check only when the host model changed', () => {
  const rules = filter('# the control port', '-A INPUT -p tcp --dport 21 -j ACCEPT');

  function openHost(text = rules): Workspace {
    const workspace = new Workspace([HOST]);
    workspace.setOpen(VSFTPD, conf('pasv_min_port=40000', 'pasv_max_port=40100'), languageById('vsftpd'));
    workspace.setOpen(RULES, text, languageById('iptables'));
    return workspace;
  }

  it('keeps the host check through an edit of a comment, and its findings still hold', () => {
    const workspace = openHost();
    const before = workspace.hostCheck(HOST)!;
    assert.ok(before.findings.some((f) => f.ruleId === 'ftp/passive-blocked'), 'the host has a finding to keep');
    workspace.setOpen(RULES, rules.replace('the control port', 'FTP control'), languageById('iptables'));
    assert.equal(workspace.hostCheck(HOST), before);
    assert.deepEqual(workspace.findingsFor(RULES), openHost(rules.replace('the control port', 'FTP control')).findingsFor(RULES));
  });

  it('checks the host again after an edit of a rule, or of a comment that moves lines', () => {
    for (const edited of [rules.replace('--dport 21', '--dport 40000:40100'), rules.replace('# the control port', '# the\n# control port')]) {
      const workspace = openHost();
      const before = workspace.hostCheck(HOST)!;
      workspace.setOpen(RULES, edited, languageById('iptables'));
      const after = workspace.hostCheck(HOST)!;
      assert.notEqual(after, before);
      assert.deepEqual(after.findings, openHost(edited).hostCheck(HOST)!.findings);
    }
  });

  it('after each edit read in place, finds what a fresh reading of the same text finds (the jumps, address translations and addresses kept from before)', () => {
    const start = [
      '*nat', ':PREROUTING ACCEPT [0:0]', ':KUBE-SVC - [0:0]', ':KUBE-SEP - [0:0]', ':SPARE - [0:0]',
      '-A PREROUTING -p tcp --dport 21 -j KUBE-SVC', '-A KUBE-SVC -j KUBE-SEP', '-A KUBE-SEP -p tcp -j DNAT --to-destination 10.0.0.5:21', 'COMMIT',
      '*filter', ':INPUT DROP [0:0]', ':FTP - [0:0]', ':UNUSED - [0:0]', '-A INPUT -s 010.0.0.0/8 -j FTP', '-A INPUT -p tcp --dport 21 -j ACCEPT',
      '-A FTP -p tcp --dport 40000:40100 -j ACCEPT', 'COMMIT', '',
    ].join('\n');
    const edits: Array<[string, string]> = [
      ['-A KUBE-SVC -j KUBE-SEP', '-A KUBE-SVC -j SPARE'],
      ['--to-destination 10.0.0.5:21', '--to-destination 10.0.0.5:2121'],
      ['-A KUBE-SVC -j SPARE', '-A KUBE-SVC -j KUBE-SEP'],
      ['-s 010.0.0.0/8 -j FTP', '-s 10.0.0.0/8 -j UNUSED'],
      ['-s 10.0.0.0/8 -j UNUSED', '-s 10.0.0.0/8 -j FTP'],
      ['-A FTP -p tcp --dport 40000:40100 -j ACCEPT', '-A FTP -p tcp --dport 40000:40100 -j ACCEPT\n'],
    ];
    const workspace = openHost(start);
    let text = start;
    for (const [from, to] of edits) {
      text = text.replace(from, to);
      workspace.setOpen(RULES, text, languageById('iptables'));
      const fresh = openHost(text);
      assert.deepEqual(workspace.findingsFor(RULES), fresh.findingsFor(RULES), `after ${from} -> ${to}`);
      const verdicts = (w: Workspace) => Object.entries(w.hostCheck(HOST)!.paths).map(([name, path]) => `${name}: ${(path as { verdict?: string }).verdict} ${(path as { reason?: string }).reason ?? ''}`);
      assert.deepEqual(verdicts(workspace), verdicts(fresh), `after ${from} -> ${to}`);
    }
  });
});

