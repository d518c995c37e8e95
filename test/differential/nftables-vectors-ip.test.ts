import { vectorSuite } from './nft-oracle.js';

vectorSuite(['ip', 'ip6', 'arp', 'bridge', 'netdev']);
