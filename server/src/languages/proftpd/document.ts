import { readProftpdFile, type ProftpdFile } from './syntax.js';

/** A ProFTPD configuration file as the editor and the checks read it; what it does is read with its host (see host/host.ts). */
export interface ProftpdDocument {
  readonly file: ProftpdFile;
  readonly text: string;
}

export function readProftpdDocument(text: string, path: string): ProftpdDocument {
  return { file: readProftpdFile(text, path), text };
}

/** The main configuration file of a host, as Debian and other distributions place it. */
export const MAIN_FILE = /(^|\/)etc\/proftpd(\/proftpd)?\.conf$/;
