/**
 * Writes server/src/languages/firewalld/stock-catalogue.json: the facts of firewalld's own
 * services, helpers and zones (ports, protocols, helpers, includes, targets) read from the
 * firewalld package's /usr/lib/firewalld. Run it where Debian's firewalld is installed; ftpwall
 * then needs no firewalld at run time. `--check` fails when the committed table differs.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineIndex } from '../server/src/core/text.js';
import { readXml, type XmlElement } from '../server/src/languages/firewalld/xml.js';

const SOURCE = process.env['FIREWALLD_LIB'] ?? '/usr/lib/firewalld';
const OUT = join(import.meta.dirname, '..', 'server', 'src', 'languages', 'firewalld', 'stock-catalogue.json');

function read(kind: string): Array<[string, XmlElement]> {
  return readdirSync(join(SOURCE, kind)).filter((f) => f.endsWith('.xml')).sort().map((f) => {
    const text = readFileSync(join(SOURCE, kind, f), 'utf8');
    return [f.slice(0, -4), readXml(text, new LineIndex(text)).root!];
  });
}
const attr = (e: XmlElement, name: string) => e.attributes.get(name)?.value ?? '';
const all = (e: XmlElement, name: string) => e.children.filter((c) => c.name === name);
const ports = (e: XmlElement, tag = 'port') => all(e, tag).map((p) => `${attr(p, 'port')}/${attr(p, 'protocol')}`);

const catalogue = {
  source: 'firewalld 1.3.3-1~deb12u2 (Debian 12), /usr/lib/firewalld: facts only (ports, protocols, helpers, targets); GPL-2.0-or-later package',
  services: Object.fromEntries(read('services').map(([name, e]) => [name, {
    ports: ports(e), protocols: all(e, 'protocol').map((p) => attr(p, 'value')), sourcePorts: ports(e, 'source-port'),
    helpers: all(e, 'helper').map((h) => attr(h, 'name')), includes: all(e, 'include').map((i) => attr(i, 'service')),
  }])),
  helpers: Object.fromEntries(read('helpers').map(([name, e]) => [name, { module: attr(e, 'module'), family: attr(e, 'family'), ports: ports(e) }])),
  zones: Object.fromEntries(read('zones').map(([name, e]) => [name, {
    target: attr(e, 'target') || 'default', services: all(e, 'service').map((s) => attr(s, 'name')), ports: ports(e),
    masquerade: all(e, 'masquerade').length > 0, forward: all(e, 'forward').length > 0,
  }])),
};
const text = JSON.stringify(catalogue, null, 1) + '\n';
if (process.argv.includes('--check')) {
  if (readFileSync(OUT, 'utf8') !== text) { console.error('stock-catalogue.json differs from /usr/lib/firewalld'); process.exit(1); }
} else writeFileSync(OUT, text);
