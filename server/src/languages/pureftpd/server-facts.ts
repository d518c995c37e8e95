import type { Fix } from '../../core/findings.js';
import type { Range } from '../../core/text.js';
import type { FactName, ServerFacts } from '../../engine/server-facts.js';
import type { PureOptionDocument } from './document.js';
import { daemonRefusal, optionRefusal } from './options.js';
import { upstreamRefusals, type UpstreamConf } from './upstream.js';

/** One option that took effect: its words and where they are written. */
export interface PureSetting { words: readonly string[]; file: string; range: Range }

/** Pure-FTPd's options, whichever way they are written (Debian's folder, upstream's file). */
export interface PureSource {
  /** By the option's name (Debian's file names); a yes/no option is here only when it is on. */
  settings: ReadonlyMap<string, PureSetting>;
  path: string | undefined;
  anchor: { file: string; range: Range } | undefined;
  /** What the options load that ftpwall does not read (an Include): the facts may differ. */
  unknowns?: ServerFacts['unknowns'];
  /** The first refusal of the wrapper or of pure-ftpd: it does not start. */
  refusesToStart?: ServerFacts['refusesToStart'];
  /** Sets an option, in the source's own way of writing it. */
  set(name: string, words: readonly string[], title: string): Fix | undefined;
}

/** The option that sets each fact. */
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
 * What Pure-FTPd does with its options (its defaults where one is missing or refused): Bind's port
 * (21), PassivePortRange (1024-65535 without one it accepts), ForcePassiveIP, NATmode (passive
 * off), TLS (1 offered, 2 and 3 required on the control connection), IPV4Only.
 */
export function pureftpdFacts(source: PureSource): ServerFacts {
  const { settings } = source;
  const words = (name: string) => settings.get(name)?.words;
  const bind = words('Bind')?.[0];
  const port = bind === undefined ? 21 : Number(bind.includes(',') ? bind.slice(bind.indexOf(',') + 1) : bind);
  const range = words('PassivePortRange');
  const validRange = range && daemonRefusal('PassivePortRange', range) === undefined;
  const tlsLevel = Number(words('TLS')?.[0] ?? 0);
  const where = (name: string) => { const s = settings.get(name); return s ? { file: s.file, range: s.range } : undefined; };
  return {
    server: 'Pure-FTPd',
    path: source.path,
    controlPort: Number.isInteger(port) && port > 0 && port < 65536 ? port : 21,
    passive: !settings.has('NATmode'),
    passiveRange: validRange ? { min: Number(range[0]), max: Number(range[1]), notes: [] } : { min: 1024, max: 65535, notes: ['no PassivePortRange that pure-ftpd accepts: any port from 1024 up'] },
    announcedAddress: words('ForcePassiveIP')?.[0],
    active: true,
    activeSourcePort: ACTIVE_SOURCE,
    fixedActivePort: ACTIVE_SOURCE,
    tls: tlsLevel >= 2,
    ...(tlsLevel === 1 ? { tlsOptional: { why: 'whether the client uses TLS: TLS 1 offers it without requiring it, and a client that encrypts the control connection blinds the helper', where: where('TLS')! } } : {}),
    ipv6: !settings.has('IPV4Only'),
    // "Bind 10.0.0.5,21": that address only; ",21" or "21" every one.
    ...(bind?.includes(',') && bind.slice(0, bind.indexOf(',')) ? { listensOn: { address: bind.slice(0, bind.indexOf(',')), setting: 'Bind', where: where('Bind') } } : {}),
    ...(source.unknowns?.length ? { unknowns: source.unknowns } : {}),
    ...(source.refusesToStart ? { refusesToStart: source.refusesToStart } : {}),
    wording: WORDING,
    anchor(...facts) {
      for (const fact of facts) { const at = where(OPTION[fact]); if (at) return at; }
      return source.anchor;
    },
    setPassiveRange(low, high) { return source.set('PassivePortRange', [String(low), String(high)], `Set Pure-FTPd's passive range to ${low}-${high} (PassivePortRange)`); },
    setAnnouncedAddress(address) { return source.set('ForcePassiveIP', [address], `Set ForcePassiveIP to ${address}`); },
    useFixedActivePort() { return undefined; },
  };
}

/** Debian's /etc/pure-ftpd/conf: a file per option; a missing one is made beside the others (as `echo 40000 40100 > PassivePortRange` does). */
export function optionFolderSource(files: readonly PureOptionDocument[]): PureSource {
  const settings = new Map<string, PureSetting>();
  for (const f of files) {
    const verdict = f.value?.verdict;
    if (f.read && f.option && verdict && 'words' in verdict) settings.set(f.name, { words: verdict.words, file: f.path, range: f.value!.range });
  }
  const first = files[0];
  const folder = first?.path.replace(/\/[^/]+$/, '');
  const refused = files.map((f) => ({ f, why: optionRefusal(f) })).find((r) => r.why);
  return {
    settings,
    ...(refused ? { refusesToStart: { why: refused.why!, where: { file: refused.f.path, range: refused.f.value?.range ?? refused.f.anchor } } } : {}),
    path: folder,
    anchor: first ? { file: first.path, range: first.anchor } : undefined,
    set(name, words, title) {
      const file = files.find((x) => x.name === name);
      if (file) return { title, edits: { [file.path]: [{ range: file.value?.range ?? file.anchor, newText: words.join(' ') }] }, safe: false };
      if (!folder) return undefined;
      const path = `${folder}/${name}`;
      const start = { line: 0, character: 0 };
      return { title, edits: { [path]: [{ range: { start, end: start }, newText: `${words.join(' ')}\n` }] }, creates: [path], safe: false };
    },
  };
}

/** Upstream's pure-ftpd.conf: a line per option; a missing one is added at the end. */
export function upstreamSource(conf: UpstreamConf): PureSource {
  const settings = new Map<string, PureSetting>();
  // pure-ftpd takes options in order: a later one replaces an earlier one, except ForcePassiveIP, where the first stays.
  for (const s of conf.settings) if (s.option !== 'ForcePassiveIP' || !settings.has(s.option)) settings.set(s.option, { words: s.words, file: conf.path, range: s.range });
  const first = conf.settings[0];
  const [refusal] = upstreamRefusals(conf);
  return {
    settings,
    ...(refusal ? { refusesToStart: { why: refusal.why, where: { file: conf.path, range: refusal.range } } } : {}),
    unknowns: conf.includes.map((i) => ({ why: `what the Include of ${i.target} sets (ftpwall does not follow pure-ftpd.conf's includes yet)`, where: { path: conf.path, range: i.range, line: i.line } })),
    path: conf.path,
    anchor: { file: conf.path, range: first?.range ?? conf.lines.range(0, conf.lines.lineEnd(0)) },
    set(name, words, title) {
      const line = conf.settings.filter((s) => s.option === name).at(-1);
      if (line) return { title, edits: { [conf.path]: [{ range: line.range, newText: `${name} ${words.join(' ')}` }] }, safe: false };
      const end = conf.lines.positionAt(conf.text.length);
      const needsBreak = conf.text.length > 0 && !conf.text.endsWith('\n');
      return { title, edits: { [conf.path]: [{ range: { start: end, end }, newText: `${needsBreak ? '\n' : ''}${name} ${words.join(' ')}\n` }] }, safe: false };
    },
  };
}
