import { anyMatches, clientMatchWithin, type ClientMatch as Match } from '../../engine/client-side.js';
import type { AddressFamily } from '../iptables/syntax.js';
import type { HostsAccessDocument, HostsAccessEntry } from './hosts-access.js';


/** An entry that may decide, and what it decides for the clients it matches. */
export interface AccessEntry { readonly file: HostsAccessDocument; readonly entry: HostsAccessEntry }

/**
 * What libwrap answers a server (`daemon`) for its clients: `granted` or `refused` for every one
 * of them, or `depends` where it differs between them or turns on what the files cannot tell
 * (a host name, a netgroup, LOCAL). `deciding` holds the entries it turns on, in order.
 */
export interface Access { readonly outcome: 'granted' | 'refused' | 'depends'; readonly deciding: readonly AccessEntry[] }

/** What an entry's options make of a match, where they change it: `allow` and `deny` decide, `twist` hands the connection to another program. */
const DECIDING_OPTION = /^(allow|deny|twist)\b/i;
/** Options that only log, run a command beside the server, or set something of its process. */
const OTHER_OPTION = /^(spawn|setenv|severity|banners|nice|keepalive|linger|rfc931|umask|user|group)\b/i;
/** Patterns whose match needs what the files do not say: DNS names, NIS netgroups, a file of patterns, wildcards. */
const NAME_WILDCARDS = new Set(['KNOWN', 'UNKNOWN', 'LOCAL', 'PARANOID']);

const both = (a: Match, b: Match): Match => (a === 'none' || b === 'none' ? 'none' : a === 'all' && b === 'all' ? 'all' : 'some');
const not = (a: Match): Match => (a === 'all' ? 'none' : a === 'none' ? 'all' : 'some');

/** libwrap's list match: a pattern before EXCEPT that matches, unless the list after it matches too. */
function listMatch(tokens: readonly string[], matchOne: (token: string) => Match): Match {
  const except = tokens.findIndex((t) => t.toUpperCase() === 'EXCEPT');
  const before = except === -1 ? tokens : tokens.slice(0, except);
  const any = anyMatches(before.map(matchOne));
  return except === -1 ? any : both(any, not(listMatch(tokens.slice(except + 1), matchOne)));
}

function daemonMatch(token: string, daemon: string): Match {
  // daemon@address: the server's own address the client connected to, which the files do not fix.
  const [name = '', at] = token.split('@');
  const named = name.toUpperCase() === 'ALL' || name.toLowerCase() === daemon.toLowerCase() ? 'all' : /[*?]/.test(name) ? 'some' : 'none';
  return at === undefined || named === 'none' ? named : 'some';
}

/** An IPv4 pattern as a network: "10.1." (a prefix), "10.0.0.0/255.0.0.0", "10.0.0.0/8", "10.0.0.5"; undefined when it is not one. */
function ipv4Network(token: string): string | undefined {
  const prefix = /^(\d{1,3}\.){1,3}$/.exec(token);
  if (prefix) { const parts = token.slice(0, -1).split('.'); return `${[...parts, ...['0', '0', '0']].slice(0, 4).join('.')}/${parts.length * 8}`; }
  const masked = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,3}(?:\.\d{1,3}){3})$/.exec(token);
  if (masked) {
    const mask = masked[2]!.split('.').reduce((n, p) => n * 256 + Number(p), 0);
    const bits = mask.toString(2).padStart(32, '0');
    // A mask that is not a run of ones then zeros matches no network of one prefix.
    return /^1*0*$/.test(bits) ? `${masked[1]}/${bits.indexOf('0') === -1 ? 32 : bits.indexOf('0')}` : undefined;
  }
  return /^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?$/.test(token) ? token : undefined;
}

function clientMatch(token: string, clients: string | undefined, family: AddressFamily): Match {
  if (token.toUpperCase() === 'ALL') return 'all';
  if (NAME_WILDCARDS.has(token.toUpperCase()) || /^[@/.]|[*?]/.test(token)) return 'some';
  const v6 = /^\[([0-9a-fA-F:.]+)\](\/\d{1,3})?$/.exec(token);
  if (v6) {
    // An IPv4 client is matched by its dotted address, never by a bracketed one (unless written as ::ffff:a.b.c.d, which is left open).
    if (family === 'ipv4') return /^::ffff:/i.test(v6[1]!) ? 'some' : 'none';
    return clientMatchWithin(clients, `${v6[1]}${v6[2] ?? ''}`, 'ipv6');
  }
  const v4 = ipv4Network(token);
  // An IPv6 client's address is never written in dots; one that looks like neither is a host name.
  if (v4) return family === 'ipv6' ? 'none' : clientMatchWithin(clients, v4, 'ipv4');
  return 'some';
}

/** What an entry decides for the clients it matches: its file's answer, or its options' (undefined when an option leaves it open). */
function decision(file: HostsAccessDocument, entry: HostsAccessEntry): 'granted' | 'refused' | undefined {
  let granted = file.grants;
  for (const option of entry.options) {
    const deciding = DECIDING_OPTION.exec(option)?.[1]?.toLowerCase();
    if (deciding === 'allow') granted = true;
    else if (deciding) granted = false;
    else if (!OTHER_OPTION.test(option)) return undefined;
  }
  return granted ? 'granted' : 'refused';
}

/**
 * libwrap's answer to `daemon` for clients from `clients` (undefined: any address of the
 * family): the first entry of hosts.allow that matches grants, then the first of hosts.deny
 * refuses, and no match grants. An entry that matches only some clients (or may) is followed
 * both ways; the answer is sure only where both ways give it.
 */
export function hostsAccess(files: readonly HostsAccessDocument[], daemon: string, clients: string | undefined, family: AddressFamily): Access {
  const entries: AccessEntry[] = [...files].sort((a, b) => Number(b.grants) - Number(a.grants)).flatMap((file) => file.entries.map((entry) => ({ file, entry })));
  const deciding: AccessEntry[] = [];
  // What the entries that match only some clients (or may) decide for those: one answer, or mixed.
  let partly: 'granted' | 'refused' | 'mixed' | undefined;
  let final: 'granted' | 'refused' = 'granted';
  for (const candidate of entries) {
    const { file, entry } = candidate;
    const matched = both(listMatch(entry.daemons, (t) => daemonMatch(t, daemon)), listMatch(entry.clients, (t) => clientMatch(t, clients, family)));
    if (matched === 'none') continue;
    deciding.push(candidate);
    const decided = decision(file, entry);
    if (matched === 'all' && decided) { final = decided; break; }
    partly = !decided || (partly !== undefined && partly !== decided) ? 'mixed' : decided;
  }
  return { outcome: partly === undefined || partly === final ? final : 'depends', deciding };
}
