// Regenerates server/src/languages/iptables/catalogue/netbase.json from Debian's netbase files,
// which iptables reads to resolve service names (--dport ftp) and protocol names (-p gre).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entries = (path) => readFileSync(path, 'utf8').split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean).map((l) => l.split(/\s+/));

const services = { tcp: {}, udp: {}, sctp: {}, dccp: {} };
for (const [name, portProto, ...aliases] of entries('/etc/services')) {
  const [port, proto] = portProto.split('/');
  if (!(proto in services)) continue;
  for (const n of [name, ...aliases]) if (!(n in services[proto])) services[proto][n] = Number(port);
}
const protocols = {};
for (const [name, number, ...aliases] of entries('/etc/protocols')) for (const n of [name, ...aliases]) protocols[n.toLowerCase()] ??= Number(number);

const out = join(root, 'server/src/languages/iptables/catalogue/netbase.json');
writeFileSync(out, JSON.stringify({ source: "Debian's netbase /etc/services and /etc/protocols", services, protocols }, null, 1) + '\n');
console.log(`wrote ${out}`);
