import type { Fix } from '../../core/findings.js';
import type { FactName, ServerFacts } from '../../engine/server-facts.js';
import type { PureOptionDocument } from './document.js';

/** The option file that sets each fact. */
const OPTION: Record<FactName, string> = {
  controlPort: 'Bind', listen: 'Bind', ipv6: 'IPV4Only',
  passive: 'NATmode', passiveMin: 'PassivePortRange', passiveMax: 'PassivePortRange', announcedAddress: 'ForcePassiveIP',
  active: 'Bind', activeSource: 'Bind', tls: 'TLS',
};

const WORDING = {
  passiveOff: 'NATmode (pure-ftpd -N refuses PASV and EPSV)',
  activeOff: 'active mode off',
  randomActiveSource: 'port 20 is taken',
  tlsOn: 'TLS 2 or 3',
  ipv6On: 'no IPV4Only',
  controlPort: "Pure-FTPd's Bind",
  announcedAddress: 'ForcePassiveIP',
};

/** pure-ftpd 1.0.50 binds active data connections to port 20 (then 2, 3, ... only if 20 cannot be bound, which SO_REUSEPORT makes rare). */
const ACTIVE_SOURCE = 20;

/**
 * What Pure-FTPd does with Debian's option files (its defaults where a file is missing or refused):
 * Bind's port (21), PassivePortRange (1024-65535 without it), ForcePassiveIP, NATmode (passive
 * off), TLS (1 offered, 2 and 3 required on the control connection), IPV4Only.
 */
export function pureftpdFacts(files: readonly PureOptionDocument[]): ServerFacts {
  const byName = new Map(files.filter((f) => f.read && f.option && f.value?.verdict && 'words' in f.value.verdict).map((f) => [f.name, f]));
  const on = (name: string) => byName.has(name) && byName.get(name)!.option!.kind === 'yesno';
  const words = (name: string) => { const v = byName.get(name)?.value?.verdict; return v && 'words' in v ? v.words : undefined; };
  const bind = words('Bind')?.[0];
  const port = bind === undefined ? 21 : Number(bind.includes(',') ? bind.slice(bind.indexOf(',') + 1) : bind);
  const range = words('PassivePortRange')?.map(Number);
  const validRange = range && range[0]! >= 1024 && range[1]! <= 65535 && range[1]! >= range[0]!;
  const tlsLevel = Number(words('TLS')?.[0] ?? 0);
  const anyFile = files[0];
  const where = (name: string) => { const f = byName.get(name); return f ? { file: f.path, range: f.value!.range } : undefined; };
  const rewrite = (name: string, value: string, title: string): Fix | undefined => {
    const f = files.find((x) => x.name === name);
    // A missing option file would have to be created, which ftpwall's edits cannot do yet.
    if (!f) return undefined;
    const range = f.value?.range ?? f.anchor;
    return { title, edits: { [f.path]: [{ range, newText: value }] }, safe: false };
  };
  return {
    server: 'Pure-FTPd',
    path: anyFile?.path.replace(/\/[^/]+$/, ''),
    controlPort: Number.isInteger(port) && port > 0 && port < 65536 ? port : 21,
    passive: !on('NATmode'),
    passiveRange: validRange ? { min: range[0]!, max: range[1]!, notes: [] } : { min: 1024, max: 65535, notes: ['no PassivePortRange that pure-ftpd accepts: any port from 1024 up'] },
    announcedAddress: words('ForcePassiveIP')?.[0],
    active: true,
    activeSourcePort: ACTIVE_SOURCE,
    fixedActivePort: ACTIVE_SOURCE,
    tls: tlsLevel >= 2,
    ...(tlsLevel === 1 ? { tlsOptional: { why: 'whether the client uses TLS: TLS 1 offers it without requiring it, and a client that encrypts the control connection blinds the helper', where: where('TLS')! } } : {}),
    ipv6: !on('IPV4Only'),
    wording: WORDING,
    anchor(...facts) {
      for (const fact of facts) { const at = where(OPTION[fact]); if (at) return at; }
      return anyFile ? { file: anyFile.path, range: anyFile.anchor } : undefined;
    },
    setPassiveRange(low, high) { return rewrite('PassivePortRange', `${low} ${high}`, `Set Pure-FTPd's passive range to ${low}-${high} (conf/PassivePortRange)`); },
    setAnnouncedAddress(address) { return rewrite('ForcePassiveIP', address, `Set ForcePassiveIP to ${address}`); },
    useFixedActivePort() { return undefined; },
  };
}
