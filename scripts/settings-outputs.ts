// What the one settings definition (server/src/host/settings-definition.ts) becomes: the JSON
// schema VS Code validates .ftpwall.json with, package.json's contributes.configuration, and
// docs/configuration.md. scripts/generate.ts writes them; its --check keeps them in step.
import { SETTING_FIELDS, type SettingField } from '../server/src/host/settings-definition.js';

const plain = (markdown: string) => markdown.replace(/`/g, '');

export function hostFileSchema(): object {
  const properties: Record<string, object> = {};
  for (const field of SETTING_FIELDS.filter((f) => f.inHostFile)) {
    properties[field.key] = { ...field.schema, ...(field.default !== undefined ? { default: field.default } : {}), description: plain(field.description) };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: '.ftpwall.json',
    description: 'What ftpwall cannot read from a host\'s files. Put it in the host\'s folder (the folder that holds etc/). Generated from server/src/host/settings-definition.ts.',
    type: 'object',
    additionalProperties: false,
    properties,
  };
}

const editorEntry = (field: SettingField<unknown>) => {
  const hostNote = field.inHostFile ? ' A host\'s `.ftpwall.json` overrides it.' : '';
  return { ...(field.editor?.schema ?? field.schema), default: field.editor?.default ?? field.default, markdownDescription: field.description + hostNote };
};

/** package.json with its contributes.configuration made from the definition, everything else kept. */
export function withConfiguration(packageJson: Record<string, unknown>): Record<string, unknown> {
  const contributes = packageJson['contributes'] as Record<string, unknown>;
  const properties: Record<string, object> = {};
  for (const field of SETTING_FIELDS.filter((f) => f.inEditor)) properties[`ftpwall.${field.key}`] = editorEntry(field);
  return { ...packageJson, contributes: { ...contributes, configuration: { title: 'ftpwall', properties } } };
}

export function configurationPage(): string {
  const where = (f: SettingField<unknown>) => [f.inHostFile ? '`.ftpwall.json`' : '', f.inEditor ? `\`ftpwall.${f.key}\` in VS Code` : ''].filter(Boolean).join(', ');
  const value = (v: unknown) => (v === undefined ? '(not set)' : `\`${JSON.stringify(v)}\``);
  const sections = SETTING_FIELDS.map((f) => [
    `## ${f.key}`,
    '',
    f.description,
    '',
    `- **Where:** ${where(f)}`,
    `- **Default:** ${value(f.default)}`,
    `- **Example:** \`"${f.key}": ${JSON.stringify(f.example)}\``,
    '',
  ].join('\n'));
  return [
    '# Configuration',
    '',
    'Generated from `server/src/host/settings-definition.ts`; edit that file, then `npm run build`.',
    '',
    'A host folder (one that holds `etc/`) may carry a `.ftpwall.json` saying what its files cannot. The',
    'editor\'s `ftpwall.*` settings give defaults for hosts whose `.ftpwall.json` does not set a field;',
    '`rules` is merged check by check, the host\'s entry winning. The command line reads `.ftpwall.json`',
    'the same way. A field with a wrong value is reported (`ftp/config-invalid`) and keeps its default.',
    '',
    ...sections,
  ].join('\n');
}
