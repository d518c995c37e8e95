import { numericLines } from '../model.js';
import type { VsftpdRule } from './rule-type.js';

/** The passive range has its own rule, since vsftpd ignores out-of-range values there instead of wrapping them. */
const PASSIVE = new Set(['pasv_min_port', 'pasv_max_port']);

export const numberOutOfRange: VsftpdRule = {
  id: 'vsftpd/number-out-of-range',
  severity: 'warning',
  summary: 'A port above 65535, a mode above 0777, or a number too large for vsftpd',
  docs: {
    detects: 'A port number (listen_port, ftp_data_port) above 65535 or equal to 0, a umask or file mode above 0777, and any number that does not fit 32 bits.',
    why: 'vsftpd keeps only the low 16 bits of a port, so listen_port=70000 listens on 4464; numbers beyond 32 bits wrap around.',
    fix: 'Use a port from 1 to 65535 and a mode from 0 to 0777.',
    before: 'listen_port=70000',
    after: 'listen_port=7000',
    language: 'vsftpd',
  },
  check({ file }, report) {
    for (const { info, value, reading } of numericLines(file)) {
      if (PASSIVE.has(info.name) || reading.noDigits || reading.negative) continue;
      if (reading.overflow) {
        report({ range: value.range, message: `${value.text.trim()} does not fit vsftpd's 32-bit numbers; it stores ${info.name}=${reading.value}.` });
      } else if (info.valueType === 'port' && reading.value > 65535) {
        report({ range: value.range, message: `Ports go up to 65535; vsftpd keeps the low 16 bits, so ${info.name}=${reading.value} becomes ${reading.value % 65536}.` });
      } else if (info.valueType === 'port' && reading.value === 0) {
        report({ range: value.range, message: `${info.name}=0 is not a usable port${info.name === 'listen_port' ? ': the kernel assigns a random one' : ''}.` });
      } else if (info.valueType === 'octal_mode' && reading.value > 0o777) {
        report({ range: value.range, message: `${info.name} is ${reading.value.toString(8)} in octal, beyond 0777; only the permission bits make sense here.` });
      }
    }
  },
};
