import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * ProFTPD configurations as administrators keep them: Debian's proftpd.conf and modules.conf with
 * lines added to the main file, to a <VirtualHost> or <Global>, or to a file in conf.d/, each valid
 * or with a mistake people make. Deterministic: the same list every run.
 */

/** Files by their path under /etc/proftpd. */
export interface ProftpdConfiguration { name: string; files: Record<string, string> }

const TEMPLATES = join(import.meta.dirname, '..', 'fixtures', 'shipped', 'proftpd-core', 'usr', 'share', 'proftpd', 'templates');
const template = (name: string) => readFileSync(join(TEMPLATES, name), 'utf8');

/** Lines that configure FTP's paths, correctly, in the forms people write them. */
const VALID: string[][] = [
  ['PassivePorts 40000 40100'],
  ['PassivePorts 49152 65534', 'MasqueradeAddress 203.0.113.7'],
  ['Port 2121'],
  ['Port 0'],
  ['PassivePorts "40000" 40100'],
  ['passiveports 40000 40100'],
  ['MasqueradeAddress 203.0.113.7', 'MasqueradeAddress 203.0.113.8'],
  ['SocketBindTight on'],
  ['AllowForeignAddress on'],
  ['RootRevoke off'],
  ['RootRevoke UseNonCompliantActiveTransfer'],
  ['<IfModule mod_tls.c>', 'TLSEngine on', 'TLSRequired on', '</IfModule>'],
  ['<IfModule !mod_tls.c>', 'PassivePorts 40000 40100', '</IfModule>'],
  ['<IfModule mod_tls>', 'TLSEngine on', '</IfModule>'],
  ['<IfDefine FTPWALL>', 'TLSEngine on', '</IfDefine>'],
  ['<Global>', 'PassivePorts 40000 40100', 'MasqueradeAddress 198.51.100.4', '</Global>'],
  ['<VirtualHost 10.0.0.5>', 'Port 2121', 'PassivePorts 50000 50100', '</VirtualHost>'],
  ['<VirtualHost 10.0.0.5 10.0.0.6>', 'ServerName "two addresses"', 'DefaultServer off', '</VirtualHost>'],
  ['<Anonymous ~ftp>', 'User ftp', 'Group nogroup', '<Limit WRITE>', 'DenyAll', '</Limit>', '</Anonymous>'],
  ['<Limit PASV EPSV>', 'DenyAll', '</Limit>'],
  ['PassivePorts 40000 \\', '40100'],
  ['PassivePorts 40000 40100 # the passive range'],
  ['  PassivePorts\t40000\t40100'],
  ['LoadModule mod_tls.c', 'TLSEngine off'],
  ['UseIPv6 off'],
  ['Port abc'],
  ['PassivePorts 40000 40100 extra'],
  ['DefaultServer off'],
  ['<Directory /srv/ftp>', 'AllowOverwrite off', '</Directory>'],
  ['TimeoutIdle 600', 'MaxInstances 50'],
];

/** Lines ProFTPD refuses (or, inside an included file, stops reading at). */
const MISTAKES: string[][] = [
  ['PassivePorts 50000 40000'],
  ['PassivePorts 100 200'],
  ['PassivePorts 40000'],
  ['PassivePorts 40000 40000'],
  ['PassivePorts 40000 70000'],
  ['PassivePorts 0 40100'],
  ['Pasiveports 40000 40100'],
  ['PassivePort 40000 40100'],
  ['Port 70000'],
  ['Port -1'],
  ['Port'],
  ['DefaultServer on'],
  ['DefaultServer maybe'],
  ['UseIPv6 maybe'],
  ['SocketBindTight 2'],
  ['TLSEngine on'],
  ['MasqueradeAddress'],
  ['<VirtualHost 10.0.0.5>', 'Port 2121'],
  ['<Global>', '<VirtualHost 10.0.0.5>', '</VirtualHost>', '</Global>'],
  ['<VirtualHost 10.0.0.5>', 'UseIPv6 on', '</VirtualHost>'],
  ['<VirtualHost 10.0.0.5>', 'DefaultServer on', '</VirtualHost>'],
  ['<VirtualHost>', '</VirtualHost>'],
  ['</VirtualHost>'],
  ['<Global 1>', '</Global>'],
  ['<Limit>', '</Limit>'],
  ['<Anonymous ~ftp>', 'Port 2121', '</Anonymous>'],
  ['<Limit LOGIN>', 'PassivePorts 40000 40100', '</Limit>'],
  ['DenyAll'],
  ['<Directory /srv>', 'ServerName x', '</Directory>'],
  ['<IfModule mod_tls.c>', 'TLSEngine on'],
  ['LoadModule mod_tls.c', 'TLSEngine sometimes'],
  ['LoadModule mod_tls.c', '<VirtualHost 10.0.0.5>', 'TLSRequired', '</VirtualHost>'],
  ['ServerTpe standalone'],
  ['PassivePorts 40000 \\', '30000'],
  ['UseIPV6 maybe'],
];

/** Where added lines go. */
const PLACES: Array<{ name: string; add(files: Record<string, string>, lines: string[]): void }> = [
  { name: 'main file', add: (files, lines) => { files['proftpd.conf'] = `${files['proftpd.conf']}\n${lines.join('\n')}\n`; } },
  { name: 'before the Include of conf.d', add: (files, lines) => { files['proftpd.conf'] = files['proftpd.conf']!.replace('Include /etc/proftpd/conf.d/', `${lines.join('\n')}\nInclude /etc/proftpd/conf.d/`); } },
  { name: 'conf.d file', add: (files, lines) => { files['conf.d/ftp.conf'] = `# passive mode\n${lines.join('\n')}\nMaxInstances 20\n`; } },
  // ProFTPD stops reading the main file after an Include whose file fails: the lines after it are never read.
  { name: 'modules.conf, with a refused line after its Include in the main file', add: (files, lines) => { files['modules.conf'] = `${files['modules.conf']}\n${lines.join('\n')}\n`; files['proftpd.conf'] = files['proftpd.conf']!.replace('UseIPv6 on', 'UseIPv6 on\nPassivePorts 100 200'); } },
  { name: 'tls.conf included from the main file', add: (files, lines) => { files['tls.conf'] = `# TLS\n${lines.join('\n')}\n`; files['proftpd.conf'] = `${files['proftpd.conf']}\nInclude /etc/proftpd/tls.conf\n`; } },
];

/** Debian's stock files, and every line set in every place: valid and refused ones. */
export function proftpdConfigurations(): ProftpdConfiguration[] {
  const stock = () => ({ 'proftpd.conf': template('proftpd.conf'), 'modules.conf': template('modules.conf') });
  const configurations: ProftpdConfiguration[] = [{ name: 'Debian\'s stock configuration', files: stock() }];
  const sets = [...VALID.map((lines) => ({ lines, kind: 'valid' })), ...MISTAKES.map((lines) => ({ lines, kind: 'mistake' }))];
  for (const place of PLACES) {
    for (const { lines, kind } of sets) {
      const files: Record<string, string> = stock();
      place.add(files, lines);
      configurations.push({ name: `${kind} in ${place.name}: ${lines.join(' / ')}`, files });
    }
  }
  return configurations;
}
