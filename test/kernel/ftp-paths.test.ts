import { join } from 'node:path';
import { fixesOpenInKernel, hostFolder, root, verdictsMatchKernel } from './kernel-host.js';

/** Firewall scripts as administrators write them: loops, functions, branches, sourced files, restores, set -e. */
const SCRIPT_HOSTS = [
  'script-loop-over-words', 'script-function', 'script-loop-over-variable', 'script-sourced-branch-not-taken', 'script-case-other-role',
  'script-restore-then-append', 'script-restore-noflush-keeps', 'script-set-e-stops-early', 'script-drop-loop', 'script-while-read',
  'script-helper-in-function', 'script-elif-and-or', 'script-fix-not-in-stop-branch', 'script-init-d-start',
  // Commands the kernel refuses add no rule.
  'script-kernel-refuses',
  // Over IPv6: every way the script runs drops neighbour discovery.
  'script-v6-icmp-dropped',
];
const HOSTS = [
  ...['01-only-control-port-open', '02-passive-range-opened', '03-directives-run-together', '04-inverted-range', '05-iptables-config-modules', '06-rc-local-typos', '07-active-only', '08-helper-loaded-not-assigned', '08b-helper-assigned', '09-shell-script-firewall', '10-two-hosts/hosts/ftp1', '10-two-hosts/hosts/ftp2',
    '13-nftables-no-helper', '14-firewalld-ftp-service', '15-ufw-allow-ftp-only', '16-script-loop'].map((h) => join(root, 'examples', h)),
  ...['tls-blinds-helper', 'control-blocked', 'user-chain-multiport', 'active-blocked-output', 'blocked-in-user-chain', 'notrack-control',
    // --dport 021 is port 17 to iptables (octal).
    'octal-control-port',
    // Tables before filter: raw (no connection state yet) and mangle drop too.
    'raw-drops-passive', 'mangle-hardening-open', 'raw-state-new-matches-nothing', 'mangle-input-policy-drop'].map(hostFolder),
  ...SCRIPT_HOSTS.map(hostFolder),
];
// nftables rulesets: nftables.test.ts.

verdictsMatchKernel(HOSTS, 1, {
  says: `covers at least 12 hosts (${HOSTS.length}), at least 10 of them scripts (${SCRIPT_HOSTS.length})`,
  holds: HOSTS.length >= 12 && SCRIPT_HOSTS.length >= 10,
});

fixesOpenInKernel([
  { folder: hostFolder('control-blocked'), rule: 'ftp/control-blocked', path: 'control' },
  { folder: hostFolder('octal-control-port'), rule: 'ftp/control-blocked', path: 'control' },
  { folder: join(root, 'examples', '01-only-control-port-open'), rule: 'ftp/passive-blocked', path: 'passive' },
  { folder: hostFolder('active-blocked-output'), rule: 'ftp/active-blocked', path: 'active' },
  // The REJECT is in a chain INPUT jumps to: the fix's rule must come before the jump, not before the REJECT.
  { folder: hostFolder('blocked-in-user-chain'), rule: 'ftp/control-blocked', path: 'control' },
  // A script: the rule goes after the loop whole (not into it, once per turn), and not into the "stop" branch no boot runs.
  { folder: hostFolder('script-fix-not-in-stop-branch'), rule: 'ftp/passive-blocked', path: 'passive' },
], HOSTS.length + 1);
