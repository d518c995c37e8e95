import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEFAULT_CONFIG, readHostConfig, type HostConfig } from '../host/config.js';
import { groupByHost, hostFolderTest } from '../host/grouping.js';
import { buildHost, type Host, type HostFile } from '../host/host.js';

/** A host, what was wrong in its .ftpwall.json, and every file grouped into it (those its `ignore` leaves out of the model too). */
export interface LoadedHost { host: Host; configProblems: string[]; members: ReadonlySet<string> }

/** Does a simple pattern (path prefix, or * and ** globs) match a path relative to the host folder? */
export function matchesPattern(relativePath: string, pattern: string): boolean {
  if (!pattern.includes('*')) return relativePath === pattern || relativePath.startsWith(pattern.replace(/\/?$/, '/'));
  // "**/" is any number of folders, a trailing "**" anything at all, "*" anything within one name.
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\//g, '\u0000').replace(/\*\*$/, '\u0001').replace(/\*/g, '[^/]*');
  const re = new RegExp(`^${escaped.replace(/\u0000/g, '(?:.*/)?').replace(/\u0001/g, '.*')}$`);
  return re.test(relativePath);
}

/** The host's .ftpwall.json over the given defaults (the editor's settings), field by field. */
export function readConfig(hostRoot: string, defaults: Partial<HostConfig>): { config: HostConfig; problems: string[] } {
  const base = { ...DEFAULT_CONFIG, ...defaults };
  const file = join(hostRoot, '.ftpwall.json');
  if (!existsSync(file)) return { config: base, problems: [] };
  try { return readHostConfig(readFileSync(file, 'utf8'), base); } catch (error) { return { config: base, problems: [`.ftpwall.json cannot be read: ${(error as Error).message}`] }; }
}

/** Groups checked files into hosts below `root` and builds each host's model. */
export function loadHosts(root: string, files: readonly HostFile[], exists: (path: string) => boolean = existsSync, defaults: Partial<HostConfig> = {}): LoadedHost[] {
  const isHost = hostFolderTest(exists);
  const groups = groupByHost(files, root, isHost);
  const result: LoadedHost[] = [];
  for (const [hostRoot, hostFiles] of groups) {
    const { config, problems } = readConfig(hostRoot, defaults);
    const kept = hostFiles.filter((f) => !config.ignore.some((p) => matchesPattern(relative(hostRoot, f.path).replace(/\\/g, '/'), p)));
    const loaded = (path: string) => !config.firewall || config.firewall.some((p) => matchesPattern(relative(hostRoot, path).replace(/\\/g, '/'), p));
    result.push({ host: buildHost(hostRoot, kept, config, loaded), configProblems: problems, members: new Set(hostFiles.map((f) => f.path)) });
  }
  return result;
}
