import type { VsftpdRule } from './rule-type.js';

export const startupCheck: VsftpdRule = {
  id: 'vsftpd/startup-check',
  severity: 'error',
  summary: 'A combination of settings vsftpd\'s own start-up checks refuse',
  docs: {
    detects: 'one_process_model=YES with local logins or a user list, http_enable=YES without one_process_model, and ftp_enable=NO with http_enable=NO.',
    why: 'vsftpd checks these combinations after reading its configuration and stops with its own message ("\'one_process_model\' is anonymous only", "HTTP needs \'one_process_model\' for now", "both FTP and HTTP disabled!").',
    fix: 'Turn off the setting that conflicts; one_process_model and http_enable are rarely needed.',
    before: 'one_process_model=YES\nlocal_enable=YES',
    after: 'local_enable=YES',
    language: 'vsftpd',
  },
  check({ settings }, report) {
    const b = (name: string) => settings.bool(name);
    const at = (...names: string[]) => names.map((n) => settings.winner(n)).find((d) => d)?.range;
    if (b('one_process_model').value && (b('local_enable').value || b('userlist_enable').value)) {
      report({ range: at('one_process_model')!, message: 'one_process_model=YES works only for anonymous FTP; with local_enable or userlist_enable on, vsftpd refuses to start ("vsftpd: security: \'one_process_model\' is anonymous only").' });
    }
    if (!b('ftp_enable').value && !b('http_enable').value) {
      report({ range: at('ftp_enable', 'http_enable')!, message: 'ftp_enable=NO with http_enable off leaves vsftpd nothing to serve; it refuses to start ("vsftpd: both FTP and HTTP disabled!").' });
    } else if (b('http_enable').value && !b('one_process_model').value) {
      report({ range: at('http_enable')!, message: 'http_enable=YES needs one_process_model=YES; vsftpd refuses to start ("vsftpd: HTTP needs \'one_process_model\' for now").' });
    }
  },
};
