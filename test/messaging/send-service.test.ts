// SendService with a fake GroupCommitter and a fake Delivery.
import type { UserRate } from '../../src/storage/user-rate.js';
import { expect } from 'chai';
import { Cmd, ErrorCode, MsgFormat, type Bodies } from '../../src/protocol/messages.js';
import { silentLogger } from '../../src/log/logger.js';
import { RequestError } from '../../src/pipeline/request-error.js';
import type { Delivery } from '../../src/messaging/delivery.js';
import type { GroupCommit } from '../../src/storage/group-commit.js';
import { SendService } from '../../src/messaging/send-service.js';
import { messageEvent } from '../../src/mq/events.js';
import { MsgStatus, type EntryEvent, type InsertResult, type MessageWrite, type NewMessage, type StoredMessage } from '../../src/storage/message-store.js';
import { caught, deferred, fake, tick } from '../support/fakes.js';

type SendReq = Bodies[typeof Cmd.C2C_SEND_REQ];

const NOW = 1_700_000_000_000;
const MAX_CHARS = 10;

function req(over: Partial<SendReq> = {}): SendReq {
  return { clientMsgId: 'c-1', toUserId: '8', content: 'hello', format: MsgFormat.TEXT, ...over };
}

function stored(m: NewMessage, status: MsgStatus = MsgStatus.PENDING): StoredMessage {
  return { ...m, chatId: '7_8', status, convId: 'c_7_8', seq: '1', recalledMsgId: '0' };
}

interface Options {
  userRate?: UserRate;
  submit?: (m: NewMessage) => Promise<InsertResult>;
  arm?: (m: StoredMessage) => Promise<void>;
}

function setup(opts: Options = {}) {
  const submitted: NewMessage[] = [];
  const events: EntryEvent[] = [];
  const armed: StoredMessage[] = [];
  let committed = 0;
  let nextId = 4611686018427387904n;
  const committer = fake<GroupCommit<MessageWrite, InsertResult>>({
    submit: ({ message: m, event }) => {
      submitted.push(m);
      events.push(event);
      return opts.submit ? opts.submit(m) : Promise.resolve({ inserted: true, message: stored(m) });
    },
  });
  const delivery = fake<Delivery>({
    arm: (m) => {
      armed.push(m);
      return opts.arm ? opts.arm(m) : Promise.resolve();
    },
  });
  const ids = { next: () => String(nextId++) };
  const service = new SendService(committer, delivery, ids, opts.userRate ?? { take: async () => true }, MAX_CHARS, silentLogger(), () => { committed += 1; }, () => NOW);
  return { service, submitted, events, armed, committed: () => committed };
}

async function expectCode(fn: () => unknown, code: ErrorCode): Promise<RequestError> {
  const err = await caught(fn);
  expect(err).to.be.instanceOf(RequestError);
  expect((err as RequestError).code, (err as Error).message).to.equal(code);
  return err as RequestError;
}

describe('messaging/send-service', () => {
  describe('validation', () => {
    const emoji = (n: number) => '😀'.repeat(n);
    const cases: Array<{ name: string; req: SendReq; code: ErrorCode | null }> = [
      { name: 'client_msg_id of length 0', req: req({ clientMsgId: '' }), code: ErrorCode.BAD_REQUEST },
      { name: 'client_msg_id of length 1', req: req({ clientMsgId: 'a' }), code: null },
      { name: 'client_msg_id of length 64', req: req({ clientMsgId: 'a'.repeat(64) }), code: null },
      { name: 'client_msg_id of length 65', req: req({ clientMsgId: 'a'.repeat(65) }), code: ErrorCode.BAD_REQUEST },
      { name: "to_user_id '0'", req: req({ toUserId: '0' }), code: ErrorCode.BAD_REQUEST },
      { name: 'to_user_id 2^64-1', req: req({ toUserId: '18446744073709551615' }), code: null },
      { name: 'empty content', req: req({ content: '' }), code: ErrorCode.BAD_REQUEST },
      { name: `${MAX_CHARS} ASCII characters`, req: req({ content: 'x'.repeat(MAX_CHARS) }), code: null },
      { name: `${MAX_CHARS + 1} ASCII characters`, req: req({ content: 'x'.repeat(MAX_CHARS + 1) }), code: ErrorCode.TOO_LARGE },
      { name: `${MAX_CHARS} emoji (${MAX_CHARS * 2} UTF-16 units)`, req: req({ content: emoji(MAX_CHARS) }), code: null },
      { name: `${MAX_CHARS + 1} emoji`, req: req({ content: emoji(MAX_CHARS + 1) }), code: ErrorCode.TOO_LARGE },
      { name: 'format 0 (unspecified)', req: req({ format: MsgFormat.MSG_FORMAT_UNSPECIFIED }), code: ErrorCode.BAD_REQUEST },
      { name: 'format 42 (unknown)', req: req({ format: 42 as MsgFormat }), code: ErrorCode.BAD_REQUEST },
      { name: 'format -1', req: req({ format: -1 as MsgFormat }), code: ErrorCode.BAD_REQUEST },
      { name: 'format CUSTOM (5)', req: req({ format: MsgFormat.CUSTOM }), code: null },
      { name: 'format RECALL (16, server-made)', req: req({ format: MsgFormat.RECALL }), code: ErrorCode.BAD_REQUEST },
      { name: 'format GROUP_EVENT (17, server-made)', req: req({ format: MsgFormat.GROUP_EVENT }), code: ErrorCode.BAD_REQUEST },
      { name: 'a control character in client_msg_id (reserved for tombstone keys)', req: req({ clientMsgId: '\u0001recall' }), code: ErrorCode.BAD_REQUEST },
    ];
    for (const { name, req: body, code } of cases) {
      it(`${name} → ${code === null ? 'accepted' : ErrorCode[code]}`, async () => {
        const { service, submitted } = setup();
        if (code === null) {
          const { fresh } = await service.send('7', body);
          expect(fresh).to.equal(true);
          expect(submitted).to.have.length(1);
        } else {
          await expectCode(() => service.send('7', body), code);
          expect(submitted, 'nothing is submitted').to.deep.equal([]);
        }
      });
    }
  });

  it('RATE_LIMITED when the user\'s send budget (shared by all its connections) is spent: nothing submitted', async () => {
    const asked: string[] = [];
    const { service, submitted } = setup({ userRate: { take: async (userId) => { asked.push(userId); return false; } } });
    const err = await expectCode(() => service.send('18446744073709551615', req()), ErrorCode.RATE_LIMITED);
    expect(err.message).to.contain('too many sends');
    expect(asked).to.deep.equal(['18446744073709551615']);
    expect(submitted).to.deep.equal([]);
  });

  it('UNAVAILABLE when the send budget cannot be asked (Redis down): nothing submitted', async () => {
    const { service, submitted } = setup({ userRate: { take: async () => { throw new Error('redis down'); } } });
    await expectCode(() => service.send('7', req()), ErrorCode.UNAVAILABLE);
    expect(submitted).to.deep.equal([]);
  });

  it('submits with a fresh id, the sender given, the request fields and now, and its MQ event; then arms delivery', async () => {
    const { service, submitted, events, armed, committed } = setup();
    const result = await service.send('7', req({ toUserId: '9223372036854775807', format: MsgFormat.VOICE }));
    expect(submitted).to.deep.equal([{
      msgId: '4611686018427387904', clientMsgId: 'c-1', fromUserId: '7', toUserId: '9223372036854775807',
      content: 'hello', format: MsgFormat.VOICE, createTime: NOW,
    }]);
    expect(events).to.deep.equal([messageEvent(submitted[0]!)]);
    expect(result.fresh).to.equal(true);
    expect(result.message.msgId).to.equal('4611686018427387904');
    expect(armed).to.deep.equal([result.message]);
    expect(committed()).to.equal(1);
  });

  it('resolves only after delivery.arm resolved (an ack means the message cannot strand)', async () => {
    const gate = deferred();
    const { service } = setup({ arm: () => gate.promise });
    let done = false;
    const sending = service.send('7', req()).then(() => { done = true; });
    await tick();
    expect(done).to.equal(false);
    gate.resolve();
    await sending;
    expect(done).to.equal(true);
  });

  describe('in-flight dedup', () => {
    it('two concurrent sends of the same (sender, client_msg_id) → one submit, same message, second not fresh', async () => {
      const gate = deferred<InsertResult>();
      const { service, submitted, armed } = setup({ submit: () => gate.promise });
      const first = service.send('7', req());
      const second = service.send('7', req({ content: 'different' }));
      await tick();
      expect(submitted).to.have.length(1);
      gate.resolve({ inserted: true, message: stored(submitted[0]!) });
      const [a, b] = await Promise.all([first, second]);
      expect(a.fresh).to.equal(true);
      expect(b.fresh).to.equal(false);
      expect(b.message).to.equal(a.message);
      expect(armed).to.have.length(1);
    });

    it('the same client_msg_id from different senders is not deduplicated', async () => {
      const { service, submitted } = setup();
      await Promise.all([service.send('7', req()), service.send('70', req())]);
      expect(submitted.map((m) => m.fromUserId)).to.deep.equal(['7', '70']);
    });

    it('once the first has finished, a resend goes to the store again (which dedups durably)', async () => {
      const { service, submitted } = setup();
      await service.send('7', req());
      await service.send('7', req());
      expect(submitted).to.have.length(2);
    });

    it('when the first fails, the concurrent duplicate fails the same way, and a later resend is tried afresh', async () => {
      let fail = true;
      const { service, submitted } = setup({
        submit: async (m) => {
          await tick();
          if (fail) throw new Error('deadlock');
          return { inserted: true, message: stored(m) };
        },
      });
      const first = service.send('7', req());
      const second = service.send('7', req());
      await expectCode(() => first, ErrorCode.UNAVAILABLE);
      await expectCode(() => second, ErrorCode.UNAVAILABLE);
      expect(submitted).to.have.length(1);
      fail = false;
      expect((await service.send('7', req())).fresh).to.equal(true);
      expect(submitted).to.have.length(2);
    });
  });

  describe('failures', () => {
    it('store failure → UNAVAILABLE; nothing armed, not counted as committed', async () => {
      const { service, armed, committed } = setup({ submit: async () => { throw new Error('ECONNRESET'); } });
      await expectCode(() => service.send('7', req()), ErrorCode.UNAVAILABLE);
      expect(armed).to.deep.equal([]);
      expect(committed()).to.equal(0);
    });

    it('delivery.arm failure → UNAVAILABLE (after the commit)', async () => {
      const { service, armed, committed } = setup({ arm: async () => { throw new Error('redis down'); } });
      await expectCode(() => service.send('7', req()), ErrorCode.UNAVAILABLE);
      expect(armed).to.have.length(1);
      expect(committed()).to.equal(1);
    });
  });

  describe('duplicates seen by the store', () => {
    const original = (status: MsgStatus) => (m: NewMessage): Promise<InsertResult> => Promise.resolve({
      inserted: false,
      message: { ...stored(m, status), msgId: '123', content: 'the original', createTime: NOW - 5_000 },
    });

    it('original still PENDING → arm again (a crash may have hit between commit and arm); not fresh', async () => {
      const { service, armed } = setup({ submit: original(MsgStatus.PENDING) });
      const result = await service.send('7', req());
      expect(result.fresh).to.equal(false);
      expect(result.message.msgId).to.equal('123');
      expect(result.message.createTime).to.equal(NOW - 5_000);
      expect(armed.map((m) => m.msgId)).to.deep.equal(['123']);
    });

    for (const status of [MsgStatus.DELIVERED, MsgStatus.RECALLED, MsgStatus.DROPPED]) {
      it(`original ${['PENDING', 'DELIVERED', 'RECALLED', 'DROPPED'][status]} → not armed; the original is returned`, async () => {
        const { service, armed } = setup({ submit: original(status) });
        const result = await service.send('7', req());
        expect(result).to.deep.include({ fresh: false });
        expect(result.message.msgId).to.equal('123');
        expect(armed).to.deep.equal([]);
      });
    }
  });
});
