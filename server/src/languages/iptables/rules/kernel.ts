import { commandsWithTarget } from '../command-index.js';
import { rulesetOf } from '../document.js';
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
const BUILTIN_CHAIN_NAMES = ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'];

/** Why the kernel refuses the command's target `name` where the command puts it, if it does. */
function misplacement(doc: FirewallDocument, command: ReadCommand, name: string): string | undefined {
  const { meaning: { chain, letter }, table, family } = command;
  if (!chain || !ADDS_RULE.has(letter ?? '')) return undefined;
  if (name === 'DROP') return table === 'nat' ? 'The "nat" table is not intended for filtering, the use of DROP is therefore inhibited (iptables refuses the rule). Drop packets in the filter table.' : undefined;
  const place = TARGET_PLACES[name]!;
  if (!place.tables.includes(table)) return `The kernel accepts ${name} only in the ${place.tables.join(' or ')} table${place.tables.length > 1 ? 's' : ''}, not in ${table}; \`iptables-restore --test\` lets it pass, but loading the rules fails.`;
  if (!place.chains || place.chains.includes(chain)) return undefined;
  const builtinChain = rulesetOf(doc, family)?.chain(table, chain)?.builtin ?? BUILTIN_CHAIN_NAMES.includes(chain);
  return builtinChain ? `The kernel accepts ${name} only in ${place.chains.join(', ')}, not in ${chain}; loading the rules fails.` : undefined;
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
    for (const name of JUDGED_TARGETS) {
      for (const command of commandsWithTarget(doc, name)) {
        const message = misplacement(doc, command, name);
        if (message) list.push({ command, message });
      }
    }
    misplaced.set(doc, found = list);
  }
  return found;
}

/** The commands that reject with a TCP reset what is not only TCP, which the kernel refuses. */
export function* tcpResetsWithoutTcp(doc: FirewallDocument): Generator<ReadCommand> {
  for (const command of commandsWithTarget(doc, 'REJECT')) {
    const { meaning } = command;
    if (targetOption(meaning, 'REJECT', 'reject-with') !== 'tcp-reset') continue;
    if (meaning.protocol?.name === 'tcp' && !meaning.protocol.negated) continue;
    yield command;
  }
}

const TCP_RESET_REFUSED = 'tcp-reset needs the rule to match TCP only (-p tcp); the kernel refuses it when the rules are loaded.';

/**
 * The connection-tracking helpers the kernel ships, by the name `-j CT --helper` gives, and the
 * protocols each is registered for. Other names may be helpers of a module's ports= option
 * ("ftp-2121") or of a program (nfct): not judged.
 */
const KERNEL_HELPERS: Readonly<Record<string, readonly string[]>> = {
  ftp: ['tcp'], irc: ['tcp'], pptp: ['tcp'], sane: ['tcp'], 'Q.931': ['tcp'],
  tftp: ['udp'], amanda: ['udp'], RAS: ['udp'], snmp: ['udp'], 'netbios-ns': ['udp'],
  sip: ['udp', 'tcp'],
};

/**
 * The commands whose CT target assigns a kernel helper to packets of another protocol than the
 * helper's, or of no one protocol, and what the helper needs. The kernel looks the helper up by
 * name and by the rule's protocol, and refuses the rule when it finds none.
 */
export function* helpersWithoutTheirProtocol(doc: FirewallDocument): Generator<{ command: ReadCommand; helper: string; needs: readonly string[] }> {
  for (const command of commandsWithTarget(doc, 'CT')) {
    const helper = targetOption(command.meaning, 'CT', 'helper');
    const needs = helper !== undefined && Object.hasOwn(KERNEL_HELPERS, helper) ? KERNEL_HELPERS[helper]! : undefined;
    if (!needs) continue;
    const protocol = command.meaning.protocol;
    if (protocol && !protocol.negated && needs.includes(protocol.name)) continue;
    yield { command, helper: helper!, needs };
  }
}

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
      report({ range: value.range, message: `The helper "${helper}" exists for ${needs.join(' and ')} only, and this rule does not match ${needs.length > 1 ? 'one of them' : 'it'} alone (-p ${needs[0]}): the kernel finds no helper and refuses the rule when the rules are loaded.` });
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
