import type { Range } from '../../core/text.js';
import type { FirewallDocument } from './document.js';
import { carryCommandIndex } from './command-index.js';
import { insertLineAfter } from './edits.js';
import { iptablesIntents } from './firewall-intents.js';
import { modelOf } from './firewall-model.js';
import { loadRefusal } from './load-refusal.js';
import type { FirewallModel } from '../../engine/firewall-model.js';
import { parseCommand, type ParsedCommand } from './command.js';
import { LineLocation } from './line-place.js';
import { LINE_SHAPES } from './line-shapes.js';
import type { ShapedValues } from './rule-meaning.js';
import { readCommand, readCommandForCheck, type ReadCommand } from './read-command.js';
import { CheckedCommandItem } from './checked-command-item.js';
import type { CommandItem } from './command-item.js';
import { CheckedChainItem, parseRestore } from './restore-parser.js';
import { newWordPlaces, placeWords } from './words.js';
import { Ruleset, type ChangedRule, type RuleChange } from './ruleset.js';
import type { AddressFamily, RestoreFile, Word } from './syntax.js';
import { TABLE_NAMES } from './tables.js';

export type StructureProblemKind = 'missing-commit' | 'outside-table' | 'unknown-table' | 'table-still-open';

export interface StructureProblem { kind: StructureProblemKind; message: string; range: Range; data?: Record<string, string> }

/** A restore file with every command read and the ruleset it loads. */
export interface RestoreDocument extends FirewallDocument {
  file: RestoreFile;
  structure: StructureProblem[];
  /** Each table block: where it starts and where its COMMIT is (if any). */
  blocks: Array<{ table: Word; start: number; commitLine?: number; endLine: number }>;
  /** Set when this reading came from an edit read in place that moved no line: the rules it took out and put in. */
  rewrittenRules?: readonly ChangedRule[];
}

/**
 * What the file is loaded onto with iptables-restore --noflush (ufw's files): the rules running
 * before it, which it adds to instead of replacing. Called once per reading, for a ruleset of its own.
 */
export type LoadedOnto = () => Ruleset;

/** Where the words of the line being read are, for reading it by its shape; reused line after line. */
const PLACES = newWordPlaces();

/**
 * Reads a restore file. With `previous` (this document before an edit) unchanged lines keep
 * their reading and only edited lines are parsed again; `previous` must not be used afterwards.
 * With `keepReadings` false (a one-off check) a command iptables accepts keeps only its
 * meaning and its line, and is read again when a finding needs its words.
 */
export function readRestoreDocument(text: string, path: string, family: AddressFamily = familyOf(path), previous?: RestoreDocument, keepReadings = true, onto?: LoadedOnto): RestoreDocument {
  const file = parseRestore(text, path, family, previous?.path === path ? previous.file : undefined, keepReadings);
  const edited = previous && keepReadings ? editedInPlace(previous, file) : undefined;
  if (edited) return edited;
  const ruleset = onto ? onto() : new Ruleset(family);
  const commands: ReadCommand[] = [];
  const structure: StructureProblem[] = [];
  const blocks: RestoreDocument['blocks'] = [];
  let open: RestoreDocument['blocks'][number] | undefined;
  const program = family === 'ipv6' ? 'ip6tables-restore' : 'iptables-restore';
  /** The option values of the rules read by their shape (see ShapedValues). */
  const shaped: ShapedValues = [];

  for (const item of file.items) {
    switch (item.kind) {
      case 'comment': break;
      case 'table':
        if (open) {
          structure.push({ kind: 'table-still-open', message: `*${open.table.value} (line ${open.start + 1}) has no COMMIT before this new table; ${program} stops here ("Bad argument \`*${item.name.value}'")`, range: item.range, data: { table: open.table.value, line: String(open.start) } });
          open.endLine = item.line - 1;
          blocks.push(open);
          open = undefined;
          break;
        }
        if (!TABLE_NAMES.includes(item.name.value)) {
          structure.push({ kind: 'unknown-table', message: `There is no table "${item.name.value}" (${program}: "unable to initialize table '${item.name.value}'"); the tables are ${TABLE_NAMES.join(', ')}`, range: item.name.range, data: { table: item.name.value } });
        }
        if (onto) ruleset.table(item.name.value);
        else ruleset.resetTable(item.name.value);
        open = { table: item.name, start: item.line, endLine: item.line };
        break;
      case 'chain':
        if (!open) { structure.push({ kind: 'outside-table', message: `A chain line before any "*table" line; ${program} fails ("line ${item.line + 1} failed")`, range: item.range }); break; }
        if (item instanceof CheckedChainItem) {
          const [name, policy] = item.passingWords;
          ruleset.declareChain(open.table.value, name, policy, item, !!onto);
        } else ruleset.declareChain(open.table.value, item.name, item.policy, new LineLocation(path, item), !!onto);
        break;
      case 'commit':
        if (!open) { structure.push({ kind: 'outside-table', message: `COMMIT without an open table; ${program} fails ("line ${item.line + 1} failed")`, range: item.range }); break; }
        open.commitLine = item.line;
        open.endLine = item.line;
        blocks.push(open);
        open = undefined;
        break;
      case 'command': {
        const command = item as CommandItem;
        // A one-off check reads most lines by their shape (see LineShapes), from where their words are; the rest in full.
        const checked = item instanceof CheckedCommandItem ? item : undefined;
        const placed = checked !== undefined && open !== undefined && placeWords(text, command.offset, command.offset + command.length, PLACES) && PLACES.count > 0;
        const byShape = placed && open ? LINE_SHAPES.meaningOf(text, PLACES, open.table.value, family, shaped) : undefined;
        if (byShape && open && checked) {
          const reading = checked.readAs(open.table.value, byShape);
          if (!ruleset.appendByMeaning(reading.table, reading, reading)) ruleset.apply(reading.table, reading.parsed, reading, reading);
          commands.push(reading);
          open.endLine = item.line;
          break;
        }
        // Asked for once: in a one-off check the words are split from the text each time, into reused objects.
        const words = keepReadings ? item.words : command.passingWords;
        if (words.length === 0) break;
        if (!open) { structure.push({ kind: 'outside-table', message: `A command before any "*table" line or after COMMIT; ${program} fails ("line ${item.line + 1} failed")`, range: item.range }); break; }
        const table = open.table.value;
        let reading = command.reading;
        // A fresh reading is passed on as it is: one that keeps only the meaning would read the line again.
        let fresh: ParsedCommand | undefined;
        if (reading?.table !== table || reading.family !== family) {
          fresh = parseCommand(words, family, table);
          if (placed) LINE_SHAPES.learn(text, PLACES, words, fresh, table, family);
          // Reused words last until the next line: a reading that keeps words is made again from words of its own.
          if (!keepReadings && keepsWords(fresh)) fresh = parseCommand(item.words, family, table);
          reading = command.reading = keepReadings ? readCommand(command, table, family, fresh) : readCommandForCheck(command, table, family, fresh);
        }
        if (reading.problems.length === 0) ruleset.apply(table, fresh ?? reading.parsed, reading, command);
        commands.push(reading);
        open.endLine = item.line;
        break;
      }
    }
  }
  if (open) {
    const lastLine = file.lines.lineCount - (text.endsWith('\n') ? 1 : 0);
    structure.push({ kind: 'missing-commit', message: `*${open.table.value} is never committed: ${program} loads nothing ("COMMIT expected at line ${lastLine + 1}")`, range: open.table.range, data: { table: open.table.value } });
    blocks.push(open);
  }
  return restoreDocument(file, commands, ruleset, structure, blocks);
}

function restoreDocument(file: RestoreFile, commands: ReadCommand[], ruleset: Ruleset, structure: StructureProblem[], blocks: RestoreDocument['blocks']): RestoreDocument {
  // A file iptables-restore or the kernel refuses does not load whole: its model says that no verdict is certain (see loadRefusal).
  let refused: FirewallModel | undefined;
  const doc: RestoreDocument = {
    file, commands, rulesets: [ruleset], structure, blocks, path: file.path, text: file.text, lines: file.lines, family: file.family,
    get intents() { return iptablesIntents(this); },
    model: (family) => {
      const model = modelOf([ruleset], family);
      const refusal = model && loadRefusal(doc);
      if (!model || !refusal) return model;
      return refused ??= { ...model, unknowns: [...(model.unknowns ?? []), refusal] };
    },
    declareChain(table, name, beforeLine) {
      // Right after the header of the block that needs it, where iptables-save puts chain lines.
      const block = [...blocks].reverse().find((b) => b.table.value === table && b.start <= beforeLine);
      return block ? insertLineAfter(file.lines, block.start, `:${name} - [0:0]`) : undefined;
    },
  };
  return doc;
}

/** More rules rewritten at once than this are read as a whole file again (each is looked for in its chain and in the commands). */
const MAX_REWRITTEN_RULES = 64;

/** Ruleset problems whose message or data hold a line number, which a moved line would leave stale. */
const PROBLEMS_WITH_LINES = new Set(['bad-policy', 'duplicate-chain']);

/**
 * The document after an edit that rewrote only comments and -A commands, line for line (a port,
 * an address, an option changed; a rule refused while it is typed, or whole again; Enter or
 * Backspace after a rule, which moves the lines below it): the tables, their chains and the
 * structure stay as they were, and only the rewritten rules are taken out and put in where
 * replaying the file would put them, instead of replaying every command. Everything read from a
 * line follows its line when it moves; the few line numbers kept as numbers (the tables' blocks)
 * are moved here. Undefined for any other edit.
 */
function editedInPlace(previous: RestoreDocument, file: RestoreFile): RestoreDocument | undefined {
  const edit = file.inPlace;
  const ruleset = previous.rulesets[0];
  if (!edit || edit.replaced.length !== edit.fresh.length || edit.fresh.length > MAX_REWRITTEN_RULES || !ruleset || previous.family !== file.family) return undefined;
  // From which line on (counted before the edit) the lines moved: the text alone cannot tell a
  // newline typed after a rule from one typed before the next, so a rule read again may have moved.
  let movedFrom = edit.movedFrom;
  if (edit.lineShift !== 0) {
    // Structure problems and a few ruleset problems quote line numbers; such files are read again whole.
    if (previous.structure.length || ruleset.problems.some((p) => PROBLEMS_WITH_LINES.has(p.kind))) return undefined;
    edit.fresh.forEach((item, n) => { if (item.line !== edit.replaced[n]!.line) movedFrom = Math.min(movedFrom, edit.replaced[n]!.line); });
    // A line that kept its item moved with it already (see parseRestore).
    const consistent = edit.fresh.every((item, n) => { const was = edit.replaced[n]!.line; return item === edit.replaced[n] || (was < movedFrom ? item.line === was : item.line === was + edit.lineShift); });
    if (!consistent) return undefined;
  }
  const rewritten: Array<{ old: ReadCommand; now: ReadCommand }> = [];
  const changes: RuleChange[] = [];
  for (let n = 0; n < edit.fresh.length; n++) {
    const old = edit.replaced[n]!, item = edit.fresh[n]!;
    if (old === item || (old.kind === 'comment' && item.kind === 'comment')) continue;
    if (old.kind !== 'command' || item.kind !== 'command') return undefined;
    const before = (old as CommandItem).reading;
    if (!before || before.family !== file.family || item.words.length === 0) return undefined;
    const now = readCommand(item, before.table, file.family, parseCommand(item.words, file.family, before.table));
    (item as CommandItem).reading = now;
    const wasRule = before.problems.length === 0, isRule = now.problems.length === 0;
    if ((wasRule && !appends(before)) || (isRule && !appends(now))) return undefined;
    rewritten.push({ old: before, now });
    changes.push({
      table: before.table,
      ...(wasRule ? { removed: { chain: before.meaning.chain!, where: old as CommandItem } } : {}),
      ...(isRule ? { added: { chain: now.meaning.chain!, target: now.meaning.targetName, targetKnown: now.meaning.targetKnown, source: now, where: item as CommandItem } } : {}),
    });
  }
  // Only comments rewritten: the ruleset and the commands are the previous ones, as they are.
  const next = rewritten.length === 0 ? ruleset : ruleset.rewritten(changes);
  if (!next) return undefined;
  const commands = rewritten.length === 0 ? previous.commands : [...previous.commands];
  for (const { old, now } of rewritten) {
    const index = commands.indexOf(old);
    if (index === -1) return undefined;
    commands[index] = now;
  }
  const moved = (line: number) => (line >= movedFrom ? line + edit.lineShift : line);
  const blocks = edit.lineShift === 0 ? previous.blocks : previous.blocks.map((b) => ({ ...b, start: moved(b.start), endLine: moved(b.endLine), ...(b.commitLine !== undefined ? { commitLine: moved(b.commitLine) } : {}) }));
  const doc = restoreDocument(file, commands, next, previous.structure, blocks);
  carryCommandIndex(previous, doc, rewritten);
  if (edit.lineShift === 0) {
    doc.rewrittenRules = rewritten.flatMap(({ old, now }) => [old, now].filter((c) => c.problems.length === 0).map((c) => ({ table: c.table, chain: c.meaning.chain!, meaning: c.meaning })));
  }
  return doc;
}

/**
 * Does what is made of this reading hold on to its words? A reading with problems or host names
 * is kept whole (see readCommandForCheck), and only an -A leaves nothing of its words in the
 * ruleset (but a problem of its own, which the ruleset copies: see keptWord).
 */
function keepsWords(parsed: ParsedCommand): boolean {
  return parsed.letter !== 'A' || parsed.problems.length > 0 || parsed.hostnames.length > 0;
}

/** Is it a -A that names its chain? */
function appends(command: ReadCommand): boolean {
  return command.meaning.letter === 'A' && command.meaning.chain !== undefined;
}

/** ip6tables files by their usual names; everything else is IPv4. */
export function familyOf(path: string): AddressFamily {
  return /(^|\/)(ip6tables[^/]*|rules\.v6|[^/]*\.v6|[^/]*ip6[^/]*\.rules)$/.test(path.replace(/\\/g, '/')) ? 'ipv6' : 'ipv4';
}
