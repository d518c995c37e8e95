import { eachNode, literalOf, type ShellNode, type SimpleCommand } from '../shell/syntax.js';
import type { ScriptDocument } from './script-document.js';
import type { AddressFamily, CommandLine } from './syntax.js';

/** A script's command lines are locations; one without a path is the script's own. */
const pathOf = (line: CommandLine): string | undefined => (line as { path?: string }).path;

/**
 * The line after which a rule added at the end of a script goes, and the indentation it takes:
 * after the whole top-level statement that runs the script's last command of the family (a loop,
 * an if or a case whole, the call of the function that holds it), never inside it. Added inside
 * a loop the rule would be added once per turn; inside one branch of a case (`stop)`), only in the
 * way that takes that branch. Undefined when no top-level statement runs such a command.
 */
export function appendPlace(doc: ScriptDocument, family: AddressFamily): { line: number; indent: string } | undefined {
  const { source } = doc;
  const lineOf = (offset: number) => source.lines.positionAt(offset).line;
  const ranAnyWay = new Set(doc.ranLines.flatMap((lines) => [...lines]));
  const commandLines = new Set(doc.commands.filter((c) => c.family === family && (pathOf(c.commandLine) ?? doc.path) === doc.path && ranAnyWay.has(c.commandLine.line)).map((c) => c.commandLine.line));
  const holdsCommand = (node: ShellNode) => holdsSimple(node, (n) => commandLines.has(lineOf(n.start)));

  // Functions that run such a command, themselves or through the functions they call.
  const functions: Array<{ name: string; body: ShellNode }> = [];
  eachNode(source.script.commands, (n) => { if (n.kind === 'function') functions.push({ name: n.name, body: n.body }); });
  const running = new Set(functions.filter((f) => holdsCommand(f.body)).map((f) => f.name));
  const callsRunning = (node: ShellNode) => holdsSimple(node, (n) => !!n.words[0] && running.has(literalOf(n.words[0]) ?? ''));
  for (let grew = true; grew;) {
    grew = false;
    for (const f of functions) if (!running.has(f.name) && callsRunning(f.body)) { running.add(f.name); grew = true; }
  }

  const last = source.script.commands.filter((n) => n.kind !== 'function' && (holdsCommand(n) || callsRunning(n))).at(-1);
  if (!last) return undefined;
  const first = lineOf(last.start);
  return { line: lineOf(last.end), indent: /^[ \t]*/.exec(doc.lines.lineText(first))![0] };
}

/** Does `node` hold, itself or nested, a simple command that `test` picks? */
function holdsSimple(node: ShellNode, test: (command: SimpleCommand) => boolean): boolean {
  let found = false;
  eachNode([node], (n) => { if (!found && n.kind === 'simple' && test(n)) found = true; });
  return found;
}
