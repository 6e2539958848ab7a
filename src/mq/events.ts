import { c2cConvId, chatIdOf } from '../conversations/conv-id.js';
import type { EntryEvent, NewMessage, StoredMessage } from '../storage/message-store.js';

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

/** C2C_MSG, keyed by msg_id; the store adds the seq it assigns. */
export function messageEvent(m: NewMessage): EntryEvent {
  const convId = c2cConvId(m.fromUserId, m.toUserId);
  const body: Omit<C2CMessageEventV1, 'seq'> = {
    schema: 'im.c2c.msg.v1', msgId: m.msgId, clientMsgId: m.clientMsgId, fromUserId: m.fromUserId,
    toUserId: m.toUserId, chatId: chatIdOf(convId), content: m.content, format: m.format, createTime: m.createTime, convId,
  };
  return { tag: 'C2C_MSG', key: m.msgId, body };
}

/** C2C_RECALL of `m`, keyed by its msg_id; the store adds the seq of the tombstone `tombstoneMsgId`. */
export function recallEvent(m: StoredMessage, recallTime: number, tombstoneMsgId: string): EntryEvent {
  const body: Omit<C2CRecallEventV1, 'seq'> = {
    schema: 'im.c2c.recall.v1', msgId: m.msgId, fromUserId: m.fromUserId, toUserId: m.toUserId,
    chatId: m.chatId, createTime: m.createTime, recallTime, convId: m.convId, tombstoneMsgId,
  };
  return { tag: 'C2C_RECALL', key: m.msgId, body };
}

export function readEvent(userId: string, convId: string, readSeq: string, readTime: number): string {
  const event: ConvReadEventV1 = { schema: 'im.conv.read.v1', userId, convId, readSeq, readTime };
  return JSON.stringify(event);
}
