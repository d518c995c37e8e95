import type { RuleCases } from '../firewall/rule-cases.js';

const deny = (text: string, line?: number, says?: string) => ({ lang: 'hosts-access', text, ...(line ? { line } : {}), ...(says ? { says } : {}) });

export const HOSTS_ACCESS_CASES: Record<string, RuleCases> = {
  'libwrap/missing-separator': {
    fires: [deny('# refuse FTP and ssh\nvsftpd,sshd ALL\n', 2, 'libwrap skips it'), deny('vsftpd ALL\n', 1)],
    // A colon inside brackets is an IPv6 address's; one after the daemons is enough, with or without options.
    quiet: [deny('vsftpd: ALL\n'), deny('ALL: [2001:db8::]/32 : spawn /bin/true\n'), deny('# vsftpd ALL\n\n'), deny('vsftpd \\\n  : ALL\n')],
  },
};
