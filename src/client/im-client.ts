// The typed client SDK: one logged-in WebSocket session at a time, requests matched to replies by
// seq, pushes deduplicated by msg_id and acked in batches, heartbeat, and reconnect with backoff.
// Conversation entries are delivered once and in seq order per conversation: gaps are filled with
// HISTORY, and after every login SYNC + HISTORY catch up on what the connection missed. Groups go
// through the same tracking; their pushes are live only (never re-sent), so HISTORY is the only
// way back to an entry that did not arrive.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import { decodeFrame, encodeFrame } from '../protocol/codec.js';
import {
  Cmd, ErrorCode, GroupEventKind, KickReason, MsgFormat,
  type Bodies, type ChatMessage, type ConvState, type Frame, type GroupEvent, type GroupInfo, type GroupMember,
  type Id, type KnownCmd, type Seq,
} from '../protocol/messages.js';
import { AckBatcher } from './ack-batcher.js';
import { backoffDelay, type BackoffOptions } from './backoff.js';
import { ConversationTracker, hasSeq } from './conversation-tracker.js';
import { ImError } from './im-error.js';
import { PendingRequests } from './pending-requests.js';
import { RecentIds } from './recent-ids.js';
import { TypingThrottle } from './typing-throttle.js';

export type AuthResp = Bodies[typeof Cmd.AUTH_RESP];
export type RecallResp = Bodies[typeof Cmd.RECALL_RESP];
export type RecallNotify = Bodies[typeof Cmd.RECALL_NOTIFY];
export type PullOfflineResp = Bodies[typeof Cmd.PULL_OFFLINE_RESP];
export type Kick = Bodies[typeof Cmd.KICK];
export type SyncResp = Bodies[typeof Cmd.SYNC_RESP];
export type HistoryResp = Bodies[typeof Cmd.HISTORY_RESP];
export type ReadResp = Bodies[typeof Cmd.READ_RESP];
export type ReadNotify = Bodies[typeof Cmd.READ_NOTIFY];
export type TypingNotify = Bodies[typeof Cmd.TYPING_NOTIFY];
export type GroupSendAck = Bodies[typeof Cmd.GROUP_SEND_ACK];
export type GroupInfoResp = Bodies[typeof Cmd.GROUP_INFO_RESP];
export type { ConvState, GroupEvent, GroupInfo, GroupMember };

/** A GROUP_EVENT entry (format MsgFormat.GROUP_EVENT): `groupEvent` says what changed. */
export type GroupEventMessage = ChatMessage & { groupEvent: GroupEvent };

/** The conv_id of a group's conversation (PROTOCOL.md: `g_<group_id>`), for history(), markRead() and typing(). */
export function groupConvId(groupId: Id): string {
  return `g_${groupId}`;
}

export interface ImClientOptions {
  /** ws://host:port/ws */
  url: string;
  /**
   * A JWT, or a token provider: a function asked before every login (the first and each
   * reconnect) for a fresh token. With a provider, KICK AUTH_EXPIRED reconnects with a new token;
   * with a fixed token it stops the client, since the same token would be refused.
   */
  token: string | (() => string | Promise<string>);
  /** One session per (user, deviceId); default '' (the server's "default" device). */
  deviceId?: string;
  /** Informational; default ''. */
  platform?: string;
  /** Ack every push and pulled message automatically; default true. */
  autoAck?: boolean;
  /** Reconnect after an unexpected close; default true. */
  reconnect?: boolean;
  /** Limit for a login and for each request, ms; default 10000. */
  requestTimeoutMs?: number;
  /** Reconnect delays, ms; default { initialMs: 500, maxMs: 30000 }. */
  backoff?: Partial<BackoffOptions>;
  /** AuthReq.echo_own_messages: messages this user sends from other sessions are pushed here too; default false. */
  echoOwnMessages?: boolean;
  /**
   * Per-conversation seq tracking: gap fill with HISTORY, SYNC + HISTORY catch-up after every
   * login; default true. false: pushes are emitted as they come, deduplicated by msg_id only
   * (the version-1 behaviour, for gateways without Additions A).
   */
  catchUp?: boolean;
}

export interface SendOptions {
  /** Default TEXT. */
  format?: MsgFormat;
  /** Idempotency key; default a random UUID. */
  clientMsgId?: string;
}

export interface SendResult {
  msgId: Id;
  clientMsgId: string;
  serverTimeMs: number;
  /** The message's conversation and seq in it; present when the gateway names them. */
  convId?: string;
  seq?: Seq;
}

export interface CreateGroupOptions {
  /**
   * Idempotency key: the gateway answers a key it has seen from this user with the group it
   * created then, instead of creating another one. Default a random UUID.
   */
  clientReqId?: string;
}

/** User ids to change in one GROUP_MEMBERS_REQ; every list defaults to empty. */
export interface MembersChange {
  add?: Id[];
  remove?: Id[];
  /** Make admins (the owner only). */
  promote?: Id[];
  /** Make plain members again (the owner only). */
  demote?: Id[];
}

export interface GroupInfoOptions {
  /** Cursor: the last user_id of the previous page; default '0' (first page). */
  afterUserId?: Id;
  /** Page size; default 0 (the server's default). */
  limit?: number;
}

export interface GroupSendOptions {
  /** Default TEXT. */
  format?: MsgFormat;
  /** Users the message names (user ids, at most the gateway's groups.maxMentions); carried to every member and the MQ event. */
  mentionUserIds?: Id[];
  /** Idempotency key; default a random UUID. */
  clientMsgId?: string;
}

export interface PullOptions {
  /** Page size; default 0 (the server's default). */
  limit?: number;
  /** Cursor: the last msg_id of the previous page; default '0' (first page). */
  afterMsgId?: Id;
}

export interface SyncOptions {
  /** Page size; default 0 (the server's default, 100). */
  limit?: number;
  /** next_page_token of the previous page; default '' (first page). */
  pageToken?: string;
  /** Only conversations changed strictly after this server time, ms; default 0 (all). */
  updatedAfterMs?: number;
}

export interface HistoryOptions {
  /** > 0: the entries above it (catching up). */
  afterSeq?: Seq;
  /** > 0 (and no afterSeq): the `limit` entries just below it (scrolling back). Neither: the latest. */
  beforeSeq?: Seq;
  /** Default 0 (the server's default, 50). */
  limit?: number;
}

export interface ClientStats {
  /** Messages the server acked (send() or sendGroup() resolved). */
  sent: number;
  /** Distinct messages received: emitted as `message` or `groupMessage` (pushed, or fetched to fill a gap) or pulled. */
  received: number;
  /** Pushes of a msg_id, or of a conversation seq, seen before (still acked). */
  duplicatesDropped: number;
  /** HISTORY requests the client made on its own, to fill gaps and to catch up after a login. */
  historyFetches: number;
  /** Successful logins after the first one. */
  reconnects: number;
  /** Round trip of the last PING/PONG; null before the first PONG. */
  lastRttMs: number | null;
}

export interface ImClientEvents {
  /**
   * A one-to-one entry not seen before (group entries come as `groupMessage` only, so that
   * handlers written for one-to-one chat never see them). Entries with conv_id and seq come once
   * each and in seq order per conversation, pushed or fetched by the client to fill a gap,
   * including recall tombstones (format MsgFormat.RECALL, recalledMsgId naming the recalled
   * message, content empty) and, from HISTORY, originals already recalled (recalled = true,
   * content empty). Messages this client sent itself (send() resolved) are not emitted.
   */
  message: [ChatMessage];
  /**
   * A group entry not seen before, once each and in seq order per group, pushed (GROUP_PUSH) or
   * fetched with HISTORY to fill a gap or to catch up after a login: messages (groupId set,
   * toUserId '0'), recall tombstones (format MsgFormat.RECALL) and membership, role and name
   * changes (format MsgFormat.GROUP_EVENT, `groupEvent` set), this user's own changes included.
   * Messages this client sent itself (sendGroup() resolved) are not emitted. Never acked: group
   * pushes need no C2C_ACK.
   */
  groupMessage: [ChatMessage];
  /** Right after the `groupMessage` of a GROUP_EVENT entry, the same entry, for listeners that only want those. */
  groupEvent: [GroupEventMessage];
  /** RECALL_NOTIFY (one-to-one only), as before; the tombstone itself follows as a `message`. Group recalls come as a tombstone `groupMessage`. */
  recall: [RecallNotify];
  /** Someone's read position moved: the peer's, or this user's on another device. */
  read: [ReadNotify];
  /** Ephemeral: another participant started or stopped typing. */
  typing: [TypingNotify];
  /** The server is closing the session; `disconnected` follows. */
  kick: [Kick];
  /** Failures no caller is waiting for: stray ERROR frames, undecodable frames, failed reconnects. */
  error: [Error];
  /** Every login, the first one and each reconnect. */
  connected: [AuthResp];
  /** Exactly once after each `connected`; code 1000 after close(). */
  disconnected: [{ code: number; reason: string }];
  /** A reconnect is scheduled; `attempt` counts from 1 since the last successful login. */
  reconnecting: [{ attempt: number; delayMs: number }];
}

/** Kicks after which logging in again is expected to work; any other reason stops the client. */
const RECONNECT_AFTER_KICK: ReadonlySet<KickReason> = new Set([
  KickReason.HEARTBEAT_TIMEOUT, KickReason.SERVER_SHUTDOWN, KickReason.SLOW_CONSUMER,
]);

/** Login refusals on reconnect that backing off can outlast; any other refusal stops the client. */
const RETRY_LOGIN_AFTER: ReadonlySet<ErrorCode> = new Set([ErrorCode.RATE_LIMITED, ErrorCode.UNAVAILABLE]);

/** Heartbeat ticks without a single frame from the server before the socket counts as dead (the server's own rule). */
const SILENT_TICKS = 3;

const MAX_SEQ = 0xffff_ffff;

/**
 * GROUP_PUSH frames kept while a login's catch-up SYNC is answered (see onPush); past this they
 * go to the tracker as they come, as without the hold.
 */
const MAX_HELD_AT_LOGIN = 10_000;

/** Group msg ids whose group recall() can look up (about 100 bytes each). */
const MAX_REMEMBERED_GROUP_ENTRIES = 10_000;

/**
 * The catch-up SYNC after a login asks for conversations updated after the previous one's
 * server time minus this, covering clock differences between gateway nodes and commits that
 * were in flight while that SYNC was answered.
 */
const SYNC_MARGIN_MS = 60_000;

/**
 * idle: never connected. login: socket opening or AUTH_REQ sent. ready: logged in.
 * waiting: reconnect scheduled. closed: close() called, or the client gave up.
 */
type Phase = 'idle' | 'login' | 'ready' | 'waiting' | 'closed';

interface PendingLogin {
  resolve(resp: AuthResp): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

export class ImClient extends EventEmitter<ImClientEvents> {
  private readonly url: string;
  private readonly token: ImClientOptions['token'];
  private readonly deviceId: string;
  private readonly platform: string;
  private readonly autoAck: boolean;
  private readonly reconnect: boolean;
  private readonly requestTimeoutMs: number;
  private readonly backoff: BackoffOptions;
  private readonly echoOwnMessages: boolean;
  private readonly catchUp: boolean;

  private readonly pending: PendingRequests;
  private readonly recent = new RecentIds();
  private readonly acks = new AckBatcher((msgIds) => this.write(Cmd.C2C_ACK, { msgIds }));
  private readonly counters: ClientStats = { sent: 0, received: 0, duplicatesDropped: 0, historyFetches: 0, reconnects: 0, lastRttMs: null };
  private readonly tracker = new ConversationTracker(this.recent, {
    fetch: (convId, afterSeq, limit) => this.fetchAfter(convId, afterSeq, limit),
    deliver: (message) => this.deliver(message),
    canFetch: () => this.phase === 'ready',
    onError: (err) => this.emitError(err),
  });
  private readonly typingThrottle = new TypingThrottle((convId, typing) => this.write(Cmd.TYPING_REQ, { convId, typing }));

  private phase: Phase = 'idle';
  private ws: WebSocket | null = null;
  private login: PendingLogin | null = null;
  private socketError: Error | null = null;
  private kickReason: KickReason | null = null;
  private seq = 0;
  private attempt = 0;
  private loggedInBefore = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private framesIn = 0;
  private framesAtTick = 0;
  private silentTicks = 0;
  /** The logged-in user, from the last AUTH_RESP. */
  private userId: Id | null = null;
  /** server_time_ms of the last complete catch-up SYNC; null before the first. */
  private lastSyncMs: number | null = null;
  /**
   * Pushes of groups not tracked yet, arrived while this login's catch-up SYNC is in flight; null
   * outside it. SYNC decides where such a group starts, which the first push must not decide.
   */
  private loginHold: Array<ChatMessage & { convId: string; seq: Seq }> | null = null;
  /**
   * This login's catch-up SYNC listed every group of the user and each is tracked: a group whose
   * push finds no tracking now is one the user joined since (or created on another device).
   */
  private groupsListed = false;
  /**
   * msg_id → conv_id of group entries seen lately (sent, delivered, read with history()): a
   * RECALL_RESP names neither, and the recalling session gets no push of its tombstone.
   */
  private readonly groupOfMsg = new Map<Id, string>();

  constructor(options: ImClientOptions) {
    super();
    this.url = options.url;
    this.token = options.token;
    this.deviceId = options.deviceId ?? '';
    this.platform = options.platform ?? '';
    this.autoAck = options.autoAck ?? true;
    this.reconnect = options.reconnect ?? true;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.backoff = { initialMs: options.backoff?.initialMs ?? 500, maxMs: options.backoff?.maxMs ?? 30_000 };
    this.pending = new PendingRequests(this.requestTimeoutMs);
    this.echoOwnMessages = options.echoOwnMessages ?? false;
    this.catchUp = options.catchUp ?? true;
  }

  /** Live counters (not a copy). */
  get stats(): Readonly<ClientStats> {
    return this.counters;
  }

  /**
   * Opens the socket and logs in. Rejects with ImError: kind 'server' for an ERROR reply (e.g.
   * UNAUTHENTICATED), 'disconnected' or 'timeout' otherwise; a failed first login is not retried.
   * Add `message` listeners before calling: pending messages are pushed right after the login.
   */
  async connect(): Promise<AuthResp> {
    if (this.phase !== 'idle' && this.phase !== 'closed') throw new Error(`connect() while ${this.phase}`);
    this.phase = 'login';
    this.attempt = 0;
    this.loggedInBefore = false;
    try {
      return await this.logIn();
    } catch (err) {
      if (this.phase === 'login') this.stop(toImError(err));
      throw err;
    }
  }

  /**
   * Sends one message. A send waiting for its ack when the connection drops (or started while
   * reconnecting) is written again with the same client_msg_id after the next login, so the server
   * returns the original msg_id; requestTimeoutMs bounds the whole wait.
   */
  send(toUserId: Id, content: string, options: SendOptions = {}): Promise<SendResult> {
    const clientMsgId = options.clientMsgId ?? randomUUID();
    const body = { clientMsgId, toUserId, content, format: options.format ?? MsgFormat.TEXT };
    return this.request(Cmd.C2C_SEND_REQ, body, Cmd.C2C_SEND_ACK, true).then((ack) => {
      this.counters.sent++;
      const result: SendResult = { msgId: ack.msgId, clientMsgId, serverTimeMs: ack.serverTimeMs };
      if (ack.convId && ack.seq !== undefined && ack.seq !== '0') {
        result.convId = ack.convId;
        result.seq = ack.seq;
        // The application has its own message: the conversation moves past it without a `message`.
        if (this.catchUp) this.tracker.seen(ack.convId, ack.seq, ack.msgId);
      }
      return result;
    });
  }

  /**
   * Recalls a message: one-to-one (the sender, within the recall window) or in a group (the
   * sender, the group's owner or an admin, within the same window). One-to-one, `recall` follows
   * (RECALL_NOTIFY) and the tombstone comes as `message`. In a group there is no RECALL_NOTIFY:
   * the tombstone (format MsgFormat.RECALL) comes as `groupMessage`, here too when this client
   * has seen the recalled message (it then fetches the tombstone, which is not pushed to the
   * session that made it), otherwise with the group's next entry. Rejects with ImError:
   * NOT_FOUND, FORBIDDEN, RECALL_WINDOW_EXPIRED.
   */
  recall(msgId: Id): Promise<RecallResp> {
    return this.request(Cmd.RECALL_REQ, { msgId }, Cmd.RECALL_RESP, false).then((resp) => {
      const convId = this.groupOfMsg.get(msgId);
      if (convId !== undefined && this.catchUp) this.tracker.refresh(convId);
      return resp;
    });
  }

  /**
   * One page of undelivered messages, as the server sent it. Their ids are remembered so that a
   * later push of the same message is not emitted, and with autoAck they are acked.
   */
  async pullOffline(options: PullOptions = {}): Promise<PullOfflineResp> {
    const body = { limit: options.limit ?? 0, afterMsgId: options.afterMsgId ?? '0' };
    const page = await this.request(Cmd.PULL_OFFLINE_REQ, body, Cmd.PULL_OFFLINE_RESP, false);
    for (const message of page.messages) {
      if (!this.recent.has(message.msgId)) this.counters.received++;
      if (this.catchUp && hasSeq(message)) this.tracker.seen(message.convId, message.seq, message.msgId);
      else this.recent.add(message.msgId);
      if (this.autoAck) this.acks.add(message.msgId);
    }
    return page;
  }

  /** One page of the conversation list, latest activity first (PROTOCOL.md behaviour 10). */
  sync(options: SyncOptions = {}): Promise<SyncResp> {
    const body = { limit: options.limit ?? 0, pageToken: options.pageToken ?? '', updatedAfterMs: options.updatedAfterMs ?? 0 };
    return this.request(Cmd.SYNC_REQ, body, Cmd.SYNC_RESP, false);
  }

  /**
   * Every page of sync() in one list. serverTimeMs is the first page's, so that a later
   * syncAll(serverTimeMs - margin) misses nothing that changed while paging.
   */
  async syncAll(updatedAfterMs = 0): Promise<SyncResp> {
    const convs: ConvState[] = [];
    let serverTimeMs: number | null = null;
    let pageToken = '';
    do {
      const page = await this.sync({ pageToken, updatedAfterMs });
      serverTimeMs ??= page.serverTimeMs;
      convs.push(...page.convs);
      pageToken = page.nextPageToken;
    } while (pageToken !== '');
    return { convs, nextPageToken: '', serverTimeMs };
  }

  /**
   * Entries of one conversation by seq, ascending (PROTOCOL.md behaviour 11), as the server sent
   * them: for scrolling back. It does not emit `message` nor move the client's seq tracking.
   */
  history(convId: string, options: HistoryOptions = {}): Promise<HistoryResp> {
    const body = { convId, afterSeq: options.afterSeq ?? '0', beforeSeq: options.beforeSeq ?? '0', limit: options.limit ?? 0 };
    return this.request(Cmd.HISTORY_REQ, body, Cmd.HISTORY_RESP, false).then((page) => {
      for (const message of page.messages) if (isGroupEntry(message) && message.convId) this.rememberGroupEntry(message.msgId, message.convId);
      return page;
    });
  }

  /** Stores this user's read position (it only moves forward); other devices and the peer get `read`. */
  markRead(convId: string, readSeq: Seq): Promise<ReadResp> {
    return this.request(Cmd.READ_REQ, { convId, readSeq }, Cmd.READ_RESP, false);
  }

  /**
   * Tells the other participants that this user is (or stopped) typing, in a one-to-one
   * conversation or a group (`groupConvId(groupId)`; the gateway relays it only in groups of at
   * most its configured size). No reply. At most one TYPING_REQ per conversation per 3.5 s (the
   * gateway drops more than one per 3 s): a repeat is dropped, a change waits for the interval
   * and only the latest state is sent. Without a connection it does nothing.
   */
  typing(convId: string, typing: boolean): void {
    if (this.phase === 'ready') this.typingThrottle.typing(convId, typing);
  }

  /**
   * Creates a group owned by this user, with `memberUserIds` as its first members (this user need
   * not be listed; duplicates are ignored). Resolves with the group as created.
   *
   * Retry-safe: the request carries `clientReqId`, and the gateway answers a key it has seen from
   * this user with the group it made then. A create waiting for its reply when the connection
   * drops (or started while reconnecting) is written again with the same key after the next
   * login, so a lost reply never makes a second group; requestTimeoutMs bounds the whole wait.
   * Pass your own key to stay safe across a restart of the application.
   *
   * Its CREATED entry (seq 1) follows as `groupMessage`; the client fetches it, since the session
   * that made an entry gets no push of it. Rejects with ImError: LIMIT_EXCEEDED for more members
   * than the gateway allows, BAD_REQUEST for an invalid name.
   */
  createGroup(name: string, memberUserIds: readonly Id[], options: CreateGroupOptions = {}): Promise<GroupInfo> {
    const body = { name, memberUserIds: [...memberUserIds], clientReqId: options.clientReqId ?? randomUUID() };
    return this.request(Cmd.GROUP_CREATE_REQ, body, Cmd.GROUP_CREATE_RESP, true).then(({ group }) => {
      if (this.catchUp) {
        // Tracked from its very beginning: CREATED is seq 1, and the creating session gets no
        // push of it, so it is fetched.
        this.tracker.track(groupConvId(group.groupId), '0', '1');
      }
      return group;
    });
  }

  /**
   * Adds, removes, promotes and demotes members in one request (PROTOCOL.md behaviour 14): the
   * owner and admins add and remove, only the owner promotes and demotes, the owner cannot be
   * removed, any member may remove itself (see leaveGroup()). Users already in the state asked
   * for are skipped; an empty change changes nothing. Resolves with the group after the change.
   *
   * Each change becomes a GROUP_EVENT entry of the group, emitted as `groupMessage` (fetched
   * right after the reply, since the acting session gets no push of its own changes).
   * Rejects with ImError: FORBIDDEN (not allowed for this user's role, or not a member),
   * NOT_FOUND (no such group), LIMIT_EXCEEDED (the group would be too large). Not written again
   * after a reconnect: a repeat may not mean the same once others changed the group meanwhile,
   * so a request cut off by a disconnect rejects with kind 'disconnected' and groupInfo() tells
   * whether it was applied.
   */
  updateMembers(groupId: Id, change: MembersChange): Promise<GroupInfo> {
    const body = {
      groupId,
      addUserIds: [...(change.add ?? [])],
      removeUserIds: [...(change.remove ?? [])],
      promoteUserIds: [...(change.promote ?? [])],
      demoteUserIds: [...(change.demote ?? [])],
    };
    return this.request(Cmd.GROUP_MEMBERS_REQ, body, Cmd.GROUP_MEMBERS_RESP, false).then(({ group }) => {
      if (this.catchUp) this.tracker.refresh(groupConvId(groupId));
      return group;
    });
  }

  /**
   * Leaves the group: updateMembers() removing this user. The owner can leave only as the last
   * member (else FORBIDDEN). The MEMBER_LEFT entry is the last `groupMessage` of this group; the
   * conversation stays readable with history() up to it. Resolves with the group after the change.
   */
  leaveGroup(groupId: Id): Promise<GroupInfo> {
    if (this.userId === null) return Promise.reject(ImError.local('closed', 'leaveGroup() before the first login'));
    return this.updateMembers(groupId, { remove: [this.userId] });
  }

  /**
   * The group and one page of its current members, ascending by user id (as unsigned 64-bit
   * integers); `hasMore` says whether another page follows (pass the last userId as
   * `afterUserId`). Rejects with ImError NOT_FOUND for no such group.
   */
  groupInfo(groupId: Id, options: GroupInfoOptions = {}): Promise<GroupInfoResp> {
    const body = { groupId, afterUserId: options.afterUserId ?? '0', limit: options.limit ?? 0 };
    return this.request(Cmd.GROUP_INFO_REQ, body, Cmd.GROUP_INFO_RESP, false);
  }

  /**
   * Every current member, paging groupInfo() until `hasMore` is false. A member added or removed
   * while paging may be missing or still listed, as with any cursor over a changing list.
   */
  async groupMembers(groupId: Id): Promise<GroupMember[]> {
    const members: GroupMember[] = [];
    let afterUserId: Id = '0';
    for (;;) {
      const page = await this.groupInfo(groupId, { afterUserId });
      members.push(...page.members);
      if (!page.hasMore) return members;
      const last = page.members.at(-1);
      // An empty page that claims more would repeat itself forever.
      if (last === undefined) throw new Error(`GROUP_INFO_RESP of group ${groupId} after user ${afterUserId}: has_more without members`);
      afterUserId = last.userId;
    }
  }

  /**
   * Sends one message to a group this user is a member of; resolves once it is stored, with its
   * msg_id and its seq in the group's conversation (the group moves past it without a
   * `groupMessage`). Like send(): a send waiting for its ack when the connection drops (or
   * started while reconnecting) is written again with the same client_msg_id after the next
   * login, and the gateway returns the original entry; requestTimeoutMs bounds the whole wait.
   * Rejects with ImError: FORBIDDEN (not a member), NOT_FOUND (no such group), TOO_LARGE,
   * RATE_LIMITED.
   */
  sendGroup(groupId: Id, content: string, options: GroupSendOptions = {}): Promise<GroupSendAck> {
    const clientMsgId = options.clientMsgId ?? randomUUID();
    const body = { clientMsgId, groupId, content, format: options.format ?? MsgFormat.TEXT, mentionUserIds: [...(options.mentionUserIds ?? [])] };
    return this.request(Cmd.GROUP_SEND_REQ, body, Cmd.GROUP_SEND_ACK, true).then((ack) => {
      this.counters.sent++;
      if (ack.convId) this.rememberGroupEntry(ack.msgId, ack.convId);
      if (this.catchUp && ack.convId && ack.seq !== '0') this.tracker.seen(ack.convId, ack.seq, ack.msgId);
      return ack;
    });
  }

  /**
   * Confirms delivery (for autoAck: false), batched with other acks of this event-loop turn.
   * Without a connection it does nothing: the server pushes unacked messages again after login.
   */
  ack(msgIds: readonly Id[]): void {
    for (const msgId of msgIds) this.acks.add(msgId);
  }

  /**
   * Ends the session for good: sends the acks collected so far, closes with 1000, rejects every
   * waiting request (kind 'closed') and cancels all timers. Resolves once the socket is closed.
   */
  close(): Promise<void> {
    if (this.phase === 'idle' || this.phase === 'closed') return Promise.resolve();
    const wasReady = this.phase === 'ready';
    if (wasReady) this.acks.flush();
    const ws = this.ws;
    this.ws = null;
    const socketClosed = ws && ws.readyState !== WebSocket.CLOSED
      ? new Promise<void>((resolve) => ws.once('close', () => resolve()))
      : Promise.resolve();
    ws?.close(1000);
    const err = ImError.local('closed', 'client closed');
    this.failLogin(err);
    this.stop(err);
    if (wasReady) this.emit('disconnected', { code: 1000, reason: 'closed by client' });
    return socketClosed;
  }

  private request<C extends KnownCmd, R extends KnownCmd>(cmd: C, body: Bodies[C], reply: R, resend: boolean): Promise<Bodies[R]> {
    const ready = this.phase === 'ready';
    const reconnecting = this.phase === 'login' || this.phase === 'waiting';
    if (!ready && !(resend && reconnecting)) {
      return Promise.reject(reconnecting
        ? ImError.local('disconnected', `${Cmd[cmd]} while reconnecting`)
        : ImError.local('closed', `${Cmd[cmd]} while not connected`));
    }
    const seq = this.nextSeq();
    const frame = encodeFrame(cmd, seq, body);
    const replied = this.pending.add(seq, reply, frame, resend);
    if (ready) this.ws?.send(frame);
    return replied;
  }

  /** Fire-and-forget frames (PING, C2C_ACK); dropped without a logged-in connection. */
  private write<C extends KnownCmd>(cmd: C, body: Bodies[C]): void {
    if (this.phase === 'ready') this.ws?.send(encodeFrame(cmd, this.nextSeq(), body));
  }

  /** 1 … 2^32-1, skipping seqs still waiting for a reply (a send can outlive a wrap-around). */
  private nextSeq(): number {
    do this.seq = this.seq >= MAX_SEQ ? 1 : this.seq + 1;
    while (this.pending.has(this.seq));
    return this.seq;
  }

  /** One login attempt; on failure the caller decides between retrying and giving up. */
  private async logIn(): Promise<AuthResp> {
    const token = typeof this.token === 'function' ? await this.token() : this.token;
    if (this.phase !== 'login') throw ImError.local('closed', 'client closed during login');
    this.kickReason = null;
    this.socketError = null;
    return new Promise<AuthResp>((resolve, reject) => {
      // The gateway never negotiates compression, and small protobuf frames gain little from it.
      const ws = new WebSocket(this.url, { perMessageDeflate: false });
      this.ws = ws;
      const timer = setTimeout(
        () => this.failLogin(ImError.local('timeout', `no AUTH_RESP within ${this.requestTimeoutMs} ms`)),
        this.requestTimeoutMs,
      );
      this.login = { resolve, reject, timer };
      // Events of a socket this client has already let go of (closed, timed out) are ignored.
      ws.on('open', () => {
        if (ws !== this.ws) return;
        const body = { token, deviceId: this.deviceId, platform: this.platform, echoOwnMessages: this.echoOwnMessages };
        ws.send(encodeFrame(Cmd.AUTH_REQ, this.nextSeq(), body));
      });
      // binaryType is the default 'nodebuffer', so binary data is one Buffer.
      ws.on('message', (data, isBinary) => {
        if (ws === this.ws) this.onMessage(data as Buffer, isBinary);
      });
      ws.on('close', (code, reason) => {
        if (ws === this.ws) this.onClose(code, reason.toString());
      });
      // 'close' follows every 'error'; keep the cause for the login failure message.
      ws.on('error', (err) => {
        if (ws === this.ws) this.socketError = err;
      });
    });
  }

  private succeedLogin(resp: AuthResp): void {
    const login = this.login;
    if (!login) return;
    clearTimeout(login.timer);
    this.login = null;
    this.phase = 'ready';
    this.attempt = 0;
    if (this.loggedInBefore) this.counters.reconnects++;
    this.loggedInBefore = true;
    if (this.userId !== null && this.userId !== resp.userId) {
      // Another user's token: nothing this client tracked applies any more.
      this.tracker.reset();
      this.lastSyncMs = null;
    }
    this.userId = resp.userId;
    this.groupsListed = false;
    this.startHeartbeat(resp.heartbeatIntervalMs);
    for (const frame of this.pending.resendable()) this.ws?.send(frame);
    login.resolve(resp);
    this.emit('connected', resp);
    if (this.catchUp && this.phase === 'ready') void this.catchUpAfterLogin();
  }

  /**
   * SYNC of what changed since the last catch-up (everything the first time), then HISTORY for
   * every tracked conversation whose max_seq is above what was delivered. One-to-one
   * conversations this client has not delivered anything of yet are left alone: they start with
   * their first entry, and the gateway pushes their undelivered messages itself. Groups have no
   * such re-push, so every group SYNC lists is tracked from groupStart() on.
   */
  private async catchUpAfterLogin(): Promise<void> {
    const updatedAfterMs = this.lastSyncMs === null ? 0 : Math.max(0, this.lastSyncMs - SYNC_MARGIN_MS);
    const hold: Array<ChatMessage & { convId: string; seq: Seq }> = [];
    this.loginHold = hold;
    try {
      const all = await this.syncAll(updatedAfterMs);
      for (const conv of all.convs) {
        if (isGroupConv(conv)) this.tracker.track(conv.convId, groupStart(conv), conv.maxSeq, false);
        this.tracker.known(conv.convId, conv.maxSeq, false);
      }
      this.lastSyncMs = all.serverTimeMs;
      this.groupsListed = true;
    } catch (err) {
      const error = toImError(err);
      if (error.kind === 'disconnected' || error.kind === 'closed') return;
      this.emitError(error);
    }
    this.releaseHold(hold);
    await this.tracker.catchUp();
  }

  /** Hands the pushes held during the catch-up SYNC to the tracker, in arrival order. */
  private releaseHold(hold: Array<ChatMessage & { convId: string; seq: Seq }>): void {
    // Dropped with its connection (the next login's SYNC covers those groups) or released already.
    if (this.loginHold !== hold) return;
    this.loginHold = null;
    for (const message of hold) this.track(message);
  }

  private failLogin(err: Error): void {
    const login = this.login;
    if (!login) return;
    clearTimeout(login.timer);
    this.login = null;
    const ws = this.ws;
    this.ws = null;
    ws?.terminate();
    login.reject(err);
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    this.framesIn++;
    if (!isBinary) {
      this.emitError(new Error('ignored a text message from the server'));
      return;
    }
    let frame: Frame;
    try {
      frame = decodeFrame(data);
    } catch (err) {
      this.emitError(err as Error);
      return;
    }
    switch (frame.cmd) {
      case Cmd.AUTH_RESP:
        this.succeedLogin(frame.body);
        return;
      case Cmd.ERROR:
        if (this.login) this.failLogin(new ImError(frame.body.code, frame.body.message));
        else if (!this.pending.settle(frame)) this.emitError(new ImError(frame.body.code, frame.body.message));
        return;
      case Cmd.PONG:
        this.counters.lastRttMs = Date.now() - Number(frame.body.clientTimeMs);
        return;
      case Cmd.C2C_PUSH:
      case Cmd.GROUP_PUSH:
        this.onPush(frame.body.message);
        return;
      case Cmd.RECALL_NOTIFY:
        this.emit('recall', frame.body);
        // The tombstone is an entry of the conversation: fetch it so that it follows in order.
        if (this.catchUp && frame.body.convId && frame.body.seq !== undefined && frame.body.seq !== '0') {
          this.tracker.known(frame.body.convId, frame.body.seq);
        }
        return;
      case Cmd.READ_NOTIFY:
        this.emit('read', frame.body);
        return;
      case Cmd.TYPING_NOTIFY:
        this.emit('typing', frame.body);
        return;
      case Cmd.KICK:
        this.kickReason = frame.body.reason;
        this.emit('kick', frame.body);
        return;
      default:
        this.pending.settle(frame);
    }
  }

  private onPush(message: ChatMessage): void {
    if (this.catchUp && hasSeq(message)) {
      const hold = this.loginHold;
      if (hold !== null && isGroupEntry(message) && this.tracker.lastSeq(message.convId) === null) {
        if (hold.length < MAX_HELD_AT_LOGIN) {
          hold.push(message);
          return;
        }
        this.releaseHold(hold);
      }
      this.track(message);
    } else if (this.recent.add(message.msgId)) {
      this.deliver(message);
    } else {
      this.duplicate(message);
    }
  }

  /** A live entry with a seq, into its conversation's order. */
  private track(message: ChatMessage & { convId: string; seq: Seq }): void {
    if (isGroupEntry(message) && this.tracker.lastSeq(message.convId) === null) this.startGroup(message);
    // A held push (waiting for a gap fill) is acked only once it is emitted: if this client
    // goes away first, the server still holds it as undelivered.
    if (this.tracker.live(message) === 'duplicate') this.duplicate(message);
  }

  /**
   * Tracking for a group first seen through a push. GROUP_PUSH comes in seq order, so a group
   * always starts at a definite seq: anything older turning up later would only break the order.
   * Which seq: a group new since this login's SYNC is wholly new to the user, so from the first
   * entry it may read (its own CREATED, made on another device, was not pushed here without
   * echo); unless this entry is that first one (CREATED, or the MEMBERS_ADDED naming this user).
   * Without a complete SYNC the group may be old: it starts at this entry.
   */
  private startGroup(message: ChatMessage & { convId: string; seq: Seq }): void {
    const seq = BigInt(message.seq);
    const event = message.format === MsgFormat.GROUP_EVENT ? message.groupEvent : null;
    const joinsHere = seq === 1n || (event?.kind === GroupEventKind.MEMBERS_ADDED && this.userId !== null && event.userIds.includes(this.userId));
    const after = this.groupsListed && !joinsHere ? 0n : seq - 1n;
    this.tracker.track(message.convId, after.toString(), (seq - 1n).toString(), false);
  }

  /**
   * HISTORY after `afterSeq`, for the tracker. On the wire after_seq 0 means "the latest", so the
   * start of a conversation is asked as the entries below limit + 1 (whose has_more is about
   * older ones: none); a member who joined above that gets an empty page naming min_seq, and the
   * client asks again from there.
   */
  private async fetchAfter(convId: string, afterSeq: Seq, limit: number): Promise<HistoryResp> {
    this.counters.historyFetches++;
    if (afterSeq !== '0') return this.history(convId, { afterSeq, limit });
    const start = await this.history(convId, { beforeSeq: String(limit + 1), limit });
    const minSeq = BigInt(start.minSeq || '1');
    if (start.messages.length > 0 || minSeq <= 1n) return { ...start, hasMore: false };
    this.counters.historyFetches++;
    return this.history(convId, { afterSeq: (minSeq - 1n).toString(), limit });
  }

  /** Emits a message, then acks it (autoAck): the server forgets it only once the app has it. */
  private deliver(message: ChatMessage): void {
    this.counters.received++;
    if (isGroupEntry(message)) {
      if (message.convId) this.rememberGroupEntry(message.msgId, message.convId);
      this.emit('groupMessage', message);
      if (message.format === MsgFormat.GROUP_EVENT && message.groupEvent) this.emit('groupEvent', message as GroupEventMessage);
      // GROUP_PUSH is at most once and never acked (PROTOCOL.md behaviour 15).
      return;
    }
    this.emit('message', message);
    // Only messages to this user are pending; own echoes need no ack (a note to yourself does).
    if (this.autoAck && message.toUserId === this.userId) this.acks.add(message.msgId);
  }

  /** Bounded: the oldest entry goes first, which is the one least likely to be recalled. */
  private rememberGroupEntry(msgId: Id, convId: string): void {
    if (this.groupOfMsg.size >= MAX_REMEMBERED_GROUP_ENTRIES && !this.groupOfMsg.has(msgId)) {
      this.groupOfMsg.delete(this.groupOfMsg.keys().next().value!);
    }
    this.groupOfMsg.set(msgId, convId);
  }

  /** Seen before: acked again, since a re-push means the server has not seen our ack yet. */
  private duplicate(message: ChatMessage): void {
    this.counters.duplicatesDropped++;
    if (this.autoAck && !isGroupEntry(message) && message.toUserId === this.userId) this.acks.add(message.msgId);
  }

  private onClose(code: number, reason: string): void {
    this.ws = null;
    this.stopHeartbeat();
    this.acks.clear();
    this.typingThrottle.clear();
    // Gaps stay known; the catch-up after the next login fills them.
    this.tracker.cancelRetry();
    // Held group pushes go too: the next login's SYNC lists those groups, HISTORY has the entries.
    this.loginHold = null;
    if (this.login) {
      const cause = this.socketError?.message ?? `close ${code}${reason ? ` ${reason}` : ''}`;
      this.failLogin(ImError.local('disconnected', `connection lost during login: ${cause}`));
      return;
    }
    if (this.phase !== 'ready') return;
    const kick = this.kickReason;
    const renewable = kick === KickReason.AUTH_EXPIRED && typeof this.token === 'function';
    if (kick !== null && !RECONNECT_AFTER_KICK.has(kick) && !renewable) {
      this.stop(ImError.local('disconnected', `kicked: ${KickReason[kick]}`));
    } else if (!this.reconnect) {
      this.stop(ImError.local('disconnected', `connection closed (${code})`));
    } else {
      this.phase = 'waiting';
      this.pending.dropConnection(ImError.local('disconnected', `connection closed (${code})`));
    }
    this.emit('disconnected', { code, reason });
    // A 'disconnected' listener may have called close().
    if (this.phase === 'waiting') this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.phase = 'waiting';
    const delayMs = backoffDelay(this.attempt, this.backoff);
    this.attempt++;
    this.reconnectTimer = setTimeout(() => void this.reconnectNow(), delayMs);
    this.emit('reconnecting', { attempt: this.attempt, delayMs });
  }

  private async reconnectNow(): Promise<void> {
    this.reconnectTimer = null;
    this.phase = 'login';
    try {
      await this.logIn();
    } catch (err) {
      if (this.phase !== 'login') return;
      const error = toImError(err);
      // The server refused the login itself (bad or expired token): retrying cannot help. Too
      // many logins from this address, or the gateway's keys unavailable, pass with time.
      if (error.kind === 'server' && !RETRY_LOGIN_AFTER.has(error.code)) this.stop(error);
      else this.scheduleReconnect();
      this.emitError(error);
    }
  }

  /** Gives up: no reconnect, no timers, every waiting request fails with `err`. */
  private stop(err: ImError): void {
    this.phase = 'closed';
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.stopHeartbeat();
    this.acks.clear();
    this.typingThrottle.clear();
    this.tracker.cancelRetry();
    this.pending.failAll(err);
  }

  private startHeartbeat(intervalMs: number): void {
    if (intervalMs <= 0) return;
    this.framesAtTick = this.framesIn;
    this.silentTicks = 0;
    this.heartbeat = setInterval(() => this.beat(), intervalMs);
  }

  /**
   * Any frame proves the server alive (a counter, not a clock read per frame). A half-open TCP
   * connection never closes by itself, so after SILENT_TICKS silent ticks the socket is dropped,
   * which leads to a reconnect like any other close.
   */
  private beat(): void {
    if (this.framesIn !== this.framesAtTick) {
      this.framesAtTick = this.framesIn;
      this.silentTicks = 0;
    } else if (++this.silentTicks >= SILENT_TICKS) {
      this.ws?.terminate();
      return;
    }
    this.write(Cmd.PING, { clientTimeMs: String(Date.now()) });
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  /** 'error' without a listener would throw from inside a socket callback; nobody asked, so drop it. */
  private emitError(err: Error): void {
    if (this.listenerCount('error') > 0) this.emit('error', err);
  }
}

/** Group entries carry conv_id g_<group_id> and a group_id (one-to-one: c_… and 0). */
function isGroupEntry(message: ChatMessage): boolean {
  return message.convId?.startsWith('g_') === true || (message.groupId !== undefined && message.groupId !== '' && message.groupId !== '0');
}

function isGroupConv(conv: ConvState): boolean {
  return conv.convId.startsWith('g_');
}

/**
 * Where a group first listed by a login's SYNC starts: after this user's read position (a
 * client has no memory of what an earlier run of the application delivered, and the read
 * position is what the user has seen anywhere), but never below the entry that added the user
 * (min_seq) nor above max_seq. A user who never marked the group read gets every entry since
 * joining.
 */
function groupStart(conv: ConvState): Seq {
  const max = BigInt(conv.maxSeq || '0');
  const joined = BigInt(conv.minSeq || '1') - 1n;
  const read = BigInt(conv.readSeq || '0');
  let start = read > joined ? read : joined;
  if (start < 0n) start = 0n;
  if (start > max) start = max;
  return start.toString();
}

function toImError(err: unknown): ImError {
  if (err instanceof ImError) return err;
  return ImError.local('disconnected', err instanceof Error ? err.message : String(err));
}
