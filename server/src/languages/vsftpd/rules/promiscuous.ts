import { setValueFix } from '../edits.js';
import type { VsftpdRule } from './rule-type.js';

function promiscuousRule(name: 'pasv_promiscuous' | 'port_promiscuous', id: string, risk: string, docs: VsftpdRule['docs']): VsftpdRule {
  return {
    id,
    severity: 'warning',
    summary: `${name}=YES turns off a data-connection security check`,
    docs,
    check({ file, settings }, report) {
      const setting = settings.bool(name);
      if (!setting.value || !setting.source) return;
      report({ range: setting.source.range, message: risk, fixes: [setValueFix(file, setting.source, 'NO', false, `Set ${name}=NO`)] });
    },
  };
}

export const pasvPromiscuous = promiscuousRule(
  'pasv_promiscuous',
  'vsftpd/pasv-promiscuous',
  'pasv_promiscuous=YES lets any address connect to a passive data port, not only the client that asked for it: another host can steal or inject the transfer.',
  {
    detects: 'pasv_promiscuous=YES.',
    why: 'By default vsftpd accepts a passive data connection only from the address of the control connection. Turning that off lets a third party race the client to the announced port and read or replace the file ("passive port stealing").',
    fix: 'Set pasv_promiscuous=NO. It is needed only for unusual set-ups such as FXP or some tunnels.',
    before: 'pasv_promiscuous=YES',
    after: 'pasv_promiscuous=NO',
    language: 'vsftpd',
  },
);

export const portPromiscuous = promiscuousRule(
  'port_promiscuous',
  'vsftpd/port-promiscuous',
  'port_promiscuous=YES lets a client make the server connect to any address and port: the FTP bounce attack.',
  {
    detects: 'port_promiscuous=YES.',
    why: 'In active mode the client names the address the server connects to. vsftpd normally insists it is the client\'s own address and an unprivileged port; without that check the server can be used to scan or attack other hosts from its own address (FTP bounce).',
    fix: 'Set port_promiscuous=NO.',
    before: 'port_promiscuous=YES',
    after: 'port_promiscuous=NO',
    language: 'vsftpd',
  },
);
