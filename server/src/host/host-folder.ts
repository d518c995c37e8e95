import { readdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { readTextFile } from '../analysis/read-file.js';

/** A file's text as the host has it: the editor's open text first (newer than the disk), else the disk; undefined when neither has it. */
export function hostText(path: string, texts: ReadonlyMap<string, string>): string | undefined {
  const open = texts.get(path);
  if (open !== undefined) return open;
  const read = readTextFile(path);
  return read.ok ? read.text : undefined;
}

/**
 * The names in a folder, the disk's and those of files open in the editor, in code-unit order
 * (byte order for ASCII names, as nft and ProFTPD read folders); undefined when neither has the folder.
 */
export function namesInFolder(folder: string, texts: ReadonlyMap<string, string>): string[] | undefined {
  const open = [...texts.keys()].filter((p) => dirname(p) === folder).map((p) => basename(p));
  let names: string[] = [];
  try { names = readdirSync(folder); } catch { if (open.length === 0) return undefined; }
  return [...new Set([...names, ...open])].sort();
}

/** A glob of one path part ("*.nft", "ftp?.conf") as a regular expression. */
export function globPart(part: string): RegExp {
  const escaped = part.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${escaped}$`);
}
