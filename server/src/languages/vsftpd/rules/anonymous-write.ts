import { setValueFix } from '../edits.js';
import type { VsftpdRule } from './rule-type.js';

const ANON_WRITE = ['anon_upload_enable', 'anon_mkdir_write_enable', 'anon_other_write_enable'] as const;

export const anonymousWrite: VsftpdRule = {
  id: 'vsftpd/anonymous-write',
  severity: 'warning',
  summary: 'Anonymous users may upload, create directories, rename or delete',
  docs: {
    detects: 'anon_upload_enable, anon_mkdir_write_enable or anon_other_write_enable set to YES while anonymous logins and write_enable are on.',
    why: 'Anyone on the network can then store files on the server: a well-known way to turn an FTP server into a drop box for malware and illegal content.',
    fix: 'Turn the anonymous write settings off, or require local accounts for uploads.',
    before: 'anonymous_enable=YES\nwrite_enable=YES\nanon_upload_enable=YES',
    after: 'anonymous_enable=YES\nwrite_enable=YES\nanon_upload_enable=NO',
    language: 'vsftpd',
  },
  check({ file, settings }, report) {
    if (!settings.bool('anonymous_enable').value || !settings.bool('write_enable').value) return;
    for (const name of ANON_WRITE) {
      const setting = settings.bool(name);
      if (!setting.value || !setting.source) continue;
      report({
        range: setting.source.range,
        message: `${name}=YES lets anyone who logs in anonymously write to the server (anonymous_enable and write_enable are on).`,
        fixes: [setValueFix(file, setting.source, 'NO', false, `Set ${name}=NO`)],
      });
    }
  },
};
