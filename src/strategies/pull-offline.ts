import { Cmd, type FrameOf } from '../protocol/messages.js';
import type { Session } from '../pipeline/session.js';
import type { Strategy } from '../pipeline/strategy.js';
import type { OfflineInbox } from '../messaging/offline-inbox.js';
import { toChatMessage } from '../messaging/chat-message.js';

const DEFAULT_LIMIT = 100;

/** PULL_OFFLINE_REQ: one page of undelivered messages by msg_id cursor. */
export class PullOfflineStrategy implements Strategy<typeof Cmd.PULL_OFFLINE_REQ> {
  readonly cmd = Cmd.PULL_OFFLINE_REQ;

  constructor(private readonly inbox: OfflineInbox, private readonly maxLimit: number) {}

  async handle(session: Session, { seq, body }: FrameOf<typeof Cmd.PULL_OFFLINE_REQ>): Promise<void> {
    const limit = Math.min(body.limit || DEFAULT_LIMIT, this.maxLimit);
    const { messages, hasMore } = await this.inbox.page(session.user!.userId, body.afterMsgId, limit);
    if (session.send(Cmd.PULL_OFFLINE_RESP, seq, { messages: messages.map(toChatMessage), hasMore })) {
      session.awaitAcks(messages.map((m) => m.msgId));
    }
  }
}
