import { setValueFix } from '../edits.js';
import type { VsftpdRule } from './rule-type.js';

export const noDataMode: VsftpdRule = {
  id: 'vsftpd/no-data-mode',
  severity: 'warning',
  summary: 'Both passive and active mode are off: no listing or transfer can work',
  docs: {
    detects: 'pasv_enable=NO together with port_enable=NO.',
    why: 'Every listing and transfer needs a data connection, opened either passively (PASV/EPSV) or actively (PORT/EPRT). With both refused, users can log in and do nothing else.',
    fix: 'Enable passive mode (what most clients use) and open its port range in the firewall.',
    before: 'pasv_enable=NO\nport_enable=NO',
    after: 'pasv_enable=YES\nport_enable=NO',
    language: 'vsftpd',
  },
  check({ file, settings }, report) {
    const pasv = settings.bool('pasv_enable'), port = settings.bool('port_enable');
    if (pasv.value || port.value || !pasv.source || !port.source) return;
    report({
      range: pasv.source.range,
      message: 'Passive (pasv_enable=NO) and active (port_enable=NO) data connections are both off: clients can log in but cannot list or transfer anything.',
      related: [{ file: file.path, range: port.source.range, message: 'active mode turned off here' }],
      fixes: [
        setValueFix(file, pasv.source, 'YES', false, 'Turn passive mode back on (pasv_enable=YES)'),
        setValueFix(file, port.source, 'YES', false, 'Turn active mode back on (port_enable=YES)'),
      ],
    });
  },
};
