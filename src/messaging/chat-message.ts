import type { ChatMessage, Id } from '../protocol/messages.js';
import type { StoredMessage } from '../storage/message-store.js';

export function toChatMessage(m: StoredMessage): ChatMessage {
  return {
    msgId: m.msgId, clientMsgId: m.clientMsgId, fromUserId: m.fromUserId, toUserId: m.toUserId,
    content: m.content, format: m.format, createTimeMs: m.createTime,
  };
}

/** Both directions of a pair share one chat id: the smaller user id first. */
export function chatIdOf(a: Id, b: Id): string {
  return BigInt(a) <= BigInt(b) ? `${a}_${b}` : `${b}_${a}`;
}
