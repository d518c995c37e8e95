import { fixOf, replace } from '../iptables/edits.js';
import { nearestNames } from '../../core/nearest-names.js';
import type { FileRule } from '../../core/rule.js';
import type { IptablesConfigDocument, SysctlDocument } from './documents.js';
import type { ModuleFile } from './mentions.js';
import { currentName, FTP_CONNTRACK_HELPER, FTP_NAT_HELPER, NETFILTER_MODULES, OLD_NAMES } from './module-names.js';

const looksNetfilter = (name: string) => /conn|nat|nf_|ipt|ip6t|xt_|table|_ftp|ftp/.test(name);

export const misspeltModule: FileRule<ModuleFile> = {
  id: 'modules/misspelt-module',
  severity: 'warning',
  summary: 'A module name that does not exist but is close to a netfilter module',
  docs: {
    detects: 'A module name in iptables-config, modprobe.d, modules-load.d or a modprobe line that is not a known netfilter module but nearly is (such as ip_conntract_ftp).',
    why: 'modprobe fails for it at boot, so the FTP helper is never loaded, and the firewall\'s RELATED rule silently stops covering FTP data connections.',
    fix: 'Correct the name (the quick fix offers the nearest real module).',
    before: 'IPTABLES_MODULES="ip_conntract_ftp"',
    after: 'IPTABLES_MODULES="nf_conntrack_ftp"',
    language: 'text',
  },
  check(doc, report) {
    for (const { name } of doc.mentions) {
      if (NETFILTER_MODULES.includes(name.value) || !looksNetfilter(name.value)) continue;
      const near = nearestNames(name.value, NETFILTER_MODULES).filter((n) => n !== name.value);
      if (!near.length) continue;
      report({
        range: name.range,
        message: `There is no module "${name.value}"; modprobe fails for it and nothing is loaded. Did you mean ${near.map((n) => `"${n}"`).join(' or ')}?`,
        fixes: near.map((n, i) => fixOf(doc.path, `Change to ${n}`, [replace(name.range, n)], false, i === 0)),
      });
    }
  },
};

export const oldModuleName: FileRule<ModuleFile> = {
  id: 'modules/old-module-name',
  severity: 'hint',
  summary: 'An old ip_* module name that current kernels know only as an alias',
  docs: {
    detects: 'ip_conntrack, ip_conntrack_ftp, ip_nat_ftp and their siblings.',
    why: 'These names come from kernels before 2.6.20; today they are aliases of the nf_* modules. They still load, but they make it look as if the setup were for another kernel, and some tools do not resolve the aliases.',
    fix: 'Use the current name (nf_conntrack_ftp, nf_nat_ftp, ...).',
    before: 'IPTABLES_MODULES="ip_conntrack_ftp ip_nat_ftp"',
    after: 'IPTABLES_MODULES="nf_conntrack_ftp nf_nat_ftp"',
    language: 'text',
  },
  check(doc, report) {
    for (const { name } of doc.mentions) {
      const now = OLD_NAMES[name.value];
      if (!now) continue;
      report({ range: name.range, message: `${name.value} is the old name of ${now}; current kernels load it through an alias.`, fixes: [fixOf(doc.path, `Change to ${now}`, [replace(name.range, now)], false, true)] });
    }
  },
};

const loads = (doc: ModuleFile) => doc.mentions.filter((m) => m.role === 'load' || m.role === 'alias-target');

export const natBeforeConntrack: FileRule<ModuleFile> = {
  id: 'modules/nat-before-conntrack',
  severity: 'information',
  summary: 'The FTP NAT helper is listed before the FTP conntrack helper',
  docs: {
    detects: 'nf_nat_ftp (or ip_nat_ftp) loaded before nf_conntrack_ftp (or ip_conntrack_ftp) in the same list.',
    why: 'The NAT helper works on top of the conntrack helper. Current kernels load the dependency by themselves, so this works, but the order reads backwards and fails with module loaders that do not resolve dependencies.',
    fix: 'List the conntrack helper first.',
    before: 'IPTABLES_MODULES="nf_nat_ftp nf_conntrack_ftp"',
    after: 'IPTABLES_MODULES="nf_conntrack_ftp nf_nat_ftp"',
    language: 'text',
  },
  check(doc, report) {
    const list = loads(doc).map((m) => ({ ...m, now: currentName(m.name.value) }));
    const nat = list.findIndex((m) => m.now === FTP_NAT_HELPER), conntrack = list.findIndex((m) => m.now === FTP_CONNTRACK_HELPER);
    if (nat === -1 || conntrack === -1 || nat > conntrack) return;
    report({ range: list[nat]!.name.range, message: `${list[nat]!.name.value} (the FTP NAT helper) comes before ${list[conntrack]!.name.value} (the FTP conntrack helper) it depends on.` });
  },
};

export const natWithoutConntrack: FileRule<ModuleFile> = {
  id: 'modules/nat-without-conntrack',
  severity: 'information',
  summary: 'The FTP NAT helper is loaded without the FTP conntrack helper',
  docs: {
    detects: 'nf_nat_ftp (or ip_nat_ftp) loaded in a file that does not load nf_conntrack_ftp.',
    why: 'The NAT helper needs the conntrack helper; current kernels pull it in as a dependency, so this works, but the setup then depends on that implicit step.',
    fix: 'Load both: nf_conntrack_ftp, then nf_nat_ftp.',
    before: 'IPTABLES_MODULES="nf_nat_ftp"',
    after: 'IPTABLES_MODULES="nf_conntrack_ftp nf_nat_ftp"',
    language: 'text',
  },
  check(doc, report) {
    const list = loads(doc).map((m) => ({ ...m, now: currentName(m.name.value) }));
    const nat = list.find((m) => m.now === FTP_NAT_HELPER);
    if (!nat || list.some((m) => m.now === FTP_CONNTRACK_HELPER)) return;
    report({
      range: nat.name.range,
      message: `${nat.name.value} is loaded without ${FTP_CONNTRACK_HELPER}; current kernels load it as a dependency, so this works, but say it explicitly.`,
      fixes: [fixOf(doc.path, `Load ${FTP_CONNTRACK_HELPER} first`, [replace({ start: nat.name.range.start, end: nat.name.range.start }, `${FTP_CONNTRACK_HELPER} `)], false, true)],
    });
  },
};

export const helperLoadedNotAssigned: FileRule<ModuleFile> = {
  id: 'modules/helper-needs-assignment',
  severity: 'information',
  summary: 'Loading the FTP helper does not make the kernel use it',
  docs: {
    detects: 'The FTP conntrack or NAT helper being loaded.',
    why: 'Since kernel 4.7 a loaded helper is used only for connections a rule assigns it to; without `-t raw -A PREROUTING -p tcp --dport 21 -j CT --helper ftp`, FTP data connections are never RELATED and a firewall that relies on RELATED blocks passive mode.',
    fix: 'Add the raw-table rule that assigns the helper, or open the passive port range explicitly.',
    before: 'IPTABLES_MODULES="nf_conntrack_ftp"',
    after: 'IPTABLES_MODULES="nf_conntrack_ftp"\n# and in /etc/sysconfig/iptables:\n*raw\n-A PREROUTING -p tcp --dport 21 -j CT --helper ftp\nCOMMIT',
    language: 'text',
  },
  check(doc, report) {
    const helper = loads(doc).find((m) => currentName(m.name.value) === FTP_CONNTRACK_HELPER || currentName(m.name.value) === FTP_NAT_HELPER);
    if (!helper) return;
    report({ range: helper.name.range, message: `${helper.name.value} is loaded, but since kernel 4.7 it is used only where a rule assigns it (-t raw -A PREROUTING -p tcp --dport 21 -j CT --helper ftp).` });
  },
};

export const iptablesModulesOverwritten: FileRule<IptablesConfigDocument> = {
  id: 'modules/iptables-modules-overwritten',
  severity: 'warning',
  summary: 'IPTABLES_MODULES assigned twice: the second assignment replaces the first',
  docs: {
    detects: 'More than one IPTABLES_MODULES= (or IP6TABLES_MODULES=) line in iptables-config.',
    why: 'The file is read as a shell script, so each assignment replaces the previous one: only the modules of the last line are loaded, a common mistake when following articles that show one module per line.',
    fix: 'Put all modules in one space-separated list.',
    before: 'IPTABLES_MODULES="ip_conntrack_ftp"\nIPTABLES_MODULES="ip_nat_ftp"',
    after: 'IPTABLES_MODULES="nf_conntrack_ftp nf_nat_ftp"',
    language: 'text',
  },
  check(doc, report) {
    for (const variable of new Set(doc.moduleAssignments.map((a) => a.name))) {
      const all = doc.moduleAssignments.filter((a) => a.name === variable);
      if (all.length < 2) continue;
      const names = [...new Set(all.flatMap((a) => a.value.value.split(/\s+/).filter(Boolean)).map(currentName))]
        .sort((a, b) => Number(a === FTP_NAT_HELPER) - Number(b === FTP_NAT_HELPER));
      const merged = `${variable}="${names.join(' ')}"`;
      const last = all.at(-1)!;
      const edits = all.map((a, i) => {
        const start = doc.lines.lineStarts[a.line]!;
        const next = doc.lines.lineStarts[a.line + 1] ?? doc.text.length;
        return i === 0 ? { range: doc.lines.range(start, doc.lines.lineEnd(a.line)), newText: merged } : { range: doc.lines.range(start, next), newText: '' };
      });
      for (const earlier of all.slice(0, -1)) {
        report({
          range: doc.lines.range(doc.lines.lineStarts[earlier.line]!, doc.lines.lineEnd(earlier.line)),
          message: `This ${variable} has no effect: line ${last.line + 1} assigns it again and replaces it, so only "${last.value.value}" is loaded.`,
          related: [{ file: doc.path, range: doc.lines.range(doc.lines.lineStarts[last.line]!, doc.lines.lineEnd(last.line)), message: 'the assignment that wins' }],
          fixes: [{ title: `Merge into one line: ${merged}`, edits: { [doc.path]: edits }, safe: false, preferred: true }],
          unnecessary: true,
        });
      }
    }
  },
};

export const helperSysctl: FileRule<SysctlDocument> = {
  id: 'sysctl/conntrack-helper-auto-assign',
  severity: 'information',
  summary: 'net.netfilter.nf_conntrack_helper works only on kernels before 6.0',
  docs: {
    detects: 'net.netfilter.nf_conntrack_helper set in a sysctl file.',
    why: 'Setting it to 1 brings back the automatic helper assignment that kernel 4.7 turned off; kernel 6.0 removed the setting altogether, so on current kernels the line does nothing (and sysctl reports an unknown key).',
    fix: 'Assign the helper explicitly: `-t raw -A PREROUTING -p tcp --dport 21 -j CT --helper ftp`.',
    before: 'net.netfilter.nf_conntrack_helper = 1',
    after: '# in the firewall: -t raw -A PREROUTING -p tcp --dport 21 -j CT --helper ftp',
    language: 'text',
  },
  check(doc, report) {
    for (const s of doc.settings) {
      if (s.key !== 'net.netfilter.nf_conntrack_helper') continue;
      report({ range: s.keyWord.range, message: `net.netfilter.nf_conntrack_helper${s.value ? `=${s.value.value}` : ''} has an effect only on kernels 4.7 to 5.19; kernel 6.0 removed it. Assign the FTP helper with a raw-table CT rule instead.` });
    }
  },
};

export const moduleRules = [misspeltModule, oldModuleName, natBeforeConntrack, natWithoutConntrack, helperLoadedNotAssigned] as const;
