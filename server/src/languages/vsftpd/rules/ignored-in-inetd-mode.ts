import type { VsftpdRule } from './rule-type.js';

/** The directives vsftpd reads only when it listens by itself. */
const STANDALONE_ONLY = ['listen_port', 'listen_address', 'listen_address6'];

export const ignoredInInetdMode: VsftpdRule = {
  id: 'vsftpd/ignored-in-inetd-mode',
  severity: 'warning',
  summary: 'listen_port or listen_address set where vsftpd does not listen by itself (listen=NO, listen_ipv6=NO)',
  docs: {
    detects: 'listen_port, listen_address or listen_address6 written in a file where neither listen nor listen_ipv6 is YES (vsftpd\'s defaults are NO for both).',
    why: 'With both off vsftpd opens no socket: inetd, xinetd or a socket unit accepts each connection and hands it over. The port and the address are then those of that entry, and these lines change nothing; a firewall opened for the port they name is opened for the wrong one. ftpwall judges the port of the host\'s inetd or xinetd entry that runs vsftpd.',
    fix: 'Set the port and address in the entry that runs vsftpd (xinetd\'s `port` and `bind`, the first field of the inetd.conf line), or let vsftpd listen by itself with `listen=YES` or `listen_ipv6=YES`.',
    before: 'listen=NO\nlisten_ipv6=NO\nlisten_port=2121',
    after: 'listen=YES\nlisten_port=2121',
    language: 'vsftpd',
  },
  check({ settings }, report) {
    if (settings.bool('listen').value || settings.bool('listen_ipv6').value) return;
    for (const name of STANDALONE_ONLY) {
      const line = settings.winner(name);
      if (!line) continue;
      report({ range: line.range, message: `${name} is not read: with listen=NO and listen_ipv6=NO vsftpd does not listen by itself, and the port and address are those of the inetd, xinetd or socket unit entry that starts it.` });
    }
  },
};
