import type { FileRule } from '../../core/rule.js';
import type { HostsAccessDocument } from './hosts-access.js';

export const missingSeparator: FileRule<HostsAccessDocument> = {
  id: 'libwrap/missing-separator',
  severity: 'warning',
  summary: 'A hosts.allow or hosts.deny line without the colon after its daemons, which libwrap skips',
  docs: {
    detects: 'A line of hosts.allow or hosts.deny with no colon between the daemon list and the client list ("vsftpd ALL", "vsftpd, sshd 10.0.0.0/8").',
    why: 'libwrap logs "missing \':\' separator" and skips the line as if it were not there: an administrator who meant it to refuse (or let in) FTP clients gets the opposite of what the line says. Checked with the real vsftpd: "vsftpd,sshd ALL" in hosts.deny refuses no one.',
    fix: 'Put a colon between the daemons and the clients: `vsftpd: ALL`.',
    before: 'vsftpd, sshd ALL',
    after: 'vsftpd, sshd: ALL',
    language: 'text',
  },
  check(doc, report) {
    for (const line of doc.skipped) report({ range: line.range, message: 'This line has no ":" after its daemons, so libwrap skips it ("missing \':\' separator"): it lets no one in and keeps no one out.' });
  },
};
