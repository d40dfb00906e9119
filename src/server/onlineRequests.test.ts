import { get } from 'node:http';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { onlineRequestsUnderWay } from './db/backgroundWork.ts';
import { installOnlineRequestTracking } from './onlineRequests.ts';

function appCountingOnlineRequests() {
  const app = Fastify();
  installOnlineRequestTracking(app);
  const seen: Record<string, number> = {};
  app.get('/desk', async () => {
    seen['desk'] = onlineRequestsUnderWay();
    return { ok: true };
  });
  app.get('/failing-desk', async () => {
    seen['failing-desk'] = onlineRequestsUnderWay();
    throw new Error('refused');
  });
  app.get('/upload', { config: { backgroundWork: true } }, async () => {
    seen['upload'] = onlineRequestsUnderWay();
    return { ok: true };
  });
  return { app, seen };
}

describe('online requests under way, which background work gives way to', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('counts a desk request while it is answered, and not once it is, however it ended', async () => {
    const { app, seen } = appCountingOnlineRequests();
    close = () => app.close();
    const before = onlineRequestsUnderWay();

    expect((await app.inject('/desk')).statusCode).toBe(200);
    expect((await app.inject('/failing-desk')).statusCode).toBe(500);
    expect((await app.inject('/no-such-route')).statusCode).toBe(404);

    expect(seen['desk']).toBe(before + 1);
    expect(seen['failing-desk']).toBe(before + 1);
    expect(onlineRequestsUnderWay()).toBe(before);
  });

  it('does not count background work (uploads, health checks) as a desk waiting', async () => {
    const { app, seen } = appCountingOnlineRequests();
    close = () => app.close();
    const before = onlineRequestsUnderWay();

    await app.inject('/upload');

    expect(seen['upload']).toBe(before);
    expect(onlineRequestsUnderWay()).toBe(before);
  });

  it('stops counting a request whose client went before the answer', async () => {
    const app = Fastify();
    installOnlineRequestTracking(app);
    close = () => app.close();
    let arrived!: () => void;
    const handlerStarted = new Promise<void>((resolve) => (arrived = resolve));
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    app.get('/slow', async () => {
      arrived();
      await finished;
      return { ok: true };
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const before = onlineRequestsUnderWay();
    const { port } = app.server.address() as { port: number };
    const client = get(`http://127.0.0.1:${port}/slow`);
    client.on('error', () => undefined);
    await handlerStarted;
    expect(onlineRequestsUnderWay()).toBe(before + 1);

    client.destroy();
    await expect.poll(() => onlineRequestsUnderWay()).toBe(before);
    finish();
  });
});
