// The terminal chat's behaviour, apart from the process: one input line in, output lines out.
// Every output line has a fixed shape (see HELP and the README) so that scripts and tests can
// read it; content from the network is escaped so that it stays one line and never drives the
// terminal.
import type { ConvState, GroupEvent, GroupInfo, ImClient, ReadNotify, RecallNotify, TypingNotify } from '../client/im-client.js';
import { ImError } from '../client/im-error.js';
import { c2cConvId, groupConvId } from '../conversations/conv-id.js';
import { isUserId, type Id } from '../ids/id.js';
import { ErrorCode, GroupEventKind, GroupRole, KickReason, MsgFormat, type ChatMessage } from '../protocol/messages.js';

export const HELP = [
  'commands:',
  '  /to USER_ID                  chat with USER_ID; plain lines are sent to them (start a line with // to send one beginning with /)',
  '  /group ID                    chat in group ID; plain lines are sent to the group',
  '  /newgroup NAME [USER_ID...]  create a group with these members and open it (a NAME with spaces in "double quotes")',
  '  /add USER_ID...              add members to the open group',
  '  /remove USER_ID...           remove members from the open group',
  '  /leave                       leave the open group (its history stays readable)',
  '  /members                     the open group\'s members and their roles',
  '  /history [N]                 the last N entries of the conversation (default 20)',
  '  /recall [MSG]                recall message MSG, or the last one you sent',
  '  /list                        every conversation and group with its unread count',
  '  /read                        mark the conversation read',
  '  /help                        this list',
  '  /quit                        leave',
];

const DEFAULT_HISTORY = 20;
/** /history pages backwards through HISTORY_REQ; this bounds how many round trips one line costs. */
const MAX_HISTORY = 1000;
/** /list asks GROUP_INFO for names it has not seen; this many at once keeps one line from flooding the connection. */
const NAME_LOOKUPS_AT_ONCE = 8;

type Conversation =
  | { kind: 'c2c'; peer: Id; convId: string }
  | { kind: 'group'; groupId: Id; convId: string };

type GroupConversation = Extract<Conversation, { kind: 'group' }>;

const ROLE_NAMES: Record<number, string> = {
  [GroupRole.GROUP_ROLE_OWNER]: 'owner',
  [GroupRole.GROUP_ROLE_ADMIN]: 'admin',
  [GroupRole.GROUP_ROLE_MEMBER]: 'member',
};

export class ChatSession {
  private userId: Id | null = null;
  private current: Conversation | null = null;
  private lastSent: Id | null = null;
  /** A recall reaches us as RECALL_NOTIFY and again as its tombstone entry; it is shown once. */
  private readonly recallsShown = new Set<Id>();
  /** SYNC and group entries name groups by id only; names come from GROUP_INFO, CREATED and RENAMED. */
  private readonly groupNames = new Map<Id, string>();
  private quitting = false;

  constructor(private readonly client: ImClient, private readonly print: (line: string) => void) {
    client.on('connected', (resp) => {
      this.print(this.userId === null ? `connected as ${resp.userId}` : 'reconnected');
      this.userId = resp.userId;
    });
    client.on('disconnected', ({ code }) => {
      if (!this.quitting) this.print(`disconnected (code ${code})`);
    });
    client.on('reconnecting', ({ attempt, delayMs }) => this.print(`reconnecting in ${delayMs} ms (attempt ${attempt})`));
    client.on('kick', ({ reason, detail }) => this.print(`kicked: ${KickReason[reason] ?? reason}${detail ? ` (${oneLine(detail)})` : ''}`));
    client.on('error', (err) => this.print(`error: ${describeError(err)}`));
    client.on('message', (message) => this.onMessage(message));
    // Not 'groupEvent' as well: it repeats the GROUP_EVENT entries 'groupMessage' already brought.
    client.on('groupMessage', (message) => this.onGroupMessage(message));
    client.on('recall', (notice: RecallNotify) => this.showRecall(notice.fromUserId, notice.msgId));
    client.on('read', (notice: ReadNotify) => this.onRead(notice));
    client.on('typing', (notice: TypingNotify) => this.onTyping(notice));
  }

  /** Runs one input line; resolves false once the user quit. */
  async handle(input: string): Promise<boolean> {
    const line = input.trim();
    if (line === '') return true;
    try {
      if (!line.startsWith('/') || line.startsWith('//')) {
        await this.send(line.startsWith('//') ? input.trimStart().slice(1) : input);
        return true;
      }
      const [command = '', ...args] = line.split(/\s+/);
      switch (command) {
        case '/to': this.chooseConversation(args[0]); break;
        case '/group': await this.chooseGroup(args[0]); break;
        case '/newgroup': await this.newGroup(line.slice(command.length)); break;
        case '/add': await this.changeMembers('add', args); break;
        case '/remove': await this.changeMembers('remove', args); break;
        case '/leave': await this.leave(); break;
        case '/members': await this.members(); break;
        case '/history': await this.showHistory(args[0]); break;
        case '/recall': await this.recall(args[0]); break;
        case '/list': await this.list(); break;
        case '/read': await this.markRead(); break;
        case '/help': HELP.forEach((help) => this.print(help)); break;
        case '/quit':
          await this.quit();
          return false;
        default: this.print(`unknown command ${command}; /help lists the commands`);
      }
    } catch (err) {
      this.print(`error: ${describeError(err)}`);
    }
    return true;
  }

  /** Closes the connection without reporting it as lost. */
  async quit(): Promise<void> {
    this.quitting = true;
    await this.client.close();
  }

  private chooseConversation(peer: string | undefined): void {
    if (!isUserId(peer)) {
      this.print('usage: /to USER_ID (a decimal user id)');
      return;
    }
    this.current = { kind: 'c2c', peer, convId: c2cConvId(this.me(), peer) };
    this.print(`chatting with ${peer} in ${this.current.convId}`);
  }

  /** GROUP_INFO first: a group that does not exist, or was never joined, is not opened. */
  private async chooseGroup(groupId: string | undefined): Promise<void> {
    if (!isUserId(groupId)) {
      this.print('usage: /group ID (a decimal group id)');
      return;
    }
    const { group } = await this.client.groupInfo(groupId, { limit: 1 });
    this.openGroup(group);
  }

  private openGroup(group: GroupInfo): void {
    this.groupNames.set(group.groupId, group.name);
    this.current = { kind: 'group', groupId: group.groupId, convId: groupConvId(group.groupId) };
    this.print(`chatting in group ${group.groupId} ${quoted(group.name)} (${count(group.memberCount, 'member')}) in ${this.current.convId}`);
  }

  private async newGroup(rest: string): Promise<void> {
    const parsed = parseNewGroup(rest);
    if (parsed === null) {
      this.print('usage: /newgroup NAME [USER_ID...] (a NAME with spaces in "double quotes")');
      return;
    }
    const group = await this.client.createGroup(parsed.name, parsed.members);
    this.print(`group ${group.groupId} created`);
    this.openGroup(group);
  }

  private async changeMembers(change: 'add' | 'remove', userIds: string[]): Promise<void> {
    const conv = this.group();
    if (!conv) return;
    if (userIds.length === 0 || !userIds.every((id) => isUserId(id))) {
      this.print(`usage: /${change} USER_ID... (decimal user ids)`);
      return;
    }
    // The change itself is shown by its entries, which the SDK fetches: this line says where it left the group.
    const group = await this.client.updateMembers(conv.groupId, { [change]: userIds });
    this.print(`group ${group.groupId} has ${count(group.memberCount, 'member')}`);
  }

  private async leave(): Promise<void> {
    const conv = this.group();
    if (!conv) return;
    await this.client.leaveGroup(conv.groupId);
    // It stays open: a former member still reads the group's history up to its leaving.
    this.print(`left group ${conv.groupId}`);
  }

  private async members(): Promise<void> {
    const conv = this.group();
    if (!conv) return;
    const members = await this.client.groupMembers(conv.groupId);
    this.print(`members of group ${conv.groupId}: ${members.length}`);
    for (const member of members) this.print(`${member.userId} ${ROLE_NAMES[member.role] ?? `role ${member.role}`}`);
  }

  private async send(content: string): Promise<void> {
    const conv = this.conversation();
    if (!conv) return;
    const { msgId } = conv.kind === 'group'
      ? await this.client.sendGroup(conv.groupId, content)
      : await this.client.send(conv.peer, content);
    this.lastSent = msgId;
    this.print(`sent ${msgId}`);
  }

  private async showHistory(arg: string | undefined): Promise<void> {
    const conv = this.conversation();
    if (!conv) return;
    const wanted = arg === undefined ? DEFAULT_HISTORY : /^\d+$/.test(arg) ? Number(arg) : NaN;
    if (!(wanted >= 1 && wanted <= MAX_HISTORY)) {
      this.print(`usage: /history [N] with N from 1 to ${MAX_HISTORY}`);
      return;
    }
    const entries: ChatMessage[] = [];
    let beforeSeq = '0';
    // The server caps a page; older pages are fetched until N entries or the start.
    while (entries.length < wanted) {
      const page = await this.client.history(conv.convId, { beforeSeq, limit: wanted - entries.length });
      entries.unshift(...page.messages);
      const oldest = page.messages[0]?.seq;
      if (!page.hasMore || oldest === undefined) break;
      beforeSeq = oldest;
    }
    this.print(`history of ${conv.convId}: ${count(entries.length, 'entry', 'entries')}`);
    for (const entry of entries) this.print(`#${entry.seq ?? '0'} ${entry.msgId} ${describe(entry)}`);
  }

  private async recall(arg: string | undefined): Promise<void> {
    const msgId = arg ?? this.lastSent;
    if (msgId === null) {
      this.print('nothing to recall: you have not sent anything yet');
      return;
    }
    if (!isUserId(msgId)) {
      this.print('usage: /recall [MSG_ID] (a decimal message id)');
      return;
    }
    await this.client.recall(msgId);
    this.recallsShown.add(msgId);
    this.print(`recalled ${msgId}`);
  }

  private async list(): Promise<void> {
    const { convs } = await this.client.syncAll();
    await this.lookUpGroupNames(convs.filter(isGroupConv).map((conv) => conv.groupId));
    this.print(`conversations: ${convs.length}`);
    for (const conv of convs) {
      const name = this.groupNames.get(conv.groupId);
      const who = isGroupConv(conv) ? `group${name === undefined ? '' : ` ${quoted(name)}`}` : `with ${conv.peerUserId}`;
      this.print(`${conv.convId} ${who}: ${conv.unread} unread${conv.last ? `, last ${describe(conv.last)}` : ''}`);
    }
  }

  /**
   * Names of groups not seen yet, a few GROUP_INFO at a time; a group whose lookup fails is
   * listed without its name rather than failing the whole list.
   */
  private async lookUpGroupNames(groupIds: Id[]): Promise<void> {
    const missing = groupIds.filter((id) => !this.groupNames.has(id));
    for (let i = 0; i < missing.length; i += NAME_LOOKUPS_AT_ONCE) {
      await Promise.all(missing.slice(i, i + NAME_LOOKUPS_AT_ONCE).map((groupId) => this.client.groupInfo(groupId, { limit: 1 }).then(
        ({ group }) => { this.groupNames.set(groupId, group.name); },
        () => {},
      )));
    }
  }

  private async markRead(): Promise<void> {
    const conv = this.conversation();
    if (!conv) return;
    const latest = (await this.client.history(conv.convId, { limit: 1 })).messages.at(-1)?.seq;
    if (latest === undefined) {
      this.print(`nothing to read in ${conv.convId}`);
      return;
    }
    const resp = await this.client.markRead(conv.convId, latest);
    this.print(`read up to seq ${resp.readSeq}, ${resp.unread} unread`);
  }

  private onMessage(message: ChatMessage): void {
    if (message.format === MsgFormat.RECALL) {
      this.showRecall(message.fromUserId, message.recalledMsgId ?? '0');
      return;
    }
    const mine = message.fromUserId === this.userId;
    // An own message sent from another device: the line names its receiver.
    this.print(mine ? `[${message.fromUserId} to ${message.toUserId}] ${body(message)}` : describe(message));
    if (!mine) this.readIfOpen(message);
  }

  private onGroupMessage(message: ChatMessage): void {
    const groupId = message.groupId !== undefined && message.groupId !== '0' && message.groupId !== ''
      ? message.groupId
      : (message.convId ?? '').replace(/^g_/, '');
    if (message.format === MsgFormat.RECALL) {
      this.showRecall(message.fromUserId, message.recalledMsgId ?? '0');
      return;
    }
    const event = message.format === MsgFormat.GROUP_EVENT ? message.groupEvent : null;
    if (event) {
      if (event.kind === GroupEventKind.CREATED || event.kind === GroupEventKind.RENAMED) this.groupNames.set(groupId, event.name);
      this.print(`group ${groupId}${event.kind === GroupEventKind.RENAMED ? ' ' : ': '}${eventText(event)}`);
      return;
    }
    this.print(`[g:${groupId} ${message.fromUserId}] ${body(message)}`);
    if (message.fromUserId !== this.userId) this.readIfOpen(message);
  }

  /** What is on screen in the open conversation has been read. */
  private readIfOpen(message: ChatMessage): void {
    if (message.convId === undefined || message.convId !== this.current?.convId || message.seq === undefined) return;
    this.client.markRead(message.convId, message.seq).catch((err: unknown) => this.print(`error: ${describeError(err)}`));
  }

  private onRead(notice: ReadNotify): void {
    this.print(notice.userId === this.userId
      ? `read on another device up to seq ${notice.readSeq} in ${notice.convId}`
      : `read by ${notice.userId} up to seq ${notice.readSeq}`);
  }

  private onTyping(notice: TypingNotify): void {
    // In a group the line has to say which one; one-to-one the typist is the conversation.
    const where = notice.convId.startsWith('g_') ? ` in group ${notice.convId.slice(2)}` : '';
    this.print(`${notice.userId} ${notice.typing ? 'is typing' : 'stopped typing'}${where}`);
  }

  private showRecall(by: Id, msgId: Id): void {
    if (this.recallsShown.has(msgId)) return;
    this.recallsShown.add(msgId);
    this.print(`${by} recalled ${msgId}`);
  }

  private conversation(): Conversation | null {
    if (this.current === null) this.print('no conversation: choose one with /to USER_ID or /group ID');
    return this.current;
  }

  private group(): GroupConversation | null {
    if (this.current?.kind !== 'group') {
      this.print('no group open: choose one with /group ID or create one with /newgroup NAME');
      return null;
    }
    return this.current;
  }

  private me(): Id {
    if (this.userId === null) throw new Error('not logged in yet');
    return this.userId;
  }
}

/** `NAME [USER_ID...]`, NAME one word or "in double quotes"; null when malformed. */
export function parseNewGroup(rest: string): { name: string; members: Id[] } | null {
  const text = rest.trim();
  let name: string;
  let after: string;
  if (text.startsWith('"')) {
    const end = text.indexOf('"', 1);
    if (end < 0) return null;
    name = text.slice(1, end);
    after = text.slice(end + 1);
    // `"a"b` is more likely a typo than a name followed by a member.
    if (after !== '' && !/^\s/.test(after)) return null;
  } else {
    [name = '', after = ''] = text.split(/\s+(.*)/s);
  }
  const members = after.trim() === '' ? [] : after.trim().split(/\s+/);
  if (name.trim() === '' || !members.every((id) => isUserId(id))) return null;
  return { name, members };
}

function isGroupConv(conv: ConvState): boolean {
  return conv.groupId !== '0' && conv.groupId !== '';
}

/** `[from] content` for messages, with recalls spelt out (their content is empty); a phrase for group events. */
function describe(message: ChatMessage): string {
  if (message.format === MsgFormat.GROUP_EVENT && message.groupEvent) return eventText(message.groupEvent);
  return `[${message.fromUserId}] ${body(message)}`;
}

function body(message: ChatMessage): string {
  if (message.format === MsgFormat.RECALL) return `recalled ${message.recalledMsgId ?? '0'}`;
  if (message.recalled) return '(recalled)';
  return oneLine(message.content);
}

/** What a GROUP_EVENT entry changed, as a phrase with the acting user as its subject. */
export function eventText(event: GroupEvent): string {
  const users = event.userIds.join(', ');
  switch (event.kind) {
    case GroupEventKind.CREATED: {
      // user_ids lists the owner first; "created X with" names the others.
      const others = event.userIds.filter((id) => id !== event.actorUserId);
      return `${event.actorUserId} created ${quoted(event.name)}${others.length > 0 ? ` with ${others.join(', ')}` : ''}`;
    }
    case GroupEventKind.MEMBERS_ADDED: return `${event.actorUserId} added ${users}`;
    case GroupEventKind.MEMBERS_REMOVED: return `${event.actorUserId} removed ${users}`;
    case GroupEventKind.MEMBER_LEFT: return `${users || event.actorUserId} left`;
    case GroupEventKind.ROLES_CHANGED: return `${event.actorUserId} changed the role of ${users}`;
    case GroupEventKind.RENAMED: return `renamed to ${quoted(event.name)} by ${event.actorUserId}`;
    default: return `${event.actorUserId} changed the group (event ${event.kind}${users ? ` for ${users}` : ''})`;
  }
}

/** A name in double quotes, one line: JSON escapes quotes and C0 controls, oneLine the rest. */
function quoted(name: string): string {
  return oneLine(JSON.stringify(name));
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Control characters (C0, DEL, C1) as escapes: a peer's text must not move the cursor, recolour
 * the terminal or split one message over several output lines.
 */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

function describeError(err: unknown): string {
  if (err instanceof ImError && err.kind === 'server') return `${ErrorCode[err.code] ?? err.code}: ${oneLine(err.message)}`;
  return err instanceof Error ? err.message : String(err);
}
