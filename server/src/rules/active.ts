import type { Fix, TextEdit } from '../core/findings.js';
import { decidedAt, droppedBeyondFix, type PacketOutcome } from '../engine/walk.js';
import { serverAnchor } from './anchors.js';
import { PortSet } from '../engine/port-set.js';
import type { HostContext, HostRule } from './host-rule.js';

/** The line of the first rule in the firewall file that drops the packets of an outcome for every client (or jumps to the one that does), if a rule (not a policy) does. */
function blockingLine(outcome: PacketOutcome | undefined, path: string): number | undefined {
  const drop = outcome?.decisions.find((d) => d.verdict === 'drop' && !d.onlyIf);
  const at = drop?.rule && decidedAt(drop);
  return at && at.path === path ? at.line : undefined;
}

/**
 * Accepts the server's active data connections in the firewall, in its style: on OUTPUT from
 * the server's data port (the connection and the rest of it), on INPUT the client's ESTABLISHED
 * replies to that port, each before the first rule that drops it. Without connect_from_port_20
 * the server connects from a random port, which no rule can name: the fix then turns it on in
 * the server's configuration as well.
 */
function acceptActiveFix(context: HostContext): Fix | undefined {
  const fw = context.firewall;
  const { server } = context.paths;
  if (!fw || server.path === undefined) return undefined;
  if (droppedBeyondFix(context.paths.active.outcomes)) return undefined;
  const [fromServer, reply, restOfIt] = context.paths.active.outcomes;
  const port = server.fixedActivePort;
  const file = fw.path.split('/').pop();
  const edits: TextEdit[] = [];
  const add = (edit: TextEdit | undefined) => {
    if (!edit) return;
    // Two rules added at the same place (the end of the table) go in as one edit, in order.
    const same = edits.find((e) => e.range.start.line === edit.range.start.line && e.range.start.character === edit.range.start.character);
    if (same) same.newText += edit.newText; else edits.push(edit);
  };
  if (!fromServer?.blocked.isEmpty || !restOfIt?.blocked.isEmpty) {
    const before = blockingLine(fromServer, fw.path) ?? blockingLine(restOfIt, fw.path);
    add(fw.doc.intents.acceptOutboundFrom(PortSet.range(port, port), { comment: `ftpwall: ${server.server} active data`, ...(before !== undefined ? { beforeLine: before } : {}) }));
  }
  if (!reply?.blocked.isEmpty) {
    const before = blockingLine(reply, fw.path);
    add(fw.doc.intents.acceptInbound(PortSet.range(port, port), { established: true, comment: `ftpwall: replies to ${server.server} active data`, ...(before !== undefined ? { beforeLine: before } : {}) }));
  }
  if (edits.length === 0) return undefined;
  if (server.activeSourcePort !== undefined) {
    return { title: `Accept ${server.server}'s active data connections from port ${port} in ${file}`, edits: { [fw.path]: edits }, safe: false, preferred: true };
  }
  const fixed = server.useFixedActivePort();
  if (!fixed) return undefined;
  return { title: `Connect from port ${port} in ${server.path.split('/').pop()} and accept it in ${file}`, edits: { ...fixed.edits, [fw.path]: edits }, safe: false, preferred: true };
}

export const activeBlocked: HostRule = {
  id: 'ftp/active-blocked',
  severity: 'warning',
  summary: 'Active-mode data connections are blocked',
  docs: {
    detects: 'A host whose firewall drops the server\'s outgoing data connection in active mode (OUTPUT), or the client\'s replies to it (INPUT).',
    why: 'Clients that use active mode (PORT/EPRT) can log in but every listing fails. With an OUTPUT policy of DROP, the connection from port 20 needs its own rule (or a working FTP helper and RELATED).',
    fix: 'Accept the server\'s connections from its data port: `-A OUTPUT -p tcp --sport 20 -j ACCEPT` (with connect_from_port_20=YES), and ESTABLISHED replies on INPUT; or turn active mode off (port_enable=NO) if clients use passive. The quick fix adds these rules before the first rule that drops the connection (and turns connect_from_port_20 on when it is off, since a random source port cannot be named in a rule).',
    before: ':OUTPUT DROP [0:0]\n-A OUTPUT -m state --state ESTABLISHED -j ACCEPT',
    after: ':OUTPUT DROP [0:0]\n-A OUTPUT -m state --state ESTABLISHED -j ACCEPT\n-A OUTPUT -p tcp --sport 20 -j ACCEPT',
    language: 'text',
  },
  check(context, report) {
    const active = context.paths.active;
    if (active.verdict !== 'blocked' || active.refusedByServer || context.host.config.clients === 'passive') return;
    const anchor = serverAnchor(context, 'activeSource', 'active');
    if (!anchor) return;
    const fix = acceptActiveFix(context);
    report({ ...anchor, message: `Active-mode data connections are blocked: ${active.reason}`, related: active.deciding.map((d) => ({ file: d.path, range: d.range, message: 'blocks active data connections' })), fixes: fix ? [fix] : [] });
  },
};
