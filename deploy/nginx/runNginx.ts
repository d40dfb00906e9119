// nginx run in the foreground by whoever starts it, in a folder of its own (config, pid, logs,
// buffered bodies): no root, no system service, nothing under /etc or /var touched. For trying the
// several-servers deployment on one machine (proxy.ts) and for the fault trial that kills servers.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderStandaloneNginxConfig, type AppServerAddress } from './nginxConfig.ts';

/** Where Debian's nginx packages put it. */
const NGINX_PATHS = ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx'];
const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 10_000;

/** The nginx binary, or null when none is installed (`apt-get install nginx`). */
export function findNginx(): string | null {
  return NGINX_PATHS.find((path) => existsSync(path)) ?? null;
}

export interface RunningNginx {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** The folder holding nginx.conf and the logs. */
  readonly prefix: string;
  /** The access log: one line per request, naming the app servers it went to. */
  accessLog(): string;
  errorLog(): string;
  /** Stops nginx (SIGQUIT: open requests finish) and deletes its folder. */
  dispose(): Promise<void>;
}

export interface RunNginxProps {
  appServers: readonly AppServerAddress[];
  /** The address nginx listens on. */
  host: string;
  port: number;
  /** The nginx binary; found on the usual paths when not given. */
  nginxPath?: string;
  /** nginx's own messages (e.g. process.stderr); kept in the error log otherwise. */
  onOutput?: (chunk: string) => void;
}

export async function runNginx(props: RunNginxProps): Promise<RunningNginx> {
  const nginx = props.nginxPath ?? findNginx();
  if (!nginx) {
    throw new Error('nginx is not installed: `apt-get install nginx` (Debian) installs it.');
  }
  const prefix = mkdtempSync(join(tmpdir(), 'circa-nginx-'));
  // Started as root, nginx's workers run as nobody: they must reach the body buffers in here.
  chmodSync(prefix, 0o755);
  const configPath = join(prefix, 'nginx.conf');
  writeFileSync(
    configPath,
    renderStandaloneNginxConfig({
      prefix,
      listen: `${props.host}:${props.port}`,
      appServers: props.appServers,
    }),
  );
  const errorLogPath = join(prefix, 'error.log');
  const args = ['-p', prefix, '-c', configPath, '-e', errorLogPath, '-g', 'daemon off;'];
  // nginx checks its configuration first, so a mistake is reported as such, not as a hang.
  await runToEnd(nginx, ['-t', '-q', ...args]);
  const child = spawn(nginx, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    props.onOutput?.(chunk.toString());
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const read = (name: string) => {
    const path = join(prefix, name);
    return existsSync(path) ? readFileSync(path, 'utf8') : '';
  };
  try {
    await waitUntilListening(child, props.host, props.port, () => output + read('error.log'));
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(prefix, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `http://${props.host}:${props.port}`,
    prefix,
    accessLog: () => read('access.log'),
    errorLog: () => read('error.log'),
    async dispose() {
      await stop(child);
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

function runToEnd(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`nginx refused its configuration (exit ${code}):\n${output}`)),
    );
  });
}

async function waitUntilListening(
  child: ChildProcess,
  host: string,
  port: number,
  explain: () => string,
): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`nginx exited while starting:\n${explain()}`);
    }
    if (await accepts(host, port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(
    `nginx was not listening on ${host}:${port} within ${START_TIMEOUT_MS} ms:\n${explain()}`,
  );
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // SIGQUIT is nginx's graceful shutdown: the master waits for its workers, then exits.
  child.kill('SIGQUIT');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
