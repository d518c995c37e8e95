import { addToGroup } from '../../core/grouping.js';
import { directiveInfo, DIRECTIVES, type DirectiveInfo } from './directives.js';
import type { DirectiveLine, VsftpdFile } from './syntax.js';
import { readBool, readUint } from './values.js';

/** The name and value as vsftpd reads them, after its read limit has cut the line short. */
export function visibleName(d: DirectiveLine): string {
  return d.cutAt !== undefined && d.cutAt < d.name.end ? d.name.text.slice(0, d.cutAt - d.name.start) : d.name.text;
}

export function visibleValue(d: DirectiveLine): string | undefined {
  if (!d.value) return undefined;
  if (d.cutAt === undefined) return d.value.text;
  if (d.cutAt <= d.equals!.start) return undefined;
  return d.value.text.slice(0, Math.max(0, d.cutAt - d.value.start));
}

export interface EffectiveSetting<T> {
  value: T;
  /** The line that set it, or undefined when vsftpd's default applies. */
  source?: DirectiveLine;
}

export interface PassiveRange {
  min: number;
  max: number;
  /** Why the range came out as it did, when it differs from what the file says. */
  notes: string[];
}

/**
 * vsftpd's settings as this file leaves them: each directive's last occurrence that vsftpd reads
 * wins, and everything not set keeps the Debian build's default.
 */
export class VsftpdSettings {
  private readonly occurrencesByName = new Map<string, DirectiveLine[]>();

  constructor(readonly file: VsftpdFile) {
    for (const d of file.directives) {
      if (d.beyondLimit) continue;
      const name = visibleName(d);
      if (!DIRECTIVES.has(name)) continue;
      addToGroup(this.occurrencesByName, name, d);
    }
  }

  /** Every line that sets `name`, in file order (only lines vsftpd reads). */
  occurrences(name: string): readonly DirectiveLine[] { return this.occurrencesByName.get(name) ?? []; }

  /** The line whose value is in effect for `name`. */
  winner(name: string): DirectiveLine | undefined { return this.occurrencesByName.get(name)?.at(-1); }

  isSet(name: string): boolean { return this.occurrencesByName.has(name); }

  setNames(): IterableIterator<string> { return this.occurrencesByName.keys(); }

  bool(name: string): EffectiveSetting<boolean> {
    const info = requireInfo(name, 'bool');
    const source = this.winner(name);
    const parsed = source ? readBool(visibleValue(source) ?? '') : undefined;
    // A value vsftpd rejects stops it from starting; for the other checks, the default stands in.
    return parsed === undefined ? { value: info.default === 'YES' } : { value: parsed, source: source! };
  }

  uint(name: string): EffectiveSetting<number> {
    const info = requireInfo(name, 'uint');
    const source = this.winner(name);
    const text = source ? visibleValue(source) : undefined;
    return text ? { value: readUint(text).value, source: source! } : { value: Number(info.default) };
  }

  string(name: string): EffectiveSetting<string | undefined> {
    const info = requireInfo(name, 'string');
    const source = this.winner(name);
    if (!source) return { value: info.default ?? undefined };
    const text = visibleValue(source);
    return { value: text ? text : undefined, source };
  }

  /** The ports vsftpd picks passive data ports from (privops.c, vsf_privop_pasv_listen). */
  passiveRange(): PassiveRange {
    const notes: string[] = [];
    const min = this.uint('pasv_min_port').value, max = this.uint('pasv_max_port').value;
    let low = 1024, high = 65535;
    if (min > 1024 && min <= 65535) low = min;
    else if (min !== 0) notes.push(`pasv_min_port=${min} is ignored (vsftpd uses it only from 1025 to 65535), so the range starts at 1024`);
    if (max >= low && max < 65535) high = max;
    else if (max !== 0 && max < low) notes.push(`pasv_max_port=${max} is below the minimum ${low} and is ignored, so the range ends at 65535`);
    else if (max > 65535) notes.push(`pasv_max_port=${max} is beyond 65535 and is ignored`);
    return { min: low, max: high, notes };
  }
}

function requireInfo(name: string, kind: DirectiveInfo['kind']): DirectiveInfo {
  const info = directiveInfo(name);
  if (!info || info.kind !== kind) throw new Error(`internal: ${name} is not a ${kind} directive`);
  return info;
}

/** Every numeric directive line vsftpd reads that has a value, with what vsftpd makes of it. */
export function* numericLines(file: VsftpdFile): Generator<{ line: DirectiveLine; info: DirectiveInfo; value: NonNullable<DirectiveLine['value']>; reading: ReturnType<typeof readUint> }> {
  for (const line of file.directives) {
    const info = directiveInfo(line.name.text);
    if (line.beyondLimit || info?.kind !== 'uint' || !line.value || line.value.text === '') continue;
    yield { line, info, value: line.value, reading: readUint(line.value.text) };
  }
}
