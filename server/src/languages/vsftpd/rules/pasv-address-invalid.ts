import { fix, replaceSpan } from '../edits.js';
import { inetAton, isPlainDottedQuad } from '../values.js';
import type { VsftpdRule } from './rule-type.js';

export const pasvAddressInvalid: VsftpdRule = {
  id: 'vsftpd/pasv-address-invalid',
  severity: 'warning',
  summary: 'pasv_address is quoted, a host name without pasv_addr_resolve, or not an IPv4 address',
  docs: {
    detects: 'A pasv_address in quotes, a host name while pasv_addr_resolve is NO, or anything else that is not a dotted IPv4 address.',
    why: 'vsftpd starts normally and checks the address only when a client asks for passive mode; then that session dies with "invalid pasv_address", so every passive listing fails. With pasv_addr_resolve=YES a host name is resolved once at start-up, and vsftpd refuses to start if that fails.',
    fix: 'Write the public IPv4 address without quotes, or set pasv_addr_resolve=YES for a host name.',
    before: 'pasv_address="203.0.113.7"',
    after: 'pasv_address=203.0.113.7',
    language: 'vsftpd',
  },
  check({ file, settings }, report) {
    const address = settings.string('pasv_address');
    const line = address.source;
    if (!line?.value || address.value === undefined) return;
    const text = address.value;
    const unquoted = /^(["'])(.*)\1$/.exec(text);
    if (unquoted) {
      report({
        range: line.value.range,
        message: `vsftpd takes the quotes as part of pasv_address, so passive mode fails ("invalid pasv_address"). Write ${unquoted[2]} without quotes.`,
        fixes: [fix(file, 'Remove the quotes', [replaceSpan(file, line.value.start, line.value.end, unquoted[2]!)], true, true)],
      });
      return;
    }
    if (settings.bool('pasv_addr_resolve').value) return;
    if (inetAton(text) === undefined) {
      const looksLikeHost = /^[A-Za-z0-9.-]+$/.test(text) && /[A-Za-z]/.test(text);
      report({
        range: line.value.range,
        message: looksLikeHost
          ? `"${text}" is a host name, but pasv_addr_resolve is NO, so vsftpd uses it as an address and every passive request fails ("invalid pasv_address"). Set pasv_addr_resolve=YES or write the IPv4 address.`
          : `"${text}" is not an IPv4 address; every passive request fails ("invalid pasv_address").`,
      });
    } else if (!isPlainDottedQuad(text)) {
      report({ range: line.value.range, message: `"${text}" is an unusual way to write an IPv4 address; vsftpd accepts it, but write it as four decimal numbers so that people and tools read it the same way.` });
    }
  },
};
