/**
 * hosts.allow and hosts.deny as clients from 127.0.0.1 meet them, and what ftpwall makes of each:
 * granted or refused where the files say for sure, depends where the answer needs the client's
 * host name (LOCAL, KNOWN, a wildcard), the server's address (vsftpd@...) or an option ftpwall
 * does not know. test/kernel/tcp-wrappers.test.ts runs each against the real vsftpd and libwrap:
 * every sure answer must be the one the real server gives.
 */
export interface AccessCase { allow: string; deny: string; says: 'granted' | 'refused' | 'depends' }

export const ACCESS_CASES: AccessCase[] = [
  { allow: '', deny: 'ALL: ALL\n', says: 'refused' },
  { allow: '', deny: '', says: 'granted' },
  { allow: 'vsftpd: 127.0.0.1\n', deny: 'ALL: ALL\n', says: 'granted' },
  { allow: 'vsftpd: 127.0.0.0/255.0.0.0\n', deny: 'ALL: ALL\n', says: 'granted' },
  { allow: 'vsftpd: 127.0.0.0/8\n', deny: 'ALL: ALL\n', says: 'granted' },
  { allow: 'vsftpd: 127.\n', deny: 'ALL: ALL\n', says: 'granted' },
  { allow: 'vsftpd: 10.0.0.0/8\n', deny: 'ALL: ALL\n', says: 'refused' },
  { allow: 'sshd: 127.0.0.1\n', deny: 'ALL: ALL\n', says: 'refused' },
  { allow: '', deny: 'ALL EXCEPT vsftpd: ALL\n', says: 'granted' },
  { allow: 'vsftpd: ALL: deny\n', deny: '', says: 'refused' },
  { allow: 'vsftpd: ALL: DENY\n', deny: '', says: 'refused' },
  { allow: '', deny: 'vsftpd: ALL: allow\n', says: 'granted' },
  { allow: '', deny: 'VSFTPD: ALL\n', says: 'refused' },
  { allow: '', deny: 'in.ftpd: ALL\n', says: 'granted' },
  { allow: '', deny: 'vsftpd: ALL EXCEPT 127.0.0.1\n', says: 'granted' },
  { allow: '', deny: 'vsftpd,sshd ALL\n', says: 'granted' },
  { allow: '', deny: 'vsftpd : 127.0.0.0/255.255.255.0 , 10.0.0.1\n', says: 'refused' },
  { allow: '', deny: 'vsftpd: ALL: spawn /bin/true\n', says: 'refused' },
  { allow: '', deny: 'vsftpd: ALL \\\n  EXCEPT 127.0.0.1\n', says: 'granted' },
  { allow: '', deny: '# vsftpd: ALL\n\nsshd: ALL\n', says: 'granted' },
  { allow: '', deny: 'vsftpd: [::1]\n', says: 'granted' },
  { allow: 'vsftpd: 10.0.0.0/8\n', deny: 'vsftpd: 192.168.0.0/16\n', says: 'granted' },
  { allow: '', deny: 'vsftpd: LOCAL\n', says: 'depends' },
  { allow: '', deny: 'vsftpd: KNOWN\n', says: 'depends' },
  { allow: '', deny: 'vsftpd: UNKNOWN\n', says: 'depends' },
  { allow: '', deny: 'vsftpd: 127.0.0.*\n', says: 'depends' },
  { allow: '', deny: 'vsftpd@127.0.0.1: ALL\n', says: 'depends' },
  { allow: '', deny: 'vsftpd: ALL: bogusoption\n', says: 'depends' },
  { allow: '', deny: 'vsftpd: localhost\n', says: 'depends' },
  // Both ways of an unsure entry give the same answer: sure.
  { allow: 'vsftpd: .example.com\n', deny: '', says: 'granted' },
  { allow: '', deny: 'vsftpd: .example.com\nALL: ALL\n', says: 'refused' },
];
