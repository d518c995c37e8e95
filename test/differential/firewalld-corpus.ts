/**
 * firewalld configurations as administrators write them (zones with services, ports, rich rules,
 * targets, bindings; custom services and helpers; firewalld.conf), each valid or with one mistake
 * people make. Deterministic: the same list every run.
 */

/** Files by their path under /etc/firewalld. */
export interface FirewalldConfiguration { name: string; files: Record<string, string> }

const zone = (body: string[], attributes = '') => `<?xml version="1.0" encoding="utf-8"?>\n<zone${attributes}>\n  <short>Public</short>\n${body.map((b) => `  ${b}`).join('\n')}\n</zone>\n`;
const service = (body: string[]) => `<?xml version="1.0" encoding="utf-8"?>\n<service>\n  <short>Custom</short>\n${body.map((b) => `  ${b}`).join('\n')}\n</service>\n`;
const helper = (attributes: string, body: string[]) => `<?xml version="1.0" encoding="utf-8"?>\n<helper${attributes}>\n${body.map((b) => `  ${b}`).join('\n')}\n</helper>\n`;
const policy = (attributes: string, body: string[]) => `<?xml version="1.0" encoding="utf-8"?>\n<policy${attributes}>\n${body.map((b) => `  ${b}`).join('\n')}\n</policy>\n`;
const ipset = (type: string, body: string[]) => `<?xml version="1.0" encoding="utf-8"?>\n<ipset type="${type}">\n${body.map((b) => `  ${b}`).join('\n')}\n</ipset>\n`;
const conf = (defaultZone: string) => `# firewalld config file\nDefaultZone=${defaultZone}\nCleanupOnExit=yes\nFirewallBackend=nftables\n`;

/** Valid shapes: what the zone says, and any other files. */
const SHAPES: Array<{ name: string; body: string[]; attributes?: string; files?: Record<string, string> }> = [
  { name: 'ftp service', body: ['<service name="ssh"/>', '<service name="ftp"/>'] },
  { name: 'ftp service and the passive range', body: ['<service name="ftp"/>', '<port protocol="tcp" port="40000-40100"/>'] },
  { name: 'port 21 and the range as ports', body: ['<port protocol="tcp" port="21"/>', '<port protocol="tcp" port="40000-40100"/>'] },
  { name: 'a range written backwards and a port by name', body: ['<port protocol="tcp" port="40100-40000"/>', '<port protocol="tcp" port="ftp"/>'] },
  { name: 'rich rules', body: ['<rule family="ipv4"><source address="10.0.0.0/8"/><service name="ftp"/><accept/></rule>', '<rule family="ipv4"><source address="192.0.2.0/24"/><port protocol="tcp" port="21"/><reject/></rule>'] },
  { name: 'target DROP with ftp', attributes: ' target="DROP"', body: ['<service name="ftp"/>'] },
  { name: 'target ACCEPT', attributes: ' target="ACCEPT"', body: ['<interface name="eth0"/>'] },
  { name: 'target %%REJECT%% and a source', attributes: ' target="%%REJECT%%"', body: ['<source address="198.51.100.0/24"/>', '<service name="ftp"/>'] },
  { name: 'a custom service on 2121 with its own helper', body: ['<service name="ftp-2121"/>'], files: { 'services/ftp-2121.xml': service(['<port protocol="tcp" port="2121"/>', '<helper name="ftp-2121"/>']), 'helpers/ftp-2121.xml': helper(' module="nf_conntrack_ftp"', ['<port protocol="tcp" port="2121"/>']) } },
  { name: 'a policy from every zone to this host opening the range', body: ['<port protocol="tcp" port="21"/>'], files: { 'policies/ftp-data.xml': policy(' target="CONTINUE" priority="-10"', ['<ingress-zone name="ANY"/>', '<egress-zone name="HOST"/>', '<port protocol="tcp" port="40000-40100"/>']) } },
  { name: 'a REJECT policy from public after the zone, with the ftp service', body: ['<service name="ftp"/>'], files: { 'policies/late.xml': policy(' target="REJECT" priority="10"', ['<ingress-zone name="public"/>', '<egress-zone name="HOST"/>', '<service name="ftp"/>']) } },
  { name: 'a protocol, a source port, and rich rules by protocol and source port', body: ['<protocol value="tcp"/>', '<source-port protocol="tcp" port="20"/>', '<rule family="ipv4"><source address="10.0.0.0/8"/><protocol value="tcp"/><accept/></rule>', '<rule family="ipv4"><source-port protocol="tcp" port="1024-65535"/><reject/></rule>'] },
  { name: 'an ipset bound to a zone, and one in a rich rule', body: ['<source ipset="clients"/>', '<service name="ftp"/>', '<rule family="ipv4"><source ipset="office"/><port protocol="tcp" port="40000-40100"/><accept/></rule>'], files: { 'ipsets/clients.xml': ipset('hash:net', ['<entry>10.0.0.0/8</entry>']), 'ipsets/office.xml': ipset('hash:ip', ['<option name="family" value="inet"/>', '<entry>192.0.2.7</entry>', '<entry>192.0.2.10-192.0.2.20</entry>']) } },
  { name: 'a custom service including ftp, and another default zone', body: ['<service name="ssh"/>'], files: { 'services/ftp-plus.xml': service(['<port protocol="tcp" port="40000-40100"/>', '<include service="ftp"/>']), 'zones/work.xml': zone(['<service name="ftp-plus"/>']), 'firewalld.conf': conf('work') } },
];

/** Mistakes, each turning a valid configuration into one firewalld refuses or only warns about. */
const MISTAKES: Array<{ name: string; change(files: Record<string, string>): void }> = [
  { name: 'a service that does not exist', change: (f) => { f['zones/public.xml'] = f['zones/public.xml']!.replace('<short>Public</short>', '<short>Public</short>\n  <service name="ftps"/>'); } },
  { name: 'a port above 65535', change: (f) => { f['zones/public.xml'] = f['zones/public.xml']!.replace('</zone>', '  <port protocol="tcp" port="40000-70000"/>\n</zone>'); } },
  { name: 'a protocol firewalld does not take', change: (f) => { f['zones/public.xml'] = f['zones/public.xml']!.replace('</zone>', '  <port protocol="tpc" port="21"/>\n</zone>'); } },
  { name: 'a target that does not exist', change: (f) => { f['zones/public.xml'] = f['zones/public.xml']!.replace(/<zone( target="[^"]*")?>/, '<zone target="DENY">'); } },
  { name: 'an unclosed element', change: (f) => { f['zones/public.xml'] = f['zones/public.xml']!.replace('<short>Public</short>', '<short>Public</short>\n  <service name="ssh">'); } },
  { name: 'an element firewalld does not know', change: (f) => { f['zones/public.xml'] = f['zones/public.xml']!.replace('</zone>', '  <ports protocol="tcp" port="21"/>\n</zone>'); } },
  { name: 'an attribute firewalld does not know', change: (f) => { f['zones/public.xml'] = f['zones/public.xml']!.replace('</zone>', '  <port protocol="tcp" port="21" comment="ftp"/>\n</zone>'); } },
  { name: 'a port without its protocol', change: (f) => { f['zones/public.xml'] = f['zones/public.xml']!.replace('</zone>', '  <port port="21"/>\n</zone>'); } },
  { name: 'a port that is no number or service', change: (f) => { f['zones/public.xml'] = f['zones/public.xml']!.replace('</zone>', '  <port protocol="tcp" port="passive"/>\n</zone>'); } },
  { name: 'a custom service including one that does not exist', change: (f) => { f['services/broken.xml'] = service(['<port protocol="tcp" port="2121"/>', '<include service="ftp-data"/>']); } },
  { name: 'a helper without its module', change: (f) => { f['helpers/ftp-broken.xml'] = helper('', ['<port protocol="tcp" port="2121"/>']); } },
  { name: 'a rich rule with two actions (only warned)', change: (f) => { f['zones/public.xml'] = f['zones/public.xml']!.replace('</zone>', '  <rule><service name="ftp"/><accept/><drop/></rule>\n</zone>'); } },
  { name: 'a rich rule with a bad address (only warned)', change: (f) => { f['zones/public.xml'] = f['zones/public.xml']!.replace('</zone>', '  <rule family="ipv4"><source address="10.0.0.0/33"/><service name="ftp"/><accept/></rule>\n</zone>'); } },
  { name: 'a default zone that does not exist (only warned)', change: (f) => { f['firewalld.conf'] = conf('ftpzone'); } },
  { name: 'a policy with a zone target', change: (f) => { f['policies/p.xml'] = policy(' target="%%REJECT%%"', ['<ingress-zone name="ANY"/>', '<egress-zone name="HOST"/>']); } },
  { name: 'a policy from a zone that does not exist', change: (f) => { f['policies/p.xml'] = policy('', ['<ingress-zone name="dmz2"/>', '<egress-zone name="HOST"/>']); } },
  { name: 'a policy naming an interface', change: (f) => { f['policies/p.xml'] = policy('', ['<ingress-zone name="ANY"/>', '<egress-zone name="HOST"/>', '<interface name="eth0"/>']); } },
  { name: 'an ipset of a type firewalld does not know', change: (f) => { f['ipsets/bad.xml'] = ipset('hash:nets', ['<entry>10.0.0.0/8</entry>']); } },
  { name: 'an ipset entry that is no address (only warned)', change: (f) => { f['ipsets/loose.xml'] = ipset('hash:net', ['<entry>10.0.0.0/33</entry>', '<entry>192.0.2.0/24</entry>']); } },
  { name: 'an ipset without its type', change: (f) => { f['ipsets/untyped.xml'] = '<?xml version="1.0" encoding="utf-8"?>\n<ipset>\n  <entry>10.0.0.1</entry>\n</ipset>\n'; } },
  { name: 'a service file with a port above 65535', change: (f) => { f['services/wide.xml'] = service(['<port protocol="tcp" port="65536"/>']); } },
  // firewalld reads ports with Python's int(), in decimal (040000 is 40000), but an address as inet_pton does (010.0.0.0 is no address).
  { name: 'ports with leading zeros (not a mistake)', change: (f) => { f['zones/public.xml'] = f['zones/public.xml']!.replace('</zone>', '  <port protocol="tcp" port="040000-040100"/>\n</zone>'); } },
  { name: 'a source address with a leading zero', change: (f) => { f['zones/public.xml'] = f['zones/public.xml']!.replace('</zone>', '  <source address="010.0.0.0/8"/>\n</zone>'); } },
];

export function firewalldConfigurations(): FirewalldConfiguration[] {
  const all: FirewalldConfiguration[] = [];
  for (const shape of SHAPES) {
    const base = { 'zones/public.xml': zone(shape.body, shape.attributes ?? ''), 'firewalld.conf': conf('public'), ...(shape.files ?? {}) };
    all.push({ name: shape.name, files: { ...base } });
    for (const mistake of MISTAKES) {
      const files = { ...base };
      mistake.change(files);
      all.push({ name: `${shape.name}, ${mistake.name}`, files });
    }
  }
  return all;
}
