import { applyEdits } from '../../server/src/analysis/apply-edits.js';
import { checkDocument } from '../../server/src/analysis/check.js';
import { checkHost } from '../../server/src/analysis/host-check.js';
import type { AnyLanguage, DocumentUse } from '../../server/src/analysis/language.js';
import { recognize } from '../../server/src/analysis/languages.js';
import type { Finding, Fix } from '../../server/src/core/findings.js';
import { DEFAULT_CONFIG, type HostConfig } from '../../server/src/host/config.js';
import { buildHost, type Host } from '../../server/src/host/host.js';
import { bootUnitsOf, UNIT_FOLDER, type BootUnits } from '../../server/src/host/boot-units.js';
import type { HostPaths } from '../../server/src/engine/paths.js';
import { bootFrom, type HostBoot } from '../../server/src/host/host-boot.js';

export type Files = Record<string, string>;
export const HOST = '/srv/host';
export const VSFTPD = `${HOST}/etc/vsftpd.conf`;
export const RULES = `${HOST}/etc/sysconfig/iptables`;
/** A gateway's folder beside the host: files under it are read as the gateway .ftpwall.json's "gateways": ["../gw"] names. */
export const GATEWAY = '/srv/gw';

/** Builds the host from in-memory files and returns every finding: per file and for the host. */
export function checkFiles(files: Files, config: Partial<HostConfig> = {}, use?: DocumentUse): { findings: Finding[]; paths: HostPaths } {
  const entries = readFiles(files, use);
  const { findings, paths } = checkReadHost(entries, config);
  return { findings: [...entries.flatMap((e) => checkDocument(e.language, e.doc, e.path)), ...findings], paths };
}

/** Only the host-wide findings (those the server caches per host). */
export function hostFindings(files: Files, config: Partial<HostConfig> = {}): Finding[] {
  return checkReadHost(readFiles(files), config).findings;
}

type ReadFile = { path: string; language: AnyLanguage; doc: unknown };

/** The host-wide findings and verdicts for documents already read (re-read after edits, say), as the server checks them. */
export function checkReadDocuments(entries: ReadFile[], config: Partial<HostConfig> = {}): { findings: Finding[]; paths: HostPaths } {
  return checkReadHost(entries, config);
}

/** Files no language recognises (a settings file a script sources) are held as plain text, for the scripts that read them. */
const PLAIN_TEXT = new WeakMap<ReadFile[], Array<{ path: string; text: string }>>();

function readFiles(files: Files, use?: DocumentUse): ReadFile[] {
  const read: ReadFile[] = [];
  const plain: Array<{ path: string; text: string }> = [];
  for (const [path, text] of Object.entries(files)) {
    const language = recognize(path, text);
    if (language) read.push({ path, language, doc: language.read(text, path, use) });
    else plain.push({ path, text });
  }
  PLAIN_TEXT.set(read, plain);
  return read;
}

/** The host model built from in-memory files, for tests that look at more than its first service. */
export function hostOfFiles(files: Files, config: Partial<HostConfig> = {}): Host {
  return buildReadHost(readFiles(files), config);
}

const ofGateway = (e: { path: string }) => e.path.startsWith(`${GATEWAY}/`);
const asHostFile = (e: ReadFile) => ({ path: e.path, languageId: e.language.id, doc: e.doc });

function buildReadHost(all: ReadFile[], config: Partial<HostConfig>): Host {
  const entries = all.filter((e) => !ofGateway(e));
  const plain = (PLAIN_TEXT.get(all) ?? []).map((f) => ({ path: f.path, languageId: 'plain-text', doc: { text: f.text } }));
  const host = buildHost(HOST, [...entries.map(asHostFile), ...plain], { ...DEFAULT_CONFIG, ...config }, () => true, bootOf(PLAIN_TEXT.get(all) ?? []));
  const gateway = all.filter(ofGateway);
  if (gateway.length) host.gateways = [{ folder: '../gw', host: buildHost(GATEWAY, gateway.map(asHostFile), DEFAULT_CONFIG, () => true) }];
  return host;
}

function checkReadHost(all: ReadFile[], config: Partial<HostConfig>): { findings: Finding[]; paths: HostPaths } {
  const host = buildReadHost(all, config);
  const lines = new Map(all.filter((e) => !ofGateway(e)).map((e) => [e.path, e.language.lines(e.doc)]));
  return checkHost({ host, configProblems: [], members: new Set(host.files) }, (p) => lines.get(p));
}

const UNITS = `${HOST}/${UNIT_FOLDER}/`;

/**
 * The host's boot units from in-memory files under etc/systemd/system: one in a .wants folder
 * stands for the link `systemctl enable` makes, one whose text is "-> TARGET" for a link to TARGET,
 * any other for a unit file of the host's own.
 */
function unitsOf(files: ReadonlyArray<{ path: string; text: string }>): BootUnits | undefined {
  const wants = new Map<string, string[]>();
  const links = new Map<string, string>();
  const units = new Map<string, string>();
  for (const { path, text } of files) {
    if (!path.startsWith(UNITS)) continue;
    const [first, second] = path.slice(UNITS.length).split('/');
    if (second !== undefined) wants.set(first!, [...(wants.get(first!) ?? []), second]);
    else if (text.startsWith('-> ')) links.set(first!, text.slice(3).trim());
    else units.set(first!, text);
  }
  return bootUnitsOf(UNIT_FOLDER, { wants, links, unitText: (unit) => units.get(unit) });
}

/**
 * What starts things on the host at boot, from in-memory files that ftpwall does not read as
 * documents: systemd's units (see unitsOf), the inetd and xinetd entries (etc/inetd.conf,
 * etc/xinetd.conf, etc/xinetd.d/...), the runlevel folders' links (etc/rc2.d/S01firewall) and
 * how Debian starts pure-ftpd (etc/default/pure-ftpd-common).
 */
function bootOf(files: ReadonlyArray<{ path: string; text: string }>): HostBoot {
  const inHost = new Map(files.filter((f) => f.path.startsWith(`${HOST}/`)).map((f) => [f.path.slice(HOST.length + 1), f.text]));
  const list = (folder: string) => {
    const names = [...inHost.keys()].filter((p) => p.startsWith(`${folder}/`)).map((p) => p.slice(folder.length + 1)).filter((n) => !n.includes('/'));
    return names.length ? names : undefined;
  };
  return bootFrom({ read: (path) => inHost.get(path), list }, HOST, unitsOf(files));
}

/** Applies a fix's edits to every file it touches. */
export function applyHostFix(files: Files, fix: Fix): Files {
  const result = { ...files };
  for (const [path, edits] of Object.entries(fix.edits)) {
    const applied = applyEdits(result[path] ?? '', edits);
    if (applied.skipped.length) throw new Error(`overlapping edits in ${path}`);
    result[path] = applied.text;
  }
  return result;
}

export const lines = (...all: string[]) => all.join('\n') + '\n';
export const filter = (...body: string[]) => lines('*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', ...body, 'COMMIT');
export const conf = (...body: string[]) => lines('listen=YES', 'anonymous_enable=NO', 'local_enable=YES', 'ssl_enable=YES', ...body);
