import type { StoredMessage } from '../storage/message-store.js';

/**
 * Bodies of the events on the MQ topic (JSON, UTF-8). Versioned by `schema`: a consumer that
 * meets an unknown schema should skip it, and ignore fields it does not know (fields are only
 * ever added within a schema). Ids and seqs are decimal strings (they exceed 2^53). Delivery is at
 * least once: dedup by the message key (msgId; `<userId>:<convId>` for CONV_READ). Within one
 * conversation, order C2C_MSG and C2C_RECALL events by `seq` (the recall's is its tombstone's).
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
  /** The conversation, `c_<lo>_<hi>`, and the message's position in it. */
  convId: string;
  seq: string;
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
  convId: string;
  /** The seq of the RECALL tombstone the recall appended, and the tombstone's own msg_id. */
  seq: string;
  tombstoneMsgId: string;
}

/** A user's read position moved (coalesced: at most one per user and conversation a second). */
export interface ConvReadEventV1 {
  schema: 'im.conv.read.v1';
  userId: string;
  convId: string;
  readSeq: string;
  /** ms since the Unix epoch: when the position was last moved. */
  readTime: number;
}

export function messageEvent(m: StoredMessage): string {
  const event: C2CMessageEventV1 = {
    schema: 'im.c2c.msg.v1', msgId: m.msgId, clientMsgId: m.clientMsgId, fromUserId: m.fromUserId,
    toUserId: m.toUserId, chatId: m.chatId, content: m.content, format: m.format, createTime: m.createTime,
    convId: m.convId, seq: m.seq,
  };
  return JSON.stringify(event);
}

export function recallEvent(m: StoredMessage, recallTime: number, tombstone: StoredMessage): string {
  const event: C2CRecallEventV1 = {
    schema: 'im.c2c.recall.v1', msgId: m.msgId, fromUserId: m.fromUserId, toUserId: m.toUserId,
    chatId: m.chatId, createTime: m.createTime, recallTime, convId: m.convId, seq: tombstone.seq, tombstoneMsgId: tombstone.msgId,
  };
  return JSON.stringify(event);
}

export function readEvent(userId: string, convId: string, readSeq: string, readTime: number): string {
  const event: ConvReadEventV1 = { schema: 'im.conv.read.v1', userId, convId, readSeq, readTime };
  return JSON.stringify(event);
}
