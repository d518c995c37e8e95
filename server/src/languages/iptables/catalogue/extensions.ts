import { atLoad, refusedByOtherVersions, type Refusal, type ExtensionSpec, type OptionSpec, type GivenOptions, type RuleContext } from './types.js';
import { icmpTypeError } from './icmp-types.js';
import {
  CONNTRACK_STATES, CONNTRACK_STATUSES, LOG_LEVELS, REJECT_TYPES_IPV4, REJECT_TYPES_IPV6, STATE_NAMES, UINT32_MAX,
  protocolNumber, readAddressList, readIpv4, readIpv6, unknownName, readNatPorts, readNatRange, readPortList, readPortRange,
  readPacketRate, readTcpFlags, readUnsigned,
} from './values.js';

/** libxt_limit keeps a rate in 1/10000 s. */
const LIMIT_SCALE = 10000;
/** libxt_hashlimit (revision 2 on) keeps a rate in 1/1000000 s. */
const HASHLIMIT_SCALE = 1000000;

function limitRateRefusal(value: string): string | undefined {
  const reading = readPacketRate(value, LIMIT_SCALE);
  return reading === 'bad' ? `bad rate "${value}"'` : reading === 'too fast' ? `Rate too fast "${value}"` : undefined;
}

/** --hashlimit-upto/-above: a packet rate, or bytes (N b, kb or mb, with an optional /unit). */
const hashlimitRate = (option: string) => (value: string): string | undefined => {
  // A byte rate has no "too fast": its count and unit are read as a packet rate's, with no bound.
  if (/^\d+(b|kb|mb)(\/[a-z]+)?$/i.test(value)) return readPacketRate(value.replace(/^(\d+)(b|kb|mb)/i, '$1'), Infinity) === 'bad' ? badHashlimit(option, value) : undefined;
  const reading = readPacketRate(value, HASHLIMIT_SCALE);
  return reading === 'bad' ? badHashlimit(option, value) : reading === 'too fast' ? `Rate too fast "${value}"` : undefined;
};
const badHashlimit = (option: string, value: string) => `hashlimit: Bad value for "--${option}" option: "${value}"`;

/** An IPv4 rule takes any 32-bit prefix length and keeps 32 for a longer one (measured, iptables 1.8.9); IPv6 takes 0-128. */
function connlimitMask(value: string, context: RuleContext): string | undefined {
  const longest = context.family === 'ipv4' ? 32 : 128;
  if (readUnsigned(value, context.family === 'ipv4' ? UINT32_MAX : 128) !== undefined) return undefined;
  return `connlimit: bad value for option "--connlimit-mask", neither a valid network mask nor valid CIDR (0-${longest}).`;
}

/** The verdicts iptables itself gives (no extension behind them, no options). */
const STANDARD_TARGETS: Readonly<Record<string, string>> = {
  ACCEPT: 'Lets the packet through this table.',
  DROP: 'Discards the packet silently; the sender waits for a time-out.',
  RETURN: 'Returns to the calling chain (or applies the policy in a built-in chain).',
  QUEUE: 'Hands the packet to the program reading netfilter queue 0 (as NFQUEUE without options), which accepts or drops it; with no program reading, the packet is dropped.',
};

const PORT_PROTOCOLS = ['tcp', 'udp', 'udplite', 'sctp', 'dccp'];
/** The protocols (by number) whose ports the NAT targets translate: TCP, UDP, SCTP, DCCP, and ICMP (its id). */
const NAT_PORT_PROTOCOLS = new Set([6, 17, 132, 33, 1]);
const NAT_PORTS_NEED = 'Need TCP, UDP, SCTP or DCCP with port specification';
const natPortsAllowed = (context: RuleContext) => NAT_PORT_PROTOCOLS.has(protocolNumber(context.protocol ?? '') ?? -1);

const portRangeCheck = (value: string, context: RuleContext) => {
  // The udp match reads numbers through getaddrinfo (decimal), the tcp match as strtoul in base 0.
  const udp = context.protocol === 'udp';
  const result = readPortRange(value, context.protocol ?? 'tcp', udp ? 10 : 0);
  if (typeof result !== 'string') return undefined;
  return (udp && wrappedPortsLoadedAs(value, result)) || result;
};

const ULONG_MAX = 2n ** 64n - 1n;

/**
 * iptables 1.8.9's udp match and conntrack's port options take any decimal getaddrinfo takes (up
 * to ULONG_MAX), keep its low 16 bits, and check no range's order (measured with iptables-restore
 * and iptables-save); iptables' own test vectors expect both refused. Undefined where 1.8.9
 * refuses the value too.
 */
function wrappedPortsLoadedAs(value: string, refusal: string): Refusal | undefined {
  const parts = /^(\d*)(?::(\d*))?$/.exec(value);
  if (!parts) return undefined;
  const [, lowText = '', highText] = parts;
  for (const part of [lowText, highText]) if (part && BigInt(part) > ULONG_MAX) return `Port "${part}" does not resolve to anything.`;
  const wrapped = (text: string) => Number(BigInt(text) % 65536n);
  const low = lowText ? wrapped(lowText) : 0;
  const high = highText === undefined ? low : highText ? wrapped(highText) : 65535;
  const loadedAs = low > high ? `with its range running backwards (${low}:${high}), so that it matches no packet`
    : `as ${low === high ? `port ${low}` : `ports ${low}:${high}`} (the number kept to its last 16 bits)`;
  return refusedByOtherVersions(refusal, loadedAs);
}

/** Port ranges inside conntrack: read as the udp match reads them (measured: 70000 loads as 4464, 30:20 as written). */
const conntrackPortRange = (value: string) => {
  const result = readPortRange(value, 'tcp', 10);
  return typeof result === 'string' ? wrappedPortsLoadedAs(value, result) ?? result : undefined;
};

const portListCheck = (ranges: boolean) => (value: string, context: RuleContext) => {
  const result = readPortList(value, context.protocol ?? 'tcp', ranges);
  return typeof result === 'string' ? result : undefined;
};

const unsigned = (max: number, message: (v: string) => string, min = 0) => (value: string) => (readUnsigned(value, max, min) === undefined ? message(value) : undefined);

const required = (name: string, ...options: string[]) => (given: GivenOptions) =>
  options.some((o) => given.has(o)) ? undefined : `${name}: option "--${options[0]}" must be specified`;

const flagsCheck = (value: string) => { const read = readTcpFlags(value); return typeof read === 'number' ? undefined : `Unknown TCP flag \`${read.unknown}'`; };

/** Both set the flags the rule matches, so iptables takes one of them, once (its wording has two spaces). */
const ONE_FLAGS_OPTION = "Only one of `--syn' or `--tcp-flags'  allowed";

const tcpOrUdp = (protocol: 'tcp' | 'udp'): ExtensionSpec => ({
  name: protocol,
  kind: 'match',
  judged: true,
  describe: protocol === 'tcp' ? 'Matches TCP packets by port and flags. Loaded by `-p tcp` when a TCP option follows.' : 'Matches UDP packets by port. Loaded by `-p udp` when a UDP option follows.',
  options: [
    { name: 'source-port', aliases: ['sport'], args: 1, check: portRangeCheck, repeatMessage: 'Only one `--source-port\' allowed', describe: 'Source port or range (`N`, `N:M`, `:M`, `N:`); service names from /etc/services work too.' },
    { name: 'destination-port', aliases: ['dport'], args: 1, check: portRangeCheck, repeatMessage: 'Only one `--destination-port\' allowed', describe: 'Destination port or range (`N`, `N:M`, `:M`, `N:`); service names from /etc/services work too.' },
    ...(protocol === 'tcp' ? [
      { name: 'tcp-flags', args: 2, check: flagsCheck, onceWith: 'flags', repeatMessage: ONE_FLAGS_OPTION, describe: 'Two comma lists of SYN, ACK, FIN, RST, URG, PSH, ALL, NONE: the flags to examine, then those that must be set.' },
      { name: 'syn', args: 0, onceWith: 'flags', repeatMessage: ONE_FLAGS_OPTION, describe: 'Only connection openings: SYN set, ACK, RST and FIN clear.' },
      { name: 'tcp-option', args: 1, check: unsigned(255, (v) => `Unknown TCP option \`${v}'`), describe: 'Packets carrying this TCP option number.' },
    ] satisfies OptionSpec[] : []),
  ],
  complete: (_given, context) =>
    context.protocol === protocol ? undefined : `${protocol.toUpperCase()} match requires '-p ${protocol}'`,
});

const stateList = (names: readonly string[], label: string) => (value: string) => {
  const bad = unknownName(value, names);
  return bad === undefined ? undefined : `Bad ${label} "${bad}"`;
};

const natTarget = (name: 'DNAT' | 'SNAT', option: 'to-destination' | 'to-source'): ExtensionSpec => ({
  name,
  kind: 'target',
  judged: true,
  describe: name === 'DNAT'
    ? 'Rewrites the destination address (and port) of new connections: port forwarding. Only in the nat table, PREROUTING and OUTPUT.'
    : 'Rewrites the source address (and port) of new connections to a fixed address. Only in the nat table, POSTROUTING and INPUT.',
  options: [
    { name: option, args: 1, describe: 'ADDR[-ADDR][:PORT[-PORT]]; a port needs -p tcp, udp, sctp or dccp.', repeatMessage: `${name}: Multiple --${option} not supported`, check: (value, context) => {
      const range = readNatRange(value, context.family, name);
      // iptables looks at the protocol before it reads the ports.
      if (range.hasPorts && !natPortsAllowed(context)) return NAT_PORTS_NEED;
      return range.error;
    } },
    { name: 'random', args: 0, describe: 'Randomises the source port mapping.' },
    { name: 'persistent', args: 0, describe: 'Gives a client the same address on every connection.' },
    ...(name === 'SNAT' ? [{ name: 'random-fully', args: 0, describe: 'Fully randomises the port mapping.' } as OptionSpec] : []),
  ],
  complete: (given) => (given.has(option) ? undefined : `${name}: option "--${option}" must be specified`),
});

const portsTarget = (name: 'MASQUERADE' | 'REDIRECT'): ExtensionSpec => ({
  name,
  kind: 'target',
  judged: true,
  describe: name === 'MASQUERADE'
    ? 'Rewrites the source address of new connections to the outgoing interface\'s address: NAT for a dynamic address. Only in nat POSTROUTING.'
    : 'Sends new connections to a port of this host. Only in the nat table, PREROUTING and OUTPUT.',
  options: [
    { name: 'to-ports', args: 1, describe: 'PORT[-PORT]; needs -p tcp, udp, sctp or dccp.', check: (value, context) => {
      if (!natPortsAllowed(context)) return NAT_PORTS_NEED;
      const ports = readNatPorts(value, name);
      return 'error' in ports ? ports.error : undefined;
    } },
    { name: 'random', args: 0, describe: 'Randomises the port mapping.' },
    ...(name === 'MASQUERADE' ? [{ name: 'random-fully', args: 0, describe: 'Fully randomises the port mapping.' } as OptionSpec] : []),
  ],
});

/** The extensions an FTP firewall uses: their options are checked as iptables checks them. */
const JUDGED: ExtensionSpec[] = [
  tcpOrUdp('tcp'),
  tcpOrUdp('udp'),
  {
    name: 'multiport', kind: 'match', judged: true, protocolFirst: true,
    describe: 'Matches up to 15 ports or ranges in one rule (a range counts twice). Needs -p tcp, udp, udplite, sctp or dccp.',
    options: [
      { name: 'source-ports', aliases: ['sports'], args: 1, check: portListCheck(true), describe: 'Comma list of source ports and N:M ranges.' },
      { name: 'destination-ports', aliases: ['dports'], args: 1, check: portListCheck(true), describe: 'Comma list of destination ports and N:M ranges.' },
      { name: 'ports', args: 1, check: portListCheck(true), describe: 'Comma list of ports that may be either source or destination.' },
    ],
    complete: (given, context) => {
      if (context.protocolNegated) return 'multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP';
      if (!PORT_PROTOCOLS.includes(context.protocol ?? '')) return "multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'";
      return given.size === 0 ? 'multiport: option "--ports" must be specified' : undefined;
    },
  },
  {
    name: 'state', kind: 'match', judged: true,
    describe: 'Matches the connection-tracking state: NEW, ESTABLISHED, RELATED, INVALID, UNTRACKED. The older spelling of `-m conntrack --ctstate`.',
    options: [{ name: 'state', args: 1, check: stateList(STATE_NAMES, 'state'), describe: 'Comma list of NEW, ESTABLISHED, RELATED, INVALID, UNTRACKED. RELATED covers FTP data connections only when the FTP helper is assigned to the control connection.' }],
    complete: required('state', 'state'),
  },
  {
    name: 'conntrack', kind: 'match', judged: true,
    describe: 'Matches connection-tracking details: state, status, direction, original and reply addresses and ports.',
    options: [
      { name: 'ctstate', args: 1, check: stateList(CONNTRACK_STATES, 'ctstate'), describe: 'Comma list of NEW, ESTABLISHED, RELATED, INVALID, UNTRACKED, SNAT, DNAT.' },
      { name: 'ctstatus', args: 1, check: stateList(CONNTRACK_STATUSES, 'ctstatus'), describe: 'Comma list of NONE, EXPECTED, SEEN_REPLY, ASSURED, CONFIRMED.' },
      { name: 'ctdir', args: 1, check: (v) => (['ORIGINAL', 'REPLY'].includes(v.toUpperCase()) ? undefined : `Unknown --ctdir "${v}"`), describe: 'ORIGINAL or REPLY: the direction of the packet within its connection.' },
      { name: 'ctproto', args: 1, check: (v) => { const n = protocolNumber(v); return n === undefined ? `unknown protocol "${v}" specified` : n === 0 ? refusedByOtherVersions('conntrack: "--ctproto 0" is not supported', 'as written, matching no connection (none has protocol 0; with "!", every one)') : undefined; }, describe: 'The layer-4 protocol of the connection.' },
      ...['ctorigsrc', 'ctorigdst', 'ctreplsrc', 'ctrepldst'].map((name): OptionSpec => ({ name, args: 1, check: (v, c) => readAddressList(v, c.family).error, describe: 'An address (or network) of the connection\'s original or reply direction.' })),
      ...['ctorigsrcport', 'ctorigdstport', 'ctreplsrcport', 'ctrepldstport'].map((name): OptionSpec => ({ name, args: 1, check: conntrackPortRange, describe: 'A port or N:M range of the connection\'s original or reply direction.' })),
      { name: 'ctexpire', args: 1, check: (v) => { const [a, b, more] = v.split(':'); const lo = readUnsigned(a ?? '', UINT32_MAX), hi = b === undefined ? lo : readUnsigned(b, UINT32_MAX); if (more !== undefined || lo === undefined || hi === undefined) return 'conntrack: bad value for option "--ctexpire"'; return lo > hi ? refusedByOtherVersions('conntrack: bad value for option "--ctexpire"', 'with its range running backwards, so that it matches no connection') : undefined; }, describe: 'Remaining lifetime in seconds, or a N:M range.' },
    ],
    complete: (given) => (given.size === 0 ? 'conntrack: At least one option is required' : undefined),
  },
  {
    name: 'helper', kind: 'match', judged: true,
    describe: 'Matches connections created by a conntrack helper, such as the data connections the FTP helper expects ("ftp").',
    options: [{ name: 'helper', args: 1, check: (v) => (v.length > 29 ? 'helper name too long' : undefined), describe: 'The helper\'s name, for example `ftp`; with a port, `ftp-2121`.' }],
    complete: required('helper', 'helper'),
  },
  {
    name: 'comment', kind: 'match', judged: true,
    describe: 'Attaches a comment (at most 255 characters) to a rule; it matches every packet.',
    options: [{ name: 'comment', args: 1, check: (v) => (v.length > 255 ? refusedByOtherVersions('comment: "--comment" must be no longer than 255 characters', 'with the comment cut to its first 255 characters') : undefined), describe: 'The comment text.' }],
    complete: required('comment', 'comment'),
  },
  {
    name: 'iprange', kind: 'match', judged: true,
    describe: 'Matches a source or destination address range such as 10.0.0.5-10.0.0.20.',
    options: ['src-range', 'dst-range'].map((name): OptionSpec => ({ name, args: 1, describe: 'FROM-TO addresses.', check: (v, c) => {
      // FROM-TO, or a single address (a range of one).
      const [from, to, more] = v.split('-');
      const ok = (a: string | undefined) => a !== undefined && (c.family === 'ipv4' ? readIpv4(a) !== undefined : readIpv6(a));
      return more === undefined && ok(from) && (to === undefined || ok(to)) ? undefined : `iprange match: Bad IP address "${v}"`;
    } })),
    complete: (given) => (given.size === 0 ? 'iprange match: You must specify `--src-range\' or `--dst-range\'' : undefined),
  },
  {
    name: 'limit', kind: 'match', judged: true,
    describe: 'Matches at most a given rate of packets (a token bucket), often used before LOG.',
    options: [
      { name: 'limit', args: 1, check: limitRateRefusal, describe: 'N/second, N/minute, N/hour or N/day (units may be abbreviated); 3/hour when absent.' },
      { name: 'limit-burst', args: 1, check: unsigned(10000, (v) => `bad --limit-burst \`${v}'`), describe: 'How many packets may match at once before the rate applies (default 5).' },
    ],
  },
  {
    name: 'recent', kind: 'match', judged: true,
    describe: 'Remembers addresses in a named list and matches on them, for rate limiting or port knocking.',
    options: [
      ...['set', 'rcheck', 'update', 'remove'].map((name): OptionSpec => ({ name, args: 0, describe: 'What to do with the packet\'s address in the list (exactly one of --set, --rcheck, --update, --remove).' })),
      { name: 'name', args: 1, describe: 'The list\'s name (DEFAULT when absent).' },
      { name: 'seconds', args: 1, check: unsigned(UINT32_MAX, (v) => `recent: bad value for option "--seconds", or out of range (0-4294967295)` + (v ? '' : '')), describe: 'Only addresses seen within this many seconds.' },
      { name: 'hitcount', args: 1, check: (v) => (/^\d+$/.test(v) && Number(v) > 65535 ? atLoad('recent: "--hitcount" is out of range (0-65535)') : readUnsigned(v, 65535) === undefined ? 'recent: bad value for option "--hitcount", or out of range (0-65535)' : undefined), describe: 'Only addresses seen at least this many times.' },
      { name: 'reap', args: 0, describe: 'Drops entries older than --seconds.' },
      { name: 'rttl', args: 0, describe: 'Also compares the TTL.' },
      { name: 'rsource', args: 0, describe: 'Remember source addresses (the default).' },
      { name: 'rdest', args: 0, describe: 'Remember destination addresses.' },
      { name: 'mask', args: 1, check: (v, c) => ((c.family === 'ipv4' ? readIpv4(v) !== undefined : readIpv6(v)) ? undefined : `recent: bad value for option "--mask"`), describe: 'Netmask applied to the remembered address.' },
    ],
    complete: (given) => {
      const actions = ['set', 'rcheck', 'update', 'remove'].filter((a) => given.has(a));
      if (actions.length !== 1) return 'recent: you must specify one of `--set\', `--rcheck\' `--update\' or `--remove\'';
      if (given.has('rttl') && !given.has('rcheck') && !given.has('update')) return 'recent: --rttl is only valid with --rcheck or --update';
      if (given.has('reap') && !given.has('seconds')) return 'recent: --reap is only valid with --seconds';
      return undefined;
    },
  },
  {
    name: 'connlimit', kind: 'match', judged: true,
    describe: 'Matches on the number of connections a client (or network) already has open.',
    options: [
      { name: 'connlimit-upto', args: 1, check: unsigned(UINT32_MAX, () => 'connlimit: bad value for option "--connlimit-upto", or out of range (0-4294967295)'), describe: 'Matches while the count is at most N.' },
      { name: 'connlimit-above', args: 1, check: unsigned(UINT32_MAX, () => 'connlimit: bad value for option "--connlimit-above", or out of range (0-4294967295)'), describe: 'Matches when the count is above N.' },
      { name: 'connlimit-mask', args: 1, check: connlimitMask, describe: 'Groups clients by this prefix length.' },
      { name: 'connlimit-saddr', args: 0, describe: 'Counts per source address (the default).' },
      { name: 'connlimit-daddr', args: 0, describe: 'Counts per destination address.' },
    ],
    complete: (given) => {
      if (!given.has('connlimit-upto') && !given.has('connlimit-above')) return 'connlimit: You must specify "--connlimit-upto" or "--connlimit-above"';
      if (given.has('connlimit-upto') && given.has('connlimit-above')) return 'connlimit: "--connlimit-upto" and "--connlimit-above" are mutually exclusive';
      if (given.has('connlimit-saddr') && given.has('connlimit-daddr')) return 'connlimit: "--connlimit-saddr" and "--connlimit-daddr" are mutually exclusive';
      return undefined;
    },
  },
  {
    name: 'hashlimit', kind: 'match', judged: true,
    describe: 'Rate limiting per client (or per port, per network), with its own named table.',
    options: [
      { name: 'hashlimit-upto', aliases: ['hashlimit'], args: 1, check: hashlimitRate('hashlimit-upto'), describe: 'Matches while the rate is at most this.' },
      { name: 'hashlimit-above', args: 1, check: hashlimitRate('hashlimit-above'), describe: 'Matches when the rate is above this.' },
      { name: 'hashlimit-burst', args: 1, describe: 'Burst size.' },
      { name: 'hashlimit-mode', args: 1, check: (v) => (v.split(',').every((m) => ['srcip', 'srcport', 'dstip', 'dstport'].includes(m)) ? undefined : 'hashlimit: bad value for option "--hashlimit-mode"'), describe: 'What to count separately: srcip, srcport, dstip, dstport.' },
      { name: 'hashlimit-name', args: 1, describe: 'The name of the table (required).' },
      ...['hashlimit-srcmask', 'hashlimit-dstmask', 'hashlimit-htable-size', 'hashlimit-htable-max', 'hashlimit-htable-gcinterval', 'hashlimit-htable-expire', 'hashlimit-rate-interval', 'hashlimit-rate-match'].map((name): OptionSpec => ({ name, args: name === 'hashlimit-rate-match' ? 0 : 1, describe: 'Table tuning.' })),
    ],
    complete: (given) => {
      if (!given.has('hashlimit-upto') && !given.has('hashlimit-above')) return 'hashlimit: option "--hashlimit-upto" must be specified';
      if (!given.has('hashlimit-name')) return 'hashlimit: option "--hashlimit-name" must be specified';
      return undefined;
    },
    completeWithValues: (values) => {
      // In byte mode ("96b/s") the burst is in bytes too and may not be below the rate's amount.
      const rate = values.get('hashlimit-upto') ?? values.get('hashlimit-above');
      const bytes = rate ? /^(\d+)(b|kb|mb)(\/|$)/i.exec(rate) : null;
      const burst = values.get('hashlimit-burst');
      if (!bytes || burst === undefined) return undefined;
      const amount = Number(bytes[1]) * ({ b: 1, kb: 1024, mb: 1048576 } as Record<string, number>)[bytes[2]!.toLowerCase()]!;
      const burstBytes = /^(\d+)(b|kb|mb)?$/i.exec(burst);
      const burstAmount = burstBytes ? Number(burstBytes[1]) * ({ b: 1, kb: 1024, mb: 1048576 } as Record<string, number>)[(burstBytes[2] ?? 'b').toLowerCase()]! : 0;
      return burstAmount < amount ? `burst cannot be smaller than ${bytes[1]}${bytes[2]}` : undefined;
    },
  },
  {
    name: 'icmp', kind: 'match', family: 'ipv4', judged: true,
    describe: 'Matches ICMP messages by type (and code). Loaded by -p icmp.',
    options: [{ name: 'icmp-type', args: 1, check: (v) => icmpTypeError(v, 'ipv4'), describe: 'A type name such as echo-request, or TYPE[/CODE].' }],
    complete: (given, context) => (context.protocol !== 'icmp' ? "ICMP match requires '-p icmp'" : given.size === 0 ? 'icmp: option "--icmp-type" must be specified' : undefined),
  },
  {
    name: 'icmp6', kind: 'match', family: 'ipv6', judged: true,
    describe: 'Matches ICMPv6 messages by type (and code). Loaded by -p icmpv6.',
    options: [{ name: 'icmpv6-type', args: 1, check: (v) => icmpTypeError(v, 'ipv6'), describe: 'A type name such as echo-request, or TYPE[/CODE].' }],
  },
  ...Object.entries(STANDARD_TARGETS).map(([name, describe]): ExtensionSpec => ({ name, kind: 'target', judged: true, options: [], describe })),
  {
    name: 'REJECT', kind: 'target', judged: true,
    describe: 'Discards the packet and answers with an ICMP error (or a TCP reset), so the sender fails at once. Only in the filter table (INPUT, FORWARD, OUTPUT and the chains they reach).',
    options: [{ name: 'reject-with', args: 1, describe: 'The answer: icmp-port-unreachable (default), icmp-host-prohibited, tcp-reset (needs -p tcp), ...', check: (v, c) => ((c.family === 'ipv4' ? REJECT_TYPES_IPV4 : REJECT_TYPES_IPV6).includes(v) ? undefined : `unknown reject type "${v}"`) }],
  },
  {
    name: 'LOG', kind: 'target', judged: true,
    describe: 'Writes a kernel log line about the packet and lets it continue to the next rule.',
    options: [
      { name: 'log-level', args: 1, check: (v) => (/^[0-7]$/.test(v) || v in LOG_LEVELS ? undefined : `log level "${v}" unknown\n`), describe: 'Syslog level: 0-7 or emerg, alert, crit, error, warning, notice, info, debug.' },
      { name: 'log-prefix', args: 1, describe: 'Text put before the log line; the kernel keeps at most 29 characters.' },
      ...['log-tcp-sequence', 'log-tcp-options', 'log-ip-options', 'log-uid', 'log-macdecode'].map((name): OptionSpec => ({ name, args: 0, describe: 'Adds this detail to the log line.' })),
    ],
  },
  {
    name: 'CT', kind: 'target', judged: true,
    describe: 'Sets connection-tracking parameters for new connections, most importantly `--helper ftp` (assigns the FTP helper, needed since kernel 4.7) and `--notrack`. Only in the raw table.',
    options: [
      { name: 'notrack', args: 0, describe: 'Do not track these connections at all.' },
      { name: 'helper', args: 1, describe: 'The conntrack helper to assign, for example `ftp`.' },
      { name: 'ctevents', args: 1, describe: 'Which conntrack events to generate.' },
      { name: 'expevents', args: 1, describe: 'Which expectation events to generate.' },
      { name: 'zone', args: 1, check: (v) => (readUnsigned(v.replace(/^mark$/, '0'), 65535) === undefined ? `CT: bad value for option "--zone", or out of range (0-65535)` : undefined), describe: 'Conntrack zone number.' },
      { name: 'zone-orig', args: 1, describe: 'Conntrack zone for the original direction.' },
      { name: 'zone-reply', args: 1, describe: 'Conntrack zone for the reply direction.' },
      { name: 'timeout', args: 1, describe: 'A timeout policy name.' },
    ],
    complete: (given) => (given.size === 0 ? refusedByOtherVersions('CT: no option given', 'as a CT target that changes nothing') : undefined),
  },
  { name: 'NOTRACK', kind: 'target', judged: true, options: [], describe: 'Exempts the packet from connection tracking (old form of `-j CT --notrack`). Only in the raw table.' },
  natTarget('DNAT', 'to-destination'),
  natTarget('SNAT', 'to-source'),
  portsTarget('MASQUERADE'),
  portsTarget('REDIRECT'),
];

/** Every other match and target iptables 1.8.9 ships: known by name, options accepted without judging. */
const OTHER_MATCHES = [
  'addrtype', 'ah', 'bpf', 'cgroup', 'cluster', 'connbytes', 'connlabel', 'connmark', 'cpu', 'dccp', 'devgroup', 'dscp', 'ecn', 'esp',
  'hl', 'ipcomp', 'ipvs', 'length', 'mac', 'mark', 'nfacct', 'osf', 'owner', 'physdev', 'pkttype', 'policy', 'quota', 'rateest', 'realm',
  'rpfilter', 'sctp', 'set', 'socket', 'statistic', 'string', 'tcpmss', 'time', 'tos', 'ttl', 'u32', 'udplite', 'dst', 'eui64', 'frag', 'hbh',
  'ipv6header', 'mh', 'rt', 'srh', 'standard',
];
const OTHER_TARGETS = [
  'AUDIT', 'CHECKSUM', 'CLASSIFY', 'CLUSTERIP', 'CONNMARK', 'CONNSECMARK', 'DSCP', 'ECN', 'HL', 'HMARK', 'IDLETIMER', 'LED', 'MARK', 'NETMAP',
  'NFLOG', 'NFQUEUE', 'RATEEST', 'SECMARK', 'SET', 'SYNPROXY', 'TCPMSS', 'TCPOPTSTRIP', 'TEE', 'TOS', 'TPROXY', 'TRACE', 'TTL', 'ULOG', 'DNPT', 'SNPT',
];
const IPV4_ONLY = new Set(['ah', 'realm', 'ttl', 'CLUSTERIP', 'ECN', 'TTL', 'ULOG', 'icmp']);
const IPV6_ONLY = new Set(['hl', 'dst', 'eui64', 'frag', 'hbh', 'ipv6header', 'mh', 'rt', 'srh', 'HL', 'DNPT', 'SNPT', 'icmp6']);

function unjudged(name: string, kind: 'match' | 'target'): ExtensionSpec {
  const family = IPV4_ONLY.has(name) ? 'ipv4' : IPV6_ONLY.has(name) ? 'ipv6' : undefined;
  return {
    name, kind, judged: false, options: [], ...(family ? { family } : {}),
    describe: `A ${kind} shipped with iptables. ftpwall knows its name but does not check its options; it accepts them as written and cannot say how this ${kind} affects FTP.`,
  };
}

export const EXTENSIONS: readonly ExtensionSpec[] = [...JUDGED, ...OTHER_MATCHES.map((n) => unjudged(n, 'match')), ...OTHER_TARGETS.map((n) => unjudged(n, 'target'))];

const byKind = (kind: 'match' | 'target') => new Map(EXTENSIONS.filter((e) => e.kind === kind).map((e) => [e.name, e]));
export const MATCHES: ReadonlyMap<string, ExtensionSpec> = byKind('match');
export const TARGETS: ReadonlyMap<string, ExtensionSpec> = byKind('target');

/** Protocols whose match iptables loads by itself when one of its options follows `-p`. */
export const IMPLICIT_MATCH: Readonly<Record<string, string>> = { tcp: 'tcp', udp: 'udp', icmp: 'icmp', icmpv6: 'icmp6', sctp: 'sctp', dccp: 'dccp', udplite: 'udplite', esp: 'esp', ah: 'ah', mh: 'mh' };
