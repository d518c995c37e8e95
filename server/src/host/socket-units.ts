import { isIP } from 'node:net';
import { join } from 'node:path';
import { execStartWords, UNIT_FOLDER, type BootUnits } from './boot-units.js';
import type { InetdLaunch } from './inetd-launch.js';

const TRUE = /^(1|yes|y|true|t|on)$/i;

/** One setting of a unit file's section, with its line. */
interface UnitSetting { readonly name: string; readonly value: string; readonly line: number; readonly length: number }

function sectionSettings(text: string, section: string): UnitSetting[] {
  const settings: UnitSetting[] = [];
  let inside = false;
  text.split('\n').forEach((raw, line) => {
    const written = raw.replace(/\r$/, '');
    const content = written.trim();
    if (/^\[.*\]$/.test(content)) { inside = content === `[${section}]`; return; }
    const match = inside ? /^([A-Za-z0-9]+)\s*=\s*(.*)$/.exec(content) : null;
    if (match) settings.push({ name: match[1]!, value: match[2]!, line, length: written.length });
  });
  return settings;
}

/** The program an ExecStart line runs, without systemd's prefixes ("-/usr/sbin/vsftpd /etc/vsftpd.conf" runs /usr/sbin/vsftpd). */
function execProgram(text: string | undefined): string | undefined {
  const line = text && sectionSettings(text, 'Service').find((s) => s.name === 'ExecStart' && s.value !== '');
  return line ? execStartWords(line.value)[0] : undefined;
}

/**
 * The families and address of a ListenStream= value, as systemd binds it (measured with
 * systemd-socket-activate, which reads addresses as socket units do): a port alone or "[::]:PORT"
 * is an IPv6 socket that takes IPv4 clients as well, unless BindIPv6Only=ipv6-only; an IPv4
 * address one IPv4 socket; another IPv6 address that address only. Undefined for what is not a
 * TCP address (a path, an abstract socket, a name).
 */
function listenAddress(value: string, ipv6Only: boolean): Pick<InetdLaunch, 'port' | 'ipv4' | 'ipv6' | 'address'> | undefined {
  const bare = /^\d+$/.exec(value);
  const v6 = /^\[([^\]]+)\]:(\d+)$/.exec(value);
  const v4 = /^([\d.]+):(\d+)$/.exec(value);
  if (bare) return { port: Number(value), ipv4: !ipv6Only, ipv6: true };
  if (v6 && isIP(v6[1]!) === 6) return v6[1] === '::' ? { port: Number(v6[2]), ipv4: !ipv6Only, ipv6: true } : { port: Number(v6[2]), ipv4: false, ipv6: true, address: v6[1]! };
  if (v4 && isIP(v4[1]!) === 4) return { port: Number(v4[2]), ipv4: true, ipv6: false, ...(v4[1] === '0.0.0.0' ? {} : { address: v4[1]! }) };
  return undefined;
}

/**
 * The socket units of the host's own (in etc/systemd/system) started at boot that hand each
 * connection to a service of its own (Accept=yes, the template NAME@.service): each ListenStream=
 * is one launch of what that service runs (its ExecStart where the host holds the template, else
 * the program the socket is named for).
 */
export function socketLaunches(units: BootUnits | undefined, root: string): InetdLaunch[] {
  if (!units) return [];
  return units.started().filter((unit) => unit.endsWith('.socket')).flatMap((unit) => {
    const text = units.unitText(unit);
    if (text === undefined) return [];
    const settings = sectionSettings(text, 'Socket');
    if (!TRUE.test(settings.filter((s) => s.name === 'Accept').at(-1)?.value ?? '')) return [];
    const ipv6Only = settings.filter((s) => s.name === 'BindIPv6Only').at(-1)?.value === 'ipv6-only';
    const name = unit.slice(0, -'.socket'.length);
    const runs = execProgram(units.unitText(`${name}@.service`)) ?? `/usr/sbin/${name}`;
    // An empty ListenStream= drops the addresses given before it.
    const listens = settings.filter((s) => s.name === 'ListenStream');
    const from = listens.map((s) => s.value).lastIndexOf('');
    return listens.slice(from + 1).flatMap((listen) => {
      const address = listenAddress(listen.value, ipv6Only);
      if (!address) return [];
      return [{
        by: 'systemd' as const,
        runs,
        ...address,
        access: [],
        where: { path: join(root, UNIT_FOLDER, unit), range: { start: { line: listen.line, character: 0 }, end: { line: listen.line, character: listen.length } }, line: listen.line },
        shown: `${unit}:${listen.line + 1} (ListenStream=${listen.value})`,
      }];
    });
  });
}
