import type { Range } from '../core/text.js';

/** One assignment of an attribute: its values after the operator, and where it was written. */
export interface XinetdAssignment { readonly operator: XinetdOperator; readonly values: readonly string[]; readonly file: string; readonly line: number; readonly range: Range; readonly text: string }

/** "=" sets an attribute, "+=" adds values to it, "-=" takes them out. */
export type XinetdOperator = '=' | '+=' | '-=';

/** Applies one assignment to an attribute's values. */
function applied(now: readonly string[], { operator, values }: XinetdAssignment): string[] {
  return operator === '+=' ? [...now, ...values] : operator === '-=' ? now.filter((v) => !values.includes(v)) : [...values];
}

/** A `service NAME { ... }` entry: each attribute's values once its "=", "+=" and "-=" are applied, and the assignments that made them. */
export interface XinetdService {
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly range: Range;
  values(attribute: string): readonly string[] | undefined;
  /** The assignments of an attribute, in order (the defaults' first for those the defaults entry passes on). */
  assignments(attribute: string): readonly XinetdAssignment[];
}

/** What xinetd's configuration holds: the defaults entry's attributes and every service entry, in the order xinetd reads them. */
export interface XinetdConfiguration {
  readonly defaults: XinetdService | undefined;
  readonly services: readonly XinetdService[];
  /** The files read, host-relative. */
  readonly files: readonly string[];
}

/** Reads a host file by its path inside the host ("etc/xinetd.conf"); `list` names a folder's files. */
export interface XinetdFiles {
  read(path: string): string | undefined;
  list(folder: string): readonly string[] | undefined;
}

/**
 * Attributes the defaults entry passes on to each service: a service starts from the defaults'
 * values, its "=" replaces them, its "+=" adds to them (measured with xinetd 2.3.15).
 */
const INHERITED_FROM_DEFAULTS = new Set(['only_from', 'no_access']);
/** A chain of includes longer than this is a loop. */
const MAX_INCLUDE_DEPTH = 8;

class Entry implements XinetdService {
  readonly written = new Map<string, XinetdAssignment[]>();
  readonly applied = new Map<string, string[]>();
  constructor(readonly name: string, readonly file: string, readonly line: number, readonly range: Range) {}
  values(attribute: string) { return this.applied.get(attribute); }
  assignments(attribute: string) { return this.written.get(attribute) ?? []; }
  assign(attribute: string, assignment: XinetdAssignment): void {
    (this.written.get(attribute) ?? this.written.set(attribute, []).get(attribute)!).push(assignment);
    this.applied.set(attribute, applied(this.applied.get(attribute) ?? [], assignment));
  }
}

/**
 * xinetd's configuration read from its main file (host-relative `main`) as xinetd reads it:
 * `defaults` and `service` entries, attribute lines `NAME = VALUES` (or "+=", "-="), and the
 * files `includefile` and `includedir` name (a folder's files in C order, leaving out names with
 * a dot or ending in "~"). Absolute paths in includes are taken inside the host.
 */
export function readXinetd(main: string, files: XinetdFiles): XinetdConfiguration {
  const services: Entry[] = [];
  let defaults: Entry | undefined;
  const read: string[] = [];
  const readFile = (path: string, depth: number): void => {
    const text = files.read(path);
    if (text === undefined || depth > MAX_INCLUDE_DEPTH) return;
    read.push(path);
    let open: Entry | undefined;
    let pending: Entry | undefined;
    text.split('\n').forEach((raw, line) => {
      const written = raw.replace(/\r$/, '');
      const content = written.trim();
      if (content === '' || content.startsWith('#')) return;
      const range = { start: { line, character: 0 }, end: { line, character: written.length } };
      if (open) {
        if (content === '}') { if (open !== defaults) services.push(open); open = undefined; return; }
        const match = /^(\S+?)\s*(\+=|-=|=)\s*(.*)$/.exec(content);
        if (match) open.assign(match[1]!, { operator: match[2] as XinetdOperator, values: match[3]!.split(/\s+/).filter(Boolean), file: path, line, range, text: content });
        return;
      }
      if (content === '{' && pending) { open = pending; pending = undefined; return; }
      const [keyword, argument] = content.split(/\s+/);
      const opensHere = content.endsWith('{');
      if (keyword === 'defaults' || keyword === 'service') {
        const entry = keyword === 'defaults' ? (defaults ??= new Entry('defaults', path, line, range)) : new Entry((argument ?? '').replace(/\{$/, ''), path, line, range);
        if (opensHere) open = entry; else pending = entry;
        return;
      }
      if (keyword === 'includefile' && argument) readFile(inHost(argument), depth + 1);
      if (keyword === 'includedir' && argument) {
        const folder = inHost(argument);
        const names = [...(files.list(folder) ?? [])].filter((n) => !n.includes('.') && !n.endsWith('~')).sort(compareBytes);
        for (const name of names) readFile(`${folder}/${name}`, depth + 1);
      }
    });
  };
  readFile(main, 0);
  return { defaults, services, files: read };
}

/** A path xinetd's files name, inside the host: "/etc/xinetd.d" is "etc/xinetd.d". */
function inHost(path: string): string {
  return path.replace(/^\/+/, '').replace(/\/+$/, '');
}

/** Names in C order: by their bytes, as xinetd sorts an included folder's files. */
function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** An attribute of a service as xinetd applies it, from the defaults entry's values for the attributes it passes on; undefined where nothing sets it. */
export function serviceValues(configuration: XinetdConfiguration, service: XinetdService, attribute: string): readonly string[] | undefined {
  const inherited = INHERITED_FROM_DEFAULTS.has(attribute) ? configuration.defaults?.values(attribute) : undefined;
  if (!inherited) return service.values(attribute);
  return service.assignments(attribute).reduce<readonly string[]>(applied, inherited);
}

/** The assignments behind `serviceValues`: the defaults' ones while no "=" of the service's replaces them. */
export function serviceAssignments(configuration: XinetdConfiguration, service: XinetdService, attribute: string): readonly XinetdAssignment[] {
  const own = service.assignments(attribute);
  const replaced = own.map((a) => a.operator).lastIndexOf('=');
  if (replaced >= 0) return own.slice(replaced);
  const inherited = INHERITED_FROM_DEFAULTS.has(attribute) ? configuration.defaults?.assignments(attribute) ?? [] : [];
  return [...inherited, ...own];
}
