import { appendLine, fix, setValueFix } from '../edits.js';
import { fileAnchor } from '../document.js';
import type { VsftpdRule } from './rule-type.js';

export const anonymousLogin: VsftpdRule = {
  id: 'vsftpd/anonymous-login',
  severity: 'information',
  summary: 'Anonymous FTP is turned on',
  docs: {
    detects: 'anonymous_enable=YES written in the file.',
    why: 'Anyone can log in as "anonymous" or "ftp" and read what anon_root (or the ftp user\'s home) holds. That is right for a public download server and wrong almost everywhere else, so auditors ask about it.',
    fix: 'Keep it for public servers; otherwise set anonymous_enable=NO.',
    before: 'anonymous_enable=YES',
    after: 'anonymous_enable=NO',
    language: 'vsftpd',
  },
  check({ file, settings }, report) {
    const anon = settings.bool('anonymous_enable');
    if (!anon.value || !anon.source) return;
    report({
      range: anon.source.range,
      message: 'Anonymous logins are allowed: anyone can read what the anonymous root holds. Intended for public download servers only.',
      fixes: [setValueFix(file, anon.source, 'NO', false, 'Turn anonymous logins off')],
    });
  },
};

export const anonymousLoginByDefault: VsftpdRule = {
  id: 'vsftpd/anonymous-login-by-default',
  severity: 'warning',
  summary: 'Anonymous FTP is on only because vsftpd\'s default is YES',
  docs: {
    detects: 'A vsftpd.conf that never sets anonymous_enable.',
    why: 'vsftpd\'s built-in default for anonymous_enable is YES (the sample file Debian ships says NO, but a file written from scratch does not), so anonymous logins are open although nothing in the file says so.',
    fix: 'Write anonymous_enable=NO, or anonymous_enable=YES if the server is meant to be public.',
    before: 'local_enable=YES',
    after: 'local_enable=YES\nanonymous_enable=NO',
    language: 'vsftpd',
  },
  check({ file, settings }, report) {
    if (settings.isSet('anonymous_enable')) return;
    report({
      range: fileAnchor(file),
      message: 'anonymous_enable is not set, and vsftpd\'s default is YES: anonymous logins are allowed. Say anonymous_enable=NO (or YES) explicitly.',
      fixes: [
        fix(file, 'Add anonymous_enable=NO', [appendLine(file, 'anonymous_enable=NO')], false, true),
        fix(file, 'Add anonymous_enable=YES (a public server)', [appendLine(file, 'anonymous_enable=YES')], false),
      ],
    });
  },
};
