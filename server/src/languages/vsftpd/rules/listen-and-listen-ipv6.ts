import { setValueFix } from '../edits.js';
import type { VsftpdRule } from './rule-type.js';

export const listenAndListenIpv6: VsftpdRule = {
  id: 'vsftpd/listen-and-listen-ipv6',
  severity: 'error',
  summary: 'listen=YES and listen_ipv6=YES together: vsftpd refuses to start',
  docs: {
    detects: 'Both listen and listen_ipv6 set to YES.',
    why: 'In standalone mode one vsftpd process listens either on IPv4 (listen) or on IPv6 (listen_ipv6); with both it stops with "run two copies of vsftpd for IPv4 and IPv6". On Linux, listen_ipv6=YES alone also accepts IPv4 clients unless the system disables dual-stack sockets.',
    fix: 'Keep one: listen_ipv6=YES (and listen=NO) to serve both address families from one process, or listen=YES for IPv4 only.',
    before: 'listen=YES\nlisten_ipv6=YES',
    after: 'listen=NO\nlisten_ipv6=YES',
    language: 'vsftpd',
  },
  check({ file, settings }, report) {
    const v4 = settings.bool('listen'), v6 = settings.bool('listen_ipv6');
    if (!v4.value || !v6.value || !v4.source || !v6.source) return;
    report({
      range: v6.source.range,
      message: 'listen=YES and listen_ipv6=YES cannot be combined; vsftpd refuses to start ("run two copies of vsftpd for IPv4 and IPv6").',
      related: [{ file: file.path, range: v4.source.range, message: 'listen=YES is set here' }],
      fixes: [
        setValueFix(file, v4.source, 'NO', false, 'Set listen=NO (listen_ipv6 serves IPv4 clients too on a dual-stack host)'),
        setValueFix(file, v6.source, 'NO', false, 'Set listen_ipv6=NO (IPv4 only)'),
      ],
    });
  },
};
