import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG } from '../../../server/src/host/config.js';
import { buildHost } from '../../../server/src/host/host.js';
import { scriptLanguage } from '../../../server/src/languages/iptables/script-language.js';
import type { ScriptDocument } from '../../../server/src/languages/iptables/script-document.js';
import { scratch } from '../../helpers/temp.js';

const SCRIPT = '#!/bin/sh\n. /etc/default/ftp\niptables -P INPUT DROP\niptables -A INPUT -p tcp --dport "$FTP_PORT" -j ACCEPT\n';

describe('a firewall script read inside its host', () => {
  const root = scratch({ 'etc/firewall.sh': SCRIPT, 'etc/default/ftp': 'FTP_PORT=21\n' });
  const path = join(root, 'etc', 'firewall.sh');
  const doc = scriptLanguage.read(SCRIPT, path) as ScriptDocument;
  const ruleOf = (d: ScriptDocument) => d.rulesets[0]!.chain('filter', 'INPUT')!.rules.map((r) => r.parsed.words.map((w) => w.value).join(' '));

  it('reads the files of the host folder it sits in', () => {
    assert.deepEqual(ruleOf(doc), ['-A INPUT -p tcp --dport 21 -j ACCEPT']);
  });

  it('is not run again by the host when it would read the same files', () => {
    const host = buildHost(root, [{ path, languageId: 'iptables-script', doc }], DEFAULT_CONFIG, () => true);
    assert.equal(host.firewalls[0]!.doc, doc);
  });

  it('is run again when a file it read is open with other text, or the host pins other variables', () => {
    const edited = buildHost(root, [{ path, languageId: 'iptables-script', doc }, { path: join(root, 'etc', 'default', 'ftp'), languageId: 'plain-text', doc: { text: 'FTP_PORT=2121\n' } }], DEFAULT_CONFIG, () => true);
    assert.deepEqual(ruleOf(edited.firewalls[0]!.doc as ScriptDocument), ['-A INPUT -p tcp --dport 2121 -j ACCEPT']);
    const pinned = buildHost(root, [{ path, languageId: 'iptables-script', doc }], { ...DEFAULT_CONFIG, variables: { EXTRA: 'x' } }, () => true);
    assert.notEqual(pinned.firewalls[0]!.doc, doc);
  });
});
