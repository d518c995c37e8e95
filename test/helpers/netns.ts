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
  /** The same ends' IPv6 addresses (unique local, no duplicate detection, so usable at once). */
  readonly serverAddress6: string;
  readonly clientAddress6: string;
  private readonly processes: ChildProcess[] = [];

  constructor(readonly id: number) {
    const tag = `${process.pid % 100000}-${id}`;
    this.server = `ftpw-s-${tag}`;
    this.client = `ftpw-c-${tag}`;
    this.serverAddress = `10.77.${id}.1`;
    this.clientAddress = `10.77.${id}.2`;
    this.serverAddress6 = `fd77:${id.toString(16)}::1`;
    this.clientAddress6 = `fd77:${id.toString(16)}::2`;
    this.namespaces = [this.server, this.client];
    this.link(`s${tag}`, this.server, this.serverAddress, this.client, this.clientAddress, [this.serverAddress6, this.clientAddress6]);
  }

  protected readonly namespaces: string[];

  /**
   * Creates the namespaces not made yet and a veth pair between two of them, with an address on
   * each end (a /24) and every interface up. Only the pair's names live outside the namespaces
   * for a moment, so they carry the network's tag.
   */
  protected link(name: string, one: string, oneAddress: string, other: string, otherAddress: string, ipv6?: readonly [string, string]): void {
    const veth = [`v${name}a`.slice(0, 15), `v${name}b`.slice(0, 15)];
    const made = new Set(spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout.split('\n').map((l) => l.split(' ')[0]));
    const steps = [
      ...[one, other].filter((ns) => !made.has(ns)).flatMap((ns) => [['netns', 'add', ns], ['-n', ns, 'link', 'set', 'lo', 'up']]),
      ['link', 'add', veth[0]!, 'type', 'veth', 'peer', 'name', veth[1]!],
      ['link', 'set', veth[0]!, 'netns', one], ['link', 'set', veth[1]!, 'netns', other],
      ['-n', one, 'addr', 'add', `${oneAddress}/24`, 'dev', veth[0]!], ['-n', other, 'addr', 'add', `${otherAddress}/24`, 'dev', veth[1]!],
      ...(ipv6 ? [['-n', one, 'addr', 'add', `${ipv6[0]}/64`, 'dev', veth[0]!, 'nodad'], ['-n', other, 'addr', 'add', `${ipv6[1]}/64`, 'dev', veth[1]!, 'nodad']] : []),
      ['-n', one, 'link', 'set', veth[0]!, 'up'], ['-n', other, 'link', 'set', veth[1]!, 'up'],
    ];
    for (const args of steps) {
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
    for (const ns of this.namespaces ?? [this.server, this.client]) spawnSync('ip', ['netns', 'del', ns], { timeout: 10_000 });
  }
}

/**
 * Three throwaway namespaces: a client on a "public" network (198.51.100.0/24), a gateway on it
 * (198.51.100.1) and on a private one (10.0.0.1), and the server behind it (10.0.0.5, its default
 * route through the gateway). The client has no route to the private network unless `routed`, so
 * a server's private address is as unreachable as behind a real NAT router. With `ipv6`, both
 * networks carry IPv6 as well (2001:db8:51::/64 and fd00:10::/64, the server at fd00:10::5),
 * routed. The addresses are the same in every such network: each lives only in its own namespaces.
 */
export class GatewayNetwork extends TestNetwork {
  readonly gateway: string;
  static readonly PUBLIC = '198.51.100.1';
  static readonly SERVER = '10.0.0.5';
  static readonly SERVER6 = 'fd00:10::5';

  constructor(id: number, routed: boolean, ipv6 = false) {
    super(id);
    const tag = `${process.pid % 100000}-${id}`;
    this.gateway = `ftpw-g-${tag}`;
    this.namespaces.push(this.gateway);
    // The two namespaces made by TestNetwork are joined directly; that link goes, and the gateway stands between them.
    for (const ns of [this.server, this.client]) spawnSync('ip', ['-n', ns, 'link', 'del', `vs${tag}a`.slice(0, 15)], { timeout: 10_000 });
    this.link(`p${tag}`, this.client, '198.51.100.2', this.gateway, GatewayNetwork.PUBLIC, ipv6 ? ['2001:db8:51::2', '2001:db8:51::1'] : undefined);
    this.link(`q${tag}`, this.gateway, '10.0.0.1', this.server, GatewayNetwork.SERVER, ipv6 ? ['fd00:10::1', GatewayNetwork.SERVER6] : undefined);
    const routes6 = [['-6', '-n', this.server, 'route', 'add', 'default', 'via', 'fd00:10::1'], ['-6', '-n', this.client, 'route', 'add', 'fd00:10::/64', 'via', '2001:db8:51::1']];
    const routes = [['-n', this.server, 'route', 'add', 'default', 'via', '10.0.0.1'], ...(routed ? [['-n', this.client, 'route', 'add', '10.0.0.0/24', 'via', GatewayNetwork.PUBLIC]] : []), ...(ipv6 ? routes6 : [])];
    for (const args of routes) {
      const run = spawnSync('ip', args, { encoding: 'utf8', timeout: 10_000 });
      if (run.status !== 0) { this.destroy(); throw new Error(`ip ${args.join(' ')}: ${run.stderr}`); }
    }
  }
}
