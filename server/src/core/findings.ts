import type { Range } from './text.js';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/** Lower is more severe, as in LSP's DiagnosticSeverity. */
export function severityRank(severity: Severity): number { return SEVERITIES.indexOf(severity); }

export interface TextEdit { range: Range; newText: string }

export interface Fix {
  title: string;
  /** Edits by file path; the checked file's own edits are under its own path. */
  edits: Record<string, TextEdit[]>;
  /** Safe fixes change nothing but what the finding names; `source.fixAll` applies only these. */
  safe: boolean;
  preferred?: boolean;
  /** Files the fix makes (empty) before its edits go into them: a Pure-FTPd option file, say. */
  creates?: string[];
}

export interface RelatedLocation { file: string; range: Range; message: string }

export interface Finding {
  ruleId: string;
  severity: Severity;
  file: string;
  range: Range;
  message: string;
  fixes: Fix[];
  related: RelatedLocation[];
  /** Faded in editors: text that has no effect (an overridden duplicate, a line past the size limit). */
  unnecessary?: boolean;
}
