import { Cmd, type FrameOf } from '../protocol/messages.js';
import type { Session } from '../pipeline/session.js';
import type { Strategy } from '../pipeline/strategy.js';
import type { ConversationService } from '../conversations/conversation-service.js';
import type { TypingService } from '../conversations/typing-service.js';

/** SYNC_REQ: a page of the conversation list. Several queries: the heaviest request. */
export class SyncStrategy implements Strategy<typeof Cmd.SYNC_REQ> {
  readonly cmd = Cmd.SYNC_REQ;
  readonly meter = { bucket: 'requests', cost: 5 } as const;

  constructor(private readonly conversations: ConversationService) {}

  async handle(session: Session, { seq, body }: FrameOf<typeof Cmd.SYNC_REQ>): Promise<void> {
    session.send(Cmd.SYNC_RESP, seq, await this.conversations.sync(session.user!.userId, body));
  }
}

/** HISTORY_REQ: a page of one conversation by seq. One indexed range query. */
export class HistoryStrategy implements Strategy<typeof Cmd.HISTORY_REQ> {
  readonly cmd = Cmd.HISTORY_REQ;
  readonly meter = { bucket: 'requests', cost: 2 } as const;

  constructor(private readonly conversations: ConversationService) {}

  async handle(session: Session, { seq, body }: FrameOf<typeof Cmd.HISTORY_REQ>): Promise<void> {
    session.send(Cmd.HISTORY_RESP, seq, await this.conversations.history(session.user!.userId, body));
  }
}

/** READ_REQ: move the read position; READ_RESP carries the stored one. */
export class ReadStrategy implements Strategy<typeof Cmd.READ_REQ> {
  readonly cmd = Cmd.READ_REQ;

  constructor(private readonly conversations: ConversationService) {}

  async handle(session: Session, { seq, body }: FrameOf<typeof Cmd.READ_REQ>): Promise<void> {
    session.send(Cmd.READ_RESP, seq, await this.conversations.read(session, body));
  }
}

/** TYPING_REQ: no reply; throttled per conversation by the service, and metered like any request. */
export class TypingStrategy implements Strategy<typeof Cmd.TYPING_REQ> {
  readonly cmd = Cmd.TYPING_REQ;

  constructor(private readonly typing: TypingService) {}

  handle(session: Session, { body }: FrameOf<typeof Cmd.TYPING_REQ>): Promise<void> {
    return this.typing.typing(session, body);
  }
}
