// Shared by the end-to-end suites that run against a started gateway in either mode.
import { Cmd } from '../../src/protocol/messages.js';
import type { Mode, TestGateway } from './gateway.js';
import { RawClient } from './raw-client.js';
import { needMysql, needRedis } from './services.js';

/** Call from a `before` hook: production mode needs MySQL and Redis (see needServer). */
export async function needServicesOf(ctx: Mocha.Context, mode: Mode): Promise<void> {
  if (mode === 'production') {
    await needMysql(ctx);
    await needRedis(ctx);
  }
}

/**
 * WebSocket clients logged in to the gateway `gateway()` returns at the time (a test may restart
 * it); `closeAll` closes every one logged in since the last closeAll.
 */
export function rawLogins(gateway: () => TestGateway) {
  const clients: RawClient[] = [];
  return {
    async login(userId: string, deviceId = 'phone', echoOwnMessages = false): Promise<RawClient> {
      const gw = gateway();
      const client = await RawClient.open(gw.url);
      clients.push(client);
      client.send(Cmd.AUTH_REQ, { token: await gw.token(userId), deviceId, platform: 'test', echoOwnMessages });
      await client.next(Cmd.AUTH_RESP);
      return client;
    },
    closeAll(): void {
      clients.splice(0).forEach((c) => c.close());
    },
  };
}
