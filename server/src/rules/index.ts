import { activeBlocked } from './active.js';
import { dependsOnUnknown } from './depends-on-unknown.js';
import { hostConfiguration, hostConfigurationReplaced, policyAppliesToNothing } from './host-configuration.js';
import { controlBlocked, controlNotEstablished } from './control.js';
import { acceptShadowed, inputAcceptsEverything, ipv6WithoutRules, noFirewall } from './firewall-wide.js';
import type { HostRule } from './host-rule.js';
import { dnatWithoutPassive, natWithoutPasvAddress } from './nat.js';
import { gatewayBlocks } from './gateway.js';
import { ipv6Blocked } from './ipv6.js';
import { inetdRefusesService, notStartedAtBoot, notStartedByInetd, serverNotStartedAtBoot } from './not-started.js';
import { configurationNotRead, proftpdIncludeCutShort, proftpdMisread, proftpdRefused } from './server-configuration.js';
import { refusedByTcpWrappers } from './tcp-wrappers.js';
import { listenAddressUnreachable } from './listen-address.js';
import { passiveBlocked, passiveConditional, passiveRangeSmall, rangeMismatch, rangeOpenWhileDisabled, rangeTooBroad, relatedWithoutHelper } from './passive.js';

/** The rules that need a whole host: its FTP server and its firewall together. */
export const hostRules: readonly HostRule[] = [
  controlBlocked, controlNotEstablished, passiveBlocked, passiveConditional, passiveRangeSmall, rangeMismatch, rangeTooBroad, rangeOpenWhileDisabled,
  relatedWithoutHelper, activeBlocked, acceptShadowed, inputAcceptsEverything, noFirewall, ipv6WithoutRules, natWithoutPasvAddress, dnatWithoutPassive, gatewayBlocks, ipv6Blocked,
  dependsOnUnknown, hostConfiguration, hostConfigurationReplaced, policyAppliesToNothing, proftpdRefused, proftpdIncludeCutShort, proftpdMisread, configurationNotRead,
  notStartedAtBoot, serverNotStartedAtBoot, notStartedByInetd, inetdRefusesService, refusedByTcpWrappers, listenAddressUnreachable,
];
