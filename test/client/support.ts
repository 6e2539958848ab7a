// Helpers shared by the SDK tests, against the scripted fake server or a real embedded gateway.
import { expect } from 'chai';
import type WebSocket from 'ws';
import { ImClient, type ImClientOptions } from '../../src/client/im-client.js';
import { ImError } from '../../src/client/im-error.js';
import type { TestGateway } from '../support/gateway.js';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor<T>(probe: () => T | undefined | false, what: string, timeoutMs = 1000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/** waitFor with the longer default a real gateway needs. */
export function waitForGateway<T>(probe: () => T | undefined | false, what: string, timeoutMs = 3000): Promise<T> {
  return waitFor(probe, what, timeoutMs);
}

/** The ImError `promise` rejects with; fails when it resolves or rejects with anything else. */
export async function expectRejection(promise: Promise<unknown>): Promise<ImError> {
  const err = await promise.then(() => { throw new Error('expected a rejection'); }, (e: unknown) => e);
  expect(err).to.be.instanceOf(ImError);
  return err as ImError;
}

/** Kills the client's socket the way a lost network does: no close frame. */
export function dropSocket(client: ImClient): void {
  (client as unknown as { ws: WebSocket | null }).ws!.terminate();
}

/**
 * SDK clients against a real gateway. `open` makes one for `userId` (a token the gateway signs
 * unless `options` give one; device 'phone'; reconnects after 10-40 ms), lets `listen`
 * subscribe to its events, then connects; `closeAll` closes every client opened since the
 * last closeAll, those whose connect failed included.
 */
export function gatewayClients() {
  const clients: ImClient[] = [];
  return {
    async open(gw: TestGateway, userId: string, options: Partial<ImClientOptions>, listen: (client: ImClient) => void): Promise<ImClient> {
      const token = options.token ?? (await gw.token(userId));
      const client = new ImClient({ url: gw.url, deviceId: 'phone', backoff: { initialMs: 10, maxMs: 40 }, ...options, token });
      listen(client);
      clients.push(client);
      await client.connect();
      return client;
    },
    async closeAll(): Promise<void> {
      await Promise.all(clients.splice(0).map((c) => c.close()));
    },
  };
}
