import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/** What a suite needs from the machine beyond Node and the npm packages. */
export interface Needs {
  /** Root: network, pid and mount namespaces, daemons that insist on root. */
  root?: boolean;
  /** Programs, by name (looked up in PATH and the sbin folders) or by absolute path. */
  commands?: readonly string[];
  /** Files the test command builds or installs, with what makes them. */
  files?: ReadonlyArray<{ path: string; madeBy: string }>;
}

// iptables and ip live in sbin, which a non-root PATH often leaves out.
const SEARCHED = [...(process.env['PATH'] ?? '').split(delimiter), '/usr/sbin', '/sbin', '/usr/bin', '/bin'].filter(Boolean);

function runnable(path: string): boolean {
  try { accessSync(path, constants.X_OK); return true; } catch { return false; }
}

export function hasCommand(command: string): boolean {
  return isAbsolute(command) ? runnable(command) : SEARCHED.some((folder) => runnable(join(folder, command)));
}

/**
 * Why `suite` cannot run on this machine, as the line the test run ends with
 * ("kernel tests skipped: needs root"), or false when it can. Passed as a suite's `skip`, so a
 * machine without root or packages reports skips instead of failures; the runner fails a CI run
 * that skipped anything.
 */
export function unmet(suite: string, needs: Needs): string | false {
  const missing: string[] = [];
  if (needs.root && process.getuid?.() !== 0) missing.push('root');
  const commands = (needs.commands ?? []).filter((c) => !hasCommand(c));
  if (commands.length) missing.push(`${commands.join(', ')} (Debian packages: npm test installs them as root)`);
  for (const file of needs.files ?? []) if (!existsSync(file.path)) missing.push(`${file.path} (${file.madeBy})`);
  return missing.length ? `${suite} skipped: needs ${missing.join('; ')}` : false;
}
