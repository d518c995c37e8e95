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
  /** The built-in chain the packet meets in the filter table. */
  hook: 'INPUT' | 'OUTPUT';
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
}
