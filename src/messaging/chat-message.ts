import type { ChatMessage } from '../protocol/messages.js';
import { FIRST_SERVER_FORMAT, MsgStatus, type StoredMessage } from '../storage/message-store.js';

/** A stored entry as every reader sees it: a recalled message has no content any more. */
export function toChatMessage(m: StoredMessage): ChatMessage {
  const recalled = m.status === MsgStatus.RECALLED;
  return {
    msgId: m.msgId,
    // A server-made entry's key is internal (it only keeps it apart from the client's own ids).
    clientMsgId: m.format >= FIRST_SERVER_FORMAT ? '' : m.clientMsgId,
    fromUserId: m.fromUserId, toUserId: m.toUserId,
    content: recalled ? '' : m.content, format: m.format, createTimeMs: m.createTime,
    convId: m.convId, seq: m.seq, recalled, recalledMsgId: m.recalledMsgId,
    ...(m.groupId === undefined ? {} : { groupId: m.groupId, mentionUserIds: m.mentionUserIds ?? [], groupEvent: m.groupEvent ?? null }),
  };
}
