/**
 * Numbers as the C programs ftpwall reads for (iptables, nft) read them with strtoul: blanks
 * first, an optional "+", then in base 0 "0x" for hexadecimal and a leading 0 for octal, or
 * always decimal in base 10. Administrators rarely mean octal, but the programs do: iptables
 * reads `--dport 021` as port 17, so a reader that takes it as 21 states the wrong port.
 */

export interface CNumber { readonly value: number; readonly end: number }

const PLUS = 0x2b, ZERO = 0x30;

const isBlank = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d);

/** The value of a digit in any base up to 16; 99 for a character that is no digit. */
function digitValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : 99;
}

/**
 * The number strtoul reads from `from`, and where it stops; undefined when no digit is read. A
 * value past 2^53 is not exact, only too large for any range a caller checks.
 */
export function readCNumber(text: string, from: number, base: 0 | 10 = 0): CNumber | undefined {
  let at = from;
  while (at < text.length && isBlank(text.charCodeAt(at))) at++;
  if (text.charCodeAt(at) === PLUS) at++;
  let radix = 10;
  if (base === 0 && text.charCodeAt(at) === ZERO) {
    // "0x" counts as a prefix only when a hexadecimal digit follows; otherwise the 0 alone is read.
    const hex = (text.charCodeAt(at + 1) | 0x20) === 0x78 && digitValue(text.charCodeAt(at + 2)) < 16;
    radix = hex ? 16 : 8;
    if (hex) at += 2;
  }
  const start = at;
  let value = 0;
  for (; at < text.length; at++) {
    const digit = digitValue(text.charCodeAt(at));
    if (digit >= radix) break;
    value = value * radix + digit;
  }
  return at === start ? undefined : { value, end: at };
}

/** The whole text as one number (nothing after it), or undefined. */
export function cNumber(text: string, base: 0 | 10 = 0): number | undefined {
  // Most values are plain decimal without a leading zero: read them without the general walk.
  const first = text.charCodeAt(0);
  if (first > ZERO && first <= 0x39 && text.length <= 9) {
    let value = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < ZERO || c > 0x39) return undefined;
      value = value * 10 + (c - ZERO);
    }
    return value;
  }
  const read = readCNumber(text, 0, base);
  return read && read.end === text.length ? read.value : undefined;
}

/** A number written with a leading 0 whose octal and decimal readings differ ("010", not "07"), and where it starts in its text. */
export interface OctalNumber { readonly written: string; readonly octal: number; readonly decimal: number; readonly at: number }

/**
 * The numbers of text[from, to) that a C program reading them with strtoul in base 0 takes as
 * octal, where that differs from the decimal the eye reads. Hexadecimal (0x) is read as written.
 */
export function octalNumbersIn(text: string, from = 0, to = text.length): OctalNumber[] {
  const found: OctalNumber[] = [];
  for (const match of text.slice(from, to).matchAll(/0[xX][0-9a-fA-F]+|[0-9A-Za-z_]+/g)) {
    const written = match[0];
    if (written.length < 2 || !/^0[0-7]+$/.test(written)) continue;
    const octal = parseInt(written, 8), decimal = Number(written);
    if (octal !== decimal) found.push({ written, octal, decimal, at: from + match.index });
  }
  return found;
}
