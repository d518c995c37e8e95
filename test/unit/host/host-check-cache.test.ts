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
});
