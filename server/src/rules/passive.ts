import type { Fix } from '../core/findings.js';
import { PortSet } from '../engine/port-set.js';
import { decidedAt, droppedBeyondFix } from '../engine/walk.js';
import { commandNote, openingRules, serverAnchor } from './anchors.js';
import { firewallOf, type HostContext, type HostRule } from './host-rule.js';
import { newInbound } from '../engine/constraints.js';
import type { HelperState } from '../engine/helper.js';


/**
 * Does a rule open what looks like a passive range: one unbroken range of at least two ports,
 * clear of the control port? A list of separate ports ("80,443,8080") opens services.
 */
function looksLikePassiveRange(ports: PortSet, control: PortSet): boolean {
  return ports.ranges.length === 1 && ports.size >= 2 && ports.intersect(control).isEmpty;
}

/** A range small enough to open in a firewall, for hosts where the server still uses its default range (vsftpd's 5001-65535). */
const SUGGESTED_RANGE = PortSet.range(40000, 40100);

/**
 * Opens the passive range in the firewall, in its style, before the first rule that blocks it.
 * When the server's range is huge (vsftpd's default), the fix instead gives the server a small range
 * and opens that: one edit in its configuration and one in the firewall file.
 */
function openRangeFix(context: HostContext): Fix | undefined {
  const fw = context.firewall;
  if (!fw) return undefined;
  const { passive, server } = context.paths;
  const huge = passive.ports.size > 1000;
  const ports = huge ? SUGGESTED_RANGE : passive.ports;
  if (ports.ranges.length !== 1) return undefined;
  if (droppedBeyondFix(passive.outcomes)) return undefined;
  const blocker = passive.outcomes[0]?.decisions.find((d) => d.verdict === 'drop' && !d.onlyIf && d.rule && decidedAt(d)!.path === fw.path);
  const edit = fw.doc.intents.acceptInbound(ports, { comment: `ftpwall: ${server.server} passive ports`, ...(blocker ? { beforeLine: decidedAt(blocker)!.line } : {}) });
  if (!edit) return undefined;
  const as = commandNote(fw.doc.intents.commandFor?.('accept-inbound', ports));
  if (!huge) return { title: `Accept ${server.server}'s passive ports ${ports} in ${fw.path.split('/').pop()}${as}`, edits: { [fw.path]: [edit] }, safe: false, preferred: true };
  const range = setRangeFix(context, ports);
  if (!range) return undefined;
  const where = range.creates?.[0] ?? Object.keys(range.edits)[0] ?? server.path;
  return { title: `Use passive ports ${ports} in ${where?.split('/').pop()} and accept them in ${fw.path.split('/').pop()}${as}`, edits: { ...range.edits, [fw.path]: [edit] }, ...(range.creates ? { creates: range.creates } : {}), safe: false, preferred: true };
}

/** The passive range as a service of its own (firewalld: a custom service file named in the zone), where the firewall keeps services and the host has none of that name. */
function serviceFix(context: HostContext): Fix | undefined {
  const fw = context.firewall;
  const { passive, server } = context.paths;
  if (!fw?.doc.intents.acceptInboundAsService || passive.ports.size > 1000 || passive.ports.ranges.length !== 1) return undefined;
  const name = 'ftp-passive';
  const made = fw.doc.intents.acceptInboundAsService(passive.ports, name, `${server.server} passive ports`);
  if (!made || made.creates.some((file) => context.host.files.includes(file))) return undefined;
  return { title: `Accept ${server.server}'s passive ports ${passive.ports} as a service of their own (${name}, a new file in services/)`, edits: made.edits, creates: made.creates, safe: false };
}

/** Sets the server's passive range to the given ports, in its own configuration. */
export function setRangeFix(context: HostContext, ports: PortSet): Fix | undefined {
  if (ports.ranges.length !== 1) return undefined;
  const [low, high] = ports.ranges[0]!;
  return context.paths.server.setPassiveRange(low, high);
}


export function assignHelperFix(context: HostContext): Fix | undefined {
  const fw = context.firewall;
  if (!fw) return undefined;
  const port = context.paths.server.controlPort;
  const ports = context.paths.controlPorts ?? { connect: port, arrives: port };
  const edit = fw.doc.intents.assignFtpHelper(ports);
  const file = fw.doc.intents.fileOf?.('assign-helper') ?? fw.path;
  const named = ports.connect === ports.arrives ? `port ${port}` : `control connections (port ${ports.connect}, sent to ${ports.arrives})`;
  return edit ? { title: `Assign the FTP helper to ${named} in ${file.split('/').pop()}`, edits: { [file]: [edit] }, safe: false } : undefined;
}

export const passiveBlocked: HostRule = {
  id: 'ftp/passive-blocked',
  severity: 'warning',
  summary: 'Passive data connections are blocked (all or some of vsftpd\'s passive ports)',
  docs: {
    detects: 'A host where the firewall does not accept new (or, with a working FTP helper, RELATED) connections to every port vsftpd may pick for passive mode.',
    why: 'Users log in, then `ls` and every transfer hang: vsftpd announces a port the firewall drops. If only part of the range is open, FTP works now and then, whenever vsftpd happens to pick an open port.',
    fix: 'Give vsftpd a small range (pasv_min_port/pasv_max_port) and accept exactly that range before the rule that drops it; or assign the FTP helper (plain FTP only).',
    before: 'pasv_min_port=40000\npasv_max_port=40100\n# firewall opens only 21',
    after: '-A INPUT -p tcp --dport 40000:40100 -j ACCEPT',
    language: 'text',
  },
  check(context, report) {
    const passive = context.paths.passive;
    if (passive.verdict !== 'blocked' || passive.refusedByServer || !context.firewall) return;
    const anchor = serverAnchor(context, 'passiveMin', 'passiveMax', 'passive');
    if (!anchor) return;
    const fixes = [openRangeFix(context), serviceFix(context)];
    if (!context.paths.helper?.works && helperFixHelps(context.paths.helper)) fixes.push(assignHelperFix(context));
    report({
      ...anchor,
      message: `Passive data connections are blocked: ${passive.reason}`,
      related: passive.deciding.map((d) => ({ file: d.path, range: d.range, message: 'blocks passive data connections' })),
      fixes: fixes.filter((f): f is Fix => !!f),
    });
  },
};

export const passiveConditional: HostRule = {
  id: 'ftp/passive-conditional',
  severity: 'information',
  summary: 'Passive data connections work only for some clients or in some cases',
  docs: {
    detects: 'A passive range that the firewall opens only under conditions it cannot know for every client or packet: a source address, an interface, a rate limit, a program reading a queue.',
    why: 'FTP works from some places and not from others; that may be intended (an office network), but it is worth knowing which.',
    fix: 'Nothing, if intended; otherwise widen the rule.',
    before: '-A INPUT -s 10.0.0.0/8 -p tcp --dport 40000:40100 -j ACCEPT',
    after: '-A INPUT -p tcp --dport 40000:40100 -j ACCEPT',
    language: 'text',
  },
  check(context, report) {
    const passive = context.paths.passive;
    // A verdict that depends on how the firewall is loaded is ftp/depends-on-unknown's.
    if (passive.verdict !== 'conditional' || passive.dependsOn) return;
    const anchor = serverAnchor(context, 'passiveMin', 'passiveMax', 'passive');
    if (anchor) report({ ...anchor, message: `Passive data connections work only in some cases: ${passive.reason}` });
  },
};

export const rangeMismatch: HostRule = {
  id: 'ftp/firewall-range-mismatch',
  severity: 'warning',
  summary: 'The firewall opens a port range other than vsftpd\'s passive range',
  docs: {
    detects: 'A firewall rule that opens one unbroken range of ports which overlaps little or nothing of the range vsftpd picks passive ports from. Lists of separate ports (`--dports 80,443,8080`) are other services and are not reported.',
    why: 'The range was meant for FTP but does not match vsftpd (copied from another host, or vsftpd\'s range changed): passive mode fails and ports are open that nothing uses.',
    fix: 'Make the two agree: set pasv_min_port and pasv_max_port to the firewall\'s range, or change the rule to vsftpd\'s range.',
    before: '# vsftpd.conf: pasv_min_port=50000 pasv_max_port=50099\n-A INPUT -p tcp --dport 2222:2225 -j ACCEPT',
    after: '-A INPUT -p tcp --dport 50000:50099 -j ACCEPT',
    language: 'text',
  },
  check(context, report) {
    const passive = context.paths.passive;
    if (passive.verdict === 'disabled' || passive.verdict === 'unknown' || !context.firewall) return;
    const control = context.paths.control.ports;
    // A range that is another of the host's FTP services' passive range (ProFTPD's virtual hosts) is no mismatch.
    const others = context.host.servers.filter((s) => s !== context.paths.server).map((s) => PortSet.range(s.passiveRange.min, s.passiveRange.max));
    for (const { rule, ports } of openingRules(context)) {
      if (!looksLikePassiveRange(ports, control) || ports.contains(passive.ports) || ports.intersect(passive.ports).size * 2 > ports.size) continue;
      if (others.some((range) => range.intersect(ports).size * 2 > ports.size)) continue;
      if (ports.has(20) || ports.has(22) || ports.size > 20000) continue;
      const fixes = [setRangeFix(context, ports)];
      const rewritten = firewallOf(context, rule.where.path)?.doc.intents.rewritePorts(rule, passive.ports);
      if (rewritten) fixes.push({ title: `Change the rule to ${context.paths.server.server}'s range ${passive.ports}`, edits: { [rule.where.path]: [rewritten] }, safe: false });
      report({
        file: rule.where.path,
        range: rule.where.range,
        message: `This rule opens ports ${ports} for FTP, but ${context.paths.server.server} picks passive ports from ${passive.ports}${passive.ports.intersect(ports).isEmpty ? ': none of them' : `: only ${passive.ports.intersect(ports)} of them`}.`,
        related: [context.paths.server.anchor('passiveMin')].flatMap((at) => (at ? [{ ...at, message: `${context.paths.server.server}'s passive range` }] : [])),
        fixes: fixes.filter((f): f is Fix => !!f),
      });
    }
  },
};

export const rangeTooBroad: HostRule = {
  id: 'ftp/firewall-range-too-broad',
  severity: 'information',
  summary: 'The firewall opens far more ports than vsftpd uses for passive mode',
  docs: {
    detects: 'A rule that opens vsftpd\'s passive range inside a much larger range (at least ten times as many ports, and more than 1,000).',
    why: 'Every other service listening on those ports is exposed too; a passive range needs only as many ports as simultaneous transfers.',
    fix: 'Narrow the rule to vsftpd\'s range.',
    before: '-A INPUT -p tcp --dport 1024:65535 -j ACCEPT',
    after: '-A INPUT -p tcp --dport 40000:40100 -j ACCEPT',
    language: 'text',
  },
  check(context, report) {
    const passive = context.paths.passive;
    if (passive.verdict === 'disabled' || passive.verdict === 'unknown' || passive.ports.ranges.length !== 1) return;
    for (const { rule, ports } of openingRules(context)) {
      if (!ports.contains(passive.ports) || ports.size < passive.ports.size * 10 || ports.size <= 1000) continue;
      const narrowed = firewallOf(context, rule.where.path)?.doc.intents.rewritePorts(rule, passive.ports);
      report({
        file: rule.where.path,
        range: rule.where.range,
        message: `This rule opens ${ports.size} ports (${ports}) for a passive range of ${passive.ports.size} (${passive.ports}).`,
        fixes: narrowed ? [{ title: `Narrow the rule to ${context.paths.server.server}'s range ${passive.ports}`, edits: { [rule.where.path]: [narrowed] }, safe: false, preferred: true }] : [],
      });
    }
  },
};

export const rangeOpenWhileDisabled: HostRule = {
  id: 'ftp/passive-open-but-disabled',
  severity: 'information',
  summary: 'The firewall opens a passive range while vsftpd has passive mode off',
  docs: {
    detects: 'pasv_enable=NO together with a firewall rule that opens a range of ports that looks like a passive range (the range vsftpd would use).',
    why: 'The ports are open for nothing; either passive mode was meant to be on, or the rule can go.',
    fix: 'Remove the rule, or turn passive mode back on.',
    before: 'pasv_enable=NO\n-A INPUT -p tcp --dport 40000:40100 -j ACCEPT',
    after: 'pasv_enable=NO',
    language: 'text',
  },
  check(context, report) {
    if (context.paths.passive.verdict !== 'disabled') return;
    const range = context.paths.server.passiveRange;
    const would = PortSet.range(range.min, range.max);
    for (const { rule, ports } of openingRules(context)) {
      if (ports.size < 2 || ports.intersect(would).isEmpty || ports.size > 20000 || ports.has(21)) continue;
      report({ file: rule.where.path, range: rule.where.range, message: `This rule opens ports ${ports}, but ${context.paths.server.server} has passive mode off (${context.paths.server.wording.passiveOff}).`, related: [] });
    }
  },
};

export const relatedWithoutHelper: HostRule = {
  id: 'ftp/related-without-helper',
  severity: 'warning',
  summary: 'The firewall relies on RELATED for FTP data, but the FTP helper does not work here',
  docs: {
    detects: 'A firewall that accepts RELATED connections and opens no passive range, on a host where the FTP conntrack helper is not loaded, not assigned, watches another port, never sees the control connection because a notrack exempts it from connection tracking, or cannot read it because of TLS.',
    why: 'RELATED covers FTP data connections only when the helper reads the PASV/PORT exchange. Since kernel 4.7 that needs an explicit assignment, and with TLS it can never work; then data connections are NEW and get dropped.',
    fix: 'Assign the helper (iptables: `-t raw -A PREROUTING -p tcp --dport 21 -j CT --helper ftp`; nftables: a `ct helper` object of type "ftp" and `tcp dport 21 ct helper set` in a prerouting chain), or, with TLS, open the passive range explicitly.',
    before: '-A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT',
    after: '*raw\n-A PREROUTING -p tcp --dport 21 -j CT --helper ftp\nCOMMIT',
    language: 'text',
  },
  check(context, report) {
    const helper = context.paths.helper;
    if (!helper || helper.works || !context.firewall || context.paths.passive.verdict !== 'blocked' || context.paths.passive.refusedByServer) return;
    // Where the firewall opens an explicit range, that range is what matters (see ftp/firewall-range-mismatch).
    const control = context.paths.control.ports;
    if (openingRules(context).some(({ ports }) => looksLikePassiveRange(ports, control))) return;
    const relatedRule = relatedAccept(context);
    if (!relatedRule) return;
    const fix = helperFixHelps(helper) ? assignHelperFix(context) : undefined;
    report({
      file: relatedRule.where.path,
      range: relatedRule.where.range,
      message: `RELATED does not cover FTP data connections here: ${helper.explanation}.`,
      fixes: fix ? [fix] : [],
    });
  },
};

/** Assigning the helper makes it work, unless TLS hides the control connection or a notrack keeps it untracked. */
const helperFixHelps = (helper: HelperState | undefined): boolean => helper?.missing !== 'tls' && helper?.missing !== 'tracking';

/** The first rule on the way in that accepts RELATED connections, and not new ones: "RELATED,ESTABLISHED -j ACCEPT", "ct state established,related accept". */
function relatedAccept(context: HostContext) {
  const model = context.paths.firewall;
  if (!model) return undefined;
  const related = { ...newInbound(model.family), state: 'RELATED' as const, label: 'a related connection' };
  const fresh = newInbound(model.family);
  const opens = (m: { definite: PortSet; conditional: PortSet }) => !m.definite.union(m.conditional).isEmpty;
  for (const chain of model.baseChains('INPUT')) {
    if (chain.acceptsAddedElsewhere) continue;
    const found = chain.rules.find((r) => r.action.kind === 'accept' && opens(r.match(related)) && !opens(r.match(fresh)));
    if (found) return found;
  }
  return undefined;
}

export const passiveRangeSmall: HostRule = {
  id: 'ftp/passive-range-small',
  severity: 'information',
  summary: 'A passive range of only a few ports limits simultaneous transfers',
  docs: {
    detects: 'A passive range (open in the firewall) of fewer than 10 ports.',
    why: 'Each passive listing or transfer holds one port until it ends; with four ports the fifth simultaneous transfer fails (vsftpd gives up after a few tries to find a free port).',
    fix: 'Allow as many ports as transfers you expect at once, with some room: 50 to 100 is common.',
    before: 'pasv_min_port=2222\npasv_max_port=2225',
    after: 'pasv_min_port=40000\npasv_max_port=40100',
    language: 'vsftpd',
  },
  check(context, report) {
    const passive = context.paths.passive;
    if (passive.verdict !== 'open' || passive.ports.size >= 10) return;
    const anchor = serverAnchor(context, 'passiveMax', 'passiveMin');
    if (anchor) report({ ...anchor, message: `The passive range ${passive.ports} has ${passive.ports.size} port${passive.ports.size === 1 ? '' : 's'}: at most ${passive.ports.size} passive transfer${passive.ports.size === 1 ? '' : 's'} can run at a time.` });
  },
};
