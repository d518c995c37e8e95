import type { Fix, RelatedLocation, Severity } from './findings.js';
import type { Range } from './text.js';

/** What a rule's documentation page says; docs/rules/<id>.md is generated from it. */
export interface RuleDocs {
  /** What the rule detects, in one or two sentences. */
  detects: string;
  /** Why it matters to someone running an FTP server. */
  why: string;
  /** How to fix it. */
  fix: string;
  before: string;
  after: string;
  /** The file kind the example is written in, for the code fences. */
  language: string;
}

export interface RuleMeta {
  id: string;
  severity: Severity;
  /** One line, shown in SARIF and in the docs index. */
  summary: string;
  docs: RuleDocs;
}

export interface Report {
  range: Range;
  message: string;
  fixes?: Fix[];
  related?: RelatedLocation[];
  unnecessary?: boolean;
}

export type Reporter = (report: Report) => void;

/** A rule that needs one parsed file (of type T) and nothing else. */
export interface FileRule<T> extends RuleMeta {
  check(file: T, report: Reporter): void;
}
