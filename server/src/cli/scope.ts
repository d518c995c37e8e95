import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { enclosingHost, isFolder } from '../host/enclosing-host.js';
import { isInside } from '../host/grouping.js';

/**
 * What one run reads and what it reports. A pre-commit hook names files, not folders, and a file
 * means nothing without its host (vsftpd.conf without the firewall in front of it), so a named
 * path inside a host is read with its whole host, and only what was named is reported.
 */
export interface Scope {
  /** The folders whose files are grouped into hosts, as they are shown (relative when named so). */
  roots: ScopeRoot[];
  /** Is this file (as shown) one that was named, or under a named folder? */
  reported(file: string): boolean;
}

export interface ScopeRoot {
  /** Files are grouped into hosts below this folder. */
  root: string;
  /** Where the files are looked for: the root; only /etc when the root is the live system's /; a file named outside any host. */
  walk: string;
}

/** Paths are shown as they were named: relative to the working folder when named relative. */
export function displayPath(absolute: string, namedRelative: boolean): string {
  if (!namedRelative) return absolute;
  return relative(process.cwd(), absolute) || '.';
}

/** The scope of a run over the named paths. */
export function scopeOf(paths: readonly string[]): Scope {
  const roots = new Map<string, ScopeRoot>();
  const named: string[] = [];
  for (const path of paths) {
    const absolute = resolve(path);
    const relativeForm = !isAbsolute(path);
    named.push(displayPath(absolute, relativeForm));
    const host = enclosingHost(absolute);
    if (host === undefined) {
      // Outside any host: a folder is grouped as it is, and a file is judged alone (its folder
      // may be /tmp or a home folder, which is no host to read).
      const root = displayPath(isFolder(absolute) ? absolute : dirname(absolute), relativeForm);
      roots.set(absolute, { root, walk: displayPath(absolute, relativeForm) });
      continue;
    }
    if (roots.has(host)) continue;
    const root = displayPath(host, relativeForm);
    const liveSystem = dirname(host) === host;
    roots.set(host, { root, walk: liveSystem ? join(root, 'etc') : root });
  }
  // A root inside what another reads is read with it: the outer one's grouping finds the same hosts.
  const covers = (outer: string, inner: string) => outer !== inner && isInside(inner, outer) && isInside(inner, resolve(roots.get(outer)!.walk));
  const kept = [...roots].filter(([inner]) => ![...roots.keys()].some((outer) => covers(outer, inner)));
  return {
    roots: kept.map(([, r]) => r),
    reported: (file) => named.some((n) => isInside(file, n)),
  };
}
