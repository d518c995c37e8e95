import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { collectFiles } from '../cli/walk.js';
import { languageById } from './languages.js';
import { DEFAULT_CONFIG, readHostConfig, type HostConfig } from '../host/config.js';
import { groupByHost, hostFolderTest } from '../host/grouping.js';
import { buildHost, type Gateway, type Host, type HostFile } from '../host/host.js';

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

/** One host's model from its files and configuration: its `ignore` leaves files out, its `firewall` says which are loaded. */
function hostOf(hostRoot: string, hostFiles: readonly HostFile[], config: HostConfig): Host {
  const kept = hostFiles.filter((f) => !config.ignore.some((p) => matchesPattern(relative(hostRoot, f.path).replace(/\\/g, '/'), p)));
  const loaded = (path: string) => !config.firewall || config.firewall.some((p) => matchesPattern(relative(hostRoot, path).replace(/\\/g, '/'), p));
  return buildHost(hostRoot, kept, config, loaded);
}

/**
 * Groups checked files into hosts below `root` and builds each host's model, with the gateways
 * its .ftpwall.json names read from their folders (`readGateway`: from disk unless told).
 */
export function loadHosts(root: string, files: readonly HostFile[], exists: (path: string) => boolean = existsSync, defaults: Partial<HostConfig> = {}, readGateway: GatewayReader = readGatewayFolder): LoadedHost[] {
  const isHost = hostFolderTest(exists);
  const groups = groupByHost(files, root, isHost);
  const result: LoadedHost[] = [];
  for (const [hostRoot, hostFiles] of groups) {
    const { config, problems } = readConfig(hostRoot, defaults);
    const host = hostOf(hostRoot, hostFiles, config);
    if (config.gateways.length) {
      const gateways: Gateway[] = [];
      for (const folder of config.gateways) {
        // Joined, not resolved: a host named by a relative path keeps its gateways' paths relative too.
        const read = readGateway(join(hostRoot, folder));
        if ('problem' in read) problems.push(`"gateways": ${folder}: ${read.problem}`);
        else gateways.push({ folder, host: hostOf(read.root, read.files, { ...read.config, gateways: [] }) });
      }
      host.gateways = gateways;
    }
    result.push({ host, configProblems: problems, members: new Set(hostFiles.map((f) => f.path)) });
  }
  return result;
}

/** A gateway's folder read: its files and configuration, or why it cannot be. */
export type GatewayReader = (folder: string) => { root: string; files: HostFile[]; config: HostConfig } | { problem: string };

/** Reads a gateway's folder from disk: every file ftpwall recognises in it, as one host. */
export function readGatewayFolder(folder: string): ReturnType<GatewayReader> {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return { problem: 'no such folder' };
  const files: HostFile[] = [];
  for (const file of collectFiles([folder]).files) {
    // A file that cannot be read as its kind is left out; its own check reports it when it is opened or named.
    try { files.push({ path: file.path, languageId: file.languageId, doc: languageById(file.languageId)!.read(file.text, file.path, 'check') }); } catch { /* left out */ }
  }
  if (files.length === 0) return { problem: 'holds no file ftpwall reads' };
  return { root: folder, files, config: readConfig(folder, {}).config };
}
