import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { ParsedCommand } from '../../../server/src/languages/iptables/command.js';
import { readRestoreDocument } from '../../../server/src/languages/iptables/restore-document.js';
import { targetOption, type OptionMeaning } from '../../../server/src/languages/iptables/rule-meaning.js';

// A rule's meaning keeps its matches and target options packed into one list; read back, they
// must be exactly what the command's full reading says, whatever the mix of options.

const MATCHES = [
  '-m tcp --dport 2121', '-m tcp ! --sport 1000:2000', '-p tcp --tcp-flags SYN,ACK SYN', '-m state --state NEW,ESTABLISHED',
  '-m conntrack ! --ctstate INVALID', '-m comment --comment "two words"', '-m limit', '-m multiport --dports 21,990,40000:40100',
  '-m tcp --syn --dport 21', '-m helper --helper ftp', '-m recent --name ftp --rcheck --seconds 60',
];
const TARGETS = ['', '-j ACCEPT', '-j LOG --log-prefix "ftp: " --log-level 4', '-j REJECT --reject-with tcp-reset', '-j FTP-IN', '-g FTP-IN', '-j CT --helper ftp'];

const commandLine = fc.record({
  protocol: fc.constantFrom('', '-p tcp', '! -p udp'),
  matches: fc.array(fc.constantFrom(...MATCHES), { maxLength: 4 }),
  target: fc.constantFrom(...TARGETS),
}).map(({ protocol, matches, target }) => ['-A INPUT', protocol, ...matches, target].filter(Boolean).join(' '));

/** The same meaning worked out plainly from the full reading, one object per match and option. */
const optionOf = (o: ParsedCommand['matches'][number]['options'][number]): OptionMeaning =>
  ({ name: o.spec?.name, value: o.args[0]?.value, rest: o.args.slice(1).map((a) => a.value), negated: o.negated });
function plainMeaning(parsed: ParsedCommand) {
  return {
    matches: parsed.matches.map((m) => ({ name: m.spec?.name ?? m.name.value, known: !!m.spec, options: m.options.map(optionOf) })),
    target: parsed.target && { name: parsed.target.name.value, known: !!parsed.target.spec, goto: parsed.target.goto, options: parsed.target.options.map(optionOf) },
  };
}

function readOne(line: string) {
  const doc = readRestoreDocument(`*filter\n:FTP-IN - [0:0]\n${line}\nCOMMIT\n`, '/etc/iptables/rules.v4');
  assert.equal(doc.commands.length, 1, line);
  return doc.commands[0]!;
}

describe('rule meanings', () => {
  it('read back every match and target option exactly as the full reading has them', () => {
    fc.assert(fc.property(commandLine, (line) => {
      const { meaning, parsed } = readOne(line);
      const plain = plainMeaning(parsed);
      assert.deepEqual(meaning.matches, plain.matches, line);
      assert.deepEqual(meaning.target, plain.target, line);
      assert.equal(meaning.hasMatches, plain.matches.length > 0, line);
      assert.equal(meaning.targetName, plain.target?.name, line);
    }), { numRuns: 500 });
  });

  it('visits the options in order without objects of their own, and stops when told to', () => {
    fc.assert(fc.property(commandLine, fc.nat(6), (line, stopAfter) => {
      const { meaning } = readOne(line);
      const expected = meaning.matches.flatMap((m) => (m.options.length ? m.options.map((o) => [m.name, o.name, o.value, [...o.rest], o.negated]) : [[m.name]]));
      const seen: unknown[] = [];
      const visits = { count: 0 };
      const all = meaning.everyMatch(visits, (match, o, state) => { seen.push([match, o.name, o.value, [...o.rest], o.negated]); return ++state.count <= stopAfter; },
        (match, state) => { seen.push([match]); return ++state.count <= stopAfter; });
      assert.deepEqual(seen, expected.slice(0, stopAfter + 1), line);
      assert.equal(all, expected.length <= stopAfter, line);
    }), { numRuns: 500 });
  });

  it('finds a target option by name, only for the target named', () => {
    const log = readOne('-A INPUT -m limit --limit 5/min -j LOG --log-prefix "ftp: " --log-level 4').meaning;
    assert.equal(targetOption(log, 'LOG', 'log-prefix'), 'ftp: ');
    assert.equal(targetOption(log, 'LOG', 'log-level'), '4');
    assert.equal(targetOption(log, 'LOG', 'limit'), undefined, 'a match option is not the target\'s');
    assert.equal(targetOption(log, 'REJECT', 'log-prefix'), undefined);
  });

  it('renames the target and keeps everything else', () => {
    const { meaning } = readOne('-A INPUT -p tcp -m tcp --dport 21 -g FTP-IN');
    const renamed = meaning.withTargetName('FTP-CONTROL');
    assert.equal(renamed.targetName, 'FTP-CONTROL');
    assert.deepEqual({ ...renamed.target, name: 'FTP-IN' }, meaning.target);
    assert.deepEqual(renamed.matches, meaning.matches);
    assert.equal(renamed.protocol, meaning.protocol);
  });
});
