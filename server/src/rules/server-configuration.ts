import type { ProblemKind } from '../languages/proftpd/configuration.js';
import type { HostContext, HostReport, HostRule } from './host-rule.js';
import { fileStart } from './anchors.js';

/** A check of what ProFTPD says of one kind (`after` is added to each message). */
function problemCheck(kind: ProblemKind, meta: Omit<HostRule, 'check' | 'withoutServer'>, after?: string): HostRule {
  return { ...meta, withoutServer: true, check: (context, report) => reportProblems(context, kind, report, after) };
}

/**
 * What ProFTPD says of the host's configuration, read from its main file with every Include. These
 * run without a listening server too (a main server with `Port 0` and no virtual host).
 */
function reportProblems(context: HostContext, kind: ProblemKind, report: (r: HostReport) => void, after = ''): void {
  for (const problem of context.host.proftpd?.configuration.problems ?? []) {
    if (problem.kind !== kind) continue;
    const { path, range } = problem.place;
    const instead = problem.suggestion;
    const fixes = instead ? [{ title: `Change to ${instead.name}`, edits: { [path]: [{ range: instead.range, newText: instead.name }] }, safe: false, preferred: true }] : [];
    report({ file: path, range, message: `${problem.message}${instead ? ` (did you mean ${instead.name}?)` : ''}${after}`, fixes });
  }
}

export const proftpdRefused = problemCheck('refused', {
  id: 'proftpd/config-refused',
  severity: 'error',
  summary: 'ProFTPD refuses to start with this configuration',
  docs: {
    detects: 'A line of the main configuration file that `proftpd -t` refuses, in ProFTPD\'s words: an unknown directive (a typo, or a module\'s directive outside its <IfModule> before LoadModule), a directive in a section it is not allowed in, missing parameters, a Boolean that is not one, a bad Port or PassivePorts, a second DefaultServer, a section never closed.',
    why: 'ProFTPD stops at the first such line and does not start: nobody can connect.',
    fix: 'Correct the line as the message says (`proftpd -t` reports the same, the first one only).',
    before: 'PassivePorts 50000 40000',
    after: 'PassivePorts 40000 50000',
    language: 'proftpd',
  },
});

export const proftpdIncludeCutShort = problemCheck('dropped', {
  id: 'proftpd/include-cut-short',
  severity: 'warning',
  summary: 'ProFTPD stops reading an included file at an error, and starts without the rest of it',
  docs: {
    detects: 'A line of a file read through Include (conf.d/, modules.conf, tls.conf) that ProFTPD refuses.',
    why: 'ProFTPD logs the error as fatal but starts anyway (`proftpd -t` passes). Measured with 1.3.8: it then reads the rest of that file as if it stood at the Include line, and stops reading the file that holds the Include, so the lines after the Include (in proftpd.conf, after `Include /etc/proftpd/modules.conf`: almost everything) are silently missing.',
    fix: 'Correct the line; the lines after it then take effect.',
    before: '# conf.d/passive.conf\nPasivePorts 40000 40100\nMasqueradeAddress 203.0.113.7',
    after: '# conf.d/passive.conf\nPassivePorts 40000 40100\nMasqueradeAddress 203.0.113.7',
    language: 'proftpd',
  },
}, ' (ProFTPD starts without this line and the rest of this file)');

export const proftpdMisread = problemCheck('misread', {
  id: 'proftpd/misread',
  severity: 'warning',
  summary: 'ProFTPD accepts a line but does something other than it seems to say',
  docs: {
    detects: 'An <IfModule> naming a module without ".c" (`<IfModule mod_tls>`), which never matches.',
    why: 'ProFTPD compares the name with "mod_tls.c" exactly, so the section is always skipped (or, with `!`, always used), with no message: TLS or a passive range written inside it is not in effect.',
    fix: 'Name the module with ".c".',
    before: '<IfModule mod_tls>',
    after: '<IfModule mod_tls.c>',
    language: 'proftpd',
  },
});

export const configurationNotRead: HostRule = {
  id: 'ftp/config-not-read',
  severity: 'warning',
  withoutServer: true,
  summary: 'A server configuration file the FTP server never reads',
  docs: {
    detects: 'Upstream\'s pure-ftpd.conf on a host that also has Debian\'s /etc/pure-ftpd/conf folder.',
    why: 'Debian starts pure-ftpd through pure-ftpd-wrapper, which turns the files of /etc/pure-ftpd/conf into options and never opens pure-ftpd.conf: a PassivePortRange or ForcePassiveIP written there has no effect.',
    fix: 'Write the option as a file of /etc/pure-ftpd/conf (`echo "40000 40100" > /etc/pure-ftpd/conf/PassivePortRange`).',
    before: '# /etc/pure-ftpd/pure-ftpd.conf\nPassivePortRange 40000 40100',
    after: '# /etc/pure-ftpd/conf/PassivePortRange\n40000 40100',
    language: 'text',
  },
  check(context, report) {
    for (const unread of context.host.notRead) report({ ...fileStart(unread.path), message: unread.why });
  },
};
