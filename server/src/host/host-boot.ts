import { bootUnits, type BootUnits } from './boot-units.js';
import { fileModesOnDisk, type FileModes } from './file-modes.js';
import type { XinetdFiles } from './xinetd-conf.js';
import { filesOnDisk, inetdStarters, type InetdStarters } from './inetd-launch.js';
import { pureftpdStart, type PureftpdStart } from './pureftpd-start.js';
import { sysvLinks, type SysvLinks } from './sysv-links.js';

/**
 * What starts things on a host at boot, read from its folder on disk when the host is built, not
 * from the documents ftpwall checks: each part is undefined where the host does not say.
 */
export interface HostBoot {
  /** The systemd units it starts (its etc/systemd/system). */
  units?: BootUnits;
  /** Its inetd and xinetd entries and the socket units that accept connections. */
  starters?: InetdStarters;
  /** The init scripts its runlevel folders start. */
  sysv?: SysvLinks;
  /** Whether Debian's pure-ftpd runs by itself or is left to inetd. */
  pureftpd?: PureftpdStart;
  /** Which of its files are executable, where its copy keeps modes (rc.local runs only if it is). */
  modes?: FileModes;
}

export function bootOnDisk(root: string): HostBoot {
  const files = filesOnDisk(root);
  const modes = fileModesOnDisk(root, files.list);
  return { ...bootFrom(files, root, bootUnits(root)), ...(modes ? { modes } : {}) };
}

/** The same, from a host's files however they are read (`files`, by host-relative path) and its units. */
export function bootFrom(files: XinetdFiles, root: string, units: BootUnits | undefined): HostBoot {
  const starters = inetdStarters(files, root, units);
  const sysv = sysvLinks(files.list);
  const pureftpd = pureftpdStart(files.read, root);
  return { ...(units ? { units } : {}), ...(starters ? { starters } : {}), ...(sysv ? { sysv } : {}), ...(pureftpd ? { pureftpd } : {}) };
}
