import type { Range } from '../core/text.js';

/**
 * A stream service of inetd.conf as Debian's openbsd-inetd reads it: one line each,
 * `[ADDRESS:]SERVICE stream PROTOCOL WAIT USER PROGRAM ARGUMENTS...`. Lines that start with "#"
 * are comments (update-inetd disables a line by writing "#<off># " before it).
 */
export interface InetdEntry {
  /** The service name or port number as written. */
  readonly service: string;
  /** The address written before the service ("127.0.0.1:ftp"), undefined for all ("*" or none). */
  readonly address: string | undefined;
  readonly protocol: string;
  /** The program inetd runs for a connection: tcpd's own program where tcpd wraps it. */
  readonly runs: string;
  /** tcpd stands between: libwrap is asked first, with the wrapped program's name. */
  readonly wrapped: boolean;
  readonly line: number;
  readonly range: Range;
  readonly text: string;
}

/** The stream services of an inetd.conf; lines of other socket types and lines too short to run anything are left out. */
export function inetdEntries(text: string): InetdEntry[] {
  const entries: InetdEntry[] = [];
  text.split('\n').forEach((raw, line) => {
    const written = raw.replace(/\r$/, '');
    const fields = written.trim().split(/\s+/);
    if (written.trimStart().startsWith('#') || fields.length < 6 || fields[1] !== 'stream') return;
    const [place, , protocol, , , program, ...args] = fields as [string, string, string, string, string, string, ...string[]];
    const colon = place.lastIndexOf(':');
    const address = colon === -1 ? undefined : place.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
    // tcpd runs the program its first argument names (argv[0] of the server, by inetd's convention).
    const wrapped = basename(program) === 'tcpd' && args[0] !== undefined;
    entries.push({
      service: colon === -1 ? place : place.slice(colon + 1),
      address: address === '*' || address === '' ? undefined : address,
      protocol,
      runs: wrapped ? args[0]! : program,
      wrapped,
      line,
      range: { start: { line, character: 0 }, end: { line, character: written.length } },
      text: written.trim(),
    });
  });
  return entries;
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * The families a protocol of Debian's openbsd-inetd listens on, as measured with the real daemon:
 * "tcp" opens an IPv4 and an IPv6 socket, "tcp4" IPv4 only, "tcp6" an IPv6-only socket, and
 * "tcp46" nothing at all.
 */
export function inetdFamilies(protocol: string): { ipv4: boolean; ipv6: boolean } | undefined {
  switch (protocol) {
    case 'tcp': return { ipv4: true, ipv6: true };
    case 'tcp4': return { ipv4: true, ipv6: false };
    case 'tcp6': return { ipv4: false, ipv6: true };
    case 'tcp46': return { ipv4: false, ipv6: false };
    default: return undefined;
  }
}
