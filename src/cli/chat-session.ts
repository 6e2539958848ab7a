// The terminal chat's behaviour, apart from the process: one input line in, output lines out.
// Every output line has a fixed shape (see HELP and the README) so that scripts and tests can
// read it; content from the network is escaped so that it stays one line and never drives the
// terminal.
import type { ImClient, ReadNotify, RecallNotify, TypingNotify } from '../client/im-client.js';
import { ImError } from '../client/im-error.js';
import { c2cConvId } from '../conversations/conv-id.js';
import { isUserId, type Id } from '../ids/id.js';
import { ErrorCode, KickReason, MsgFormat, type ChatMessage } from '../protocol/messages.js';

export const HELP = [
  'commands:',
  '  /to USER_ID     chat with USER_ID; plain lines are sent to them (start a line with // to send one beginning with /)',
  '  /history [N]    the last N entries of the conversation (default 20)',
  '  /recall [MSG]   recall message MSG, or the last one you sent',
  '  /list           every conversation with its unread count',
  '  /read           mark the conversation read',
  '  /group ID       group chat (not available on this server yet)',
  '  /help           this list',
  '  /quit           leave',
];

export const GROUP_UNAVAILABLE = 'group chat is not available on this server yet';

const DEFAULT_HISTORY = 20;
/** /history pages backwards through HISTORY_REQ; this bounds how many round trips one line costs. */
const MAX_HISTORY = 1000;

interface Conversation {
  peer: Id;
  convId: string;
}

export class ChatSession {
  private userId: Id | null = null;
  private current: Conversation | null = null;
  private lastSent: Id | null = null;
  /** A recall reaches us as RECALL_NOTIFY and again as its tombstone entry; it is shown once. */
  private readonly recallsShown = new Set<Id>();
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
    client.on('recall', (notice: RecallNotify) => this.showRecall(notice.fromUserId, notice.msgId));
    client.on('read', (notice: ReadNotify) => this.onRead(notice));
    client.on('typing', (notice: TypingNotify) => this.print(`${notice.userId} ${notice.typing ? 'is typing' : 'stopped typing'}`));
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
      const [command, ...args] = line.split(/\s+/);
      switch (command) {
        case '/to': this.chooseConversation(args[0]); break;
        case '/history': await this.showHistory(args[0]); break;
        case '/recall': await this.recall(args[0]); break;
        case '/list': await this.list(); break;
        case '/read': await this.markRead(); break;
        case '/group': this.print(GROUP_UNAVAILABLE); break;
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
    this.current = { peer, convId: c2cConvId(this.me(), peer) };
    this.print(`chatting with ${peer} in ${this.current.convId}`);
  }

  private async send(content: string): Promise<void> {
    const conv = this.conversation();
    if (!conv) return;
    const { msgId } = await this.client.send(conv.peer, content);
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
    this.print(`history of ${conv.convId}: ${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}`);
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
    this.print(`conversations: ${convs.length}`);
    for (const conv of convs) {
      this.print(`${conv.convId} with ${conv.peerUserId}: ${conv.unread} unread${conv.last ? `, last ${describe(conv.last)}` : ''}`);
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
    if (!mine && message.convId !== undefined && message.convId === this.current?.convId && message.seq !== undefined) {
      // What is on screen in the open conversation has been read.
      this.client.markRead(message.convId, message.seq).catch((err: unknown) => this.print(`error: ${describeError(err)}`));
    }
  }

  private onRead(notice: ReadNotify): void {
    this.print(notice.userId === this.userId
      ? `read on another device up to seq ${notice.readSeq} in ${notice.convId}`
      : `read by ${notice.userId} up to seq ${notice.readSeq}`);
  }

  private showRecall(by: Id, msgId: Id): void {
    if (this.recallsShown.has(msgId)) return;
    this.recallsShown.add(msgId);
    this.print(`${by} recalled ${msgId}`);
  }

  private conversation(): Conversation | null {
    if (this.current === null) this.print('no conversation: choose one with /to USER_ID');
    return this.current;
  }

  private me(): Id {
    if (this.userId === null) throw new Error('not logged in yet');
    return this.userId;
  }
}

/** `[from] content`, with recalls spelt out (their content is empty). */
function describe(message: ChatMessage): string {
  return `[${message.fromUserId}] ${body(message)}`;
}

function body(message: ChatMessage): string {
  if (message.format === MsgFormat.RECALL) return `recalled ${message.recalledMsgId ?? '0'}`;
  if (message.recalled) return '(recalled)';
  return oneLine(message.content);
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
