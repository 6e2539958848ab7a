import { expect } from 'chai';
import { MsgFormat } from '../../src/protocol/messages.js';
import { toChatMessage } from '../../src/messaging/chat-message.js';
import { MsgStatus, RECALL_FORMAT, type StoredMessage } from '../../src/storage/message-store.js';

const FROM = '9223372036854775808';
const TO = '18446744073709551615';
const CONV = `c_${FROM}_${TO}`;

function stored(over: Partial<StoredMessage> = {}): StoredMessage {
  return {
    msgId: '4611686018427387905', clientMsgId: 'c-1', fromUserId: FROM, toUserId: TO, content: 'hello', format: MsgFormat.TEXT,
    createTime: 1_700_000_000_000, chatId: `${FROM}_${TO}`, status: MsgStatus.PENDING, convId: CONV, seq: '9007199254740993',
    recalledMsgId: '0', ...over,
  };
}

describe('messaging/chat-message', () => {
  it('a message: every field, with conv_id, seq, recalled = false and recalled_msg_id 0', () => {
    for (const status of [MsgStatus.PENDING, MsgStatus.DELIVERED, MsgStatus.DROPPED]) {
      expect(toChatMessage(stored({ status }))).to.deep.equal({
        msgId: '4611686018427387905', clientMsgId: 'c-1', fromUserId: FROM, toUserId: TO, content: 'hello', format: MsgFormat.TEXT,
        createTimeMs: 1_700_000_000_000, convId: CONV, seq: '9007199254740993', recalled: false, recalledMsgId: '0',
      });
    }
  });

  it('a recalled message: recalled = true and empty content, whatever the row still holds', () => {
    expect(toChatMessage(stored({ status: MsgStatus.RECALLED, content: 'left behind' }))).to.deep.equal({
      msgId: '4611686018427387905', clientMsgId: 'c-1', fromUserId: FROM, toUserId: TO, content: '', format: MsgFormat.TEXT,
      createTimeMs: 1_700_000_000_000, convId: CONV, seq: '9007199254740993', recalled: true, recalledMsgId: '0',
    });
  });

  it('a RECALL tombstone: format RECALL, names the recalled msg_id, and its internal key is not shown', () => {
    const tombstone = stored({
      msgId: '4611686018427387999', clientMsgId: '\u0001recall:4611686018427387905', content: '', format: RECALL_FORMAT,
      seq: '9007199254740994', recalledMsgId: '4611686018427387905',
    });
    expect(toChatMessage(tombstone)).to.deep.equal({
      msgId: '4611686018427387999', clientMsgId: '', fromUserId: FROM, toUserId: TO, content: '', format: MsgFormat.RECALL,
      createTimeMs: 1_700_000_000_000, convId: CONV, seq: '9007199254740994', recalled: false, recalledMsgId: '4611686018427387905',
    });
  });
});
