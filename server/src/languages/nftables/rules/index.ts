import { helperNotAssigned, interfaceByIndex, nftHostname, unreachableRule } from './advice.js';
import { nftOctalNumber } from './octal-numbers.js';
import { acceptOverridden, helperTooLate } from './base-chains.js';
import { nftRefused, nftSyntaxError, type NftablesCheck } from './problems.js';

/** Every check of nftables files. */
export const nftablesChecks: readonly NftablesCheck[] = [nftSyntaxError, nftRefused, unreachableRule, interfaceByIndex, helperNotAssigned, nftHostname, nftOctalNumber, acceptOverridden, helperTooLate];
