import type { UfwProfiles } from './command.js';
import stock from './stock-profiles.json';

/** ufw's application profiles by path: /etc/ufw/applications.d/NAME. */
export const UFW_APPLICATIONS_FOLDER = /(^|\/)ufw\/applications\.d\/[^/]+$/;

/**
 * The profiles of applications.d files (INI sections: `[Name]`, then `title=`, `description=`,
 * `ports=21,40000:40100/tcp|...`), by name as `ufw allow NAME` looks them up. A section without
 * `ports=` is not a profile ufw can use.
 */
export function readProfiles(texts: Iterable<string>): Map<string, string> {
  const profiles = new Map<string, string>();
  for (const text of texts) {
    let section: string | undefined;
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      const header = /^\[(.+)\]$/.exec(line);
      if (header) { section = header[1]!.trim(); continue; }
      const setting = /^ports\s*=\s*(.*)$/.exec(line);
      if (setting && section !== undefined) profiles.set(section, setting[1]!.trim());
    }
  }
  return profiles;
}

/**
 * Profiles that Debian's packages install beside their servers (openssh-server, apache2, nginx,
 * postfix, dovecot), as facts: scripts name them without the host holding their files.
 */
const PACKAGED: ReadonlyMap<string, string> = new Map([
  ['OpenSSH', '22/tcp'],
  ['Apache', '80/tcp'], ['Apache Secure', '443/tcp'], ['Apache Full', '80,443/tcp'],
  ['Nginx HTTP', '80/tcp'], ['Nginx HTTPS', '443/tcp'], ['Nginx Full', '80,443/tcp'],
  ['Postfix', '25/tcp'], ['Postfix SMTPS', '465/tcp'], ['Postfix Submission', '587/tcp'],
  ['Dovecot IMAP', '143/tcp'], ['Dovecot Secure IMAP', '993/tcp'], ['Dovecot POP3', '110/tcp'], ['Dovecot Secure POP3', '995/tcp'],
]);

const STOCK = stock.profiles as Record<string, string>;

/**
 * The host's profiles, then ufw's own and the packaged ones; `complete` only when the caller
 * knows every profile there is (then only `profiles` count).
 */
export function profileLookup(profiles: ReadonlyMap<string, string>, complete = false): UfwProfiles {
  return { ports: (name) => profiles.get(name) ?? (complete ? undefined : STOCK[name] ?? PACKAGED.get(name)), complete };
}
