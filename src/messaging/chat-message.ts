import type { ChatMessage } from '../protocol/messages.js';
import type { StoredMessage } from '../storage/message-store.js';

export function toChatMessage(m: StoredMessage): ChatMessage {
  return {
    msgId: m.msgId, clientMsgId: m.clientMsgId, fromUserId: m.fromUserId, toUserId: m.toUserId,
    content: m.content, format: m.format, createTimeMs: m.createTime,
  };
}

