import { fixesOpenInKernel, hostFolder, verdictsMatchKernel } from './kernel-host.js';

/**
 * Hosts configured by `ufw` commands in a provisioning script and nothing of ufw's files: the
 * harness runs the script as written, with the real ufw 0.36.2, over a writable copy of ufw's
 * files as installed (the host's applications.d on top), so `ufw enable` loads what the commands
 * saved into the server namespace.
 */
const HOSTS = [
  'ufw-script-allow-21', 'ufw-script-21-and-range', 'ufw-script-prepend-deny', 'ufw-script-outgoing-deny', 'ufw-script-delete-range',
  // set -e: the refused `ufw allow 40000:40010` ends the script before `ufw enable`, after `ufw reset` disabled ufw.
  'ufw-script-refused-stops',
  // A profile of the host's applications.d; `ufw limit ftp` with the range from the clients' network, and from another.
  'ufw-script-app-profile', 'ufw-script-limit-from-network', 'ufw-script-other-network',
].map(hostFolder);

verdictsMatchKernel(HOSTS, 1, { says: `covers at least 8 hosts configured by ufw commands (${HOSTS.length})`, holds: HOSTS.length >= 8 });

fixesOpenInKernel([
  // The fix adds `ufw allow 40000:40010/tcp` after the script's last ufw rule; the script then runs again.
  { folder: hostFolder('ufw-script-allow-21'), rule: 'ftp/passive-blocked', path: 'passive' },
], HOSTS.length + 1);
