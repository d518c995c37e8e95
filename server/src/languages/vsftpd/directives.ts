import table from './directive-table.json';

export type DirectiveKind = 'bool' | 'uint' | 'string';

export interface DirectiveInfo {
  name: string;
  kind: DirectiveKind;
  /** As vsftpd's code sets it: YES/NO, a decimal number, a string, or null for unset. */
  default: string | null;
  defaultOctal?: string;
  valueType?: string;
  category: string;
  since: string;
  upstreamDefault?: string;
  debianOnly?: boolean;
}

/** The vsftpd build the table describes (generated from measured facts, see scripts/gen-vsftpd-table.mjs). */
export const VSFTPD_VERSION = `${table.vsftpdVersion} (${table.build})`;

export const DIRECTIVES: ReadonlyMap<string, DirectiveInfo> = new Map(
  (table.directives as DirectiveInfo[]).map((d) => [d.name, d]),
);

export function directiveInfo(name: string): DirectiveInfo | undefined { return DIRECTIVES.get(name); }

/** The sizes vsftpd itself applies (parseconf.c, filestr.c). */
export const CONFIG_FILE_MAX_BYTES = 100_000;
