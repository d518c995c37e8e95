/**
 * Pure-FTPd as Debian runs it: the option files pure-ftpd-common installs, with one option file
 * added or changed the way administrators do it, valid or with a mistake. Deterministic.
 */
export interface PureConfiguration { name: string; options: Record<string, string>; removed?: string[] }

const VALID: Array<[string, string]> = [
  ['PassivePortRange', '40000 40100\n'], ['PassivePortRange', '30000 35000\n'], ['PassivePortRange', '# the passive range\n\n  40000 40100  \n'], ['PassivePortRange', '1024 65535\n'],
  ['PassivePortRange', '40000\t40100\n'], ['ForcePassiveIP', '203.0.113.7\n'], ['ForcePassiveIP', 'ftp.example.com\n'], ['Bind', '2121\n'], ['Bind', ',2121\n'],
  ['Bind', '127.0.0.1,21\n'], ['TLS', '0\n'], ['TLS', '1\n'], ['TLS', '2\n'], ['TLS', '3\n'], ['NATmode', 'yes\n'], ['NATmode', 'no\n'], ['NATmode', 'no\nyes\n'],
  ['IPV4Only', 'yes\n'], ['IPV4Only', 'on\n'], ['IPV4Only', '1\n'], ['NoAnonymous', 'no\n'], ['MaxClientsNumber', '50\n'], ['MaxClientsPerIP', '8\n'],
  ['MaxIdleTime', '15\n'], ['Umask', '133 022\n'], ['LimitRecursion', '10000 8\n'], ['LimitRecursion', '-1 -1\n'], ['AnonymousBandwidth', '20\n'],
  ['UserBandwidth', '8:16\n'], ['TrustedIP', '10.0.0.1\n'], ['SyslogFacility', 'ftp\n'], ['ChrootEveryone', 'yes\n'], ['DontResolve', 'yes\n'],
  ['PassivePortRange.bak', '1 2\n'], ['TLS~', '9\n'], ['passive-range', '40000 40100\n'], ['MinUID', '100\n'], ['AnonymousRatio', '1 10\n'],
  ['PerUserLimits', '3 20\n'], ['AltLog', 'w3c:/var/log/pure-ftpd/transfer.log\n'], ['Quota', '1000 10\n'],
];

const MISTAKES: Array<[string, string]> = [
  ['PassivePortRange', '40000\n'], ['PassivePortRange', '40000-40100\n'], ['PassivePortRange', '40000:40100\n'], ['PassivePortRange', '100 200\n'],
  ['PassivePortRange', '50000 40000\n'], ['PassivePortRange', '40000 70000\n'], ['PassivePortRange', '0 0\n'], ['PassivePortRange', '40000 40100 40200\n'],
  ['PasivePortRange', '40000 40100\n'], ['PassivePortrange', '40000 40100\n'], ['passiveportrange', '40000 40100\n'], ['ForcePassiveIp', '203.0.113.7\n'],
  ['ForcePassiveIP', '203.0.113.7 198.51.100.1\n'], ['Bind', '0.0.0.0, 2121\n'], ['TLS', '4\n'], ['TLS', 'yes\n'], ['TLS', '-1\n'], ['NATmode', 'maybe\n'],
  ['IPV4Only', 'true\n'], ['NoAnonymous', 'ja\n'], ['MaxClientsNumber', 'fifty\n'], ['MaxClientsPerIP', '0\n'], ['MaxClientsNumber', '0\n'],
  ['Umask', '133:022\n'], ['Umask', '999 022\n'], ['LimitRecursion', '0 8\n'], ['LimitRecursion', '-2 8\n'], ['AnonymousBandwidth', 'fast\n'],
  ['TrustedIP', '10.0.0.256\n'], ['TrustedIP', '10.0.0.0/8\n'], ['SyslogFacility', 'local-7\n'], ['ChrootEveryone', 'si\n'], ['AnonymousRatio', '0 10\n'],
  ['UserRatio', '1\n'], ['MaxIdleTime', '15m\n'], ['Quota', '1000\n'], ['AltLog', 'clf: /var/log/x\n'], ['PerUserLimits', 'three twenty\n'],
];

export function pureConfigurations(): PureConfiguration[] {
  return [
    { name: 'Debian\'s option files as installed', options: {} },
    ...VALID.map(([name, text]) => ({ name: `valid: ${name} = ${JSON.stringify(text)}`, options: { [name]: text } })),
    ...MISTAKES.map(([name, text]) => ({ name: `mistake: ${name} = ${JSON.stringify(text)}`, options: { [name]: text } })),
    // Two mistakes at once, and a stock file taken away.
    { name: 'mistakes: a misspelt option and a bad range', options: { PasivePortRange: '1 2\n', PassivePortRange: '100 200\n' } },
    { name: 'valid: without MinUID', options: {}, removed: ['MinUID'] },
  ];
}
