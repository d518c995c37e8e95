import { appendLine, fix, setValueFix } from '../edits.js';
import { fileAnchor } from '../document.js';
import type { VsftpdRule } from './rule-type.js';

export const noLoginAllowed: VsftpdRule = {
  id: 'vsftpd/no-login-allowed',
  severity: 'error',
  summary: 'Neither local nor anonymous logins are allowed: vsftpd refuses to start',
  docs: {
    detects: 'anonymous_enable=NO with local_enable left at NO (its default) or set to NO.',
    why: 'With no way to log in, vsftpd stops with "vsftpd: both local and anonymous access disabled!" (in standalone mode, on every connection).',
    fix: 'Set local_enable=YES for system users, or anonymous_enable=YES for public downloads.',
    before: 'anonymous_enable=NO',
    after: 'anonymous_enable=NO\nlocal_enable=YES',
    language: 'vsftpd',
  },
  check({ file, settings }, report) {
    const anon = settings.bool('anonymous_enable'), local = settings.bool('local_enable');
    if (anon.value || local.value) return;
    const anchor = anon.source ?? local.source;
    report({
      range: anchor ? anchor.range : fileAnchor(file),
      message: 'Neither local (local_enable) nor anonymous (anonymous_enable) logins are allowed; vsftpd refuses to start ("vsftpd: both local and anonymous access disabled!").',
      fixes: [local.source ? setValueFix(file, local.source, 'YES', false, 'Allow local users (local_enable=YES)') : fix(file, 'Allow local users (local_enable=YES)', [appendLine(file, 'local_enable=YES')], false)],
    });
  },
};
