import { isAbsolute, relative, resolve } from 'node:path';
import { readTextFile } from '../analysis/read-file.js';
import type { ScriptHostContext } from '../languages/iptables/script-document.js';
import { DEFAULT_CONFIG, readHostConfig } from './config.js';
import { enclosingHost } from './enclosing-host.js';
import { hostFiles } from './host-files.js';

/**
 * What a firewall script on disk runs with: the files of the host folder it sits in (as the
 * script names them, /etc/x being the host's etc/x) and the variables the host's .ftpwall.json
 * pins. Undefined for a script outside any host folder (read alone). Paths keep the form the
 * script's path was given in, so findings in a sourced file are shown like the others.
 */
export function scriptHostOf(path: string): ScriptHostContext | undefined {
  const absolute = resolve(path);
  const root = enclosingHost(absolute);
  if (root === undefined) return undefined;
  const shown = isAbsolute(path) ? root : relative(process.cwd(), root) || '.';
  const config = readTextFile(`${root}/.ftpwall.json`);
  const settings = config.ok ? readHostConfig(config.text, DEFAULT_CONFIG).config : DEFAULT_CONFIG;
  const args = settings.arguments[relative(root, absolute).replace(/\\/g, '/')];
  return { files: hostFiles(shown, path, new Map()), variables: new Map(Object.entries(settings.variables)), root: shown, ...(args ? { arguments: args } : {}) };
}
