import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFiles, conf, filter, RULES, VSFTPD } from '../../helpers/hosts.js';

// Chains that jump to chains that jump: every way through is a walk of its own, so their number
// grows as jumps per chain to the power of depth. Walks that would repeat one already made are
// not made again, and past a bound a jump is left to depend on the client instead of followed.

const RANGE = ['pasv_min_port=40000', 'pasv_max_port=40100'];

/** `depth` chains, each jumped to `fan` times from the one before (from INPUT first), the last holding `last`. */
function jumpGraph(depth: number, fan: number, jump: (i: number) => string, last: string[]): string {
  const chains = Array.from({ length: depth }, (_, l) => `:L${l} - [0:0]`);
  const jumps = Array.from({ length: depth }, (_, l) => Array.from({ length: fan }, (_, i) => `-A ${l === 0 ? 'INPUT' : `L${l - 1}`} ${jump(i)} -j L${l}`)).flat();
  return filter(...chains, '-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', ...jumps, ...last.map((r) => `-A L${depth - 1} ${r}`));
}

describe('walks through graphs of jumps', () => {
  it('follow 40 jumps to each of 8 chains in turn as the kernel would, each way through walked once', () => {
    // 40^8 ways through: walked one by one, this would never end.
    const rules = jumpGraph(8, 40, () => '-p tcp', ['-p tcp --dport 21 -j ACCEPT', '-p tcp --dport 40000:40100 -j ACCEPT', '-j REJECT']);
    const { paths } = checkFiles({ [VSFTPD]: conf(...RANGE), [RULES]: rules });
    assert.equal(paths.control.verdict, 'open', paths.control.reason);
    assert.equal(paths.passive.verdict, 'open', paths.passive.reason);
    const closed = checkFiles({ [VSFTPD]: conf(...RANGE), [RULES]: rules.replace('-A L7 -p tcp --dport 21 -j ACCEPT\n', '') }).paths;
    assert.equal(closed.control.verdict, 'blocked', closed.control.reason);
  });

  it('leave to depend on the client what lies past the bound, with a reason of a few conditions', () => {
    // Each jump is for one client network: every way through has its own condition, so none repeats.
    const rules = jumpGraph(6, 40, (i) => `-p tcp -s 10.0.${i}.0/24`, ['-p tcp --dport 21 -j ACCEPT', '-j REJECT']);
    const { paths } = checkFiles({ [VSFTPD]: conf(...RANGE), [RULES]: rules });
    assert.equal(paths.control.verdict, 'conditional', paths.control.reason);
    const conditions = paths.control.outcomes.flatMap((o) => o.conditional.map((c) => c.reason));
    assert.ok(conditions.some((c) => c.endsWith('past the 500,000 rules ftpwall follows through jumps')), 'some jumps were left unfollowed');
    assert.match(paths.control.reason, /; and \d+ more conditions\.$/);
    assert.ok(paths.control.reason.length < 2000, `${paths.control.reason.length} characters`);
  });
});
