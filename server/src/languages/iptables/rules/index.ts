import { carriageReturn, hostnameInRule, logPrefixTruncated, unusedChain } from './advice.js';
import { commandRules } from './command-problems.js';
import { helperProtocol, targetWrongTable, tcpResetNeedsTcp, unknownHelper } from './kernel.js';
import type { FirewallRule } from './rule-type.js';
import { octalNumber } from './octal-numbers.js';
import { runsInSomeWays } from './runs-in-some-ways.js';
import { scriptStopsEarly } from './script-stops.js';
import { structureRules } from './structure.js';

/** Every rule for iptables rule files and scripts. */
export const firewallRules: readonly FirewallRule[] = [
  carriageReturn, ...structureRules, ...commandRules, targetWrongTable, tcpResetNeedsTcp, helperProtocol, unknownHelper, logPrefixTruncated, hostnameInRule, octalNumber, unusedChain, scriptStopsEarly, runsInSomeWays,
];
