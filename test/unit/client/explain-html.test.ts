import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { explainDiagram, explainHtml } from '../../../client/src/explain-html.js';
import { readHostConfig } from '../../../server/src/host/config.js';
import type { ExplainedPath } from '../../../server/src/analysis/explain.js';

describe('explain view and .ftpwall.json schema', () => {
  it('renders each connection with its verdict class, reason and links to the deciding rules', () => {
    const html = explainHtml({
      root: '/srv/ftp1', files: [],
      paths: {
        control: { verdict: 'open', ports: '21', reason: 'Connections to port 21 are accepted.', deciding: [{ file: '/srv/ftp1/etc/iptables/rules.v4', line: 6 }] },
        passive: { verdict: 'blocked', ports: '40000-40100', reason: 'They meet <REJECT> at rules.v4:9.', deciding: [{ file: '/srv/ftp1/etc/iptables/rules.v4', line: 8 }] },
        active: { verdict: 'disabled', ports: '20', reason: 'port_enable=NO turns active mode off.', deciding: [] },
      },
    });
    assert.match(html, /<tr class="open"><th>control<\/th><td>21<\/td><td class="verdict">open<\/td>/);
    assert.match(html, /<tr class="blocked"><th>passive<\/th><td>40000-40100<\/td>/);
    assert.match(html, /They meet &lt;REJECT&gt; at rules\.v4:9\./, 'text is escaped');
    assert.match(html, /<a href="#" data-file="\/srv\/ftp1\/etc\/iptables\/rules\.v4" data-line="8">rules\.v4:9<\/a>/);
    assert.match(html, /var\(--vscode-editor-background\)/, 'follows the editor theme');
    assert.match(html, /<svg class="diagram"/);
  });

  it('draws client, firewall and server with one colored connection per path', () => {
    const path = (verdict: ExplainedPath['verdict'], ports: string) => ({ verdict, ports, reason: '', deciding: [] });
    const svg = explainDiagram({ paths: { control: path('open', '21'), passive: path('blocked', '40000-40100'), active: path('conditional', '20') } });
    for (const box of ['client', 'firewall', 'server']) assert.match(svg, new RegExp(`>${box}</text>`));
    // Control reaches the server with an arrow; passive stops at the firewall with a cross; active comes back dashed.
    assert.match(svg, /<g class="lane open" data-path="control"><line x1="120" y1="80" x2="560" y2="80" [^>]*marker-end="url\(#arrow-open\)"/);
    assert.match(svg, /<g class="lane blocked" data-path="passive"><line x1="120" y1="135" x2="340" [^>]*\/>.*✕/s);
    assert.match(svg, /<g class="lane conditional" data-path="active"><line x1="560" y1="190" x2="120" [^>]*stroke-dasharray/);
    assert.match(svg, /passive data · 40000-40100 · blocked/);
  });

  it('gives each FTP service of a host (ProFTPD\'s virtual hosts) its own picture and table', () => {
    const path = (verdict: ExplainedPath['verdict'], ports: string) => ({ verdict, ports, reason: `${ports} ${verdict}`, deciding: [] });
    const main = { control: path('open', '21'), passive: path('blocked', '40000-40100'), active: path('open', '32768-60999') };
    const vhost = { control: path('blocked', '2121'), passive: path('open', '50000-50010'), active: path('open', '32768-60999') };
    const html = explainHtml({ root: '/srv/ftp', files: [], paths: main, services: [{ service: 'ProFTPD the main server', paths: main }, { service: 'ProFTPD <VirtualHost 10.0.0.5>', paths: vhost }] });
    assert.equal(html.match(/<svg class="diagram"/g)?.length, 2);
    assert.match(html, /<h3 class="service">ProFTPD &lt;VirtualHost 10\.0\.0\.5&gt;<\/h3><svg[\s\S]*?<tr class="blocked"><th>control<\/th><td>2121<\/td>/);
  });

  it('shows the port clients connect to beside the server\'s, where NAT sends the control connection on', () => {
    const path = (verdict: ExplainedPath['verdict'], ports: string) => ({ verdict, ports, reason: '', deciding: [] });
    const html = explainHtml({ root: '/srv/ftp', files: [], paths: { control: { ...path('open', '21'), connectPort: 2121 }, passive: path('open', '40000-40100'), active: path('open', '20') } });
    assert.match(html, /control · 2121 → 21 · open/);
    assert.match(html, /<th>control<\/th><td>2121 → 21<\/td>/);
  });

  it('draws each gateway between client and server, stops a connection at the one that blocks it, and gives each its table', () => {
    const path = (verdict: ExplainedPath['verdict'], ports: string) => ({ verdict, ports, reason: `${ports} ${verdict}`, deciding: [] });
    const through = { control: path('open', '21'), passive: path('blocked', '40000-40100'), active: path('open', '20') };
    const html = explainHtml({ root: '/srv/ftp', files: [], paths: through, gateways: [{ gateway: '../gw', paths: through }], own: { control: path('open', '21'), passive: path('open', '40000-40100'), active: path('open', '20') } });
    assert.match(html, />gateway \.\.\/gw<\/text>/);
    // The gateway stands halfway between the client (120) and this host's firewall (480).
    assert.match(html, /<g class="lane blocked" data-path="passive"><line x1="120" y1="135" x2="300" /);
    assert.match(html, /<h3 class="gateway">At gateway \.\.\/gw<\/h3><table>/);
    assert.match(html, /<h3 class="own">At this host's own firewall<\/h3><table>[\s\S]*<tr class="open"><th>passive<\/th>/);
  });

  it('adds a picture and a table for the paths over IPv6', () => {
    const path = (verdict: ExplainedPath['verdict'], ports: string) => ({ verdict, ports, reason: `${ports} ${verdict}`, deciding: [] });
    const open = { control: path('open', '21'), passive: path('open', '40000-40100'), active: path('open', '20') };
    const html = explainHtml({ root: '/srv/ftp', files: [], paths: open, ipv6: { ...open, passive: path('blocked', '40000-40100') } });
    assert.equal(html.match(/<svg class="diagram"/g)?.length, 2);
    assert.match(html, /<h3 class="ipv6">Over IPv6<\/h3><svg[\s\S]*<tr class="blocked"><th>passive<\/th>/);
  });

  it('draws the gateways over IPv6 as well, with a table for each and for the host\'s own IPv6 rules', () => {
    const path = (verdict: ExplainedPath['verdict'], ports: string) => ({ verdict, ports, reason: `${ports} ${verdict}`, deciding: [] });
    const open = { control: path('open', '21'), passive: path('open', '40000-40100'), active: path('open', '20') };
    const blocked = { ...open, passive: path('blocked', '40000-40100') };
    const html = explainHtml({ root: '/srv/ftp', files: [], paths: open, ipv6: blocked, ipv6Hops: { gateways: [{ gateway: '../gw', paths: blocked }], own: open } });
    const six = html.slice(html.indexOf('<h3 class="ipv6">'));
    assert.match(six, /^<h3 class="ipv6">Over IPv6<\/h3><svg[\s\S]*gateway \.\.\/gw[\s\S]*<\/svg>/);
    assert.match(six, /<h3 class="gateway">At gateway \.\.\/gw, over IPv6<\/h3><table>[\s\S]*<tr class="blocked"><th>passive<\/th>[\s\S]*<h3 class="own">At this host's own firewall, over IPv6<\/h3><table>[\s\S]*<tr class="open"><th>passive<\/th>/);
  });

  it('ships a schema whose fields are exactly the ones ftpwall reads', () => {
    const schema = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'schemas', 'ftpwall.schema.json'), 'utf8'));
    assert.deepEqual(Object.keys(schema.properties).sort(), ['addresses', 'arguments', 'clients', 'clientsFrom', 'connectPort', 'firewall', 'gateways', 'ignore', 'kernel', 'nat', 'rules', 'serverInterface', 'variables']);
    assert.deepEqual(schema.properties.clients.enum, ['passive', 'active', 'both']);
    const good = readHostConfig(JSON.stringify({ kernel: '5.10', nat: { publicAddress: '203.0.113.7' }, firewall: ['etc/iptables/rules.v4'], clients: 'passive', ignore: ['backup/*'], rules: { 'ftp/passive-range-small': 'off' } }));
    assert.deepEqual(good.problems, []);
    assert.equal(good.config.kernel, '5.10');
    const bad = readHostConfig(JSON.stringify({ kernel: 5, clients: 'sometimes', firewall: 'rules.v4' }));
    assert.equal(bad.problems.length, 3);
    assert.equal(bad.config.kernel, '6.8');
    // Over the editor's settings, a bad field keeps the setting, a good one replaces it.
    const over = readHostConfig(JSON.stringify({ kernel: 5, clients: 'active' }), { ...good.config, kernel: '5.15', clients: 'both' });
    assert.deepEqual([over.config.kernel, over.config.clients, over.problems.length], ['5.15', 'active', 1]);
  });
});
