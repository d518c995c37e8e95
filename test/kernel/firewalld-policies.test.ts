import { hostFolder, verdictsMatchKernel } from './kernel-host.js';

/**
 * firewalld policies from this host (ingress HOST), run by the real firewalld 1.3.3: they are
 * the only thing firewalld filters going out, so they decide active FTP, where the server
 * connects to the client. A REJECT policy to ANY stops active data, unless it allows the
 * client's ports or the FTP helper makes the data connection RELATED (the ftp service); a policy
 * to a zone applies through that zone's sources.
 */
const POLICIES = ['fwd-policy-host-out-reject', 'fwd-policy-host-out-reject-helper', 'fwd-policy-host-out-allows-data', 'fwd-policy-host-out-to-zone'];
/** A zone's `<protocol value="tcp"/>` accepts every TCP connection; a rich rule's, every one from its source. */
const PROTOCOLS = ['fwd-zone-protocol-tcp', 'fwd-rich-rule-protocol'];
const HOSTS = [...POLICIES, ...PROTOCOLS].map(hostFolder);

verdictsMatchKernel(HOSTS, 1, { says: `covers policies from this host (${POLICIES.length}) and protocols (${PROTOCOLS.length})`, holds: POLICIES.length >= 4 && PROTOCOLS.length >= 2 });
