import { BUILTIN_CHAIN_NAMES } from '../tables.js';
import { nearestNames } from '../../../core/nearest-names.js';
import { commandsWithTarget } from '../command-index.js';
import { rulesetOf } from '../document.js';
import { fixOf, replace } from '../edits.js';
import { targetOption, targetOptionWord } from '../rule-meaning.js';
import type { FirewallDocument } from '../document.js';
import type { ReadCommand } from '../read-command.js';
import type { FirewallRule } from './rule-type.js';

/** Where the kernel accepts each target (table, and built-in chains when it matters), as loading each into each built-in chain shows (test/differential/target-places.test.ts). */
const TARGET_PLACES: Record<string, { tables: string[]; chains?: string[] }> = {
  CT: { tables: ['raw'] },
  NOTRACK: { tables: ['raw'] },
  DNAT: { tables: ['nat'], chains: ['PREROUTING', 'OUTPUT'] },
  REDIRECT: { tables: ['nat'], chains: ['PREROUTING', 'OUTPUT'] },
  SNAT: { tables: ['nat'], chains: ['POSTROUTING', 'INPUT'] },
  MASQUERADE: { tables: ['nat'], chains: ['POSTROUTING'] },
  REJECT: { tables: ['filter'], chains: ['INPUT', 'FORWARD', 'OUTPUT'] },
};

/** The targets this rule looks at: DROP (refused in nat) and those with a place above. */
const JUDGED_TARGETS = [...new Set(['DROP', ...Object.keys(TARGET_PLACES)])];

/** Only these commands put a rule, and so its target, into the kernel. */
const ADDS_RULE = new Set(['A', 'I', 'R']);

/** Whether `chain` of `table` is built in: the ruleset knows (a user chain may be named PREROUTING); without one, by its name. */
type BuiltinTest = (table: string, chain: string) => boolean | undefined;

/** Why the kernel refuses the command's target `name` where the command puts it, if it does. */
function misplacement(command: ReadCommand, name: string, isBuiltin: BuiltinTest): string | undefined {
  const { meaning: { chain, letter }, table } = command;
  if (!chain || !ADDS_RULE.has(letter ?? '')) return undefined;
  if (name === 'DROP') return table === 'nat' ? 'The "nat" table is not intended for filtering, the use of DROP is therefore inhibited (iptables refuses the rule). Drop packets in the filter table.' : undefined;
  const place = TARGET_PLACES[name]!;
  if (!place.tables.includes(table)) return `The kernel accepts ${name} only in the ${place.tables.join(' or ')} table${place.tables.length > 1 ? 's' : ''}, not in ${table}; \`iptables-restore --test\` lets it pass, but loading the rules fails.`;
  if (!place.chains || place.chains.includes(chain)) return undefined;
  const builtinChain = isBuiltin(table, chain) ?? BUILTIN_CHAIN_NAMES.has(chain);
  return builtinChain ? `The kernel accepts ${name} only in ${place.chains.join(', ')}, not in ${chain}; loading the rules fails.` : undefined;
}

/** The document's own ruleset of the family says which chains are built in. */
function builtinIn(doc: FirewallDocument, family: ReadCommand['family']): BuiltinTest {
  const ruleset = rulesetOf(doc, family);
  return (table, chain) => ruleset?.chain(table, chain)?.builtin;
}

/**
 * Why a command's rule surely fails to go in, refused by the kernel (or by iptables itself, for
 * DROP in nat) although `iptables-restore --test` accepts it: a target out of its place, a TCP
 * reset for more than TCP, a kernel helper for another protocol. A script's command that fails
 * adds no rule, and the script goes on.
 */
export function kernelRefusal(command: ReadCommand, isBuiltin: BuiltinTest): string | undefined {
  const { meaning } = command;
  if (!ADDS_RULE.has(meaning.letter ?? '')) return undefined;
  const target = meaning.targetKnown ? meaning.targetName : undefined;
  const misplaced = target !== undefined && JUDGED_TARGETS.includes(target) ? misplacement(command, target, isBuiltin) : undefined;
  if (misplaced) return misplaced;
  if (resetsMoreThanTcp(command)) return TCP_RESET_REFUSED;
  const needs = helperProtocolNeeded(command);
  return needs ? helperProtocolMessage(targetOption(meaning, 'CT', 'helper')!, needs) : undefined;
}

export const targetWrongTable: FirewallRule = {
  id: 'iptables/target-wrong-table',
  severity: 'error',
  summary: 'A target used in a table or chain where the kernel refuses it',
  docs: {
    detects: 'CT and NOTRACK outside the raw table; DNAT, SNAT, MASQUERADE and REDIRECT outside the nat table or in the wrong nat chain; REJECT outside the filter table (and its INPUT, FORWARD and OUTPUT); DROP in the nat table.',
    why: '`iptables-restore --test` accepts most of these, but the kernel refuses them when the rules are really loaded (DROP in nat is refused by iptables itself), so a file that "tested fine" fails at boot. The classic FTP case is the helper rule `-j CT --helper ftp` written into the filter table.',
    fix: 'Move the rule to its table: `-t raw -A PREROUTING ... -j CT --helper ftp`, NAT targets into `*nat`, filtering into `*filter`.',
    before: '*filter\n-A INPUT -p tcp --dport 21 -j CT --helper ftp',
    after: '*raw\n-A PREROUTING -p tcp --dport 21 -j CT --helper ftp\nCOMMIT',
    language: 'text',
  },
  check(doc, report) {
    // Only a rule reported is read again for its words.
    for (const { command, message } of misplacedTargets(doc)) report({ range: command.parsed.target!.name.range, message });
  },
};

const misplaced = new WeakMap<FirewallDocument, ReadonlyArray<{ command: ReadCommand; message: string }>>();

/** The commands whose target the kernel refuses where they put it, and why; worked out once per document (the check and the host's model both ask). */
export function misplacedTargets(doc: FirewallDocument): ReadonlyArray<{ command: ReadCommand; message: string }> {
  let found = misplaced.get(doc);
  if (!found) {
    const list: Array<{ command: ReadCommand; message: string }> = [];
    // One test per family, not one per command: a Kubernetes node has a DNAT for each endpoint.
    const builtin = { ipv4: builtinIn(doc, 'ipv4'), ipv6: builtinIn(doc, 'ipv6') };
    for (const name of JUDGED_TARGETS) {
      for (const command of commandsWithTarget(doc, name)) {
        const message = misplacement(command, name, builtin[command.family]);
        if (message) list.push({ command, message });
      }
    }
    misplaced.set(doc, found = list);
  }
  return found;
}

/** Does the command reject with a TCP reset what is not only TCP (which the kernel refuses)? */
function resetsMoreThanTcp({ meaning }: ReadCommand): boolean {
  if (targetOption(meaning, 'REJECT', 'reject-with') !== 'tcp-reset') return false;
  return !(meaning.protocol?.name === 'tcp' && !meaning.protocol.negated);
}

/** The commands that reject with a TCP reset what is not only TCP, which the kernel refuses. */
export function* tcpResetsWithoutTcp(doc: FirewallDocument): Generator<ReadCommand> {
  for (const command of commandsWithTarget(doc, 'REJECT')) if (resetsMoreThanTcp(command)) yield command;
}

const TCP_RESET_REFUSED = 'tcp-reset needs the rule to match TCP only (-p tcp); the kernel refuses it when the rules are loaded.';

/**
 * The connection-tracking helpers the kernel ships, by the name `-j CT --helper` gives, and the
 * protocols each is registered for. Other names may be helpers of a module's ports= option
 * ("ftp-2121") or of a program (nfct): see helpersTheKernelMayLack.
 */
const KERNEL_HELPERS: Readonly<Record<string, readonly string[]>> = {
  ftp: ['tcp'], irc: ['tcp'], pptp: ['tcp'], sane: ['tcp'], 'Q.931': ['tcp'],
  tftp: ['udp'], amanda: ['udp'], RAS: ['udp'], snmp: ['udp'], snmp_trap: ['udp'], 'netbios-ns': ['udp'],
  sip: ['udp', 'tcp'],
};
/** Helpers the kernel registers for IPv4 only (measured: ip6tables' rules naming them are refused). */
const IPV4_ONLY_HELPERS = new Set(['snmp', 'snmp_trap', 'netbios-ns']);

/** The kernel's helper of this name for the command's family, and the protocols it is registered for. */
function kernelHelper(helper: string | undefined, command: ReadCommand): readonly string[] | undefined {
  if (helper === undefined || !Object.hasOwn(KERNEL_HELPERS, helper)) return undefined;
  return command.family === 'ipv6' && IPV4_ONLY_HELPERS.has(helper) ? undefined : KERNEL_HELPERS[helper];
}

/**
 * The commands whose CT target assigns a kernel helper to packets of another protocol than the
 * helper's, or of no one protocol, and what the helper needs. The kernel looks the helper up by
 * name and by the rule's protocol, and refuses the rule when it finds none.
 */
export function* helpersWithoutTheirProtocol(doc: FirewallDocument): Generator<{ command: ReadCommand; helper: string; needs: readonly string[] }> {
  for (const command of commandsWithTarget(doc, 'CT')) {
    const needs = helperProtocolNeeded(command);
    if (needs) yield { command, helper: targetOption(command.meaning, 'CT', 'helper')!, needs };
  }
}

/** The protocols the command's kernel helper needs, when the rule does not match one of them alone. */
function helperProtocolNeeded(command: ReadCommand): readonly string[] | undefined {
  const needs = kernelHelper(targetOption(command.meaning, 'CT', 'helper'), command);
  const protocol = command.meaning.protocol;
  return needs && !(protocol && !protocol.negated && needs.includes(protocol.name)) ? needs : undefined;
}

const helperProtocolMessage = (helper: string, needs: readonly string[]) =>
  `The helper "${helper}" exists for ${needs.join(' and ')} only, and this rule does not match ${needs.length > 1 ? 'one of them' : 'it'} alone (-p ${needs[0]}): the kernel finds no helper and refuses the rule when the rules are loaded.`;

export const helperProtocol: FirewallRule = {
  id: 'iptables/helper-protocol',
  severity: 'error',
  summary: 'A connection-tracking helper assigned to packets of another protocol than its own',
  docs: {
    detects: '`-j CT --helper NAME` on a rule that does not match the helper\'s protocol alone: `--helper ftp` without `-p tcp`, with `-p udp`, `-p all` or `! -p udp`.',
    why: 'The kernel finds a helper by its name and the rule\'s protocol (the FTP helper exists for TCP only), and refuses the rule when it finds none, so loading the file fails although `iptables-restore --test` accepts it; no connection gets the helper.',
    fix: 'Name the protocol: `-A PREROUTING -p tcp --dport 21 -j CT --helper ftp`.',
    before: '*raw\n-A PREROUTING -j CT --helper ftp',
    after: '*raw\n-A PREROUTING -p tcp --dport 21 -j CT --helper ftp',
    language: 'text',
  },
  check(doc, report) {
    for (const { command, helper, needs } of helpersWithoutTheirProtocol(doc)) {
      const value = targetOptionWord(command.parsed, 'helper')!;
      report({ range: value.range, message: helperProtocolMessage(helper, needs) });
    }
  },
};

/**
 * The helper modules that take ports=, by their own port: each other port registers "NAME-PORT"
 * (the own port keeps the plain name, so "ftp-21" never exists).
 */
const PORTED_HELPERS: ReadonlyMap<string, string> = new Map([['ftp', '21'], ['irc', '6667'], ['sane', '6566'], ['tftp', '69'], ['sip', '5060']]);

/**
 * The commands whose CT target names a helper the kernel does not ship (names are exact, case
 * included: "FTP" is none), and what would have to register it. The kernel refuses such a rule
 * when the rules are loaded unless a helper of that name exists by then (measured: "ftpx" and
 * "ftp-2121" are refused on a kernel whose nf_conntrack_ftp has its default port only).
 */
export function* helpersTheKernelMayLack(doc: FirewallDocument): Generator<{ command: ReadCommand; helper: string; registeredBy: string }> {
  for (const command of commandsWithTarget(doc, 'CT')) {
    const lacked = helperTheKernelMayLack(command);
    if (lacked) yield { command, ...lacked };
  }
}

/** The helper the command's CT target names, when the kernel may not have it, and what would have to register it. */
export function helperTheKernelMayLack(command: ReadCommand): { helper: string; registeredBy: string } | undefined {
  const helper = targetOption(command.meaning, 'CT', 'helper');
  if (helper === undefined || kernelHelper(helper, command) || !ADDS_RULE.has(command.meaning.letter ?? '')) return undefined;
  const [, module, port] = /^([a-z]+)-(\d+)$/.exec(helper) ?? [];
  const own = module ? PORTED_HELPERS.get(module) : undefined;
  // The kernel writes the port in plain decimal: "ftp-021" is no module's name.
  const registeredBy = own !== undefined && port !== own && port === String(Number(port))
    ? `nf_conntrack_${module} is loaded with port ${port} in its ports= option`
    : 'a user-space helper of that name is registered with nfct';
  return { helper, registeredBy };
}

export const unknownHelper: FirewallRule = {
  id: 'iptables/unknown-helper',
  severity: 'warning',
  summary: 'A connection-tracking helper name the kernel does not ship',
  docs: {
    detects: '`-j CT --helper NAME` where NAME is none of the kernel\'s helpers (ftp, irc, sip, tftp, ...; names are case-sensitive): a typo such as `FTP` or `ftpx`, or a port-numbered name such as `ftp-2121`.',
    why: 'The kernel looks the helper up by name when the rules are loaded and refuses the rule when there is none, so the file fails at boot although `iptables-restore --test` accepts it. "ftp-2121" exists only while nf_conntrack_ftp is loaded with 2121 among its ports=; other names only when a user-space helper registers them.',
    fix: 'Use the kernel\'s name (`--helper ftp`), or load the module with the port (`options nf_conntrack_ftp ports=21,2121` in /etc/modprobe.d) before the rules.',
    before: '*raw\n-A PREROUTING -p tcp --dport 21 -j CT --helper FTP',
    after: '*raw\n-A PREROUTING -p tcp --dport 21 -j CT --helper ftp',
    language: 'text',
  },
  check(doc, report) {
    for (const { command, helper, registeredBy } of helpersTheKernelMayLack(doc)) {
      const value = targetOptionWord(command.parsed, 'helper')!;
      const ipv4Only = IPV4_ONLY_HELPERS.has(helper);
      const [near] = ipv4Only ? [] : nearestNames(helper, Object.keys(KERNEL_HELPERS), 1);
      const fixes = near && !/-\d+$/.test(helper) ? [fixOf(doc.path, `Change ${helper} to ${near}`, [replace(value.range, near)], false, true)] : [];
      report({ range: value.range, message: `The kernel ships no helper named "${helper}"${ipv4Only ? ' for IPv6' : ''}${near ? ` (did you mean "${near}"?)` : ''}: it refuses this rule when the rules are loaded unless ${registeredBy} by then.`, fixes });
    }
  },
};

export const tcpResetNeedsTcp: FirewallRule = {
  id: 'iptables/tcp-reset-needs-tcp',
  severity: 'error',
  summary: '--reject-with tcp-reset on a rule that is not limited to TCP',
  docs: {
    detects: '`-j REJECT --reject-with tcp-reset` without `-p tcp` in the rule.',
    why: 'A TCP reset only exists for TCP; the kernel refuses the rule when it is loaded, although `iptables-restore --test` accepts it.',
    fix: 'Add `-p tcp`, and reject other protocols in a second rule.',
    before: '-A INPUT -j REJECT --reject-with tcp-reset',
    after: '-A INPUT -p tcp -j REJECT --reject-with tcp-reset\n-A INPUT -j REJECT',
    language: 'text',
  },
  check(doc, report) {
    for (const command of tcpResetsWithoutTcp(doc)) report({ range: targetOptionWord(command.parsed, 'reject-with')!.range, message: TCP_RESET_REFUSED });
  },
};
