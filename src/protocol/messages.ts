// Typed bodies of every command. 64-bit ids are decimal strings; times are milliseconds (number).
import generated from './gen/im.js';
import type { Id } from '../ids/id.js';

const v1 = generated.im.v1;
export const Cmd = v1.Cmd;
export type Cmd = generated.im.v1.Cmd;
export const ErrorCode = v1.ErrorCode;
export type ErrorCode = generated.im.v1.ErrorCode;
export const KickReason = v1.KickReason;
export type KickReason = generated.im.v1.KickReason;
export const MsgFormat = v1.MsgFormat;
export type MsgFormat = generated.im.v1.MsgFormat;
export const GroupRole = v1.GroupRole;
export type GroupRole = generated.im.v1.GroupRole;
export const GroupEventKind = v1.GroupEventKind;
export type GroupEventKind = generated.im.v1.GroupEventKind;

export const PROTOCOL_VERSION = 1;

export type { Id };
/** A uint64 conversation sequence number, as a canonical decimal string ("0" when absent). */
export type Seq = string;

export interface GroupEvent {
  kind: GroupEventKind;
  actorUserId: Id;
  userIds: Id[];
  name: string;
}

export interface ChatMessage {
  msgId: Id;
  clientMsgId: string;
  fromUserId: Id;
  toUserId: Id;
  content: string;
  format: MsgFormat;
  createTimeMs: number;
  // Additions A. Optional so that version-1 code paths may leave them out (proto3 defaults).
  convId?: string;
  seq?: Seq;
  groupId?: Id;
  recalled?: boolean;
  recalledMsgId?: Id;
  mentionUserIds?: Id[];
  groupEvent?: GroupEvent | null;
}

export interface ConvState {
  convId: string;
  peerUserId: Id;
  groupId: Id;
  maxSeq: Seq;
  readSeq: Seq;
  peerReadSeq: Seq;
  unread: number;
  last: ChatMessage | null;
  updateTimeMs: number;
  minSeq: Seq;
}

export interface GroupInfo {
  groupId: Id;
  name: string;
  ownerUserId: Id;
  memberCount: number;
  createTimeMs: number;
}

export interface GroupMember {
  userId: Id;
  role: GroupRole;
  joinTimeMs: number;
}

export interface Bodies {
  [Cmd.AUTH_REQ]: { token: string; deviceId: string; platform: string; echoOwnMessages?: boolean };
  [Cmd.AUTH_RESP]: { userId: Id; sessionId: string; heartbeatIntervalMs: number; serverTimeMs: number };
  // The client's own int64, echoed exactly: a decimal string like ids (a number rounds above 2^53).
  [Cmd.PING]: { clientTimeMs: string };
  [Cmd.PONG]: { clientTimeMs: string; serverTimeMs: number };
  [Cmd.C2C_SEND_REQ]: { clientMsgId: string; toUserId: Id; content: string; format: MsgFormat };
  [Cmd.C2C_SEND_ACK]: { clientMsgId: string; msgId: Id; serverTimeMs: number; convId?: string; seq?: Seq };
  [Cmd.C2C_PUSH]: { message: ChatMessage };
  [Cmd.C2C_ACK]: { msgIds: Id[] };
  [Cmd.RECALL_REQ]: { msgId: Id };
  [Cmd.RECALL_RESP]: { msgId: Id; recallTimeMs: number };
  [Cmd.RECALL_NOTIFY]: { msgId: Id; fromUserId: Id; toUserId: Id; recallTimeMs: number; convId?: string; seq?: Seq };
  [Cmd.PULL_OFFLINE_REQ]: { limit: number; afterMsgId: Id };
  [Cmd.PULL_OFFLINE_RESP]: { messages: ChatMessage[]; hasMore: boolean };
  [Cmd.SYNC_REQ]: { limit: number; pageToken: string; updatedAfterMs: number };
  [Cmd.SYNC_RESP]: { convs: ConvState[]; nextPageToken: string; serverTimeMs: number };
  [Cmd.HISTORY_REQ]: { convId: string; afterSeq: Seq; beforeSeq: Seq; limit: number };
  [Cmd.HISTORY_RESP]: { messages: ChatMessage[]; hasMore: boolean; minSeq: Seq };
  [Cmd.READ_REQ]: { convId: string; readSeq: Seq };
  [Cmd.READ_RESP]: { convId: string; readSeq: Seq; unread: number };
  [Cmd.READ_NOTIFY]: { convId: string; userId: Id; readSeq: Seq };
  [Cmd.TYPING_REQ]: { convId: string; typing: boolean };
  [Cmd.TYPING_NOTIFY]: { convId: string; userId: Id; typing: boolean };
  [Cmd.GROUP_SEND_REQ]: { clientMsgId: string; groupId: Id; content: string; format: MsgFormat; mentionUserIds: Id[] };
  [Cmd.GROUP_SEND_ACK]: { clientMsgId: string; msgId: Id; serverTimeMs: number; convId: string; seq: Seq };
  [Cmd.GROUP_PUSH]: { message: ChatMessage };
  [Cmd.GROUP_CREATE_REQ]: { name: string; memberUserIds: Id[]; clientReqId: string };
  [Cmd.GROUP_CREATE_RESP]: { group: GroupInfo };
  [Cmd.GROUP_MEMBERS_REQ]: { groupId: Id; addUserIds: Id[]; removeUserIds: Id[]; promoteUserIds: Id[]; demoteUserIds: Id[] };
  [Cmd.GROUP_MEMBERS_RESP]: { group: GroupInfo };
  [Cmd.GROUP_INFO_REQ]: { groupId: Id; afterUserId: Id; limit: number };
  [Cmd.GROUP_INFO_RESP]: { group: GroupInfo; members: GroupMember[]; hasMore: boolean };
  [Cmd.KICK]: { reason: KickReason; detail: string };
  [Cmd.ERROR]: { code: ErrorCode; message: string };
}

export type KnownCmd = keyof Bodies & Cmd;

/** A decoded frame whose body matches its cmd. */
export type Frame = { [C in KnownCmd]: { cmd: C; seq: number; body: Bodies[C] } }[KnownCmd];
export type FrameOf<C extends KnownCmd> = { cmd: C; seq: number; body: Bodies[C] };

interface BodyCodec {
  encode(message: object): { finish(): Uint8Array };
  decode(bytes: Uint8Array): object;
}

export const BODY_CODECS: Record<KnownCmd, BodyCodec> = {
  [Cmd.AUTH_REQ]: v1.AuthReq,
  [Cmd.AUTH_RESP]: v1.AuthResp,
  [Cmd.PING]: v1.Ping,
  [Cmd.PONG]: v1.Pong,
  [Cmd.C2C_SEND_REQ]: v1.C2CSendReq,
  [Cmd.C2C_SEND_ACK]: v1.C2CSendAck,
  [Cmd.C2C_PUSH]: v1.C2CPush,
  [Cmd.C2C_ACK]: v1.C2CAck,
  [Cmd.RECALL_REQ]: v1.RecallReq,
  [Cmd.RECALL_RESP]: v1.RecallResp,
  [Cmd.RECALL_NOTIFY]: v1.RecallNotify,
  [Cmd.PULL_OFFLINE_REQ]: v1.PullOfflineReq,
  [Cmd.PULL_OFFLINE_RESP]: v1.PullOfflineResp,
  [Cmd.SYNC_REQ]: v1.SyncReq,
  [Cmd.SYNC_RESP]: v1.SyncResp,
  [Cmd.HISTORY_REQ]: v1.HistoryReq,
  [Cmd.HISTORY_RESP]: v1.HistoryResp,
  [Cmd.READ_REQ]: v1.ReadReq,
  [Cmd.READ_RESP]: v1.ReadResp,
  [Cmd.READ_NOTIFY]: v1.ReadNotify,
  [Cmd.TYPING_REQ]: v1.TypingReq,
  [Cmd.TYPING_NOTIFY]: v1.TypingNotify,
  [Cmd.GROUP_SEND_REQ]: v1.GroupSendReq,
  [Cmd.GROUP_SEND_ACK]: v1.GroupSendAck,
  [Cmd.GROUP_PUSH]: v1.GroupPush,
  [Cmd.GROUP_CREATE_REQ]: v1.GroupCreateReq,
  [Cmd.GROUP_CREATE_RESP]: v1.GroupCreateResp,
  [Cmd.GROUP_MEMBERS_REQ]: v1.GroupMembersReq,
  [Cmd.GROUP_MEMBERS_RESP]: v1.GroupMembersResp,
  [Cmd.GROUP_INFO_REQ]: v1.GroupInfoReq,
  [Cmd.GROUP_INFO_RESP]: v1.GroupInfoResp,
  [Cmd.KICK]: v1.Kick,
  [Cmd.ERROR]: v1.Error,
};

export const FrameMessage = v1.Frame;
