import type { AddressFamily } from '../syntax.js';

/** What an option's check may look at besides its own value. */
export interface RuleContext {
  family: AddressFamily;
  table: string;
  /** The protocol from -p, by name (tcp, udp, icmp, ...), when one is given and not negated. */
  protocol?: string;
  /** -p is given negated (`! -p tcp`). */
  protocolNegated?: boolean;
}

/** A refusal that only the kernel makes, when the rules are loaded; `iptables-restore --test` lets it pass. */
export interface LoadTimeRefusal { message: string; atLoad: true }

/**
 * A value iptables 1.8.9 (Debian 12's) loads, reading it its own way (`loadedAs`), that iptables'
 * own test vectors expect refused with `message`: whether the file loads depends on the version.
 */
export interface VersionRefusal { message: string; loadedAs: string }

/** iptables' own error text when it refuses the value, the kernel's refusal at load time, or a refusal some versions make. */
export type Refusal = string | LoadTimeRefusal | VersionRefusal;

export const atLoad = (message: string): LoadTimeRefusal => ({ message, atLoad: true });
export const refusedByOtherVersions = (message: string, loadedAs: string): VersionRefusal => ({ message, loadedAs });

export type ValueCheck = (value: string, context: RuleContext) => Refusal | undefined;

export interface OptionSpec {
  /** The long name without dashes; iptables also accepts any unique prefix of it. */
  name: string;
  aliases?: string[];
  /** How many arguments follow the option. */
  args: 0 | 1 | 2;
  check?: ValueCheck;
  /** May be given more than once in one rule. */
  repeatable?: boolean;
  /** iptables' wording when the option is repeated, if it has its own. */
  repeatMessage?: string;
  /**
   * Options that count as one for repeats (tcp's --syn and --tcp-flags both set the flags to
   * match: the second of either is refused); the group's name, shared by its options.
   */
  onceWith?: string;
  describe: string;
}

/** The options an extension was given, by catalogue name (a repeated one counts once): what its `complete` check asks. */
export interface GivenOptions { has(name: string): boolean; readonly size: number }

export interface ExtensionSpec {
  name: string;
  kind: 'match' | 'target';
  /** Only for this family (libipt_ / libip6t_); both when absent. */
  family?: AddressFamily;
  /** ftpwall checks this extension's options in full; otherwise it accepts them without judging. */
  judged: boolean;
  describe: string;
  options: OptionSpec[];
  /**
   * Its options read the protocol when they are read, so `complete` sees only a -p given before
   * them (multiport: `-m multiport --dports 21 -p tcp` is refused).
   */
  protocolFirst?: boolean;
  /** Checks on the extension as a whole once its options are read (a required option, a needed protocol). */
  complete?: (given: GivenOptions, context: RuleContext) => Refusal | undefined;
  /** Like `complete`, for checks that compare option values with each other. */
  completeWithValues?: (values: ReadonlyMap<string, string>) => string | undefined;
}
