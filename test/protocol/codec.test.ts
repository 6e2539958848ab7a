// The frame codec, tested with bytes: hand-built protobuf so that a renumbered field, a changed
// wire type or an id that passes through a number shows up here first.
import { expect } from 'chai';
import { CodecError, decodeFrame, encodeFrame, isKnownCmd } from '../../src/protocol/codec.js';
import {
  BODY_CODECS, CLIENT_CMDS, Cmd, ErrorCode, FrameMessage, KickReason, MsgFormat, PROTOCOL_VERSION,
  type Bodies, type ChatMessage, type Frame, type KnownCmd,
} from '../../src/protocol/messages.js';

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** Base-128 varint, written independently of protobufjs. */
function varint(value: bigint | number): string {
  let v = BigInt(value);
  let out = '';
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out += byte.toString(16).padStart(2, '0');
  } while (v > 0n);
  return out;
}
/** One length-delimited field: tag, length, payload (hex). */
function lenField(field: number, payloadHex: string): string {
  return varint((field << 3) | 2) + varint(payloadHex.length / 2) + payloadHex;
}
const str = (s: string) => Buffer.from(s, 'utf8').toString('hex');
/** A Frame with version 1, built by hand. */
function frameHex(cmd: number, seq: number, bodyHex: string): string {
  return `08 01 ${'10' + varint(cmd)} ${'18' + varint(seq)} ${lenField(4, bodyHex)}`.replace(/\s+/g, '');
}

function codecError(fn: () => unknown): CodecError {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(CodecError);
    return err as CodecError;
  }
  throw new Error('expected a CodecError');
}

const IDS = {
  zero: '0',
  one: '1',
  '2^53+1': '9007199254740993',
  '2^63-1': '9223372036854775807',
  '2^64-1': '18446744073709551615',
};
const T = 1_700_000_000_123;

function chat(id: string): ChatMessage {
  return { msgId: id, clientMsgId: `c-${id}`, fromUserId: id, toUserId: id, content: 'hello 👋', format: MsgFormat.IMAGE, createTimeMs: T };
}

/** A body for every command, with every id set to `id`. */
function bodiesWith(id: string): { [C in KnownCmd]: Bodies[C] } {
  return {
    [Cmd.AUTH_REQ]: { token: 'eyJ.tok.en', deviceId: 'phone-1', platform: 'ios' },
    [Cmd.AUTH_RESP]: { userId: id, sessionId: 's-1', heartbeatIntervalMs: 30_000, serverTimeMs: T },
    [Cmd.PING]: { clientTimeMs: T },
    [Cmd.PONG]: { clientTimeMs: T, serverTimeMs: T + 1 },
    [Cmd.C2C_SEND_REQ]: { clientMsgId: 'c-1', toUserId: id, content: 'hi', format: MsgFormat.TEXT },
    [Cmd.C2C_SEND_ACK]: { clientMsgId: 'c-1', msgId: id, serverTimeMs: T },
    [Cmd.C2C_PUSH]: { message: chat(id) },
    [Cmd.C2C_ACK]: { msgIds: [id, '1', id] },
    [Cmd.RECALL_REQ]: { msgId: id },
    [Cmd.RECALL_RESP]: { msgId: id, recallTimeMs: T },
    [Cmd.RECALL_NOTIFY]: { msgId: id, fromUserId: id, toUserId: id, recallTimeMs: T },
    [Cmd.PULL_OFFLINE_REQ]: { limit: 50, afterMsgId: id },
    [Cmd.PULL_OFFLINE_RESP]: { messages: [chat(id), chat('1')], hasMore: true },
    [Cmd.KICK]: { reason: KickReason.DUPLICATE_LOGIN, detail: 'again' },
    [Cmd.ERROR]: { code: ErrorCode.RATE_LIMITED, message: 'slow down' },
  };
}

/** Encodes the body for `cmd` from a table of bodies, keeping cmd and body types tied. */
function encodeWith<C extends KnownCmd>(cmd: C, bodies: { [K in KnownCmd]: Bodies[K] }): Uint8Array {
  return encodeFrame(cmd, 42, bodies[cmd]);
}

const ALL_CMDS = Object.keys(BODY_CODECS).map(Number) as KnownCmd[];

describe('protocol/codec', () => {
  describe('hand-built bytes', () => {
    it('decodes a PING frame: version=1 cmd=2 seq=3 body=4, Ping.client_time_ms=1', () => {
      // 1234 = 0x4d2 → varint d2 09
      const bytes = hex('08 01  10 03  18 07  22 03 08 d2 09');
      expect(decodeFrame(bytes)).to.deep.equal({ cmd: Cmd.PING, seq: 7, body: { clientTimeMs: 1234 } });
    });

    it('encodes a PING frame to exactly those bytes', () => {
      expect(toHex(encodeFrame(Cmd.PING, 7, { clientTimeMs: 1234 }))).to.equal('0801100318072203' + '08d209');
    });

    it('decodes a C2C_SEND_REQ whose fields are numbered 1 client_msg_id, 2 to_user_id, 3 content, 4 format', () => {
      const body = '0a 02 63 31' + '10 2a' + '1a 02 68 69' + '20 01';
      const bytes = hex(`08 01 10 0a 18 09 22 0c ${body}`);
      expect(decodeFrame(bytes)).to.deep.equal({
        cmd: Cmd.C2C_SEND_REQ, seq: 9, body: { clientMsgId: 'c1', toUserId: '42', content: 'hi', format: MsgFormat.TEXT },
      });
    });

    it('decodes a RECALL_REQ with msg_id 2^64-1 (ten-byte varint) to the decimal string', () => {
      const bytes = hex('08 01 10 14 18 05 22 0b 08 ff ff ff ff ff ff ff ff ff 01');
      const frame = decodeFrame(bytes);
      expect(frame).to.deep.equal({ cmd: Cmd.RECALL_REQ, seq: 5, body: { msgId: '18446744073709551615' } });
    });

    it('encodes uint64 ids from strings without a detour through number (2^53+1 stays odd)', () => {
      const bytes = encodeFrame(Cmd.RECALL_REQ, 1, { msgId: IDS['2^53+1'] });
      expect(toHex(bytes)).to.equal(frameHex(Cmd.RECALL_REQ, 1, '08' + varint(9007199254740993n)));
    });

    it('encodes C2C_SEND_ACK with client_msg_id=1 msg_id=2 server_time_ms=3', () => {
      const bytes = encodeFrame(Cmd.C2C_SEND_ACK, 300, { clientMsgId: 'c1', msgId: IDS['2^63-1'], serverTimeMs: T });
      const body = lenField(1, str('c1')) + '10' + varint(2n ** 63n - 1n) + '18' + varint(T);
      expect(toHex(bytes)).to.equal(frameHex(Cmd.C2C_SEND_ACK, 300, body));
    });

    it('decodes a C2C_PUSH whose ChatMessage fields are numbered 1..7', () => {
      const msg = '08' + varint(2n ** 62n + 5n) + lenField(2, str('cm')) + '18' + varint(7) + '20' + varint(8)
        + lenField(5, str('yo')) + '3002' + '38' + varint(T);
      const frame = decodeFrame(hex(frameHex(Cmd.C2C_PUSH, 0, lenField(1, msg))));
      expect(frame).to.deep.equal({
        cmd: Cmd.C2C_PUSH, seq: 0,
        body: { message: {
          msgId: (2n ** 62n + 5n).toString(), clientMsgId: 'cm', fromUserId: '7', toUserId: '8',
          content: 'yo', format: MsgFormat.IMAGE, createTimeMs: T,
        } },
      });
    });

    it('decodes C2C_ACK msg_ids both packed and unpacked', () => {
      const packed = lenField(1, '01' + varint(2n ** 64n - 1n));
      const unpacked = '0801' + '08' + varint(2n ** 64n - 1n);
      for (const body of [packed, unpacked]) {
        expect(decodeFrame(hex(frameHex(Cmd.C2C_ACK, 4, body))).body).to.deep.equal({ msgIds: ['1', '18446744073709551615'] });
      }
    });

    it('encodes AUTH_RESP with user_id=1 session_id=2 heartbeat_interval_ms=3 server_time_ms=4', () => {
      const bytes = encodeFrame(Cmd.AUTH_RESP, 1, { userId: '77', sessionId: 's', heartbeatIntervalMs: 30_000, serverTimeMs: T });
      const body = '08' + varint(77) + lenField(2, str('s')) + '18' + varint(30_000) + '20' + varint(T);
      expect(toHex(bytes)).to.equal(frameHex(Cmd.AUTH_RESP, 1, body));
    });

    it('encodes ERROR with code=1 message=2 and KICK with reason=1 detail=2', () => {
      expect(toHex(encodeFrame(Cmd.ERROR, 12, { code: ErrorCode.TOO_LARGE, message: 'x' })))
        .to.equal(frameHex(Cmd.ERROR, 12, '0806' + lenField(2, str('x'))));
      expect(toHex(encodeFrame(Cmd.KICK, 0, { reason: KickReason.ABUSE, detail: 'y' })))
        .to.equal(frameHex(Cmd.KICK, 0, '0805' + lenField(2, str('y'))));
    });

    it('pins the Cmd values of the wire contract', () => {
      expect({
        AUTH_REQ: Cmd.AUTH_REQ, AUTH_RESP: Cmd.AUTH_RESP, PING: Cmd.PING, PONG: Cmd.PONG,
        C2C_SEND_REQ: Cmd.C2C_SEND_REQ, C2C_SEND_ACK: Cmd.C2C_SEND_ACK, C2C_PUSH: Cmd.C2C_PUSH, C2C_ACK: Cmd.C2C_ACK,
        RECALL_REQ: Cmd.RECALL_REQ, RECALL_RESP: Cmd.RECALL_RESP, RECALL_NOTIFY: Cmd.RECALL_NOTIFY,
        PULL_OFFLINE_REQ: Cmd.PULL_OFFLINE_REQ, PULL_OFFLINE_RESP: Cmd.PULL_OFFLINE_RESP, KICK: Cmd.KICK, ERROR: Cmd.ERROR,
      }).to.deep.equal({
        AUTH_REQ: 1, AUTH_RESP: 2, PING: 3, PONG: 4, C2C_SEND_REQ: 10, C2C_SEND_ACK: 11, C2C_PUSH: 12, C2C_ACK: 13,
        RECALL_REQ: 20, RECALL_RESP: 21, RECALL_NOTIFY: 22, PULL_OFFLINE_REQ: 30, PULL_OFFLINE_RESP: 31, KICK: 98, ERROR: 99,
      });
      expect(ErrorCode.UNAUTHENTICATED).to.equal(1);
      expect(ErrorCode.UNAVAILABLE).to.equal(11);
      expect(KickReason.DUPLICATE_LOGIN).to.equal(1);
      expect(KickReason.ADMIN).to.equal(6);
      expect(MsgFormat.CUSTOM).to.equal(5);
    });

    it('accepts envelope fields in any order and skips unknown fields (forward compatibility)', () => {
      const bytes = hex('18 07  28 2a  22 03 08 d2 09  10 03  08 01  3a 02 ff ff');
      expect(decodeFrame(bytes)).to.deep.equal({ cmd: Cmd.PING, seq: 7, body: { clientTimeMs: 1234 } });
    });

    it('round-trips the largest seq (uint32 max)', () => {
      expect(decodeFrame(encodeFrame(Cmd.PING, 0xffffffff, { clientTimeMs: 1 })).seq).to.equal(0xffffffff);
    });
  });

  describe('round trip of every body', () => {
    it('covers all 15 commands', () => {
      expect(ALL_CMDS).to.have.length(15);
      expect(ALL_CMDS.every(isKnownCmd)).to.equal(true);
    });

    for (const [name, id] of Object.entries(IDS)) {
      for (const cmd of ALL_CMDS) {
        it(`${Cmd[cmd]} with ids = ${name}`, () => {
          const bodies = bodiesWith(id);
          const frame = decodeFrame(encodeWith(cmd, bodies));
          expect(frame).to.deep.equal({ cmd, seq: 42, body: bodies[cmd] });
        });
      }
    }

    it('returns ids as strings and times as numbers', () => {
      const id = IDS['2^64-1'];
      const push = decodeFrame(encodeFrame(Cmd.C2C_PUSH, 0, { message: chat(id) })) as Extract<Frame, { cmd: typeof Cmd.C2C_PUSH }>;
      expect(push.body.message.msgId).to.be.a('string').and.equal(id);
      expect(push.body.message.fromUserId).to.be.a('string');
      expect(push.body.message.createTimeMs).to.be.a('number').and.equal(T);
      const ack = decodeFrame(encodeFrame(Cmd.C2C_ACK, 1, { msgIds: [IDS['2^53+1']] })) as Extract<Frame, { cmd: typeof Cmd.C2C_ACK }>;
      expect(ack.body.msgIds[0]).to.be.a('string').and.equal('9007199254740993');
      const pong = decodeFrame(encodeFrame(Cmd.PONG, 1, { clientTimeMs: 0, serverTimeMs: T })) as Extract<Frame, { cmd: typeof Cmd.PONG }>;
      expect(pong.body).to.deep.equal({ clientTimeMs: 0, serverTimeMs: T });
    });
  });

  describe('errors', () => {
    it('truncated envelope → BAD_REQUEST with seq 0', () => {
      for (const bytes of [hex('08'), hex('08 01 10'), hex('08 01 10 03 18 07 22 05 08'), hex('08 ff ff')]) {
        const err = codecError(() => decodeFrame(bytes));
        expect(err.code, toHex(bytes)).to.equal(ErrorCode.BAD_REQUEST);
        expect(err.seq).to.equal(0);
      }
    });

    it('bad body inside a readable envelope → BAD_REQUEST with the envelope seq', () => {
      // C2CSendReq.client_msg_id says 5 bytes, has 1.
      const err = codecError(() => decodeFrame(hex('08 01 10 0a 18 07 22 03 0a 05 61')));
      expect(err.code).to.equal(ErrorCode.BAD_REQUEST);
      expect(err.seq).to.equal(7);
      // A ChatMessage inside C2C_PUSH cut short.
      const push = codecError(() => decodeFrame(hex(frameHex(Cmd.C2C_PUSH, 8, lenField(1, '08ffff')))));
      expect(push.code).to.equal(ErrorCode.BAD_REQUEST);
      expect(push.seq).to.equal(8);
    });

    it('version 0 and 2 → UNSUPPORTED_VERSION with the seq', () => {
      for (const version of [0, 2]) {
        const bytes = FrameMessage.encode({ version, cmd: Cmd.PING, seq: 11, body: new Uint8Array() }).finish();
        const err = codecError(() => decodeFrame(bytes));
        expect(err.code).to.equal(ErrorCode.UNSUPPORTED_VERSION);
        expect(err.seq).to.equal(11);
      }
      expect(PROTOCOL_VERSION).to.equal(1);
    });

    it('proto3 default: a Frame with only cmd set has version 0 → UNSUPPORTED_VERSION', () => {
      const err = codecError(() => decodeFrame(hex('10 03')));
      expect(err.code).to.equal(ErrorCode.UNSUPPORTED_VERSION);
      expect(err.seq).to.equal(0);
    });

    it('unknown cmd → UNKNOWN_CMD with the seq (also cmd 0, i.e. absent)', () => {
      for (const bytes of [hex('08 01 10 05 18 09'), hex('08 01 10 e4 00 18 09'), hex('08 01 18 09')]) {
        const err = codecError(() => decodeFrame(bytes));
        expect(err.code, toHex(bytes)).to.equal(ErrorCode.UNKNOWN_CMD);
        expect(err.seq).to.equal(9);
      }
    });

    it('over maxBytes → TOO_LARGE (checked before decoding); exactly maxBytes is fine', () => {
      const bytes = encodeFrame(Cmd.C2C_SEND_REQ, 3, { clientMsgId: 'c', toUserId: '2', content: 'x'.repeat(100), format: MsgFormat.TEXT });
      expect(decodeFrame(bytes, bytes.length).cmd).to.equal(Cmd.C2C_SEND_REQ);
      const err = codecError(() => decodeFrame(bytes, bytes.length - 1));
      expect(err.code).to.equal(ErrorCode.TOO_LARGE);
      expect(err.seq).to.equal(0);
      // Garbage over the limit is TOO_LARGE, not BAD_REQUEST: the size check comes first.
      expect(codecError(() => decodeFrame(new Uint8Array(10).fill(0xff), 5)).code).to.equal(ErrorCode.TOO_LARGE);
    });

    it('CLIENT_CMDS are the six c→s commands', () => {
      expect([...CLIENT_CMDS].sort((a, b) => a - b)).to.deep.equal([
        Cmd.AUTH_REQ, Cmd.PING, Cmd.C2C_SEND_REQ, Cmd.C2C_ACK, Cmd.RECALL_REQ, Cmd.PULL_OFFLINE_REQ,
      ]);
    });
  });

  describe('proto3 defaults (fields a stock encoder leaves out)', () => {
    const DEFAULTS: { [C in KnownCmd]: Bodies[C] } = {
      [Cmd.AUTH_REQ]: { token: '', deviceId: '', platform: '' },
      [Cmd.AUTH_RESP]: { userId: '0', sessionId: '', heartbeatIntervalMs: 0, serverTimeMs: 0 },
      [Cmd.PING]: { clientTimeMs: 0 },
      [Cmd.PONG]: { clientTimeMs: 0, serverTimeMs: 0 },
      [Cmd.C2C_SEND_REQ]: { clientMsgId: '', toUserId: '0', content: '', format: MsgFormat.MSG_FORMAT_UNSPECIFIED },
      [Cmd.C2C_SEND_ACK]: { clientMsgId: '', msgId: '0', serverTimeMs: 0 },
      // A message field absent on the wire is null (proto3 has no default for message types).
      [Cmd.C2C_PUSH]: { message: null as unknown as ChatMessage },
      [Cmd.C2C_ACK]: { msgIds: [] },
      [Cmd.RECALL_REQ]: { msgId: '0' },
      [Cmd.RECALL_RESP]: { msgId: '0', recallTimeMs: 0 },
      [Cmd.RECALL_NOTIFY]: { msgId: '0', fromUserId: '0', toUserId: '0', recallTimeMs: 0 },
      [Cmd.PULL_OFFLINE_REQ]: { limit: 0, afterMsgId: '0' },
      [Cmd.PULL_OFFLINE_RESP]: { messages: [], hasMore: false },
      [Cmd.KICK]: { reason: KickReason.KICK_REASON_UNSPECIFIED, detail: '' },
      [Cmd.ERROR]: { code: ErrorCode.ERROR_CODE_UNSPECIFIED, message: '' },
    };

    it('an empty C2C_ACK body decodes to an empty id list', () => {
      expect(decodeFrame(hex(frameHex(Cmd.C2C_ACK, 1, ''))).body).to.deep.equal({ msgIds: [] });
    });

    it('an empty body decodes to defaults for every command (ids "0")', () => {
      for (const cmd of ALL_CMDS) {
        const frame = decodeFrame(hex(frameHex(cmd, 3, '')));
        expect(frame.body, Cmd[cmd]).to.deep.equal(DEFAULTS[cmd]);
      }
    });

    it('PULL_OFFLINE_REQ with only limit on the wire has afterMsgId "0"', () => {
      const frame = decodeFrame(hex(frameHex(Cmd.PULL_OFFLINE_REQ, 2, '0814')));
      expect(frame.body).to.deep.equal({ limit: 20, afterMsgId: '0' });
    });

    it('AUTH_REQ without device_id and platform has them as ""', () => {
      const frame = decodeFrame(hex(frameHex(Cmd.AUTH_REQ, 1, lenField(1, str('tok')))));
      expect(frame.body).to.deep.equal({ token: 'tok', deviceId: '', platform: '' });
    });
  });
});
