/** Hover texts for iptables' own vocabulary, in ftpwall's words. */
export const TABLE_TEXT: Record<string, string> = {
  filter: 'The **filter** table decides what may pass: INPUT (to this host), FORWARD (through it), OUTPUT (from it). FTP\'s control, passive and active connections are allowed or refused here.',
  nat: 'The **nat** table rewrites addresses of new connections: DNAT/REDIRECT in PREROUTING and OUTPUT, SNAT/MASQUERADE in POSTROUTING. Behind NAT, vsftpd needs `pasv_address` and the passive range must be forwarded too.',
  mangle: 'The **mangle** table changes packet fields and marks.',
  raw: 'The **raw** table sees packets before connection tracking. Since kernel 4.7 the FTP helper works only where a rule here assigns it: `-A PREROUTING -p tcp --dport 21 -j CT --helper ftp`.',
  security: 'The **security** table applies SELinux labels (MAC rules).',
};

export const CORE_OPTION_TEXT: Record<string, string> = {
  '-A': 'Append a rule at the end of the chain.', '-I': 'Insert a rule at a position (1 when omitted).', '-D': 'Delete a rule, by number or by its specification.',
  '-R': 'Replace the rule at a position.', '-N': 'Create a user chain.', '-X': 'Delete a user chain (all empty ones without a name).', '-F': 'Remove all rules of a chain (of every chain without a name).',
  '-P': 'Set a built-in chain\'s policy: what happens to packets no rule decided.', '-E': 'Rename a user chain.', '-Z': 'Reset counters.', '-L': 'List rules.', '-S': 'List rules as commands.',
  '-p': 'The protocol (tcp, udp, icmp, all, or a number). Port options need it: `-p tcp --dport 21`.', '-s': 'Source address or network (comma list allowed).', '-d': 'Destination address or network.',
  '-i': 'Incoming interface (INPUT, FORWARD, PREROUTING); a trailing + matches a prefix.', '-o': 'Outgoing interface (OUTPUT, FORWARD, POSTROUTING).',
  '-j': 'What to do with a matching packet: a target (ACCEPT, DROP, REJECT, ...) or a user chain to continue in.', '-g': 'Continue in a user chain without coming back here (goto).',
  '-m': 'Load a match extension, whose options follow.', '-f': 'Only second and later fragments.', '-t': 'The table (filter when omitted).', '-c': 'Initial packet and byte counters.',
};
for (const [long, short] of Object.entries({ '--append': '-A', '--insert': '-I', '--delete': '-D', '--replace': '-R', '--new-chain': '-N', '--new': '-N', '--delete-chain': '-X', '--flush': '-F', '--policy': '-P', '--rename-chain': '-E', '--zero': '-Z', '--list': '-L', '--list-rules': '-S', '--protocol': '-p', '--source': '-s', '--src': '-s', '--destination': '-d', '--dst': '-d', '--in-interface': '-i', '--out-interface': '-o', '--jump': '-j', '--goto': '-g', '--match': '-m', '--fragment': '-f', '--table': '-t', '--set-counters': '-c' })) CORE_OPTION_TEXT[long] = CORE_OPTION_TEXT[short]!;

export const STATE_TEXT: Record<string, string> = {
  NEW: 'The first packet of a connection (for FTP: the client\'s SYN to port 21, or to a passive port).',
  ESTABLISHED: 'Packets of a connection that has seen traffic both ways: every reply, and everything after the handshake.',
  RELATED: 'A new connection the kernel expects because of another one: for FTP, the data connection announced on the control connection, but only when the FTP helper is assigned to it (`-t raw ... -j CT --helper ftp`) and the control connection is not encrypted.',
  INVALID: 'Packets that belong to no known connection and do not start one.',
  UNTRACKED: 'Packets exempted from tracking in the raw table.',
  SNAT: 'Connections whose source address was rewritten.', DNAT: 'Connections whose destination address was rewritten.',
};
