import { relative } from 'node:path';
import { Unknown, type Value } from '../shell/values.js';

/**
 * Scripts that something of the host starts at boot with `start`: SysV init scripts (by init, or
 * by the unit systemd-sysv-generator makes), rc.local (rc-local.service runs `/etc/rc.local
 * start`), ufw's before.init and after.init (ufw-init passes its own `start`), and
 * netfilter-persistent's plugins (`netfilter-persistent start` runs each with `start`).
 */
const STARTED_WITH_START = [
  /^etc\/(rc\.d\/)?init\.d\/[^/]+$/, /^etc\/(rc\.d\/)?rc\.local$/, /^etc\/ufw\/(before|after)\.init$/,
  /^(usr\/share|etc)\/netfilter-persistent\/plugins\.d\/[^/]+$/,
];
/** ifupdown's hooks: started with no argument (their environment names the interface). */
const STARTED_WITHOUT = [/^etc\/network\/if-[a-z-]+\.d\/[^/]+$/];
/** Positional parameters read as unknown where the start is not known: $1 to $9 (and so $#). */
const UNKNOWN_COUNT = 9;

/**
 * The arguments a firewall script gets when the host starts it, by where it lies in the host
 * (`root`; without one, the path as given): `start` for the scripts boot starts so, none for
 * ifupdown's hooks, and unknown ones for any other script (run by hand, by a unit ftpwall does not
 * read, with arguments it cannot tell), so that a script that branches on them is followed every way.
 */
export function bootArguments(path: string, root: string | undefined): Value[] {
  const inHost = (root === undefined ? path : relative(root, path)).replace(/\\/g, '/').replace(/^\/+/, '');
  const candidates = root === undefined ? [inHost, inHost.replace(/^.*?(?=(etc|usr)\/)/, '')] : [inHost];
  if (candidates.some((p) => STARTED_WITH_START.some((pattern) => pattern.test(p)))) return ['start'];
  if (candidates.some((p) => STARTED_WITHOUT.some((pattern) => pattern.test(p)))) return [];
  return Array.from({ length: UNKNOWN_COUNT }, (_, n) => new Unknown(`the arguments the script is started with ($${n + 1})`, String(n + 1)));
}
