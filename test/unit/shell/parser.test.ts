import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseShell } from '../../../server/src/languages/shell/parser.js';
import { literalOf, type ShellNode } from '../../../server/src/languages/shell/syntax.js';

/** A node as a short string: its kind and what is inside, so a test reads the shape the parser found. */
function shape(node: ShellNode): string {
  switch (node.kind) {
    case 'simple': return `[${[...node.assignments.map((a) => `${a.name}=`), ...node.words.map((w) => literalOf(w) ?? '?')].join(' ')}]`;
    case 'and-or': return `(${shape(node.first)}${node.rest.map((r) => ` ${r.operator} ${shape(r.node)}`).join('')})`;
    case 'pipeline': return `${node.negated ? '!' : ''}(${node.commands.map(shape).join(' | ')})`;
    case 'if': return `if{${node.clauses.map((c) => `${c.condition.map(shape).join(';')}?${c.body.map(shape).join(';')}`).join(' elif ')}${node.otherwise ? ` else ${node.otherwise.map(shape).join(';')}` : ''}}`;
    case 'for': return `for ${node.variable}${node.items ? ` in ${node.items.map((w) => literalOf(w) ?? '?').join(',')}` : ''}{${node.body.map(shape).join(';')}}`;
    case 'while': return `${node.until ? 'until' : 'while'}{${node.condition.map(shape).join(';')}?${node.body.map(shape).join(';')}}`;
    case 'case': return `case{${node.items.map((i) => `${i.patterns.map((p) => literalOf(p) ?? '?').join('|')}:${i.body.map(shape).join(';')}`).join(' ')}}`;
    case 'group': return `${node.subshell ? '(' : '{'}${node.body.map(shape).join(';')}${node.subshell ? ')' : '}'}`;
    case 'function': return `${node.name}()=${shape(node.body)}`;
    default: return node.kind;
  }
}

const shapes = (text: string) => parseShell(text).commands.map(shape).join(' ; ');

describe('shell parser', () => {
  it('reads simple commands, assignments, comments and line continuations', () => {
    assert.equal(shapes('IPT=/sbin/iptables # the tool\n$IPT -F\n'), '[IPT=] ; [? -F]');
    assert.equal(shapes('iptables -A INPUT \\\n  -p tcp -j ACCEPT\n'), '[iptables -A INPUT -p tcp -j ACCEPT]');
    assert.equal(shapes('A=1 B=2 cmd x; y\n'), '[A= B= cmd x] ; [y]');
  });

  it('reads && and || lists, pipelines and negation', () => {
    assert.equal(shapes('a && b || c\n'), '([a] && [b] || [c])');
    assert.equal(shapes('! grep -q x f | sort\n'), '!([grep -q x f] | [sort])');
    assert.equal(shapes('a &&\n  b\n'), '([a] && [b])');
  });

  it('reads if, elif and else', () => {
    assert.equal(shapes('if [ "$A" = yes ]; then x; elif test -f f; then y; else z; fi\n'), 'if{[[ ? = yes ]]?[x] elif [test -f f]?[y] else [z]}');
    assert.equal(shapes('if a\nthen\n  b\nfi\n'), 'if{[a]?[b]}');
  });

  it('reads for loops over words, over the arguments, and for (( )) loops', () => {
    assert.equal(shapes('for p in 21 22; do echo $p; done\n'), 'for p in 21,22{[echo ?]}');
    assert.equal(shapes('for a\ndo\n  b\ndone\n'), 'for a{[b]}');
    assert.equal(shapes('for ((i=0; i<3; i++)); do b; done\n'), 'while{arithmetic?[b]}');
  });

  it('reads while and until loops, with a here-document as their input', () => {
    const script = parseShell('while read p; do x $p; done <<EOF\n21\n22\nEOF\ny\n');
    assert.equal(script.commands.map(shape).join(' ; '), 'while{[read p]?[x ?]} ; [y]');
    const loop = script.commands[0]!;
    assert.ok(loop.kind === 'while');
    assert.equal(loop.redirects[0]!.hereDocument!.body, '21\n22\n');
    assert.equal(shapes('until false; do b; done\n'), 'until{[false]?[b]}');
  });

  it('reads case with alternatives, an optional opening parenthesis and the last item without ;;', () => {
    assert.equal(shapes('case "$R" in\n  ftp|ftps) a ;;\n  (web) b;;\n  *) c\nesac\n'), 'case{ftp|ftps:[a] web:[b] *:[c]}');
  });

  it('reads functions in both forms, groups and subshells', () => {
    assert.equal(shapes('open() { iptables -A INPUT -j ACCEPT; }\nfunction close { x; }\n( a; b )\n'), 'open()={[iptables -A INPUT -j ACCEPT]} ; close()={[x]} ; ([a];[b])');
  });

  it('reads quotes and expansions inside a word, and [[ ]] with its operators as words', () => {
    const script = parseShell(`x "a b"'c'\\ d "\${P:-21}" $(echo "$(date)") \`id\` $((1+2))\n[[ $a == b* && -n "$c" ]]\n`);
    const [first, second] = script.commands;
    assert.ok(first!.kind === 'simple' && second!.kind === 'simple');
    assert.deepEqual(first.words.map((w) => w.parts.map((p) => p.kind)), [['text'], ['text', 'text', 'text'], ['text', 'parameter'], ['substitution'], ['substitution'], ['arithmetic']]);
    assert.equal(literalOf(first.words[1]!), 'a bc d');
    assert.deepEqual(second.words.map((w) => literalOf(w) ?? '?'), ['[[', '?', '==', 'b*', '&&', '-n', '?', ']]']);
  });

  it('reports what it cannot read and goes on with the next line', () => {
    const script = parseShell('echo "unterminated\n');
    assert.equal(script.problems.length, 1);
    const stray = parseShell('fi\niptables -F\n');
    assert.equal(stray.problems.length, 1);
    assert.equal(stray.commands.map(shape).join(' ; '), 'unreadable ; [iptables -F]');
    assert.ok(parseShell('cat <<EOF\nno end\n').problems.some((p) => /here-document/.test(p.message)));
    for (const open of ['echo ${X\n', 'echo $(date\n', 'echo `date\n', 'echo $((1 + 2\n', 'A=(1 2\n', '((i++\n']) {
      assert.equal(parseShell(open).problems.length, 1, open);
    }
  });

  it('never throws and always ends, whatever the text', () => {
    const piece = fc.constantFrom('if', 'then', 'fi', 'for', 'do', 'done', 'case', 'esac', 'in', '{', '}', '(', ')', ';;', ';', '&&', '||', '|', '"', "'", '`', '$(', '${', '<<EOF', 'EOF', '\n', ' ', 'x', '$X', '[[', ']]', '\\', '#');
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => { parseShell(pieces.join('')); }), { numRuns: 2000 });
  });
});
