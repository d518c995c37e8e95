import { lines } from '../../helpers/files.js';
import type { RuleCases } from '../firewall/rule-cases.js';

/** An inet table with an input chain holding `rules`, as nftables.conf starts. */
const input = (...rules: string[]) => ({
  lang: 'nftables',
  text: lines('#!/usr/sbin/nft -f', 'flush ruleset', 'table inet filter {', '\tchain input {', '\t\ttype filter hook input priority filter; policy drop;', ...rules.map((r) => `\t\t${r}`), '\t}', '}'),
});
const at = (line: number, says: string, ...rules: string[]) => ({ ...input(...rules), line, says });
/** A nat chain on prerouting in a table of `family` holding `rules`. */
const natRules = (family: string, ...rules: string[]) => ({
  lang: 'nftables',
  text: lines(`table ${family} nat {`, '\tchain pre {', '\t\ttype nat hook prerouting priority dstnat;', ...rules.map((r) => `\t\t${r}`), '\t}', '}'),
});
const GOOD = input('ct state established,related accept', 'tcp dport { 21, 40000-40100 } accept');

export const NFT_CASES: Record<string, RuleCases> = {
  'nftables/syntax-error': {
    fires: [
      at(6, 'did you mean "accept"', 'tcp dport 21 acept'),
      at(6, 'did you mean "dport"', 'tcp dprot 21 accept'),
      { lang: 'nftables', text: lines('table ip t { chain c { } }'), line: 1, says: "unexpected '}', expecting newline or semicolon" },
      { lang: 'nftables', text: lines('table ip t {', '\tchain c {', '\t\ttcp dport 21 accept'), line: 4, says: 'unexpected end of file' },
      { lang: 'nftables', text: lines('table ip t {', '}', '}'), line: 3, says: "unexpected '}'" },
      { lang: 'nftables', text: lines('table ip t {', '\tchain c {', '\t\ttype filter hook input priority 0; policy acept;', '\t}', '}'), line: 3, says: 'expecting accept or drop' },
      at(6, "unexpected '{'", 'meta mark set { 1, 2 }'),
    ],
    quiet: [GOOD, input('tcp dport {', '21,', '22', '} accept'), input('fib daddr type local accept', 'tcp flags & (syn | ack) == syn counter')],
  },
  'nftables/refused': {
    fires: [
      at(6, 'Service out of range', 'tcp dport 70000 accept'),
      at(6, 'Range has zero or negative size', 'tcp dport 40100-40000 accept'),
      at(6, "unknown identifier 'PASSIVE'", 'tcp dport $PASSIVE accept'),
      at(6, 'Could not parse conntrack state', 'ct state established,relatd accept'),
      at(6, 'No such file or directory', 'jump ftp'),
      at(6, 'No such file or directory', 'tcp dport 21 ct helper set "ftp-standard"'),
      at(6, 'Statement after terminal statement has no effect', 'tcp dport 21 accept counter'),
      at(6, 'Statement after terminal statement has no effect', 'ip saddr 10.1.1.1 masquerade drop'),
      at(6, 'Protocol out of range', 'ip protocol 256 accept'),
      at(6, 'String exceeds maximum length of 16', 'ct helper "12345678901234567" accept'),
      at(6, 'you cannot use tcp reset with this protocol', 'meta l4proto udp reject with tcp reset'),
      { lang: 'nftables', text: lines('table ip t {', '\tchain c {', '\t\ttype filter hook inptu priority 0;', '\t}', '}'), line: 3, says: 'unknown chain hook' },
      { lang: 'nftables', text: lines('table ip t {', '\tchain c {', '\t\tip6 saddr ::1 accept', '\t}', '}'), line: 3, says: 'conflicting protocols specified: ip vs. ip6' },
      { ...natRules('inet', 'tcp dport 21 dnat to 10.0.0.5'), line: 4, says: 'ip or ip6 must be specified with address for inet tables' },
      { ...natRules('ip6', 'tcp dport 21 dnat to 10.0.0.5'), line: 4, says: 'Address family for hostname not supported' },
    ],
    quiet: [GOOD, natRules('inet', 'tcp dport 21 dnat ip to 10.0.0.5', 'ip daddr 192.0.2.1 tcp dport 21 dnat to 10.0.0.5:2121', 'tcp dport 21 redirect to :2121'), natRules('ip', 'tcp dport 21 dnat to 10.0.0.5:21'), input('tcp dport ftp accept', 'ct state vmap { established : accept, related : accept, invalid : drop }')],
  },
  'nftables/unreachable-rule': {
    fires: [at(7, 'decides every packet', 'drop', 'tcp dport 21 accept')],
    quiet: [GOOD, input('tcp dport 22 drop', 'tcp dport 21 accept')],
  },
  'nftables/iif-needs-interface': {
    fires: [at(6, 'Interface does not exist', 'iif eth1 tcp dport 21 accept')],
    quiet: [GOOD, input('iif lo accept', 'iifname "eth1" tcp dport 21 accept')],
  },
  'nftables/helper-not-assigned': {
    fires: [{ lang: 'nftables', text: lines('table inet filter {', '\tct helper ftp-standard {', '\t\ttype "ftp" protocol tcp', '\t}', '}'), line: 2, says: 'No rule assigns the helper "ftp-standard"' }],
    quiet: [GOOD, { lang: 'nftables', text: lines('table inet filter {', '\tct helper ftp-standard {', '\t\ttype "ftp" protocol tcp', '\t}', '\tchain pre {', '\t\ttype filter hook prerouting priority filter;', '\t\ttcp dport 21 ct helper set "ftp-standard"', '\t}', '}') }],
  },
  'nftables/accept-overridden': {
    fires: [{ lang: 'nftables', text: lines('table inet a {', '\tchain input {', '\t\ttype filter hook input priority 0; policy accept;', '\t\ttcp dport { 21, 40000-40100 } accept', '\t}', '}', 'table inet b {', '\tchain input {', '\t\ttype filter hook input priority 10; policy drop;', '\t\ttcp dport 21 accept', '\t}', '}'), line: 4, says: 'drops new connections to ports 40000-40100 anyway' }],
    quiet: [GOOD, { lang: 'nftables', text: lines('table inet a {', '\tchain input {', '\t\ttype filter hook input priority 0; policy accept;', '\t\ttcp dport 21 accept', '\t}', '}', 'table inet b {', '\tchain input {', '\t\ttype filter hook input priority 10; policy drop;', '\t\ttcp dport 21 accept', '\t}', '}') }],
  },
  'nftables/helper-too-late': {
    fires: [{ lang: 'nftables', text: lines('table inet filter {', '\tct helper ftp-standard {', '\t\ttype "ftp" protocol tcp', '\t}', '\tchain post {', '\t\ttype filter hook postrouting priority filter;', '\t\ttcp dport 21 ct helper set "ftp-standard"', '\t}', '}'), line: 7, says: 'never assigned to it' }],
    quiet: [GOOD, { lang: 'nftables', text: lines('table inet filter {', '\tct helper ftp-standard {', '\t\ttype "ftp" protocol tcp', '\t}', '\tchain pre {', '\t\ttype filter hook prerouting priority filter;', '\t\ttcp dport 21 ct helper set "ftp-standard"', '\t}', '}') }],
  },
  'nftables/hostname-in-rule': {
    fires: [at(6, 'resolved by DNS once', 'ip saddr backup.example.org tcp dport 21 accept')],
    quiet: [GOOD, input('ip saddr 192.0.2.10 tcp dport 21 accept')],
  },
  'nftables/octal-number': {
    fires: [
      at(6, 'nft reads 021 as an octal number (it starts with 0): 17, not 21', 'tcp dport 021 accept'),
      at(6, 'nft reads 040000 in "040000-040100" as an octal number', 'tcp dport { 21, 040000-040100 } accept'),
      at(6, '010 in "10.0.0.0/010"', 'ip saddr 10.0.0.0/010 tcp dport 21 accept'),
      at(6, 'nft reads 021 as an octal number (it starts with 0): 17, not 21', 'meta l4proto 021 accept'),
    ],
    // Hexadecimal, 07 (the same either way), 08 (decimal to nft), IPv6 groups and a decimal fraction are read as they look.
    quiet: [GOOD, input('tcp dport { 0x15, 07, 08 } accept', 'ip6 saddr 2001:db8::0100 accept', 'meta l4proto 6 accept')],
  },
};
