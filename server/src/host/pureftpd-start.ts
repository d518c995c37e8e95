import type { ServerFacts } from '../engine/server-facts.js';
import type { Location } from '../languages/iptables/ruleset.js';

/** Where Debian's init script for pure-ftpd reads how to start it. */
export const PUREFTPD_DEFAULTS = 'etc/default/pure-ftpd-common';

/** How Debian starts pure-ftpd: by itself, or left to inetd (`inetd`), and the line that says so. */
export interface PureftpdStart { readonly inetd: boolean; readonly where: Location }

/**
 * Reads STANDALONE_OR_INETD from etc/default/pure-ftpd-common (its last assignment, as the shell
 * takes it). Debian's package writes "standalone" there unless told otherwise, and its init
 * script starts pure-ftpd only for that value. Undefined where the host holds no such file, or
 * the file does not set it.
 */
export function pureftpdStart(read: (path: string) => string | undefined, root: string): PureftpdStart | undefined {
  const text = read(PUREFTPD_DEFAULTS);
  if (text === undefined) return undefined;
  let found: PureftpdStart | undefined;
  text.split('\n').forEach((line, n) => {
    const value = /^\s*(?:export\s+)?STANDALONE_OR_INETD=(["']?)([^"'\s;#]*)\1/.exec(line)?.[2];
    if (value === undefined) return;
    found = { inetd: value !== 'standalone', where: { path: `${root}/${PUREFTPD_DEFAULTS}`, range: { start: { line: n, character: 0 }, end: { line: n, character: line.length } }, line: n } };
  });
  return found;
}

/**
 * Debian's pure-ftpd left to inetd: pure-ftpd-wrapper, run by the host's inetd entry, serves the
 * connection it is handed on the entry's port, and its Bind option is not read (measured with
 * pure-ftpd 1.0.50 under openbsd-inetd).
 */
export function leftToInetd(facts: ServerFacts, start: PureftpdStart): ServerFacts {
  const { listensOn: _notRead, ...rest } = facts;
  return { ...rest, perConnection: { binary: 'pure-ftpd-wrapper', setting: `STANDALONE_OR_INETD=inetd in ${PUREFTPD_DEFAULTS.replace(/^etc\//, '')}`, where: { file: start.where.path, range: start.where.range }, starterFiles: [] } };
}
