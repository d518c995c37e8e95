import type { Connection } from 'vscode-languageserver';
import { sanitizeRuleSettings, type RuleSettings } from '../core/settings.js';

/** The `ftpwall.*` settings the server uses; documented in package.json's contributes.configuration. */
export interface ServerSettings {
  rules: RuleSettings;
  /** The kernel version for hosts whose .ftpwall.json does not say. */
  kernel?: string;
  /** Files to leave out, for hosts whose .ftpwall.json does not say. */
  ignore: string[];
}

export const DEFAULT_SETTINGS: ServerSettings = { rules: {}, ignore: [] };

export function readSettings(raw: unknown): ServerSettings {
  const section = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const kernel = typeof section['kernel'] === 'string' && /^\d+\.\d+/.test(section['kernel']) ? section['kernel'] : undefined;
  const ignore = Array.isArray(section['ignore']) ? section['ignore'].filter((x): x is string => typeof x === 'string') : [];
  return { rules: sanitizeRuleSettings(section['rules']), ignore, ...(kernel ? { kernel } : {}) };
}

/** Asks the client for `ftpwall` settings; clients without workspace/configuration keep the defaults. */
export async function fetchSettings(connection: Connection, supported: boolean): Promise<ServerSettings> {
  if (!supported) return DEFAULT_SETTINGS;
  try {
    const [section] = await connection.workspace.getConfiguration([{ section: 'ftpwall' }]);
    return readSettings(section);
  } catch {
    return DEFAULT_SETTINGS;
  }
}
