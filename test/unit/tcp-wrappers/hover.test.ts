import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hostsAccessLanguage } from '../../../server/src/languages/tcp-wrappers/language.js';

const ALLOW = '/srv/host/etc/hosts.allow';
const DENY = '/srv/host/etc/hosts.deny';
const TEXT = [
  '# FTP for the office only',
  'vsftpd: 10.1. 192.0.2.0/255.255.255.0 [2001:db8::]/32 : allow',
  'in.ftpd, vsftpd@198.51.100.7: .example.com EXCEPT \\',
  '  badhost.example.com : spawn (logger %a)',
  'ALL: LOCAL, @trusted',
].join('\n');

/** The hover on the word that holds `needle` (its `nth` occurrence in the file), and the word it covers. */
function hoverAt(needle: string, path = ALLOW, nth = 0): { markdown: string; word: string } | undefined {
  const doc = hostsAccessLanguage.read(TEXT, path);
  let offset = -1;
  for (let n = 0; n <= nth; n++) offset = TEXT.indexOf(needle, offset + 1);
  assert.ok(offset >= 0, needle);
  const hover = hostsAccessLanguage.hover(doc, doc.lines.positionAt(offset + 1));
  if (!hover) return undefined;
  const line = doc.lines.lineText(hover.range.start.line);
  return { markdown: hover.markdown, word: line.slice(hover.range.start.character, hover.range.end.character) };
}

describe('hover in hosts.allow and hosts.deny', () => {
  it('tells what each daemon and client word matches', () => {
    assert.match(hoverAt('vsftpd:')!.markdown, /^`vsftpd`: the program name libwrap is asked about/);
    assert.match(hoverAt('10.1.')!.markdown, /IPv4 clients whose address starts with 10\.1\./);
    assert.match(hoverAt('192.0.2.0/')!.markdown, /IPv4 clients in this network/);
    assert.match(hoverAt('.example.com')!.markdown, /host name ends in \.example\.com/);
    assert.match(hoverAt('EXCEPT')!.markdown, /takes what follows it out of the list before it/);
    assert.match(hoverAt('LOCAL')!.markdown, /has no dot in it/);
    assert.match(hoverAt('@trusted')!.markdown, /NIS netgroup/);
    assert.match(hoverAt('ALL:')!.markdown, /^`ALL` matches everything/);
    assert.match(hoverAt('@198.51.100.7')!.markdown, /Only for connections to the server's address `198\.51\.100\.7`/);
  });

  it('takes an IPv6 client in brackets as one word, colons and all, and counts the parts of a continued entry', () => {
    assert.deepEqual(hoverAt('db8::')?.word, '[2001:db8::]/32');
    assert.match(hoverAt('db8::')!.markdown, /IPv6 clients/);
    // On the continuation line the clients go on, and the options follow the second colon.
    assert.match(hoverAt('badhost')!.markdown, /the client with this host name/);
    assert.match(hoverAt('spawn')!.markdown, /runs a command beside the server/);
    assert.match(hoverAt('allow', ALLOW, 0)!.markdown, /grants the connection when the entry matches/);
  });

  it('says which file decides how', () => {
    assert.match(hoverAt('10.1.')!.markdown, /hosts\.allow: .*grants the connection here/);
    assert.match(hoverAt('10.1.', DENY)!.markdown, /hosts\.deny: .*refuses the connection here/);
  });

  it('has nothing to say on comments, blanks and unknown options', () => {
    assert.equal(hoverAt('office'), undefined);
    assert.equal(hoverAt('logger'), undefined);
  });
});
