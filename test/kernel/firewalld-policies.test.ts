import { hostFolder, verdictsMatchKernel } from './kernel-host.js';

/**
 * firewalld policies from this host (ingress HOST), run by the real firewalld 1.3.3: they are
 * the only thing firewalld filters going out, so they decide active FTP, where the server
 * connects to the client. A REJECT policy to ANY stops active data, unless it allows the
 * client's ports or the FTP helper makes the data connection RELATED (the ftp service); a policy
 * to a zone applies through that zone's sources.
 */
const HOSTS = ['fwd-policy-host-out-reject', 'fwd-policy-host-out-reject-helper', 'fwd-policy-host-out-allows-data', 'fwd-policy-host-out-to-zone'].map(hostFolder);

verdictsMatchKernel(HOSTS, 1, { says: `covers policies from this host (${HOSTS.length})`, holds: HOSTS.length >= 4 });
