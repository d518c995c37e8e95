import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits } from '../../../server/src/analysis/apply-edits.js';
import { readVsftpdDocument } from '../../../server/src/languages/vsftpd/document.js';
import { vsftpdFacts } from '../../../server/src/languages/vsftpd/server-facts.js';

const PATH = '/srv/host/etc/vsftpd.conf';
const factsOf = (text: string) => vsftpdFacts({ path: PATH, doc: readVsftpdDocument(text, PATH) });
const applied = (text: string, fix: ReturnType<ReturnType<typeof factsOf>['setPassiveRange']>) => applyEdits(text, fix!.edits[PATH]!).text;

describe('what vsftpd does, as the engine and the host checks read it', () => {
  it('gives the ports, modes, address and TLS vsftpd uses, with vsftpd\'s own readings', () => {
    const facts = factsOf('listen=YES\nlisten_port=2121\npasv_min_port=40000\npasv_max_port=1000\npasv_address=203.0.113.7\nconnect_from_port_20=YES\nftp_data_port=2020\nssl_enable=YES\nlisten_ipv6=NO\n');
    assert.equal(facts.server, 'vsftpd');
    assert.equal(facts.controlPort, 2121);
    assert.deepEqual({ ...facts.passiveRange, notes: facts.passiveRange.notes.length }, { min: 40000, max: 65535, notes: 1 });
    assert.equal(facts.announcedAddress, '203.0.113.7');
    assert.equal(facts.activeSourcePort, 2020);
    assert.equal(facts.tls, true);
    assert.equal(facts.ipv6, false);
    const defaults = factsOf('');
    assert.deepEqual([defaults.controlPort, defaults.passive, defaults.active, defaults.activeSourcePort, defaults.fixedActivePort, defaults.tls], [21, true, true, undefined, 20, false]);
  });

  it('places findings on the line that set the first fact asked for, else on the file', () => {
    const facts = factsOf('anonymous_enable=NO\npasv_max_port=40100\npasv_enable=YES\n');
    assert.equal(facts.anchor('passiveMin', 'passiveMax')!.range.start.line, 1);
    assert.equal(facts.anchor('passive', 'passiveMin')!.range.start.line, 2);
    assert.equal(facts.anchor('tls')!.range.start.line, 0);
    assert.equal(vsftpdFacts(undefined).anchor('passive'), undefined);
  });

  it('edits by intent, in vsftpd.conf\'s own words', () => {
    const text = 'listen=YES\npasv_min_port=1000\n';
    const facts = factsOf(text);
    assert.equal(applied(text, facts.setPassiveRange(40000, 40100)), 'listen=YES\npasv_min_port=40000\npasv_max_port=40100\n');
    assert.equal(applied(text, facts.setAnnouncedAddress('203.0.113.7')), `${text}pasv_address=203.0.113.7\n`);
    assert.equal(applied(text, facts.useFixedActivePort()), `${text}connect_from_port_20=YES\n`);
    assert.equal(applied('connect_from_port_20=NO\n', factsOf('connect_from_port_20=NO\n').useFixedActivePort()), 'connect_from_port_20=YES\n');
    assert.equal(vsftpdFacts(undefined).setPassiveRange(1, 2), undefined);
  });

  it('is all the engine and the host checks know of the server: neither reads vsftpd\'s own model', () => {
    const root = join(import.meta.dirname, '..', '..', '..', 'server', 'src');
    for (const folder of ['engine', 'rules']) {
      for (const file of readdirSync(join(root, folder))) {
        const text = readFileSync(join(root, folder, file), 'utf8');
        assert.doesNotMatch(text, /from '\.\.\/languages\/vsftpd\//, `${folder}/${file} imports from languages/vsftpd`);
      }
    }
  });
});
