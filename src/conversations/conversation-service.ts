import { Cmd, ErrorCode, type Bodies, type ConvState, type Id } from '../protocol/messages.js';
import { RequestError } from '../pipeline/request-error.js';
import type { Session } from '../pipeline/session.js';
import type { Fanout } from '../messaging/fanout.js';
import { toChatMessage } from '../messaging/chat-message.js';
import type { ConvSummary, ConversationStore, SyncCursor } from '../storage/conversation-store.js';
import { parseConvId, peerOf, type ConvRef } from './conv-id.js';
import type { ReadEvents } from './read-events.js';

export interface ConversationOptions {
  /** Largest SYNC page. */
  maxSyncLimit: number;
  /** Largest HISTORY page (PROTOCOL.md: no less than 100). */
  maxHistoryLimit: number;
}

const DEFAULT_SYNC_LIMIT = 100;
const DEFAULT_HISTORY_LIMIT = 50;

/** SYNC, HISTORY and READ: what a device needs to catch up on its own (behaviours 10-12). */
export class ConversationService {
  constructor(
    private readonly store: ConversationStore,
    private readonly fanout: Fanout,
    private readonly readEvents: ReadEvents,
    private readonly options: ConversationOptions,
    private readonly now: () => number = Date.now,
  ) {}

  async sync(userId: Id, req: Bodies[typeof Cmd.SYNC_REQ]): Promise<Bodies[typeof Cmd.SYNC_RESP]> {
    const limit = Math.min(req.limit || DEFAULT_SYNC_LIMIT, this.options.maxSyncLimit);
    const after = req.pageToken === '' ? null : decodePageToken(req.pageToken);
    const serverTimeMs = this.now();
    // One more than asked tells whether another page follows.
    const convs = await this.store.listConversations(userId, { limit: limit + 1, after, updatedAfter: req.updatedAfterMs });
    const page = convs.slice(0, limit);
    const last = page[page.length - 1];
    return {
      convs: page.map(toConvState),
      nextPageToken: convs.length > limit && last !== undefined ? encodePageToken({ updateTime: last.updateTime, convId: last.convId }) : '',
      serverTimeMs,
    };
  }

  async history(userId: Id, req: Bodies[typeof Cmd.HISTORY_REQ]): Promise<Bodies[typeof Cmd.HISTORY_RESP]> {
    const ref = this.participant(userId, req.convId);
    const limit = Math.min(req.limit || DEFAULT_HISTORY_LIMIT, this.options.maxHistoryLimit);
    const page = await this.store.history(userId, ref.convId, { afterSeq: req.afterSeq, beforeSeq: req.beforeSeq, limit });
    if (page === null) throw notParticipant(ref.convId);
    return { messages: page.entries.map(toChatMessage), hasMore: page.hasMore, minSeq: page.minSeq };
  }

  /** Stores the read position; tells this user's other sessions and the peer when it moved. */
  async read(session: Session, req: Bodies[typeof Cmd.READ_REQ]): Promise<Bodies[typeof Cmd.READ_RESP]> {
    const userId = session.user!.userId;
    const ref = this.participant(userId, req.convId);
    const now = this.now();
    const result = await this.store.markRead(userId, ref.convId, req.readSeq, now);
    if (result === null) throw notParticipant(ref.convId);
    if (result.moved) {
      this.readEvents.record(userId, ref.convId, result.readSeq, now);
      const notice = { convId: ref.convId, userId, readSeq: result.readSeq };
      // A group's members are not told (behaviour 12): only this user's other sessions.
      const peer = peerOf(ref, userId);
      // Live and best effort: a device that misses it sees the position in SYNC.
      await Promise.all([
        this.fanout.deliver(userId, Cmd.READ_NOTIFY, notice, { except: session }),
        peer !== null && peer !== userId ? this.fanout.deliver(peer, Cmd.READ_NOTIFY, notice) : 0,
      ]);
    }
    return { convId: ref.convId, readSeq: result.readSeq, unread: result.unread };
  }

  /**
   * The conversation, if `userId` may take part in it: BAD_REQUEST for a malformed id, FORBIDDEN
   * for another pair's one-to-one conversation. Group membership is the store's to check.
   */
  participant(userId: Id, convId: string): ConvRef {
    const ref = parseConvId(convId);
    if (ref === null) throw new RequestError(ErrorCode.BAD_REQUEST, `malformed conv_id ${JSON.stringify(convId.slice(0, 80))}`);
    if (ref.kind === 'c2c' && peerOf(ref, userId) === null) throw notParticipant(convId);
    return ref;
  }
}

function notParticipant(convId: string): RequestError {
  return new RequestError(ErrorCode.FORBIDDEN, `not a participant of ${convId}`);
}

function toConvState(c: ConvSummary): ConvState {
  return {
    convId: c.convId, peerUserId: c.peerUserId, groupId: c.groupId, maxSeq: c.maxSeq, readSeq: c.readSeq,
    peerReadSeq: c.peerReadSeq, unread: c.unread, last: c.last === null ? null : toChatMessage(c.last),
    updateTimeMs: c.updateTime, minSeq: c.minSeq,
  };
}

/** Opaque to clients: where the previous page ended. */
function encodePageToken(cursor: SyncCursor): string {
  return Buffer.from(JSON.stringify([cursor.updateTime, cursor.convId]), 'utf8').toString('base64url');
}

function decodePageToken(token: string): SyncCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && Number.isSafeInteger(value[0]) && typeof value[1] === 'string'
      && parseConvId(value[1]) !== null) {
      return { updateTime: value[0] as number, convId: value[1] };
    }
  } catch {
    // reported below
  }
  throw new RequestError(ErrorCode.BAD_REQUEST, 'malformed page_token: pass the next_page_token of the previous SYNC_RESP');
}
