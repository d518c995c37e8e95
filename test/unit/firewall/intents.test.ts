import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../../server/src/analysis/apply-edits.js';
import type { TextEdit } from '../../../server/src/core/findings.js';
import { PortSet } from '../../../server/src/engine/port-set.js';
import { readRestoreDocument } from '../../../server/src/languages/iptables/restore-document.js';
import { readScriptDocument } from '../../../server/src/languages/iptables/script-document.js';

const RESTORE = '*filter\n:INPUT DROP [0:0]\n-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT\n-A INPUT -j REJECT\nCOMMIT\n';
const SCRIPT = '#!/bin/sh\nIPT=/sbin/iptables\n$IPT -P INPUT DROP\n  $IPT -A INPUT -j REJECT\n';
const restore = readRestoreDocument(RESTORE, '/srv/h/etc/iptables/rules.v4');
const script = readScriptDocument(SCRIPT, '/srv/h/etc/firewall.sh');
const apply = (text: string, edit: TextEdit | undefined) => applyEdits(text, [edit!]).text;

describe('what the host checks ask of a firewall file, written in its own style', () => {
  it('accepts ports inbound and outbound, before a given rule or at the end of the chain\'s block', () => {
    assert.equal(apply(RESTORE, restore.intents.acceptInbound(PortSet.range(40000, 40100), { comment: 'ftpwall: passive', beforeLine: 3 })),
      RESTORE.replace('-A INPUT -j REJECT', '-A INPUT -p tcp --dport 40000:40100 -m comment --comment "ftpwall: passive" -j ACCEPT\n-A INPUT -j REJECT'));
    assert.equal(apply(RESTORE, restore.intents.acceptOutboundFrom(PortSet.range(20, 20))), RESTORE.replace('COMMIT', '-A OUTPUT -p tcp --sport 20 -j ACCEPT\nCOMMIT'));
    assert.equal(apply(RESTORE, restore.intents.acceptInbound(PortSet.range(20, 20), { established: true })), RESTORE.replace('COMMIT', '-A INPUT -p tcp --dport 20 -m state --state ESTABLISHED -j ACCEPT\nCOMMIT'));
    assert.equal(restore.intents.acceptInbound(PortSet.of([21, 21], [990, 990])), undefined, 'two ranges are not one rule');
  });

  it('writes a script\'s lines as the script calls iptables, indented like the line they go before', () => {
    assert.equal(apply(SCRIPT, script.intents.acceptInbound(PortSet.range(21, 21), { beforeLine: 3 })), SCRIPT.replace('  $IPT -A INPUT -j REJECT', '  $IPT -A INPUT -p tcp --dport 21 -j ACCEPT\n  $IPT -A INPUT -j REJECT'));
    // At the end, indented like the statement it follows.
    assert.equal(apply(SCRIPT, script.intents.acceptEstablished()), `${SCRIPT}  $IPT -A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT\n`);
  });

  it('adds a script\'s rule after the whole top-level statement that runs its last command, never inside a loop, a branch or a function', () => {
    const cases: Array<[string, string, string]> = [
      // A loop: inside it the rule would be added once per turn.
      ['a loop', 'IPT=iptables\nfor p in 21 990; do\n  $IPT -A INPUT -p tcp --dport $p -j ACCEPT\ndone\n', 'done\n'],
      // A case by the host's role: the last command written is in "backup)", which the others never run.
      ['a case', 'IPT=iptables\ncase "$ROLE" in\n  ftp)\n    $IPT -A INPUT -j REJECT\n    ;;\n  backup)\n    $IPT -F\n    ;;\nesac\n', 'esac\n'],
      // A function: the rule goes after the call that runs it, not into its body or after its definition.
      ['a function called at the end', 'IPT=iptables\nsetup() {\n  $IPT -A INPUT -j REJECT\n}\nhelper() {\n  setup\n}\necho start\nhelper\necho done\n', 'helper\n'],
    ];
    for (const [what, text, after] of cases) {
      const doc = readScriptDocument(text, '/srv/h/etc/firewall.sh');
      const added = apply(text, doc.intents.acceptEstablished());
      const at = text.lastIndexOf(after) + after.length;
      assert.equal(added, `${text.slice(0, at)}$IPT -A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT\n${text.slice(at)}`, what);
    }
    // Indented like the statement it follows, inside a block that every way runs.
    const indented = 'IPT=iptables\n{\n  for p in 21; do\n    $IPT -A INPUT -p tcp --dport $p -j ACCEPT\n  done\n}\n';
    const doc = readScriptDocument(indented, '/srv/h/etc/firewall.sh');
    assert.equal(apply(indented, doc.intents.acceptEstablished()), `${indented}$IPT -A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT\n`);
  });

  it('assigns the FTP helper in the raw table, before NAT, creating the table block a restore file lacks', () => {
    // The raw table sees the port the client connected to, not the one a DNAT sends it to.
    assert.equal(apply(RESTORE, restore.intents.assignFtpHelper({ connect: 2121, arrives: 21 })), `*raw\n-A PREROUTING -p tcp --dport 2121 -j CT --helper ftp\nCOMMIT\n${RESTORE}`);
    assert.equal(apply(SCRIPT, script.intents.assignFtpHelper({ connect: 21, arrives: 21 })), `${SCRIPT}  $IPT -t raw -A PREROUTING -p tcp --dport 21 -j CT --helper ftp\n`);
  });

  it('moves a restore file\'s rule above another; a script\'s rules are not moved as lines', () => {
    const reject = restore.rulesets[0]!.chain('filter', 'INPUT')!.rules[1]!;
    const moved = restore.intents.moveAbove(reject, 2)!;
    assert.equal(applyEdits(RESTORE, moved).text, RESTORE.replace('-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT\n-A INPUT -j REJECT', '-A INPUT -j REJECT\n-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT'));
    assert.equal(script.intents.moveAbove(script.rulesets[0]!.chain('filter', 'INPUT')!.rules[0]!, 2), undefined);
  });
});
