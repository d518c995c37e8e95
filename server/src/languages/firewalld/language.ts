import type { Language } from '../../analysis/language.js';
import { containsPosition } from '../../core/text.js';
import { firewalldChecks } from './checks.js';
import { FIREWALLD_NAMES, readFirewalldDocument, type FirewalldDocument } from './document.js';
import type { XmlElement } from './xml.js';
import STOCK from './stock-catalogue.json';

/** What the elements that decide FTP's paths do, in ftpwall's words. */
const ELEMENT_HELP: Record<string, string> = {
  zone: 'A zone: the rules for connections coming in on its interfaces or from its sources (the default zone takes the rest). `target` decides what happens to what no rule accepts: default and %%REJECT%% reject, DROP drops, ACCEPT accepts.',
  service: 'Opens a service\'s ports (firewalld\'s own catalogue or /etc/firewalld/services). The stock `ftp` service is 21/tcp with the FTP helper, so passive data connections come in as RELATED.',
  port: 'Opens a port or a range (`40000-40100`) for the protocol.',
  rule: 'A rich rule: an action (accept, reject, drop) for a service or port, from a source, for a family. An unreadable rule is only warned about and left out.',
  interface: 'Connections coming in on this interface meet this zone.',
  source: 'Connections from this address or network meet this zone (before any interface binding).',
  helper: 'A conntrack helper firewalld assigns on its ports; `nf_conntrack_ftp` follows FTP\'s PORT and PASV.',
  policy: 'A policy: rules for traffic from its ingress zones to its egress zones (`HOST` is this machine, `ANY` every zone), then its `target` (CONTINUE goes on to the zone\'s rules; ACCEPT, DROP, REJECT decide). Below priority 0 it runs before the zone\'s own rules, above 0 after them.',
  'ingress-zone': 'Where the traffic comes from: `ANY`, `HOST`, or a zone, which counts only through the interfaces and sources bound to it (a zone with none bound, even the default one, brings no traffic to the policy).',
  'egress-zone': 'Where the traffic goes: `HOST` is this machine (FTP\'s connections to the server), a zone or `ANY` is traffic forwarded through it.',
};

function elementAt(root: XmlElement | undefined, line: number): XmlElement | undefined {
  if (!root) return undefined;
  for (const child of root.children) { const found = elementAt(child, line); if (found) return found; }
  return root.range.start.line <= line && line <= root.range.end.line ? root : undefined;
}

export const firewalldLanguage: Language<FirewalldDocument> = {
  id: 'firewalld',
  displayName: 'firewalld configuration (zones, services, helpers, policies, firewalld.conf)',
  read: readFirewalldDocument,
  lines: (doc) => doc.lines,
  rules: [...firewalldChecks],
  namePatterns: FIREWALLD_NAMES,
  matchesContent: () => false,
  hover(doc, position) {
    const element = elementAt(doc.xml?.root, position.line);
    if (!element || !containsPosition(element.range, position)) return undefined;
    const name = element.attributes.get('name')?.value;
    const stock = element.name === 'service' && name ? (STOCK.services as Record<string, { ports: string[]; helpers: string[] }>)[name] : undefined;
    const detail = stock ? ` firewalld's \`${name}\`: ${stock.ports.join(', ') || 'no port'}${stock.helpers.length ? `, helper ${stock.helpers.join(', ')}` : ''}.` : '';
    const help = ELEMENT_HELP[element.name];
    return help || detail ? { markdown: `**<${element.name}>** — ${help ?? ''}${detail}`, range: element.range } : undefined;
  },
  completions(doc, position) {
    const before = doc.lines.lineText(position.line).slice(0, position.character);
    if (!/<service\s+name="[^"]*$/.test(before)) return [];
    return Object.entries(STOCK.services as Record<string, { ports: string[] }>).map(([name, s]) => ({ label: name, kind: 'value' as const, detail: s.ports.join(', ') }));
  },
  symbols: (doc) => (doc.xml?.root?.children ?? []).filter((e) => e.name !== 'short' && e.name !== 'description').map((e) => {
    const label = e.attributes.get('name')?.value ?? e.attributes.get('port')?.value ?? e.attributes.get('address')?.value ?? '';
    return { name: `${e.name}${label ? ` ${label}` : ''}`, kind: 'property' as const, range: e.range, selectionRange: e.range };
  }),
  folding: () => [],
};
