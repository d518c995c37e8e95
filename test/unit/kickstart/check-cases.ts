import { lines } from '../../helpers/files.js';
import type { RuleCases } from '../firewall/rule-cases.js';

/** A kickstart file whose %post section holds `post`. */
const ks = (...post: string[]) => ({ lang: 'kickstart', path: '/srv/host/ks.cfg', text: lines('text', 'firewall --enabled --service=ftp', '%packages', 'vsftpd', '%end', '%post', ...post, '%end') });

export const KICKSTART_CASES: Record<string, RuleCases> = {
  'kickstart/firewall-cmd-in-post': {
    fires: [
      { ...ks('firewall-cmd --permanent --add-port=40000-40100/tcp'), line: 7, says: 'FirewallD is not running' },
      { ...ks('systemctl enable vsftpd', 'for p in 40000-40100; do firewall-cmd --permanent --add-port=$p/tcp; done'), line: 8 },
    ],
    quiet: [ks('firewall-offline-cmd --add-port=40000-40100/tcp'), ks('systemctl enable vsftpd')],
  },
};
