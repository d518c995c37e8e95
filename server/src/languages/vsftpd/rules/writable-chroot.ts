import { setValueFix } from '../edits.js';
import type { VsftpdRule } from './rule-type.js';

export const writableChroot: VsftpdRule = {
  id: 'vsftpd/writable-chroot',
  severity: 'warning',
  summary: 'Users are jailed in a directory they can write to',
  docs: {
    detects: 'allow_writeable_chroot=YES while users are chrooted (chroot_local_user or chroot_list_enable).',
    why: 'A user who can write to the root of their own jail can create files such as etc/ or lib/ there that the system later trusts inside the chroot; this is why vsftpd refuses a writable chroot unless told otherwise.',
    fix: 'Make the chroot directory owned by root and not writable, with a writable sub-directory for uploads (for example /home/user as root-owned, /home/user/upload writable), and set allow_writeable_chroot=NO.',
    before: 'chroot_local_user=YES\nallow_writeable_chroot=YES',
    after: 'chroot_local_user=YES\nallow_writeable_chroot=NO',
    language: 'vsftpd',
  },
  check({ file, settings }, report) {
    const writable = settings.bool('allow_writeable_chroot');
    if (!writable.value || !writable.source) return;
    if (!settings.bool('chroot_local_user').value && !settings.bool('chroot_list_enable').value) return;
    report({
      range: writable.source.range,
      message: 'allow_writeable_chroot=YES jails users in a directory they can write to, which lets them plant files the system trusts inside the jail.',
      fixes: [setValueFix(file, writable.source, 'NO', false, 'Set allow_writeable_chroot=NO')],
    });
  },
};
