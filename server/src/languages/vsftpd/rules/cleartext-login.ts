import { appendLine, fix, setValueFix } from '../edits.js';
import type { VsftpdRule } from './rule-type.js';

export const cleartextLogin: VsftpdRule = {
  id: 'vsftpd/cleartext-login',
  severity: 'warning',
  summary: 'Local users\' passwords travel unencrypted',
  docs: {
    detects: 'Local logins allowed (local_enable=YES) while ssl_enable is NO, or while force_local_logins_ssl=NO lets clients skip TLS.',
    why: 'Plain FTP sends the user name and password as readable text; anyone on the path can collect system passwords.',
    fix: 'Enable TLS (ssl_enable=YES with rsa_cert_file and rsa_private_key_file) and keep force_local_logins_ssl=YES. Note that TLS hides the PASV reply from the firewall\'s FTP helper, so open the passive range explicitly.',
    before: 'local_enable=YES',
    after: 'local_enable=YES\nssl_enable=YES\nrsa_cert_file=/etc/ssl/certs/vsftpd.pem\nrsa_private_key_file=/etc/ssl/private/vsftpd.key',
    language: 'vsftpd',
  },
  check({ file, settings }, report) {
    const local = settings.bool('local_enable');
    if (!local.value) return;
    const ssl = settings.bool('ssl_enable');
    if (!ssl.value) {
      report({
        range: (ssl.source ?? local.source)!.range,
        message: 'Local users log in over plain FTP (ssl_enable is NO): their system passwords cross the network in cleartext.',
        fixes: [ssl.source ? setValueFix(file, ssl.source, 'YES', false, 'Enable TLS (ssl_enable=YES)') : fix(file, 'Enable TLS (ssl_enable=YES)', [appendLine(file, 'ssl_enable=YES')], false)],
      });
      return;
    }
    const forced = settings.bool('force_local_logins_ssl');
    if (!forced.value && forced.source) {
      report({
        range: forced.source.range,
        message: 'force_local_logins_ssl=NO lets clients log in without TLS, so passwords may still cross the network in cleartext.',
        fixes: [setValueFix(file, forced.source, 'YES', false, 'Require TLS for logins (force_local_logins_ssl=YES)')],
      });
    }
  },
};
