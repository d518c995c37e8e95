/**
 * The SysV init scripts a host starts at boot, as the links in its runlevel folders tell
 * (update-rc.d and chkconfig make them; on a systemd host systemd-sysv-generator turns them into
 * units): a link named S, two digits and NAME in the folder of runlevel 2, 3, 4 or 5 starts
 * etc/init.d/NAME at a normal boot. Runlevel 1 is rescue mode, 0 and 6 stop; a K link stops.
 */
export interface SysvLinks {
  /** Is the init script NAME started at a normal boot? */
  starts(script: string): boolean;
  /** Why it is not, in a sentence's middle. */
  whyNot(script: string): string;
}

/** Debian keeps the runlevel folders in etc/, Red Hat in etc/rc.d/ (with links to them in etc/). */
const BASES = ['etc', 'etc/rc.d'];
/** Where each keeps its init scripts: etc/init.d, etc/rc.d/init.d. */
export const INIT_SCRIPT_FOLDERS = BASES.map((base) => `${base}/init.d`);
const RUNLEVELS = ['0', '1', '2', '3', '4', '5', '6', 'S'];
/**
 * rcS.d is read too: systemd-sysv-generator ignores it, but sysvinit runs it at every boot, and a
 * host copy does not say which init it boots with.
 */
const BOOT_RUNLEVELS = ['2', '3', '4', '5', 'S'];
/** systemd-sysv-generator's reading of a link's name: S or K, two digits, then the script's name. */
const LINK = /^([SK])\d\d(.+)$/;

/** A host's init scripts by where they lie: etc/init.d/NAME, or Red Hat's etc/rc.d/init.d/NAME. */
export function initScriptName(inHost: string): string | undefined {
  return /^etc\/(rc\.d\/)?init\.d\/([^/]+)$/.exec(inHost)?.[2];
}

/**
 * The links of a host's runlevel folders (`list` gives a host-relative folder's names, undefined
 * when it is not there); undefined when the host has none of those folders, so it does not say.
 */
export function sysvLinks(list: (folder: string) => readonly string[] | undefined): SysvLinks | undefined {
  const bases = BASES.filter((base) => RUNLEVELS.some((level) => list(`${base}/rc${level}.d`) !== undefined));
  if (bases.length === 0) return undefined;
  const started = new Set<string>(), stopped = new Set<string>();
  for (const base of bases) {
    for (const level of BOOT_RUNLEVELS) {
      for (const name of list(`${base}/rc${level}.d`) ?? []) {
        const link = LINK.exec(name);
        if (link) (link[1] === 'S' ? started : stopped).add(link[2]!);
      }
    }
  }
  const folders = `${bases[0]}/rc2.d to rc5.d or rcS.d`;
  return {
    starts: (script) => started.has(script),
    whyNot: (script) => stopped.has(script)
      ? `its links in ${folders} are K links, which stop it (update-rc.d ${script} disable leaves them so)`
      : `no S link in ${folders} starts it`,
  };
}
