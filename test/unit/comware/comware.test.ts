import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { recognize } from '../../../server/src/analysis/languages.js';
import { runCheck } from '../../../server/src/cli/check-command.js';
import { readScope } from '../../../server/src/cli/read-scope.js';
import { hostPaths } from '../../../server/src/engine/paths.js';
import { comwareLanguage } from '../../../server/src/languages/comware/language.js';

const example = join(import.meta.dirname, '..', '..', '..', 'examples', '12-switch-acl-in-front');
const SWITCH = join(example, 'hosts', 'switch', 'startup.cfg');
const text = readFileSync(SWITCH, 'utf8');
const doc = comwareLanguage.read(text, SWITCH);
const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle));
const hoverAt = (needle: string, word: string) => {
  const line = lineOf(needle);
  return comwareLanguage.hover(doc, { line, character: text.split('\n')[line]!.indexOf(word) + 1 })?.markdown;
};

describe('H3C Comware configurations: ACLs and packet filters', () => {
  it('is recognised as startup.cfg, and by its ACLs under any name', () => {
    assert.equal(recognize('/srv/sw/startup.cfg')?.id, 'comware');
    assert.equal(recognize('/srv/sw/core-sw1.txt', text)?.id, 'comware');
    assert.equal(recognize('/srv/sw/notes.txt', 'acl is a word\nrule of thumb\n'), undefined);
  });

  it('reads the ACLs\' rules in ID order, numbering rules written without one by the step', () => {
    const read = comwareLanguage.read(['acl advanced 3002', ' step 10', ' rule permit tcp destination-port eq ftp', ' rule 5 deny ip', ' rule permit ip', ' rule 5 permit tcp', '#', ''].join('\n'), 'startup.cfg');
    const acl = read.configuration.acls.get(3002)!;
    // 0 first; then 5 (written); the next without an ID is the smallest multiple of 10 above 5; the second "rule 5" replaces the first.
    assert.deepEqual(acl.rules.map((r) => [r.id, r.action]), [[0, 'permit'], [5, 'permit'], [10, 'permit']]);
    const seeds = doc.configuration.acls.get(3001)!.rules;
    assert.deepEqual(seeds.map((r) => [r.id, r.established, r.sourcePorts?.toString()]), [[0, false, '21'], [5, true, '1024-65535'], [10, false, undefined]]);
    assert.deepEqual(doc.configuration.interfaces.map((i) => [i.name.text, i.filters.map((f) => `${f.acl.text} ${f.direction}`)]), [['GigabitEthernet1/0/1', ['3000 inbound']], ['GigabitEthernet1/0/2', ['3001 inbound']]]);
  });

  it('explains the ACL a packet filter applies, a rule, a port name and a keyword on hover', () => {
    assert.match(hoverAt('packet-filter 3001', '3001')!, /^\*\*ACL 3001\*\* \(advanced\) — 3 rules, tried in ID order:\n\n- rule 0: permit TCP from 10\.0\.0\.5\/32 port 21 to 198\.51\.100\.0\/24/);
    assert.match(hoverAt('rule 5 permit tcp source 10.0.0.5', '5')!, /rule 5: permit TCP from 10\.0\.0\.5\/32 port 1024-65535 to 198\.51\.100\.0\/24, established only/);
    assert.match(hoverAt('rule 0 permit tcp source 198', 'ftp')!, /^\*\*ftp\*\* — port 21: FTP's control connection/);
    assert.match(hoverAt('source-port gt 1023 destination 198.51.100.0 0.0.0.255 established', 'established')!, /ACK or RST set/);
  });

  it('lists each ACL with its rules and each filtering interface as symbols, and folds their views', () => {
    const symbols = comwareLanguage.symbols(doc);
    assert.deepEqual(symbols.map((s) => [s.name, s.children?.map((c) => c.name)]), [
      ['ACL 3000', ['rule 0', 'rule 5', 'rule 10']], ['ACL 3001', ['rule 0', 'rule 5', 'rule 10']],
      ['GigabitEthernet1/0/1', ['packet-filter 3000 inbound']], ['GigabitEthernet1/0/2', ['packet-filter 3001 inbound']],
    ]);
    assert.deepEqual(comwareLanguage.folding(doc)[0], { startLine: lineOf('acl advanced 3000'), endLine: lineOf('acl advanced 3000') + 4 });
    assert.ok(comwareLanguage.completions(doc, { line: lineOf('rule 0 permit tcp source 198'), character: 90 }).some((c) => c.label === 'established'));
  });

  it('judges the example\'s paths through the switch: passive allowed, active forbidden by `established`', () => {
    const [host] = readScope([join(example, 'hosts', 'ftp')]).hosts;
    const network = hostPaths(host!.loaded.host).network!;
    assert.deepEqual([network.control.verdict, network.passive.verdict, network.active.verdict], ['open', 'open', 'blocked']);
    assert.match(network.active.reason, /the server's active data connection \(NEW\) meets rule 10 deny at startup\.cfg:16/);
  });

  it('is not certain of a filter on an interface .ftpwall.json does not place', () => {
    const [host] = readScope([join(example, 'hosts', 'ftp')]).hosts;
    const gateway = host!.loaded.host.gateways![0]!.host;
    const unplaced = { ...host!.loaded.host, gateways: [{ folder: '../switch', host: { ...gateway, config: { ...gateway.config, serverInterface: undefined } } }] };
    const network = hostPaths(unplaced).network!;
    assert.equal(network.active.verdict, 'conditional');
    assert.match(network.active.reason, /only if interface GigabitEthernet1\/0\/2 faces the server/);
  });

  it('tells the administrator, on the server\'s configuration, that the switch stops active data', () => {
    const findings = runCheck([example]).findings.filter((f) => f.ruleId.startsWith('ftp/'));
    assert.deepEqual(findings.map((f) => [f.ruleId, f.file.split('/').slice(-3).join('/')]), [['ftp/gateway-blocks', 'ftp/etc/vsftpd.conf']]);
    assert.match(findings[0]!.message, /^Gateway \.\.\/switch stops active data: the server's active data connection from 32768-60999 does not pass/);
    assert.deepEqual(findings[0]!.related?.map((r) => [r.file.split('/').pop(), r.range.start.line + 1]), [['startup.cfg', 16]]);
  });
});
