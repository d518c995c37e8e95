/**
 * `ufw` command lines as people write them in provisioning scripts and READMEs, and their usual
 * mistakes: each is given to the real `ufw --dry-run` and to ftpwall's reader of the command.
 */

/** An application profile of the tests (applications.d/ftpwall-test), beside ufw's stock ones. */
export const TEST_PROFILES = '[FTP passive]\ntitle=FTP with a passive range\ndescription=control and passive ports\nports=21,40000:40100/tcp\n\n[FTP split]\ntitle=FTP as two entries\ndescription=control and passive written apart\nports=21/tcp|40000:40100/tcp\n';

export const UFW_COMMANDS: readonly (readonly string[])[] = [
  // Ports, ranges, lists, services.
  ['allow', '21'], ['allow', '21/tcp'], ['allow', '21/udp'], ['allow', 'ftp'], ['allow', 'ftp/tcp'], ['allow', 'ftp-data'],
  ['allow', 'domain'], ['allow', 'http'], ['allow', 'ssh'], ['allow', '40000:40100/tcp'], ['allow', '21,22,40000:40100/tcp'],
  ['allow', '30000:30999/udp'], ['allow', '1:65535/tcp'],
  // Numbers with a leading zero or in hexadecimal (iptables would read 021 as octal 17).
  ['allow', '021/tcp'], ['allow', '040000:040100/tcp'], ['allow', '0x15/tcp'], ['allow', 'from', '010.0.0.0/8', 'to', 'any', 'port', '21', 'proto', 'tcp'],
  ['allow', 'from', '10.1', 'to', 'any', 'port', '21', 'proto', 'tcp'], ['allow', 'from', '10.0.0.0/08', 'to', 'any', 'port', '21', 'proto', 'tcp'],
  // Actions.
  ['deny', '21/tcp'], ['deny', '21'], ['reject', '21/tcp'], ['reject', '21'], ['limit', '21/tcp'], ['limit', 'ftp'], ['limit', '21'],
  ['reject', 'out', '20/tcp'], ['deny', 'out', '21'],
  // Directions, interfaces, logging.
  ['allow', 'in', '21/tcp'], ['allow', 'out', '20/tcp'], ['allow', 'in', 'log', '21/tcp'], ['allow', 'log-all', '21/tcp'], ['deny', 'log', '21/tcp'],
  ['allow', 'in', 'on', 'eth0', 'to', 'any', 'port', '21', 'proto', 'tcp'], ['deny', 'in', 'on', 'eth0'],
  ['allow', 'out', 'on', 'eth0', 'to', '10.0.0.0/8', 'port', '1024:65535', 'proto', 'tcp'],
  // Extended syntax.
  ['allow', 'from', '10.0.0.0/8', 'to', 'any', 'port', '21', 'proto', 'tcp'], ['allow', 'from', '10.0.0.0/8'],
  ['allow', 'from', '10.1.2.3/8', 'to', 'any', 'port', '21', 'proto', 'tcp'], ['allow', 'from', '192.0.2.7/32', 'to', 'any', 'port', '21', 'proto', 'tcp'],
  ['allow', 'proto', 'tcp', 'from', 'any', 'to', 'any', 'port', '40000:40100'], ['allow', 'to', '192.168.1.10', 'port', '21', 'proto', 'tcp'],
  ['allow', 'from', '10.0.0.1', 'port', '20', 'to', 'any', 'port', '1024:65535', 'proto', 'tcp'], ['allow', 'from', '10.0.0.0/8', 'port', '21'],
  ['allow', 'out', 'from', 'any', 'port', '20', 'proto', 'tcp'], ['allow', 'proto', 'tcp', 'from', 'any', 'port', '20'],
  ['allow', 'from', '10.0.0.0/8', 'to', '10.0.0.5'], ['deny', 'from', '203.0.113.0/24', 'to', 'any', 'port', '21'],
  ['allow', 'from', '2001:db8::/32', 'to', 'any', 'port', '21', 'proto', 'tcp'], ['allow', 'to', 'any', 'port', 'ftp'], ['allow', 'proto', 'tcp', 'to', 'any', 'port', 'ftp'],
  ['allow', 'proto', 'any', 'to', 'any', 'port', '21'], ['allow', 'proto', 'esp', 'from', '10.0.0.0/8'], ['limit', 'from', '10.0.0.0/8', 'to', 'any', 'port', '21', 'proto', 'tcp'],
  ['allow', '21/tcp', 'comment', 'ftp control'], ['allow', 'from', '10.0.0.0/8', 'to', 'any', 'port', '21', 'proto', 'tcp', 'comment', 'office'],
  // Application profiles.
  ['allow', 'FTP passive'], ['allow', 'FTP split'], ['allow', 'from', '10.0.0.0/8', 'to', 'any', 'app', 'FTP passive'], ['allow', 'CIFS'],
  // Placement.
  ['prepend', 'deny', 'from', '198.51.100.4'], ['route', 'allow', '21/tcp'], ['delete', 'allow', '21/tcp'],
  // Settings.
  ['default', 'deny', 'incoming'], ['default', 'allow', 'outgoing'], ['default', 'reject'], ['default', 'deny', 'routed'],
  // Mistakes.
  ['allow', '40000:40100'], ['allow', '21:22'], ['allow', 'to', 'any', 'port', '21:22'], ['allow', '70000/tcp'], ['allow', '0/tcp'],
  ['allow', '21/tcpx'], ['allow', '21/TCP'], ['allow', '40100:40000/tcp'], ['allow', '21/esp'], ['allow', 'vsftpd'],
  ['allow', 'from', '10.0.0.300'], ['allow', 'to', '10.0.0.0/33', 'port', '21', 'proto', 'tcp'], ['allow'], ['allow', '21/tcp', 'extra'],
  ['allow', 'in', 'on', 'eth0', '21/tcp'], ['allow', 'log', 'in', '21/tcp'], ['allow', 'from'],
  ['allow', 'from', '10.0.0.0/8', 'port'], ['allow', 'to', 'any', 'app', 'Nothing'], ['deny', 'in'], ['allow', '21,22/tcp,udp'],
  ['allow', 'proto', 'tcp', 'to', 'any', 'port', '40000-40100'], ['allow', 'from', 'any', 'to', 'any', 'port', '21', 'proto', 'sctp'],
  ['allow', '22,21,20,1,2,3,4,5,6,7,8,9,10,11,12,13/tcp'], ['default', 'drop', 'incoming'], ['default', 'deny', 'inbound'],
  ['allow', 'in', 'on', 'eth0', 'from', '10.0.0.0/8', 'to', 'any', 'port', '40000:40100', 'proto', 'tcp', 'comment', 'passive'],
  ['deny', 'from', '10.0.0.0/8', 'to', '2001:db8::1'], ['allow', 'to', 'any', 'port', '21', 'from', '10.0.0.0/8'],
];

/** Command sequences run one after the other on ufw as installed: the rules ufw then keeps, in order, are compared. */
export const UFW_SEQUENCES: readonly (readonly (readonly string[])[])[] = [
  [['allow', '21/tcp'], ['allow', '22/tcp'], ['deny', '21/tcp'], ['limit', '22/tcp'], ['allow', '21/tcp', 'comment', 'hi'], ['allow', 'log', '22/tcp'], ['delete', 'deny', '22/tcp'], ['delete', 'allow', 'log', '22/tcp']],
  [['allow', '21/tcp'], ['allow', '40000:40010/tcp'], ['prepend', 'deny', '40000:40010/tcp']],
  [['allow', '21/tcp'], ['prepend', 'deny', 'from', '198.51.100.4'], ['prepend', 'deny', 'from', '198.51.100.5'], ['allow', '40000:40010/tcp']],
  [['allow', '21/tcp'], ['--force', 'reset'], ['allow', '22/tcp']],
  [['allow', 'ftp'], ['allow', '21/tcp'], ['deny', '21'], ['delete', 'allow', '21/tcp']],
  [['allow', 'from', '10.0.0.0/8', 'to', 'any', 'port', '21', 'proto', 'tcp'], ['allow', 'from', '2001:db8::/32', 'to', 'any', 'port', '21', 'proto', 'tcp'], ['prepend', 'deny', 'from', '2001:db8::1']],
  [['allow', 'FTP split'], ['delete', 'allow', '40000:40100/tcp'], ['allow', '40000:40100/tcp']],
  [['route', 'allow', '21/tcp'], ['allow', '21/tcp'], ['route', 'delete', 'allow', '21/tcp']],
  [['allow', '21/tcp'], ['insert', '1', 'deny', '40000:40010/tcp'], ['allow', '40000:40010/tcp']],
  [['limit', '21/tcp'], ['allow', '21/tcp'], ['reject', 'out', '20/tcp'], ['allow', 'out', '20/tcp']],
  [['default', 'deny', 'incoming'], ['allow', '40000:40010'], ['allow', '40000:40010/tcp'], ['delete', 'allow', '40000:40010/tcp'], ['allow', '21/tcp']],
  [['allow', 'in', 'on', 'eth0', 'to', 'any', 'port', '21', 'proto', 'tcp'], ['allow', '21/tcp'], ['deny', 'in', 'on', 'eth0', 'to', 'any', 'port', '21', 'proto', 'tcp']],
];
