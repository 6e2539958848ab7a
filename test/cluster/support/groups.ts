// Support for the group suite across gateway processes (test/cluster/groups.test.ts): a Cluster on
// its own database and Redis prefix, member sessions that record every GROUP_PUSH as it arrives,
// the group requests and HISTORY paging, and a Redis link that can be stalled for one node.
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import mysql from 'mysql2/promise';
import { Cmd, ErrorCode, MsgFormat, type Bodies, type ChatMessage, type ConvState, type GroupInfo, type KnownCmd } from '../../../src/protocol/messages.js';
import { RawClient } from '../../support/raw-client.js';
import { MYSQL, REDIS_URL } from '../../support/services.js';
import { Cluster, type ClusterNode } from './cluster.js';

/** This suite's own database: no other suite truncates it, and it truncates no other suite's. */
export const GROUPS_DATABASE = 'im_connect_cluster_groups';
const TABLES = [
  'im_c2c_message', 'im_outbox', 'im_recall_notice', 'im_conversation', 'im_user_conversation',
  'im_group', 'im_group_member', 'im_group_message',
];

/** A Cluster on GROUPS_DATABASE with its own Redis key prefix (`imgroups:<random>:`), MQ off. */
export class GroupsCluster extends Cluster {
  override readonly keyPrefix = `imgroups:${randomBytes(4).toString('hex')}:`;

  constructor(env: Record<string, string> = {}) {
    super({ env: { IM_STORAGE__MYSQL__DATABASE: GROUPS_DATABASE, IM_MQ__KIND: 'off', ...env } });
  }

  /** Empties this suite's tables (they exist once a node ran its migrations). */
  async truncateGroups(): Promise<void> {
    const conn = await mysql.createConnection({ host: MYSQL.host, port: MYSQL.port, user: MYSQL.user, password: MYSQL.password, database: GROUPS_DATABASE });
    try {
      for (const table of TABLES) await conn.query(`TRUNCATE TABLE ${table}`);
    } finally {
      await conn.end();
    }
  }

  /** A member session on `node`; closed with the cluster's clients. */
  async member(name: string, node: ClusterNode, userId: string, deviceId = 'phone', echoOwnMessages = false): Promise<Member> {
    const client = this.track(await RawClient.open(node.url));
    const member = new Member(name, userId, deviceId, echoOwnMessages, node, client);
    client.send(Cmd.AUTH_REQ, { token: await this.token(userId), deviceId, platform: 'cluster-groups', echoOwnMessages });
    await client.next(Cmd.AUTH_RESP, undefined, 10_000);
    return member;
  }
}

/** One GROUP_PUSH as a session received it. */
export interface Push {
  message: ChatMessage;
  seq: bigint;
  /** Date.now() at arrival. */
  at: number;
}

export class RequestFailed extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(`${ErrorCode[code]}: ${message}`);
  }
}

/**
 * A logged-in session. Its GROUP_PUSH frames are taken out of the RawClient's frame list as they
 * arrive (so that waiting for replies stays cheap with thousands of pushes) and kept in `pushes`,
 * in arrival order, with their arrival time.
 */
export class Member {
  readonly pushes: Push[] = [];
  /** Resolves when the connection closed, however. */
  readonly gone: Promise<void>;

  constructor(
    readonly name: string,
    readonly userId: string,
    readonly deviceId: string,
    readonly echo: boolean,
    readonly node: ClusterNode,
    readonly client: RawClient,
  ) {
    this.gone = new Promise((resolve) => client.ws.once('close', () => resolve()));
    // After RawClient's own listener (registration order): the frame it just decoded is the last one.
    client.ws.on('message', () => {
      const frame = client.frames.at(-1);
      if (frame?.cmd !== Cmd.GROUP_PUSH) return;
      client.frames.pop();
      const { message } = frame.body as Bodies[typeof Cmd.GROUP_PUSH];
      this.pushes.push({ message, seq: BigInt(message.seq ?? '0'), at: Date.now() });
    });
  }

  /** The pushes of one group, in arrival order. */
  of(groupId: string): Push[] {
    return this.pushes.filter((p) => p.message.groupId === groupId);
  }

  seqsOf(groupId: string): number[] {
    return this.of(groupId).map((p) => Number(p.seq));
  }

  /**
   * Sends `cmd` and resolves with the reply `reply` echoing its seq; rejects with the ERROR, or
   * at once when the connection is gone.
   */
  async call<C extends KnownCmd, R extends KnownCmd>(cmd: C, body: Bodies[C], reply: R, timeoutMs = 15_000): Promise<Bodies[R]> {
    if (this.client.ended) throw new Error(`${this.name}: connection closed`);
    const seq = this.client.send(cmd, body);
    const answer = await Promise.race([
      this.client.next(reply, (f) => f.seq === seq, timeoutMs),
      this.client.next(Cmd.ERROR, (f) => f.seq === seq, timeoutMs),
      this.gone.then(() => { throw new Error(`${this.name}: connection closed before the reply to ${Cmd[cmd]}`); }),
    ]);
    if (answer.cmd === Cmd.ERROR) {
      const err = answer.body as Bodies[typeof Cmd.ERROR];
      throw new RequestFailed(err.code, `${Cmd[cmd]} by ${this.name}: ${err.message}`);
    }
    return answer.body as Bodies[R];
  }

  async createGroup(name: string, memberUserIds: string[]): Promise<GroupInfo> {
    return (await this.call(Cmd.GROUP_CREATE_REQ, { name, memberUserIds, clientReqId: `create-${name}` }, Cmd.GROUP_CREATE_RESP)).group;
  }

  changeMembers(groupId: string, change: { add?: string[]; remove?: string[] }, timeoutMs?: number): Promise<Bodies[typeof Cmd.GROUP_MEMBERS_RESP]> {
    return this.call(Cmd.GROUP_MEMBERS_REQ, {
      groupId, addUserIds: change.add ?? [], removeUserIds: change.remove ?? [], promoteUserIds: [], demoteUserIds: [],
    }, Cmd.GROUP_MEMBERS_RESP, timeoutMs);
  }

  send(groupId: string, clientMsgId: string, content = clientMsgId, timeoutMs?: number): Promise<Bodies[typeof Cmd.GROUP_SEND_ACK]> {
    return this.call(Cmd.GROUP_SEND_REQ, { clientMsgId, groupId, content, format: MsgFormat.TEXT, mentionUserIds: [] }, Cmd.GROUP_SEND_ACK, timeoutMs);
  }

  history(convId: string, afterSeq: string, limit = 100, beforeSeq = '0'): Promise<Bodies[typeof Cmd.HISTORY_RESP]> {
    return this.call(Cmd.HISTORY_REQ, { convId, afterSeq, beforeSeq, limit }, Cmd.HISTORY_RESP);
  }

  /** Every entry above `afterSeq`, paging with after_seq until has_more is false. */
  async historyAfter(convId: string, afterSeq: string): Promise<ChatMessage[]> {
    const out: ChatMessage[] = [];
    for (let after = afterSeq; ;) {
      const page = await this.history(convId, after);
      out.push(...page.messages);
      if (!page.hasMore || page.messages.length === 0) return out;
      after = page.messages.at(-1)!.seq!;
    }
  }

  /** Every entry of the conversation, ascending: the latest page, then scrolling back with before_seq. */
  async fullHistory(convId: string): Promise<ChatMessage[]> {
    const out: ChatMessage[] = [];
    for (let before = '0'; ;) {
      const page = await this.history(convId, '0', 100, before);
      out.unshift(...page.messages);
      if (!page.hasMore || page.messages.length === 0) return out;
      before = page.messages[0]!.seq!;
    }
  }

  /** The group conversation as SYNC lists it (first page of up to 100 is plenty here). */
  async sync(convId: string): Promise<ConvState | undefined> {
    const resp = await this.call(Cmd.SYNC_REQ, { limit: 100, pageToken: '', updatedAfterMs: 0 }, Cmd.SYNC_RESP);
    return resp.convs.find((c) => c.convId === convId);
  }
}

/**
 * Sends `count` messages to the group from `member`, `window` in flight at a time (each new one as
 * soon as an ack comes back). Resolves with the acks in ack order.
 */
export async function blast(member: Member, groupId: string, tag: string, count: number, window: number,
  onAck: (ack: Bodies[typeof Cmd.GROUP_SEND_ACK]) => void = () => {}): Promise<Array<Bodies[typeof Cmd.GROUP_SEND_ACK]>> {
  const acks: Array<Bodies[typeof Cmd.GROUP_SEND_ACK]> = [];
  let next = 0;
  const lane = async () => {
    while (next < count && !member.client.ended) {
      const i = next++;
      const ack = await member.send(groupId, `${tag}-${i}`, `${tag} ${i}`);
      acks.push(ack);
      onAck(ack);
    }
  };
  await Promise.all(Array.from({ length: Math.min(window, count) }, lane));
  return acks;
}

/**
 * A TCP proxy between one node and Redis. `hold()` stops forwarding what the node sends (it is
 * kept, in order), as when its link to Redis stalls; `release()` forwards it all and resumes.
 * Replies from Redis keep flowing, so the node still receives what others publish.
 */
export class RedisLink {
  private server: net.Server | null = null;
  private held = false;
  private readonly links = new Set<{ from: net.Socket; to: net.Socket; queue: Buffer[] }>();
  url = '';

  async start(): Promise<void> {
    const target = new URL(REDIS_URL);
    const server = net.createServer((from) => {
      const to = net.connect({ host: target.hostname, port: Number(target.port || 6379) });
      const link = { from, to, queue: [] as Buffer[] };
      this.links.add(link);
      from.on('data', (chunk: Buffer) => (this.held ? link.queue.push(chunk) : to.write(chunk)));
      to.on('data', (chunk: Buffer) => from.write(chunk));
      const end = () => {
        this.links.delete(link);
        from.destroy();
        to.destroy();
      };
      from.on('close', end).on('error', end);
      to.on('close', end).on('error', end);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    const url = new URL(REDIS_URL);
    url.hostname = '127.0.0.1';
    url.port = String((server.address() as net.AddressInfo).port);
    this.url = url.toString();
  }

  hold(): void {
    this.held = true;
  }

  release(): void {
    this.held = false;
    for (const link of this.links) {
      for (const chunk of link.queue.splice(0)) link.to.write(chunk);
    }
  }

  async close(): Promise<void> {
    this.release();
    for (const link of this.links) {
      link.from.destroy();
      link.to.destroy();
    }
    await new Promise<void>((resolve) => (this.server === null ? resolve() : this.server.close(() => resolve())));
  }
}
