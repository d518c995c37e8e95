import type { DefinitionEntry, HoverResult, InlayHintEntry, SymbolEntry } from '../../core/features.js';
import type { Position } from '../../core/text.js';
import { definitionsOf, type ScriptDefinitions } from '../shell/definitions.js';
import { firewallHover } from './features.js';
import type { Expansion, ScriptDocument } from './script-document.js';
import { Unknown, type Value } from '../shell/values.js';

/** Longest value shown inline; longer ones are left to the hover. */
const MAX_HINT_LENGTH = 40;

const definitions = new WeakMap<ScriptDocument, ScriptDefinitions>();
function definitionsIn(doc: ScriptDocument): ScriptDefinitions {
  let known = definitions.get(doc);
  if (!known) definitions.set(doc, known = definitionsOf(doc.source));
  return known;
}

function expansionAt(doc: ScriptDocument, position: Position): Expansion | undefined {
  // Offsets into the text the script was run from (a comment edited since leaves positions as they were).
  const offset = doc.source.lines.offsetAt(position);
  return doc.expansions.find((e) => e.start <= offset && offset < e.end);
}

function shown(value: Value): string {
  return value instanceof Unknown ? `not known: ${value.why}` : `\`${value === '' ? '(empty)' : value}\``;
}

/** A variable's values where the cursor is, else what the iptables word under it means. */
export function scriptHover(doc: ScriptDocument, position: Position): HoverResult | undefined {
  const expansion = expansionAt(doc, position);
  if (!expansion) return firewallHover(doc, position);
  const range = doc.source.lines.range(expansion.start, expansion.end);
  const [only, ...more] = expansion.values;
  const markdown = more.length === 0
    ? `**$${expansion.name}** here: ${shown(only!)}`
    : `**$${expansion.name}** here takes ${expansion.values.length === 13 ? 'more than 12' : expansion.values.length} values (in a loop, or in different ways the script runs):\n\n${expansion.values.slice(0, 12).map((v) => `- ${shown(v)}`).join('\n')}`;
  return { markdown, range };
}

/** The name under the cursor: a `$NAME`, or a word naming a function or variable. */
function nameAt(doc: ScriptDocument, position: Position): string | undefined {
  const expansion = expansionAt(doc, position);
  if (expansion) return expansion.name.replace(/\[[@*]\]$/, '');
  const line = doc.lines.lineText(position.line);
  const before = /[A-Za-z0-9_]*$/.exec(line.slice(0, position.character))![0];
  const after = /^[A-Za-z0-9_]*/.exec(line.slice(position.character))![0];
  return before + after || undefined;
}

/** Where the variable or function under the cursor is set or defined in the script. */
export function scriptDefinition(doc: ScriptDocument, position: Position): DefinitionEntry[] {
  const name = nameAt(doc, position);
  if (!name) return [];
  const { variables, functions } = definitionsIn(doc);
  const fn = functions.get(name);
  if (fn) return [{ path: doc.path, range: fn.nameRange }];
  return (variables.get(name) ?? []).map((range) => ({ path: doc.path, range }));
}

/** The functions of the script, for the outline. */
export function functionSymbols(doc: ScriptDocument): SymbolEntry[] {
  return [...definitionsIn(doc).functions].map(([name, { range, nameRange }]) => ({ name: `${name}()`, detail: 'function', kind: 'function', range, selectionRange: nameRange }));
}

/** The value each `$NAME` of an iptables command has, shown after it when it is short and the same every time. */
export function scriptInlayHints(doc: ScriptDocument): InlayHintEntry[] {
  const iptablesLines = new Set(doc.commands.map((c) => c.commandLine.line));
  const hints: InlayHintEntry[] = [];
  for (const expansion of doc.expansions) {
    const end = doc.source.lines.positionAt(expansion.end);
    if (!iptablesLines.has(end.line) || expansion.values.length !== 1) continue;
    const value = expansion.values[0]!;
    if (value instanceof Unknown) { hints.push({ position: end, label: '= ?', tooltip: `not known: ${value.why}` }); continue; }
    if (value.length > MAX_HINT_LENGTH) continue;
    hints.push({ position: end, label: `= ${value === '' ? '""' : value}` });
  }
  return hints;
}
