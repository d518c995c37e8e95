import type { Fix } from '../../core/findings.js';
import type { Range } from '../../core/text.js';
import type { FactName, ServerFacts } from '../../engine/server-facts.js';
import { defaultVsftpdSettings, fileAnchor, type VsftpdDocument } from './document.js';
import { appendLine, fix, setValueFix } from './edits.js';
/** The directive that sets each fact. */
const DIRECTIVE: Record<FactName, string> = {
  controlPort: 'listen_port', listen: 'listen', ipv6: 'listen_ipv6',
  passive: 'pasv_enable', passiveMin: 'pasv_min_port', passiveMax: 'pasv_max_port', announcedAddress: 'pasv_address',
  active: 'port_enable', activeSource: 'connect_from_port_20',
  tls: 'ssl_enable',
};

/**
 * vsftpd 3.0.3 run by a unit in this mode (standard input not a connection) exits with status 2
 * at once; it writes its reason to standard input, where no log sees it (measured).
 */
const STARTED_ALONE = 'vsftpd then stops at once (status 2, "vsftpd: not configured for standalone, must be started from inetd", written where no log shows it)';

const WORDING = {
  passiveOff: 'pasv_enable=NO',
  activeOff: 'port_enable=NO',
  randomActiveSource: 'connect_from_port_20 is off',
  tlsOn: 'ssl_enable=YES',
  ipv6On: 'listen_ipv6=YES',
  controlPort: "vsftpd's listen_port",
  announcedAddress: 'pasv_address',
};

/** What vsftpd does with this vsftpd.conf (its defaults without one), as the engine and the host checks read it. */
export function vsftpdFacts(vsftpd: { path: string; doc: VsftpdDocument } | undefined): ServerFacts {
  const settings = vsftpd?.doc.settings ?? defaultVsftpdSettings();
  const file = vsftpd?.doc.file;
  const fixedActivePort = settings.uint('ftp_data_port').value % 65536;
  const range = settings.passiveRange();
  return {
    server: 'vsftpd',
    path: vsftpd?.path,
    controlPort: settings.uint('listen_port').value % 65536,
    passive: settings.bool('pasv_enable').value,
    passiveRange: range,
    announcedAddress: settings.string('pasv_address').value,
    active: settings.bool('port_enable').value,
    activeSourcePort: settings.bool('connect_from_port_20').value ? fixedActivePort : undefined,
    fixedActivePort,
    tls: settings.bool('ssl_enable').value,
    ipv6: settings.bool('listen_ipv6').value,
    ...listensOn(settings, vsftpd?.path),
    // Debian's vsftpd is built with libwrap: tcp_wrappers=YES asks it about every client, as "vsftpd".
    ...(settings.bool('tcp_wrappers').value ? { tcpWrappers: { daemon: 'vsftpd', where: settingLine(vsftpd?.path, settings.winner('tcp_wrappers')) } } : {}),
    // With listen and listen_ipv6 both off, vsftpd serves one connection that inetd (or a socket unit) hands it.
    ...(settings.bool('listen').value || settings.bool('listen_ipv6').value
      ? { startedBy: { unitPrefix: 'vsftpd', binary: 'vsftpd' } }
      : vsftpd ? { perConnection: { binary: 'vsftpd', setting: 'listen=NO, listen_ipv6=NO', where: settingLine(vsftpd.path, settings.winner('listen_ipv6') ?? settings.winner('listen')), starterFiles: [], startedAlone: STARTED_ALONE } } : {}),
    wording: WORDING,
    anchor(...facts) {
      if (!vsftpd || !file) return undefined;
      for (const fact of facts) {
        const line = settings.winner(DIRECTIVE[fact]);
        if (line) return { file: vsftpd.path, range: line.range };
      }
      return { file: vsftpd.path, range: fileAnchor(file) };
    },
    setPassiveRange(low, high): Fix | undefined {
      if (!file) return undefined;
      const minLine = settings.winner('pasv_min_port'), maxLine = settings.winner('pasv_max_port');
      const edits = [
        ...(minLine ? setValueFix(file, minLine, String(low), false).edits[file.path]! : []),
        ...(maxLine ? setValueFix(file, maxLine, String(high), false).edits[file.path]! : []),
      ];
      // Lines that are missing are added together, as one edit at the end of the file.
      const missing = [...(minLine ? [] : [`pasv_min_port=${low}`]), ...(maxLine ? [] : [`pasv_max_port=${high}`])];
      if (missing.length) edits.push(appendLine(file, missing.join('\n')));
      return fix(file, `Set vsftpd's passive range to ${low}-${high}`, edits, false);
    },
    setAnnouncedAddress(address): Fix | undefined {
      return file ? fix(file, `Set pasv_address=${address}`, [appendLine(file, `pasv_address=${address}`)], false, true) : undefined;
    },
    useFixedActivePort(): Fix | undefined {
      if (!file) return undefined;
      const setting = settings.winner('connect_from_port_20');
      return setting ? setValueFix(file, setting, 'YES', false) : fix(file, 'Set connect_from_port_20=YES', [appendLine(file, 'connect_from_port_20=YES')], false);
    },
  };
}

/** Where a setting of vsftpd.conf is, for a fact that names its line. */
function settingLine(path: string | undefined, line: { range: Range } | undefined): { file: string; range: Range } | undefined {
  return path && line ? { file: path, range: line.range } : undefined;
}

/** The address vsftpd binds in standalone mode: listen_address with listen=YES, listen_address6 with listen_ipv6=YES (inetd hands it a socket). */
function listensOn(settings: VsftpdDocument['settings'], path: string | undefined): Pick<ServerFacts, 'listensOn'> {
  const directive = settings.bool('listen').value ? 'listen_address' : settings.bool('listen_ipv6').value ? 'listen_address6' : undefined;
  const address = directive ? settings.string(directive).value : undefined;
  return directive && address ? { listensOn: { address, setting: directive, where: settingLine(path, settings.winner(directive)) } } : {};
}
