import { Cmd, type Bodies } from '../protocol/messages.js';
import type { Session } from '../pipeline/session.js';
import type { Fanout } from '../messaging/fanout.js';
import type { ConversationService } from './conversation-service.js';
import { peerOf } from './conv-id.js';
import type { GroupService } from '../groups/group-service.js';

/** PROTOCOL.md behaviour 13: at most one TYPING_REQ per session and conversation per 3 s. */
export const TYPING_INTERVAL_MS = 3000;

/** Typing indicators: live to the other participants' sessions, never stored, never retried. */
export class TypingService {
  /** When each session last typed in each conversation; gone with the session. */
  private readonly last = new WeakMap<Session, Map<string, number>>();

  constructor(
    private readonly conversations: ConversationService,
    private readonly fanout: Fanout,
    /** Groups deliver typing through their own fan-out. */
    private readonly groups: Pick<GroupService, 'typing'>,
    private readonly now: () => number = Date.now,
  ) {}

  async typing(session: Session, req: Bodies[typeof Cmd.TYPING_REQ]): Promise<void> {
    const userId = session.user!.userId;
    const ref = this.conversations.participant(userId, req.convId);
    if (!this.admit(session, ref.convId)) return;
    if (ref.kind === 'group') {
      await this.groups.typing(session, ref.groupId, req.typing);
      return;
    }
    const peer = peerOf(ref, userId);
    // A note to yourself has no other participant.
    if (peer === null || peer === userId) return;
    await this.fanout.deliver(peer, Cmd.TYPING_NOTIFY, { convId: ref.convId, userId, typing: req.typing });
  }

  private admit(session: Session, convId: string): boolean {
    let byConv = this.last.get(session);
    if (byConv === undefined) {
      byConv = new Map();
      this.last.set(session, byConv);
    }
    const now = this.now();
    const previous = byConv.get(convId);
    if (previous !== undefined && now - previous < TYPING_INTERVAL_MS) return false;
    byConv.set(convId, now);
    return true;
  }
}
