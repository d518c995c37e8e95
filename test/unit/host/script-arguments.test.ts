import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bootArguments } from '../../../server/src/languages/iptables/script-arguments.js';
import { Unknown } from '../../../server/src/languages/shell/values.js';
import { checkFiles, conf, HOST, lines, VSFTPD } from '../../helpers/hosts.js';

// A firewall script is judged with the arguments the host starts it with: `start` for init
// scripts (the kernel case is test/kernel/hosts/script-init-d-start), none for ifupdown's hooks,
// and unknown ones for any other, so that a script branching on them is never judged one way only.

const INIT = lines('#!/bin/sh', 'IPT=/sbin/iptables', 'case "$1" in', '  start)', '    $IPT -P INPUT DROP', '    $IPT -A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', '    $IPT -A INPUT -p tcp --dport 21 -j ACCEPT', '    ;;', '  stop)', '    $IPT -P INPUT ACCEPT', '    ;;', 'esac');
const passive = (path: string, script = INIT) => checkFiles({ [VSFTPD]: conf('pasv_min_port=40000', 'pasv_max_port=40100'), [`${HOST}/${path}`]: script }).paths.passive;

describe('the arguments a firewall script is started with', () => {
  it('names them by where the script lies: start for what boot starts so, none for ifupdown\'s hooks', () => {
    for (const path of ['etc/init.d/firewall', 'etc/rc.d/init.d/iptables', 'etc/rc.local', 'etc/rc.d/rc.local', 'etc/ufw/before.init', 'usr/share/netfilter-persistent/plugins.d/15-ip4tables']) {
      assert.deepEqual(bootArguments(`/srv/h/${path}`, '/srv/h'), ['start'], path);
    }
    assert.deepEqual(bootArguments('/srv/h/etc/network/if-pre-up.d/firewall', '/srv/h'), []);
    // Read alone, without its host: the path as given.
    assert.deepEqual(bootArguments('/home/me/hosts/ftp1/etc/init.d/firewall', undefined), ['start']);
    const other = bootArguments('/srv/h/usr/local/sbin/firewall', '/srv/h');
    assert.equal(other.length, 9);
    assert.ok(other.every((a) => a instanceof Unknown));
  });

  it('judges an init script as boot runs it: the start branch, surely', () => {
    const path = passive('etc/init.d/firewall');
    assert.equal(path.verdict, 'blocked');
    assert.match(path.reason, /meets INPUT policy DROP/);
  });

  it('follows every way where the arguments are not known, and says the verdict depends on them', () => {
    const path = passive('etc/firewall.sh');
    assert.equal(path.verdict, 'conditional');
    assert.match(path.reason, /^It depends on the arguments the script is started with \(\$1\): open when \$1 is not "start", blocked when \$1 is "start"/);
    // $# is as unknown as the arguments.
    const counted = passive('etc/firewall.sh', lines('#!/bin/sh', '[ $# -eq 0 ] && exit 0', 'iptables -P INPUT DROP', 'iptables -A INPUT -p tcp --dport 21 -j ACCEPT'));
    assert.equal(counted.verdict, 'conditional');
  });

  it('takes the arguments a unit of the host\'s own starts the script with, where one enabled at boot does', () => {
    const UNITS = `${HOST}/etc/systemd/system`;
    const withUnit = (execStart: string, enabled = true) => checkFiles({
      [VSFTPD]: conf('pasv_min_port=40000', 'pasv_max_port=40100'), [`${HOST}/usr/local/sbin/firewall`]: INIT,
      [`${UNITS}/firewall.service`]: lines('[Unit]', 'Description=Firewall', '[Service]', 'Type=oneshot', execStart, 'RemainAfterExit=yes'),
      [`${UNITS}/multi-user.target.wants/${enabled ? 'firewall' : 'other'}.service`]: '',
    }).paths.passive.verdict;
    assert.equal(withUnit('ExecStart=/usr/local/sbin/firewall start'), 'blocked');
    assert.equal(withUnit('ExecStart=-/bin/sh "/usr/local/sbin/firewall" start'), 'blocked');
    assert.equal(withUnit('ExecStart=/usr/local/sbin/firewall stop'), 'open');
    // A specifier or a variable is not read; a unit not enabled does not start it.
    assert.equal(withUnit('ExecStart=/usr/local/sbin/firewall %i'), 'conditional');
    assert.equal(withUnit('ExecStart=/usr/local/sbin/firewall start', false), 'conditional');
  });

  it('takes the arguments .ftpwall.json gives a script before any other, and says so where they are missing', () => {
    const files = { [VSFTPD]: conf('pasv_min_port=40000', 'pasv_max_port=40100'), [`${HOST}/etc/firewall.sh`]: INIT };
    assert.equal(checkFiles(files, { arguments: { 'etc/firewall.sh': ['start'] } }).paths.passive.verdict, 'blocked');
    assert.equal(checkFiles(files, { arguments: { 'etc/firewall.sh': [] } }).paths.passive.verdict, 'open');
    // Over what boot would give an init script, too.
    assert.equal(checkFiles({ ...files, [`${HOST}/etc/init.d/firewall`]: INIT, [`${HOST}/etc/firewall.sh`]: '' }, { arguments: { 'etc/init.d/firewall': ['stop'] } }).paths.passive.verdict, 'open');
    const depends = checkFiles(files).findings.find((f) => f.ruleId === 'ftp/depends-on-unknown');
    assert.match(depends!.message, /give them in \.ftpwall\.json "arguments"\.$/);
  });

  it('takes ifupdown\'s hooks as started without arguments, and leaves a function\'s own arguments alone', () => {
    assert.equal(passive('etc/network/if-pre-up.d/firewall').verdict, 'open');
    const withFunction = lines('#!/bin/sh', 'open_port() { iptables -A INPUT -p tcp --dport "$1" -j ACCEPT; }', 'iptables -P INPUT DROP', 'iptables -A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', 'open_port 21', 'open_port 40000:40100');
    assert.equal(passive('etc/firewall.sh', withFunction).verdict, 'open');
  });
});
