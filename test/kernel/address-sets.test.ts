import { hostFolder, verdictsMatchKernel } from './kernel-host.js';

/**
 * Rules that name the clients through a set of addresses: firewalld ipsets (a zone's source, a
 * rich rule's source), run by the real firewalld 1.3.3, and nftables named sets. .ftpwall.json
 * says the clients' network; the set holds it, or another one.
 */
const HOSTS = ['fwd-ipset-zone-source', 'fwd-ipset-other-network', 'fwd-ipset-rich-rule', 'nft-set-holds-clients', 'nft-set-other-network'].map(hostFolder);

verdictsMatchKernel(HOSTS, 1, { says: `covers address sets of firewalld and nftables (${HOSTS.length})`, holds: HOSTS.length >= 5 });
