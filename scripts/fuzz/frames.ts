// The gateway fuzz's frames: every client command, well formed but with edge values (ids 0 and
// 2^64-1, limits ± 1), frames that claim another sender, and the byte-level mutations of
// mutators.ts applied to them. Seeded: one Random gives one sequence of frames.
import { createHash } from 'node:crypto';
import { encodeFrame } from '../../src/protocol/codec.js';
import { BODY_CODECS, Cmd, MsgFormat, type Bodies, type Id, type KnownCmd } from '../../src/protocol/messages.js';
import {
  below, bodyOf, envelope, field, flipBits, hugeLength, invalidUtf8, mutate, pick, randomBytes, truncate, type Random,
} from './mutators.js';

/** The gateway's limits the edge cases sit on (its config; defaults in config/default.yaml). */
export interface FuzzLimits {
  maxFrameBytes: number;
  maxContentChars: number;
  maxMentions: number;
  maxPullLimit: number;
  maxHistoryLimit: number;
  maxSyncLimit: number;
}

export const DEFAULT_LIMITS: FuzzLimits = {
  maxFrameBytes: 65536, maxContentChars: 4096, maxMentions: 100, maxPullLimit: 200, maxHistoryLimit: 100, maxSyncLimit: 100,
};

/** Fixed by the protocol or the strategies rather than by config. */
const CLIENT_MSG_ID_MAX = 64;
const GROUP_NAME_MAX = 128;
const ACK_IDS_MAX = 1000;
const GROUP_INFO_LIMIT_MAX = 500;

/** What one fuzz session aims at; `learned` grows with the msg and group ids its replies name. */
export interface FuzzContext {
  /** The session's user, or null before (or without) login. */
  self: Id | null;
  /** The two real users whose deliveries are checked: most sends go to them. */
  watchers: readonly [Id, Id];
  limits: FuzzLimits;
  learned: { msgIds: Id[]; groupIds: Id[] };
}

export type FrameKind = 'edge' | 'spoof' | 'mutated' | 'bitflip' | 'truncated' | 'random' | 'version' | 'cmd' | 'huge-length' | 'utf8' | 'oversize';

const MAX_UINT64 = '18446744073709551615';
const EDGE_IDS: readonly Id[] = ['0', '1', '9007199254740993', '9223372036854775807', '9223372036854775808', MAX_UINT64];
const EDGE_U32 = [0, 1, 2 ** 31, 2 ** 32 - 1];

/**
 * "fz <uid> <check> ": the sender a fuzz session put in its content. A watcher that receives a
 * message whose tag is intact knows who really sent it, so a delivery under another from_user_id
 * is a spoof, not a mutation.
 */
export function senderTag(userId: Id): string {
  return `fz ${userId} ${createHash('sha256').update(`im-fuzz:${userId}`).digest('hex').slice(0, 12)} `;
}

/** The user an intact tag names, or null when the content carries none (or a damaged one). */
export function taggedSender(content: string): Id | null {
  const match = /^fz (\d{1,20}) [0-9a-f]{12} /.exec(content);
  return match !== null && content.startsWith(senderTag(match[1]!)) ? match[1]! : null;
}

const CLIENT_CMDS = [
  Cmd.AUTH_REQ, Cmd.PING, Cmd.C2C_SEND_REQ, Cmd.C2C_ACK, Cmd.RECALL_REQ, Cmd.PULL_OFFLINE_REQ, Cmd.SYNC_REQ, Cmd.HISTORY_REQ,
  Cmd.READ_REQ, Cmd.TYPING_REQ, Cmd.GROUP_SEND_REQ, Cmd.GROUP_CREATE_REQ, Cmd.GROUP_MEMBERS_REQ, Cmd.GROUP_INFO_REQ,
] as const;
type ClientCmd = (typeof CLIENT_CMDS)[number];

const STRING_FIELDS: Partial<Record<ClientCmd, number[]>> = {
  [Cmd.AUTH_REQ]: [1, 2, 3], [Cmd.C2C_SEND_REQ]: [1, 3], [Cmd.SYNC_REQ]: [2], [Cmd.HISTORY_REQ]: [1], [Cmd.READ_REQ]: [1],
  [Cmd.TYPING_REQ]: [1], [Cmd.GROUP_SEND_REQ]: [1, 3], [Cmd.GROUP_CREATE_REQ]: [1, 3],
};

/** Server-only commands, numbers no command has, and the extremes of the field. */
const WRONG_CMDS = [0, 2, 4, 5, 11, 12, 14, 21, 22, 31, 41, 43, 52, 61, 98, 99, 100, 999, 2 ** 31, 2 ** 32 - 1];
const WRONG_VERSIONS = [0, 2, 3, 255, 2 ** 32 - 1];

export class FrameFuzzer {
  constructor(private readonly random: Random, private readonly ctx: FuzzContext) {}

  /** The next frame and what kind of case it is. */
  next(seq: number): { kind: FrameKind; bytes: Uint8Array } {
    const r = this.random();
    const kind: FrameKind = r < 0.3 ? 'edge' : r < 0.4 ? 'spoof' : r < 0.55 ? 'mutated' : r < 0.64 ? 'bitflip' : r < 0.71 ? 'truncated'
      : r < 0.75 ? 'random' : r < 0.8 ? 'version' : r < 0.85 ? 'cmd' : r < 0.9 ? 'huge-length' : r < 0.995 ? 'utf8' : 'oversize';
    return { kind, bytes: this.make(kind, seq) };
  }

  private make(kind: FrameKind, seq: number): Uint8Array {
    const random = this.random;
    switch (kind) {
      case 'edge': return this.edge(seq);
      case 'spoof': return this.spoof(seq);
      case 'mutated': return mutate(this.edge(seq), random);
      case 'bitflip': return flipBits(this.edge(seq), random);
      case 'truncated': return truncate(this.edge(seq), random);
      case 'random': return randomBytes(random, 96);
      case 'version': return envelope(pick(random, WRONG_VERSIONS), pick(random, CLIENT_CMDS), seq, bodyOf(this.edge(seq)));
      case 'cmd': return envelope(1, pick(random, WRONG_CMDS), seq, bodyOf(this.edge(seq)));
      case 'huge-length': {
        // In the envelope's body field, or in a body's field.
        if (random() < 0.5) return Uint8Array.from([...field(1, 1n), ...field(2, BigInt(pick(random, CLIENT_CMDS))), ...field(3, BigInt(seq)), ...hugeLength(4, random)]);
        const body = [...bodyOf(this.edge(seq)), ...hugeLength(1 + below(random, 6), random)];
        return envelope(1, pick(random, CLIENT_CMDS), seq, Uint8Array.from(body));
      }
      case 'utf8': {
        const cmd = pick(random, Object.keys(STRING_FIELDS).map(Number) as ClientCmd[]);
        const body = [...bodyOf(this.edgeOf(cmd, seq)), ...field(pick(random, STRING_FIELDS[cmd]!), invalidUtf8(random))];
        return envelope(1, cmd, seq, Uint8Array.from(body));
      }
      case 'oversize': {
        // maxFrameBytes + 1 is refused with TOO_LARGE and close 1009; exactly maxFrameBytes is read.
        const target = this.ctx.limits.maxFrameBytes + (random() < 0.5 ? 1 : 0);
        const frame = (content: string) => encodeFrame(Cmd.C2C_SEND_REQ, seq, { clientMsgId: `o${seq}`, toUserId: this.ctx.watchers[0], content, format: MsgFormat.TEXT });
        let length = target - frame('').length;
        // The length prefixes grow with the content: settle on the length that lands on target.
        for (let i = 0; i < 3; i++) length += target - frame('y'.repeat(length)).length;
        return frame('y'.repeat(length));
      }
    }
  }

  /** A well-formed frame of a random client command with edge values. */
  edge(seq: number): Uint8Array {
    return this.edgeOf(pick(this.random, CLIENT_CMDS), seq);
  }

  private edgeOf(cmd: ClientCmd, seq: number): Uint8Array {
    return encodeFrame(cmd, seq, this.body(cmd) as never);
  }

  private id(): Id {
    const { random, ctx } = this;
    const r = random();
    if (r < 0.3) return pick(random, EDGE_IDS);
    if (r < 0.6) return pick(random, ctx.watchers);
    const learned = [...ctx.learned.msgIds, ...ctx.learned.groupIds];
    if (r < 0.85 && learned.length > 0) return pick(random, learned);
    return ctx.self ?? pick(random, EDGE_IDS);
  }

  private ids(max: number): Id[] {
    const count = pick(this.random, [0, 1, 2, max, max + 1, below(this.random, 8)]);
    return Array.from({ length: count }, () => this.id());
  }

  private u32(limit: number): number {
    return pick(this.random, [...EDGE_U32, limit - 1, limit, limit + 1]);
  }

  /** Text of a length on the content limit (± 1), tagged with the session's user. */
  private content(): string {
    const { random, ctx } = this;
    const tag = senderTag(ctx.self ?? '0');
    const length = pick(random, [0, tag.length, tag.length + below(random, 64), ctx.limits.maxContentChars - 1, ctx.limits.maxContentChars, ctx.limits.maxContentChars + 1]);
    const filler = pick(random, ['x', 'é', '😀', '\u0000', '\u202e']);
    return (tag + filler.repeat(Math.max(0, length - tag.length))).slice(0, Math.max(length, 0));
  }

  private clientMsgId(): string {
    const random = this.random;
    const n = below(random, 1e9).toString(36);
    return pick(random, [`c${n}`, `c${n}`, '', 'x'.repeat(CLIENT_MSG_ID_MAX), 'x'.repeat(CLIENT_MSG_ID_MAX + 1), `${n} `, `${n}\u0001`]);
  }

  private convId(): string {
    const { random, ctx } = this;
    const [a, b] = ctx.watchers;
    const self = ctx.self ?? '1';
    const lo = BigInt(self) < BigInt(a) ? self : a;
    const hi = lo === self ? a : self;
    return pick(random, [`c_${lo}_${hi}`, `c_${hi}_${lo}`, `c_${a}_${b}`, 'c_0_0', `c_${MAX_UINT64}_${MAX_UINT64}`, `c_${self}_${self}`,
      `g_${ctx.learned.groupIds[0] ?? '1'}`, 'g_0', `g_${MAX_UINT64}`, '', 'c_1_', 'x'.repeat(300)]);
  }

  private body<C extends ClientCmd>(cmd: C): Bodies[C] {
    const { random, ctx } = this;
    const seqId = () => pick(random, ['0', '1', '2', MAX_UINT64, '9223372036854775808']);
    const format = () => pick(random, [MsgFormat.TEXT, MsgFormat.TEXT, MsgFormat.MSG_FORMAT_UNSPECIFIED, MsgFormat.CUSTOM, 16, 17, 99]);
    const bodies: { [K in ClientCmd]: () => Bodies[K] } = {
      [Cmd.AUTH_REQ]: () => ({ token: pick(random, ['', 'a.b.c', 'x'.repeat(4096)]), deviceId: pick(random, ['', 'd', 'x'.repeat(300)]), platform: 'fuzz', echoOwnMessages: random() < 0.5 }),
      [Cmd.PING]: () => ({ clientTimeMs: pick(random, ['0', '-1', '9223372036854775807', '-9223372036854775808', String(Date.now())]) }),
      [Cmd.C2C_SEND_REQ]: () => ({ clientMsgId: this.clientMsgId(), toUserId: random() < 0.7 ? pick(random, ctx.watchers) : this.id(), content: this.content(), format: format() }),
      [Cmd.C2C_ACK]: () => ({ msgIds: this.ids(ACK_IDS_MAX) }),
      [Cmd.RECALL_REQ]: () => ({ msgId: this.id() }),
      [Cmd.PULL_OFFLINE_REQ]: () => ({ limit: this.u32(ctx.limits.maxPullLimit), afterMsgId: this.id() }),
      [Cmd.SYNC_REQ]: () => ({ limit: this.u32(ctx.limits.maxSyncLimit), pageToken: pick(random, ['', 'garbage', '0', 'x'.repeat(200)]), updatedAfterMs: pick(random, [0, -1, 2 ** 53 - 1, Date.now()]) }),
      [Cmd.HISTORY_REQ]: () => ({ convId: this.convId(), afterSeq: seqId(), beforeSeq: seqId(), limit: this.u32(ctx.limits.maxHistoryLimit) }),
      [Cmd.READ_REQ]: () => ({ convId: this.convId(), readSeq: seqId() }),
      [Cmd.TYPING_REQ]: () => ({ convId: this.convId(), typing: random() < 0.5 }),
      [Cmd.GROUP_SEND_REQ]: () => ({ clientMsgId: this.clientMsgId(), groupId: this.id(), content: this.content(), format: format(), mentionUserIds: this.ids(ctx.limits.maxMentions) }),
      [Cmd.GROUP_CREATE_REQ]: () => ({
        name: 'n'.repeat(pick(random, [0, 1, GROUP_NAME_MAX, GROUP_NAME_MAX + 1])),
        memberUserIds: [...ctx.watchers.slice(0, below(random, 3)), ...this.ids(3)], clientReqId: this.clientMsgId(),
      }),
      [Cmd.GROUP_MEMBERS_REQ]: () => ({ groupId: this.id(), addUserIds: this.ids(3), removeUserIds: this.ids(3), promoteUserIds: this.ids(2), demoteUserIds: this.ids(2) }),
      [Cmd.GROUP_INFO_REQ]: () => ({ groupId: this.id(), afterUserId: this.id(), limit: this.u32(GROUP_INFO_LIMIT_MAX) }),
    };
    return bodies[cmd]();
  }

  /**
   * A send to one watcher that claims, every way the wire allows, to come from the other: unknown
   * fields of the body and of the envelope carrying its id, and an embedded ChatMessage naming it
   * as from_user_id. The gateway must deliver it, if at all, as the session's own user.
   */
  private spoof(seq: number): Uint8Array {
    const { random, ctx } = this;
    const to = pick(random, ctx.watchers);
    const claimed = random() < 0.8 ? (to === ctx.watchers[0] ? ctx.watchers[1] : ctx.watchers[0]) : to;
    const group = ctx.learned.groupIds.length > 0 && random() < 0.3 ? pick(random, ctx.learned.groupIds) : null;
    const cmd: KnownCmd = group === null ? Cmd.C2C_SEND_REQ : Cmd.GROUP_SEND_REQ;
    const tag = senderTag(ctx.self ?? '0');
    const legit = group === null
      ? encodeFrame(Cmd.C2C_SEND_REQ, seq, { clientMsgId: `s${seq}-${below(random, 1e9)}`, toUserId: to, content: `${tag}spoof`, format: MsgFormat.TEXT })
      : encodeFrame(Cmd.GROUP_SEND_REQ, seq, { clientMsgId: `s${seq}-${below(random, 1e9)}`, groupId: group, content: `${tag}spoof`, format: MsgFormat.TEXT, mentionUserIds: [] });
    const fake = BODY_CODECS[Cmd.C2C_PUSH].encode({ message: { msgId: '1', clientMsgId: 'x', fromUserId: claimed, toUserId: to, content: 'spoofed', format: MsgFormat.TEXT, createTimeMs: 0 } }).finish();
    const extra = [...field(pick(random, [6, 7, 9, 15, 16, 100, 2047, 536870911]), BigInt(claimed)), ...field(pick(random, [8, 20, 99]), fake)];
    const body = [...bodyOf(legit), ...extra];
    return Uint8Array.from([...envelope(1, cmd, seq, Uint8Array.from(body)), ...field(pick(random, [5, 6, 7]), BigInt(claimed))]);
  }
}
