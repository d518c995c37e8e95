import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

/**
 * Two throwaway network namespaces joined by a veth pair: a server and a client. The addresses
 * exist only inside them; everything is removed by `destroy`, also when a test fails.
 */
export class TestNetwork {
  readonly server: string;
  readonly client: string;
  readonly serverAddress: string;
  readonly clientAddress: string;
  private readonly processes: ChildProcess[] = [];

  constructor(readonly id: number) {
    const tag = `${process.pid % 100000}-${id}`;
    this.server = `ftpw-s-${tag}`;
    this.client = `ftpw-c-${tag}`;
    this.serverAddress = `10.77.${id}.1`;
    this.clientAddress = `10.77.${id}.2`;
    const veth = [`vs${tag}`.slice(0, 15), `vc${tag}`.slice(0, 15)];
    for (const args of [
      ['netns', 'add', this.server], ['netns', 'add', this.client],
      ['link', 'add', veth[0]!, 'type', 'veth', 'peer', 'name', veth[1]!],
      ['link', 'set', veth[0]!, 'netns', this.server], ['link', 'set', veth[1]!, 'netns', this.client],
      ['-n', this.server, 'addr', 'add', `${this.serverAddress}/24`, 'dev', veth[0]!], ['-n', this.client, 'addr', 'add', `${this.clientAddress}/24`, 'dev', veth[1]!],
      ['-n', this.server, 'link', 'set', veth[0]!, 'up'], ['-n', this.client, 'link', 'set', veth[1]!, 'up'],
      ['-n', this.server, 'link', 'set', 'lo', 'up'], ['-n', this.client, 'link', 'set', 'lo', 'up'],
    ]) {
      const run = spawnSync('ip', args, { encoding: 'utf8', timeout: 10_000 });
      if (run.status !== 0) { this.destroy(); throw new Error(`ip ${args.join(' ')}: ${run.stderr}`); }
    }
  }

  /** Runs a command inside a namespace and waits for it, at most `seconds`. */
  run(namespace: string, command: string, args: string[], options: { input?: string; seconds?: number } = {}) {
    return spawnSync('ip', ['netns', 'exec', namespace, 'timeout', '-k', '2', String(options.seconds ?? 15), command, ...args], { encoding: 'utf8', ...(options.input !== undefined ? { input: options.input } : {}) });
  }

  /** Starts a long-running command inside a namespace; it is killed by `destroy`. */
  start(namespace: string, command: string, args: string[]): ChildProcess {
    const child = spawn('ip', ['netns', 'exec', namespace, command, ...args], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.processes.push(child);
    return child;
  }

  destroy(): void {
    for (const child of this.processes) {
      try { if (child.pid) process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }
    for (const ns of [this.server, this.client]) spawnSync('ip', ['netns', 'del', ns], { timeout: 10_000 });
  }
}
