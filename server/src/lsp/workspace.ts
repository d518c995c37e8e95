import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { checkDocument } from '../analysis/check.js';
import { fixAll } from '../analysis/fix-all.js';
import { checkHost, type HostCheck } from '../analysis/host-check.js';
import { loadHosts, readConfig, readGatewayFolder, type GatewayReader } from '../analysis/hosts.js';
import type { AnyLanguage } from '../analysis/language.js';
import { languageById, recognize } from '../analysis/languages.js';
import { readTextFile } from '../analysis/read-file.js';
import type { Finding } from '../core/findings.js';
import type { RuleSettings } from '../core/settings.js';
import type { HostConfig } from '../host/config.js';
import { hostFolderTest, hostRootOf, isInside } from '../host/grouping.js';
import { collectFiles, standsForFileInside } from '../cli/walk.js';

interface KnownFile {
  path: string;
  text: string;
  language: AnyLanguage;
  doc: unknown;
  /** Open in the editor: its text comes from the editor, not the disk. */
  open: boolean;
  findings?: Finding[];
  /** The settings those findings were made with: another object means they are stale. */
  findingsRules?: RuleSettings;
}

/** Inside a .git folder: a commit or a checkout changes files there that no host reads. */
const isInGitFolder = (path: string) => /(^|[\\/])\.git([\\/]|$)/.test(path);

/**
 * Every recognised file of the workspace folders, open or not, grouped into hosts. Open
 * documents override what is on disk. Findings are cached per file until its text changes and
 * per host until one of its files changes in a way the host's model sees.
 */
export class Workspace {
  private readonly files = new Map<string, KnownFile>();
  private readonly hostChecks = new Map<string, HostCheck>();
  /** The rules for a host's files: the editor's, then its .ftpwall.json's, check by check. */
  private readonly hostRules = new Map<string, RuleSettings>();
  private readonly isHost = hostFolderTest(existsSync);
  /** Host root per path; folders come and go only with file changes, which clear it. */
  private readonly hostRoots = new Map<string, string>();
  rules: RuleSettings = {};
  /** Host settings from the editor, under each host's .ftpwall.json. */
  hostDefaults: Partial<HostConfig> = {};

  constructor(public roots: string[]) {}

  /** Reads every recognised file below the workspace folders. */
  scan(): string[] {
    const found: string[] = [];
    for (const root of this.roots) {
      for (const file of collectFiles([root]).files) {
        if (this.files.get(file.path)?.open) continue;
        this.store(file.path, file.text, languageById(file.languageId)!, false);
        found.push(file.path);
      }
    }
    return found;
  }

  private store(path: string, text: string, language: AnyLanguage, open: boolean): void {
    const known = this.files.get(path);
    const reread = known?.language === language ? language.reread?.(text, path, known.doc) : undefined;
    this.files.set(path, { path, text, language, doc: reread ? reread.doc : language.read(text, path), open });
    // The host check (the engine over every rule) is redone only when the host's model changed,
    // and not for rules it never looked at (a chain no FTP connection goes through).
    if (reread?.sameMeaning) return;
    const hostRoot = this.hostRoot(path);
    const check = this.hostChecks.get(hostRoot);
    if (check && reread?.changedRules && !reread.changedRules.some((rule) => check.reads(path, rule))) return;
    this.dropHostCheck(hostRoot);
  }

  /** The servers whose .ftpwall.json names each gateway's folder: their paths go through it. */
  private readonly gatewayUsers = new Map<string, Set<string>>();

  /** The hosts whose .ftpwall.json names this one as a gateway (once their checks have read it). */
  serversBehind(hostRoot: string): string[] {
    return [...this.gatewayUsers.get(hostRoot) ?? []];
  }

  /** Forgets a host's check, and those of the servers behind it when it is one of their gateways. */
  private dropHostCheck(hostRoot: string): void {
    this.hostChecks.delete(hostRoot);
    for (const server of this.gatewayUsers.get(hostRoot) ?? []) this.hostChecks.delete(server);
  }

  /** A gateway's folder as the workspace holds it (the editor's texts of open files), or from disk when it holds none of it. */
  private readonly readGateway: GatewayReader = (folder) => {
    const files = [...this.files.values()].filter((f) => isInside(f.path, folder)).map((f) => ({ path: f.path, languageId: f.language.id, doc: f.doc }));
    return files.length ? { root: folder, files, config: readConfig(folder, {}).config } : readGatewayFolder(folder);
  };

  /** An editor document's content; `language` when the editor already knows the kind. */
  setOpen(path: string, text: string, language: AnyLanguage | undefined): boolean {
    const kind = language ?? recognize(path, text);
    if (!kind) { this.forget(path); return false; }
    const known = this.files.get(path);
    if (known?.open && known.text === text && known.language === kind) return true;
    this.store(path, text, kind, true);
    return true;
  }

  /** The editor closed it: from now on the disk says what it holds. */
  setClosed(path: string): void {
    const known = this.files.get(path);
    if (!known) return;
    known.open = false;
    this.refreshFromDisk(path);
  }

  /** A watched file changed, appeared or went away on disk. */
  refreshFromDisk(path: string): void {
    // A new etc/ folder or .ftpwall.json can move files to another host.
    if (!this.files.has(path)) this.hostRoots.clear();
    if (this.files.get(path)?.open) return;
    let reading: ReturnType<typeof readTextFile> | undefined;
    try { reading = statSync(path).isFile() ? readTextFile(path) : undefined; } catch { reading = undefined; }
    const language = reading?.ok ? recognize(path, reading.text) : undefined;
    const root = this.roots.find((r) => isInside(path, r));
    if (!reading?.ok || !language || !root || standsForFileInside(path, root)) { this.forget(path); return; }
    this.store(path, reading.text, language, false);
  }

  forget(path: string): void {
    // A file ftpwall does not read as a document may still be one the host reads from disk when
    // it is built (inetd.conf, xinetd.d, systemd's units and their links, etc/services).
    if (this.files.delete(path) || !isInGitFolder(path)) this.dropHostCheck(this.hostRoot(path));
    this.hostRoots.clear();
    // A .ftpwall.json changes the host it sits in (and nothing else changes a host's rules).
    if (path.endsWith('.ftpwall.json')) { this.hostChecks.delete(dirname(path)); this.hostRules.delete(dirname(path)); }
  }

  invalidateAll(): void {
    this.hostChecks.clear();
    this.hostRules.clear();
    for (const f of this.files.values()) delete f.findings;
  }

  /** The severities for a file's checks: the editor's settings under its host's .ftpwall.json. */
  rulesFor(path: string): RuleSettings {
    return this.rulesOfHost(this.hostRoot(path));
  }

  private rulesOfHost(hostRoot: string): RuleSettings {
    let rules = this.hostRules.get(hostRoot);
    if (!rules) {
      rules = { ...this.rules, ...readConfig(hostRoot, this.hostDefaults).config.rules };
      this.hostRules.set(hostRoot, rules);
    }
    return rules;
  }

  has(path: string): boolean { return this.files.has(path); }

  /** The folder whose files form the host this path belongs to. */
  hostRoot(path: string): string {
    let host = this.hostRoots.get(path);
    if (host === undefined) {
      const root = this.roots.find((r) => isInside(path, r)) ?? dirname(path);
      host = hostRootOf(path, root, this.isHost);
      this.hostRoots.set(path, host);
    }
    return host;
  }

  filesOfHost(hostRoot: string): string[] {
    return [...this.files.keys()].filter((p) => this.hostRoot(p) === hostRoot);
  }

  /** Findings for one file: its own, then the host's that fall in it. */
  findingsFor(path: string): Finding[] {
    const file = this.files.get(path);
    const rules = this.rulesFor(path);
    if (file && file.findingsRules !== rules) { delete file.findings; file.findingsRules = rules; }
    const own = file ? (file.findings ??= checkDocument(file.language, file.doc, path, { rules })) : [];
    const host = this.hostCheck(this.hostRoot(path));
    return [...own, ...(host?.findings.filter((f) => f.file === path) ?? [])];
  }

  /** Every path that has host findings now (to publish them, also for files that are not recognised ones, like .ftpwall.json). */
  hostFindingPaths(hostRoot: string): string[] {
    return [...new Set(this.hostCheck(hostRoot)?.findings.map((f) => f.file) ?? [])];
  }

  hostCheck(hostRoot: string): HostCheck | undefined {
    const cached = this.hostChecks.get(hostRoot);
    if (cached) return cached;
    const members = this.filesOfHost(hostRoot).map((p) => this.files.get(p)!);
    if (members.length === 0) return undefined;
    const [loaded] = loadHosts(hostRoot, members.map((m) => ({ path: m.path, languageId: m.language.id, doc: m.doc })), existsSync, this.hostDefaults, this.readGateway);
    if (!loaded) return undefined;
    for (const gateway of loaded.host.gateways ?? []) {
      const users = this.gatewayUsers.get(gateway.host.root) ?? new Set<string>();
      this.gatewayUsers.set(gateway.host.root, users.add(hostRoot));
    }
    const check = checkHost(loaded, (p) => { const f = this.files.get(p); return f ? f.language.lines(f.doc) : undefined; }, this.rules);
    this.hostChecks.set(hostRoot, check);
    return check;
  }

  /** Every safe fix in every file of the host, as new texts by path (only files that change). */
  fixAllInHost(hostRoot: string): Map<string, { before: string; after: string }> {
    const changed = new Map<string, { before: string; after: string }>();
    for (const path of this.filesOfHost(hostRoot)) {
      const file = this.files.get(path)!;
      const { text } = fixAll(file.language, file.text, path, { rules: this.rulesOfHost(hostRoot) });
      if (text !== file.text) changed.set(path, { before: file.text, after: text });
    }
    return changed;
  }

  document(path: string): { language: AnyLanguage; doc: unknown } | undefined {
    const file = this.files.get(path);
    return file ? { language: file.language, doc: file.doc } : undefined;
  }
}
