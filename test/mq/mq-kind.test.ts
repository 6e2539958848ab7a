// What mq.kind does to an embedded gateway's outbox: off writes none (and runs no relay), log
// relays every event, here to a recording publisher in place of the log sink.
import { expect } from 'chai';
import { openBackends } from '../../src/app/backends.js';
import { silentLogger } from '../../src/log/logger.js';
import type { MqEvent, MqPublisher } from '../../src/mq/publisher.js';
import { Cmd, MsgFormat } from '../../src/protocol/messages.js';
import { startGateway, testConfig, type TestGateway } from '../support/gateway.js';
import { RawClient } from '../support/raw-client.js';

const ALICE = '9007199254740993'; // 2^53 + 1
const BOB = '9223372036854775807'; // 2^63 - 1

class RecordingPublisher implements MqPublisher {
  readonly events: MqEvent[] = [];

  async publish(events: readonly MqEvent[]): Promise<void> {
    this.events.push(...events);
  }

  async close(): Promise<void> {}
}

describe('mq.kind (embedded gateway, real WebSocket clients)', () => {
  let gw: TestGateway | null = null;
  const clients: RawClient[] = [];

  async function login(userId: string): Promise<RawClient> {
    const client = await RawClient.open(gw!.url);
    clients.push(client);
    client.send(Cmd.AUTH_REQ, { token: await gw!.token(userId), deviceId: 'phone', platform: 'test' });
    await client.next(Cmd.AUTH_RESP);
    return client;
  }

  /** Alice sends Bob three messages; each is acked and pushed. Returns their msg_ids. */
  async function converse(): Promise<string[]> {
    const [alice, bob] = [await login(ALICE), await login(BOB)];
    const msgIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const seq = alice.send(Cmd.C2C_SEND_REQ, { clientMsgId: `c${i}`, toUserId: BOB, content: `m${i}`, format: MsgFormat.TEXT });
      const ack = await alice.next(Cmd.C2C_SEND_ACK, (f) => f.seq === seq);
      expect((await bob.next(Cmd.C2C_PUSH, (f) => f.body.message.msgId === ack.body.msgId)).body.message.content).to.equal(`m${i}`);
      msgIds.push(ack.body.msgId);
    }
    return msgIds;
  }

  /** `im_mq_published_total` on the ops port. */
  async function published(): Promise<number> {
    const text = await (await fetch(`${gw!.opsUrl}/metrics`)).text();
    return Number(/^im_mq_published_total (\d+)$/m.exec(text)?.[1]);
  }

  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await gw?.stop();
    gw = null;
  });

  it('off: every message is stored and delivered, and no event is written', async () => {
    gw = await startGateway({ mq: { kind: 'off' } });
    for (const msgId of await converse()) expect((await gw.backends.store.findById(msgId))?.msgId).to.equal(msgId);
    expect(await gw.backends.store.outboxBacklog()).to.equal(0);
    expect(await gw.backends.store.claimOutbox(Number.MAX_SAFE_INTEGER, 100, 60_000)).to.deep.equal([]);
    expect(await published(), 'no relay ran').to.equal(0);
  });

  it('log: the relay publishes every message event and empties the outbox', async () => {
    const overrides = { mq: { kind: 'log' as const } };
    const backends = await openBackends(testConfig(overrides), silentLogger());
    const mq = new RecordingPublisher();
    backends.publisher = mq;
    gw = await startGateway(overrides, backends);
    const msgIds = await converse();
    for (let waited = 0; mq.events.length < msgIds.length && waited < 5_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    expect(mq.events.filter((e) => e.tag === 'C2C_MSG').map((e) => e.keys[0])).to.deep.equal(msgIds);
    expect(await gw.backends.store.outboxBacklog()).to.equal(0);
    expect(await published()).to.equal(msgIds.length);
  });
});
