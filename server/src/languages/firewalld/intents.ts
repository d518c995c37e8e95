import type { TextEdit } from '../../core/findings.js';
import type { FirewallIntents } from '../../engine/firewall-file.js';
import { isIpv6Address } from '../../engine/client-side.js';
import type { PortSpec } from './document.js';
import type { FirewalldDocument } from './document.js';
import { insertLineAfter, insertLineBefore } from '../iptables/edits.js';
import type { LineIndex } from '../../core/text.js';
import { STOCK_IPV6_POLICY } from './stock-ipv6-policy.js';

/** Adds an element to a zone file before its closing tag, indented as its first element is; undefined without the file or its closing tag. */
function zoneAdder(zone: FirewalldDocument | undefined): (element: string) => TextEdit | undefined {
  const closing = zone ? closingLine(zone) : undefined;
  const indent = zone ? /^[ \t]*/.exec(zone.lines.lineText(zone.xml?.root?.children[0]?.range.start.line ?? 0))![0] || '  ' : '  ';
  return (element) => (closing === undefined ? undefined : insertLineBefore(closing, `${indent}${element}`));
}

const portText = (p: Pick<PortSpec, 'min' | 'max'>) => (p.min === p.max ? `${p.min}` : `${p.min}-${p.max}`);

/** The policy each FORWARD accept is written into: short names, as firewalld builds its chains' names from them. */
const FORWARD_POLICY = { 'forward-accept': 'ftp-to-server', 'forward-accept-from': 'ftp-from-server' } as const;

/**
 * The edits a host check asks of firewalld, made in the zone file connections meet (as
 * `firewall-cmd --permanent --add-port` writes it): a `<port>` for a range, the stock `ftp`
 * service (port 21 with the FTP helper) for the helper. Only where the host holds that zone's file.
 * On a router, `clientZone` is the zone the clients come in through (the one that forwards a
 * port to the server): forward ports and masquerade go there, as `--add-forward-port` and
 * `--add-masquerade` write them. What firewalld routes between zones is a policy's to let
 * through: a FORWARD accept goes into a policy of ftpwall's own, created by the first such fix
 * (`policies`: those the host has, and the folder new ones go into).
 */
export function firewalldIntents(zone: FirewalldDocument | undefined, clientZone?: FirewalldDocument, policies: { readonly files: readonly FirewalldDocument[]; readonly folder?: string } = { files: [] }): FirewallIntents {
  const add = zoneAdder(zone);
  const addForClients = zoneAdder(clientZone);
  const existingPolicy = (name: string) => policies.files.find((d) => d.name === name);
  const policyFile = (name: string) => existingPolicy(name)?.path ?? (policies.folder && `${policies.folder}/${name}.xml`);
  return {
    fileOf: (intent) => (intent === 'forward-accept' || intent === 'forward-accept-from' ? policyFile(FORWARD_POLICY[intent])
      : intent === 'accept-neighbour-discovery' ? existingPolicy(STOCK_IPV6_POLICY.name)?.path
      : intent === 'assign-helper' ? undefined : clientZone?.path),
    /**
     * ICMPv6 accepted where firewalld's stock policy for it was, as a rich rule (ftpwall does not
     * read icmp-type elements): in the host's own file that replaces that policy. Without one, the
     * stock policy accepts discovery before any zone, so no zone drops it.
     */
    acceptNeighbourDiscovery() {
      const replaced = existingPolicy(STOCK_IPV6_POLICY.name);
      const closing = replaced && closingLine(replaced, 'policy');
      const rule = ['  <rule family="ipv6">', '    <protocol value="ipv6-icmp"/>', '    <accept/>', '  </rule>'];
      return closing === undefined ? undefined : insertLineBefore(closing, rule.join('\n'));
    },
    forwardAccept(ports, address, placement = {}) {
      const name = FORWARD_POLICY[placement.fromAddress ? 'forward-accept-from' : 'forward-accept'];
      if (ports.ranges.length !== 1 || !policyFile(name)) return undefined;
      const [min, max] = ports.ranges[0]!;
      const port = `<${placement.fromAddress ? 'source-port' : 'port'} port="${portText({ min, max })}" protocol="tcp"/>`;
      // The rich rule narrows the policy to the server's address and ports.
      const rule = [`  <rule family="${isIpv6Address(address) ? 'ipv6' : 'ipv4'}">`, `    <${placement.fromAddress ? 'source' : 'destination'} address="${address}"/>`, `    ${port}`, '    <accept/>', '  </rule>'];
      const existing = existingPolicy(name);
      if (existing) {
        const closing = closingLine(existing, 'policy');
        return closing === undefined ? undefined : insertLineBefore(closing, rule.join('\n'));
      }
      // From the clients' zone to any other (to the server), or back (from it).
      const clients = clientZone?.name ?? 'ANY';
      const [ingress, egress] = placement.fromAddress ? ['ANY', clients] : [clients, 'ANY'];
      const text = ['<?xml version="1.0" encoding="utf-8"?>', '<policy target="CONTINUE">', `  <short>${placement.comment ?? 'ftpwall'}</short>`, `  <ingress-zone name="${ingress}"/>`, `  <egress-zone name="${egress}"/>`, ...rule, '</policy>', ''];
      const start = { line: 0, character: 0 };
      return { range: { start, end: start }, newText: text.join('\n') };
    },
    forwardTo: (ports, address) => {
      if (ports.ranges.length !== 1) return undefined;
      const [min, max] = ports.ranges[0]!;
      return addForClients(`<forward-port port="${portText({ min, max })}" protocol="tcp" to-addr="${address}"/>`);
    },
    masqueradeFrom: () => (clientZone?.zone?.masquerade ? undefined : addForClients('<masquerade/>')),
    acceptInbound(ports, placement = {}) {
      if (ports.ranges.length !== 1 || placement.established) return undefined;
      const [min, max] = ports.ranges[0]!;
      return add(`<port protocol="tcp" port="${portText({ min, max })}"/>`);
    },
    acceptInboundAsService(ports, name, description) {
      if (!zone || ports.ranges.length !== 1) return undefined;
      const named = add(`<service name="${name}"/>`);
      // Custom services live beside the zones: /etc/firewalld/services/NAME.xml.
      const file = zone.path.replace(/\/zones\/[^/]+$/, `/services/${name}.xml`);
      if (!named || file === zone.path) return undefined;
      const [min, max] = ports.ranges[0]!;
      const text = ['<?xml version="1.0" encoding="utf-8"?>', '<service>', `  <short>${description}</short>`, `  <port protocol="tcp" port="${portText({ min, max })}"/>`, '</service>', ''].join('\n');
      const start = { line: 0, character: 0 };
      return { edits: { [zone.path]: [named], [file]: [{ range: { start, end: start }, newText: text }] }, creates: [file] };
    },
    acceptOutboundFrom: () => undefined,
    acceptEstablished: () => undefined,
    // firewalld's service assigns its helper in the zone's chains, after NAT: to the port the connection arrives on.
    assignFtpHelper: ({ arrives }) => (arrives === 21 ? add('<service name="ftp"/>') : undefined),
    rewritePorts: () => undefined,
    moveAbove: () => undefined,
    commandFor(intent, ports) {
      if (intent !== 'accept-inbound' || ports.ranges.length !== 1 || !zone) return undefined;
      const [min, max] = ports.ranges[0]!;
      return `firewall-cmd --permanent --zone=${zone.name} --add-port=${portText({ min, max })}/tcp`;
    },
  };
}

/** The line of the file's closing tag (a zone's or a policy's), where added elements go. */
function closingLine(doc: FirewalldDocument, root: 'zone' | 'policy' = 'zone'): number | undefined {
  for (let line = doc.lines.lineCount - 1; line >= 0; line--) if (doc.lines.lineText(line).includes(`</${root}>`)) return line;
  return undefined;
}

/**
 * The edits a host check asks of firewalld configured by a script's firewall-cmd commands: a
 * permanent command added after the script's last command that changed the configuration (so a
 * `--reload` after it loads it), written as that line calls firewall-cmd (its indentation, sudo).
 */
export function firewalldScriptIntents(script: { lines: LineIndex; afterLine: number }): FirewallIntents {
  const written = script.lines.lineText(script.afterLine);
  const lead = /^\s*(?:sudo\s+)?(?:\S*\/)?firewall-cmd\b/.exec(written)?.[0] ?? 'firewall-cmd';
  const add = (option: string): TextEdit => insertLineAfter(script.lines, script.afterLine, `${lead} --permanent ${option}`);
  const range = (ports: { ranges: ReadonlyArray<readonly [number, number]> }) => {
    const [min, max] = ports.ranges[0]!;
    return min === max ? `${min}` : `${min}-${max}`;
  };
  return {
    acceptInbound: (ports, placement = {}) => (ports.ranges.length === 1 && !placement.established ? add(`--add-port=${range(ports)}/tcp`) : undefined),
    acceptOutboundFrom: () => undefined,
    acceptEstablished: () => undefined,
    assignFtpHelper: ({ arrives }) => (arrives === 21 ? add('--add-service=ftp') : undefined),
    rewritePorts: () => undefined,
    moveAbove: () => undefined,
    commandFor: (intent, ports) => (intent === 'accept-inbound' && ports.ranges.length === 1 ? `firewall-cmd --permanent --add-port=${range(ports)}/tcp` : undefined),
  };
}
