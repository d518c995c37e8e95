import type { CompletionEntry, DefinitionEntry, FoldingEntry, HoverResult, InlayHintEntry, SemanticTokenEntry, SymbolEntry } from '../core/features.js';
import type { FileRule } from '../core/rule.js';
import type { LineIndex, Position, Range } from '../core/text.js';
import type { ChangedRule } from '../languages/iptables/ruleset.js';

export type DocumentUse = 'editor' | 'check';

/** Everything ftpwall knows about one file kind; the CLI and the server go through this alone. */
export interface Language<Doc> {
  /** Also the VS Code language id. */
  id: string;
  displayName: string;
  /**
   * `use` 'check': the document is checked once and dropped (the CLI), so a kind may keep less of
   * its reading and make it again where a finding needs it; 'editor' (the default) keeps it all.
   */
  read(text: string, path: string, use?: DocumentUse): Doc;
  /**
   * Reads a new version of a document, keeping the reading of what did not change. Only for
   * kinds that can; `previous` belongs to the new document afterwards and must not be used.
   * `sameMeaning`: the edit changed nothing the host's model reads and moved no line (a
   * comment was edited), so the host-wide findings made before it still hold. `changedRules`:
   * the edit moved no line and only took out and put in these rules, so the host-wide findings
   * hold when none of them is one the host check reads (see HostCheck.reads).
   */
  reread?(text: string, path: string, previous: Doc): { doc: Doc; sameMeaning: boolean; changedRules?: readonly ChangedRule[] };
  lines(doc: Doc): LineIndex;
  rules: readonly FileRule<Doc>[];
  /**
   * The paths (with '/' separators) that are this kind by name. Written so that Python reads them
   * the same: .pre-commit-hooks.yaml's file pattern is made of them.
   */
  namePatterns: readonly RegExp[];
  /** For files named otherwise: does the text look like this kind? */
  matchesContent(text: string): boolean;
  hover(doc: Doc, position: Position): HoverResult | undefined;
  completions(doc: Doc, position: Position): CompletionEntry[];
  symbols(doc: Doc): SymbolEntry[];
  folding(doc: Doc): FoldingEntry[];
  /** Go to definition (variables and functions of a script). */
  definition?(doc: Doc, position: Position): DefinitionEntry[];
  /** Values shown inline (a variable's value in an iptables command). */
  inlayHints?(doc: Doc): InlayHintEntry[];
  /** What the words of the lines in `range` (all lines without one) are, in file order, for semantic highlighting. */
  semanticTokens?(doc: Doc, range?: Range): SemanticTokenEntry[];
}

// The registry holds languages of different document types side by side.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyLanguage = Language<any>;
