import type { ModelRule, RuleAction } from '../../engine/firewall-model.js';
import type { PacketClass } from '../../engine/packet.js';
import { runsBeforeTracking } from './firewall-model.js';
import { matchRule } from './match.js';
import { neighbourDiscoveryMatch } from './neighbour-discovery.js';
import type { RuleMeaning } from './rule-meaning.js';
import type { Location } from './ruleset.js';

/**
 * An iptables rule as the engine walks it: the rule objects a ruleset keeps are themselves the
 * engine's rules, so a walk over 100k rules makes no second object per rule.
 */
export abstract class WalkableRule implements ModelRule {
  abstract readonly meaning: RuleMeaning;
  abstract readonly where: Location;
  abstract readonly chain: string;
  abstract readonly table: string;
  get action(): RuleAction { return this.meaning.action; }
  get actionName(): string | undefined { return this.meaning.targetName; }
  get source(): unknown { return this; }
  // Before connection tracking discovery messages are INVALID, after it UNTRACKED.
  get neighbourDiscovery() { return neighbourDiscoveryMatch(this.meaning, runsBeforeTracking(this.table) ? 'INVALID' : 'UNTRACKED'); }
  match(packet: PacketClass) { return matchRule(this.meaning, packet); }
}
