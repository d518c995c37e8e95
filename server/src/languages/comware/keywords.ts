/** The port names Comware accepts in a rule for TCP (`eq ftp`), with their numbers. */
export const PORT_NAMES: Readonly<Record<string, number>> = {
  'ftp-data': 20, ftp: 21, telnet: 23, smtp: 25, domain: 53, gopher: 70, finger: 79, www: 80, pop2: 109, pop3: 110,
  sunrpc: 111, nntp: 119, irc: 194, bgp: 179, login: 513, cmd: 514, klogin: 543, kshell: 544, uucp: 540, whois: 43,
  hostname: 101, echo: 7, discard: 9, daytime: 13, chargen: 19, pim: 496, lpd: 515, talk: 517, exec: 512,
};

/** A port written as a number or a name; undefined when it is neither. */
export function portNumber(text: string): number | undefined {
  if (/^\d+$/.test(text)) { const n = Number(text); return n <= 65535 ? n : undefined; }
  return PORT_NAMES[text];
}

/** What each keyword of an ACL or a packet filter does, in a sentence or two, for hover. */
export const KEYWORDS: Readonly<Record<string, string>> = {
  acl: 'Starts an access control list: `acl advanced 3000` (or `acl number 3000`) for rules on protocol, addresses and ports, `acl basic 2000` for rules on the source address only.',
  advanced: 'An advanced ACL (numbers 3000-3999): its rules match the protocol, both addresses and both ports.',
  basic: 'A basic ACL (numbers 2000-2999): its rules match the source address only.',
  number: 'The ACL\'s number: 2000-2999 make a basic ACL, 3000-3999 an advanced one.',
  'match-order': '`config` (the default): rules are tried in ID order. `auto`: the most specific rule is tried first, whatever its ID.',
  step: 'The gap between the IDs the device gives rules written without one (5 unless set): the next is the smallest multiple of the step above the highest ID.',
  rule: 'One rule of the ACL. The device tries the rules in ID order and the first that matches decides; a rule written without an ID gets the next multiple of the step.',
  permit: 'A packet this rule matches passes this filter (the other filters on its way still apply).',
  deny: 'A packet this rule matches is dropped.',
  tcp: 'Matches TCP packets only, which FTP uses for every connection.',
  udp: 'Matches UDP packets only: never an FTP connection.',
  icmp: 'Matches ICMP packets only: never an FTP connection.',
  ip: 'Matches packets of every protocol, FTP\'s included.',
  source: 'The address the packet comes from, with a wildcard mask (the bits that may differ: `0.0.0.255` is a /24, `0` one host), or `any`.',
  destination: 'The address the packet goes to, with a wildcard mask (`0.0.0.255` is a /24, `0` one host), or `any`.',
  'source-port': 'The port the packet comes from: `eq`, `neq`, `gt`, `lt` one port, or `range` two. The server\'s replies come from 21 and from the passive ports; active data from 20 or a random port.',
  'destination-port': 'The port the packet goes to: `eq`, `neq`, `gt`, `lt` one port, or `range` two. Clients connect to 21, and in passive mode to a port of the server\'s passive range.',
  eq: 'This port only.',
  neq: 'Every port but this one.',
  gt: 'Ports above this one (`gt 1023` is 1024-65535).',
  lt: 'Ports below this one.',
  range: 'The ports from the first to the second, both included.',
  established: 'Only TCP packets with ACK or RST set: every packet of a connection but the very first. A stateless way to let replies in while refusing new connections, which is what stops active FTP when the rule covers the client side.',
  fragment: 'Only fragments after the first of a packet: never a whole TCP segment, so FTP\'s packets do not match.',
  counting: 'Counts the packets the rule matches; changes nothing else.',
  logging: 'Logs the packets the rule matches; changes nothing else.',
  'time-range': 'The rule applies only in the named time range: ftpwall takes it as applying some of the time.',
  'vpn-instance': 'The rule applies only to packets of this VPN instance.',
  any: 'Every address.',
  'packet-filter': 'Applies an ACL to the packets that enter (`inbound`) or leave (`outbound`) this interface; `packet-filter default deny` drops the packets no rule of an applied ACL matches (they pass by default). The device keeps no connection state: replies need rules of their own.',
  inbound: 'The ACL filters packets as they enter the device on this interface.',
  outbound: 'The ACL filters packets as they leave the device on this interface.',
  interface: 'An interface of the device: the packet filters in its view apply to the packets that cross it.',
  description: 'A note about the ACL; changes nothing.',
};
