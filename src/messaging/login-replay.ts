import { Cmd, type Bodies, type Id } from '../protocol/messages.js';
import { PushFrame } from '../protocol/push-frame.js';
import type { Metrics } from '../ops/metrics.js';
import type { Session } from '../pipeline/session.js';
import type { RecallNotice, RecallNotices } from '../storage/message-store.js';
import { toChatMessage } from './chat-message.js';
import type { OfflineInbox } from './offline-inbox.js';
import type { RetryScanner } from './retry-scanner.js';

/** What a session gets right after AUTH_RESP: pending recall notices, then the oldest undelivered messages. */
export class LoginReplay {
  constructor(
    private readonly notices: RecallNotices,
    private readonly inbox: OfflineInbox,
    private readonly retry: RetryScanner,
    /** Messages pushed at login; 0 leaves them all to PULL_OFFLINE_REQ. */
    private readonly batch: number,
    private readonly metrics: Metrics,
  ) {}

  /**
   * Before AUTH_RESP: the ids of the user's undelivered messages, which the session may then ack
   * whether or not it is pushed them (an earlier session may have been).
   */
  async owed(session: Session): Promise<Id[]> {
    const owed = await this.inbox.undeliveredIds(session.user!.userId);
    session.owedAtLogin(owed);
    return owed;
  }

  /** After AUTH_RESP, with what owed() returned. */
  async replay(session: Session, owed: readonly Id[]): Promise<void> {
    const userId = session.user!.userId;
    const notices = await this.notices.listRecallNotices(userId);
    const sent = notices.filter((n) => session.push(PushFrame.of(Cmd.RECALL_NOTIFY, recallNotify(n))));
    if (sent.length > 0) await this.notices.deleteRecallNotices(userId, sent.map((n) => n.msgId));

    if (this.batch === 0) return;
    const messages = await this.inbox.messagesOf(userId, owed.slice(0, this.batch));
    const pushed = messages.filter((m) => session.push(PushFrame.of(Cmd.C2C_PUSH, { message: toChatMessage(m) })));
    this.metrics.pushes.inc({ kind: 'offline' }, pushed.length);
    await this.retry.schedule(userId, pushed.map((m) => m.msgId));
  }
}

function recallNotify(n: RecallNotice): Bodies[typeof Cmd.RECALL_NOTIFY] {
  return { msgId: n.msgId, fromUserId: n.fromUserId, toUserId: n.toUserId, recallTimeMs: n.recallTime, convId: n.convId, seq: n.seq };
}
