import { cNumber } from '../../core/c-number.js';
import { firstAtOrAfter } from '../../core/sorted.js';
import type { Range } from '../../core/text.js';
import type { ParsedCommand } from './command.js';
import { TARGETS } from './catalogue/extensions.js';
import type { CommandSource } from './read-command.js';
import type { RuleMeaning } from './rule-meaning.js';
import { renamedWord, type AddressFamily, type Word } from './syntax.js';
import { BUILTIN_CHAINS, isBuiltinChain, MAX_CHAIN_NAME } from './tables.js';
import { keptWord, WordLocation } from './line-place.js';
import type { ModelRule } from '../../engine/firewall-model.js';
import { isWalkable, WalkableRule } from './walkable-rule.js';

export interface Location { readonly path: string; readonly range: Range; readonly line: number }

/** A rule in a chain: what it means, and the command it came from (its words, when a finding needs them); the engine walks it as it is. */
export interface Rule extends ModelRule {
  readonly table: string;
  readonly chain: string;
  readonly meaning: RuleMeaning;
  readonly parsed: ParsedCommand;
  readonly where: Location;
}

/** Is a rule the engine walks one of an iptables ruleset's? */
export function isIptablesRule(rule: ModelRule): rule is Rule {
  return isWalkable(rule) && 'parsed' in rule;
}

/** A rule that points at the command it came from. */
class SourcedRule extends WalkableRule implements Rule {
  /** Held here as well as in the command: a walk reads the meaning of every rule it meets, and one pointer less to follow counts at 100k rules. */
  readonly meaning: RuleMeaning;
  constructor(readonly table: string, readonly chain: string, private readonly command: CommandSource, readonly where: Location) {
    super();
    this.meaning = command.meaning;
  }
  get parsed(): ParsedCommand { return this.command.parsed; }
}

/** The rule a command adds to `chain` of `table` from `where`: the command itself where it can stand for it. */
function ruleOf(source: CommandSource, table: string, chain: string, where: Location): Rule {
  return source.ruleIn?.(table, chain, where) ?? new SourcedRule(table, chain, source, where);
}

/** The same rule jumping to a renamed chain (-E); the command's own reading stays as written. */
function withTarget(rule: Rule, name: string): Rule {
  const meaning = rule.meaning.withTargetName(name);
  return new SourcedRule(rule.table, rule.chain, {
    meaning,
    get parsed() { const parsed = rule.parsed; return { ...parsed, target: { ...parsed.target!, name: renamedWord(parsed.target!.name, name) } }; },
  }, rule.where);
}

export interface Chain {
  table: string;
  name: string;
  builtin: boolean;
  policy: 'ACCEPT' | 'DROP';
  policyWhere?: Location;
  declaredAt?: Location;
  rules: Rule[];
}

export type RulesetProblemKind = 'unknown-chain' | 'duplicate-chain' | 'bad-policy' | 'chain-name' | 'rule-operation' | 'unknown-table';

export interface RulesetProblem { kind: RulesetProblemKind; message: string; word: Word; data?: Record<string, string> }

/**
 * A jump or goto to a chain, for finding chains nobody uses. A rule that jumps may be its own
 * reference (see acceptedCommand): a Kubernetes node's rules make tens of thousands.
 */
export interface ChainReference { readonly table: string; readonly jumpsTo: string; readonly where: Location }

/**
 * The rules a file (or script) leaves behind, per table and chain, built by replaying its
 * commands in order the way iptables would. Problems are what the legacy backend refuses.
 */
export class Ruleset {
  readonly tables = new Map<string, Map<string, Chain>>();
  readonly problems: RulesetProblem[] = [];
  readonly references: ChainReference[] = [];
  /** Every command replayed so far appended a rule (-A): then each rule's place depends on its own line alone. */
  private onlyAppends = true;
  /** Per table, the chains some rule jumps or goes to: made when first asked, once the ruleset is read (see chainsJumpedTo). */
  private jumpedTo = new Map<string, ReadonlySet<string>>();

  constructor(readonly family: AddressFamily) {}

  /**
   * The same ruleset after an edit that rewrote -A commands in place: each change takes out the
   * rule a command added (`removed`, its location), puts in the rule it adds now (`added`), or
   * both, in the chain the command names. Chains the edit did not touch are shared. Undefined
   * when this ruleset was built by more than appends to tables begun once (a -D, -I or -E, or a
   * second block of a table, makes rules depend on each other), or a rule cannot be placed as
   * replaying the file would place it.
   */
  rewritten(changes: ReadonlyArray<RuleChange>): Ruleset | undefined {
    if (!this.onlyAppends) return undefined;
    const next = new Ruleset(this.family);
    for (const problem of this.problems) next.problems.push(problem);
    for (const [table, chains] of this.tables) next.tables.set(table, new Map(chains));
    const references = [...this.references];
    for (const { table, removed, added } of changes) {
      const chains = next.tables.get(table);
      if (!chains) return undefined;
      if (removed) {
        const chain = this.own(chains, table, removed.chain);
        const index = chain ? ruleAtLine(chain.rules, removed.where.line) : -1;
        if (!chain || chain.rules[index]?.where !== removed.where) return undefined;
        chain.rules.splice(index, 1);
        const reference = references.findIndex((r) => r.where === removed.where);
        if (reference !== -1) references.splice(reference, 1);
      }
      if (added) {
        const { where, source } = added;
        // The chain, and a chain jumped to, must exist at the rule's line, as they must when it is replayed.
        const chain = existsAt(chains.get(added.chain), where.line) ? this.own(chains, table, added.chain) : undefined;
        const jump = chainJumpedTo(added.target, added.targetKnown);
        if (!chain || (jump !== undefined && !existsAt(chains.get(jump), where.line))) return undefined;
        chain.rules.splice(ruleAtLine(chain.rules, where.line), 0, ruleOf(source, table, chain.name, where));
        if (jump !== undefined) references.splice(referenceAtLine(references, where.line), 0, { table, jumpsTo: jump, where });
      }
    }
    for (const reference of references) next.references.push(reference);
    // The tables no change touched have the same jumps.
    for (const [table, chains] of this.jumpedTo) if (!changes.some((c) => c.table === table)) next.jumpedTo.set(table, chains);
    return next;
  }

  /**
   * The chains of `table` some rule jumps or goes to. Asked only of a ruleset that is read (the
   * checks and the engine): a kube-proxy file has tens of thousands of jumps, and every edit
   * asks, so the answer is kept and carried to the ruleset after an edit that left the table alone.
   */
  chainsJumpedTo(table: string): ReadonlySet<string> {
    let chains = this.jumpedTo.get(table);
    if (!chains) {
      const found = new Set<string>();
      for (const r of this.references) if (r.table === table) found.add(r.jumpsTo);
      this.jumpedTo.set(table, chains = found);
    }
    return chains;
  }

  /** The chain `name` of a table being rewritten, as a copy of its own the first time it is changed. */
  private own(chains: Map<string, Chain>, table: string, name: string): Chain | undefined {
    const chain = chains.get(name);
    if (!chain || chain !== this.tables.get(table)?.get(name)) return chain;
    const copy = { ...chain, rules: [...chain.rules] };
    chains.set(name, copy);
    return copy;
  }

  private problem(kind: RulesetProblemKind, message: string, word: Word, data?: Record<string, string>): void {
    this.problems.push({ kind, message, word: keptWord(word), ...(data ? { data } : {}) });
  }

  /** A table as iptables-restore starts it: built-in chains with ACCEPT policies and no rules. */
  resetTable(table: string): Map<string, Chain> {
    if (this.tables.has(table)) this.onlyAppends = false;
    const chains = new Map<string, Chain>();
    for (const name of BUILTIN_CHAINS[table] ?? []) chains.set(name, { table, name, builtin: true, policy: 'ACCEPT', rules: [] });
    this.tables.set(table, chains);
    return chains;
  }

  table(table: string): Map<string, Chain> {
    return this.tables.get(table) ?? this.resetTable(table);
  }

  chain(table: string, name: string): Chain | undefined { return this.tables.get(table)?.get(name); }

  private checkChainName(name: Word): boolean {
    if (name.value.length > MAX_CHAIN_NAME) {
      this.problem('chain-name', `Invalid chain name \`${name.value}' (${MAX_CHAIN_NAME} chars max)`, name);
      return false;
    }
    if (name.value === '' || name.value.startsWith('-') || name.value.startsWith('!') || /\s/.test(name.value)) {
      this.problem('chain-name', `Invalid chain name \`${name.value}'`, name);
      return false;
    }
    return true;
  }

  /**
   * A copy to load more onto (iptables-restore --noflush): its own tables, chains and rule lists,
   * sharing the rules themselves; the problems stay with this one.
   */
  copy(): Ruleset {
    const next = new Ruleset(this.family);
    next.onlyAppends = false;
    for (const [table, chains] of this.tables) next.tables.set(table, new Map([...chains].map(([name, chain]) => [name, { ...chain, rules: [...chain.rules] }])));
    for (const reference of this.references) next.references.push(reference);
    return next;
  }

  /**
   * A restore file's ":NAME POLICY [counters]" line. With --noflush (`noflush`) a user chain that
   * exists already is emptied instead of refused. The words may be reused ones (see
   * ReusedLineWord): what the ruleset keeps of them is copied.
   */
  declareChain(table: string, name: Word, policy: Word | undefined, where: Location, noflush = false): void {
    if (!this.checkChainName(name)) return;
    const chains = this.table(table);
    if (isBuiltinChain(table, name.value)) {
      const chain = chains.get(name.value)!;
      if (policy && policy.value !== 'ACCEPT' && policy.value !== 'DROP') {
        this.problem('bad-policy', `Can't set policy \`${policy.value}' on \`${name.value}' line ${where.line + 1}: Bad policy name`, policy);
        return;
      }
      if (policy) { chain.policy = policy.value as 'ACCEPT' | 'DROP'; chain.policyWhere = new WordLocation(where.path, keptWord(policy)); }
      chain.declaredAt = where;
      return;
    }
    if (policy && policy.value !== '-') {
      this.problem('bad-policy', `Can't set policy \`${policy.value}' on \`${name.value}' line ${where.line + 1}: Bad built-in chain name`, policy);
      return;
    }
    const existing = chains.get(name.value);
    if (existing && noflush) {
      chains.set(name.value, { ...existing, declaredAt: where, rules: [] });
      return;
    }
    if (existing) {
      this.problem('duplicate-chain', `error creating chain '${name.value}':File exists`, name, { first: String(chains.get(name.value)!.declaredAt?.line ?? -1) });
      return;
    }
    chains.set(name.value, { table, name: name.value, builtin: false, policy: 'ACCEPT', declaredAt: where, rules: [] });
  }

  /** The chain a command names, or a problem when it names none that exists. */
  private needChain(table: string, chainWord: Word | undefined, chain: Chain | undefined): Chain | undefined {
    if (!chainWord) return undefined;
    if (!chain) this.problem('unknown-chain', `chain '${chainWord.value}' does not exist in table '${table}'`, chainWord, { chain: chainWord.value, table });
    return chain;
  }

  /**
   * An -A of a command iptables accepts, added by its meaning alone (a line read by its shape,
   * whose words are not at hand): false, and nothing added, when its chain or the chain it jumps
   * to does not exist, for `apply` to report with the command's words.
   */
  appendByMeaning(table: string, source: CommandSource, where: Location): boolean {
    const { chain: name, targetName, targetKnown } = source.meaning;
    const chains = this.table(table);
    const chain = name === undefined ? undefined : chains.get(name);
    const jump = chainJumpedTo(targetName, targetKnown);
    if (!chain || (jump !== undefined && !chains.has(jump))) return false;
    const rule = ruleOf(source, table, chain.name, where);
    if (jump !== undefined) this.references.push(isReferenceTo(rule, jump) ? rule : { table, jumpsTo: jump, where });
    chain.rules.push(rule);
    return true;
  }

  /**
   * Replays one command (-A, -I, -D, -N, -X, -F, -P, -E, ...): `parsed` is its reading, `source`
   * what a rule it adds keeps.
   */
  apply(table: string, parsed: ParsedCommand, source: CommandSource, where: Location): void {
    if (!parsed.letter || !parsed.commandWord) return;
    if (parsed.letter !== 'A') this.onlyAppends = false;
    const chains = this.table(table);
    const chainWord = parsed.chain;
    const chain = chainWord ? chains.get(chainWord.value) : undefined;
    switch (parsed.letter) {
      case 'A': case 'I': case 'R': {
        const target = this.needChain(table, chainWord, chain);
        if (!target) return;
        if (!this.checkJump(table, parsed, where)) return;
        const rule = ruleOf(source, table, target.name, where);
        if (parsed.letter === 'A') target.rules.push(rule);
        else {
          const position = parsed.position ? ruleNumber(parsed.position.value) : 1;
          const limit = parsed.letter === 'I' ? target.rules.length + 1 : target.rules.length;
          if (position < 1 || position > limit) {
            this.problem('rule-operation', position < 1 ? `Invalid rule number \`${parsed.position!.value}'` : `${parsed.letter === 'I' ? 'Index of insertion too big' : 'Index of replacement too big'}: chain ${target.name} has ${target.rules.length} rule${target.rules.length === 1 ? '' : 's'}`, parsed.position ?? parsed.commandWord);
            return;
          }
          target.rules.splice(position - 1, parsed.letter === 'I' ? 0 : 1, rule);
        }
        return;
      }
      case 'D': {
        const target = this.needChain(table, chainWord, chain);
        if (!target) return;
        if (parsed.position) {
          const n = ruleNumber(parsed.position.value);
          if (n < 1 || n > target.rules.length) { this.problem('rule-operation', `Index of deletion too big: chain ${target.name} has ${target.rules.length} rules`, parsed.position); return; }
          target.rules.splice(n - 1, 1);
          return;
        }
        const key = ruleKey(parsed);
        const index = target.rules.findIndex((r) => ruleKey(r.parsed) === key);
        if (index === -1) { this.problem('rule-operation', `Bad rule (does a matching rule exist in that chain?)`, parsed.commandWord); return; }
        target.rules.splice(index, 1);
        return;
      }
      case 'N':
        if (!chainWord || !this.checkChainName(chainWord)) return;
        if (chains.has(chainWord.value)) { this.problem('duplicate-chain', `Chain '${chainWord.value}' already exists`, chainWord, { first: String(chains.get(chainWord.value)!.declaredAt?.line ?? -1) }); return; }
        chains.set(chainWord.value, { table, name: chainWord.value, builtin: false, policy: 'ACCEPT', declaredAt: where, rules: [] });
        return;
      case 'X': {
        if (!chainWord) {
          for (const [name, c] of chains) if (!c.builtin && !this.isReferenced(table, name)) chains.delete(name);
          return;
        }
        if (!chain) { this.needChain(table, chainWord, chain); return; }
        if (chain.builtin) { this.problem('rule-operation', `Can't delete built-in chain '${chain.name}'`, chainWord); return; }
        if (this.isReferenced(table, chain.name)) { this.problem('rule-operation', `Chain '${chain.name}' is still used by a rule and cannot be deleted`, chainWord); return; }
        chains.delete(chain.name);
        return;
      }
      case 'F':
        if (!chainWord) { for (const c of chains.values()) c.rules = []; return; }
        if (this.needChain(table, chainWord, chain)) chain!.rules = [];
        return;
      case 'P': {
        const target = this.needChain(table, chainWord, chain);
        const policy = parsed.second;
        if (!target || !policy) return;
        if (!target.builtin) { this.problem('bad-policy', `Can't set policy \`${policy.value}' on \`${target.name}': Bad built-in chain name`, policy); return; }
        if (policy.value !== 'ACCEPT' && policy.value !== 'DROP') { this.problem('bad-policy', `Can't set policy \`${policy.value}' on \`${target.name}': Bad policy name`, policy); return; }
        target.policy = policy.value;
        target.policyWhere = new WordLocation(where.path, policy);
        return;
      }
      case 'E': {
        const target = this.needChain(table, chainWord, chain);
        if (!target || !parsed.second || !this.checkChainName(parsed.second)) return;
        chains.delete(target.name);
        target.name = parsed.second.value;
        chains.set(target.name, target);
        // The jumps now lead to the new name; the commands' own readings stay as written (an editor reuses them).
        for (const c of chains.values()) c.rules = c.rules.map((r) => r.meaning.targetName === chainWord!.value ? withTarget(r, target.name) : r);
        return;
      }
      default:
        return;
    }
  }

  /**
   * What `iptables-restore` does to the running rules with a file's ruleset: each table the file
   * holds replaces the running one; with --noflush (`keep`) its chains are added instead, a
   * user chain it declares again is emptied first, and a policy it gives is set.
   */
  load(restored: Ruleset, keep: boolean): void {
    this.onlyAppends = false;
    for (const [table, chains] of restored.tables) {
      const running = keep ? this.table(table) : this.resetTable(table);
      for (const chain of chains.values()) {
        const own = running.get(chain.name);
        if (!own) { running.set(chain.name, { ...chain, rules: [...chain.rules] }); continue; }
        if (chain.policyWhere || !keep) { own.policy = chain.policy; own.policyWhere = chain.policyWhere; }
        own.rules = !keep || !own.builtin ? [...chain.rules] : [...own.rules, ...chain.rules];
        own.declaredAt ??= chain.declaredAt;
      }
    }
    for (const reference of restored.references) this.references.push(reference);
  }

  /** A -j/-g to something that is not a target must name a chain that exists at that point. */
  private checkJump(table: string, parsed: ParsedCommand, where: Location): boolean {
    const target = parsed.target;
    const name = chainJumpedTo(target?.name.value, !!target?.spec);
    if (!target || name === undefined) return true;
    if (!this.tables.get(table)?.has(name)) {
      this.problem('unknown-chain', target.goto ? `goto '${name}' is not a chain` : `Couldn't load target \`${name}':No such file or directory`, target.name, { chain: name, table });
      return false;
    }
    this.references.push({ table, jumpsTo: name, where });
    return true;
  }

  private isReferenced(table: string, chain: string): boolean {
    for (const c of this.tables.get(table)?.values() ?? []) for (const r of c.rules) if (r.meaning.targetName === chain) return true;
    return false;
  }
}

/** What an edit changed of one -A command's rule (see Ruleset.rewritten). */
/** A rule an edit took out or put in, as the host check sees it. */
export interface ChangedRule { readonly table: string; readonly chain: string; readonly meaning: RuleMeaning }

export interface RuleChange {
  readonly table: string;
  readonly removed?: { readonly chain: string; readonly where: Location };
  readonly added?: { readonly chain: string; readonly target: string | undefined; readonly targetKnown: boolean; readonly source: CommandSource; readonly where: Location };
}

/** The chain a -j/-g names, when it names one: not a target known for the rule's family (`known`), nor the name of any target. */
function chainJumpedTo(target: string | undefined, known: boolean): string | undefined {
  return target !== undefined && !known && !TARGETS.has(target) ? target : undefined;
}

/** Is the rule its own reference to the chain it jumps to (see ChainReference)? */
function isReferenceTo(rule: Rule, jump: string): rule is Rule & ChainReference {
  return 'jumpsTo' in rule && rule.jumpsTo === jump;
}

/** Does the chain exist at this line: built in, or declared on a line before it? */
function existsAt(chain: Chain | undefined, line: number): boolean {
  return !!chain && (chain.builtin || (chain.declaredAt !== undefined && chain.declaredAt.line < line));
}

const ruleAtLine = (rules: readonly Rule[], line: number) => firstAtOrAfter(rules, line, (r) => r.where.line);
const referenceAtLine = (references: readonly ChainReference[], line: number) => firstAtOrAfter(references, line, (r) => r.where.line);

/** Two rule specifications are the same rule for -D when their words after the chain are the same. */
function ruleKey(parsed: ParsedCommand): string {
  return parsed.words.filter((w) => w !== parsed.commandWord && w !== parsed.chain).map((w) => w.value).join('\u0000');
}

/** A rule number as iptables reads it: strtoul in base 0 ("010" is rule 8); NaN where it reads none. */
const ruleNumber = (text: string): number => cNumber(text) ?? NaN;
