import { expect } from 'chai';
import { Cmd, ErrorCode, type FrameOf } from '../../src/protocol/messages.js';
import { RequestError } from '../../src/pipeline/request-error.js';
import type { Session } from '../../src/pipeline/session.js';
import type { RecallService } from '../../src/messaging/recall-service.js';
import { RecallStrategy } from '../../src/strategies/recall.js';
import { caught, fake, FakeSession } from '../support/fakes.js';

const recallFrame = (msgId: string, seq = 4): FrameOf<typeof Cmd.RECALL_REQ> => ({ cmd: Cmd.RECALL_REQ, seq, body: { msgId } });

function setup(recall: (session: Session, msgId: string) => Promise<number>) {
  const calls: Array<{ session: Session; msgId: string }> = [];
  const recalls = fake<RecallService>({ recall: (session, msgId) => { calls.push({ session, msgId }); return recall(session, msgId); } });
  return { strategy: new RecallStrategy(recalls, { recall: async () => null }), calls };
}

describe('strategies/recall', () => {
  it('msg_id 0 → BAD_REQUEST without asking the service', async () => {
    const { strategy, calls } = setup(async () => 1);
    const session = FakeSession.as('7');
    const err = await caught(() => strategy.handle(session, recallFrame('0')));
    expect(err).to.be.instanceOf(RequestError);
    expect((err as RequestError).code).to.equal(ErrorCode.BAD_REQUEST);
    expect(calls).to.deep.equal([]);
    expect(session.sent).to.deep.equal([]);
  });

  it('recalls through the service with the session and answers RECALL_RESP (seq, msg_id, recall time)', async () => {
    const id = '9223372036854775807';
    const { strategy, calls } = setup(async () => 1_700_000_000_500);
    const session = FakeSession.as('7');
    await strategy.handle(session, recallFrame(id, 12));
    expect(calls).to.deep.equal([{ session, msgId: id }]);
    expect(session.only(Cmd.RECALL_RESP)).to.deep.equal({
      cmd: Cmd.RECALL_RESP, seq: 12, body: { msgId: id, recallTimeMs: 1_700_000_000_500 },
    });
  });

  it('a service RequestError (FORBIDDEN, NOT_FOUND, RECALL_WINDOW_EXPIRED) propagates unchanged, no reply', async () => {
    for (const code of [ErrorCode.FORBIDDEN, ErrorCode.NOT_FOUND, ErrorCode.RECALL_WINDOW_EXPIRED]) {
      const { strategy } = setup(async () => { throw new RequestError(code, 'no'); });
      const session = FakeSession.as('7');
      const err = await caught(() => strategy.handle(session, recallFrame('5')));
      expect((err as RequestError).code).to.equal(code);
      expect(session.sent).to.deep.equal([]);
    }
  });
});
