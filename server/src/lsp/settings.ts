import type { Connection } from 'vscode-languageserver';
import type { RuleSettings } from '../core/settings.js';
import { ignoreField, kernelField, rulesField } from '../host/settings-definition.js';

/** The `ftpwall.*` settings the server uses (defined, with their validation, in settings-definition.ts). */
export interface ServerSettings {
  rules: RuleSettings;
  /** The kernel version for hosts whose .ftpwall.json does not say. */
  kernel?: string;
  /** Files to leave out, for hosts whose .ftpwall.json does not say. */
  ignore: string[];
  /** What was wrong in the settings, a sentence each; the wrong parts are left out. */
  problems: string[];
}

export const DEFAULT_SETTINGS: ServerSettings = { rules: rulesField.default, ignore: ignoreField.default, problems: [] };

/** The `ftpwall` section as the client sends it, through the same readers as .ftpwall.json. */
export function readSettings(raw: unknown): ServerSettings {
  const section = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const problems: string[] = [];
  const take = <T>(field: { read(raw: unknown): { value?: T; problems: string[] } }, value: unknown): T | undefined => {
    if (value === undefined) return undefined;
    const reading = field.read(value);
    problems.push(...reading.problems.map((p) => `ftpwall settings: ${p}`));
    return reading.value;
  };
  // An empty kernel setting is the editor's way of saying "not set".
  const kernel = section['kernel'] === '' ? undefined : take(kernelField, section['kernel']);
  return { rules: take(rulesField, section['rules']) ?? rulesField.default, ignore: take(ignoreField, section['ignore']) ?? ignoreField.default, problems, ...(kernel ? { kernel } : {}) };
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
