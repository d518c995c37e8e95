import { fixesOpenInKernel, hostFolder, verdictsMatchKernel } from './kernel-host.js';

/**
 * Hosts configured by `firewall-cmd` commands in a provisioning script and none of firewalld's
 * files: the harness starts the real firewalld 1.3.3 in the server namespace on a writable copy
 * of its files as installed and runs the script beside it (each ends with `firewall-cmd --reload`,
 * so what runs is what was saved).
 */
const HOSTS = [
  'fwd-script-port-21', 'fwd-script-ftp-service', 'fwd-script-ports-zone-by-source', 'fwd-script-rich-rule',
  'fwd-script-default-zone-drop', 'fwd-script-remove-service', 'fwd-script-runtime-to-permanent', 'fwd-script-custom-service',
].map(hostFolder);

verdictsMatchKernel(HOSTS, 1, { says: `covers at least 8 hosts configured by firewall-cmd commands (${HOSTS.length})`, holds: HOSTS.length >= 8 });

fixesOpenInKernel([
  // The fix adds `firewall-cmd --permanent --add-port=40000-40010/tcp` after the last command that saved a change (before the reload).
  { folder: hostFolder('fwd-script-port-21'), rule: 'ftp/passive-blocked', path: 'passive' },
], HOSTS.length + 1);
