import { vectorSuite } from './nft-oracle.js';

vectorSuite(['any', 'inet']);
