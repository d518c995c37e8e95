// Asks the real vsftpd whether it starts with a configuration. Run it as root inside fresh
// namespaces, so that nothing it binds or leaves running can outlive it or touch the host:
//   unshare --pid --fork --mount-proc --net node vsftpd-oracle.mjs CONF
// It prints one JSON line: {"verdict":"ACCEPT"} or {"verdict":"REJECT","message":"..."}.
// The configuration is used as written (no -o overrides). In inetd mode (listen=NO) vsftpd
// serves the connected socket it gets as fd 0; in standalone mode it reports start-up errors
// on fd 0 and otherwise listens, so the oracle connects to the port it listens on. Either way
// ACCEPT means a "220" greeting, i.e. vsftpd passed every check it makes before a login.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';

const VSFTPD = process.env.VSFTPD ?? '/usr/sbin/vsftpd';
const conf = process.argv[2];
let dir;
const answer = (verdict, message) => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  process.stdout.write(JSON.stringify(message === undefined ? { verdict } : { verdict, message }) + '\n');
  process.exit(0);
};
setTimeout(() => answer('UNKNOWN', 'timed out'), 9000).unref();

/** Reads the first line a socket sends, or undefined after `ms`. */
function firstLine(socket, ms) {
  return new Promise((resolve) => {
    let data = '';
    const done = (value) => { clearTimeout(timer); socket.removeAllListeners('data'); resolve(value); };
    const timer = setTimeout(() => done(undefined), ms);
    socket.on('data', (chunk) => { data += chunk.toString('utf8'); const nl = data.indexOf('\n'); if (nl !== -1) done(data.slice(0, nl).replace(/\r$/, '')); });
    socket.on('close', () => done(data ? data.replace(/\r?\n?$/, '') : undefined));
    socket.on('error', () => done(undefined));
  });
}

/** Ports in LISTEN state in this (fresh) network namespace: they can only be vsftpd's. */
function listeningPorts() {
  const ports = [];
  for (const [file, host] of [['/proc/net/tcp', '127.0.0.1'], ['/proc/net/tcp6', '::1']]) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[3] === '0A') ports.push({ host, port: parseInt(fields[1].split(':')[1], 16) });
    }
  }
  return ports;
}

function verdictOf(line) {
  if (line?.startsWith('220')) answer('ACCEPT');
  if (line?.startsWith('500 OOPS: ')) answer('REJECT', line.slice('500 OOPS: '.length));
}

execFileSync('ip', ['link', 'set', 'lo', 'up']);
dir = mkdtempSync('/tmp/ftpwall-vsftpd-oracle-');
const copy = join(dir, 'vsftpd.conf');
copyFileSync(conf, copy);

const server = net.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const client = net.connect(server.address().port, '127.0.0.1');
const [accepted] = await Promise.all([new Promise((resolve) => server.once('connection', resolve)), new Promise((resolve) => client.once('connect', resolve))]);
server.close();
const child = spawn(VSFTPD, [copy], { stdio: [accepted, 'ignore', 'ignore'] });
let exited;
child.on('exit', (code) => { exited = code; });
accepted.destroy();

// Whichever comes first: a line on fd 0 (inetd mode, or a start-up error) or a listening socket.
let fdLine;
void firstLine(client, 8000).then((line) => { fdLine = line ?? null; });
for (let i = 0; i < 160; i++) {
  if (fdLine) verdictOf(fdLine);
  const [listening] = listeningPorts();
  if (listening) {
    const line = await firstLine(net.connect(listening.port, listening.host), 3000);
    verdictOf(line);
    answer('UNKNOWN', `standalone vsftpd said: ${line}`);
  }
  if (exited !== undefined && fdLine !== undefined) answer('REJECT', fdLine || `(exit status ${exited}, no message)`);
  await new Promise((resolve) => setTimeout(resolve, 25));
}
answer('UNKNOWN', 'no greeting, no error and no listening socket');
