import type { TextEdit } from '../../core/findings.js';
import type { LineIndex } from '../../core/text.js';
import type { FirewallIntents } from '../../engine/firewall-file.js';
import { isIpv6Address } from '../../engine/client-side.js';
import { insertLineAfter, insertLineBefore } from '../iptables/edits.js';
import { commented, portArgument } from '../iptables/firewall-intents.js';
import type { PortSet } from '../../engine/port-set.js';
import type { UfwProfiles } from './command.js';
import type { AddressFamily } from '../iptables/syntax.js';
import { ruleLine, writeRule } from './user-rule.js';


/** ufw keeps a rule's comment as the hex of its UTF-8 bytes on the tuple line. */
const tupleComment = (comment: string | undefined) => (comment ? ` comment=${Buffer.from(comment, 'utf8').toString('hex')}` : '');

/**
 * The edits a host check asks of a ufw firewall, made in user.rules as `ufw allow` writes them
 * (its `### tuple ###` line, then the rule), so that `ufw status` shows them and ufw keeps them
 * when it rewrites the file. The FTP helper, which ufw's commands cannot assign, goes into
 * before.rules as a raw-table rule; ESTABLISHED replies are before.rules' own already.
 */
export function ufwIntents(userRules: { path: string; lines: LineIndex } | undefined, beforeRules?: { path: string; lines: LineIndex }, six?: UfwFamilyFiles & { shownPath: string }): FirewallIntents {
  const ipv4 = familyIntents(userRules, beforeRules, 'ipv4');
  if (!six) return ipv4;
  // IPv4's edits go where they always did (the firewall's own path when no file of ufw's is named); IPv6's only into user6.rules.
  return { ...ipv4, inFamily: (family) => (family === 'ipv4' ? { path: userRules?.path ?? six.shownPath, intents: ipv4 } : six.user && { path: six.user.path, intents: familyIntents(six.user, six.before, 'ipv6') }) };
}

/** ufw's rules files of one family: user6.rules and before6.rules for IPv6. */
export interface UfwFamilyFiles { user?: { path: string; lines: LineIndex }; before?: { path: string; lines: LineIndex } }

/** What ufw writes for one family: its chains (ufw-, ufw6-) and the tuple's "any" address. */
const FAMILY = { ipv4: { chains: 'ufw', any: '0.0.0.0/0' }, ipv6: { chains: 'ufw6', any: '::/0' } } as const;

function familyIntents(userRules: { path: string; lines: LineIndex } | undefined, beforeRules: { path: string; lines: LineIndex } | undefined, family: AddressFamily): FirewallIntents {
  const { chains, any } = FAMILY[family];
  /** Before the rule at `beforeLine` (and its tuple line), else at the end of ufw's rules section. */
  const place = (text: string, beforeLine?: number): TextEdit | undefined => {
    if (!userRules) return undefined;
    const { lines } = userRules;
    if (beforeLine !== undefined) {
      const tuple = beforeLine > 0 && lines.lineText(beforeLine - 1).startsWith('### tuple ###') ? beforeLine - 1 : beforeLine;
      return insertLineBefore(tuple, `${text}\n`);
    }
    for (let line = 0; line < lines.lineCount; line++) {
      const content = lines.lineText(line).trim();
      if (content === '### END RULES ###' || content === 'COMMIT') return insertLineBefore(line, `${text}\n`);
    }
    return undefined;
  };
  return {
    acceptInbound(ports, placement = {}) {
      if (ports.ranges.length !== 1 || placement.established) return undefined;
      const text = portArgument(ports);
      const match = ports.size === 1 ? `--dport ${text}` : `-m multiport --dports ${text}`;
      return place(`### tuple ### allow tcp ${text} ${any} any ${any} in${tupleComment(placement.comment)}\n-A ${chains}-user-input -p tcp ${match} -j ACCEPT`, placement.beforeLine);
    },
    acceptOutboundFrom(ports, placement = {}) {
      if (ports.ranges.length !== 1) return undefined;
      const text = portArgument(ports);
      const match = ports.size === 1 ? `--sport ${text}` : `-m multiport --sports ${text}`;
      return place(`### tuple ### allow tcp any ${any} ${text} ${any} out${tupleComment(placement.comment)}\n-A ${chains}-user-output -p tcp ${match} -j ACCEPT`, placement.beforeLine);
    },
    acceptEstablished: () => undefined,
    // The helper, ICMPv6 and, on a router, the nat table go into before.rules (as the ufw guides write it); a routed accept is what `ufw route allow` writes.
    fileOf: (intent) => (intent === 'forward-accept' || intent === 'forward-accept-from' ? userRules?.path : beforeRules?.path),
    // A router's NAT and routed accepts are written for IPv4 only.
    forwardTo: (ports, address) => (family === 'ipv4' && beforeRules && ports.ranges.length === 1 ? natRule(beforeRules.lines, 'PREROUTING', `-p tcp --dport ${portArgument(ports)} -j DNAT --to-destination ${address}`) : undefined),
    masqueradeFrom: (address) => (family === 'ipv4' && beforeRules ? natRule(beforeRules.lines, 'POSTROUTING', `-s ${address} -j MASQUERADE`) : undefined),
    forwardAccept(ports, address, placement = {}) {
      // ufw keeps IPv6 rules in user6.rules, which this intent does not write.
      if (ports.ranges.length !== 1 || isIpv6Address(address) || family === 'ipv6') return undefined;
      const [to, from] = [{ address, port: portArgument(ports) }, { address: 'any' }];
      const rule = { action: 'allow', direction: 'in', route: true, protocol: 'tcp', to: placement.fromAddress ? from : to, from: placement.fromAddress ? to : from, ...(placement.comment ? { comment: placement.comment } : {}) } as const;
      const [written] = writeRule(rule, 'ipv4', NO_PROFILES);
      return written && place([written.tuple, ...written.rules.map(ruleLine)].join('\n'), placement.beforeLine);
    },
    // ufw writes no raw-table rule of its own: the assignment goes at the end of before.rules, which ufw loads with --noflush.
    assignFtpHelper({ connect: port }) {
      if (!beforeRules) return undefined;
      const { lines } = beforeRules;
      const end = lines.positionAt(lines.text.length);
      const newline = lines.text.endsWith('\n') || lines.text === '' ? '' : '\n';
      return { range: { start: end, end }, newText: `${newline}\n# The FTP helper for connections to port ${port} (ufw assigns none itself)\n*raw\n-A PREROUTING -p tcp --dport ${port} -j CT --helper ftp\nCOMMIT\n` };
    },
    /**
     * At the top of ufw6-before-input (or -output) in before6.rules: ufw's commands write no
     * ICMPv6 rule, and that chain runs before every other of ufw's for the hook.
     */
    acceptNeighbourDiscovery(drop, placement = {}) {
      if (family !== 'ipv6' || !beforeRules) return undefined;
      const chain = `${chains}-before-${drop.hook === 'INPUT' ? 'input' : 'output'}`;
      const { lines } = beforeRules;
      const first = [...Array(lines.lineCount).keys()].find((line) => lines.lineText(line).startsWith(`-A ${chain} `));
      return first === undefined ? undefined : insertLineBefore(first, `-A ${chain} ${commented('-p ipv6-icmp -j ACCEPT', placement.comment)}`);
    },
    rewritePorts: () => undefined,
    moveAbove: () => undefined,
    commandFor(intent, ports) {
      if (ports.ranges.length !== 1) return undefined;
      return intent === 'accept-inbound' ? `ufw allow ${portArgument(ports)}/tcp` : `ufw allow out from any port ${portArgument(ports)} proto tcp`;
    },
  };
}

const NO_PROFILES: UfwProfiles = { ports: () => undefined, complete: true };

/**
 * A rule for a built-in chain of the nat table in before.rules, which ufw loads with --noflush:
 * before the COMMIT of its *nat block, or in a block of its own at the top of the file, where the
 * ufw guides put it.
 */
function natRule(lines: LineIndex, chain: 'PREROUTING' | 'POSTROUTING', rule: string): TextEdit {
  let table: string | undefined;
  for (let line = 0; line < lines.lineCount; line++) {
    const text = lines.lineText(line).trim();
    if (text.startsWith('*')) table = text.slice(1);
    else if (text === 'COMMIT' && table === 'nat') return insertLineBefore(line, `-A ${chain} ${rule}`);
  }
  // Above the first table and the comment that introduces it ("Don't delete these required lines").
  let at = Math.max(0, [...Array(lines.lineCount).keys()].find((line) => lines.lineText(line).startsWith('*')) ?? 0);
  while (at > 0 && lines.lineText(at - 1).startsWith('#')) at--;
  return insertLineBefore(at, `# NAT for the FTP server behind this router (ftpwall)\n*nat\n:${chain} ACCEPT [0:0]\n-A ${chain} ${rule}\nCOMMIT\n`);
}

/**
 * The edits a host check asks of ufw when a script configures it with `ufw` commands: the
 * command added after the script's last `ufw` rule command, written as that one is (its
 * indentation, `sudo`), so the rule is saved before `ufw enable` loads them.
 */
export function ufwScriptIntents(script: { lines: LineIndex; lastRuleLine: number }): FirewallIntents {
  const written = script.lines.lineText(script.lastRuleLine);
  const lead = /^\s*(?:sudo\s+)?(?:\S*\/)?ufw\b/.exec(written)?.[0] ?? 'ufw';
  const after = (command: string): TextEdit => insertLineAfter(script.lines, script.lastRuleLine, `${lead} ${command}`);
  const inbound = (ports: PortSet) => (ports.ranges.length === 1 ? `allow ${portArgument(ports)}/tcp` : undefined);
  const outbound = (ports: PortSet) => (ports.ranges.length === 1 ? `allow out from any port ${portArgument(ports)} proto tcp` : undefined);
  return {
    acceptInbound(ports, placement = {}) {
      const command = placement.established ? undefined : inbound(ports);
      return command ? after(command) : undefined;
    },
    acceptOutboundFrom(ports) { const command = outbound(ports); return command ? after(command) : undefined; },
    acceptEstablished: () => undefined,
    // ufw's commands cannot assign a conntrack helper.
    assignFtpHelper: () => undefined,
    rewritePorts: () => undefined,
    moveAbove: () => undefined,
    commandFor(intent, ports) {
      const command = intent === 'accept-inbound' ? inbound(ports) : outbound(ports);
      return command && `ufw ${command}`;
    },
  };
}
