import { conf } from '../../helpers/vsftpd.js';

/** A configuration vsftpd starts with and ftpwall has nothing to say about. */
export const CLEAN = ['listen=YES', 'anonymous_enable=NO', 'local_enable=YES', 'ssl_enable=YES', 'pasv_min_port=40000', 'pasv_max_port=40100'];
export const clean = (...extra: string[]) => conf(...CLEAN, ...extra);

export interface Case { text: string; line?: number; says?: string }
export const RULE_CASES: Record<string, { fires: Case[]; quiet: string[] }> = {
  'vsftpd/unknown-directive': {
    fires: [
      { text: clean('pasv_min_prot=40000'), line: 7, says: 'Did you mean "pasv_min_port"' },
      { text: clean('Listen=YES'), line: 7, says: 'unrecognised variable in config file: Listen' },
      { text: clean('foo'), line: 7, says: 'missing value in config file for: foo' },
      { text: clean('=YES'), line: 7, says: 'no directive name' },
      { text: '\uFEFF' + clean(), line: 1, says: 'byte order mark' },
      { text: clean('ftpd_banner\r'), line: 7, says: 'carriage return' },
      { text: clean('ssl_tlsv1_2=YES'), line: 7, says: 'not in vsftpd 3.0.3' },
    ],
    quiet: [clean(), clean('ftpd_banner'), clean('ftpd_banner=')],
  },
  'vsftpd/space-before-equals': {
    fires: [{ text: clean('write_enable =YES'), line: 7, says: 'unrecognised variable in config file: write_enable ' }, { text: clean('write_enable\t= YES'), line: 7 }],
    quiet: [clean('write_enable=YES'), clean('ftpd_banner=a = b')],
  },
  'vsftpd/missing-value': {
    fires: [
      { text: clean('write_enable'), line: 7, says: 'missing value in config file for: write_enable' },
      { text: clean('write_enable='), line: 7 },
      { text: clean('max_clients='), line: 7 },
      { text: clean('write_enable\r'), line: 7 },
    ],
    quiet: [clean('ftpd_banner='), clean('ftpd_banner'), clean('write_enable=NO')],
  },
  'vsftpd/bad-boolean': {
    fires: [
      { text: clean('write_enable=YES '), line: 7, says: 'ends with whitespace' },
      { text: clean('write_enable=YES # allow uploads'), line: 7, says: 'no end-of-line comments' },
      { text: clean('write_enable=YES\r'), line: 7, says: 'carriage return' },
      { text: clean('write_enable=on'), line: 7, says: '"on" is not one of' },
      { text: clean('write_enable=YESdirmessage_enable=YES'), line: 7, says: 'second directive' },
    ],
    quiet: [clean('write_enable=yes'), clean('write_enable=True'), clean('write_enable=1'), clean('write_enable=0')],
  },
  'vsftpd/indented-comment': {
    fires: [{ text: clean('  # passive ports'), line: 7, says: 'missing value in config file for: # passive ports' }, { text: clean('\t#x=1'), line: 7, says: 'unrecognised variable' }],
    quiet: [clean('# passive ports')],
  },
  'vsftpd/listen-and-listen-ipv6': {
    fires: [{ text: clean('listen_ipv6=YES'), line: 7, says: 'run two copies of vsftpd for IPv4 and IPv6' }],
    quiet: [clean(), conf('listen=NO', 'listen_ipv6=YES', 'local_enable=YES')],
  },
  'vsftpd/ignored-in-inetd-mode': {
    fires: [
      { text: conf('listen=NO', 'listen_ipv6=NO', 'local_enable=YES', 'listen_port=2121'), line: 4, says: 'listen_port is not read' },
      { text: conf('local_enable=YES', 'listen_address=192.0.2.5'), line: 2, says: 'listen_address is not read' },
    ],
    quiet: [clean('listen_port=2121'), conf('listen=NO', 'listen_ipv6=YES', 'local_enable=YES', 'listen_address6=::'), conf('listen=NO', 'listen_ipv6=NO', 'local_enable=YES')],
  },
  'vsftpd/no-login-allowed': {
    fires: [{ text: conf('listen=YES', 'anonymous_enable=NO'), line: 2, says: 'both local and anonymous access disabled' }],
    quiet: [clean(), conf('listen=YES')],
  },
  'vsftpd/startup-check': {
    fires: [
      { text: clean('one_process_model=YES'), line: 7, says: "'one_process_model' is anonymous only" },
      { text: clean('http_enable=YES'), line: 7, says: "HTTP needs 'one_process_model'" },
      { text: clean('ftp_enable=NO'), line: 7, says: 'both FTP and HTTP disabled' },
    ],
    quiet: [clean(), conf('listen=YES', 'anonymous_enable=YES', 'one_process_model=YES')],
  },
  'vsftpd/bad-listen-address': {
    fires: [
      { text: clean('listen_address=ftp.example.org'), line: 7, says: 'bad listen_address: ftp.example.org' },
      { text: conf('listen=NO', 'listen_ipv6=YES', 'local_enable=YES', 'listen_address6=zz'), line: 4, says: 'bad listen_address6: zz' },
    ],
    quiet: [clean('listen_address=192.0.2.1'), clean('listen_address=1.2.3'), conf('listen=NO', 'local_enable=YES', 'listen_address=abc'), conf('listen_ipv6=YES', 'local_enable=YES', 'listen_address6=2001:db8::1')],
  },
  'vsftpd/directives-run-together': {
    fires: [
      { text: conf('listen=YES', 'pasv_min_port=2222pasv_max_port=2225'), line: 2, says: 'pasv_min_port=2222 and never sees pasv_max_port' },
      { text: clean('ftpd_banner=Hellowrite_enable=YES'), line: 7, says: 'never sees write_enable' },
    ],
    quiet: [clean('ftpd_banner=a=b'), clean('write_enable=YESdirmessage_enable=YES')],
  },
  'vsftpd/inline-comment': {
    fires: [{ text: clean('max_clients=10 # ten'), line: 7, says: 'vsftpd ignores it' }, { text: clean('rsa_cert_file=/etc/x.pem # cert'), line: 7, says: 'comment included' }],
    quiet: [clean('ftpd_banner=server #2'), clean('write_enable=YES # c')],
  },
  'vsftpd/value-whitespace': {
    fires: [
      { text: clean('rsa_cert_file=/etc/x.pem '), line: 7, says: 'ends with whitespace' },
      { text: clean('rsa_cert_file= /etc/x.pem'), line: 7, says: 'starts with whitespace' },
      { text: clean('rsa_cert_file=/etc/x.pem\r'), line: 7, says: 'carriage return' },
    ],
    quiet: [clean('ftpd_banner=  Hello'), clean('rsa_cert_file=/etc/x.pem')],
  },
  'vsftpd/bad-number': {
    fires: [
      { text: clean('max_clients=abc'), line: 7, says: 'reads max_clients as 0' },
      { text: clean('max_clients=-5'), line: 7, says: '4294967291' },
      { text: clean('data_connection_timeout=5m'), line: 7, says: 'ignores "m"' },
      { text: clean('max_clients=0100'), line: 7, says: '0100 is 64, not 100' },
      { text: clean('local_umask=22'), line: 7, says: 'octal 026' },
      { text: clean('local_umask=089'), line: 7, says: 'no digits 8 or 9' },
      { text: clean('local_umask= 022'), line: 7, says: 'octal 026' },
    ],
    quiet: [clean('max_clients=100'), clean('local_umask=022'), clean('local_umask=0'), clean('max_clients=0'), clean('max_clients=100\r')],
  },
  'vsftpd/number-out-of-range': {
    fires: [
      { text: clean('listen_port=70000'), line: 7, says: 'becomes 4464' },
      { text: clean('listen_port=0'), line: 7 },
      { text: clean('local_umask=01777'), line: 7, says: 'beyond 0777' },
      { text: clean('max_clients=99999999999'), line: 7, says: 'does not fit' },
    ],
    quiet: [clean('listen_port=2121'), clean('ftp_data_port=20'), clean('pasv_min_port=70000')],
  },
  'vsftpd/duplicate-directive': {
    fires: [{ text: conf('listen=YES', 'listen=NO', 'local_enable=YES'), line: 1, says: 'set again on line 2 (NO)' }],
    quiet: [clean()],
  },
  'vsftpd/beyond-size-limit': {
    fires: [{ text: conf(...CLEAN, '#' + 'x'.repeat(100_000), 'write_enable=YES'), line: 7, says: 'first 100,000 bytes' }],
    quiet: [conf(...CLEAN, '#' + 'x'.repeat(90_000))],
  },
  'vsftpd/pasv-range-inverted': {
    fires: [
      { text: conf('listen=YES', 'local_enable=YES', 'pasv_max_port=10240', 'pasv_min_port=20480'), line: 3, says: 'uses passive ports 20480-65535' },
      { text: conf('listen=YES', 'local_enable=YES', 'pasv_max_port=3000'), line: 3, says: "default pasv_min_port of 5001" },
    ],
    quiet: [clean(), conf('listen=YES', 'pasv_min_port=10240', 'pasv_max_port=10240'), conf('listen=YES', 'pasv_min_port=10240', 'pasv_max_port=0')],
  },
  'vsftpd/pasv-range-out-of-bounds': {
    fires: [
      { text: conf('listen=YES', 'pasv_min_port=1000', 'pasv_max_port=1100'), line: 2, says: 'passive ports come from 1024-1100' },
      { text: conf('listen=YES', 'pasv_min_port=70000'), line: 2 },
      { text: conf('listen=YES', 'pasv_min_port=40000', 'pasv_max_port=70000'), line: 3, says: '40000-65535' },
    ],
    quiet: [clean(), conf('listen=YES', 'pasv_min_port=0', 'pasv_max_port=40000')],
  },
  'vsftpd/pasv-no-range': {
    fires: [{ text: conf('listen=YES', 'local_enable=YES'), line: 1, says: '5001-65535' }, { text: conf('listen=YES', 'pasv_enable=YES'), line: 2 }],
    quiet: [clean(), conf('listen=YES', 'pasv_enable=NO')],
  },
  'vsftpd/no-data-mode': {
    fires: [{ text: clean('pasv_enable=NO', 'port_enable=NO'), line: 7, says: 'cannot list or transfer' }],
    quiet: [clean('pasv_enable=NO'), clean('port_enable=NO')],
  },
  'vsftpd/pasv-address-invalid': {
    fires: [
      { text: clean('pasv_address="203.0.113.7"'), line: 7, says: 'quotes' },
      { text: clean('pasv_address=ftp.example.org'), line: 7, says: 'pasv_addr_resolve is NO' },
      { text: clean('pasv_address=203.0.113.999'), line: 7, says: 'not an IPv4 address' },
      { text: clean('pasv_address=0x7f.1'), line: 7, says: 'unusual' },
    ],
    quiet: [clean('pasv_address=203.0.113.7'), clean('pasv_addr_resolve=YES', 'pasv_address=ftp.example.org')],
  },
  'vsftpd/anonymous-login-by-default': {
    fires: [{ text: conf('listen=YES', 'local_enable=YES'), line: 1, says: "default is YES" }],
    quiet: [clean(), conf('anonymous_enable=YES')],
  },
  'vsftpd/anonymous-login': {
    fires: [{ text: conf('listen=YES', 'anonymous_enable=YES'), line: 2 }],
    quiet: [clean(), conf('listen=YES')],
  },
  'vsftpd/anonymous-write': {
    fires: [{ text: conf('anonymous_enable=YES', 'write_enable=YES', 'anon_upload_enable=YES', 'anon_mkdir_write_enable=YES'), line: 3 }],
    quiet: [conf('anonymous_enable=YES', 'anon_upload_enable=YES'), conf('anonymous_enable=NO', 'local_enable=YES', 'write_enable=YES', 'anon_upload_enable=YES')],
  },
  'vsftpd/cleartext-login': {
    fires: [
      { text: conf('listen=YES', 'anonymous_enable=NO', 'local_enable=YES'), line: 3, says: 'cleartext' },
      { text: clean('force_local_logins_ssl=NO'), line: 7, says: 'without TLS' },
    ],
    quiet: [clean(), conf('listen=YES', 'anonymous_enable=YES')],
  },
  'vsftpd/pasv-promiscuous': { fires: [{ text: clean('pasv_promiscuous=YES'), line: 7 }], quiet: [clean('pasv_promiscuous=NO')] },
  'vsftpd/port-promiscuous': { fires: [{ text: clean('port_promiscuous=YES'), line: 7, says: 'bounce' }], quiet: [clean('port_promiscuous=NO')] },
  'vsftpd/writable-chroot': {
    fires: [{ text: clean('chroot_local_user=YES', 'allow_writeable_chroot=YES'), line: 8 }],
    quiet: [clean('allow_writeable_chroot=YES'), clean('chroot_local_user=YES')],
  },
};

