import { vsftpdAnchor } from './anchors.js';
import type { HostRule } from './host-rule.js';

export const activeBlocked: HostRule = {
  id: 'ftp/active-blocked',
  severity: 'warning',
  summary: 'Active-mode data connections are blocked',
  docs: {
    detects: 'A host whose firewall drops the server\'s outgoing data connection in active mode (OUTPUT), or the client\'s replies to it (INPUT).',
    why: 'Clients that use active mode (PORT/EPRT) can log in but every listing fails. With an OUTPUT policy of DROP, the connection from port 20 needs its own rule (or a working FTP helper and RELATED).',
    fix: 'Accept the server\'s connections from its data port: `-A OUTPUT -p tcp --sport 20 -j ACCEPT` (with connect_from_port_20=YES), and ESTABLISHED replies on INPUT; or turn active mode off (port_enable=NO) if clients use passive.',
    before: ':OUTPUT DROP [0:0]\n-A OUTPUT -m state --state ESTABLISHED -j ACCEPT',
    after: ':OUTPUT DROP [0:0]\n-A OUTPUT -m state --state ESTABLISHED -j ACCEPT\n-A OUTPUT -p tcp --sport 20 -j ACCEPT',
    language: 'text',
  },
  check(context, report) {
    const active = context.paths.active;
    if (active.verdict !== 'blocked' || context.host.config.clients === 'passive') return;
    const anchor = vsftpdAnchor(context, 'connect_from_port_20', 'port_enable');
    if (!anchor) return;
    report({ ...anchor, message: `Active-mode data connections are blocked: ${active.reason}`, related: active.deciding.map((d) => ({ file: d.path, range: d.range, message: 'blocks active data connections' })) });
  },
};
