import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applyEdits } from '../../server/src/analysis/apply-edits.js';
import { checkText } from '../../server/src/analysis/check.js';
import { LANGUAGES } from '../../server/src/analysis/languages.js';
import type { Finding } from '../../server/src/core/findings.js';
import { LineIndex } from '../../server/src/core/text.js';
import { checkFiles, GATEWAY, HOST, RULES, VSFTPD } from '../helpers/hosts.js';
import { PATHS } from '../helpers/files.js';
import { filesBelow } from '../helpers/walk.js';

const RUNS = Number(process.env['FTPWALL_PROPERTY_RUNS'] ?? 150);

/** Real files to mutate: every example. */
function exampleFiles(dir = join(import.meta.dirname, '..', '..', 'examples')): string[] {
  return filesBelow(dir).filter((path) => !path.endsWith('.md')).map((path) => readFileSync(path, 'utf8'));
}
const EXAMPLES = exampleFiles();

/** Text with the characters that break parsers: newlines of every kind, NUL, tabs, quotes, '=', '#', the shell's operators and substitutions, unicode. */
const nastyChar = fc.constantFrom('\n', '\r', '\r\n', '\0', '\t', ' ', '"', "'", '\\', '=', '#', '*', ':', '-', '!', '$', '{', '}', '`', '$(', '(', ')', ';', '|', '&', '<', '>', '[', ']', 'é', '\uFEFF', '😀', 'A', '0', '9');
const nastyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.array(fc.oneof(nastyChar, fc.string({ maxLength: 8 })), { maxLength: 120 }).map((parts) => parts.join('')),
);
const mutatedExample = fc.tuple(fc.constantFrom(...EXAMPLES), fc.array(fc.tuple(fc.nat(), fc.nat(5), fc.oneof(nastyChar, fc.string({ maxLength: 12 }))), { maxLength: 6 }))
  .map(([text, edits]) => edits.reduce((t, [at, cut, insert]) => { const i = t.length ? at % (t.length + 1) : 0; return t.slice(0, i) + insert + t.slice(i + cut); }, text));
const anyText = fc.oneof(nastyText, mutatedExample);

function assertInside(findings: Finding[], text: string, path: string): void {
  const lines = new LineIndex(text);
  for (const f of findings.filter((x) => x.file === path)) {
    for (const p of [f.range.start, f.range.end]) {
      assert.ok(p.line >= 0 && p.line < lines.lineCount, `line ${p.line} outside ${lines.lineCount} lines: ${f.ruleId}`);
      assert.ok(p.character >= 0 && p.character <= lines.lineText(p.line).length, `character ${p.character} outside line ${p.line}: ${f.ruleId}`);
    }
  }
}

/** Every line the fix does not touch is still there, in order. */
function keepsUntouchedLines(before: string, after: string, touched: Set<number>): boolean {
  const kept = before.split('\n').filter((_, i) => !touched.has(i));
  const result = after.split('\n');
  let j = 0;
  for (const line of kept) { while (j < result.length && result[j] !== line) j++; if (j === result.length) return false; j++; }
  return true;
}

describe('robustness: every parser and the whole pipeline on arbitrary input', () => {
  for (const language of LANGUAGES) {
    const path = PATHS[language.id]!;
    it(`${language.id}: never throws, keeps ranges inside the text, answers the same twice`, () => {
      fc.assert(fc.property(anyText, (text) => {
        const first = checkText(language, text, path);
        assert.ok(!first.some((f) => f.ruleId === 'ftpwall/internal-error'), first.find((f) => f.ruleId === 'ftpwall/internal-error')?.message);
        assertInside(first, text, path);
        assert.deepEqual(JSON.stringify(checkText(language, text, path)), JSON.stringify(first));
        const doc = language.read(text, path);
        language.symbols(doc); language.folding(doc);
        const lines = new LineIndex(text);
        const last = lines.lineCount - 1;
        language.hover(doc, { line: last, character: 0 }); language.completions(doc, { line: last, character: 0 });
        // Everywhere the cursor may be, and past the end of a line.
        for (let line = 0; line <= last; line++) for (const character of [0, 1, 5, 10_000]) { language.hover(doc, { line, character }); language.completions(doc, { line, character }); }
        for (const token of language.semanticTokens?.(doc) ?? []) {
          const lineLength = lines.lineEnd(token.line) - lines.lineStarts[token.line]!;
          assert.ok(token.line <= last && token.length > 0 && token.character + token.length <= lineLength, `semantic token outside its line: ${JSON.stringify(token)}`);
        }
      }), { numRuns: RUNS });
    });

    it(`${language.id}: every offered fix gives a file that still checks and keeps the lines it does not name`, () => {
      fc.assert(fc.property(anyText, (text) => {
        for (const finding of checkText(language, text, path)) {
          for (const fix of finding.fixes) {
            const edits = fix.edits[path] ?? [];
            const { text: after, skipped } = applyEdits(text, edits);
            assert.equal(skipped.length, 0, `${finding.ruleId}: "${fix.title}" has overlapping edits`);
            const touched = new Set(edits.flatMap((e) => Array.from({ length: e.range.end.line - e.range.start.line + 1 }, (_, k) => e.range.start.line + k)));
            assert.ok(keepsUntouchedLines(text, after, touched), `${finding.ruleId}: "${fix.title}" lost a line it did not name`);
            assertInside(checkText(language, after, path), after, path);
          }
        }
      }), { numRuns: Math.ceil(RUNS / 2) });
    });
  }

  it('the host check survives any vsftpd.conf beside any firewall file', () => {
    fc.assert(fc.property(anyText, anyText, (conf, rules) => {
      const { findings } = checkFiles({ [VSFTPD]: conf, [RULES]: rules.startsWith('*') ? rules : `*filter\n${rules}` });
      assert.ok(!findings.some((f) => f.ruleId === 'ftpwall/internal-error'), findings.find((f) => f.ruleId === 'ftpwall/internal-error')?.message);
      assertInside(findings, conf, VSFTPD);
    }), { numRuns: RUNS });
  });

  it('judges any gateway in front of a dual-stack server: no failure, nothing through a router that does not forward a family, no path more open than the server\'s own rules make it', () => {
    const restore = (text: string) => (text.startsWith('*') ? text : `*filter\n${text}`);
    const OWN4 = `${HOST}/etc/iptables/rules.v4`, OWN6 = `${HOST}/etc/iptables/rules.v6`;
    const addresses = fc.constantFrom(['10.0.0.5', 'fd00:10::5'], ['fd00:10::5'], ['::ffff:10.0.0.5', '10.0.0.5'], [], ['10.0.0.5', 'fd00:10:0:0::5', '2001:db8::1']);
    const nat = fc.constantFrom({}, { nat: { publicAddress: '198.51.100.1' } }, { nat: {} });
    // The router's rules of a family may be missing: what it forwards is then unknown, unless it forwards none of that family.
    fc.assert(fc.property(fc.option(anyText), fc.option(anyText), anyText, anyText, addresses, nat, fc.boolean(), fc.boolean(), (gateway4, gateway6, own4, own6, known, behindNat, forwards4, forwards6) => {
      const files = {
        [VSFTPD]: 'listen=NO\nlisten_ipv6=YES\npasv_min_port=40000\npasv_max_port=40100\n', [OWN4]: restore(own4), [OWN6]: restore(own6),
        ...(gateway4 === null ? {} : { [`${GATEWAY}/etc/iptables/rules.v4`]: restore(gateway4) }),
        ...(gateway6 === null ? {} : { [`${GATEWAY}/etc/iptables/rules.v6`]: restore(gateway6) }),
        [`${GATEWAY}/etc/sysctl.conf`]: `net.ipv4.ip_forward = ${forwards4 ? 1 : 0}\nnet.ipv6.conf.all.forwarding = ${forwards6 ? 1 : 0}\n`,
      };
      const { findings, paths } = checkFiles(files, { gateways: ['../gw'], addresses: [...known], ...behindNat });
      assert.ok(!findings.some((f) => f.ruleId === 'ftpwall/internal-error'), findings.find((f) => f.ruleId === 'ftpwall/internal-error')?.message);
      const families = [{ name: 'IPv4', own: paths, network: paths.network, forwards: forwards4 }, { name: 'IPv6', own: paths.ipv6, network: paths.ipv6?.network, forwards: forwards6 }];
      for (const { name: family, own, network, forwards } of families) {
        assert.ok(own && network, `the server listens on ${family}, so its ${family} paths through the gateway are judged`);
        for (const name of ['control', 'passive', 'active'] as const) {
          const verdict: string = network[name].verdict;
          if (!forwards) assert.ok(verdict === 'blocked' || verdict === 'disabled', `${family} ${name} is ${verdict} through a router that does not forward ${family}: ${network[name].reason}`);
          if (own[name].verdict === 'blocked') assert.equal(verdict, 'blocked', `${family} ${name}: blocked by the server's own rules, ${verdict} through the gateway`);
        }
      }
    }), { numRuns: RUNS });
  });

  it('handles a 1 MB line, 100,000 lines, and files without a final newline, in every language', () => {
    const long = 'x'.repeat(1_000_000);
    const many = Array.from({ length: 100_000 }, (_, i) => `# ${i}`).join('\n');
    for (const language of LANGUAGES) {
      for (const text of [long, `listen=${long}`, `-A INPUT ${long}`, many, 'listen=YES', '*filter\n-A INPUT -j ACCEPT']) {
        const findings = checkText(language, text, PATHS[language.id]!);
        assertInside(findings, text, PATHS[language.id]!);
      }
    }
  });
});
