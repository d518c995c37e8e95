/** What the options that decide FTP's paths do, in ftpwall's words. */
export const OPTION_HELP: Record<string, string> = {
  PassivePortRange: 'The ports passive data connections use, as two numbers: `40000 40100`. pure-ftpd refuses to start when the first is below 1024, the second above 65535, or they are backwards. Without it any port from 1024 up is used.',
  ForcePassiveIP: 'The IPv4 address (or name) announced in PASV replies, for a server behind NAT.',
  Bind: 'The address and port to listen on: `21`, `,2121` or `192.0.2.10,21` (no blank).',
  TLS: '0: no TLS; 1: TLS offered; 2: TLS required for logins (the control connection is encrypted, which blinds the FTP helper); 3: TLS required for everything.',
  NATmode: 'yes: PASV and EPSV are refused, only active mode works.',
  IPV4Only: 'yes: listen on IPv4 only.',
  NoAnonymous: 'yes: refuse anonymous logins.',
};

