declare const __FTPWALL_VERSION__: string | undefined;

/** Set by the bundler from package.json; "dev" when run from source. */
export const FTPWALL_VERSION = typeof __FTPWALL_VERSION__ === 'string' ? __FTPWALL_VERSION__ : 'dev';
