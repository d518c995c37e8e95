import { appendLine, fix } from '../edits.js';
import { fileAnchor } from '../document.js';
import type { VsftpdRule } from './rule-type.js';

export const pasvNoRange: VsftpdRule = {
  id: 'vsftpd/pasv-no-range',
  severity: 'information',
  summary: 'Passive mode is on with vsftpd\'s default port range, 5001-65535',
  docs: {
    detects: 'Passive mode enabled (the default) with neither pasv_min_port nor pasv_max_port set.',
    why: 'vsftpd then picks passive data ports anywhere from 5001 to 65535. A firewall must either open all of them or rely on the FTP conntrack helper, which needs an explicit assignment on current kernels and cannot read encrypted (TLS) control connections.',
    fix: 'Set a small range and open exactly that range in the firewall.',
    before: 'pasv_enable=YES',
    after: 'pasv_enable=YES\npasv_min_port=40000\npasv_max_port=40100',
    language: 'vsftpd',
  },
  check({ file, settings }, report) {
    if (!settings.bool('pasv_enable').value || settings.isSet('pasv_min_port') || settings.isSet('pasv_max_port')) return;
    const anchor = settings.winner('pasv_enable')?.range ?? fileAnchor(file);
    const { min, max } = settings.passiveRange();
    report({
      range: anchor,
      message: `Passive mode uses vsftpd's default ports ${min}-${max}: a firewall must open all of them or rely on a working FTP conntrack helper. Setting pasv_min_port and pasv_max_port to a small range is easier to firewall.`,
      fixes: [fix(file, 'Add a passive range (pasv_min_port=40000, pasv_max_port=40100)', [appendLine(file, 'pasv_min_port=40000\npasv_max_port=40100')], false)],
    });
  },
};
