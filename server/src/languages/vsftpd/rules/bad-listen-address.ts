import { inetAton, isIpv6Address } from '../values.js';
import type { VsftpdRule } from './rule-type.js';

/** glibc's inet_aton stops at the first whitespace and ignores what follows. */
function ipv4Part(text: string): string { return text.split(/[ \t\n\v\f\r]/, 1)[0]!; }

export const badListenAddress: VsftpdRule = {
  id: 'vsftpd/bad-listen-address',
  severity: 'error',
  summary: 'listen_address or listen_address6 is not an IP address: vsftpd refuses to start',
  docs: {
    detects: 'In standalone mode, a listen_address that is not an IPv4 address (with listen=YES) or a listen_address6 that is not an IPv6 address (with listen_ipv6=YES).',
    why: 'vsftpd takes no host names here and stops with "bad listen_address: VALUE".',
    fix: 'Write the numeric address of the interface to listen on, or remove the line to listen on all of them.',
    before: 'listen_address=ftp.example.org',
    after: 'listen_address=192.0.2.10',
    language: 'vsftpd',
  },
  check({ settings }, report) {
    const v4 = settings.string('listen_address');
    if (settings.bool('listen').value && v4.source && v4.value !== undefined && inetAton(ipv4Part(v4.value)) === undefined) {
      report({ range: v4.source.value!.range, message: `"${v4.value}" is not an IPv4 address; vsftpd refuses to start ("bad listen_address: ${v4.value}").` });
    }
    const v6 = settings.string('listen_address6');
    if (settings.bool('listen_ipv6').value && !settings.bool('listen').value && v6.source && v6.value !== undefined && !isIpv6Address(v6.value)) {
      report({ range: v6.source.value!.range, message: `"${v6.value}" is not an IPv6 address; vsftpd refuses to start ("bad listen_address6: ${v6.value}").` });
    }
  },
};
