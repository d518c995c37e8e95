import { LineIndex, type Range } from '../../core/text.js';
import { evaluateArithmetic } from './arithmetic.js';
import { expandToValue, expandWord, patternOf, unsetVariable, valuesOf, withoutIdentity, type ExpansionScope } from './expand.js';
import { parseShell } from './parser.js';
import { isPure } from './purity.js';
import { literalOf, type AndOr, type CaseCommand, type ForCommand, type FunctionDefinition, type GroupCommand, type IfCommand, type Pipeline, type Redirect, type ShellNode, type SimpleCommand, type WhileCommand, type WordPart } from './syntax.js';
import { evaluateTest, type TestOperand, type Truth } from './test-expression.js';
import { Comparison, isVariable, Unknown, unknownOf, type Field, type ScriptSource, type Status, type Value } from './values.js';

/** The host's files, as the script names them. */
export interface HostFiles {
  /** A file the host holds, by the path the script gives; undefined when it does not hold it. */
  read(path: string): { path: string; text: string } | undefined;
  /** `[ -f PATH ]` and the like: known when the host holds the file, unknown otherwise. */
  test(operator: string, path: string): Truth;
}

/**
 * A branch the run took on something only running the script could tell: `why` is what it
 * depends on ("$ROLE, set outside this host"), `what` the construct ("the if at firewall.sh:8"),
 * `way` the branch taken in words ('$ROLE is "ftp"').
 */
export interface Decision { why: string; what: string; way: string; path: string; line: number; range: Range; taken: boolean }

/** Where a command runs and what it reads from. */
export interface CommandContext {
  node: SimpleCommand;
  source: ScriptSource;
  input: Input | undefined;
  /** Takes a branch on something unknown (see ScriptRun.decide). */
  decide(why: string, what: string): boolean;
}

/** Commands with an effect outside the shell (iptables, modprobe, ...): what they do is up to the caller. */
export interface CommandEffects {
  /** The command's status, or undefined when it is not one of them. `name` is undefined when the command word itself is unknown. */
  command(name: string | undefined, args: readonly Field[], context: CommandContext): Status | undefined;
}

/** What a command reads: lines of a here-document, a file or a pipe; `text` and `path` when it is a whole file (iptables-restore). */
export interface Input {
  lines: Value[];
  next: number;
  text?: string;
  path?: string;
  /** The input is not known: read gets unknown lines, once. */
  unknown?: Unknown;
}

export interface RunOptions {
  entry: ScriptSource;
  files: HostFiles;
  effects: CommandEffects;
  /** Variables the host pins (.ftpwall.json "variables"), as the script's environment. */
  variables: ReadonlyMap<string, string>;
  /** The branches to take on unknown decisions, in order; past them, the first way (false). */
  choices: readonly boolean[];
  /** Reads a script file (sourced, or run with sh FILE); cached by the caller. */
  parse(path: string, text: string): ScriptSource;
  /** Told what each parameter of the entry script expanded to. */
  observe?(start: number, end: number, name: string, value: Value): void;
  /** The entry script's arguments ($1, $2, ...): none unless given. */
  arguments?: readonly Value[];
}

export interface RunResult {
  decisions: Decision[];
  /** The script ended early: `exit`, or a command that failed under `set -e`. */
  stopped?: { path: string; line: number; range: Range; why: string; byErrexit: boolean };
  /** The run was cut short (too many steps, recursion): what it did after that is not known. */
  incomplete?: string;
}

type Flow = { kind: 'exit' | 'return' | 'break' | 'continue'; count: number };

class Incomplete extends Error {}

const MAX_STEPS = 200_000;
const MAX_LOOP_TURNS = 10_000;
const MAX_CALL_DEPTH = 100;
/** Programs taken to be installed wherever a firewall script runs (`which iptables`, `[ -x /sbin/iptables ]`). */
export const isInstalledProgram = (path: string): boolean => /^(?:ip6?tables(?:-legacy|-nft)?(?:-restore|-save)?|modprobe|insmod|rmmod|sysctl|logger|echo|printf|cat|ip|sh|bash|true|false)$/.test(path.split('/').pop()!);

interface Capture { text: string; unknown?: Unknown }

/** Runs a script one way: every unknown branch goes the way `choices` says. */
export function runScript(options: RunOptions): RunResult {
  return new ScriptRun(options).run();
}

class ScriptRun implements ExpansionScope {
  private readonly vars = new Map<string, Value | undefined>();
  private readonly functions = new Map<string, { definition: FunctionDefinition; source: ScriptSource }>();
  private positionalValues: Value[] = [];
  private status: Status = 0;
  private errexit = false;
  private conditionDepth = 0;
  private callDepth = 0;
  private steps = 0;
  private readonly decisions: Decision[] = [];
  private stopped: RunResult['stopped'];
  private source: ScriptSource;
  private at = 0;
  private inputs: Array<Input | undefined> = [];
  private captures: Array<Capture | undefined> = [];
  private locals: Array<Map<string, Value | undefined | typeof NEVER_SET>> = [];

  constructor(private readonly options: RunOptions) {
    this.source = options.entry;
    for (const [name, value] of options.variables) this.vars.set(name, value);
    this.positionalValues = [...(options.arguments ?? [])];
    // What the script reads from its own input is not known (read once, like any unknown input).
    this.inputs.push(unknownInput(new Unknown('what the script reads from its input')));
  }

  run(): RunResult {
    try {
      const flow = this.list(this.options.entry.script.commands, this.options.entry);
      if (flow?.kind === 'exit' && !this.stopped) this.stopped = { ...this.here(), why: `the script exits here (status ${typeof this.status === 'number' ? this.status : 'unknown'})`, byErrexit: false };
      return { decisions: this.decisions, ...(this.stopped ? { stopped: this.stopped } : {}) };
    } catch (error) {
      if (!(error instanceof Incomplete)) throw error;
      return { decisions: this.decisions, incomplete: `${error.message} at ${this.describeHere()}` };
    }
  }

  // --- where the run is, and its unknown branches

  private here(): { path: string; line: number; range: Range } {
    const { lines } = this.source;
    const line = lines.positionAt(this.at).line;
    return { path: this.source.path, line, range: lines.range(this.at, lines.lineEnd(line)) };
  }

  private describeHere(): string {
    const { path, line } = this.here();
    return `${path.split('/').pop()}:${line + 1}`;
  }

  /** Takes the next branch `choices` gives (the first way, false, past them); `ways` says each in words. */
  decide(why: string, what: string, ways: readonly [string, string] = [`${what} is taken`, `${what} is not taken`]): boolean {
    const index = this.decisions.length;
    const taken = this.options.choices[index] ?? false;
    this.decisions.push({ why, what, way: taken ? ways[0] : ways[1], ...this.here(), taken });
    return taken;
  }

  /** Did a status mean success? Unknown statuses are a branch of `construct` ("if", "&&") here. */
  private succeeded(status: Status, construct: string): boolean {
    if (typeof status === 'number') return status === 0;
    const what = `the ${construct} at ${this.describeHere()}`;
    if (status instanceof Comparison) return this.equals(status, what) !== status.negated;
    return this.decide(status.why, what);
  }

  /** Texts each unknown variable was found not to hold, in this way through the script. */
  private readonly unequal = new Map<string, Set<string>>();

  /**
   * Does an unknown variable hold this text? Asked once per variable and text: the way that says
   * yes gives the variable that value from then on, the other remembers it does not hold it.
   */
  private equals(comparison: Comparison, what: string): boolean {
    const variable = comparison.variable!;
    const known = this.vars.has(variable) ? this.vars.get(variable) : comparison.of;
    if (typeof known === 'string') return known === comparison.text;
    if (known === undefined) return comparison.text === '';
    if (this.unequal.get(variable)?.has(comparison.text)) return false;
    const text = comparison.text === '' ? 'empty' : `"${comparison.text}"`;
    const holds = this.decide(comparison.why, what, [`$${variable} is ${text}`, `$${variable} is not ${text}`]);
    if (holds) this.vars.set(variable, comparison.text);
    else {
      const texts = this.unequal.get(variable) ?? new Set<string>();
      texts.add(comparison.text);
      this.unequal.set(variable, texts);
    }
    return holds;
  }

  private step(node: ShellNode): void {
    if (++this.steps > MAX_STEPS) throw new Incomplete(`the script runs more than ${MAX_STEPS.toLocaleString('en')} commands`);
    this.at = node.start;
  }

  // --- expansion scope

  /** Set once the script sourced a file the host does not hold: any variable it never set may come from there. */
  private sourcedUnknown: string | undefined;

  variable(name: string): Value | undefined {
    if (!this.vars.has(name)) return this.sourcedUnknown ? new Unknown(`$${name}, from ${this.sourcedUnknown}`, name) : unsetVariable(name);
    return this.vars.get(name);
  }

  assign(name: string, value: Value | undefined): void { this.vars.set(name, value); }
  positional(): readonly Value[] { return this.positionalValues; }

  special(name: string): Value {
    if (name === '?') return typeof this.status === 'number' ? String(this.status) : this.status;
    if (name === '0') return this.options.entry.path;
    if (name === '-') return this.errexit ? 'e' : '';
    return new Unknown(`$${name}`);
  }

  substitute(part: Extract<WordPart, { kind: 'substitution' }>): Value {
    const source = this.options.parse(`${this.source.path}`, padTo(this.source, part.textAt, part.text));
    const capture = this.subshell(() => this.withCapture(() => this.list(source.script.commands, source)));
    if (capture.unknown) return capture.unknown;
    return capture.text.replace(/\n+$/, '');
  }

  arithmetic(text: string): Value { return evaluateArithmetic(text, (name) => this.variable(name)); }

  observe(part: Extract<WordPart, { kind: 'parameter' }>, value: Value, source: ScriptSource): void {
    if (source === this.options.entry) this.options.observe?.(part.start, part.end, part.name, value);
  }

  private fields(words: SimpleCommand['words']): Field[] {
    const fields: Field[] = [];
    for (const word of words) for (const field of expandWord(word, this, this.source)) fields.push(field);
    return fields;
  }

  // --- commands

  private list(nodes: readonly ShellNode[], source: ScriptSource): Flow | undefined {
    const previous = this.source;
    this.source = source;
    try {
      for (const node of nodes) {
        const flow = this.node(node);
        if (flow) return flow;
      }
      return undefined;
    } finally {
      this.source = previous;
    }
  }

  private node(node: ShellNode): Flow | undefined {
    this.step(node);
    switch (node.kind) {
      case 'simple': return this.simple(node);
      case 'and-or': return this.andOr(node);
      case 'pipeline': return this.pipeline(node);
      case 'if': return this.withRedirects(node.redirects, () => this.ifCommand(node));
      case 'for': return this.withRedirects(node.redirects, () => this.forCommand(node));
      case 'while': return this.withRedirects(node.redirects, () => this.whileCommand(node));
      case 'case': return this.withRedirects(node.redirects, () => this.caseCommand(node));
      case 'group': return this.withRedirects(node.redirects, () => this.group(node));
      case 'function':
        this.functions.set(node.name, { definition: node, source: this.source });
        this.status = 0;
        return undefined;
      case 'arithmetic':
        this.status = new Unknown(`the arithmetic test "${this.source.text.slice(node.start, node.end)}"`);
        return this.afterCommand();
      case 'unreadable':
        this.status = new Unknown(`a line ftpwall cannot read ("${this.source.text.slice(node.start, node.end).slice(0, 40)}")`);
        return undefined;
    }
  }

  /** `set -e`: a failed command outside a condition ends the script. */
  private afterCommand(): Flow | undefined {
    if (!this.errexit || this.conditionDepth > 0) return undefined;
    const status = this.status;
    const failed = typeof status === 'number' ? status !== 0 : this.decide(status.why, `the command at ${this.describeHere()}`, ['it fails and set -e ends the script', 'it succeeds']);
    if (!failed) return undefined;
    this.stopped ??= { ...this.here(), why: 'this command fails and set -e ends the script here: nothing after it runs', byErrexit: true };
    return { kind: 'exit', count: typeof status === 'number' ? status : 1 };
  }

  private asCondition<T>(run: () => T): T {
    this.conditionDepth++;
    try { return run(); } finally { this.conditionDepth--; }
  }

  private andOr(node: AndOr): Flow | undefined {
    const all = [node.first, ...node.rest.map((r) => r.node)];
    let flow = all.length > 1 ? this.asCondition(() => this.node(node.first)) : this.node(node.first);
    if (flow) return flow;
    for (let n = 0; n < node.rest.length; n++) {
      const { operator, node: next } = node.rest[n]!;
      const ok = this.succeeded(this.status, operator);
      if ((operator === '&&') !== ok) continue;
      const last = n === node.rest.length - 1;
      flow = last ? this.node(next) : this.asCondition(() => this.node(next));
      if (flow) return flow;
    }
    return undefined;
  }

  private pipeline(node: Pipeline): Flow | undefined {
    let input: Input | undefined = this.inputs.at(-1);
    for (let n = 0; n < node.commands.length; n++) {
      const command = node.commands[n]!;
      const last = n === node.commands.length - 1;
      const run = () => this.withInput(input, () => this.node(command));
      if (last) {
        // Each part of a pipeline runs in a subshell: what it assigns is lost.
        const flow = node.commands.length > 1 ? this.subshellFlow(() => (node.negated ? this.asCondition(run) : run())) : node.negated ? this.asCondition(run) : run();
        if (flow?.kind === 'exit' && node.commands.length === 1) return flow;
      } else {
        const capture = this.subshell(() => this.withCapture(run));
        input = capture.unknown ? unknownInput(capture.unknown) : linesInput(capture.text);
      }
    }
    if (node.negated) this.status = typeof this.status === 'number' ? Number(this.status === 0) : this.status;
    return node.negated ? undefined : this.afterCommand();
  }

  private ifCommand(node: IfCommand): Flow | undefined {
    for (const clause of node.clauses) {
      const flow = this.asCondition(() => this.list(clause.condition, this.source));
      if (flow) return flow;
      // Nothing the branches do matters to the firewall: no need to follow both.
      if (this.status instanceof Unknown && isPure(node, this.errexit)) { this.status = 0; return undefined; }
      if (this.succeeded(this.status, 'if')) return this.list(clause.body, this.source);
    }
    this.status = 0;
    return node.otherwise ? this.list(node.otherwise, this.source) : undefined;
  }

  private forCommand(node: ForCommand): Flow | undefined {
    const items = node.items ? this.fields(node.items) : this.positionalValues.map((value) => ({ value }));
    this.status = 0;
    let turns = 0;
    for (const item of items) {
      let value: Value;
      if ('word' in item) {
        if (item.splits && !this.decide(item.unknown!.why, `the for loop at ${this.describeHere()}`, ['the loop runs for its words', 'it holds no words'])) continue;
        value = item.unknown ?? item.text;
      } else {
        value = item.value;
      }
      if (++turns > MAX_LOOP_TURNS) throw new Incomplete(`the loop runs more than ${MAX_LOOP_TURNS} times`);
      this.vars.set(node.variable, value);
      const flow = this.list(node.body, this.source);
      const next = this.loopFlow(flow);
      if (next === 'break') break;
      if (next) return next;
    }
    return undefined;
  }

  /** What a loop does after its body: go on (undefined), stop ('break'), or pass a flow out. */
  private loopFlow(flow: Flow | undefined): Flow | 'break' | undefined {
    if (!flow) return undefined;
    if (flow.kind === 'break') return flow.count > 1 ? { kind: 'break', count: flow.count - 1 } : 'break';
    if (flow.kind === 'continue') return flow.count > 1 ? { kind: 'continue', count: flow.count - 1 } : undefined;
    return flow;
  }

  private whileCommand(node: WhileCommand): Flow | undefined {
    let turns = 0;
    for (;;) {
      const flow = this.asCondition(() => this.list(node.condition, this.source));
      if (flow) return flow;
      const holds = this.succeeded(this.status, `${node.until ? 'until' : 'while'} loop`);
      if (holds === node.until) break;
      if (++turns > MAX_LOOP_TURNS) throw new Incomplete(`the loop runs more than ${MAX_LOOP_TURNS} times`);
      const next = this.loopFlow(this.list(node.body, this.source));
      if (next === 'break') break;
      if (next) return next;
    }
    this.status = 0;
    return undefined;
  }

  private caseCommand(node: CaseCommand): Flow | undefined {
    const subject = expandToValue(node.subject, this, this.source);
    this.status = 0;
    for (const item of node.items) {
      const matched = item.patterns.some((word) => {
        if (literalOf(word) === '*' && word.parts.every((p) => p.kind === 'text' && !p.quoted)) return true;
        const pattern = patternOf(word, this, this.source);
        if (!(subject instanceof Unknown) && !(pattern instanceof Unknown)) return pattern.test(subject);
        const text = literalOf(word);
        const what = `the case at ${this.describeHere()}`;
        if (isVariable(subject) && text !== undefined && !/[*?[]/.test(text)) return this.equals(new Comparison(subject, text, false), what);
        return this.decide((subject instanceof Unknown ? subject : pattern as Unknown).why, what);
      });
      if (matched) return this.list(item.body, this.source);
    }
    return undefined;
  }

  private group(node: GroupCommand): Flow | undefined {
    if (!node.subshell) return this.list(node.body, this.source);
    const flow = this.subshellFlow(() => this.list(node.body, this.source));
    return flow ?? this.afterCommand();
  }

  /** Runs in a subshell: variables, functions and options come back as they were; exit ends only the subshell. */
  private subshellFlow(run: () => Flow | undefined): Flow | undefined {
    const saved = { vars: new Map(this.vars), functions: new Map(this.functions), positional: this.positionalValues, errexit: this.errexit, stopped: this.stopped };
    try {
      const flow = run();
      return flow?.kind === 'exit' ? undefined : flow?.kind === 'return' ? undefined : flow;
    } finally {
      this.vars.clear();
      for (const [k, v] of saved.vars) this.vars.set(k, v);
      this.functions.clear();
      for (const [k, v] of saved.functions) this.functions.set(k, v);
      this.positionalValues = saved.positional;
      this.errexit = saved.errexit;
      this.stopped = saved.stopped;
    }
  }

  private subshell(run: () => Capture): Capture {
    let capture: Capture = { text: '' };
    this.subshellFlow(() => { capture = run(); return undefined; });
    return capture;
  }

  private withCapture(run: () => Flow | undefined): Capture {
    const capture: Capture = { text: '' };
    this.captures.push(capture);
    try { run(); } finally { this.captures.pop(); }
    return capture;
  }

  private withInput<T>(input: Input | undefined, run: () => T): T {
    this.inputs.push(input);
    try { return run(); } finally { this.inputs.pop(); }
  }

  private write(text: Value): void {
    const capture = this.captures.at(-1);
    if (!capture) return;
    if (text instanceof Unknown) capture.unknown ??= text;
    else capture.text += text;
  }

  /** A compound command's redirections: its input (while read ... done < file), and output that goes elsewhere. */
  private withRedirects(redirects: readonly Redirect[], run: () => Flow | undefined): Flow | undefined {
    if (redirects.length === 0) return run();
    const { input, outputElsewhere } = this.redirected(redirects);
    const go = () => this.withInput(input ?? this.inputs.at(-1), run);
    if (!outputElsewhere) return go();
    this.captures.push(undefined);
    try { return go(); } finally { this.captures.pop(); }
  }

  private redirected(redirects: readonly Redirect[]): { input?: Input; outputElsewhere: boolean } {
    let input: Input | undefined;
    let outputElsewhere = false;
    for (const redirect of redirects) {
      const target = redirect.target ? expandToValue(redirect.target, this, this.source) : undefined;
      if (redirect.hereDocument) input = this.hereDocumentInput(redirect.hereDocument);
      else if (redirect.operator === '<<<') input = target instanceof Unknown ? unknownInput(target) : linesInput(`${target ?? ''}\n`);
      else if (redirect.operator === '<' && (redirect.descriptor ?? 0) === 0) input = this.fileInput(target);
      else if (redirect.operator.includes('>') && (redirect.descriptor ?? 1) === 1 && !(redirect.operator === '>&' && target === '1')) outputElsewhere = true;
    }
    return { ...(input ? { input } : {}), outputElsewhere };
  }

  private hereDocumentInput(hereDocument: NonNullable<Redirect['hereDocument']>): Input {
    let body: Value = hereDocument.body;
    if (hereDocument.expands && /[$`]/.test(body)) {
      // Expanded as the inside of double quotes is.
      const quoted = scriptSource(this.source.path, `"${body.replace(/[\\"]/g, '\\$&')}"`);
      const command = quoted.script.commands[0];
      body = command?.kind === 'simple' && command.words[0] ? expandToValue(command.words[0], this, quoted) : new Unknown('the here-document');
    }
    if (body instanceof Unknown) return unknownInput(body);
    // The lines keep their place in the script, so what reads them as a file (iptables-restore) points at the script's lines.
    return { ...linesInput(body), text: padTo(this.source, hereDocument.start, body), path: this.source.path };
  }

  private fileInput(target: Value | undefined): Input {
    if (target === undefined) return unknownInput(new Unknown('a redirection without a file'));
    if (target instanceof Unknown) return unknownInput(target);
    const file = this.options.files.read(target);
    if (!file) return unknownInput(new Unknown(`the contents of ${target}, which this host does not hold`));
    return { ...linesInput(file.text), text: file.text, path: file.path };
  }

  private simple(node: SimpleCommand): Flow | undefined {
    const fields = this.fields(node.words);
    const assigned = node.assignments.map((a) => ({ name: a.name, value: expandToValue(a.value, this, this.source) }));
    if (fields.length === 0) {
      // Assignments alone set the script's variables; $? is the last command substitution's status, else 0.
      this.status = 0;
      for (const { name, value } of assigned) this.vars.set(name, value);
      return undefined;
    }
    const { input, outputElsewhere } = this.redirected(node.redirects);
    const saved = assigned.map(({ name }) => [name, this.vars.has(name) ? this.vars.get(name) : NEVER_SET] as const);
    for (const { name, value } of assigned) this.vars.set(name, value);
    if (outputElsewhere) this.captures.push(undefined);
    try {
      return this.withInput(input ?? this.inputs.at(-1), () => this.command(fields, node));
    } finally {
      if (outputElsewhere) this.captures.pop();
      // NAME=value before a command sets it for that command only (special builtins aside).
      for (const [name, value] of saved) if (value === NEVER_SET) this.vars.delete(name); else this.vars.set(name, value);
    }
  }

  private command(fields: Field[], node: SimpleCommand): Flow | undefined {
    const [first, ...args] = fields;
    const name = first!.unknown ? undefined : first!.text;
    const flow = name !== undefined ? this.builtin(name, args, node) : NOT_BUILTIN;
    if (flow !== NOT_BUILTIN) return flow === undefined ? this.afterCommand() : flow;
    const fn = name !== undefined ? this.functions.get(name) : undefined;
    if (fn) return this.call(fn, args);
    const status = this.external(name, name === undefined ? fields : args, node);
    if (status !== undefined) this.status = status;
    else this.status = this.conditionDepth > 0 ? new Unknown(`whether \`${this.source.text.slice(node.start, node.end).slice(0, 60)}\` succeeds`) : 0;
    if (status === undefined && this.captures.at(-1)) this.write(new Unknown(`the output of \`${this.source.text.slice(node.start, node.end).slice(0, 60)}\``));
    return this.afterCommand();
  }

  /** Hands a command to the effects (iptables, modprobe, ...): its status, undefined when they do not know it. */
  private external(name: string | undefined, args: readonly Field[], node: SimpleCommand): Status | undefined {
    return this.options.effects.command(name, args, { node, source: this.source, input: this.inputs.at(-1), decide: (why, what) => this.decide(why, what) });
  }

  private call(fn: { definition: FunctionDefinition; source: ScriptSource }, args: readonly Field[]): Flow | undefined {
    if (this.callDepth >= MAX_CALL_DEPTH) throw new Incomplete(`functions call each other more than ${MAX_CALL_DEPTH} deep`);
    const positional = this.positionalValues;
    this.positionalValues = valuesOf(args);
    this.callDepth++;
    this.locals.push(new Map());
    try {
      const flow = this.list([fn.definition.body], fn.source);
      if (flow?.kind === 'exit') return flow;
      return undefined;
    } finally {
      const frame = this.locals.pop()!;
      for (const [name, value] of frame) if (value === NEVER_SET) this.vars.delete(name); else this.vars.set(name, value);
      this.callDepth--;
      this.positionalValues = positional;
    }
  }

  /** A builtin's flow (undefined when it ends normally), or NOT_BUILTIN. */
  private builtin(name: string, args: readonly Field[], node: SimpleCommand): Flow | undefined | typeof NOT_BUILTIN {
    const values = valuesOf(args);
    switch (name) {
      case ':': case 'true': this.status = 0; return undefined;
      case 'false': this.status = 1; return undefined;
      case 'exit': this.status = numberArgument(values[0], this.status); return { kind: 'exit', count: 0 };
      case 'return': this.status = numberArgument(values[0], this.status); return this.callDepth > 0 || this.sourcing > 0 ? { kind: 'return', count: 0 } : { kind: 'exit', count: 0 };
      case 'break': case 'continue': {
        const count = values[0] === undefined ? 1 : Number(values[0]);
        this.status = 0;
        return { kind: name, count: Number.isFinite(count) && count > 0 ? count : 1 };
      }
      case 'set': this.set(values); return undefined;
      case 'shift': {
        const count = values[0] === undefined ? 1 : Number(values[0]);
        this.status = Number.isFinite(count) && count <= this.positionalValues.length ? 0 : 1;
        if (this.status === 0) this.positionalValues = this.positionalValues.slice(count);
        return undefined;
      }
      case 'local': case 'declare': case 'typeset': case 'export': case 'readonly':
        this.declare(name, args);
        return undefined;
      case 'unset': {
        const functions = values.includes('-f');
        for (const value of values) if (typeof value === 'string' && !value.startsWith('-')) { if (functions) this.functions.delete(value); else this.vars.set(value, undefined); }
        this.status = 0;
        return undefined;
      }
      case 'test': case '[': case '[[': {
        const closing = name === '[' ? ']' : name === '[[' ? ']]' : undefined;
        const operands = this.testOperands(name === '[[' ? node.words.slice(1) : undefined, args);
        if (closing && (operands.at(-1)?.value !== closing)) { this.status = 2; return undefined; }
        const truth = evaluateTest(closing ? operands.slice(0, -1) : operands, (operator, path) => this.options.files.test(operator, path), name === '[[');
        this.status = truth instanceof Unknown ? truth : truth ? 0 : 1;
        return undefined;
      }
      case '.': case 'source': return this.sourceFile(name, args, node);
      case 'echo': this.echo(values); return undefined;
      case 'printf': this.printf(values); return undefined;
      case 'cat': this.cat(values); return undefined;
      case 'read': this.read(values); return undefined;
      case 'eval': {
        const text = values.every((v) => typeof v === 'string') ? (values as string[]).join(' ') : undefined;
        if (text === undefined) return NOT_BUILTIN;
        const source = this.options.parse(this.source.path, padTo(this.source, node.start, text));
        return this.list(source.script.commands, source);
      }
      case 'command': case 'builtin': case 'exec': case 'nohup': case 'sudo': case 'nice': case 'env': case 'time': {
        if (args[0]?.text === '-v' || args[0]?.text === '-V') return this.which(values.slice(1));
        // The wrapped command: past the wrapper's options (and env's NAME=value words).
        const skip = args.findIndex((a) => !a.text.startsWith('-') && !(name === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(a.text)));
        const rest = skip === -1 ? [] : args.slice(skip);
        if (rest.length === 0) { this.status = 0; return undefined; }
        return this.command(rest, node);
      }
      case 'which': case 'type': case 'hash': return this.which(values);
      case 'sh': case 'bash': case 'dash': return this.shell(name, args, node);
      case 'trap': case 'umask': case 'cd': case 'wait': case 'sleep': case 'logger': case 'shopt': case 'ulimit':
        this.status = 0;
        return undefined;
      default: return NOT_BUILTIN;
    }
  }

  private sourcing = 0;

  private sourceFile(name: string, args: readonly Field[], node: SimpleCommand): Flow | undefined {
    const [file, ...rest] = args;
    const path = file?.unknown ?? file?.text;
    const read = typeof path === 'string' ? this.options.files.read(path) : undefined;
    if (!read) {
      // What the file sets is not known: every variable may have changed.
      const why = new Unknown(typeof path === 'string' ? `what ${path} sets (this host does not hold it)` : `what the file sourced at ${this.describeHere()} sets`);
      for (const variable of this.vars.keys()) this.vars.set(variable, why);
      this.sourcedUnknown = why.why;
      // And it may run any command: the effects say what that leaves unknown.
      this.status = this.external(name, args, node) ?? new Unknown(why.why);
      return undefined;
    }
    const source = this.options.parse(read.path, read.text);
    const positional = this.positionalValues;
    if (rest.length) this.positionalValues = valuesOf(rest);
    this.sourcing++;
    try {
      const flow = this.list(source.script.commands, source);
      return flow?.kind === 'return' ? undefined : flow;
    } finally {
      this.sourcing--;
      if (rest.length) this.positionalValues = positional;
    }
  }

  private shell(name: string, args: readonly Field[], node: SimpleCommand): Flow | undefined {
    const script = args[0]?.text === '-c' ? args[1] : args.find((a) => !a.text.startsWith('-'));
    const fromText = args[0]?.text === '-c';
    const read = !script || script.unknown ? undefined : fromText ? { path: this.source.path, text: padTo(this.source, script.word.start, script.text) } : this.options.files.read(script.text);
    if (!read) {
      this.status = this.external(name, args, node) ?? new Unknown(`what ${script?.text ?? name} does`);
      return this.afterCommand();
    }
    const source = this.options.parse(read.path, read.text);
    const after = args.slice(args.indexOf(script!) + 1);
    this.subshellFlow(() => {
      this.positionalValues = valuesOf(after);
      this.errexit = false;
      this.list(source.script.commands, source);
      return undefined;
    });
    return undefined;
  }

  private set(values: readonly Value[]): void {
    this.status = 0;
    for (let n = 0; n < values.length; n++) {
      const value = values[n];
      if (typeof value !== 'string') continue;
      if (value === '--') { this.positionalValues = values.slice(n + 1); return; }
      if ((value === '-o' || value === '+o') && values[n + 1] === 'errexit') { this.errexit = value === '-o'; n++; continue; }
      if (/^[-+][a-zA-Z]+$/.test(value) && value.includes('e')) this.errexit = value.startsWith('-');
    }
  }

  private declare(name: string, args: readonly Field[]): void {
    this.status = 0;
    for (const arg of args) {
      if (arg.text.startsWith('-') || arg.text.startsWith('+')) continue;
      const eq = arg.text.indexOf('=');
      const variable = eq === -1 ? arg.text : arg.text.slice(0, eq);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) continue;
      const frame = this.locals.at(-1);
      if ((name === 'local' || (name !== 'export' && name !== 'readonly')) && frame && !frame.has(variable)) frame.set(variable, this.vars.has(variable) ? this.vars.get(variable) : NEVER_SET);
      if (eq !== -1) this.vars.set(variable, arg.unknown ?? arg.text.slice(eq + 1));
      else if (name === 'local' && frame) this.vars.set(variable, undefined);
    }
  }

  private testOperands(words: SimpleCommand['words'] | undefined, args: readonly Field[]): TestOperand[] {
    if (!words) return args.map((a) => ({ value: a.unknown ? (a.text === '' ? a.unknown : withoutIdentity(a.unknown)) : a.text }));
    // [[ ]]: no field splitting, and the right side of == and != is a pattern.
    return words.map((word) => ({ value: expandToValue(word, this, this.source), pattern: () => patternOf(word, this, this.source) }));
  }

  private which(values: readonly Value[]): undefined {
    const tool = values.find((v) => typeof v === 'string' && !v.startsWith('-'));
    if (typeof tool === 'string' && isInstalledProgram(tool)) {
      this.status = 0;
      this.write(`${tool.includes('/') ? tool : `/usr/sbin/${tool}`}\n`);
    } else {
      this.status = new Unknown(`whether ${typeof tool === 'string' ? tool : 'the command'} is installed`);
      this.write(this.status);
    }
    return undefined;
  }

  private echo(values: readonly Value[]): void {
    let newline = true;
    let rest = values;
    while (rest[0] === '-n' || rest[0] === '-e' || rest[0] === '-E') { if (rest[0] === '-n') newline = false; rest = rest.slice(1); }
    this.status = 0;
    const unknown = unknownOf(rest.filter((v): v is Unknown => v instanceof Unknown));
    this.write(unknown ?? `${rest.join(' ')}${newline ? '\n' : ''}`);
  }

  private printf(values: readonly Value[]): void {
    this.status = 0;
    const unknown = unknownOf(values.filter((v): v is Unknown => v instanceof Unknown));
    if (unknown || values.length === 0) { this.write(unknown ?? ''); return; }
    const [format, ...args] = values as string[];
    const conversions = (format!.match(/%[sdb]/g) ?? []).length;
    let out = '';
    let next = 0;
    do {
      out += format!.replace(/%([sdb%])/g, (_, c: string) => (c === '%' ? '%' : args[next++] ?? ''));
    } while (conversions > 0 && next < args.length);
    this.write(out.replace(/\\n/g, '\n').replace(/\\t/g, '\t'));
  }

  private cat(values: readonly Value[]): void {
    this.status = 0;
    const files = values.filter((v) => v !== '-' && !(typeof v === 'string' && v.startsWith('-')));
    if (files.length === 0) {
      const input = this.inputs.at(-1);
      if (!input || input.unknown) { this.write(input?.unknown ?? new Unknown('what cat reads')); return; }
      this.write(input.lines.slice(input.next).map((l) => (typeof l === 'string' ? `${l}\n` : l)).reduce<Value>((a, b) => (a instanceof Unknown ? a : b instanceof Unknown ? b : a + b), ''));
      input.next = input.lines.length;
      return;
    }
    for (const file of files) {
      const read = typeof file === 'string' ? this.options.files.read(file) : undefined;
      this.write(read ? read.text : file instanceof Unknown ? file : new Unknown(`the contents of ${file}, which this host does not hold`));
    }
  }

  private read(values: readonly Value[]): void {
    const names = values.filter((v): v is string => typeof v === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(v));
    const input = this.inputs.at(-1);
    let line: Value | undefined;
    if (!input) line = new Unknown('what read gets from the script\'s input');
    else if (input.unknown) {
      // An unknown input is read once: the loop runs for one unknown line or none.
      if (input.next > 0) { this.status = 1; return; }
      input.next = 1;
      line = input.unknown;
    } else line = input.lines[input.next++];
    if (line === undefined) { this.status = 1; for (const name of names) this.vars.set(name, ''); return; }
    this.status = line instanceof Unknown ? new Unknown(`whether there is a line to read: ${line.why}`) : 0;
    const words = typeof line === 'string' ? line.trim().split(/[ \t]+/) : [];
    names.forEach((name, n) => {
      if (line instanceof Unknown) { this.vars.set(name, line); return; }
      this.vars.set(name, n === names.length - 1 ? words.slice(n).join(' ') : words[n] ?? '');
    });
    if (names.length === 0) this.vars.set('REPLY', line);
  }
}

const NOT_BUILTIN = Symbol('not a builtin');
const NEVER_SET = Symbol('never set');

function numberArgument(value: Value | undefined, fallback: Status): Status {
  if (value === undefined) return fallback;
  if (value instanceof Unknown) return value;
  const n = Number(value);
  return Number.isInteger(n) ? n & 255 : 2;
}

function linesInput(text: string): Input {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return { lines, next: 0 };
}

function unknownInput(unknown: Unknown): Input {
  return { lines: [], next: 0, unknown };
}

/** `text` preceded by blank lines and spaces so that it starts where `offset` is in `source`: what is read from it points into the script. */
function padTo(source: ScriptSource, offset: number, text: string): string {
  const position = source.lines.positionAt(offset);
  return '\n'.repeat(position.line) + ' '.repeat(position.character) + text;
}

/** A script source from its text. */
export function scriptSource(path: string, text: string): ScriptSource {
  const lines = new LineIndex(text);
  return { path, text, lines, script: parseShell(text, lines) };
}
