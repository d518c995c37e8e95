import { LineIndex, type Range } from '../../core/text.js';
import { daemonRefusal } from './options.js';
import { settingLines } from './setting-lines.js';

/**
 * Upstream's pure-ftpd.conf, as pure-ftpd 1.0.50 reads it itself (`pure-ftpd /etc/pure-ftpd.conf`,
 * the way Fedora, Arch and source builds run it): each line is a property and its value, matched
 * against the property's patterns in order (facts from src/simpleconf_ftpd.h, the features
 * Debian's build has); the first that fits gives pure-ftpd's option, a line no pattern fits stops
 * pure-ftpd with "syntax error" (or "property not found" when no property has that name).
 */

/** `<digits>` and the like as regular expressions; a pattern's words are separated by blanks or by a literal ':'. */
const PIECES: Record<string, string> = {
  '<digits>': '([0-9]+)', '<alnum>': '([A-Za-z0-9]+)', '<nospace>': '(\\S+)', '<any*>': '(.+?)', '<any>': '("[^"]*"|\\S+)',
};

/** [property, what follows it, the option (as Debian's files name it) and how its words map]; a '?' property takes a Boolean. */
const ENTRIES: Array<[string, string, string]> = [
  ['AllowAnonymousFXP?', '', 'AllowAnonymousFXP'], ['AllowDotFiles?', '', 'AllowDotFiles'], ['AllowUserFXP?', '', 'AllowUserFXP'], ['AltLog', '<any*>', 'AltLog'],
  ['AnonymousBandwidth', '<digits> <digits>', 'AnonymousBandwidth'], ['AnonymousBandwidth', '<digits>', 'AnonymousBandwidth'],
  ['AnonymousCanCreateDirs?', '', 'AnonymousCanCreateDirs'], ['AnonymousCantUpload?', '', 'AnonymousCantUpload'], ['AnonymousOnly?', '', 'AnonymousOnly'],
  ['AnonymousRatio', '<digits> <digits>', 'AnonymousRatio'], ['AntiWarez?', '', 'AntiWarez'], ['AutoRename?', '', 'AutoRename'], ['Bind', '<nospace>', 'Bind'],
  ['BrokenClientsCompatibility?', '', 'BrokenClientsCompatibility'], ['CertFileAndKey', '<any> <any>', 'CertFileAndKey'], ['CertFile', '<any*>', 'CertFile'],
  ['ChrootEveryone?', '', 'ChrootEveryone'], ['CreateHomeDir?', '', 'CreateHomeDir'], ['CustomerProof?', '', 'CustomerProof'], ['Daemonize?', '', 'Daemonize'],
  ['DisplayDotFiles?', '', 'DisplayDotFiles'], ['DontResolve?', '', 'DontResolve'], ['ExtCert', '<any*>', 'ExtCert'], ['ForcePassiveIP', '<nospace>', 'ForcePassiveIP'],
  ['FortunesFile', '<any*>', 'FortunesFile'], ['IPV4Only?', '', 'IPV4Only'], ['IPV6Only?', '', 'IPV6Only'], ['KeepAllFiles?', '', 'KeepAllFiles'],
  ['LimitRecursion', '<digits> <digits>', 'LimitRecursion'], ['ExtAuth', '<any*>', 'ExtAuth'], ['LDAPConfigFile', '<any*>', 'LDAPConfigFile'],
  ['MySQLConfigFile', '<any*>', 'MySQLConfigFile'], ['PAMAuthentication?', '', 'PAMAuthentication'], ['PGSQLConfigFile', '<any*>', 'PGSQLConfigFile'],
  ['PureDB', '<any*>', 'PureDB'], ['UnixAuthentication?', '', 'UnixAuthentication'], ['LogPID?', '', 'LogPID'], ['MaxClientsNumber', '<digits>', 'MaxClientsNumber'],
  ['MaxClientsPerIP', '<digits>', 'MaxClientsPerIP'], ['MaxDiskUsage', '<digits>', 'MaxDiskUsage'], ['MaxIdleTime', '<digits>', 'MaxIdleTime'], ['MaxLoad', '<digits>', 'MaxLoad'],
  ['MinUID', '<digits>', 'MinUID'], ['NATmode?', '', 'NATmode'], ['NoAnonymous?', '', 'NoAnonymous'], ['NoChmod?', '', 'NoChmod'], ['NoRename?', '', 'NoRename'],
  ['NoTruncate?', '', 'NoTruncate'], ['PassivePortRange', '<digits> <digits>', 'PassivePortRange'], ['PerUserLimits', '<digits>:<digits>', 'PerUserLimits'],
  ['PIDFile', '<any*>', 'PIDFile'], ['ProhibitDotFilesWrite?', '', 'ProhibitDotFilesWrite'], ['ProhibitDotFilesRead?', '', 'ProhibitDotFilesRead'],
  ['Quota', '<digits>:<digits>', 'Quota'], ['SyslogFacility', '<alnum>', 'SyslogFacility'], ['TLSCipherSuite', '<nospace>', 'TLSCipherSuite'], ['TLS', '<digits>', 'TLS'],
  ['TrustedGID', '<digits>', 'TrustedGID'], ['TrustedIP', '<nospace>', 'TrustedIP'], ['Umask', '<digits>:<digits>', 'Umask'], ['CallUploadScript?', '', 'CallUploadScript'],
  ['UserBandwidth', '<digits> <digits>', 'UserBandwidth'], ['UserBandwidth', '<digits>', 'UserBandwidth'], ['UserRatio', '<digits> <digits>', 'UserRatio'],
  ['VerboseLog?', '', 'VerboseLog'],
];

interface Entry { property: string; pattern: RegExp; option: string; boolean: boolean }

const PATTERNS: Entry[] = ENTRIES.map(([key, rest, option]) => {
  const boolean = key.endsWith('?');
  const property = boolean ? key.slice(0, -1) : key;
  const value = boolean ? '(yes|on|true|1|no|off|false|0)' : rest.split(/( |:)/).map((piece) => (piece === ' ' ? '\\s+' : piece === ':' ? ':' : PIECES[piece] ?? piece)).join('');
  return { property, pattern: new RegExp(`^${value}\\s*$`, 'i'), option, boolean };
});

export const UPSTREAM_PROPERTIES: ReadonlySet<string> = new Set(PATTERNS.map((e) => e.property));

/** One line pure-ftpd took: the option it sets and its words (a Boolean that is off sets nothing). */
export interface UpstreamSetting { option: string; words: string[]; range: Range; line: number }
export interface UpstreamProblem { range: Range; line: number; message: string }

export interface UpstreamConf {
  path: string; text: string; lines: LineIndex; settings: UpstreamSetting[]; problems: UpstreamProblem[];
  /** `Include` lines: pure-ftpd reads the named file there; ftpwall does not follow them yet, so what they set is unknown. */
  includes: Array<{ target: string; range: Range; line: number }>;
}

export function readUpstreamConf(text: string, path: string): UpstreamConf {
  const lines = new LineIndex(text);
  const settings: UpstreamSetting[] = [];
  const problems: UpstreamProblem[] = [];
  const includes: UpstreamConf['includes'] = [];
  const file = path.replace(/^.*(?=\/etc\/)/, '');
  for (const { line, text: trimmed, range } of settingLines(lines)) {
    const name = /^\S+/.exec(trimmed)![0];
    const value = trimmed.slice(name.length).trim();
    if (name.toLowerCase() === 'include' && value !== '') { includes.push({ target: value, range, line }); continue; }
    const candidates = PATTERNS.filter((e) => e.property.toLowerCase() === name.toLowerCase());
    const fits = candidates.map((e) => ({ e, m: e.pattern.exec(value) })).find((c) => c.m && value !== '');
    if (!fits) {
      const what = candidates.length ? 'syntax error' : 'property not found';
      problems.push({ range, line, message: `${file}:${line + 1}: ${what} line ${line + 1}: [${trimmed}]` });
      continue;
    }
    const { e, m } = fits;
    if (e.boolean) { if (/^(yes|on|true|1)$/i.test(m![1]!)) settings.push({ option: e.option, words: [], range, line }); continue; }
    settings.push({ option: e.option, words: m!.slice(1).map((w) => w.replace(/^"(.*)"$/, '$1')), range, line });
  }
  return { path, text, lines, settings, problems, includes };
}

/** Upstream's file, where pure-ftpd's own build and most distributions keep it. */
export const UPSTREAM_FILE = /(^|\/)etc\/pure-ftpd(\/pure-ftpd)?\.conf$/;

/**
 * What stops pure-ftpd in this file: the lines it cannot read (it reads the whole file before it
 * checks a value, so these come first), then the values it refuses at start (`daemon`).
 */
export function upstreamRefusals(conf: UpstreamConf): Array<{ why: string; range: Range; daemon: boolean }> {
  const unreadable = conf.problems.map((p) => ({ why: p.message, range: p.range, daemon: false }));
  const refused = conf.settings.flatMap((s) => { const why = daemonRefusal(s.option, s.words); return why ? [{ why, range: s.range, daemon: true }] : []; });
  return [...unreadable, ...refused];
}
