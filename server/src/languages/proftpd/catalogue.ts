import CATALOGUE from './directive-catalogue.json';

/** The contexts a directive can be written in, as ProFTPD names them in its messages. */
export type ProftpdContext = 'server' | 'virtual' | 'global' | 'directory' | 'anonymous' | 'limit' | 'ftpaccess' | 'class';

export const CONTEXT_NAMES: Record<ProftpdContext, string> = {
  server: 'server config', virtual: '<VirtualHost>', global: '<Global>', directory: '<Directory>',
  anonymous: '<Anonymous>', limit: '<Limit>', ftpaccess: '.ftpaccess', class: '<Class>',
};

/** What ProFTPD 1.3.8's handler for a directive checks first (see scripts/gen-proftpd-catalogue.ts). */
export interface DirectiveFacts {
  name: string;
  module: string;
  /** Undefined when the handler checks no context itself (sections, Include): ftpwall claims nothing then. */
  contexts?: readonly ProftpdContext[];
  minArgs?: number;
  maxArgs?: number;
  boolean?: boolean;
  /** As ProFTPD's documentation writes them. */
  syntax?: string;
  default?: string;
}

const BY_NAME = new Map<string, DirectiveFacts>(
  Object.entries(CATALOGUE.directives).map(([name, facts]) => [name.toLowerCase(), { name, ...(facts as Omit<DirectiveFacts, 'name'>) }]),
);

/** A directive by name, as ProFTPD matches names (without regard to case). */
export function directiveFacts(name: string): DirectiveFacts | undefined {
  return BY_NAME.get(name.toLowerCase());
}

export function allDirectives(): Iterable<DirectiveFacts> {
  return BY_NAME.values();
}

/** Modules compiled into Debian's proftpd (always there); the others exist only once LoadModule loads them. */
export function isBuiltInModule(module: string): boolean {
  return (CATALOGUE.modules as Record<string, { builtIn: boolean }>)[module]?.builtIn ?? false;
}

/** A module ProFTPD's source has (so LoadModule can name it). */
export function isKnownModule(module: string): boolean {
  return module in CATALOGUE.modules;
}

/** "mod_tls.c" and "mod_tls" both name mod_tls. */
export function moduleName(word: string): string {
  return word.replace(/\.c$/, '');
}
