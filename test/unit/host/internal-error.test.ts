import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkHost } from '../../../server/src/analysis/host-check.js';
import { recognize } from '../../../server/src/analysis/languages.js';
import { DEFAULT_CONFIG } from '../../../server/src/host/config.js';
import { buildHost } from '../../../server/src/host/host.js';

const CONF = 'listen=YES\nanonymous_enable=NO\nlocal_enable=YES\nssl_enable=YES\npasv_min_port=40000\npasv_max_port=40100\n';

describe('a failure inside one host\'s analysis', () => {
  it('becomes one ftpwall/internal-error finding on the host, and its paths say unknown instead of a verdict', () => {
    const vsftpd = recognize('/h/etc/vsftpd.conf')!;
    // A firewall reading whose model breaks when the engine asks for it, as a bug in a reader would.
    const fails = () => { throw new Error('reader bug'); };
    const broken = { model: () => ({ family: 'ipv4', baseChains: fails, chain: fails, ftpHelperAssignments: fails }) };
    const host = buildHost('/h', [
      { path: '/h/etc/vsftpd.conf', languageId: 'vsftpd', doc: vsftpd.read(CONF, '/h/etc/vsftpd.conf') },
      { path: '/h/etc/iptables/rules.v4', languageId: 'iptables', doc: broken },
    ], DEFAULT_CONFIG, () => true);
    const { findings, paths } = checkHost({ host, configProblems: [], members: new Set(host.files) }, () => undefined);
    assert.deepEqual(findings.map((f) => [f.ruleId, f.file]), [['ftpwall/internal-error', '/h/etc/vsftpd.conf']]);
    assert.match(findings[0]!.message, /failed to work out the FTP paths of host \/h \(.*\); its findings are missing/);
    assert.deepEqual([paths.control.verdict, paths.passive.verdict, paths.active.verdict], ['unknown', 'unknown', 'unknown']);
  });
});
