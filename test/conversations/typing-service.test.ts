import { expect } from 'chai';
import type { Session } from '../../src/pipeline/session.js';
import { Cmd, ErrorCode } from '../../src/protocol/messages.js';
import { RequestError } from '../../src/pipeline/request-error.js';
import { ConversationService } from '../../src/conversations/conversation-service.js';
import { TYPING_INTERVAL_MS, TypingService } from '../../src/conversations/typing-service.js';
import type { ReadEvents } from '../../src/conversations/read-events.js';
import type { ConversationStore } from '../../src/storage/conversation-store.js';
import { caught, fake, FakeSession } from '../support/fakes.js';
import { ALICE, ALICE_BOB, BOB, CAROL, RecordingFanout } from './fixtures.js';

const ALICE_CAROL = `c_${ALICE}_${CAROL}`;

function setup(...sessions: FakeSession[]) {
  const clock = { now: 1_700_000_000_000 };
  const fanout = new RecordingFanout(...sessions);
  // Only participant() is used: typing never touches the store or read events.
  const conversations = new ConversationService(fake<ConversationStore>({}), fanout, fake<ReadEvents>({}), { maxSyncLimit: 100, maxHistoryLimit: 100 });
  const groupTyping: Array<{ userId: string; groupId: string; typing: boolean }> = [];
  const groups = { typing: async (session: Session, groupId: string, on: boolean) => { groupTyping.push({ userId: session.user!.userId, groupId, typing: on }); } };
  const typing = new TypingService(conversations, fanout, groups, () => clock.now);
  return { typing, fanout, clock, groupTyping };
}

describe('conversations/typing-service', () => {
  it('the interval is 3 s (PROTOCOL.md behaviour 13)', () => {
    expect(TYPING_INTERVAL_MS).to.equal(3000);
  });

  it('delivers TYPING_NOTIFY to the peer\'s sessions only: not to the typist\'s own other sessions, not to others', async () => {
    const phone = FakeSession.as(ALICE, 'phone');
    const laptop = FakeSession.as(ALICE, 'laptop');
    const bobPhone = FakeSession.as(BOB, 'phone');
    const bobTablet = FakeSession.as(BOB, 'tablet');
    const carol = FakeSession.as(CAROL);
    const { typing, fanout } = setup(phone, laptop, bobPhone, bobTablet, carol);
    await typing.typing(phone, { convId: ALICE_BOB, typing: true });
    const notify = { cmd: Cmd.TYPING_NOTIFY, seq: 0, body: { convId: ALICE_BOB, userId: ALICE, typing: true } };
    expect(bobPhone.pushes).to.deep.equal([notify]);
    expect(bobTablet.pushes).to.deep.equal([notify]);
    expect([phone, laptop, carol].flatMap((s) => s.pushes)).to.deep.equal([]);
    expect(fanout.calls.map((c) => c.userId)).to.deep.equal([BOB]);
    expect(phone.sent, 'no reply').to.deep.equal([]);
  });

  it('typing = false is delivered as such; the peer as typist reaches the other side', async () => {
    const alice = FakeSession.as(ALICE);
    const bob = FakeSession.as(BOB);
    const { typing } = setup(alice, bob);
    await typing.typing(bob, { convId: ALICE_BOB, typing: false });
    expect(alice.pushes.map((p) => p.body)).to.deep.equal([{ convId: ALICE_BOB, userId: BOB, typing: false }]);
    expect(bob.pushes).to.deep.equal([]);
  });

  it('a second call within 3 s for the same session and conversation is dropped silently (whatever `typing` says)', async () => {
    const alice = FakeSession.as(ALICE);
    const bob = FakeSession.as(BOB);
    const { typing, clock } = setup(alice, bob);
    await typing.typing(alice, { convId: ALICE_BOB, typing: true });
    clock.now += 1;
    await typing.typing(alice, { convId: ALICE_BOB, typing: true });
    clock.now += TYPING_INTERVAL_MS - 2; // 2999 ms after the first
    await typing.typing(alice, { convId: ALICE_BOB, typing: false });
    expect(bob.pushes.map((p) => p.body)).to.deep.equal([{ convId: ALICE_BOB, userId: ALICE, typing: true }]);
    expect(alice.sent).to.deep.equal([]);
  });

  it('is allowed again 3 s after the last one that got through', async () => {
    const alice = FakeSession.as(ALICE);
    const bob = FakeSession.as(BOB);
    const { typing, clock } = setup(alice, bob);
    await typing.typing(alice, { convId: ALICE_BOB, typing: true }); // t = 0: through
    clock.now += 2000;
    await typing.typing(alice, { convId: ALICE_BOB, typing: true }); // t = 2000: dropped, does not restart the interval
    clock.now += 1000;
    await typing.typing(alice, { convId: ALICE_BOB, typing: false }); // t = 3000: through
    clock.now += 2999;
    await typing.typing(alice, { convId: ALICE_BOB, typing: true }); // t = 5999: dropped
    clock.now += 1;
    await typing.typing(alice, { convId: ALICE_BOB, typing: true }); // t = 6000: through
    expect(bob.pushes.map((p) => (p.body as { typing: boolean }).typing)).to.deep.equal([true, false, true]);
  });

  it('another conversation, or another session of the same user, is not throttled', async () => {
    const phone = FakeSession.as(ALICE, 'phone');
    const laptop = FakeSession.as(ALICE, 'laptop');
    const bob = FakeSession.as(BOB);
    const carol = FakeSession.as(CAROL);
    const { typing } = setup(phone, laptop, bob, carol);
    await typing.typing(phone, { convId: ALICE_BOB, typing: true });
    await typing.typing(phone, { convId: ALICE_CAROL, typing: true });
    await typing.typing(laptop, { convId: ALICE_BOB, typing: true });
    expect(bob.pushes).to.have.length(2);
    expect(carol.pushes.map((p) => p.body)).to.deep.equal([{ convId: ALICE_CAROL, userId: ALICE, typing: true }]);
  });

  it('nothing for a note to yourself (c_u_u), and no error', async () => {
    const phone = FakeSession.as(CAROL, 'phone');
    const laptop = FakeSession.as(CAROL, 'laptop');
    const { typing, fanout } = setup(phone, laptop);
    await typing.typing(phone, { convId: `c_${CAROL}_${CAROL}`, typing: true });
    expect(fanout.calls).to.deep.equal([]);
    expect([...phone.sent, ...laptop.sent]).to.deep.equal([]);
  });

  it('FORBIDDEN for a non-participant, BAD_REQUEST for a malformed conv_id; nothing delivered', async () => {
    const { typing, fanout } = setup(FakeSession.as(ALICE), FakeSession.as(BOB));
    const carol = FakeSession.as(CAROL);
    for (const [convId, code] of [[ALICE_BOB, ErrorCode.FORBIDDEN], ['c_2_1', ErrorCode.BAD_REQUEST]] as const) {
      const err = await caught(() => typing.typing(carol, { convId, typing: true }));
      expect(err).to.be.instanceOf(RequestError);
      expect((err as RequestError).code, convId).to.equal(code);
    }
    expect(fanout.calls).to.deep.equal([]);
  });

  it('a refused request does not use up the interval of a later valid one', async () => {
    const alice = FakeSession.as(ALICE);
    const bob = FakeSession.as(BOB);
    const { typing } = setup(alice, bob);
    await caught(() => typing.typing(alice, { convId: `c_${BOB}_${CAROL}`, typing: true }));
    await typing.typing(alice, { convId: ALICE_BOB, typing: true });
    expect(bob.pushes).to.have.length(1);
  });

  it('a group conversation goes to the group fan-out, throttled per session like any other', async () => {
    const alice = FakeSession.as(ALICE);
    const { typing, fanout, clock, groupTyping } = setup(alice);
    await typing.typing(alice, { convId: 'g_4611686018427387905', typing: true });
    await typing.typing(alice, { convId: 'g_4611686018427387905', typing: false });
    clock.now += 3000;
    await typing.typing(alice, { convId: 'g_4611686018427387905', typing: false });
    expect(groupTyping).to.deep.equal([
      { userId: ALICE, groupId: '4611686018427387905', typing: true },
      { userId: ALICE, groupId: '4611686018427387905', typing: false },
    ]);
    expect(fanout.calls).to.deep.equal([]);
  });
});
