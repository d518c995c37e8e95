import type { Connection } from 'vscode-languageserver';
import { sanitizeRuleSettings, type RuleSettings } from '../core/settings.js';

/** The `ftpwall.*` settings the server uses; documented in package.json's contributes.configuration. */
export interface ServerSettings {
  rules: RuleSettings;
}

export const DEFAULT_SETTINGS: ServerSettings = { rules: {} };

export function readSettings(raw: unknown): ServerSettings {
  const section = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  return { rules: sanitizeRuleSettings(section['rules']) };
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
