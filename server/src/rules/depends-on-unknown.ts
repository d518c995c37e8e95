import type { Location } from '../languages/iptables/ruleset.js';
import type { PathName } from '../engine/paths.js';
import type { HostRule } from './host-rule.js';
import { pathsClientsUse } from './anchors.js';

const LABELS: Record<PathName, string> = { control: 'control connections', passive: 'passive data connections', active: 'active data connections' };

export const dependsOnUnknown: HostRule = {
  id: 'ftp/depends-on-unknown',
  severity: 'information',
  summary: 'Whether FTP gets through depends on something the host\'s files do not say',
  docs: {
    detects: 'A firewall script whose rules for an FTP connection differ with a value the host\'s files do not fix: a variable set outside the host, a file the host folder does not hold, a command\'s output. ftpwall follows every way the script can run; where their verdicts differ, the verdict is `conditional` and this finding sits on the line they part at.',
    why: 'On the real server only one of those ways happens. Until ftpwall knows which, it cannot say whether FTP works, and a guess would be worse than no answer.',
    fix: 'If the value is fixed on the host (an EnvironmentFile, a role set at install time), give it in `.ftpwall.json` under `variables`; if the file is missing from the host folder, add it. Otherwise make the script not depend on it.',
    before: 'if [ "$FTP_PASSIVE" = yes ]; then\n  iptables -A INPUT -p tcp --dport 40000:40100 -j ACCEPT\nfi',
    after: '# .ftpwall.json\n{ "variables": { "FTP_PASSIVE": "yes" } }',
    language: 'text',
  },
  check(context, report) {
    // One finding per line the verdicts depend on, naming every path that depends on it.
    const byPlace = new Map<string, { where: Location; why: string; paths: Array<{ name: PathName; reason: string }> }>();
    for (const name of pathsClientsUse(context)) {
      const path = context.paths[name];
      if (path.verdict !== 'conditional' || !path.dependsOn) continue;
      for (const { why, where } of path.dependsOn) {
        const key = `${where.path}\u0000${where.line}`;
        const entry = byPlace.get(key) ?? { where, why, paths: [] };
        entry.paths.push({ name, reason: path.reason });
        byPlace.set(key, entry);
      }
    }
    for (const { where, why, paths } of byPlace.values()) {
      const pin = /set outside this host/.test(why) ? ' If the value is fixed on the host, give it in .ftpwall.json "variables".'
        : /arguments the script is started with/.test(paths.map((p) => p.reason).join(' ')) ? ' If the host starts the script with fixed arguments, give them in .ftpwall.json "arguments".' : '';
      const names = paths.map((p) => LABELS[p.name]).join(', ');
      report({ file: where.path, range: where.range, message: `Whether ${names} get through is not known. ${paths.map((p) => p.reason).filter((r, n, all) => all.indexOf(r) === n).join(' ')}${pin}` });
    }
  },
};
