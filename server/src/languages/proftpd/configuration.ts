import type { Range } from '../../core/text.js';
import { nearestNames } from '../../core/nearest-names.js';
import { allDirectives, CONTEXT_NAMES, directiveFacts, isBuiltInModule, isKnownModule, moduleName, type DirectiveFacts, type ProftpdContext } from './catalogue.js';
import type { ProftpdFile, ProftpdLine } from './syntax.js';

/**
 * What ProFTPD 1.3.8 makes of a configuration: the main file read line by line as its parser does,
 * Includes followed, <IfModule> and <IfDefine> sections kept or skipped, each directive checked
 * as its handler checks it, and the servers (the main one and each <VirtualHost>) with the
 * directive lines that apply to them.
 */

/** Where a directive or problem is: the file and the range of its line. */
export interface ProftpdPlace { path: string; range: Range; line: number }

/**
 * `refused`: ProFTPD will not start (a fatal error in the main file). `dropped`: a fatal error in
 * an included file, which ProFTPD logs and then starts without the rest of that file. `misread`:
 * accepted, but ProFTPD does something other than what the line seems to say.
 */
export type ProblemKind = 'refused' | 'dropped' | 'misread';

export interface ProftpdProblem { kind: ProblemKind; place: ProftpdPlace; message: string; /** A directive name to offer instead of the one written at `range`. */ suggestion?: { name: string; range: Range } }

/** One FTP service: the main server or a <VirtualHost>; `own` are its own lines (the configuration's `global` ones apply to it as well). */
export interface ProftpdServer {
  /** "the main server" or "<VirtualHost 10.0.0.5>". */
  label: string;
  /** Where it is declared (the <VirtualHost> line); undefined for the main server. */
  declared?: ProftpdPlace;
  /** Its </VirtualHost> line, where lines for it are added. */
  closed?: ProftpdPlace;
  own: ProftpdSetting[];
}

/** A directive line that took effect, with its arguments and the sections it sits in (<Limit PASV>, <Anonymous ~ftp>). */
export interface ProftpdSetting { name: string; args: string[]; place: ProftpdPlace; within: Array<{ name: string; args: string[]; opened: ProftpdPlace }> }

/** Something the configuration loads that the host does not hold: what it sets is not known. */
export interface UnreadPart { why: string; place: ProftpdPlace }

export interface ProftpdConfiguration {
  servers: ProftpdServer[];
  /** The lines of <Global> sections: they apply to every server, after its own. */
  global: ProftpdSetting[];
  problems: ProftpdProblem[];
  unread: UnreadPart[];
  /** Every file read, in the order ProFTPD reads them (the main file first). */
  files: ProftpdFile[];
}

/** The files an Include names, in the order ProFTPD reads them; undefined when the host does not hold them. */
export type ProftpdIncludeReader = (pattern: string) => ProftpdFile[] | undefined;

interface Section { name: string; args: string[]; opened: ProftpdPlace; context: ProftpdContext | 'ifmodule' | 'ifdefine' }

/** Sections that are a context of their own (what `<Global>` and the like push), by their opening tag. */
const SECTION_CONTEXT: Record<string, ProftpdContext> = {
  '<global>': 'global', '<directory>': 'directory', '<anonymous>': 'anonymous', '<limit>': 'limit', '<class>': 'class', '<virtualhost>': 'virtual',
};

const place = (file: ProftpdFile, entry: ProftpdLine): ProftpdPlace => ({ path: file.path, range: entry.range, line: entry.line });

class Reader {
  readonly problems: ProftpdProblem[] = [];
  readonly unread: UnreadPart[] = [];
  readonly files: ProftpdFile[] = [];
  readonly main: ProftpdServer = { label: 'the main server', own: [] };
  readonly servers: ProftpdServer[] = [this.main];
  private readonly globals: ProftpdSetting[] = [];
  private readonly loaded = new Set<string>();
  /** A module ProFTPD's source does not have was loaded: it may bring any directive. */
  private foreignModule = false;
  private readonly defines = new Set<string>();
  private defaultServerSet = false;
  private readonly stack: Section[] = [];
  private server: ProftpdServer = this.main;

  constructor(private readonly readInclude: ProftpdIncludeReader | undefined) {}

  /** Reads one file; `main`: its fatal errors stop ProFTPD, where an included file's only cut that file short (see include). */
  read(file: ProftpdFile, main: boolean): number | undefined {
    this.files.push(file);
    this.reading.push(file.path);
    try { return this.readFrom(file, 0, { main }); } finally { this.reading.pop(); }
  }

  /** The files being read, the main one first: an Include of one of them never ends. */
  private readonly reading: string[] = [];

  /**
   * Reads a file's lines from `from` on, as lines of the file being read (`origin.main`), or, for
   * the rest of an included file ProFTPD kept reading after an error, as lines of the file that
   * included it, placed on its Include line (`origin.as`). Returns the index of the line an
   * included file was cut short at, or -1 when an Include cut this file short.
   */
  private readFrom(file: ProftpdFile, from: number, origin: { main: boolean; as?: ProftpdPlace }): number | undefined {
    const entries = file.entries;
    for (let i = from; i < entries.length; i++) {
      const entry = entries[i]!;
      const skipTo = this.conditionalSection(file, entries, i, origin);
      // A section never closed is a fatal error at the end of the file.
      if (skipTo === 'unclosed') return origin.main ? undefined : entries.length - 1;
      if (skipTo !== undefined) { i = skipTo; continue; }
      const outcome = this.directive(file, entry, origin);
      if (outcome === undefined) continue;
      if (outcome === 'stop') return -1;
      const at = origin.as ?? place(file, entry);
      this.problems.push({ kind: origin.main ? 'refused' : 'dropped', place: at, message: outcome.message, ...(outcome.suggestion && !origin.as ? { suggestion: { name: outcome.suggestion, range: entry.name.range } } : {}) });
      // In the main file ProFTPD would not start; ftpwall reads on to report the rest and to judge the paths as the file means them.
      if (!origin.main) return i;
    }
    return undefined;
  }

  /** The configuration read, with the sections left open at the end reported. */
  finish(): ProftpdConfiguration {
    for (const open of this.stack.filter((s) => s.context !== 'ifmodule' && s.context !== 'ifdefine')) {
      this.problems.push({ kind: 'refused', place: open.opened, message: `unclosed configuration section: ${open.name.replace('>', '')} is never closed` });
    }
    return { servers: this.servers, global: this.globals, problems: this.problems, unread: this.unread, files: this.files };
  }

  /**
   * An <IfModule> or <IfDefine> whose condition fails: ProFTPD reads on to its closing line,
   * counting nested sections of the same kind, without looking at what lies between. Returns the
   * index of the closing line, 'unclosed' when there is none, or undefined when the line is not
   * such a section.
   */
  private conditionalSection(file: ProftpdFile, entries: readonly ProftpdLine[], at: number, origin: { main: boolean; as?: ProftpdPlace }): number | 'unclosed' | undefined {
    const entry = entries[at]!;
    const kind = entry.name.value.toLowerCase();
    if (kind !== '<ifmodule>' && kind !== '<ifdefine>') return undefined;
    const word = entry.args[0]?.value;
    if (word === undefined) return undefined;
    const negated = word.startsWith('!');
    const name = negated ? word.slice(1) : word;
    const holds = kind === '<ifmodule>' ? this.loaded.has(name) || (name.endsWith('.c') && isBuiltInModule(moduleName(name))) : this.defines.has(name);
    if (kind === '<ifmodule>' && !name.endsWith('.c') && isKnownModule(name)) {
      this.problems.push({ kind: 'misread', place: place(file, entry), message: `<IfModule ${word}> never matches: ProFTPD names modules with ".c" (${name}.c), so this section is ${negated ? 'always used' : 'always skipped'}` });
    }
    if (holds !== negated) {
      this.stack.push({ name: entry.name.value, args: [word], opened: place(file, entry), context: kind === '<ifmodule>' ? 'ifmodule' : 'ifdefine' });
      return undefined;
    }
    const tag = kind.slice(1, -1);
    let depth = 1;
    for (let i = at + 1; i < entries.length; i++) {
      const raw = file.text.slice(file.lines.offsetAt(entries[i]!.range.start), file.lines.offsetAt(entries[i]!.range.end)).toLowerCase();
      if (raw.startsWith(`<${tag}`)) depth++;
      else if (raw === `</${tag}>` && --depth === 0) return i;
    }
    // ProFTPD names the file's last line; ftpwall the section left open.
    this.problems.push({ kind: origin.main ? 'refused' : 'dropped', place: origin.as ?? place(file, entry), message: `${entry.name.value}: unclosed ${entry.name.value.replace('>', '')}> context` });
    return 'unclosed';
  }

  /** What ProFTPD's handler does with one line; the error it reports, if any. */
  private directive(file: ProftpdFile, entry: ProftpdLine, origin: { main: boolean; as?: ProftpdPlace }): { message: string; suggestion?: string } | 'stop' | undefined {
    const name = entry.name.value;
    const lower = name.toLowerCase();
    const args = entry.args.map((a) => a.value);
    if (lower === '</ifmodule>' || lower === '</ifdefine>') {
      const open = this.stack.at(-1);
      if (open && open.context === (lower === '</ifmodule>' ? 'ifmodule' : 'ifdefine')) this.stack.pop();
      return undefined;
    }
    const facts = directiveFacts(name);
    if (!facts || !this.isLoaded(facts.module)) {
      if (this.foreignModule) return undefined;
      return { message: `unknown configuration directive '${name}'`, ...nearest(name, (f) => this.isLoaded(f.module)) };
    }
    const shown = facts.name;
    const fail = (message: string) => ({ message: `${shown}: ${message}` });
    const argError = argumentCount(facts, lower, args);
    if (argError) return fail(argError);
    const context = this.context();
    if (facts.contexts && !facts.contexts.includes(context)) return fail(`directive not allowed in ${CONTEXT_NAMES[context]} context`);
    if (facts.boolean && booleanValue(args[0]!) === undefined) return fail('expected Boolean parameter');
    const valueError = valueCheck(lower, args, () => this.defaultServerSet);
    if (valueError) return fail(valueError);
    return this.apply(file, entry, facts.name, args, origin);
  }

  /** A module compiled in, or loaded by a LoadModule read before. */
  private isLoaded(module: string): boolean {
    return isBuiltInModule(module) || this.loaded.has(`${module}.c`);
  }

  /** The context a line is in, as ProFTPD's check_context sees it: the innermost section, else the server. */
  private context(): ProftpdContext {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const c = this.stack[i]!.context;
      if (c !== 'ifmodule' && c !== 'ifdefine') return c;
    }
    return 'server';
  }

  /** What an accepted line does: open or close a section, load a module, include files, or set something for the current server. */
  private apply(file: ProftpdFile, entry: ProftpdLine, name: string, args: string[], origin: { main: boolean; as?: ProftpdPlace }): 'stop' | undefined {
    const at = place(file, entry);
    const lower = name.toLowerCase();
    const opens = Object.hasOwn(SECTION_CONTEXT, lower) ? SECTION_CONTEXT[lower] : undefined;
    if (opens) {
      this.stack.push({ name: entry.name.value, args, opened: at, context: opens });
      if (opens === 'virtual') {
        this.server = { label: `<VirtualHost ${args.join(' ')}>`, declared: at, own: [] };
        this.servers.push(this.server);
      }
      return undefined;
    }
    if (lower.startsWith('</')) {
      const closed = this.stack.pop();
      if (closed?.context === 'virtual') { this.server.closed = at; this.server = this.main; }
      return undefined;
    }
    if (lower === 'loadmodule') {
      const module = args[0]!;
      this.loaded.add(module.endsWith('.c') ? module : `${module}.c`);
      if (!isKnownModule(moduleName(module))) this.foreignModule = true;
      return undefined;
    }
    if (lower === 'define') { this.defines.add(args[0]!); return undefined; }
    if (lower === 'defaultserver' && booleanValue(args[0]!)) this.defaultServerSet = true;
    if (lower === 'include') return this.include(file, entry, args[0]!, origin);
    const setting: ProftpdSetting = { name, args, place: at, within: this.stack.filter((s) => s.context !== 'ifmodule' && s.context !== 'ifdefine' && s.context !== 'virtual').map((s) => ({ name: s.name, args: s.args, opened: s.opened })) };
    if (this.stack.some((s) => s.context === 'global')) this.globals.push(setting);
    else this.server.own.push(setting);
    return undefined;
  }

  /**
   * The files an Include names, read in order. ProFTPD 1.3.8 leaves an included file that fails
   * open: once the Include is done it goes on reading the rest of the last such file as if it
   * were the including file's, named by the Include line, and then stops reading the including
   * file (measured with proftpd -t). 'stop' then.
   */
  private include(file: ProftpdFile, entry: ProftpdLine, pattern: string, origin: { main: boolean; as?: ProftpdPlace }): 'stop' | undefined {
    const files = this.readInclude?.(pattern);
    const at = origin.as ?? place(file, entry);
    if (!files) { this.unread.push({ why: `what the Include of ${pattern} sets (the host does not hold it)`, place: at }); return undefined; }
    const again = files.find((f) => this.reading.includes(f.path));
    if (again) {
      // Measured: ProFTPD 1.3.8 reads such a file over and over and does not finish starting.
      this.problems.push({ kind: 'refused', place: at, message: `Include: ${again.path.replace(/^.*(?=\/etc\/)/, '')} is already being read here: ProFTPD reads it again and again and never finishes starting` });
      return undefined;
    }
    let leftOpen: { file: ProftpdFile; from: number } | undefined;
    for (const included of files) {
      const cut = this.read(included, false);
      if (cut !== undefined && cut >= 0) leftOpen = { file: included, from: cut + 1 };
    }
    if (!leftOpen) return undefined;
    this.readFrom(leftOpen.file, leftOpen.from, { main: origin.main, as: at });
    const skipped = file.entries.find((e) => e.line > entry.line);
    if (skipped && !origin.as) {
      this.problems.push({ kind: 'dropped', place: place(file, skipped), message: `ProFTPD never reads this line or any after it: the error in ${leftOpen.file.path.split('/').pop()} left it reading that file instead, and it ends there` });
    }
    return 'stop';
  }
}

/** ProFTPD's Booleans: on, off, yes, no, true, false, 1, 0 in any case. */
export function booleanValue(word: string): boolean | undefined {
  const lower = word.toLowerCase();
  if (['on', 'yes', 'true', '1'].includes(lower)) return true;
  if (['off', 'no', 'false', '0'].includes(lower)) return false;
  return undefined;
}

/** C's atoi, as ProFTPD reads numbers: leading blanks, a sign, digits; anything else ends the number (nothing read is 0). */
export function atoi(word: string): number {
  const match = /^\s*([+-]?\d+)/.exec(word);
  return match ? Number(match[1]) : 0;
}

/** The argument counts the handlers check themselves, beyond CHECK_ARGS (which the catalogue holds). */
function argumentCount(facts: DirectiveFacts, lower: string, args: readonly string[]): string | undefined {
  if (lower.startsWith('</') && args.length > 0) return 'wrong number of parameters';
  if (lower === '<global>' && args.length > 0) return 'Too many parameters';
  if (lower === '<virtualhost>' && args.length === 0) return 'wrong number of parameters';
  if (lower === '<limit>' && args.length === 0) return 'directive requires one or more commands';
  if (facts.minArgs !== undefined && args.length < facts.minArgs) return 'missing parameters';
  if (facts.maxArgs !== undefined && args.length > facts.maxArgs) return 'missing parameters';
  return undefined;
}

/** The value checks of the handlers that decide FTP's paths, in their order and words. */
function valueCheck(lower: string, args: readonly string[], defaultServerSet: () => boolean): string | undefined {
  switch (lower) {
    case 'port': {
      const port = atoi(args[0]!);
      return port < 0 || port > 65535 ? 'value must be between 0 and 65535' : undefined;
    }
    case 'passiveports': {
      const [min, max] = [atoi(args[0]!), atoi(args[1]!)];
      if (min <= 0 || min > 65535) return 'min port must be allowable port number';
      if (max <= 0 || max > 65535) return 'max port must be allowable port number';
      if (min < 1024 || max < 1024) return 'port numbers must be above 1023';
      if (max <= min) return 'min port must be less than max port';
      return undefined;
    }
    case 'masqueradeaddress': return args[0] === '' ? 'missing required name parameter' : undefined;
    case 'defaultserver': return booleanValue(args[0]!) && defaultServerSet() ? 'DefaultServer has already been set' : undefined;
    default: return undefined;
  }
}

/** The directive a misspelt name most likely meant, among those ProFTPD would know here. */
function nearest(name: string, known: (facts: { name: string; module: string }) => boolean): { suggestion?: string } {
  const [best] = nearestNames(name, [...allDirectives()].filter(known).map((f) => f.name), 1);
  return best !== undefined ? { suggestion: best } : {};
}

/** Reads a configuration from its main file, following Includes through `readInclude` (none are read without it). */
export function readConfiguration(mainFile: ProftpdFile, readInclude?: ProftpdIncludeReader): ProftpdConfiguration {
  const reader = new Reader(readInclude);
  reader.read(mainFile, true);
  return reader.finish();
}
