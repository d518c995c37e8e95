import type { AddressFamily } from '../languages/iptables/syntax.js';
import type { PortSet } from './port-set.js';
import type { ClientSide } from './client-side.js';

export type ConnState = 'NEW' | 'ESTABLISHED' | 'RELATED' | 'INVALID' | 'UNTRACKED';

/**
 * A class of packets FTP produces, as the server's firewall sees them. One port dimension varies
 * over a set (the passive range, say); the other is fixed or ranges over the client's ports.
 */
export interface PacketClass {
  family: AddressFamily;
  /** The built-in chain the packet meets in the filter table: a gateway's FORWARD for a packet it passes on. */
  hook: 'INPUT' | 'OUTPUT' | 'FORWARD';
  /** For FORWARD: whether the packet goes from the client toward the server, or back. */
  toward?: 'server' | 'client';
  state: ConnState;
  /** The first packet of a TCP connection (SYN). */
  syn: boolean;
  /** A connection the FTP helper created (RELATED data connection). */
  fromFtpHelper: boolean;
  /** Which port the evaluation ranges over. */
  varying: 'dport' | 'sport';
  /** The other port: one port, or the set of ports a client might use. */
  other: PortSet;
  /** A short description, for reasons ("passive data, first packet"). */
  label: string;
  /** Where the clients are, when .ftpwall.json says: rules on addresses and interfaces then match all of them or none. */
  clients?: ClientSide;
  /** The FTP server's own addresses, when its .ftpwall.json says: a rule on the server's address then matches or does not. */
  serverAddresses?: readonly string[];
  /** For FORWARD: the gateway's interface toward the server, when its .ftpwall.json says. */
  serverInterface?: string;
  /** For FORWARD: the gateway's own DNAT sent this connection on (conntrack's dnat status). */
  dnatted?: boolean;
}

/** Does the packet come from the client (its source address and incoming interface are the client's)? */
export const fromClient = (packet: PacketClass): boolean => packet.hook === 'INPUT' || (packet.hook === 'FORWARD' && packet.toward === 'server');
