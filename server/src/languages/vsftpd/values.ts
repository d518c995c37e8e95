/** How vsftpd 3.0.3 reads values (parseconf.c, str.c, sysutil.c), reproduced exactly. */

export function readBool(value: string): boolean | undefined {
  const upper = value.toUpperCase();
  if (upper === 'YES' || upper === 'TRUE' || upper === '1') return true;
  if (upper === 'NO' || upper === 'FALSE' || upper === '0') return false;
  return undefined;
}

export interface UintReading {
  /** The number vsftpd stores (32-bit unsigned, wrapped as C wraps it). */
  value: number;
  /** Read as octal because the first character is '0'. */
  octal: boolean;
  /** How many characters took part in the number; the rest is ignored by vsftpd. */
  used: number;
  /** The text had no digits vsftpd could use, so the value is 0. */
  noDigits: boolean;
  negative: boolean;
  /** The written number does not fit 32 bits, so vsftpd stores something else. */
  overflow: boolean;
}

const isCSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';
const TWO_32 = 2n ** 32n;
const LONG_MAX = 2n ** 63n - 1n;

export function readUint(value: string): UintReading {
  if (value.startsWith('0')) {
    // vsf_sysutil_octal_to_uint: digits 0-7 until the first other character, wrapping at 32 bits.
    let result = 0n, i = 0, overflow = false;
    while (i < value.length && value[i]! >= '0' && value[i]! <= '7') {
      result = result * 8n + BigInt(value.charCodeAt(i) - 48);
      if (result >= TWO_32) overflow = true;
      i++;
    }
    return { value: Number(result % TWO_32), octal: true, used: i, noDigits: false, negative: false, overflow };
  }
  // atoi(): optional whitespace and sign, then decimal digits; strtol saturates at LONG_MAX/LONG_MIN
  // and the int conversion keeps the low 32 bits.
  let i = 0;
  while (i < value.length && isCSpace(value[i]!)) i++;
  let negative = false;
  if (value[i] === '+' || value[i] === '-') { negative = value[i] === '-'; i++; }
  const digitsStart = i;
  let magnitude = 0n;
  while (i < value.length && value[i]! >= '0' && value[i]! <= '9') {
    magnitude = magnitude * 10n + BigInt(value.charCodeAt(i) - 48);
    i++;
  }
  if (i === digitsStart) return { value: 0, octal: false, used: 0, noDigits: true, negative: false, overflow: false };
  let signed = negative ? -magnitude : magnitude;
  if (signed > LONG_MAX) signed = LONG_MAX;
  if (signed < -LONG_MAX - 1n) signed = -LONG_MAX - 1n;
  const wrapped = ((signed % TWO_32) + TWO_32) % TWO_32;
  return { value: Number(wrapped), octal: false, used: i, noDigits: false, negative: negative && magnitude !== 0n, overflow: magnitude >= TWO_32 };
}

/** inet_aton(): one to four parts, each decimal, octal (0...) or hex (0x...); the last fills the rest. */
export function inetAton(text: string): number | undefined {
  if (text.length === 0) return undefined;
  const parts = text.split('.');
  if (parts.length > 4) return undefined;
  const numbers: number[] = [];
  for (const part of parts) {
    let n: number;
    if (/^0[xX][0-9a-fA-F]*$/.test(part)) n = part.length === 2 ? 0 : parseInt(part.slice(2), 16);
    else if (/^0[0-7]*$/.test(part)) n = part.length === 1 ? 0 : parseInt(part.slice(1), 8);
    else if (/^[1-9][0-9]*$/.test(part)) n = parseInt(part, 10);
    else return undefined;
    if (n > 0xffffffff) return undefined;
    numbers.push(n);
  }
  const last = numbers.pop()!;
  for (const n of numbers) if (n > 255) return undefined;
  const restBits = 8 * (4 - numbers.length);
  if (restBits < 32 && last >= 2 ** restBits) return undefined;
  return numbers.reduce((acc, n, i) => acc + n * 2 ** (24 - 8 * i), 0) + last;
}

/** Is this a dotted quad written the ordinary way (four decimal parts 0-255)? */
export function isPlainDottedQuad(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

/** inet_pton(AF_INET6, ...), as far as vsftpd relies on it for listen_address6. */
export function isIpv6Address(text: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return false;
  let head = text;
  let tailGroups = 0;
  const v4 = /(?:^|:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    if (!isPlainDottedQuad(v4[1]!)) return false;
    head = text.slice(0, text.length - v4[1]!.length);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
    tailGroups = 2;
  }
  const doubleColon = head.indexOf('::');
  if (doubleColon !== head.lastIndexOf('::')) return false;
  const groupOk = (g: string) => /^[0-9a-fA-F]{1,4}$/.test(g);
  if (doubleColon === -1) {
    const groups = head === '' ? [] : head.split(':');
    return groups.every(groupOk) && groups.length + tailGroups === 8;
  }
  const left = head.slice(0, doubleColon), right = head.slice(doubleColon + 2);
  const groups = [...(left ? left.split(':') : []), ...(right ? right.split(':') : [])];
  return groups.every(groupOk) && groups.length + tailGroups <= 7;
}
