import { Cmd, type FrameOf } from '../protocol/messages.js';
import type { Session } from '../pipeline/session.js';
import type { Strategy } from '../pipeline/strategy.js';
import type { GroupService } from '../groups/group-service.js';

/** GROUP_SEND_REQ → durable commit → GROUP_SEND_ACK → fan-out (a resend is acked, not pushed again). */
export class GroupSendStrategy implements Strategy<typeof Cmd.GROUP_SEND_REQ> {
  readonly cmd = Cmd.GROUP_SEND_REQ;

  constructor(private readonly groups: GroupService, private readonly observeAck: (seconds: number) => void) {}

  async handle(session: Session, { seq, body }: FrameOf<typeof Cmd.GROUP_SEND_REQ>): Promise<void> {
    const started = performance.now();
    const { message, fresh } = await this.groups.send(session, body);
    session.send(Cmd.GROUP_SEND_ACK, seq, {
      clientMsgId: message.clientMsgId, msgId: message.msgId, serverTimeMs: message.createTime, convId: message.convId, seq: message.seq,
    });
    this.observeAck((performance.now() - started) / 1000);
    if (fresh) await this.groups.push(message, session);
  }
}

/** GROUP_CREATE_REQ: the creator is the owner; one CREATED entry. Heavier than a send (members are written). */
export class GroupCreateStrategy implements Strategy<typeof Cmd.GROUP_CREATE_REQ> {
  readonly cmd = Cmd.GROUP_CREATE_REQ;
  readonly meter = { bucket: 'requests', cost: 5 } as const;

  constructor(private readonly groups: GroupService) {}

  async handle(session: Session, { seq, body }: FrameOf<typeof Cmd.GROUP_CREATE_REQ>): Promise<void> {
    session.send(Cmd.GROUP_CREATE_RESP, seq, { group: await this.groups.create({ session }, session.user!.userId, body) });
  }
}

/** GROUP_MEMBERS_REQ: add, remove, leave, promote, demote, by behaviour 14's rules. */
export class GroupMembersStrategy implements Strategy<typeof Cmd.GROUP_MEMBERS_REQ> {
  readonly cmd = Cmd.GROUP_MEMBERS_REQ;
  readonly meter = { bucket: 'requests', cost: 2 } as const;

  constructor(private readonly groups: GroupService) {}

  async handle(session: Session, { seq, body }: FrameOf<typeof Cmd.GROUP_MEMBERS_REQ>): Promise<void> {
    session.send(Cmd.GROUP_MEMBERS_RESP, seq, { group: await this.groups.changeMembers({ session }, body) });
  }
}

/** GROUP_INFO_REQ: the group and a page of members. */
export class GroupInfoStrategy implements Strategy<typeof Cmd.GROUP_INFO_REQ> {
  readonly cmd = Cmd.GROUP_INFO_REQ;
  readonly meter = { bucket: 'requests', cost: 2 } as const;

  constructor(private readonly groups: GroupService) {}

  async handle(session: Session, { seq, body }: FrameOf<typeof Cmd.GROUP_INFO_REQ>): Promise<void> {
    session.send(Cmd.GROUP_INFO_RESP, seq, await this.groups.info({ session }, body));
  }
}
