import type { FirewallFile, FirewallIntents } from '../../engine/firewall-file.js';
import type { FirewallModel } from '../../engine/firewall-model.js';
import { LineIndex } from '../../core/text.js';
import type { AddressFamily } from '../iptables/syntax.js';
import { nftablesModel } from './firewall-model.js';
import { nftablesIntents } from './intents.js';
import { readNftRuleset, type IncludeReader, type NftRuleset } from './ruleset.js';

/** An nftables ruleset file as ftpwall reads it: what nft loads from it, and the firewall that makes. */
export interface NftablesDocument extends FirewallFile {
  readonly kind: 'nftables';
  readonly ruleset: NftRuleset;
  /** The same file read again with the host's files, so that its includes are followed. */
  inHost(readInclude: IncludeReader): NftablesDocument;
}

export function readNftablesDocument(text: string, path: string, readInclude?: IncludeReader): NftablesDocument {
  return nftablesDocument(text, path, new LineIndex(text), readNftRuleset(text, path, readInclude));
}

/** The document over a ruleset already read (or changed in place by an edit, see reread.ts). */
export function nftablesDocument(text: string, path: string, lines: LineIndex, ruleset: NftRuleset): NftablesDocument {
  const models = new Map<AddressFamily, FirewallModel | undefined>();
  let intents: FirewallIntents | undefined;
  const doc: NftablesDocument = {
    kind: 'nftables', path, text, lines, ruleset,
    family: ruleset.tables.some((t) => t.family === 'ip6') && !ruleset.tables.some((t) => t.family === 'ip' || t.family === 'inet') ? 'ipv6' : 'ipv4',
    model(family) {
      if (!models.has(family)) models.set(family, nftablesModel(ruleset, family));
      return models.get(family);
    },
    get intents() { return (intents ??= nftablesIntents(doc)); },
    inHost: (reader) => readNftablesDocument(text, path, reader),
  };
  return doc;
}
