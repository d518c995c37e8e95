import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyHostFix, checkFiles, conf, HOST, lines, VSFTPD, type Files } from '../../helpers/hosts.js';
import { readKickstart } from '../../../server/src/languages/kickstart/kickstart.js';

const KS = `${HOST}/ks.cfg`;
const plain = conf('pasv_min_port=40000', 'pasv_max_port=40100').replace('ssl_enable=YES', 'ssl_enable=NO');
const kickstart = (firewall: string, ...post: string[]) => lines('#version=RHEL9', 'text', firewall, 'rootpw --lock', '%packages', 'vsftpd', '%end', ...(post.length ? ['%post', ...post, '%end'] : []));
const verdicts = (files: Files) => { const { paths } = checkFiles(files); return [paths.control.verdict, paths.passive.verdict, paths.active.verdict]; };
const host = (firewall: string, ...post: string[]): Files => ({ [VSFTPD]: plain, [KS]: kickstart(firewall, ...post) });

describe('kickstart files: Anaconda\'s firewall command and the %post sections', () => {
  it('reads the firewall command as Anaconda applies it with firewall-offline-cmd', () => {
    const doc = readKickstart(kickstart('firewall --enabled --service=ssh,ftp --port=40000-40100:tcp,imap:tcp --trust=eth1'), KS);
    assert.deepEqual(doc.firewall?.commands.map((c) => c.args), [['--add-service=ssh'], ['--add-service=ftp'], ['--add-port=40000-40100/tcp'], ['--add-port=143/tcp'], ['--zone=trusted', '--add-interface=eth1']]);
    assert.deepEqual(doc.posts, []);
  });

  it('the ftp service opens control and passive (its helper); port 21 alone leaves passive blocked', () => {
    assert.deepEqual(verdicts(host('firewall --enabled --service=ftp')), ['open', 'open', 'open']);
    assert.deepEqual(verdicts(host('firewall --enabled --port=21:tcp')), ['open', 'blocked', 'open']);
    assert.deepEqual(verdicts(host('firewall --enabled --port=21:tcp,40000-40100:tcp')), ['open', 'open', 'open']);
  });

  it('%post changes count when made with firewall-offline-cmd; firewall-cmd there changes nothing', () => {
    assert.deepEqual(verdicts(host('firewall --enabled --port=21:tcp', 'firewall-offline-cmd --add-port=40000-40100/tcp')), ['open', 'open', 'open']);
    assert.deepEqual(verdicts(host('firewall --enabled --port=21:tcp', 'firewall-cmd --permanent --add-port=40000-40100/tcp')), ['open', 'blocked', 'open']);
  });

  it('firewall --disabled leaves nothing filtering; --use-system-defaults ignores the options', () => {
    assert.deepEqual(verdicts(host('firewall --disabled')), ['open', 'open', 'open']);
    assert.deepEqual(verdicts(host('firewall --use-system-defaults --service=ftp'))[0], 'blocked');
  });

  it('the quick fixes add the range to the firewall command, or turn firewall-cmd into firewall-offline-cmd', () => {
    const files = host('firewall --enabled --port=21:tcp');
    const finding = checkFiles(files).findings.find((f) => f.ruleId === 'ftp/passive-blocked')!;
    const fix = finding.fixes.find((f) => Object.values(f.edits).flat().some((e) => e.newText.includes('--port=40000-40100:tcp')));
    assert.ok(fix, JSON.stringify(finding.fixes.map((f) => f.title)));
    const fixed = applyHostFix(files, fix);
    assert.match(fixed[KS]!, /\nfirewall --enabled --port=21:tcp --port=40000-40100:tcp\n/);
    assert.deepEqual(verdicts(fixed), ['open', 'open', 'open']);

    const inPost = host('firewall --enabled --port=21:tcp', 'firewall-cmd --permanent --add-port=40000-40100/tcp');
    const warning = checkFiles(inPost).findings.find((f) => f.ruleId === 'kickstart/firewall-cmd-in-post')!;
    const rewritten = applyHostFix(inPost, warning.fixes[0]!);
    assert.match(rewritten[KS]!, /\nfirewall-offline-cmd --add-port=40000-40100\/tcp\n/);
    assert.deepEqual(verdicts(rewritten), ['open', 'open', 'open']);
  });
});
