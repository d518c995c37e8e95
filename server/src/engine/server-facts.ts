import type { Fix } from '../core/findings.js';
import type { Range } from '../core/text.js';
import type { UnknownPart } from './firewall-model.js';
import type { AddressFamily } from '../languages/iptables/syntax.js';
import type { Location } from '../languages/iptables/ruleset.js';

/** The server turns away every client of a family (`refused`), or some of them or it cannot tell which (`depends`); `where`: the lines that say so. */
export interface ClientRefusal {
  readonly outcome: 'refused' | 'depends';
  readonly reason: string;
  readonly where: readonly Location[];
  /** What the answer turns on, for a verdict's "depends on" (hosts.allow and hosts.deny unless said). */
  readonly about?: string;
}

/** The facts of a server a finding can be placed on: the line that set the first of them that is set. */
export type FactName =
  | 'controlPort' | 'listen' | 'ipv6'
  | 'passive' | 'passiveMin' | 'passiveMax' | 'announcedAddress'
  | 'active' | 'activeSource'
  | 'tls';

/** How a server's configuration words its facts, for reasons: "pasv_enable=NO", "vsftpd's listen_port". */
export interface ServerWording {
  passiveOff: string;
  activeOff: string;
  /** Why active connections come from a random port ("connect_from_port_20 is off"). */
  randomActiveSource: string;
  /** What turns TLS on ("ssl_enable=YES"). */
  tlsOn: string;
  /** What makes it listen on IPv6 ("listen_ipv6=YES"). */
  ipv6On: string;
  /** The setting that names the control port ("vsftpd's listen_port"). */
  controlPort: string;
  /** The setting that gives the address announced in passive replies ("pasv_address"). */
  announcedAddress: string;
}

/**
 * What an FTP server does, whoever wrote its configuration: the engine and the host checks read
 * these, never a server's own directive names. Each server kind (vsftpd first) produces one,
 * with where its facts were set and how to change them in its own syntax.
 */
export interface ServerFacts {
  /** The server's name in messages ("vsftpd"). */
  readonly server: string;
  /** Which of the server's services this is, when it runs several (ProFTPD's "<VirtualHost 10.0.0.5>"). */
  readonly service?: string;
  /** Its configuration file; undefined when there is none (the defaults stand). */
  readonly path: string | undefined;
  readonly controlPort: number;
  readonly passive: boolean;
  /** The ports passive data connections really use, and why they differ from what the file says (if they do). */
  readonly passiveRange: { readonly min: number; readonly max: number; readonly notes: readonly string[] };
  /** The address announced in passive replies, when the configuration sets one. */
  readonly announcedAddress: string | undefined;
  readonly active: boolean;
  /** The port active data connections come from, or undefined when it is a random one. */
  readonly activeSourcePort: number | undefined;
  /** The port active data connections come from when a fixed one is asked for. */
  readonly fixedActivePort: number;
  /** The control connection is encrypted (TLS), which blinds the FTP helper. */
  readonly tls: boolean;
  /** TLS is offered but not required: clients that use it blind the helper, the others do not. */
  readonly tlsOptional?: { readonly why: string; readonly where: { file: string; range: Range } };
  /** The server does not start with this configuration (its first refusal): no connection gets through, whatever the firewall says. */
  readonly refusesToStart?: { readonly why: string; readonly where: { file: string; range: Range } };
  /** What the configuration loads that the host does not hold: the facts may differ from these. */
  readonly unknowns?: readonly UnknownPart[];
  readonly ipv6: boolean;
  /**
   * Set where the server asks libwrap whom to serve (hosts.allow, hosts.deny): the daemon name it
   * asks for, and the line that turns it on.
   */
  readonly tcpWrappers?: {
    readonly daemon: string;
    readonly where: { file: string; range: Range } | undefined;
    /** Who asks, for messages, where it is not the server itself ("xinetd asks libwrap whether to run vsftpd ..."). */
    readonly asks?: string;
  };
  /**
   * The one address it listens on, where its configuration binds one (vsftpd's listen_address,
   * Pure-FTPd's Bind address, an inetd entry's): undefined where it listens on all. `onlyIpv6`:
   * an IPv6 socket that takes no IPv4 client, even on "::" (inetd.conf's "tcp6").
   */
  readonly listensOn?: { readonly address: string; readonly setting: string; readonly where: { file: string; range: Range } | undefined; readonly onlyIpv6?: boolean };
  /**
   * Set where the server is started for each connection (vsftpd with listen=NO and
   * listen_ipv6=NO, ProFTPD with ServerType inetd): the program inetd, xinetd or a socket unit
   * runs, the line that makes it so (`setting` as it reads), and the entry of the host's that runs
   * it (`starter`, with why it starts nothing, if it does not); `starterFiles`: the inetd and
   * xinetd files the host holds. The control port, the families and the address are then the
   * entry's.
   */
  readonly perConnection?: {
    readonly binary: string;
    readonly setting: string;
    readonly where: { file: string; range: Range } | undefined;
    /**
     * ProFTPD picks the server for a connection by the port it came in on: a <VirtualHost> gets
     * the connections on its own Port (`vhost`), the main server those on every port no virtual
     * host claims (`vhostPorts`).
     */
    readonly byPort?: { readonly vhost?: number; readonly vhostPorts: readonly number[] };
    /** The facts that follow the port the entry gives (ProFTPD's active data leaves from the port below it). */
    readonly atPort?: (port: number) => Partial<ServerFacts>;
    readonly starter?: { readonly shown: string; readonly where: Location; readonly off?: string };
    readonly starterFiles: readonly string[];
    /** Why nothing on the host starts it for each connection, where no entry runs it and the host's files rule out any other. */
    readonly nothingStarts?: string;
    /** What the server does when a unit starts it by itself in this mode, where that was measured (vsftpd and ProFTPD stop at once). */
    readonly startedAlone?: string;
  };
  /** Whom the server itself turns away over a family before any FTP command (libwrap's answer, on the host): undefined where it serves every client. */
  readonly refusesClients?: (family: AddressFamily) => ClientRefusal | undefined;
  /**
   * How systemd starts it at boot where it listens by itself: a unit whose name starts with
   * `unitPrefix` ("vsftpd.service", "vsftpd@main.service"), or a unit of the host's own that runs
   * `binary`. Undefined where it is started per connection (inetd) or ftpwall cannot tell.
   */
  readonly startedBy?: { readonly unitPrefix: string; readonly binary: string };
  readonly wording: ServerWording;
  /** Where a finding about these facts goes: the line that set the first of them, else the file; undefined without a file. */
  anchor(...facts: FactName[]): { file: string; range: Range } | undefined;
  /** Edits by intent, in the configuration's own syntax (undefined when the server has no file to edit). */
  setPassiveRange(min: number, max: number): Fix | undefined;
  setAnnouncedAddress(address: string): Fix | undefined;
  /** The edits that make active connections come from `fixedActivePort`. */
  useFixedActivePort(): Fix | undefined;
}
