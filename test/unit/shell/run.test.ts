import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_VARIANTS, readScriptDocument, type ScriptDocument } from '../../../server/src/languages/iptables/script-document.js';
import type { Ruleset } from '../../../server/src/languages/iptables/ruleset.js';
import type { HostFiles } from '../../../server/src/languages/shell/run.js';
import { Unknown } from '../../../server/src/languages/shell/values.js';
import { checkText } from '../../../server/src/analysis/check.js';
import { LANGUAGES } from '../../../server/src/analysis/languages.js';

const SCRIPT = '/srv/host/etc/firewall.sh';

/** The host's other files by the path the script names them with. */
function filesOf(files: Record<string, string>): HostFiles {
  return {
    read: (path) => (files[path] !== undefined ? { path: `/srv/host${path}`, text: files[path]! } : undefined),
    test: (operator, path) => (files[path] !== undefined ? operator !== '-d' : new Unknown(`whether ${path} exists`)),
  };
}

/** Runs a script inside a host holding `files`, with .ftpwall.json pinning `variables`. */
function run(script: string, files: Record<string, string> = {}, variables: Record<string, string> = {}): ScriptDocument {
  return readScriptDocument(script, SCRIPT).inHost({ files: filesOf(files), variables: new Map(Object.entries(variables)) });
}

/** A ruleset as lines: each chain's policy when set, then its rules' words. */
function rules(ruleset: Ruleset | undefined, table = 'filter'): string[] {
  const out: string[] = [];
  for (const chain of ruleset?.tables.get(table)?.values() ?? []) {
    if (chain.policyWhere) out.push(`${chain.name} policy ${chain.policy}`);
    for (const rule of chain.rules) out.push(`${chain.name}: ${rule.parsed.words.slice(2).map((w) => w.value).join(' ')}`);
  }
  return out;
}

/** The rules of the only way the script runs (fails when it can run in several). */
function onlyWay(doc: ScriptDocument, table = 'filter', family: 'ipv4' | 'ipv6' = 'ipv4'): string[] {
  assert.equal(doc.variants.list.length, 1, `ways: ${doc.variants.list.map((v) => v.decisions.map((d) => d.why).join(', ')).join(' | ')}`);
  assert.ok(doc.variants.complete);
  return rules(doc.variants.list[0]!.rulesets.find((r) => r.family === family), table);
}

const ACCEPT = (port: string) => `INPUT: -p tcp --dport ${port} -j ACCEPT`;

describe('a firewall script run as the shell runs it', () => {
  it('loops over words and over variables holding lists (split unquoted, whole when quoted)', () => {
    assert.deepEqual(onlyWay(run('for p in 21 40000:40100; do iptables -A INPUT -p tcp --dport $p -j ACCEPT; done\n')), [ACCEPT('21'), ACCEPT('40000:40100')]);
    assert.deepEqual(onlyWay(run('PORTS="21 22"\nfor p in $PORTS; do iptables -A INPUT -p tcp --dport $p -j ACCEPT; done\n')), [ACCEPT('21'), ACCEPT('22')]);
    assert.deepEqual(onlyWay(run('PORTS="21,22"\nfor p in "$PORTS"; do iptables -A INPUT -p tcp -m multiport --dports "$p" -j ACCEPT; done\n')), ['INPUT: -p tcp -m multiport --dports 21,22 -j ACCEPT']);
    assert.deepEqual(onlyWay(run('PORTS=(21 22)\nfor p in "${PORTS[@]}"; do iptables -A INPUT -p tcp --dport $p -j ACCEPT; done\n')), [ACCEPT('21'), ACCEPT('22')]);
  });

  it('calls functions with $1, shift, "$@", $#, local and return', () => {
    const script = [
      'open_tcp() {',
      '  local port="$1"; shift',
      '  [ $# -gt 0 ] || return 0',
      '  iptables -A INPUT -p tcp --dport "$port" "$@" -j ACCEPT',
      '}',
      'port=keep',
      'open_tcp 21',
      'open_tcp 40000:40100 -s 10.0.0.0/8',
      'iptables -A INPUT -m comment --comment "$port" -j RETURN',
      '',
    ].join('\n');
    assert.deepEqual(onlyWay(run(script)), ['INPUT: -p tcp --dport 40000:40100 -s 10.0.0.0/8 -j ACCEPT', 'INPUT: -m comment --comment keep -j RETURN']);
  });

  it('takes the branch of if, elif and else that its tests choose, on strings, numbers and patterns', () => {
    const script = (value: string) => `MODE=${value}\nN=3\nif [ "$MODE" = a ]; then iptables -A INPUT -j A1\nelif [ "$N" -ge 3 ] && [[ $MODE == p* ]]; then iptables -A INPUT -j ACCEPT\nelse iptables -A INPUT -j DROP\nfi\n`;
    assert.deepEqual(onlyWay(run(script('passive'))), ['INPUT: -j ACCEPT']);
    assert.deepEqual(onlyWay(run(script('other'))), ['INPUT: -j DROP']);
    assert.deepEqual(onlyWay(run('if ! test -z ""; then iptables -A INPUT -j ACCEPT; fi\n')), []);
  });

  it('matches case patterns (globs, alternatives) in order', () => {
    const script = (role: string) => `ROLE=${role}\ncase "$ROLE" in\n  ftp|ftps) iptables -A INPUT -p tcp --dport 21 -j ACCEPT ;;\n  web*) iptables -A INPUT -p tcp --dport 80 -j ACCEPT ;;\n  *) iptables -A INPUT -j DROP ;;\nesac\n`;
    assert.deepEqual(onlyWay(run(script('ftps'))), [ACCEPT('21')]);
    assert.deepEqual(onlyWay(run(script('webserver'))), [ACCEPT('80')]);
    assert.deepEqual(onlyWay(run(script('mail'))), ['INPUT: -j DROP']);
  });

  it('follows && and || by the status of what ran (an iptables command that fails has a failing status)', () => {
    assert.deepEqual(onlyWay(run('iptables -N FTP || true\niptables -N FTP 2>/dev/null || iptables -A INPUT -j LOG\ntrue && iptables -A INPUT -j ACCEPT\n')), ['INPUT: -j LOG', 'INPUT: -j ACCEPT']);
  });

  it('reads lines with while read from a here-document (expanded unless its delimiter is quoted) and from a file', () => {
    assert.deepEqual(onlyWay(run('P=21\nwhile read port proto; do iptables -A INPUT -p $proto --dport $port -j ACCEPT; done <<EOF\n$P tcp\n53 udp\nEOF\n')), [ACCEPT('21'), 'INPUT: -p udp --dport 53 -j ACCEPT']);
    assert.deepEqual(onlyWay(run('while read -r port; do iptables -A INPUT -p tcp --dport "$port" -j ACCEPT; done < /etc/ftp-ports\n', { '/etc/ftp-ports': '21\n40000:40100\n' })), [ACCEPT('21'), ACCEPT('40000:40100')]);
    assert.deepEqual(onlyWay(run('cat /etc/ftp-ports | while read port; do iptables -A INPUT -p tcp --dport "$port" -j ACCEPT; done\n', { '/etc/ftp-ports': '21\n' })), [ACCEPT('21')]);
  });

  it('sources settings files of the host, with . and source', () => {
    const files = { '/etc/default/firewall': 'FTP_PORT=2121\nPASSIVE="40000:40100"\n' };
    assert.deepEqual(onlyWay(run('. /etc/default/firewall\nsource /etc/default/firewall\niptables -A INPUT -p tcp --dport $FTP_PORT -j ACCEPT\niptables -A INPUT -p tcp --dport $PASSIVE -j ACCEPT\n', files)), [ACCEPT('2121'), ACCEPT('40000:40100')]);
  });

  it('loads iptables-restore files at that point: replacing the tables they hold, or adding to them with --noflush', () => {
    const saved = '*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 21 -j ACCEPT\nCOMMIT\n';
    const files = { '/etc/iptables/rules.v4': saved };
    assert.deepEqual(onlyWay(run('iptables -A INPUT -j LOG\niptables-restore < /etc/iptables/rules.v4\niptables -A INPUT -j REJECT\n', files)), ['INPUT policy DROP', ACCEPT('21'), 'INPUT: -j REJECT']);
    assert.deepEqual(onlyWay(run('iptables -A INPUT -j LOG\niptables-restore -n /etc/iptables/rules.v4\n', files)), ['INPUT policy DROP', 'INPUT: -j LOG', ACCEPT('21')]);
    assert.deepEqual(onlyWay(run('iptables-restore <<EOF\n*filter\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\nEOF\n')), [ACCEPT('22')]);
  });

  it('stops at a command that fails under set -e, and says where', () => {
    const doc = run('set -e\niptables -A INPUT -p tcp --dport 21 -j ACCEPT\nif iptables -A INPUT -j NOPE; then :; fi\niptables -A INPUT -j NOPE\niptables -A INPUT -j ACCEPT\n');
    assert.deepEqual(onlyWay(doc), [ACCEPT('21')]);
    assert.equal(doc.variants.list[0]!.stopped?.line, 3);
    assert.ok(doc.variants.list[0]!.stopped?.byErrexit);
    assert.deepEqual(onlyWay(run('set -e\nset +e\niptables -A INPUT -j NOPE\niptables -A INPUT -j ACCEPT\n')), ['INPUT: -j ACCEPT']);
    assert.deepEqual(onlyWay(run('iptables -A INPUT -j ACCEPT\nexit 0\niptables -F\n')), ['INPUT: -j ACCEPT']);
  });

  it('puts ip6tables commands in the IPv6 rules', () => {
    assert.deepEqual(onlyWay(run('ip6tables -A INPUT -p tcp --dport 21 -j ACCEPT\niptables -A INPUT -j DROP\n'), 'filter', 'ipv6'), [ACCEPT('21')]);
  });

  it('knows command substitutions and arithmetic it can work out, and counts loops to their end', () => {
    assert.deepEqual(onlyWay(run('P=$(echo 21)\nR="$(cat /etc/range)"\niptables -A INPUT -p tcp --dport $P -j ACCEPT\niptables -A INPUT -p tcp --dport $R -j ACCEPT\n', { '/etc/range': '40000:40100\n' })), [ACCEPT('21'), ACCEPT('40000:40100')]);
    assert.deepEqual(onlyWay(run('i=0\nwhile [ $i -lt 3 ]; do iptables -A INPUT -p tcp --dport $((21 + i)) -j ACCEPT; i=$((i + 1)); done\n')), [ACCEPT('21'), ACCEPT('22'), ACCEPT('23')]);
    assert.deepEqual(onlyWay(run('for p in 1 2 3 4; do [ $p = 2 ] && continue; [ $p = 4 ] && break; iptables -A INPUT -p tcp --dport $p -j ACCEPT; done\n')), [ACCEPT('1'), ACCEPT('3')]);
  });

  it('keeps what a subshell assigns inside it', () => {
    assert.deepEqual(onlyWay(run('P=21\n( P=22 )\necho x | P=23\niptables -A INPUT -p tcp --dport $P -j ACCEPT\n')), [ACCEPT('21')]);
  });
});

describe('what the host does not fix', () => {
  it('runs each way an unknown value can send the script, and names what each depends on', () => {
    const doc = run('iptables -P INPUT DROP\nif [ "$FTP_PASSIVE" = yes ]; then\n  iptables -A INPUT -p tcp --dport 40000:40100 -j ACCEPT\nfi\n');
    assert.equal(doc.variants.list.length, 2);
    assert.deepEqual(doc.variants.list.map((v) => rules(v.rulesets[0])), [['INPUT policy DROP'], ['INPUT policy DROP', ACCEPT('40000:40100')]]);
    assert.match(doc.variants.list[0]!.decisions[0]!.why, /\$FTP_PASSIVE, set outside this host/);
    assert.equal(doc.variants.list[0]!.decisions[0]!.line, 1);
  });

  it('takes a case\'s * item with no branch of its own: an unknown value is ftp or anything else', () => {
    const doc = run('case "$ROLE" in\n  ftp) iptables -A INPUT -p tcp --dport 21 -j ACCEPT ;;\n  *) iptables -A INPUT -j DROP ;;\nesac\n');
    assert.deepEqual(doc.variants.list.map((v) => rules(v.rulesets[0])), [['INPUT: -j DROP'], [ACCEPT('21')]]);
  });

  it('takes a value .ftpwall.json pins', () => {
    assert.deepEqual(onlyWay(run('if [ "$FTP_PASSIVE" = yes ]; then iptables -A INPUT -j ACCEPT; fi\n', {}, { FTP_PASSIVE: 'yes' })), ['INPUT: -j ACCEPT']);
  });

  it('places what a command in backquotes or in $( ) says on its own words', () => {
    const script = LANGUAGES.find((l) => l.id === 'iptables-script')!;
    for (const [open, close] of [['`', '`'], ['$(', ')']]) {
      const text = `OUT=${open}iptables -A INPUT -p tcp --dport 99999 -j ACCEPT${close}\n`;
      const finding = checkText(script, text, SCRIPT).find((f) => f.ruleId === 'iptables/invalid-value');
      assert.deepEqual(finding?.range, { start: { line: 0, character: text.indexOf('99999') }, end: { line: 0, character: text.indexOf('99999') + 5 } }, open);
    }
  });

  it('makes a rule with an unknown word an unknown rule, never a guess', () => {
    const doc = run('iptables -A INPUT -p tcp --dport $(cat /run/port) -j ACCEPT\n');
    assert.equal(doc.variants.list.length, 1);
    assert.deepEqual(rules(doc.variants.list[0]!.rulesets[0]), []);
    assert.deepEqual(doc.variants.list[0]!.unknownRules.map((r) => [r.line, r.table, r.chain, r.letter]), [[0, 'filter', 'INPUT', 'A']]);
    assert.match(doc.variants.list[0]!.unknownRules[0]!.why, /\/run\/port/);
  });

  it('runs a loop over an unknown list no time, or once with an unknown value', () => {
    const doc = run('for p in $BLOCKED; do iptables -A INPUT -p tcp --dport $p -j DROP; done\n');
    assert.equal(doc.variants.list.length, 2);
    assert.deepEqual(doc.variants.list.map((v) => v.unknownRules.length).sort(), [0, 1]);
  });

  it('does not follow both ways of a branch that changes nothing', () => {
    assert.equal(run('if [ -n "$DEBUG" ]; then echo "loading firewall"; fi\niptables -A INPUT -j ACCEPT\n').variants.list.length, 1);
  });

  it('follows at most MAX_VARIANTS ways and says when there are more', () => {
    const script = Array.from({ length: 8 }, (_, n) => `[ "$V${n}" = 1 ] && iptables -A INPUT -p tcp --dport ${n + 1} -j ACCEPT\n`).join('');
    const doc = run(script);
    assert.equal(doc.variants.list.length, MAX_VARIANTS);
    assert.equal(doc.variants.complete, false);
  });

  it('gives up on a loop that never ends, saying so', () => {
    const doc = run('while true; do :; done\niptables -A INPUT -j ACCEPT\n');
    assert.match(doc.variants.list[0]!.incomplete ?? '', /more than/);
  });

  it('reads a file alone without its host: what it sources is unknown', () => {
    const alone = readScriptDocument('. /etc/default/fw\niptables -A INPUT -p tcp --dport $PORT -j ACCEPT\n', SCRIPT);
    assert.ok(alone.asksHost);
    assert.deepEqual(alone.variants.list[0]!.unknownRules.map((r) => r.line), [0, 1]);
  });

  it('leaves what eval of an unknown text, a sourced or run script the host does not hold, an unknown command that reads like iptables, or xargs running iptables may load unknown', () => {
    for (const line of ['eval "$RULES"', '. /etc/firewall.d/ftp.sh', 'sh /etc/firewall.d/ftp.sh', 'bash -c "$CMD"', '$FW -A INPUT -p tcp --dport 21 -j ACCEPT', 'echo 21 | xargs -I{} iptables -A INPUT -p tcp --dport {} -j ACCEPT']) {
      const doc = run(`iptables -P INPUT DROP\n${line}\n`);
      assert.ok(doc.variants.list.every((v) => v.unknownRules.some((r) => r.line === 1 && r.table === undefined)), line);
    }
    assert.deepEqual(onlyWay(run('sh /etc/firewall.d/ftp.sh\n', { '/etc/firewall.d/ftp.sh': 'iptables -A INPUT -p tcp --dport 21 -j ACCEPT\n' })), [ACCEPT('21')]);
    assert.deepEqual(onlyWay(run('R="-A INPUT -j ACCEPT"\neval "iptables $R"\n')), ['INPUT: -j ACCEPT']);
    assert.deepEqual(run('$LOGGER -t fw started\ntar czf /tmp/x.tgz /etc\n').variants.list[0]!.unknownRules, [], 'other unknown commands load nothing');
  });
});
