import type { OctalNumber } from '../../core/c-number.js';
import { nearestNames } from '../../core/nearest-names.js';
import { LineIndex, type Range } from '../../core/text.js';
import type { Location } from '../iptables/ruleset.js';
import { parseNft, type SyntaxProblem } from './parser.js';
import { readRule, SET_TYPE_WORDING, type ReadRule, type SetType } from './rule.js';
import { isBlock, isToken, isWord, type Block, type Item, type NftToken, type Term } from './syntax.js';
import { CHAIN_TYPES, FAMILIES, HOOKS_BY_FAMILY, isValueError, PRIORITY_NAMES, readAddress, readPortValue } from './values.js';

/**
 * A place in one of the files a ruleset is read from (an include brings in others). An edit that
 * only adds or removes blank lines moves it in place (see reread.ts), so the reading is kept.
 */
export class NftLocation implements Location {
  constructor(readonly path: string, private lines: LineIndex, public start: number, public end: number) {}
  get line(): number { return this.lines.positionAt(this.start).line; }
  get range(): Range { return this.lines.range(this.start, this.end); }
  copy(): NftLocation { return new NftLocation(this.path, this.lines, this.start, this.end); }
  /** After an edit of its file that put `delta` characters in at `at` (or took them out), in the text `lines` indexes. */
  moveFor(lines: LineIndex, at: number, delta: number): void {
    this.lines = lines;
    // A place that spans the edit keeps its start and takes the edit in; one that ends where the
    // edit starts stays as it was; an end (or start) in text taken out goes to where it was.
    if (this.start >= at) this.start = Math.max(at, this.start + delta);
    if (this.end > at) this.end = Math.max(at, this.end + delta);
    // An empty place at the edit's point (the end of the file) moves with what is put in there.
    if (this.end < this.start) this.end = this.start;
  }
}

/** Every place a ruleset keeps (each is an object of its own: none is kept twice). */
export function eachLocation(ruleset: NftRuleset, visit: (location: NftLocation) => void): void {
  const once = (location: NftLocation | undefined) => { if (location) visit(location); };
  for (const table of ruleset.tables) {
    once(table.declaredAt);
    for (const set of table.sets.values()) once(set.declaredAt);
    for (const helper of table.helpers.values()) once(helper.declaredAt);
    for (const chain of table.chains.values()) {
      once(chain.declaredAt); once(chain.closeAt); once(chain.base?.where); once(chain.policyWhere);
      for (const rule of chain.rules) {
        once(rule.where);
        for (const h of rule.hostnames) once(h.where);
        for (const i of rule.interfacesByIndex) once(i.where);
        for (const o of rule.octalNumbers) once(o.where);
      }
    }
  }
  for (const p of ruleset.problems) once(p.where);
  for (const u of ruleset.unreadIncludes) once(u.where);
  once(ruleset.flushesRuleset);
}

export type ProblemKind = 'syntax-error' | 'refused';

/**
 * What nft refuses, in its words, where it says so. nft reports in stages: it parses the whole
 * file, then evaluates it, then the kernel checks the batch; a later stage is reached only when
 * the earlier found nothing, so the first error nft prints is of the earliest stage.
 */
export interface NftProblem { kind: ProblemKind; message: string; where: NftLocation; stage: 'parse' | 'evaluate' | 'kernel' }

const stageOf = (kind: ProblemKind, message: string): NftProblem['stage'] => (kind === 'syntax-error' ? 'parse' : message.startsWith('Could not process rule') ? 'kernel' : 'evaluate');

export interface NftRule {
  readonly chain: NftChain;
  readonly where: NftLocation;
  readonly reading: ReadRule;
  /** The rule's text, from its first to its last term. */
  readonly text: string;
  /** Host names in its addresses, where they are written. */
  readonly hostnames: ReadonlyArray<{ name: string; where: NftLocation }>;
  /** `iif`/`oif` by an interface's name: the keyword and the name, and where both are written. */
  readonly interfacesByIndex: ReadonlyArray<{ keyword: string; name: string; where: NftLocation }>;
  /** Numbers nft reads in octal where they look decimal (`021` is 17), and where each is written (`exact`), or the range joined from "LOW - HIGH" it is in. */
  readonly octalNumbers: ReadonlyArray<{ number: OctalNumber; value: string; where: NftLocation; exact: boolean }>;
}

export interface NftChain {
  readonly table: NftTable;
  readonly name: string;
  readonly declaredAt: NftLocation;
  /** Where the chain's block closes, for rules added at its end. */
  closeAt?: NftLocation;
  base?: { type: string; hook: string; priority: number; device?: string; where: NftLocation };
  policy: 'accept' | 'drop';
  policyWhere?: NftLocation;
  rules: NftRule[];
  /** Counts the edits read in place that changed its rules, so that what is worked out from them is kept until one does. */
  version?: number;
}

export interface NftSet { readonly name: string; readonly type: SetType; readonly elements: Term[]; readonly isMap: boolean; readonly declaredAt: NftLocation }

export interface NftHelper { readonly name: string; readonly helperType: string; readonly declaredAt: NftLocation }

export interface NftTable {
  readonly family: string;
  readonly name: string;
  readonly declaredAt: NftLocation;
  chains: Map<string, NftChain>;
  sets: Map<string, NftSet>;
  helpers: Map<string, NftHelper>;
  /** `flags dormant`: the table's chains see no packet. */
  dormant: boolean;
}

/** The FTP helper object a rule's `ct helper set` names in its table, if it names one. */
export function ftpHelperSetBy(rule: NftRule): NftHelper | undefined {
  const name = rule.reading.helperSet;
  const object = name && rule.chain.table.helpers.get(unquoted(name));
  return object?.helperType === 'ftp' ? object : undefined;
}

/** An include the reader could not follow (its files are not at hand): what they hold is unknown. */
export interface UnreadInclude { readonly pattern: string; readonly where: NftLocation }

/** The files an include names, as the host holds them; undefined when the reader has no host to look in. */
/** Does an include name a path from the directory nft is started in (./ or ../)? */
export const startsFromWorkingDirectory = (pattern: string): boolean => pattern.startsWith('./') || pattern.startsWith('../');

export type IncludeReader = (pattern: string, from: string) => Array<{ path: string; text: string }> | undefined;

export interface NftRuleset {
  tables: NftTable[];
  problems: NftProblem[];
  unreadIncludes: UnreadInclude[];
  /** The files read through includes. */
  included: string[];
  /** Does the file declare a table of its own (a file of `add rule` lines for another's tables does not)? */
  declaresTables: boolean;
  /** The first `flush ruleset` (of every family): loaded after other firewalls, it removes their rules. */
  flushesRuleset?: NftLocation;
}

const KNOWN_HELPER_TYPES = new Set(['ftp', 'irc', 'sip', 'tftp', 'amanda', 'sane', 'pptp', 'netbios-ns', 'snmp', 'RAS', 'Q.931']);
const SET_TYPES: Record<string, SetType> = { inet_service: 'inet_service', ipv4_addr: 'ipv4_addr', ipv6_addr: 'ipv6_addr', ifname: 'ifname', ct_state: 'ct_state', inet_proto: 'inet_proto' };
/** Command words nft takes in a file that change nothing ftpwall reads. */
const HARMLESS_COMMANDS = new Set(['list', 'reset', 'monitor', 'export', 'describe', 'rename', 'get']);
/** A chain's rules are kept per table and chain; a rule added by a command is looked up by both. */
const MAX_INCLUDE_DEPTH = 16;

/** One file's statements being read, with where its text is. */
interface Source { path: string; lines: LineIndex }

/**
 * Reads an nftables file as `nft -f` runs it: statements in order, `flush ruleset` forgetting what
 * came before, tables and chains made or added to, `define`d values put in, includes read where
 * `readInclude` finds them. Rules are read once every table is known, so a jump to a chain written
 * further down, as nft allows, finds it.
 */
export function readNftRuleset(text: string, path: string, readInclude?: IncludeReader): NftRuleset {
  const ruleset: NftRuleset = { tables: [], problems: [], unreadIncludes: [], included: [], declaresTables: false };
  const defines = new Map<string, Term[]>();
  const pendingRules: Array<{ chain: NftChain; terms: Term[]; where: NftLocation; text: string; insert: boolean; source: Source }> = [];

  const at = (source: Source, from: number, to: number) => new NftLocation(source.path, source.lines, from, to);
  const report = (source: Source, kind: ProblemKind, message: string, from: number, to: number) => ruleset.problems.push({ kind, message, where: at(source, from, to), stage: stageOf(kind, message) });
  const refused = (source: Source, message: string, from: Term, to: Term = from) => report(source, 'refused', message, from.start, to.end);
  const syntax = (source: Source, message: string, from: Term, to: Term = from) => report(source, 'syntax-error', message, from.start, to.end);

  const readSource = (sourceText: string, sourcePath: string, depth: number) => {
    const source: Source = { path: sourcePath, lines: new LineIndex(sourceText) };
    const parsed = parseNft(sourceText);
    for (const p of parsed.problems) report(source, 'syntax-error', p.message, p.start, p.end);
    for (const item of parsed.items) topLevel(source, sourceText, item, depth);
  };

  const table = (source: Source, family: string, nameToken: NftToken, create: boolean): NftTable | undefined => {
    const name = unquoted(nameToken);
    let found = ruleset.tables.find((t) => t.family === family && t.name === name);
    if (!found && create) {
      found = { family, name, declaredAt: at(source, nameToken.start, nameToken.end), chains: new Map(), sets: new Map(), helpers: new Map(), dormant: false };
      ruleset.tables.push(found);
    }
    return found;
  };

  /** The family word at terms[i], if there is one, and the index after it. */
  const familyAt = (terms: readonly Term[], i: number): [string, number] => {
    const w = wordOf(terms[i]);
    return w && FAMILIES.includes(w) && isToken(terms[i + 1]) ? [w, i + 1] : ['ip', i];
  };

  /** Replaces each `$NAME` by what it was defined as; an unknown one is refused. */
  const expand = (source: Source, terms: readonly Term[], depth = 0): Term[] => {
    const out: Term[] = [];
    for (const t of terms) {
      if (isToken(t) && t.kind === 'variable') {
        const value = defines.get(t.image.slice(1));
        if (!value) { report(source, 'refused', `unknown identifier '${t.image.slice(1)}'`, t.start + 1, t.end); out.push({ ...t, kind: 'word', image: '$unknown' }); continue; }
        out.push(...(depth > 8 ? value : expand(source, value, depth + 1)));
      } else if (isBlock(t)) {
        out.push({ ...t, items: t.items.map((item) => ({ ...item, terms: expand(source, item.terms, depth) })) });
      } else out.push(t);
    }
    return out;
  };

  const unterminated = (source: Source, item: Item, block: Block) => {
    if (item.terminated || !block.closed) return;
    report(source, 'syntax-error', "syntax error, unexpected '}', expecting newline or semicolon", block.end - 1, block.end);
  };

  function topLevel(source: Source, sourceText: string, item: Item, depth: number) {
    const terms = item.terms;
    const first = terms[0];
    const verb = wordOf(first);
    if (!verb) { syntax(source, 'syntax error, unexpected string', first!); return; }
    switch (verb) {
      case 'flush': {
        const what = wordOf(terms[1]);
        if (what === 'ruleset') {
          const [family] = familyAt(terms, 2);
          const oneFamily = wordOf(terms[2]) && FAMILIES.includes(wordOf(terms[2])!);
          ruleset.tables = oneFamily ? ruleset.tables.filter((t) => t.family !== family) : [];
          if (!oneFamily) ruleset.flushesRuleset ??= at(source, first!.start, terms[1]!.end);
        } else if (what === 'table' || what === 'chain' || what === 'set' || what === 'map') {
          const [family, i] = familyAt(terms, 2);
          const found = isToken(terms[i]) ? table(source, family, terms[i] as NftToken, false) : undefined;
          if (!found) { refused(source, 'Could not process rule: No such file or directory', terms[i] ?? terms[1]!); return; }
          if (what === 'table') for (const chain of found.chains.values()) chain.rules = [];
          else if (what === 'chain') {
            const chain = isToken(terms[i + 1]) ? found.chains.get(unquoted(terms[i + 1] as NftToken)) : undefined;
            if (!chain) { refused(source, 'Could not process rule: No such file or directory', terms[i + 1] ?? terms[i]!); return; }
            chain.rules = [];
            for (let n = pendingRules.length - 1; n >= 0; n--) if (pendingRules[n]!.chain === chain) pendingRules.splice(n, 1);
          }
        } else syntax(source, 'syntax error, unexpected string', terms[1] ?? first!);
        return;
      }
      case 'define': case 'redefine': {
        const name = terms[1], equals = terms[2];
        if (!isToken(name) || !isToken(equals) || equals.kind !== 'equals' || terms.length < 4) { syntax(source, 'syntax error, unexpected newline', terms.at(-1)!); return; }
        defines.set(name.image, expand(source, terms.slice(3)));
        return;
      }
      case 'undefine': if (isToken(terms[1])) defines.delete(terms[1].image); return;
      case 'include': {
        const pattern = terms[1];
        if (!isToken(pattern) || pattern.kind !== 'string') { syntax(source, 'syntax error, unexpected newline', pattern ?? first!); return; }
        const files = depth < MAX_INCLUDE_DEPTH ? readInclude?.(unquoted(pattern), source.path) : undefined;
        if (!files) { ruleset.unreadIncludes.push({ pattern: unquoted(pattern), where: at(source, first!.start, pattern.end) }); return; }
        for (const file of files) { ruleset.included.push(file.path); readSource(file.text, file.path, depth + 1); }
        return;
      }
      case 'table': tableStatement(source, sourceText, terms, 1); return;
      case 'add': case 'create': case 'insert': case 'replace': case 'delete': case 'destroy': command(source, sourceText, verb, terms); return;
      default:
        if (HARMLESS_COMMANDS.has(verb)) return;
        syntax(source, `syntax error, unexpected string${suggestion(verb, ['table', 'flush', 'define', 'include', 'add', 'insert', 'delete', 'create', 'list'])}`, first!);
    }
  }

  function tableStatement(source: Source, sourceText: string, terms: readonly Term[], from: number) {
    const [family, i] = familyAt(terms, from);
    const nameToken = terms[i];
    if (!isToken(nameToken)) { syntax(source, 'syntax error, unexpected newline', terms[i - 1]!); return; }
    ruleset.declaresTables = true;
    const found = table(source, family, nameToken, true)!;
    const body = terms[i + 1];
    if (isBlock(body)) tableBody(source, sourceText, found, body);
    else if (body) syntax(source, 'syntax error, unexpected string', body);
  }

  function tableBody(source: Source, sourceText: string, owner: NftTable, block: Block) {
    for (const item of block.items) {
      unterminated(source, item, block);
      const terms = item.terms;
      const kind = wordOf(terms[0]);
      const name = terms[1];
      switch (kind) {
        case 'chain': {
          if (!isToken(name)) { syntax(source, 'syntax error, unexpected newline', terms[0]!); break; }
          const chain = declareChain(source, owner, name);
          if (isBlock(terms[2])) chainBody(source, sourceText, chain, terms[2]);
          break;
        }
        case 'set': case 'map':
          if (isToken(name) && isBlock(terms[2])) declareSet(source, owner, name, terms[2], kind === 'map');
          else syntax(source, 'syntax error, unexpected newline', terms.at(-1)!);
          break;
        case 'ct':
          if (wordOf(name) === 'helper' && isToken(terms[2]) && isBlock(terms[3])) declareHelper(source, owner, terms[2], terms[3]);
          else if (!['timeout', 'expectation'].includes(wordOf(name) ?? '')) syntax(source, 'syntax error, unexpected string', name ?? terms[0]!);
          break;
        case 'flags': if (terms.slice(1).some((t) => isWord(t, 'dormant'))) owner.dormant = true; break;
        case 'comment': case 'counter': case 'quota': case 'limit': case 'secmark': case 'synproxy': case 'flowtable': break;
        default: syntax(source, `syntax error, unexpected string${suggestion(kind ?? '', ['chain', 'set', 'map', 'ct', 'flags', 'comment', 'counter', 'quota', 'limit', 'flowtable'])}`, terms[0]!);
      }
    }
  }

  function declareChain(source: Source, owner: NftTable, nameToken: NftToken): NftChain {
    const name = unquoted(nameToken);
    let chain = owner.chains.get(name);
    if (!chain) {
      chain = { table: owner, name, declaredAt: at(source, nameToken.start, nameToken.end), policy: 'accept', rules: [] };
      owner.chains.set(name, chain);
    }
    return chain;
  }

  function chainBody(source: Source, sourceText: string, chain: NftChain, block: Block) {
    if (block.closed) chain.closeAt = at(source, block.end - 1, block.end);
    for (const item of block.items) {
      unterminated(source, item, block);
      const terms = expand(source, item.terms);
      const first = wordOf(terms[0]);
      if (first === 'type') baseChainSpec(source, chain, terms);
      else if (first === 'policy') policy(source, chain, terms);
      else if (first === 'comment' && terms.length === 2) continue;
      else if (first === 'devices' || first === 'device') continue;
      else pendingRules.push({ chain, terms, where: at(source, item.start, item.end), text: sourceText.slice(item.start, item.end), insert: false, source });
    }
  }

  function baseChainSpec(source: Source, chain: NftChain, terms: readonly Term[]) {
    const [, typeWord, hookKeyword, hookWord] = terms;
    const type = wordOf(typeWord);
    if (!type || !wordOf(hookKeyword)) { syntax(source, 'syntax error, unexpected newline', terms.at(-1)!); return; }
    if (!(CHAIN_TYPES as readonly string[]).includes(type)) { refused(source, 'unknown chain type', typeWord!); return; }
    const hook = wordOf(hookWord);
    if (!hook) { syntax(source, 'syntax error, unexpected newline', hookKeyword!); return; }
    if (!HOOKS_BY_FAMILY[chain.table.family]!.includes(hook)) { refused(source, 'unknown chain hook', hookWord!); return; }
    let i = 4;
    let device: string | undefined;
    if (wordOf(terms[i]) === 'device') { device = isToken(terms[i + 1]) ? unquoted(terms[i + 1] as NftToken) : undefined; i += 2; }
    if (wordOf(terms[i]) !== 'priority') { syntax(source, `syntax error, unexpected ${terms[i] ? 'string' : 'newline'}, expecting priority`, terms[i] ?? terms.at(-1)!); return; }
    const priority = readPriority(terms.slice(i + 1));
    if (priority === undefined) { syntax(source, 'syntax error, unexpected string', terms[i + 1] ?? terms[i]!); return; }
    chain.base = { type, hook, priority, ...(device ? { device } : {}), where: at(source, terms[0]!.start, terms.at(-1)!.end) };
  }

  function policy(source: Source, chain: NftChain, terms: readonly Term[]) {
    const value = wordOf(terms[1]);
    if (value !== 'accept' && value !== 'drop') { syntax(source, `syntax error, unexpected ${terms[1] ? 'string' : 'newline'}, expecting accept or drop or '$'`, terms[1] ?? terms[0]!); return; }
    // A policy is a base chain's: checked once the chain's type line, which may come later, is read.
    chain.policy = value;
    chain.policyWhere = at(source, terms[0]!.start, terms[1]!.end);
  }

  function declareSet(source: Source, owner: NftTable, nameToken: NftToken, block: Block, isMap: boolean) {
    let type: SetType = 'other';
    const elements: Term[] = [];
    for (const item of block.items) {
      // nft takes "elements = { ... }" as the last line of a set without a newline or ";" before the "}".
      if (wordOf(item.terms[0]) !== 'elements') unterminated(source, item, block);
      const terms = expand(source, item.terms);
      const key = wordOf(terms[0]);
      if (key === 'type') type = SET_TYPES[wordOf(terms[1]) ?? ''] ?? 'other';
      else if (key === 'typeof') type = typeofSetType(terms.slice(1));
      else if (key === 'elements') {
        const body = terms.find(isBlock);
        if (body) for (const element of body.items) elements.push(...element.terms.filter((t) => !(isToken(t) && t.kind === 'comma')));
      }
    }
    checkElements(source, type, elements);
    owner.sets.set(unquoted(nameToken), { name: unquoted(nameToken), type, elements, isMap, declaredAt: at(source, nameToken.start, nameToken.end) });
  }

  /** Elements are read as the set's type says: ports and addresses as in a rule. */
  function checkElements(source: Source, type: SetType, elements: readonly Term[]) {
    for (const element of elements) {
      if (!isToken(element) || (element.kind !== 'word' && element.kind !== 'string')) continue;
      const text = unquoted(element);
      const read = type === 'inet_service' ? readPortValue(text) : type === 'ipv4_addr' || type === 'ipv6_addr' ? readAddress(text, type === 'ipv4_addr' ? 'ipv4' : 'ipv6') : undefined;
      if (read && isValueError(read)) refused(source, read.error, element);
    }
  }

  function declareHelper(source: Source, owner: NftTable, nameToken: NftToken, block: Block) {
    let helperType = '';
    for (const item of block.items) {
      unterminated(source, item, block);
      const terms = item.terms;
      if (wordOf(terms[0]) === 'type' && isToken(terms[1])) helperType = unquoted(terms[1]);
    }
    if (!KNOWN_HELPER_TYPES.has(helperType)) refused(source, 'Could not process rule: No such file or directory', nameToken);
    owner.helpers.set(unquoted(nameToken), { name: unquoted(nameToken), helperType, declaredAt: at(source, nameToken.start, nameToken.end) });
  }

  /** The command forms: add/create/insert/replace/delete of tables, chains, rules, sets and elements. */
  function command(source: Source, sourceText: string, verb: string, terms: readonly Term[]) {
    const object = wordOf(terms[1]);
    const [family, i] = familyAt(terms, 2);
    if (object === 'table') {
      if (verb === 'delete' || verb === 'destroy') { const gone = isToken(terms[i]) ? table(source, family, terms[i] as NftToken, false) : undefined; if (gone) ruleset.tables.splice(ruleset.tables.indexOf(gone), 1); return; }
      tableStatement(source, sourceText, terms, 2);
      return;
    }
    const tableToken = terms[i];
    if (!isToken(tableToken)) { syntax(source, 'syntax error, unexpected newline', terms.at(-1)!); return; }
    const owner = table(source, family, tableToken, false);
    if (!owner) {
      // A file of commands for tables another file declares is judged with that file, in its host.
      if (ruleset.declaresTables) refused(source, 'Could not process rule: No such file or directory', tableToken);
      else ruleset.unreadIncludes.push({ pattern: `the table ${family} ${unquoted(tableToken)}, which another file declares`, where: at(source, terms[0]!.start, tableToken.end) });
      return;
    }
    const nameToken = terms[i + 1];
    if (!isToken(nameToken)) { syntax(source, 'syntax error, unexpected newline', tableToken); return; }
    switch (object) {
      case 'chain': {
        if (verb === 'delete' || verb === 'destroy') { owner.chains.delete(unquoted(nameToken)); return; }
        const chain = declareChain(source, owner, nameToken);
        if (isBlock(terms[i + 2])) chainBody(source, sourceText, chain, terms[i + 2] as Block);
        return;
      }
      case 'rule': {
        const chain = owner.chains.get(unquoted(nameToken));
        if (!chain) { refused(source, 'Could not process rule: No such file or directory', nameToken); return; }
        let from = i + 2;
        // A position, an index or a handle names a rule by a number nft gives out when it loads: where it lands is not known here.
        if (['position', 'index', 'handle'].includes(wordOf(terms[from]) ?? '')) {
          ruleset.unreadIncludes.push({ pattern: `where "${wordOf(terms[from])} ${wordOf(terms[from + 1]) ?? ''}" puts this rule`, where: at(source, terms[0]!.start, terms.at(-1)!.end) });
          from += 2;
        }
        if (verb === 'delete' || verb === 'destroy' || verb === 'replace') return;
        const ruleTerms = expand(source, terms.slice(from));
        const first = ruleTerms[0], last = ruleTerms.at(-1);
        if (!first || !last) { syntax(source, 'syntax error, unexpected newline', nameToken); return; }
        pendingRules.push({ chain, terms: ruleTerms, where: at(source, first.start, last.end), text: sourceText.slice(first.start, last.end), insert: verb === 'insert', source });
        return;
      }
      case 'set': case 'map':
        if (verb === 'delete' || verb === 'destroy') { owner.sets.delete(unquoted(nameToken)); return; }
        if (isBlock(terms[i + 2])) declareSet(source, owner, nameToken, terms[i + 2] as Block, object === 'map');
        return;
      case 'element': {
        const set = owner.sets.get(unquoted(nameToken));
        const body = terms[i + 2];
        if (!set) { refused(source, 'Could not process rule: No such file or directory', nameToken); return; }
        if (isBlock(body) && verb !== 'delete' && verb !== 'destroy') {
          const added = body.items.flatMap((element) => expand(source, element.terms).filter((t) => !(isToken(t) && t.kind === 'comma')));
          checkElements(source, set.type, added);
          set.elements.push(...added);
        }
        return;
      }
      default: return;
    }
  }

  readSource(text, path, 0);

  // Rules are read once every chain, set and helper object is known.
  for (const pending of pendingRules) {
    const locate = (from: number, to: number) => at(pending.source, from, to);
    const rule = readRuleInChain(pending.chain, pending.terms, pending.where, pending.text, locate, ruleset.problems);
    if (pending.insert) pending.chain.rules.unshift(rule); else pending.chain.rules.push(rule);
  }
  for (const t of ruleset.tables) {
    for (const chain of t.chains.values()) {
      const policy = chain.policyWhere;
      if (policy && !chain.base) ruleset.problems.push({ kind: 'refused', message: 'Could not process rule: Operation not supported', where: policy.copy(), stage: 'kernel' });
    }
  }
  ruleset.problems.sort((a, b) => a.where.path.localeCompare(b.where.path) || a.where.start - b.where.start);
  return ruleset;
}

/**
 * Reads one rule of a chain, once every table is known: its problems (and those of what it names)
 * are added to `problems`. Also what an edit of one rule's line reads again (see reread.ts).
 */
export function readRuleInChain(chain: NftChain, terms: readonly Term[], where: NftLocation, text: string, at: (from: number, to: number) => NftLocation, problems: NftProblem[]): NftRule {
  const reading = readRule(terms, chain.table.family);
  const report = (kind: ProblemKind, message: string, from: number, to: number) => problems.push({ kind, message, where: at(from, to), stage: stageOf(kind, message) });
  for (const p of reading.problems) report(p.kind === 'syntax' ? 'syntax-error' : 'refused', p.message, p.start, p.end);
  const refused = (message: string, token: NftToken) => report('refused', message, token.start, token.end);
  const owner = chain.table;
  for (const ref of reading.references) {
    const name = unquoted(ref.token);
    if (ref.kind === 'chain') {
      const target = owner.chains.get(name);
      if (!target) refused('Could not process rule: No such file or directory', ref.token);
      else if (target.base) refused('Could not process rule: Operation not supported', ref.token);
    } else if (ref.kind === 'helper') {
      if (!owner.helpers.has(name)) refused('Could not process rule: No such file or directory', ref.token);
    } else {
      const setName = name.slice(1);
      const set = owner.sets.get(setName);
      if (!set) {
        const near = nearestNames(setName, owner.sets.keys(), 1)[0];
        refused(`No such file or directory${near ? `; did you mean set ‘${near}’ in table ${owner.family} ‘${owner.name}’?` : ''}`, ref.token);
        continue;
      }
      if (set.type !== 'other' && ref.expects !== 'other' && set.type !== ref.expects) {
        refused(`datatype mismatch, expected ${SET_TYPE_WORDING[ref.expects]}, expression has type ${SET_TYPE_WORDING[set.type]}`, ref.token);
        continue;
      }
      const condition = ref.apply(set.elements);
      reading.conditions.push(condition ?? { kind: 'maybe', reason: `depending on the set ${name}` });
    }
  }
  return ruleOf(chain, where, reading, text, at);
}

/** A rule as a chain keeps it, with the places of what the checks point at. */
function ruleOf(chain: NftChain, where: NftLocation, reading: ReadRule, text: string, at: (from: number, to: number) => NftLocation): NftRule {
  return {
    chain, where, reading, text,
    hostnames: reading.hostnames.map((t) => ({ name: t.image, where: at(t.start, t.end) })),
    interfacesByIndex: reading.interfaceIndexes.map(({ keyword, name }) => ({ keyword: keyword.image, name: name.image, where: at(keyword.start, name.end) })),
    // A range joined from "LOW - HIGH" has no characters of its own: the whole range is pointed at.
    octalNumbers: reading.octalNumbers.map(({ token, number }) => {
      const exact = token.end - token.start === token.image.length;
      return { number, value: token.kind === 'string' ? token.image.slice(1, -1) : token.image, exact, where: exact ? at(token.start + number.at, token.start + number.at + number.written.length) : at(token.start, token.end) };
    }),
  };
}

/** The set type a `typeof` expression gives, as far as ftpwall reads them. */
function typeofSetType(terms: readonly Term[]): SetType {
  const [a, b] = terms.map(wordOf);
  if (b === 'dport' || b === 'sport') return 'inet_service';
  if (a === 'ip' && (b === 'saddr' || b === 'daddr')) return 'ipv4_addr';
  if (a === 'ip6' && (b === 'saddr' || b === 'daddr')) return 'ipv6_addr';
  if (a === 'iifname' || a === 'oifname') return 'ifname';
  if (a === 'ct' && b === 'state') return 'ct_state';
  return 'other';
}

/** A priority: a number, a name nft knows, or a name plus or minus a number ("filter - 5", "filter+10"). */
function readPriority(terms: readonly Term[]): number | undefined {
  const text = terms.filter(isToken).map((t) => t.image).join('');
  const match = /^(?:(-?[0-9]+)|([a-z]+)(?:([+-])([0-9]+))?)$/.exec(text);
  if (!match) return undefined;
  if (match[1] !== undefined) return Number(match[1]);
  const base = PRIORITY_NAMES[match[2]!];
  if (base === undefined) return undefined;
  return match[3] ? base + (match[3] === '+' ? 1 : -1) * Number(match[4]) : base;
}

function wordOf(t: Term | undefined): string | undefined {
  return isToken(t) && t.kind === 'word' ? t.image : undefined;
}

function unquoted(t: NftToken): string {
  return t.kind === 'string' ? t.image.slice(1, -1) : t.image;
}

function suggestion(word: string, names: readonly string[]): string {
  const near = nearestNames(word, names, 1)[0];
  return near ? `; did you mean "${near}"?` : '';
}

export type { SyntaxProblem };
