import { SaxesParser } from 'saxes';
import type { LineIndex, Range } from '../../core/text.js';

export interface XmlAttribute { readonly value: string; readonly range: Range }

/** One element of a firewalld file, with where its start tag is written. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, XmlAttribute>;
  readonly children: XmlElement[];
  /** The start tag, from `<` to `>`. */
  readonly range: Range;
  /** The text directly inside it (a `<short>`'s title). */
  text: string;
}

export interface XmlReading { root: XmlElement | undefined; error?: { message: string; range: Range } }

/**
 * Reads an XML file with the place of every element and attribute. Never throws: malformed XML
 * gives the elements read up to the fault and the fault's place, in the words Python's expat
 * (which firewalld uses) would use where they are known.
 */
export function readXml(text: string, lines: LineIndex): XmlReading {
  const parser = new SaxesParser({ position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let error: XmlReading['error'];
  let tagStart = 0;
  const offsetOf = (line: number, column: number) => (lines.lineStarts[line - 1] ?? text.length) + column;
  parser.on('opentagstart', () => { tagStart = text.lastIndexOf('<', parser.position - 1); });
  parser.on('opentag', (tag) => {
    const range = lines.range(Math.max(0, tagStart), parser.position);
    const attributes = new Map<string, XmlAttribute>();
    const written = text.slice(Math.max(0, tagStart), parser.position);
    for (const [name, value] of Object.entries(tag.attributes)) {
      const at = written.search(new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=`));
      const start = at === -1 ? tagStart : tagStart + at;
      attributes.set(name, { value: typeof value === 'string' ? value : value.value, range: lines.range(start, at === -1 ? parser.position : start + written.slice(at).search(/["'][^"']*["']/) + String(value).length + 2) });
    }
    const element: XmlElement = { name: tag.name, attributes, children: [], range, text: '' };
    const parent = stack.at(-1);
    if (parent) parent.children.push(element); else root ??= element;
    if (!tag.isSelfClosing) stack.push(element);
  });
  parser.on('closetag', (tag) => { if (!tag.isSelfClosing) stack.pop(); });
  parser.on('text', (t) => { const open = stack.at(-1); if (open) open.text += t; });
  parser.on('error', (e) => {
    if (error) return;
    const at = offsetOf(parser.line, parser.columnIndex);
    error = { message: e.message.replace(/^(?:[^:]*:)?\d+:\d+: /, ''), range: lines.range(Math.max(0, at - 1), at) };
  });
  try {
    parser.write(text).close();
  } catch {
    // saxes reports through the handler above and then throws; the first fault is the one kept.
  }
  return { root, ...(error ? { error } : {}) };
}
