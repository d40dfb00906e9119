// A switchable TCP endpoint in the test process: what the app servers take for "the database"
// (switched from the primary to the promoted standby at a failover), and the standby's replication
// link (cut to hold an asynchronous standby back). Switching or cutting drops every connection
// under way, as a failed machine or network would.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { freePort } from './privatePostgres.ts';

export interface TcpProxy {
  port: number;
  /** Sends new connections to `port` and drops those under way. */
  switchTo(port: number): void;
  /** Drops every connection and refuses new ones until `switchTo`. */
  cut(): void;
  /** Connections under way. */
  open(): number;
  dispose(): Promise<void>;
}

export async function startTcpProxy(firstTarget: number): Promise<TcpProxy> {
  let target: number | null = firstTarget;
  const pairs = new Set<[Socket, Socket]>();
  const dropAll = () => {
    for (const [client, upstream] of pairs) {
      client.destroy();
      upstream.destroy();
    }
    pairs.clear();
  };
  const server: Server = createServer((client) => {
    if (target === null) {
      client.destroy();
      return;
    }
    const upstream = connect(target, '127.0.0.1');
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const close = () => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port,
    switchTo(targetPort) {
      target = targetPort;
      dropAll();
    },
    cut() {
      target = null;
      dropAll();
    },
    open: () => pairs.size,
    dispose() {
      target = null;
      dropAll();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
