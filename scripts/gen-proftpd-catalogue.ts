/**
 * Writes server/src/languages/proftpd/directive-catalogue.json: for each directive of ProFTPD
 * 1.3.8 (the version Debian 12 ships), its module, the contexts its handler allows, how many
 * arguments it needs and whether it takes a Boolean, read from the handlers in ProFTPD's source
 * (`git show v1.3.8:...` of a ProFTPD clone, `PROFTPD_SRC`). Facts only: no code is copied.
 * `--check` fails when the committed table differs.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE = process.env['PROFTPD_SRC'] ?? '/work/.mirror/proftpd+proftpd/repo';
const TAG = 'v1.3.8';
const OUT = join(import.meta.dirname, '..', 'server', 'src', 'languages', 'proftpd', 'directive-catalogue.json');

/** The modules Debian 12's proftpd-core has compiled in (`proftpd -l`). */
const BUILT_IN = ['mod_core', 'mod_xfer', 'mod_rlimit', 'mod_auth_unix', 'mod_auth_file', 'mod_auth', 'mod_ls', 'mod_log', 'mod_site', 'mod_delay', 'mod_facts', 'mod_dso', 'mod_auth_pam', 'mod_cap', 'mod_ctrls', 'mod_lang'];

const CONTEXTS: Record<string, string> = {
  CONF_ROOT: 'server', CONF_VIRTUAL: 'virtual', CONF_GLOBAL: 'global', CONF_DIR: 'directory',
  CONF_ANON: 'anonymous', CONF_LIMIT: 'limit', CONF_DYNDIR: 'ftpaccess', CONF_CLASS: 'class',
};

const git = (...args: string[]) => execFileSync('git', ['-C', SOURCE, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });

interface Directive { module: string; contexts?: string[]; minArgs?: number; maxArgs?: number; boolean?: boolean; syntax?: string; default?: string }

/** A handler's body: from `MODRET name(cmd_rec *cmd) {` to the first line that is a lone `}`. */
function handlerBody(text: string, name: string): string | undefined {
  const start = text.search(new RegExp(`\\nMODRET ${name}\\(cmd_rec \\*cmd\\) \\{`));
  if (start < 0) return undefined;
  const end = text.indexOf('\n}\n', start);
  return text.slice(start, end < 0 ? undefined : end);
}

/** What the handler checks before it does anything: only checks made on `cmd` itself count. */
function readHandler(body: string): Omit<Directive, 'module'> {
  const found: Omit<Directive, 'module'> = {};
  const conf = /CHECK_CONF\(cmd,\s*([A-Z_|\s]+)\)/.exec(body);
  if (conf) found.contexts = conf[1]!.split('|').map((c) => CONTEXTS[c.trim()]).filter((c): c is string => !!c);
  const args = /CHECK_ARGS\(cmd,\s*(\d+)\)/.exec(body);
  if (args && Number(args[1]) > 0) found.minArgs = Number(args[1]);
  const varargs = /CHECK_VARARGS\(cmd,\s*(\d+),\s*(\d+)\)/.exec(body);
  if (varargs) { found.minArgs = Number(varargs[1]); found.maxArgs = Number(varargs[2]); }
  // A handler that also compares the word itself (RootRevoke's UseNonCompliantActiveTransfer) takes more than a Boolean.
  const alsoWords = /str(n)?casecmp\(cmd->argv\[1\]/.test(body) || /cmd->argc\s*[!=<>]/.test(body);
  if (/get_boolean\(cmd,\s*1\)/.test(body) && /"expected Boolean parameter"/.test(body) && !alsoWords) found.boolean = true;
  return found;
}

function moduleFiles(): string[] {
  return git('ls-tree', '-r', '--name-only', TAG).split('\n').filter((p) => /^(modules|contrib)\/(mod_[a-z0-9_]+\/)?mod_[a-z0-9_]+\.c$/.test(p));
}

const directives: Record<string, Directive> = {};
const modules: Record<string, { builtIn: boolean }> = {};
for (const file of moduleFiles()) {
  const text = git('show', `${TAG}:${file}`);
  const table = /static conftable [a-z0-9_]+\[\] = \{([\s\S]*?)\n\};/.exec(text);
  const module = file.split('/').pop()!.slice(0, -2);
  modules[module] = { builtIn: BUILT_IN.includes(module) };
  if (!table) continue;
  for (const entry of table[1]!.matchAll(/\{\s*"([^"]+)",\s*([a-z0-9_]+)\s*,/gi)) {
    const [, name, handler] = entry;
    const body = handlerBody(text, handler!);
    // The first module to declare a name is the one ProFTPD calls first; later ones also see the directive.
    directives[name!] ??= { module, ...(body ? readHandler(body) : {}) };
  }
}

/** HTML to plain text: tags dropped, the entities the docs use undone, blanks folded. */
const plain = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();

/** Each directive's Syntax and Default lines from ProFTPD's own documentation (doc/modules, doc/contrib). */
function documented(): Map<string, { syntax?: string; default?: string }> {
  const found = new Map<string, { syntax?: string; default?: string }>();
  const pages = git('ls-tree', '-r', '--name-only', TAG, 'doc').split('\n').filter((p) => /^doc\/(modules|contrib)\/mod_[a-z0-9_]+\.html$/.test(p));
  for (const page of pages) {
    const html = git('show', `${TAG}:${page}`);
    for (const section of html.split(/<h3>\s*<a name="/).slice(1)) {
      const name = /^([^"]+)"/.exec(section)?.[1];
      if (!name) continue;
      const syntax = /<strong>Syntax:<\/strong>([\s\S]*?)<br>/.exec(section)?.[1];
      const value = /<strong>Default:<\/strong>([\s\S]*?)<br>/.exec(section)?.[1];
      found.set(name.toLowerCase(), { ...(syntax ? { syntax: plain(syntax) } : {}), ...(value ? { default: plain(value) } : {}) });
    }
  }
  return found;
}

const docs = documented();
for (const [name, directive] of Object.entries(directives)) {
  const doc = docs.get(name.replace(/^<\/?|>$/g, '').toLowerCase());
  if (doc?.syntax) directive.syntax = doc.syntax;
  if (doc?.default) directive.default = doc.default;
}

const catalogue = {
  source: `ProFTPD ${TAG} source (GPL-2.0-or-later), conftables and their handlers' CHECK_CONF, CHECK_ARGS, CHECK_VARARGS and Boolean checks; Syntax and Default lines of its doc/modules and doc/contrib pages; compiled-in modules as Debian 12's proftpd-core 1.3.8+dfsg-4 lists them (proftpd -l). Facts only.`,
  modules,
  directives: Object.fromEntries(Object.entries(directives).sort(([a], [b]) => a.localeCompare(b))),
};
const json = JSON.stringify(catalogue, null, 1) + '\n';
if (process.argv.includes('--check')) {
  if (readFileSync(OUT, 'utf8') !== json) { console.error('directive-catalogue.json differs from the ProFTPD source'); process.exit(1); }
} else writeFileSync(OUT, json);
