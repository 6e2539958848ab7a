// The frame codec, tested with bytes: hand-built protobuf so that a renumbered field, a changed
// wire type or an id that passes through a number shows up here first.
import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { CodecError, decodeFrame, encodeFrame, isKnownCmd } from '../../src/protocol/codec.js';
import {
  BODY_CODECS, Cmd, ErrorCode, FrameMessage, GroupEventKind, GroupRole, KickReason, MsgFormat,
  PROTOCOL_VERSION, type Bodies, type ChatMessage, type ConvState, type Frame, type GroupInfo, type KnownCmd,
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
/** One varint field (wire type 0): tag, value (hex). */
function vField(field: number, value: bigint | number): string {
  return varint(field << 3) + varint(value);
}
const U63 = 2n ** 63n - 1n;
const U64 = 2n ** 64n - 1n;

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

/** What a ChatMessage decodes to when the Additions A fields (8..14) it lacks are absent on the wire. */
function withChatDefaults(message: ChatMessage): ChatMessage {
  return { convId: '', seq: '0', groupId: '0', recalled: false, recalledMsgId: '0', mentionUserIds: [], groupEvent: null, ...message };
}

/** A ChatMessage with every field, 1..14, set (ids = `id`). */
function chatFull(id: string): ChatMessage {
  return {
    ...chat(id), convId: `c_${id}_${id}`, seq: id, groupId: id, recalled: true, recalledMsgId: id, mentionUserIds: [id, '1', id],
    groupEvent: { kind: GroupEventKind.MEMBERS_ADDED, actorUserId: id, userIds: [id, '1'], name: 'team 👥' },
  };
}

function convFull(id: string): ConvState {
  return {
    convId: `c_1_${id}`, peerUserId: id, groupId: id, maxSeq: id, readSeq: id, peerReadSeq: id, unread: 999,
    last: chatFull(id), updateTimeMs: T, minSeq: id,
  };
}

/** The commands of the original version-1 contract (before Additions A). */
const V1_CMDS = [
  Cmd.AUTH_REQ, Cmd.AUTH_RESP, Cmd.PING, Cmd.PONG, Cmd.C2C_SEND_REQ, Cmd.C2C_SEND_ACK, Cmd.C2C_PUSH, Cmd.C2C_ACK,
  Cmd.RECALL_REQ, Cmd.RECALL_RESP, Cmd.RECALL_NOTIFY, Cmd.PULL_OFFLINE_REQ, Cmd.PULL_OFFLINE_RESP, Cmd.KICK, Cmd.ERROR,
] as const;
type V1Cmd = (typeof V1_CMDS)[number];
type V1Bodies = { [C in V1Cmd]: Bodies[C] };

/** Version-1 bodies (as an old client or an old server code path builds them), every id = `id`. */
function v1BodiesWith(id: string): V1Bodies {
  return {
    [Cmd.AUTH_REQ]: { token: 'eyJ.tok.en', deviceId: 'phone-1', platform: 'ios' },
    [Cmd.AUTH_RESP]: { userId: id, sessionId: 's-1', heartbeatIntervalMs: 30_000, serverTimeMs: T },
    [Cmd.PING]: { clientTimeMs: String(T) },
    [Cmd.PONG]: { clientTimeMs: String(T), serverTimeMs: T + 1 },
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

/** What the version-1 bodies decode to today: the same values plus the defaults of the added fields. */
function v1Decoded(id: string): V1Bodies {
  const b = v1BodiesWith(id);
  return {
    ...b,
    [Cmd.AUTH_REQ]: { ...b[Cmd.AUTH_REQ], echoOwnMessages: false },
    [Cmd.C2C_SEND_ACK]: { ...b[Cmd.C2C_SEND_ACK], convId: '', seq: '0' },
    [Cmd.C2C_PUSH]: { message: withChatDefaults(b[Cmd.C2C_PUSH].message) },
    [Cmd.RECALL_NOTIFY]: { ...b[Cmd.RECALL_NOTIFY], convId: '', seq: '0' },
    [Cmd.PULL_OFFLINE_RESP]: { ...b[Cmd.PULL_OFFLINE_RESP], messages: b[Cmd.PULL_OFFLINE_RESP].messages.map(withChatDefaults) },
  };
}

/** A body for every command with the Additions A fields set too (one ConvState has no `last`); every id and seq = `id`. */
function bodiesWith(id: string): { [C in KnownCmd]: Bodies[C] } {
  const v1 = v1BodiesWith(id);
  return {
    ...v1,
    [Cmd.AUTH_REQ]: { ...v1[Cmd.AUTH_REQ], echoOwnMessages: true },
    [Cmd.C2C_SEND_ACK]: { ...v1[Cmd.C2C_SEND_ACK], convId: `c_1_${id}`, seq: id },
    [Cmd.C2C_PUSH]: { message: chatFull(id) },
    [Cmd.RECALL_NOTIFY]: { ...v1[Cmd.RECALL_NOTIFY], convId: `c_${id}_${id}`, seq: id },
    [Cmd.PULL_OFFLINE_RESP]: { messages: [chatFull(id), chatFull('1')], hasMore: true },
    [Cmd.SYNC_REQ]: { limit: 20, pageToken: `p-${id}`, updatedAfterMs: T },
    [Cmd.SYNC_RESP]: {
      convs: [convFull(id), { ...convFull(id), convId: `g_${id}`, last: null, unread: 0 }, convFull('1')],
      nextPageToken: `n-${id}`, serverTimeMs: T + 2,
    },
    [Cmd.HISTORY_REQ]: { convId: `g_${id}`, afterSeq: id, beforeSeq: id, limit: 50 },
    [Cmd.HISTORY_RESP]: { messages: [chatFull(id), chatFull('1')], hasMore: true, minSeq: id },
    [Cmd.READ_REQ]: { convId: `c_1_${id}`, readSeq: id },
    [Cmd.READ_RESP]: { convId: `c_1_${id}`, readSeq: id, unread: 3 },
    [Cmd.READ_NOTIFY]: { convId: `c_1_${id}`, userId: id, readSeq: id },
    [Cmd.TYPING_REQ]: { convId: `c_1_${id}`, typing: true },
    [Cmd.TYPING_NOTIFY]: { convId: `c_1_${id}`, userId: id, typing: true },
    [Cmd.GROUP_SEND_REQ]: { clientMsgId: 'g-1', groupId: id, content: 'hi all', format: MsgFormat.TEXT, mentionUserIds: [id, '1'] },
    [Cmd.GROUP_SEND_ACK]: { clientMsgId: 'g-1', msgId: id, serverTimeMs: T, convId: `g_${id}`, seq: id },
    [Cmd.GROUP_PUSH]: { message: chatFull(id) },
    [Cmd.GROUP_CREATE_REQ]: { name: 'team', memberUserIds: [id, '1'], clientReqId: `r-${id}` },
    [Cmd.GROUP_CREATE_RESP]: { group: groupInfo(id) },
    [Cmd.GROUP_MEMBERS_REQ]: { groupId: id, addUserIds: [id], removeUserIds: ['1'], promoteUserIds: [id, '2'], demoteUserIds: ['3'] },
    [Cmd.GROUP_MEMBERS_RESP]: { group: groupInfo(id) },
    [Cmd.GROUP_INFO_REQ]: { groupId: id, afterUserId: id, limit: 100 },
    [Cmd.GROUP_INFO_RESP]: {
      group: groupInfo(id),
      members: [{ userId: id, role: GroupRole.GROUP_ROLE_OWNER, joinTimeMs: T }, { userId: '1', role: GroupRole.GROUP_ROLE_ADMIN, joinTimeMs: T + 1 }],
      hasMore: true,
    },
  };
}

function groupInfo(id: string): GroupInfo {
  return { groupId: id, name: 'team', ownerUserId: id, memberCount: 3, createTimeMs: T };
}

/**
 * The version-1 contract exactly as PROTOCOL.md states it (before Additions A), compiled at run time
 * with protobufjs reflection: an old client's encoder and decoder, independent of proto/ and gen/.
 */
const V1_PROTO = `
syntax = "proto3";
package im.v1;
message Frame { uint32 version = 1; Cmd cmd = 2; uint32 seq = 3; bytes body = 4; }
enum Cmd { CMD_UNSPECIFIED = 0; AUTH_REQ = 1; AUTH_RESP = 2; PING = 3; PONG = 4; C2C_SEND_REQ = 10; C2C_SEND_ACK = 11;
  C2C_PUSH = 12; C2C_ACK = 13; RECALL_REQ = 20; RECALL_RESP = 21; RECALL_NOTIFY = 22; PULL_OFFLINE_REQ = 30;
  PULL_OFFLINE_RESP = 31; KICK = 98; ERROR = 99; }
message AuthReq { string token = 1; string device_id = 2; string platform = 3; }
message AuthResp { uint64 user_id = 1; string session_id = 2; uint32 heartbeat_interval_ms = 3; int64 server_time_ms = 4; }
message Ping { int64 client_time_ms = 1; }
message Pong { int64 client_time_ms = 1; int64 server_time_ms = 2; }
message C2CSendReq { string client_msg_id = 1; uint64 to_user_id = 2; string content = 3; MsgFormat format = 4; }
message C2CSendAck { string client_msg_id = 1; uint64 msg_id = 2; int64 server_time_ms = 3; }
message C2CPush { ChatMessage message = 1; }
message C2CAck { repeated uint64 msg_ids = 1; }
message RecallReq { uint64 msg_id = 1; }
message RecallResp { uint64 msg_id = 1; int64 recall_time_ms = 2; }
message RecallNotify { uint64 msg_id = 1; uint64 from_user_id = 2; uint64 to_user_id = 3; int64 recall_time_ms = 4; }
message PullOfflineReq { uint32 limit = 1; uint64 after_msg_id = 2; }
message PullOfflineResp { repeated ChatMessage messages = 1; bool has_more = 2; }
message Kick { KickReason reason = 1; string detail = 2; }
message Error { ErrorCode code = 1; string message = 2; }
message ChatMessage {
  uint64 msg_id = 1; string client_msg_id = 2; uint64 from_user_id = 3; uint64 to_user_id = 4;
  string content = 5; MsgFormat format = 6; int64 create_time_ms = 7;
}
enum MsgFormat { MSG_FORMAT_UNSPECIFIED = 0; TEXT = 1; IMAGE = 2; FILE = 3; VOICE = 4; CUSTOM = 5; }
enum ErrorCode { ERROR_CODE_UNSPECIFIED = 0; UNAUTHENTICATED = 1; BAD_REQUEST = 2; UNSUPPORTED_VERSION = 3;
  UNKNOWN_CMD = 4; RATE_LIMITED = 5; TOO_LARGE = 6; NOT_FOUND = 7; FORBIDDEN = 8;
  RECALL_WINDOW_EXPIRED = 9; INTERNAL = 10; UNAVAILABLE = 11; }
enum KickReason { KICK_REASON_UNSPECIFIED = 0; DUPLICATE_LOGIN = 1; HEARTBEAT_TIMEOUT = 2; AUTH_EXPIRED = 3;
  SERVER_SHUTDOWN = 4; ABUSE = 5; ADMIN = 6; }
`;
const V1_ROOT = protobuf.parse(V1_PROTO).root.resolveAll();
const V1_FRAME = V1_ROOT.lookupType('im.v1.Frame');
const V1_BODY_TYPES: Record<V1Cmd, string> = {
  [Cmd.AUTH_REQ]: 'AuthReq', [Cmd.AUTH_RESP]: 'AuthResp', [Cmd.PING]: 'Ping', [Cmd.PONG]: 'Pong',
  [Cmd.C2C_SEND_REQ]: 'C2CSendReq', [Cmd.C2C_SEND_ACK]: 'C2CSendAck', [Cmd.C2C_PUSH]: 'C2CPush', [Cmd.C2C_ACK]: 'C2CAck',
  [Cmd.RECALL_REQ]: 'RecallReq', [Cmd.RECALL_RESP]: 'RecallResp', [Cmd.RECALL_NOTIFY]: 'RecallNotify',
  [Cmd.PULL_OFFLINE_REQ]: 'PullOfflineReq', [Cmd.PULL_OFFLINE_RESP]: 'PullOfflineResp', [Cmd.KICK]: 'Kick', [Cmd.ERROR]: 'Error',
};
const v1BodyType = (cmd: V1Cmd) => V1_ROOT.lookupType(`im.v1.${V1_BODY_TYPES[cmd]}`);
/** A whole frame as an old client compiled from the version-1 contract encodes it. */
function v1ClientEncode(cmd: V1Cmd, seq: number, body: object): Uint8Array {
  return V1_FRAME.encode({ version: 1, cmd, seq, body: v1BodyType(cmd).encode(body).finish() }).finish();
}

/** Encodes the body for `cmd` from a table of bodies, keeping cmd and body types tied. */
function encodeWith<C extends KnownCmd>(cmd: C, bodies: { [K in C]: Bodies[K] }): Uint8Array {
  return encodeFrame(cmd, 42, bodies[cmd]);
}

const ALL_CMDS = Object.keys(BODY_CODECS).map(Number) as KnownCmd[];

/** `body` encodes to exactly `bodyHex` (inside a hand-built frame) and those bytes decode to exactly `body`. */
function pin<C extends KnownCmd>(cmd: C, body: Bodies[C], bodyHex: string, seq = 77): void {
  expect(toHex(encodeFrame(cmd, seq, body)), `encode ${Cmd[cmd]}`).to.equal(frameHex(cmd, seq, bodyHex));
  expect(decodeFrame(hex(frameHex(cmd, seq, bodyHex))), `decode ${Cmd[cmd]}`).to.deep.equal({ cmd, seq, body });
}

/** A ChatMessage with all 14 fields set to non-default values, uint64s above 2^53 … */
const CHAT_ALL: ChatMessage = {
  msgId: IDS['2^63-1'], clientMsgId: 'cm', fromUserId: IDS['2^64-1'], toUserId: '8', content: 'yo', format: MsgFormat.RECALL,
  createTimeMs: T, convId: 'g_18446744073709551615', seq: IDS['2^64-1'], groupId: IDS['2^64-1'], recalled: true,
  recalledMsgId: IDS['2^63-1'], mentionUserIds: [IDS['2^64-1'], '1', IDS['2^63-1']],
  groupEvent: { kind: GroupEventKind.MEMBERS_ADDED, actorUserId: IDS['2^64-1'], userIds: [IDS['2^63-1'], '1'], name: 'team' },
};
const MENTIONS_HEX = varint(U64) + varint(1) + varint(U63);
const GROUP_EVENT_HEX = '0802' // 1 kind = MEMBERS_ADDED
  + '10' + varint(U64) // 2 actor_user_id
  + '1a' + varint((varint(U63) + varint(1)).length / 2) + varint(U63) + varint(1) // 3 user_ids, packed
  + '22' + varint(4) + str('team'); // 4 name
/** … and its bytes, by hand; the tags of fields 8..14 are spelled out. */
const CHAT_ALL_HEX = vField(1, U63) + lenField(2, str('cm')) + vField(3, U64) + vField(4, 8) + lenField(5, str('yo'))
  + vField(6, 16) + vField(7, T)
  + '42' + varint(22) + str('g_18446744073709551615') // 8 conv_id (string)
  + '48' + varint(U64) // 9 seq (uint64)
  + '50' + varint(U64) // 10 group_id (uint64)
  + '5801' // 11 recalled (bool)
  + '60' + varint(U63) // 12 recalled_msg_id (uint64)
  + '6a' + varint(MENTIONS_HEX.length / 2) + MENTIONS_HEX // 13 mention_user_ids (repeated uint64, packed)
  + '72' + varint(GROUP_EVENT_HEX.length / 2) + GROUP_EVENT_HEX; // 14 group_event (message)

describe('protocol/codec', () => {
  describe('hand-built bytes', () => {
    it('decodes a PING frame: version=1 cmd=2 seq=3 body=4, Ping.client_time_ms=1', () => {
      // 1234 = 0x4d2 → varint d2 09
      const bytes = hex('08 01  10 03  18 07  22 03 08 d2 09');
      expect(decodeFrame(bytes)).to.deep.equal({ cmd: Cmd.PING, seq: 7, body: { clientTimeMs: '1234' } });
    });

    it('PING and PONG carry client_time_ms as an exact decimal string for every int64 (2^63-1, -2^63, 2^53+1, 0)', () => {
      // Negative int64s are the 10-byte varint of their two's complement.
      for (const value of [2n ** 63n - 1n, -(2n ** 63n), 2n ** 53n + 1n, -(2n ** 53n) - 1n, 0n, -1n]) {
        const wire = vField(1, BigInt.asUintN(64, value));
        expect(decodeFrame(hex(frameHex(Cmd.PING, 3, wire))).body, `PING ${value}`).to.deep.equal({ clientTimeMs: value.toString() });
        const pong = encodeFrame(Cmd.PONG, 3, { clientTimeMs: value.toString(), serverTimeMs: T });
        expect(toHex(pong), `PONG ${value}`).to.equal(frameHex(Cmd.PONG, 3, wire + vField(2, T)));
        expect(decodeFrame(pong).body).to.deep.equal({ clientTimeMs: value.toString(), serverTimeMs: T });
      }
    });

    it('encodes a PING frame to exactly those bytes', () => {
      expect(toHex(encodeFrame(Cmd.PING, 7, { clientTimeMs: '1234' }))).to.equal('0801100318072203' + '08d209');
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
          convId: '', seq: '0', groupId: '0', recalled: false, recalledMsgId: '0', mentionUserIds: [], groupEvent: null,
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
      expect(decodeFrame(bytes)).to.deep.equal({ cmd: Cmd.PING, seq: 7, body: { clientTimeMs: '1234' } });
    });

    it('round-trips the largest seq (uint32 max)', () => {
      expect(decodeFrame(encodeFrame(Cmd.PING, 0xffffffff, { clientTimeMs: '1' })).seq).to.equal(0xffffffff);
    });
  });

  describe('hand-built bytes: Additions A (field numbers fixed by PROTOCOL.md)', () => {
    it('decodes ChatMessage fields 8..14 from literal bytes (fields 1..7 absent → defaults)', () => {
      // 8 conv_id "c_1", 9 seq 5, 10 group_id 6, 11 recalled, 12 recalled_msg_id 7, 13 mention_user_ids [1, 2] packed,
      // 14 group_event { kind CREATED }.
      const msg = '4203635f31' + '4805' + '5006' + '5801' + '6007' + '6a020102' + '72020801';
      expect(decodeFrame(hex(frameHex(Cmd.C2C_PUSH, 0, lenField(1, msg)))).body).to.deep.equal({ message: {
        msgId: '0', clientMsgId: '', fromUserId: '0', toUserId: '0', content: '', format: MsgFormat.MSG_FORMAT_UNSPECIFIED,
        createTimeMs: 0, convId: 'c_1', seq: '5', groupId: '6', recalled: true, recalledMsgId: '7', mentionUserIds: ['1', '2'],
        groupEvent: { kind: GroupEventKind.CREATED, actorUserId: '0', userIds: [], name: '' },
      } });
    });

    it('encodes and decodes all 14 ChatMessage fields; seq and ids of 2^63-1 / 2^64-1 stay exact decimal strings', () => {
      pin(Cmd.C2C_PUSH, { message: CHAT_ALL }, lenField(1, CHAT_ALL_HEX), 0);
      pin(Cmd.PULL_OFFLINE_RESP, { messages: [CHAT_ALL, CHAT_ALL], hasMore: true }, lenField(1, CHAT_ALL_HEX).repeat(2) + '1001');
    });

    it('accepts mention_user_ids and GroupEvent.user_ids unpacked too', () => {
      const event = '18' + varint(U63) + '1801';
      const msg = '68' + varint(U64) + '6801' + lenField(14, event);
      const push = decodeFrame(hex(frameHex(Cmd.C2C_PUSH, 0, lenField(1, msg)))) as Extract<Frame, { cmd: typeof Cmd.C2C_PUSH }>;
      expect(push.body.message.mentionUserIds).to.deep.equal([IDS['2^64-1'], '1']);
      expect(push.body.message.groupEvent).to.deep.equal({
        kind: GroupEventKind.GROUP_EVENT_KIND_UNSPECIFIED, actorUserId: '0', userIds: [IDS['2^63-1'], '1'], name: '',
      });
    });

    it('C2C_SEND_ACK: conv_id=4 (string), seq=5 (uint64)', () => {
      pin(Cmd.C2C_SEND_ACK, { clientMsgId: 'c1', msgId: IDS['2^63-1'], serverTimeMs: T, convId: 'c_1_2', seq: IDS['2^64-1'] },
        lenField(1, str('c1')) + '10' + varint(U63) + '18' + varint(T) + '22' + varint(5) + str('c_1_2') + '28' + varint(U64));
    });

    it('RECALL_NOTIFY: conv_id=5 (string), seq=6 (uint64)', () => {
      pin(Cmd.RECALL_NOTIFY, {
        msgId: IDS['2^63-1'], fromUserId: IDS['2^64-1'], toUserId: '3', recallTimeMs: T, convId: 'c_3_9', seq: IDS['2^64-1'],
      }, vField(1, U63) + vField(2, U64) + vField(3, 3) + vField(4, T) + '2a' + varint(5) + str('c_3_9') + '30' + varint(U64));
    });

    it('AUTH_REQ: echo_own_messages=4 (bool)', () => {
      pin(Cmd.AUTH_REQ, { token: 'tok', deviceId: 'd', platform: 'ios', echoOwnMessages: true },
        lenField(1, str('tok')) + lenField(2, str('d')) + lenField(3, str('ios')) + '2001');
    });

    it('SYNC_REQ: limit=1 (uint32), page_token=2 (string), updated_after_ms=3 (int64)', () => {
      pin(Cmd.SYNC_REQ, { limit: 20, pageToken: 'p', updatedAfterMs: T }, '0814' + lenField(2, str('p')) + '18' + varint(T));
    });

    it('SYNC_RESP: convs=1, next_page_token=2, server_time_ms=3; ConvState fields 1..10', () => {
      const conv: ConvState = {
        convId: 'c_1_2', peerUserId: '2', groupId: IDS['2^53+1'], maxSeq: IDS['2^64-1'], readSeq: (U64 - 1n).toString(),
        peerReadSeq: IDS['2^63-1'], unread: 999, last: CHAT_ALL, updateTimeMs: T + 9, minSeq: '1',
      };
      const convHex = lenField(1, str('c_1_2')) // 1 conv_id
        + '10' + varint(2) // 2 peer_user_id
        + '18' + varint(2n ** 53n + 1n) // 3 group_id
        + '20' + varint(U64) // 4 max_seq
        + '28' + varint(U64 - 1n) // 5 read_seq
        + '30' + varint(U63) // 6 peer_read_seq
        + '38' + varint(999) // 7 unread (uint32)
        + '42' + varint(CHAT_ALL_HEX.length / 2) + CHAT_ALL_HEX // 8 last (ChatMessage)
        + '48' + varint(T + 9) // 9 update_time_ms (int64)
        + '5001'; // 10 min_seq
      pin(Cmd.SYNC_RESP, { convs: [conv, conv], nextPageToken: 'next', serverTimeMs: T },
        lenField(1, convHex).repeat(2) + lenField(2, str('next')) + '18' + varint(T), 0);
    });

    it('HISTORY_REQ: conv_id=1, after_seq=2, before_seq=3 (uint64), limit=4 (uint32)', () => {
      pin(Cmd.HISTORY_REQ, { convId: 'g_7', afterSeq: IDS['2^64-1'], beforeSeq: IDS['2^63-1'], limit: 50 },
        lenField(1, str('g_7')) + '10' + varint(U64) + '18' + varint(U63) + '2032');
    });

    it('HISTORY_RESP: messages=1, has_more=2, min_seq=3 (uint64)', () => {
      pin(Cmd.HISTORY_RESP, { messages: [CHAT_ALL], hasMore: true, minSeq: IDS['2^64-1'] },
        lenField(1, CHAT_ALL_HEX) + '1001' + '18' + varint(U64));
    });

    it('READ_REQ (conv_id=1, read_seq=2), READ_RESP (+ unread=3), READ_NOTIFY (conv_id=1, user_id=2, read_seq=3)', () => {
      pin(Cmd.READ_REQ, { convId: 'c_1_2', readSeq: IDS['2^64-1'] }, lenField(1, str('c_1_2')) + '10' + varint(U64));
      pin(Cmd.READ_RESP, { convId: 'c_1_2', readSeq: IDS['2^63-1'], unread: 7 },
        lenField(1, str('c_1_2')) + '10' + varint(U63) + '1807');
      pin(Cmd.READ_NOTIFY, { convId: 'c_1_2', userId: IDS['2^64-1'], readSeq: IDS['2^63-1'] },
        lenField(1, str('c_1_2')) + '10' + varint(U64) + '18' + varint(U63), 0);
    });

    it('TYPING_REQ (conv_id=1, typing=2), TYPING_NOTIFY (conv_id=1, user_id=2, typing=3)', () => {
      pin(Cmd.TYPING_REQ, { convId: 'c_1_2', typing: true }, lenField(1, str('c_1_2')) + '1001');
      pin(Cmd.TYPING_NOTIFY, { convId: 'c_1_2', userId: IDS['2^64-1'], typing: true },
        lenField(1, str('c_1_2')) + '10' + varint(U64) + '1801', 0);
    });

    it('pins the Cmd values 40..48 (also as envelope bytes) and the group Cmd values 50..65', () => {
      const added = {
        SYNC_REQ: Cmd.SYNC_REQ, SYNC_RESP: Cmd.SYNC_RESP, HISTORY_REQ: Cmd.HISTORY_REQ, HISTORY_RESP: Cmd.HISTORY_RESP,
        READ_REQ: Cmd.READ_REQ, READ_RESP: Cmd.READ_RESP, READ_NOTIFY: Cmd.READ_NOTIFY,
        TYPING_REQ: Cmd.TYPING_REQ, TYPING_NOTIFY: Cmd.TYPING_NOTIFY,
      };
      expect(added).to.deep.equal({
        SYNC_REQ: 40, SYNC_RESP: 41, HISTORY_REQ: 42, HISTORY_RESP: 43, READ_REQ: 44, READ_RESP: 45, READ_NOTIFY: 46,
        TYPING_REQ: 47, TYPING_NOTIFY: 48,
      });
      // Envelope cmd byte 0x28..0x30, empty body.
      const wire = ['28', '29', '2a', '2b', '2c', '2d', '2e', '2f', '30'];
      expect(wire.map((b) => decodeFrame(hex(`08 01 10 ${b} 18 01 22 00`)).cmd)).to.deep.equal(Object.values(added));
      expect({
        GROUP_SEND_REQ: Cmd.GROUP_SEND_REQ, GROUP_SEND_ACK: Cmd.GROUP_SEND_ACK, GROUP_PUSH: Cmd.GROUP_PUSH,
        GROUP_CREATE_REQ: Cmd.GROUP_CREATE_REQ, GROUP_CREATE_RESP: Cmd.GROUP_CREATE_RESP,
        GROUP_MEMBERS_REQ: Cmd.GROUP_MEMBERS_REQ, GROUP_MEMBERS_RESP: Cmd.GROUP_MEMBERS_RESP,
        GROUP_INFO_REQ: Cmd.GROUP_INFO_REQ, GROUP_INFO_RESP: Cmd.GROUP_INFO_RESP,
      }).to.deep.equal({
        GROUP_SEND_REQ: 50, GROUP_SEND_ACK: 51, GROUP_PUSH: 52, GROUP_CREATE_REQ: 60, GROUP_CREATE_RESP: 61,
        GROUP_MEMBERS_REQ: 62, GROUP_MEMBERS_RESP: 63, GROUP_INFO_REQ: 64, GROUP_INFO_RESP: 65,
      });
    });

    it('pins MsgFormat RECALL=16 and GROUP_EVENT=17, ErrorCode LIMIT_EXCEEDED=12, GroupEventKind and GroupRole', () => {
      expect(MsgFormat.RECALL).to.equal(16);
      expect(MsgFormat.GROUP_EVENT).to.equal(17);
      expect(ErrorCode.LIMIT_EXCEEDED).to.equal(12);
      expect([GroupEventKind.GROUP_EVENT_KIND_UNSPECIFIED, GroupEventKind.CREATED, GroupEventKind.MEMBERS_ADDED,
        GroupEventKind.MEMBERS_REMOVED, GroupEventKind.MEMBER_LEFT, GroupEventKind.ROLES_CHANGED, GroupEventKind.RENAMED])
        .to.deep.equal([0, 1, 2, 3, 4, 5, 6]);
      expect([GroupRole.GROUP_ROLE_UNSPECIFIED, GroupRole.GROUP_ROLE_MEMBER, GroupRole.GROUP_ROLE_ADMIN, GroupRole.GROUP_ROLE_OWNER])
        .to.deep.equal([0, 1, 2, 3]);
      // On the wire: ChatMessage.format 0x10 / 0x11, Error.code 0x0c.
      for (const [byte, format] of [['10', MsgFormat.RECALL], ['11', MsgFormat.GROUP_EVENT]] as const) {
        const push = decodeFrame(hex(frameHex(Cmd.C2C_PUSH, 0, lenField(1, '30' + byte)))) as Extract<Frame, { cmd: typeof Cmd.C2C_PUSH }>;
        expect(push.body.message.format).to.equal(format);
      }
      pin(Cmd.ERROR, { code: ErrorCode.LIMIT_EXCEEDED, message: 'full' }, '080c' + lenField(2, str('full')));
    });
  });

  describe('version 1 compatibility (a client that knows nothing of Additions A)', () => {
    it('a version-1 PULL_OFFLINE_RESP decodes exactly as before, plus the defaults of ChatMessage fields 8..14', () => {
      const msg = '08' + varint(U63) + lenField(2, str('cm')) + '18' + varint(7) + '20' + varint(U64)
        + lenField(5, str('yo')) + '3001' + '38' + varint(T);
      const frame = decodeFrame(hex(frameHex(Cmd.PULL_OFFLINE_RESP, 6, lenField(1, msg) + '1001')));
      const v1Message: ChatMessage = {
        msgId: IDS['2^63-1'], clientMsgId: 'cm', fromUserId: '7', toUserId: IDS['2^64-1'], content: 'yo', format: MsgFormat.TEXT, createTimeMs: T,
      };
      expect(frame).to.deep.equal({ cmd: Cmd.PULL_OFFLINE_RESP, seq: 6, body: { messages: [withChatDefaults(v1Message)], hasMore: true } });
      // The same message without fields 8..14 encodes back to exactly those bytes.
      expect(toHex(encodeFrame(Cmd.PULL_OFFLINE_RESP, 6, { messages: [v1Message], hasMore: true })))
        .to.equal(frameHex(Cmd.PULL_OFFLINE_RESP, 6, lenField(1, msg) + '1001'));
    });

    it('C2C_SEND_ACK without convId/seq encodes to exactly the version-1 bytes; with them, fields 4 and 5 are appended', () => {
      const v1Body = lenField(1, str('c1')) + '10' + varint(U63) + '18' + varint(T);
      expect(toHex(encodeFrame(Cmd.C2C_SEND_ACK, 300, { clientMsgId: 'c1', msgId: IDS['2^63-1'], serverTimeMs: T })))
        .to.equal(frameHex(Cmd.C2C_SEND_ACK, 300, v1Body));
      expect(toHex(encodeFrame(Cmd.C2C_SEND_ACK, 300, { clientMsgId: 'c1', msgId: IDS['2^63-1'], serverTimeMs: T, convId: 'c_1_2', seq: '1' })))
        .to.equal(frameHex(Cmd.C2C_SEND_ACK, 300, v1Body + lenField(4, str('c_1_2')) + '2801'));
      expect(decodeFrame(hex(frameHex(Cmd.C2C_SEND_ACK, 300, v1Body))).body).to.deep.equal({
        clientMsgId: 'c1', msgId: IDS['2^63-1'], serverTimeMs: T, convId: '', seq: '0',
      });
    });

    it('RECALL_NOTIFY without convId/seq and AUTH_REQ without echoOwnMessages encode to the version-1 bytes', () => {
      const notify = vField(1, U64) + vField(2, 5) + vField(3, 6) + vField(4, T);
      expect(toHex(encodeFrame(Cmd.RECALL_NOTIFY, 0, { msgId: IDS['2^64-1'], fromUserId: '5', toUserId: '6', recallTimeMs: T })))
        .to.equal(frameHex(Cmd.RECALL_NOTIFY, 0, notify));
      expect(decodeFrame(hex(frameHex(Cmd.RECALL_NOTIFY, 0, notify))).body).to.deep.equal({
        msgId: IDS['2^64-1'], fromUserId: '5', toUserId: '6', recallTimeMs: T, convId: '', seq: '0',
      });
      const auth = lenField(1, str('tok')) + lenField(2, str('d')) + lenField(3, str('ios'));
      expect(toHex(encodeFrame(Cmd.AUTH_REQ, 1, { token: 'tok', deviceId: 'd', platform: 'ios' }))).to.equal(frameHex(Cmd.AUTH_REQ, 1, auth));
      expect(decodeFrame(hex(frameHex(Cmd.AUTH_REQ, 1, auth))).body).to.deep.equal({
        token: 'tok', deviceId: 'd', platform: 'ios', echoOwnMessages: false,
      });
    });

    it('the old client schema (PROTOCOL.md version 1, compiled at run time) is the one these tests assume', () => {
      expect(V1_ROOT.lookupType('im.v1.ChatMessage').fieldsArray.map((f) => f.id)).to.deep.equal([1, 2, 3, 4, 5, 6, 7]);
      expect(V1_ROOT.lookupType('im.v1.C2CAck').fields.msgIds!.packed).to.equal(true);
      expect(Object.keys(V1_BODY_TYPES).map(Number).sort((a, b) => a - b)).to.deep.equal([...V1_CMDS]);
    });

    for (const [name, id] of Object.entries(IDS)) {
      for (const cmd of V1_CMDS) {
        it(`old client's ${Cmd[cmd]} (ids = ${name}): decodes as before plus defaults; today's encoder writes the same bytes`, () => {
          const v1Body = v1BodiesWith(id)[cmd];
          const oldBytes = v1ClientEncode(cmd, 42, v1Body);
          expect(decodeFrame(oldBytes)).to.deep.equal({ cmd, seq: 42, body: v1Decoded(id)[cmd] });
          expect(toHex(encodeWith(cmd, v1BodiesWith(id)))).to.equal(toHex(oldBytes));
        });

        it(`old client reading today's ${Cmd[cmd]} with every new field set (ids = ${name}) sees the version-1 body`, () => {
          const envelope = V1_FRAME.decode(encodeWith(cmd, bodiesWith(id))) as unknown as
            { version: number; cmd: number; seq: number; body: Uint8Array };
          expect({ version: envelope.version, cmd: envelope.cmd, seq: envelope.seq }).to.deep.equal({ version: 1, cmd, seq: 42 });
          const type = v1BodyType(cmd);
          // protobufjs drops unknown fields, so re-encoding shows exactly what the old client understood.
          expect(toHex(type.encode(type.decode(envelope.body)).finish())).to.equal(toHex(type.encode(v1BodiesWith(id)[cmd]).finish()));
        });
      }
    }
  });

  describe('round trip of every body', () => {
    it('covers all 33 commands (the 15 of version 1, SYNC_REQ..TYPING_NOTIFY and the 9 group commands)', () => {
      expect(ALL_CMDS).to.have.length(33);
      expect(ALL_CMDS.filter((cmd) => cmd >= 40 && cmd <= 48)).to.have.length(9);
      expect(ALL_CMDS.filter((cmd) => cmd >= 50 && cmd <= 65)).to.have.length(9);
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

    it('returns ids as strings and times as numbers (but PING/PONG client_time_ms as a string)', () => {
      const id = IDS['2^64-1'];
      const push = decodeFrame(encodeFrame(Cmd.C2C_PUSH, 0, { message: chat(id) })) as Extract<Frame, { cmd: typeof Cmd.C2C_PUSH }>;
      expect(push.body.message.msgId).to.be.a('string').and.equal(id);
      expect(push.body.message.fromUserId).to.be.a('string');
      expect(push.body.message.createTimeMs).to.be.a('number').and.equal(T);
      const ack = decodeFrame(encodeFrame(Cmd.C2C_ACK, 1, { msgIds: [IDS['2^53+1']] })) as Extract<Frame, { cmd: typeof Cmd.C2C_ACK }>;
      expect(ack.body.msgIds[0]).to.be.a('string').and.equal('9007199254740993');
      const pong = decodeFrame(encodeFrame(Cmd.PONG, 1, { clientTimeMs: '0', serverTimeMs: T })) as Extract<Frame, { cmd: typeof Cmd.PONG }>;
      expect(pong.body, 'client_time_ms is the client\'s int64, echoed exactly').to.deep.equal({ clientTimeMs: '0', serverTimeMs: T });
    });

    it('returns seqs as strings too (uint64), and the Additions A times as numbers', () => {
      const id = IDS['2^64-1'];
      const push = decodeFrame(encodeFrame(Cmd.C2C_PUSH, 0, { message: chatFull(id) })) as Extract<Frame, { cmd: typeof Cmd.C2C_PUSH }>;
      expect(push.body.message.seq).to.be.a('string').and.equal(id);
      expect(push.body.message.mentionUserIds).to.deep.equal([id, '1', id]);
      expect(push.body.message.groupEvent?.actorUserId).to.be.a('string').and.equal(id);
      const sync = decodeFrame(encodeWith(Cmd.SYNC_RESP, bodiesWith(IDS['2^63-1']))) as Extract<Frame, { cmd: typeof Cmd.SYNC_RESP }>;
      const conv = sync.body.convs[0]!;
      for (const seq of [conv.maxSeq, conv.readSeq, conv.peerReadSeq, conv.minSeq]) expect(seq).to.be.a('string').and.equal(IDS['2^63-1']);
      expect(conv.updateTimeMs).to.be.a('number').and.equal(T);
      expect(sync.body.serverTimeMs).to.be.a('number').and.equal(T + 2);
      const history = decodeFrame(encodeFrame(Cmd.HISTORY_REQ, 1, { convId: 'g_1', afterSeq: IDS['2^53+1'], beforeSeq: '0', limit: 0 }));
      expect(history.body).to.deep.equal({ convId: 'g_1', afterSeq: '9007199254740993', beforeSeq: '0', limit: 0 });
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
  });

  describe('proto3 defaults (fields a stock encoder leaves out)', () => {
    const DEFAULTS: { [C in KnownCmd]: Bodies[C] } = {
      [Cmd.AUTH_REQ]: { token: '', deviceId: '', platform: '', echoOwnMessages: false },
      [Cmd.AUTH_RESP]: { userId: '0', sessionId: '', heartbeatIntervalMs: 0, serverTimeMs: 0 },
      [Cmd.PING]: { clientTimeMs: '0' },
      [Cmd.PONG]: { clientTimeMs: '0', serverTimeMs: 0 },
      [Cmd.C2C_SEND_REQ]: { clientMsgId: '', toUserId: '0', content: '', format: MsgFormat.MSG_FORMAT_UNSPECIFIED },
      [Cmd.C2C_SEND_ACK]: { clientMsgId: '', msgId: '0', serverTimeMs: 0, convId: '', seq: '0' },
      // A message field absent on the wire is null (proto3 has no default for message types).
      [Cmd.C2C_PUSH]: { message: null as unknown as ChatMessage },
      [Cmd.C2C_ACK]: { msgIds: [] },
      [Cmd.RECALL_REQ]: { msgId: '0' },
      [Cmd.RECALL_RESP]: { msgId: '0', recallTimeMs: 0 },
      [Cmd.RECALL_NOTIFY]: { msgId: '0', fromUserId: '0', toUserId: '0', recallTimeMs: 0, convId: '', seq: '0' },
      [Cmd.PULL_OFFLINE_REQ]: { limit: 0, afterMsgId: '0' },
      [Cmd.PULL_OFFLINE_RESP]: { messages: [], hasMore: false },
      [Cmd.SYNC_REQ]: { limit: 0, pageToken: '', updatedAfterMs: 0 },
      [Cmd.SYNC_RESP]: { convs: [], nextPageToken: '', serverTimeMs: 0 },
      [Cmd.HISTORY_REQ]: { convId: '', afterSeq: '0', beforeSeq: '0', limit: 0 },
      [Cmd.HISTORY_RESP]: { messages: [], hasMore: false, minSeq: '0' },
      [Cmd.READ_REQ]: { convId: '', readSeq: '0' },
      [Cmd.READ_RESP]: { convId: '', readSeq: '0', unread: 0 },
      [Cmd.READ_NOTIFY]: { convId: '', userId: '0', readSeq: '0' },
      [Cmd.TYPING_REQ]: { convId: '', typing: false },
      [Cmd.TYPING_NOTIFY]: { convId: '', userId: '0', typing: false },
      [Cmd.GROUP_SEND_REQ]: { clientMsgId: '', groupId: '0', content: '', format: MsgFormat.MSG_FORMAT_UNSPECIFIED, mentionUserIds: [] },
      [Cmd.GROUP_SEND_ACK]: { clientMsgId: '', msgId: '0', serverTimeMs: 0, convId: '', seq: '0' },
      [Cmd.GROUP_PUSH]: { message: null as unknown as ChatMessage },
      [Cmd.GROUP_CREATE_REQ]: { name: '', memberUserIds: [], clientReqId: '' },
      [Cmd.GROUP_CREATE_RESP]: { group: null as unknown as GroupInfo },
      [Cmd.GROUP_MEMBERS_REQ]: { groupId: '0', addUserIds: [], removeUserIds: [], promoteUserIds: [], demoteUserIds: [] },
      [Cmd.GROUP_MEMBERS_RESP]: { group: null as unknown as GroupInfo },
      [Cmd.GROUP_INFO_REQ]: { groupId: '0', afterUserId: '0', limit: 0 },
      [Cmd.GROUP_INFO_RESP]: { group: null as unknown as GroupInfo, members: [], hasMore: false },
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
      expect(frame.body).to.deep.equal({ token: 'tok', deviceId: '', platform: '', echoOwnMessages: false });
    });

    it('an empty ChatMessage decodes to the defaults of all 14 fields (group_event null)', () => {
      const frame = decodeFrame(hex(frameHex(Cmd.C2C_PUSH, 0, lenField(1, ''))));
      expect(frame.body).to.deep.equal({ message: {
        msgId: '0', clientMsgId: '', fromUserId: '0', toUserId: '0', content: '', format: MsgFormat.MSG_FORMAT_UNSPECIFIED,
        createTimeMs: 0, convId: '', seq: '0', groupId: '0', recalled: false, recalledMsgId: '0', mentionUserIds: [], groupEvent: null,
      } });
    });

    it('an empty ConvState decodes to the defaults of all 10 fields (last null), an empty GroupEvent to its defaults', () => {
      expect(decodeFrame(hex(frameHex(Cmd.SYNC_RESP, 0, lenField(1, '')))).body).to.deep.equal({
        convs: [{
          convId: '', peerUserId: '0', groupId: '0', maxSeq: '0', readSeq: '0', peerReadSeq: '0', unread: 0,
          last: null, updateTimeMs: 0, minSeq: '0',
        }],
        nextPageToken: '', serverTimeMs: 0,
      });
      const push = decodeFrame(hex(frameHex(Cmd.C2C_PUSH, 0, lenField(1, lenField(14, ''))))) as Extract<Frame, { cmd: typeof Cmd.C2C_PUSH }>;
      expect(push.body.message.groupEvent).to.deep.equal({
        kind: GroupEventKind.GROUP_EVENT_KIND_UNSPECIFIED, actorUserId: '0', userIds: [], name: '',
      });
    });
  });

  describe('strict decoding: what the protobufjs reader lets through is BAD_REQUEST', () => {
    const SEQ = 7;
    /** A hand-built frame around `bodyHex`, which may be spaced for reading. */
    const frameOf = (cmd: number, bodyHex: string) => frameHex(cmd, SEQ, bodyHex.replace(/\s+/g, ''));
    /** The same bytes as the gateway gets them (a Buffer: protobufjs's BufferReader) and as a plain Uint8Array. */
    const both = (h: string): Uint8Array[] => [Buffer.from(h.replace(/\s+/g, ''), 'hex'), hex(h)];
    /** A frame whose envelope is fine and whose body is `bodyHex`. */
    const badBody = (cmd: number, bodyHex: string, why: string) => {
      for (const bytes of both(frameOf(cmd, bodyHex))) {
        const err = codecError(() => decodeFrame(bytes));
        expect(err.code, `${why} (${bytes.constructor.name} ${toHex(bytes)})`).to.equal(ErrorCode.BAD_REQUEST);
        expect(err.seq, why).to.equal(SEQ);
      }
    };
    const badEnvelope = (envelopeHex: string, why: string) => {
      for (const bytes of both(envelopeHex)) {
        const err = codecError(() => decodeFrame(bytes));
        expect(err.code, `${why} (${bytes.constructor.name} ${toHex(bytes)})`).to.equal(ErrorCode.BAD_REQUEST);
        expect(err.seq, why).to.equal(0);
      }
    };
    const goodBody = (cmd: number, bodyHex: string, why: string) => {
      for (const bytes of both(frameOf(cmd, bodyHex))) {
        expect(() => decodeFrame(bytes), `${why} (${bytes.constructor.name})`).not.to.throw();
      }
    };
    /** A varint of exactly `n` bytes holding `value` (padded with 0x80 continuation bytes). */
    const paddedVarint = (value: number, n: number) => {
      const bytes = Buffer.from(varint(value), 'hex');
      const out = [...bytes];
      out[out.length - 1]! |= 0x80;
      while (out.length < n - 1) out.push(0x80);
      out.push(0x00);
      return Buffer.from(out).toString('hex');
    };
    const HUGE = [2n ** 31n, 2n ** 32n - 1n, 2n ** 32n + 1n, 2n ** 32n + 3n, 2n ** 63n, U64];

    it('a string whose length runs past the end of the body (protobufjs cuts a Buffer\'s string short)', () => {
      badBody(Cmd.C2C_SEND_REQ, '0a 05 61', 'client_msg_id says 5 bytes, has 1');
      badBody(Cmd.AUTH_REQ, lenField(1, str('tok')) + '12 09 70 68 6f 6e 65', 'device_id says 9, has 5');
      // Inside a ChatMessage: the string ends past the message although the body goes on.
      badBody(Cmd.C2C_PUSH, '0a 03 2a 05 61' + '0a 00', 'ChatMessage.content runs past its message');
      badBody(Cmd.SYNC_RESP, '0a 03 0a 05 63' + '12 02 6e 6e', 'ConvState.conv_id runs past its message');
    });

    it('length prefixes of 2^31 … 2^64-1 (protobufjs takes the low 32 bits or clamps)', () => {
      for (const n of HUGE) {
        const len = varint(n);
        badBody(Cmd.C2C_SEND_REQ, `0a ${len} 61 1a 01 62`, `string length ${n}`);
        badBody(Cmd.C2C_PUSH, `0a ${len} 08 01`, `ChatMessage length ${n}`);
        badBody(Cmd.C2C_ACK, `0a ${len} 01 02`, `packed msg_ids length ${n}`);
        badBody(Cmd.PING, `12 ${len} 61 08 01`, `unknown field length ${n}`);
        badEnvelope(`08 01 10 03 18 07 22 ${len} 61`, `body length ${n}`);
      }
    });

    it('varints longer than 10 bytes or over 64 bits, and padded 32-bit varints that protobufjs misreads', () => {
      badBody(Cmd.RECALL_REQ, '08 ff ff ff ff ff ff ff ff ff 02', '10th byte 0x02: a 65th bit');
      badBody(Cmd.RECALL_REQ, '08 ff ff ff ff ff ff ff ff ff 7f', '10th byte 0x7f');
      badBody(Cmd.RECALL_REQ, '08 ff ff ff ff ff ff ff ff ff ff 01', '11 bytes');
      badBody(Cmd.PING, '08 80 80 80 80 80 80 80 80 80 80 00', '11 bytes for int64');
      badBody(Cmd.PING, '10 ff ff ff ff ff ff ff ff ff 7f', 'unknown varint field over 64 bits');
      // uint32 `limit`: protobufjs reads 5 bytes, then skips 5 more unread, so after_msg_id (field 2) vanished.
      badBody(Cmd.PULL_OFFLINE_REQ, `08 ${paddedVarint(1, 6)} 10 05 10 07`, 'six-byte uint32');
      badBody(Cmd.PULL_OFFLINE_REQ, '08 ff ff ff ff 1f', 'uint32 of 2^33-1 in five bytes');
      badBody(Cmd.PULL_OFFLINE_REQ, `08 ${varint(2n ** 40n)}`, 'uint32 of 2^40');
      badBody(Cmd.KICK, `08 ${varint(2n ** 63n)}`, 'an enum of 10 bytes that is not a negative int32');
      badEnvelope(`08 01 10 03 18 ${paddedVarint(7, 7)} 22 00`, 'seq padded to 7 bytes');
      badEnvelope(`${paddedVarint(1, 6)} 10 03`, 'a tag of 6 bytes');
      badEnvelope(`${varint(2n ** 32n + 8n)} 01 10 03`, 'a tag over 32 bits');
    });

    it('accepts the varints a stock encoder writes: 2^64-1 in 10 bytes, a negative enum sign-extended, padding within 5 bytes', () => {
      expect(decodeFrame(hex(frameOf(Cmd.RECALL_REQ, '08 ff ff ff ff ff ff ff ff ff 01'))).body).to.deep.equal({ msgId: IDS['2^64-1'] });
      expect(decodeFrame(hex(frameOf(Cmd.KICK, '08 ff ff ff ff ff ff ff ff ff 01'))).body).to.deep.equal({ reason: -1, detail: '' });
      expect(decodeFrame(hex(frameOf(Cmd.PULL_OFFLINE_REQ, `08 ${paddedVarint(20, 5)} 10 05`))).body).to.deep.equal({ limit: 20, afterMsgId: '5' });
      expect(decodeFrame(hex(frameOf(Cmd.RECALL_REQ, `08 ${paddedVarint(9, 10)}`))).body).to.deep.equal({ msgId: '9' });
      expect(decodeFrame(hex(frameOf(Cmd.PULL_OFFLINE_REQ, '08 ff ff ff ff 0f'))).body).to.deep.equal({ limit: 0xffffffff, afterMsgId: '0' });
    });

    it('truncated varints, tags and lengths (protobufjs ends a 64-bit varint where the last four bytes do)', () => {
      for (let n = 1; n <= 9; n++) {
        badBody(Cmd.RECALL_REQ, '08' + 'ff'.repeat(n), `uint64 cut after ${n} bytes`);
        badBody(Cmd.PING, '08' + 'ff'.repeat(n), `int64 cut after ${n} bytes`);
      }
      badBody(Cmd.C2C_PUSH, lenField(1, '08ffffff'), 'uint64 cut at the end of a ChatMessage');
      badBody(Cmd.C2C_ACK, '0a 03 ff ff ff', 'packed msg_ids: the last varint runs past the packed length');
      badBody(Cmd.C2C_ACK, '0a 01 ff 01', 'packed msg_ids: a varint crosses the packed length');
      badBody(Cmd.PING, '88', 'a tag cut short');
      badBody(Cmd.C2C_SEND_REQ, '0a 80', 'a length cut short');
      badEnvelope('08 01 10 03 18', 'no seq after its tag');
      badEnvelope('08 01 10 03 18 07 22', 'no body length');
    });

    it('known fields with the wrong wire type (protobufjs reads a field by its number alone)', () => {
      badBody(Cmd.C2C_SEND_REQ, '08 03 61 62 63', 'client_msg_id (string) as a varint');
      badBody(Cmd.RECALL_REQ, '09 01 02 03 04 05 06 07 08', 'msg_id (uint64) as fixed64');
      badBody(Cmd.RECALL_REQ, '0d 01 02 03 04', 'msg_id (uint64) as fixed32');
      badBody(Cmd.TYPING_REQ, lenField(1, str('c_1_2')) + '12 01 01', 'typing (bool) as length-delimited');
      badBody(Cmd.C2C_PUSH, '08 05', 'message (ChatMessage) as a varint');
      badBody(Cmd.C2C_ACK, '0d 01 02 03 04', 'msg_ids (repeated uint64) as fixed32');
      badBody(Cmd.PING, '0e 05', 'client_time_ms with wire type 6');
      badEnvelope('08 01 10 03 18 07 20 00', 'body (bytes) as a varint');
      badEnvelope('0a 01 01 10 03', 'version as length-delimited');
    });

    it('groups (wire types 3 and 4, not in proto3), wire types 6 and 7, field number 0', () => {
      badBody(Cmd.PING, '13 08 01 14 08 05', 'an unknown field as a well-formed group');
      badBody(Cmd.PING, '13 08 01 24 08 05', 'a group whose end names another field');
      badBody(Cmd.PING, '14 08 05', 'a lone end-group');
      badBody(Cmd.PING, '0b 05', 'client_time_ms as a start-group');
      badBody(Cmd.PING, '16 08 05', 'wire type 6');
      badBody(Cmd.PING, '17 08 05', 'wire type 7');
      badBody(Cmd.PING, '00 05 08 07', 'field 0');
      badEnvelope('08 01 10 03 18 07 22 00 2b 2c', 'a group in the envelope');
    });

    it('skips well-formed unknown fields of wire types 0, 1, 2 and 5 (forward compatibility)', () => {
      const unknown = vField(20, U64) + 'a9 01' + '0102030405060708' + lenField(22, 'ffff') + 'b5 01' + '01020304';
      expect(decodeFrame(hex(frameOf(Cmd.RECALL_REQ, unknown + vField(1, 5)))).body).to.deep.equal({ msgId: '5' });
      expect(decodeFrame(hex(`${unknown}0801101418${varint(SEQ)}${lenField(4, vField(1, 5))}`)).seq).to.equal(SEQ);
    });

    it('strings that are not UTF-8 (protobufjs replaces or drops the bytes)', () => {
      const INVALID = {
        'a 0xff byte': '61 ff 62', 'a lone continuation byte': '61 80 62', 'an overlong encoding of NUL': 'c0 80',
        'an overlong three-byte form': 'e0 80 af', 'a surrogate (U+D800)': 'ed a0 80', 'above U+10FFFF': 'f4 90 80 80',
        'a sequence cut by the end of the string': 'e2 82',
      };
      for (const [why, bytes] of Object.entries(INVALID)) {
        const s = bytes.replace(/\s+/g, '');
        badBody(Cmd.C2C_SEND_REQ, lenField(3, s) + lenField(1, str('c1')), `content: ${why}`);
        badBody(Cmd.AUTH_REQ, lenField(1, s), `token: ${why}`);
        badBody(Cmd.C2C_PUSH, lenField(1, lenField(5, s)), `ChatMessage.content: ${why}`);
        badBody(Cmd.SYNC_RESP, lenField(1, lenField(8, lenField(14, lenField(4, s)))), `GroupEvent.name inside ConvState.last: ${why}`);
      }
      goodBody(Cmd.C2C_SEND_REQ, lenField(3, str('ascii, é, 世界, 👋, U+10FFFF \u{10ffff}')), 'valid UTF-8 of every length');
    });

    describe('every field of every body, from proto/im/v1/im.proto: its own wire type only', () => {
      const root = protobuf.loadSync(fileURLToPath(new URL('../../proto/im/v1/im.proto', import.meta.url))).resolveAll();
      const WIRE_PAYLOAD: Record<number, string> = { 0: '01', 1: '0102030405060708', 2: '00', 3: '', 4: '', 5: '01020304', 6: '00', 7: '00' };
      const tagOf = (field: number, wire: number) => varint((field << 3) | wire);

      /** Walks `type`'s fields (into embedded messages), calling `visit` with the field and a wrapper into the body. */
      function walk(type: protobuf.Type, wrap: (inner: string) => string, path: string,
        visit: (field: protobuf.Field, wrap: (inner: string) => string, path: string) => void): void {
        for (const field of type.fieldsArray) {
          visit(field, wrap, `${path}.${field.name}`);
          if (field.resolvedType instanceof protobuf.Type) {
            walk(field.resolvedType, (inner) => wrap(lenField(field.id, inner)), `${path}.${field.name}`, visit);
          }
        }
      }

      for (const cmd of ALL_CMDS) {
        const typeName = (BODY_CODECS[cmd] as unknown as { getTypeUrl(prefix: string): string }).getTypeUrl('').slice(1);
        it(`${Cmd[cmd]} (${typeName})`, () => {
          walk(root.lookupType(typeName), (inner) => inner, typeName, (field, wrap, path) => {
            const isMessage = field.resolvedType instanceof protobuf.Type;
            const is64 = ['uint64', 'int64'].includes(field.type);
            const isString = field.type === 'string';
            const allowed = isMessage || isString ? [2] : field.repeated ? [0, 2] : [0];
            for (let wire = 0; wire < 8; wire++) {
              const bytes = tagOf(field.id, wire) + WIRE_PAYLOAD[wire];
              if (allowed.includes(wire) && (wire === 0 || isMessage)) goodBody(cmd, wrap(bytes), `${path} wire type ${wire}`);
              else if (!allowed.includes(wire)) badBody(cmd, wrap(bytes), `${path} with wire type ${wire}`);
            }
            if (isString) {
              goodBody(cmd, wrap(lenField(field.id, str('é'))), `${path} UTF-8`);
              badBody(cmd, wrap(lenField(field.id, 'ff')), `${path} not UTF-8`);
            } else if (!isMessage) {
              const max = tagOf(field.id, 0) + (is64 ? varint(U64) : varint(2n ** 32n - 1n));
              goodBody(cmd, wrap(max), `${path} at its largest`);
              const padded = wrap(tagOf(field.id, 0) + paddedVarint(1, 6));
              if (is64) goodBody(cmd, padded, `${path} varint of 6 bytes`);
              else badBody(cmd, padded, `${path} varint of 6 bytes`);
              if (field.repeated) goodBody(cmd, wrap(lenField(field.id, varint(U64) + varint(1))), `${path} packed`);
            }
          });
        });
      }
    });
  });
});
