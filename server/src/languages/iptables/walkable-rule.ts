import type { ModelRule, RuleAction } from '../../engine/firewall-model.js';
import type { PacketClass } from '../../engine/packet.js';
import { runsBeforeTracking } from './firewall-model.js';
import { matchRule } from './match.js';
import { neighbourDiscoveryMatch } from './neighbour-discovery.js';
import type { RuleMeaning } from './rule-meaning.js';
import type { Location } from './ruleset.js';

/** TypeScript takes a class as a mixin's base only with a constructor of any arguments. */
export type AnyClass = abstract new (...args: any[]) => object;

/** Set on the prototype of every class `walkable` makes: what tells an iptables rule from another firewall's. */
const WALKABLE = Symbol('an iptables rule the engine walks');

/**
 * An iptables rule as the engine walks it: the rule objects a ruleset keeps are themselves the
 * engine's rules, so a walk over 100k rules makes no second object per rule. A mixin, because a
 * one-off check's line item is its own rule (see CheckedCommandItem) and is a line first.
 */
export function walkable<Base extends AnyClass>(base: Base) {
  abstract class Walkable extends base implements ModelRule {
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
  Object.defineProperty(Walkable.prototype, WALKABLE, { value: true });
  return Walkable;
}

/** A rule that is nothing else. */
export abstract class WalkableRule extends walkable(class {}) {}

/** Is the engine's rule an iptables rule (of any class `walkable` made)? */
export function isWalkable(rule: ModelRule): rule is ModelRule & { readonly meaning: RuleMeaning; readonly table: string } {
  return WALKABLE in rule;
}
