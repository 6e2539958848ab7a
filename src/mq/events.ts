import type { StoredMessage } from '../storage/message-store.js';

/**
 * Bodies of the events on the MQ topic (JSON, UTF-8). Versioned by `schema`: a consumer that
 * meets an unknown schema should skip it. Ids are decimal strings (they exceed 2^53). Delivery is
 * at least once: dedup by msgId (the message key).
 */
export interface C2CMessageEventV1 {
  schema: 'im.c2c.msg.v1';
  msgId: string;
  clientMsgId: string;
  fromUserId: string;
  toUserId: string;
  chatId: string;
  content: string;
  /** MsgFormat number: 1 TEXT, 2 IMAGE, 3 FILE, 4 VOICE, 5 CUSTOM. */
  format: number;
  /** ms since the Unix epoch. */
  createTime: number;
}

export interface C2CRecallEventV1 {
  schema: 'im.c2c.recall.v1';
  msgId: string;
  fromUserId: string;
  toUserId: string;
  chatId: string;
  createTime: number;
  /** ms since the Unix epoch. */
  recallTime: number;
}

export function messageEvent(m: StoredMessage): string {
  const event: C2CMessageEventV1 = {
    schema: 'im.c2c.msg.v1', msgId: m.msgId, clientMsgId: m.clientMsgId, fromUserId: m.fromUserId,
    toUserId: m.toUserId, chatId: m.chatId, content: m.content, format: m.format, createTime: m.createTime,
  };
  return JSON.stringify(event);
}

export function recallEvent(m: StoredMessage, recallTime: number): string {
  const event: C2CRecallEventV1 = {
    schema: 'im.c2c.recall.v1', msgId: m.msgId, fromUserId: m.fromUserId, toUserId: m.toUserId,
    chatId: m.chatId, createTime: m.createTime, recallTime,
  };
  return JSON.stringify(event);
}
