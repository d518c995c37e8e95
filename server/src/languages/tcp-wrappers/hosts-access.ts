import { LineIndex, type Range } from '../../core/text.js';

/**
 * /etc/hosts.allow and /etc/hosts.deny as libwrap reads them (hosts_access(5), with the options
 * of hosts_options(5) that Debian builds in): `daemons : clients [: option : ...]`, a backslash at
 * the end of a line continuing it, `#` lines and blank ones skipped. Lists are separated by
 * blanks or commas, and `EXCEPT` takes out of what comes before it what comes after it.
 */
export interface HostsAccessEntry {
  /** The first line of the entry (0-based) and its whole text up to the end of that line. */
  readonly line: number;
  readonly range: Range;
  /** The entry as written, continuation lines joined. */
  readonly text: string;
  readonly daemons: readonly string[];
  readonly clients: readonly string[];
  /** The options after the second colon, each as written ("deny", "spawn (...)"). */
  readonly options: readonly string[];
}

export interface HostsAccessDocument {
  readonly kind: 'hosts-access';
  readonly path: string;
  readonly text: string;
  readonly lines: LineIndex;
  /** Which of the two files it is: the first match in hosts.allow grants, in hosts.deny refuses. */
  readonly grants: boolean;
  readonly entries: readonly HostsAccessEntry[];
  /** Lines libwrap skips for want of a colon after the daemons (it logs "missing ':' separator"). */
  readonly skipped: ReadonlyArray<{ line: number; range: Range }>;
}

/** Splits at colons outside brackets: an IPv6 client is written "[2001:db8::]/32". */
function fields(text: string): string[] {
  const found: string[] = [];
  let depth = 0, from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[') depth++;
    else if (c === ']') depth = Math.max(0, depth - 1);
    else if (c === ':' && depth === 0) { found.push(text.slice(from, i)); from = i + 1; }
  }
  found.push(text.slice(from));
  return found;
}

const list = (field: string): string[] => field.split(/[\s,]+/).filter((token) => token !== '');

export function readHostsAccess(text: string, path: string): HostsAccessDocument {
  const lines = new LineIndex(text);
  const entries: HostsAccessEntry[] = [];
  const skipped: Array<{ line: number; range: Range }> = [];
  for (let line = 0; line < lines.lineCount; line++) {
    const first = line;
    const textOf = (n: number) => lines.lineText(n).replace(/\r$/, '');
    let joined = textOf(line);
    // A backslash at the end of a line joins the next one to it.
    while (joined.endsWith('\\') && line + 1 < lines.lineCount) joined = joined.slice(0, -1) + textOf(++line);
    const trimmed = joined.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const start = lines.lineStarts[first]!;
    const range = lines.range(start, start + textOf(first).length);
    const [daemons, clients, ...options] = fields(trimmed);
    if (clients === undefined) { skipped.push({ line: first, range }); continue; }
    entries.push({ line: first, range, text: trimmed, daemons: list(daemons!), clients: list(clients), options: options.map((o) => o.trim()).filter((o) => o !== '') });
  }
  return { kind: 'hosts-access', path, text, lines, grants: !/hosts\.deny$/.test(path), entries, skipped };
}
