import { fixesOpenInKernel, hostFolder, verdictsMatchKernel } from './kernel-host.js';

/**
 * nftables rulesets, loaded for real by nft -f in the server namespace (a file of their own: with
 * the hosts of ftp-paths.test.ts, one file came within seconds of the runner's time limit per file).
 */
const NFT_HOSTS = [
  'nft-policy-drop-range-open', 'nft-helper-prerouting', 'nft-helper-input', 'nft-helper-tls', 'nft-jump-return', 'nft-verdict-map',
  'nft-named-set-define', 'nft-two-base-chains', 'nft-off-by-one-range', 'nft-beside-iptables', 'nft-include-glob', 'nft-output-drop-blocks-active',
  // Statements that act before connection tracking decides: a helper assignment no packet reaches, a notrack.
  'nft-helper-after-accept', 'nft-notrack-passive',
  // Ports in other bases: 0x15 is 21, and 040000-040100 is octal to nft (16384-16448).
  'octal-passive-range-nft',
  // A range of protocols that holds TCP, and th's ports.
  'nft-protocol-range',
  // A chain before connection tracking (priority raw): no state yet, and its drop comes first.
  'nft-raw-priority',
];

verdictsMatchKernel(NFT_HOSTS.map(hostFolder), 1, {
  says: `covers at least 10 nftables rulesets (${NFT_HOSTS.length})`,
  holds: NFT_HOSTS.length >= 10,
});

fixesOpenInKernel([
  // The rule goes into the input (or output) base chain, in nft's syntax.
  { folder: hostFolder('nft-off-by-one-range'), rule: 'ftp/passive-blocked', path: 'passive' },
  { folder: hostFolder('nft-output-drop-blocks-active'), rule: 'ftp/active-blocked', path: 'active' },
  { folder: hostFolder('nft-verdict-map'), rule: 'ftp/passive-blocked', path: 'passive' },
  { folder: hostFolder('octal-passive-range-nft'), rule: 'ftp/passive-blocked', path: 'passive' },
], NFT_HOSTS.length + 1);
