import { SUPPRESSION_MARK } from '../../core/suppression.js';
import { commonPrefixLength, commonSuffixLength, LineIndex, lineStartAt } from '../../core/text.js';
import { nftablesDocument, readNftablesDocument, type NftablesDocument } from './document.js';
import { parseNft } from './parser.js';
import { eachLocation, NftLocation, readRuleInChain, type NftRule } from './ruleset.js';
import { isToken } from './syntax.js';

/** Words that make a chain's line something other than a rule (its type, its policy). */
const NOT_RULES = new Set(['type', 'policy', 'comment', 'device', 'devices']);

/**
 * The document after an edit. An edit inside one line that moves no line and that touches a
 * comment, or the one rule that line holds, is read in place: a comment changes nothing nft
 * loads, and a rule is read again alone and put where the old one was, its problems with it. The
 * places of everything after the edit move by its length, on the same lines. Any other edit
 * reads the file again.
 */
export function rereadNftablesDocument(text: string, path: string, previous: NftablesDocument): { doc: NftablesDocument; sameMeaning: boolean } {
  return inPlace(text, path, previous) ?? { doc: readNftablesDocument(text, path), sameMeaning: false };
}

function inPlace(text: string, path: string, previous: NftablesDocument): { doc: NftablesDocument; sameMeaning: boolean } | undefined {
  const old = previous.text;
  const prefix = commonPrefixLength(old, text);
  const oldEnd = old.length - commonSuffixLength(old, text, prefix);
  const newEnd = text.length - (old.length - oldEnd);
  const lines = LineIndex.afterEdit(previous.lines, text, prefix, oldEnd);
  if (old.slice(prefix, oldEnd).includes('\n') || text.slice(prefix, newEnd).includes('\n')) return blankLines(text, path, previous, lines, prefix, oldEnd, newEnd);
  const line = lines.positionAt(prefix).line;
  const before = previous.lines.lineText(line), after = lines.lineText(line);
  const comment = (l: string) => l.trimStart().startsWith('#');
  const delta = newEnd - oldEnd;
  if (comment(before) && comment(after)) {
    moveAfter(previous, path, lines, prefix, delta);
    // A comment may hold a suppression, which changes the findings but nothing nft loads.
    return { doc: nftablesDocument(text, path, lines, previous.ruleset), sameMeaning: !(before + after).includes(SUPPRESSION_MARK) };
  }
  const rule = ruleOnLine(previous, path, line);
  // Only a line that is one rule and nothing else: no ";" joining two, no comment, no continuation, no $variable.
  if (!rule || before.trim() !== rule.text || /[;#\\$]/.test(after)) return undefined;
  const parsed = parseNft(after);
  const item = parsed.items[0];
  const first = item?.terms[0];
  if (parsed.problems.length || parsed.items.length !== 1 || !item || !isToken(first) || NOT_RULES.has(first.image)) return undefined;
  const { ruleset } = previous;
  moveAfter(previous, path, lines, prefix, delta);
  const lineStart = lines.lineStarts[line]!;
  const at = (from: number, to: number) => new NftLocation(path, lines, lineStart + from, lineStart + to);
  ruleset.problems = ruleset.problems.filter((p) => p.where.path !== path || p.where.line !== line);
  const chain = rule.chain;
  chain.version = (chain.version ?? 0) + 1;
  chain.rules[chain.rules.indexOf(rule)] = readRuleInChain(chain, item.terms, at(item.start, item.end), after.slice(item.start, item.end), at, ruleset.problems);
  return { doc: nftablesDocument(text, path, lines, ruleset), sameMeaning: false };
}

/**
 * Enter at the end of a line, or Backspace over a blank one: only white space and newlines
 * change, at a point where no statement is split or joined (the rest of the line, or what comes
 * before the point on it, is blank). nft reads the file the same; everything below moves.
 */
function blankLines(text: string, path: string, previous: NftablesDocument, lines: LineIndex, prefix: number, oldEnd: number, newEnd: number): { doc: NftablesDocument; sameMeaning: boolean } | undefined {
  const old = previous.text;
  const blank = (s: string) => /^[ \t\r\n]*$/.test(s);
  if (!blank(old.slice(prefix, oldEnd)) || !blank(text.slice(prefix, newEnd))) return undefined;
  // The text around the point, on its line, in the version where the point joins the two sides:
  // the one with fewer newlines there (a newline replaced by a tab joins two lines, and keeps the length).
  const newlines = (s: string) => s.split('\n').length - 1;
  const joined = newlines(text.slice(prefix, newEnd)) < newlines(old.slice(prefix, oldEnd)) ? text : old;
  const lineStart = lineStartAt(joined, prefix);
  const lineEnd = joined.indexOf('\n', prefix);
  const beforePoint = joined.slice(lineStart, prefix), afterPoint = joined.slice(prefix, lineEnd === -1 ? joined.length : lineEnd);
  if (!blank(beforePoint) && !blank(afterPoint)) return undefined;
  moveAfter(previous, path, lines, prefix, newEnd - oldEnd);
  return { doc: nftablesDocument(text, path, lines, previous.ruleset), sameMeaning: false };
}

/** Moves every place in the file by an edit that put `delta` characters in at `at` (or took them out); `lines` indexes the new text. */
function moveAfter(previous: NftablesDocument, path: string, lines: LineIndex, at: number, delta: number): void {
  eachLocation(previous.ruleset, (location) => { if (location.path === path) location.moveFor(lines, at, delta); });
}

/** The rule of this file written on this line alone, if there is one. */
function ruleOnLine(doc: NftablesDocument, path: string, line: number): NftRule | undefined {
  // By the offsets a place keeps: its line number would take a search per rule of the file.
  const from = doc.lines.lineStarts[line]!, to = doc.lines.lineStarts[line + 1] ?? Infinity;
  for (const table of doc.ruleset.tables) {
    for (const chain of table.chains.values()) {
      for (const rule of chain.rules) {
        const { where } = rule;
        if (where.path === path && where.start >= from && where.start < to) return where.end < to ? rule : undefined;
      }
    }
  }
  return undefined;
}
