import { decidedAt, droppedBeyondFix } from '../engine/walk.js';
import type { HostRule } from './host-rule.js';
import { commandNote, serverAnchor } from './anchors.js';

export const controlBlocked: HostRule = {
  id: 'ftp/control-blocked',
  severity: 'warning',
  summary: 'The firewall blocks the FTP control connection',
  docs: {
    detects: 'A host whose firewall does not let new connections to vsftpd\'s listen_port (21 unless set) in, or blocks the rest of the control connection.',
    why: 'Nobody can even log in: the client\'s connection to port 21 is dropped or rejected.',
    fix: 'Accept TCP to the control port, and replies as ESTABLISHED: `-A INPUT -p tcp --dport 21 -j ACCEPT` before the rule that drops it.',
    before: '*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT',
    after: '*filter\n:INPUT DROP [0:0]\n-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT\n-A INPUT -p tcp --dport 22 -j ACCEPT\n-A INPUT -p tcp --dport 21 -j ACCEPT\nCOMMIT',
    language: 'text',
  },
  check(context, report) {
    const control = context.paths.control;
    if (control.verdict !== 'blocked' || control.refusedByServer || !context.firewall) return;
    const anchor = serverAnchor(context, 'controlPort', 'listen', 'ipv6');
    if (!anchor) return;
    const port = control.ports.toString();
    const blocker = control.outcomes.flatMap((o) => o.decisions).find((d) => d.verdict === 'drop' && !d.onlyIf && d.rule && decidedAt(d)!.path === context.firewall!.path);
    const edit = droppedBeyondFix(control.outcomes) ? undefined : context.firewall.doc.intents.acceptInbound(control.ports, { comment: 'ftpwall: FTP control', ...(blocker ? { beforeLine: decidedAt(blocker)!.line } : {}) });
    report({
      ...anchor,
      message: `FTP control connections are blocked: ${control.reason}`,
      related: control.deciding.map((d) => ({ file: d.path, range: d.range, message: 'blocks the control connection' })),
      fixes: edit ? [{ title: `Accept the control port ${port} in ${context.firewall.path.split('/').pop()}${commandNote(context.firewall.doc.intents.commandFor?.('accept-inbound', control.ports))}`, edits: { [context.firewall.path]: [edit] }, safe: false, preferred: true }] : [],
    });
  },
};

export const controlNotEstablished: HostRule = {
  id: 'ftp/control-not-established',
  severity: 'warning',
  summary: 'New control connections are accepted but the rest of the connection is not',
  docs: {
    detects: 'A firewall that accepts the first packet to port 21 (state NEW) but neither ESTABLISHED packets to it nor the server\'s replies.',
    why: 'The TCP handshake dies: the client\'s SYN gets in, but its ACK and every command after it are dropped, so the connection hangs.',
    fix: 'Accept established connections early in INPUT (and OUTPUT if its policy is DROP): `-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT`.',
    before: '-A INPUT -p tcp -m state --state NEW --dport 21 -j ACCEPT',
    after: '-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT\n-A INPUT -p tcp -m state --state NEW --dport 21 -j ACCEPT',
    language: 'text',
  },
  check(context, report) {
    const [first, ...rest] = context.paths.control.outcomes;
    if (!first || !context.firewall || first.open.isEmpty || rest.every((o) => o.blocked.isEmpty)) return;
    const anchor = serverAnchor(context, 'controlPort', 'listen');
    if (!anchor) return;
    // At the top of the first base chain on the way in, when this file wrote it.
    const top = context.paths.firewall?.baseChains('INPUT').find((c) => c.rules.length && !c.acceptsAddedElsewhere)?.rules[0];
    const edit = droppedBeyondFix(rest) ? undefined : context.firewall.doc.intents.acceptEstablished(top?.where.path === context.firewall.path ? { beforeLine: top.where.line } : {});
    report({
      ...anchor,
      message: `New connections to port ${context.paths.control.ports} are accepted, but ${rest.filter((o) => !o.blocked.isEmpty).map((o) => o.packet.label).join(' and ')} ${rest.filter((o) => !o.blocked.isEmpty).length > 1 ? 'are' : 'is'} dropped: the connection hangs after the handshake.`,
      fixes: edit ? [{ title: 'Accept ESTABLISHED,RELATED at the top of INPUT', edits: { [context.firewall.path]: [edit] }, safe: false, preferred: true }] : [],
    });
  },
};
