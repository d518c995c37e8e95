/**
 * How Debian's pure-ftpd-wrapper (pure-ftpd-common 1.0.50-2.1) reads /etc/pure-ftpd/conf: each
 * file is one option, named as the file; its value is checked by one of the wrapper's readers and
 * turned into a pure-ftpd command-line flag. Facts from the wrapper's table, in ftpwall's words.
 */
export type ValueKind = 'yesno' | 'number' | 'two-numbers' | 'one-or-two-numbers' | 'two-numbers-or-unlimited' | 'string' | 'word' | 'umask' | 'ip' | 'filename' | 'socket' | 'any';

export interface PureOption { name: string; flag: string; kind: ValueKind; /** An authentication method, read through /etc/pure-ftpd/auth, never from conf/ itself. */ auth?: boolean }

const TABLE: Array<[string, string, ValueKind]> = [
  ['AllowAnonymousFXP', '-W', 'yesno'], ['AllowDotFiles', '-z', 'yesno'], ['AllowUserFXP', '-w', 'yesno'], ['AltLog', '-O', 'string'],
  ['AnonymousBandwidth', '-t', 'one-or-two-numbers'], ['AnonymousCanCreateDirs', '-M', 'yesno'], ['AnonymousCantUpload', '-i', 'yesno'],
  ['AnonymousOnly', '-e', 'yesno'], ['AnonymousRatio', '-q', 'two-numbers'], ['AntiWarez', '-s', 'yesno'], ['AutoRename', '-r', 'yesno'],
  ['Bind', '-S', 'string'], ['BrokenClientsCompatibility', '-b', 'yesno'], ['CallUploadScript', '-o', 'yesno'], ['ChrootEveryone', '-A', 'yesno'],
  ['CreateHomeDir', '-j', 'yesno'], ['CustomerProof', '-Z', 'yesno'], ['Daemonize', '-B', 'yesno'], ['DisplayDotFiles', '-D', 'yesno'],
  ['DontResolve', '-H', 'yesno'], ['ForcePassiveIP', '-P', 'string'], ['FortunesFile', '-F', 'filename'], ['FSCharset', '-8', 'any'],
  ['ClientCharset', '-9', 'any'], ['IPV4Only', '-4', 'yesno'], ['IPV6Only', '-6', 'yesno'], ['KeepAllFiles', '-K', 'yesno'],
  ['LimitRecursion', '-L', 'two-numbers-or-unlimited'], ['LogPID', '-1', 'yesno'], ['MaxClientsNumber', '-c', 'number'], ['MaxClientsPerIP', '-C', 'number'],
  ['MaxDiskUsage', '-k', 'number'], ['MaxIdleTime', '-I', 'number'], ['MaxLoad', '-m', 'number'], ['MinUID', '-u', 'number'], ['NATmode', '-N', 'yesno'],
  ['NoAnonymous', '-E', 'yesno'], ['NoChmod', '-R', 'yesno'], ['NoRename', '-G', 'yesno'], ['NoTruncate', '-0', 'yesno'],
  ['PassivePortRange', '-p', 'two-numbers'], ['PerUserLimits', '-y', 'two-numbers'], ['ProhibitDotFilesRead', '-X', 'yesno'], ['ProhibitDotFilesWrite', '-x', 'yesno'],
  ['Quota', '-n', 'two-numbers'], ['SyslogFacility', '-f', 'word'], ['TLS', '-Y', 'number'], ['TLSCipherSuite', '-J', 'string'], ['TrustedGID', '-a', 'number'],
  ['TrustedIP', '-V', 'ip'], ['Umask', '-U', 'umask'], ['UserBandwidth', '-T', 'one-or-two-numbers'], ['UserRatio', '-Q', 'two-numbers'], ['VerboseLog', '-d', 'yesno'],
];
const AUTH: Array<[string, ValueKind]> = [['ExtAuth', 'socket'], ['LDAPConfigFile', 'filename'], ['MySQLConfigFile', 'filename'], ['PGSQLConfigFile', 'filename'], ['PAMAuthentication', 'yesno'], ['PureDB', 'filename'], ['UnixAuthentication', 'yesno']];

export const OPTIONS: ReadonlyMap<string, PureOption> = new Map([
  ...TABLE.map(([name, flag, kind]) => [name, { name, flag, kind }] as const),
  ...AUTH.map(([name, kind]) => [name, { name, flag: '-l', kind, auth: true }] as const),
]);

/** The file names the wrapper reads at all: a letter, then letters and digits (a backup such as `TLS~` or `TLS.bak` is skipped). */
export const READ_NAME = /^[A-Za-z][A-Za-z0-9]+$/;

/**
 * The wrapper's verdict on a value: its message when it refuses (`die`), in its words; the words
 * it passes to pure-ftpd otherwise (undefined for a yes/no that is no: the option is left out).
 */
export function readValue(kind: ValueKind, value: string): { refused: string } | { words: string[] } | undefined {
  const refused = (why: string) => ({ refused: `"${value}" ${why}` });
  switch (kind) {
    case 'yesno':
      if (['yes', '1', 'on'].includes(value.toLowerCase())) return { words: [] };
      if (['no', '0', 'off'].includes(value.toLowerCase())) return undefined;
      return refused('not convertible to true or false');
    case 'number': return /\D/.test(value) ? refused('not a number') : { words: [value] };
    case 'two-numbers': { const m = /^(\d+)\s+(\d+)$/.exec(value); return m ? { words: [m[1]!, m[2]!] } : refused('not two numbers'); }
    case 'two-numbers-or-unlimited': {
      const m = /^(-?\d+)\s+(-?\d+)$/.exec(value);
      if (!m) return refused('not two numbers');
      return Number(m[1]) < -1 || Number(m[2]) < -1 ? refused('smaller than unlimited (-1)') : { words: [m[1]!, m[2]!] };
    }
    case 'one-or-two-numbers': return /^(\d+)(\s+|:)(\d+)$/.test(value) || /^(:?\d+)$/.test(value) || /^(\d+:)/.test(value) ? { words: [value] } : refused('not one or two numbers');
    case 'string': return /\s/.test(value) ? refused('contains whitespace') : { words: [value] };
    case 'word': return /^\w+$/.test(value) ? { words: [value] } : refused('contains non-word characters');
    case 'umask': return /^[0-7]{3}\s+[0-7]{3}$/.test(value) ? { words: value.split(/\s+/) } : refused('not two octal numbers');
    case 'ip': {
      const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(value);
      return m && m.slice(1).every((p) => Number(p) < 256) ? { words: [value] } : { refused: `"${value}": Invalid IP address` };
    }
    // Whether a file or socket exists is the running host's: ftpwall does not claim it.
    case 'filename': case 'socket': case 'any': return { words: [value] };
  }
}

/** What pure-ftpd itself refuses at start in a value the wrapper passed on, in its words (pure-ftpd 1.0.50). */
export function daemonRefusal(option: string, words: readonly string[]): string | undefined {
  const [a, b] = words.map(Number);
  switch (option) {
    case 'PassivePortRange': return a! < 1024 || b! > 65535 || b! < a! ? `Configuration error: Illegal ports range: ${a}:${b}` : undefined;
    case 'TLS': return a! > 3 ? 'Configuration error: TLS' : undefined;
    case 'MaxClientsPerIP': case 'MaxClientsNumber': return a === 0 ? `Configuration error: Illegal user limit: ${a}` : undefined;
    case 'LimitRecursion': return a === 0 || b === 0 ? `Configuration error: Illegal ls limits: ${a}:${b}` : undefined;
    case 'AnonymousRatio': case 'UserRatio': return a === 0 || b === 0 ? `Configuration error: Illegal ratio: ${a}:${b}` : undefined;
    default: return undefined;
  }
}


/** Why the wrapper or pure-ftpd refuses an option file, in their words; undefined when they take it. */
export function optionRefusal(doc: { read: boolean; name: string; option: PureOption | undefined; value?: { verdict: ReturnType<typeof readValue> } }): string | undefined {
  if (!doc.read) return undefined;
  if (!doc.option) return 'No corresponding directive';
  if (doc.option.auth) return undefined;
  const verdict = doc.value?.verdict;
  if (!verdict) return undefined;
  if ('refused' in verdict) return verdict.refused;
  return daemonRefusal(doc.name, verdict.words);
}
