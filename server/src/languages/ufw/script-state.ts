import type { Location } from '../iptables/ruleset.js';
import type { UfwScriptCommand, UnknownRule } from '../iptables/script-effects.js';
import { readUfwCommand, type UfwCommand, type UfwProfiles, type UfwRule } from './command.js';
import type { UfwPolicy } from './ufw-init.js';

type Direction = 'input' | 'output' | 'forward';

/** A rule a `ufw` command adds or deletes, with the script line that did it. */
export interface UfwRuleChange { rule: UfwRule; placement: Extract<UfwCommand, { kind: 'rule' }>['placement']; where: Location }

/** What a script's `ufw` commands leave in ufw's saved state, on top of the host's files. */
export interface UfwScriptState {
  /** `ufw enable` or `ufw disable`, the last one run. */
  enabled?: { value: boolean; where: Location };
  /** `ufw default ...`, the last one run per direction. */
  policies: Partial<Record<Direction, { value: UfwPolicy; where: Location }>>;
  /** `ufw reset`: the rules files are put back as the package installs them, and ufw is disabled. */
  reset?: Location;
  /** Rules added or deleted since the last reset, in order. */
  changes: UfwRuleChange[];
  /** Commands whose change is not known (an argument or a profile the host does not fix). */
  unknownRules: UnknownRule[];
  /** At least one ufw command ran. */
  any: boolean;
}

const POLICY: Record<string, UfwPolicy> = { allow: 'ACCEPT', deny: 'DROP', reject: 'REJECT' };
const DIRECTION: Record<string, Direction> = { incoming: 'input', outgoing: 'output', routed: 'forward' };

/** Runs a way's ufw commands, in order, over ufw's state. A command ufw refuses changes nothing. */
export function ufwScriptState(commands: readonly UfwScriptCommand[], profiles: UfwProfiles): UfwScriptState {
  const state: UfwScriptState = { policies: {}, changes: [], unknownRules: [], any: commands.length > 0 };
  for (const command of commands) {
    const where: Location = { path: command.path, line: command.line, range: command.range };
    const read: UfwCommand = command.args ? readUfwCommand(command.args, profiles) : { kind: 'unknown', why: command.unknown ?? 'its arguments' };
    switch (read.kind) {
      case 'enable': state.enabled = { value: true, where }; break;
      case 'disable': state.enabled = { value: false, where }; break;
      case 'reset': state.reset = where; state.enabled = { value: false, where }; state.changes = []; break;
      case 'default': state.policies[DIRECTION[read.direction]!] = { value: POLICY[read.policy]!, where }; break;
      case 'rule': state.changes.push({ rule: read.rule, placement: read.placement, where }); break;
      case 'unknown':
        for (const family of ['ipv4', 'ipv6'] as const) state.unknownRules.push({ ...where, family, table: 'filter', why: `what \`ufw\` changes here: ${read.why}` });
        break;
      default: break;
    }
  }
  return state;
}
