// The web chat page: log in with a token, the conversation list (one-to-one and groups) with
// unread counts, one open conversation with scroll-back, send, recall, read marks and typing,
// creating groups, all through ImClient (bundled for browsers by scripts/build-web.ts). What users
// typed reaches the DOM as text only.
import { groupConvId, ImClient, type ConvState, type GroupEvent, type ReadNotify, type TypingNotify } from '../src/client/im-client.js';
import { ImError } from '../src/client/im-error.js';
import { c2cConvId } from '../src/conversations/conv-id.js';
import { compareIds, isUserId } from '../src/ids/id.js';
import { ErrorCode, GroupEventKind, KickReason, MsgFormat, type ChatMessage, type Id, type Seq } from '../src/protocol/messages.js';
import { randomUUID } from './shims/crypto.js';

const PAGE_SIZE = 30;
/** Scrolled this close to the top (px), the next older page is loaded. */
const LOAD_OLDER_PX = 40;
/** This close to the bottom (px), new messages keep the view at the bottom. */
const STICK_BOTTOM_PX = 40;
/** The SDK repeats "typing" at most every 3.5 s while keys come; silence this long means the peer stopped (or left). */
const TYPING_SHOWN_MS = 8000;
/** No key for this long: this user stopped typing. */
const TYPING_IDLE_MS = 4000;
/** Several changes in a row (a recall, a reconnect) cost one SYNC. */
const REFRESH_DELAY_MS = 150;

interface Preview {
  msgId: Id;
  fromUserId: Id;
  content: string;
  recalled: boolean;
  /** A group event's line in place of a message. */
  event: string | null;
}

interface Conv {
  convId: string;
  /** One-to-one: the other user; a group: '0'. */
  peer: Id;
  /** A group's id; null for one-to-one. */
  groupId: Id | null;
  maxSeq: Seq;
  readSeq: Seq;
  peerReadSeq: Seq;
  unread: number;
  /**
   * The highest seq `unread` already takes into account: a SYNC's count covers its maxSeq, and
   * the offline pushes of a login may reach the page after the SYNC that counted them.
   */
  countedSeq: Seq;
  last: Preview | null;
  updateTimeMs: number;
}

/**
 * A message of the open conversation, an own message still waiting for its ack (msgId null), or
 * a group event (a system line: `event` set).
 */
interface Row {
  clientMsgId: string;
  msgId: Id | null;
  seq: Seq | null;
  fromUserId: Id;
  content: string;
  timeMs: number;
  recalled: boolean;
  failed: string | null;
  event: string | null;
}

interface OpenConv {
  conv: Conv;
  rows: Row[];
  byMsgId: Map<Id, Row>;
  /** Own rows, so that an own message met again (echo, history) merges with the one sent here. */
  byClientMsgId: Map<string, Row>;
  /** Lowest seq loaded, tombstones included: where the next older page ends. */
  oldestSeq: Seq | null;
  /** Highest seq seen: what opening the conversation marks read. */
  newestSeq: Seq;
  hasOlder: boolean;
  loadingOlder: boolean;
}

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`index.html has no #${id}`);
  return found as T;
}

const ui = {
  banner: byId('banner'),
  login: byId('login'),
  loginForm: byId<HTMLFormElement>('login-form'),
  tokenInput: byId<HTMLInputElement>('token-input'),
  loginButton: byId<HTMLButtonElement>('login-button'),
  loginError: byId('login-error'),
  chat: byId('chat'),
  me: byId('me'),
  logoutButton: byId<HTMLButtonElement>('logout-button'),
  newConvForm: byId<HTMLFormElement>('new-conv-form'),
  peerInput: byId<HTMLInputElement>('peer-input'),
  newGroupForm: byId<HTMLFormElement>('new-group-form'),
  groupNameInput: byId<HTMLInputElement>('group-name-input'),
  groupMembersInput: byId<HTMLInputElement>('group-members-input'),
  createGroupButton: byId<HTMLButtonElement>('create-group-button'),
  convList: byId('conv-list'),
  convHeader: byId('conv-header'),
  pane: byId('messages-pane'),
  loadOlder: byId<HTMLButtonElement>('load-older'),
  messages: byId('messages'),
  typing: byId('typing'),
  composer: byId<HTMLFormElement>('composer'),
  messageInput: byId<HTMLInputElement>('message-input'),
  chatError: byId('chat-error'),
};

let client: ImClient | null = null;
let me: Id | null = null;
const convs = new Map<string, Conv>();
let open: OpenConv | null = null;
let lastKick: KickReason | null = null;
let refreshTimer: ReturnType<typeof setTimeout> | null = null;
let typingHideTimer: ReturnType<typeof setTimeout> | null = null;
/** Whose typing is shown: their next message ends it. */
let typingUser: Id | null = null;
let typingIdleTimer: ReturnType<typeof setTimeout> | null = null;
/** The conversation this user was last said to be typing in; null when "stopped" was sent. */
let typingIn: string | null = null;
/** SYNC and group entries name a group by id only: names come from GROUP_INFO, CREATED and RENAMED, kept for the session. */
const groupNames = new Map<Id, string>();
/** GROUP_INFO asked and not answered yet, so that a burst of entries costs one lookup. */
const nameLookups = new Set<Id>();

const maxSeq = (a: Seq, b: Seq): Seq => (compareIds(a, b) >= 0 ? a : b);
const hasSeq = (seq: Seq | undefined): seq is Seq => seq !== undefined && seq !== '0';
const pageVisible = () => document.visibilityState === 'visible';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function describe(err: unknown): string {
  if (err instanceof ImError && err.kind === 'server') return `${ErrorCode[err.code] ?? err.code}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}

function socketUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

// ---- connection ----

async function logIn(token: string): Promise<void> {
  ui.loginError.textContent = '';
  ui.loginButton.disabled = true;
  // A device id per page load: two tabs of one user are two devices, not a duplicate login.
  const c = new ImClient({ url: socketUrl(), token, deviceId: `web-${randomUUID().slice(0, 8)}`, platform: 'web', echoOwnMessages: true });
  listen(c);
  client = c;
  try {
    await c.connect();
  } catch (err) {
    client = null;
    ui.loginError.textContent = `Login failed: ${describe(err)}`;
    return;
  } finally {
    ui.loginButton.disabled = false;
  }
  ui.login.hidden = true;
  ui.chat.hidden = false;
  ui.peerInput.focus();
}

async function logOut(): Promise<void> {
  const c = client;
  client = null;
  me = null;
  open = null;
  convs.clear();
  groupNames.clear();
  nameLookups.clear();
  stopTyping();
  hideTyping();
  showBanner(null);
  renderList();
  renderConversation();
  ui.chat.hidden = true;
  ui.login.hidden = false;
  await c?.close();
}

function listen(c: ImClient): void {
  const mine = () => c === client;
  c.on('connected', (auth) => {
    if (!mine()) return;
    const again = me !== null;
    me = auth.userId;
    lastKick = null;
    ui.me.textContent = `user ${me}`;
    showBanner(null);
    // The first list, and after a reconnect whatever changed meanwhile.
    scheduleRefresh(0);
    if (again) void catchUpOpen();
  });
  c.on('disconnected', () => {
    if (mine()) showBanner('disconnected', disconnectedText());
  });
  c.on('reconnecting', ({ attempt }) => {
    if (mine()) showBanner('reconnecting', `Connection lost. Reconnecting (attempt ${attempt})…`);
  });
  c.on('kick', (kick) => {
    if (mine()) lastKick = kick.reason;
  });
  c.on('error', (err) => {
    if (!mine()) return;
    // A refused login while reconnecting ends the client: say so, the banner is all there is.
    if (err instanceof ImError && err.kind === 'server' && err.code === ErrorCode.UNAUTHENTICATED) {
      showBanner('disconnected', `Session ended (${err.message}). Log out and in again with a fresh token.`);
    } else {
      console.warn('im-connect:', err);
    }
  });
  c.on('message', (m) => {
    if (mine()) onMessage(m);
  });
  c.on('groupMessage', (m) => {
    if (mine()) onGroupMessage(m);
  });
  c.on('recall', (r) => {
    if (!mine()) return;
    markRecalled(r.msgId);
    scheduleRefresh();
  });
  c.on('read', (r) => {
    if (mine()) onRead(r);
  });
  c.on('typing', (t) => {
    if (mine()) onTyping(t);
  });
}

function disconnectedText(): string {
  if (lastKick === KickReason.DUPLICATE_LOGIN) return 'Disconnected: this device logged in elsewhere.';
  if (lastKick !== null) return `Disconnected by the server (${KickReason[lastKick] ?? lastKick}).`;
  return 'Disconnected.';
}

function showBanner(state: 'reconnecting' | 'disconnected' | null, text = ''): void {
  ui.banner.hidden = state === null;
  ui.banner.dataset.state = state ?? 'connected';
  ui.banner.textContent = text;
}

// ---- conversation list ----

function convFor(convId: string, peer: Id, groupId: Id | null = null): Conv {
  let conv = convs.get(convId);
  if (conv === undefined) {
    conv = { convId, peer, groupId, maxSeq: '0', readSeq: '0', peerReadSeq: '0', unread: 0, countedSeq: '0', last: null, updateTimeMs: 0 };
    convs.set(convId, conv);
  }
  return conv;
}

function groupConvFor(groupId: Id): Conv {
  const conv = convFor(groupConvId(groupId), '0', groupId);
  lookUpGroupName(groupId);
  return conv;
}

function convTitle(conv: Conv): string {
  if (conv.groupId === null) return `user ${conv.peer}`;
  return groupNames.get(conv.groupId) ?? `group ${conv.groupId}`;
}

function lookUpGroupName(groupId: Id): void {
  const c = client;
  if (c === null || groupNames.has(groupId) || nameLookups.has(groupId)) return;
  nameLookups.add(groupId);
  c.groupInfo(groupId, { limit: 1 }).then(({ group }) => {
    if (c !== client) return;
    // A CREATED or RENAMED entry that came meanwhile is newer than this answer.
    if (!groupNames.has(groupId)) setGroupName(groupId, group.name);
  }, (err: unknown) => console.warn(`im-connect: no name for group ${groupId}`, err)).finally(() => nameLookups.delete(groupId));
}

function setGroupName(groupId: Id, name: string): void {
  groupNames.set(groupId, name);
  renderList();
  if (open?.conv.groupId === groupId) renderHeader();
}

function scheduleRefresh(delayMs = REFRESH_DELAY_MS): void {
  if (refreshTimer !== null) return;
  refreshTimer = setTimeout(() => {
    refreshTimer = null;
    void refreshList();
  }, delayMs);
}

async function refreshList(): Promise<void> {
  const c = client;
  if (c === null) return;
  let states: ConvState[];
  try {
    states = (await c.syncAll()).convs;
  } catch (err) {
    // A dropped connection refreshes again once it is back ('connected').
    if (!(err instanceof ImError && (err.kind === 'disconnected' || err.kind === 'closed'))) showChatError(`Could not load the conversations: ${describe(err)}`);
    return;
  }
  if (c !== client) return;
  for (const state of states) applyState(state);
  renderList();
  if (open !== null) renderMessages();
  // A SYNC answered before our last READ counts the open conversation unread again: mark it anew.
  markOpenRead();
}

function applyState(state: ConvState): void {
  const conv = state.groupId !== '0' && state.groupId !== '' ? groupConvFor(state.groupId) : convFor(state.convId, state.peerUserId);
  conv.maxSeq = maxSeq(conv.maxSeq, state.maxSeq);
  // A READ that landed after this SYNC was answered knows the count better.
  if (compareIds(state.readSeq, conv.readSeq) >= 0) {
    conv.unread = state.unread;
    conv.countedSeq = maxSeq(conv.countedSeq, state.maxSeq);
  }
  conv.readSeq = maxSeq(conv.readSeq, state.readSeq);
  conv.peerReadSeq = maxSeq(conv.peerReadSeq, state.peerReadSeq);
  conv.updateTimeMs = Math.max(conv.updateTimeMs, state.updateTimeMs);
  if (state.last !== null) conv.last = preview(state.last);
}

/** A tombstone previews as the message it recalled. */
function preview(m: ChatMessage): Preview {
  if (m.format === MsgFormat.RECALL) return { msgId: m.recalledMsgId ?? m.msgId, fromUserId: m.fromUserId, content: '', recalled: true, event: null };
  const event = eventOf(m);
  return { msgId: m.msgId, fromUserId: m.fromUserId, content: m.content, recalled: m.recalled ?? false, event: event === null ? null : eventText(event) };
}

function eventOf(m: ChatMessage): GroupEvent | null {
  return m.format === MsgFormat.GROUP_EVENT ? m.groupEvent ?? null : null;
}

function who(userId: Id): string {
  return userId === me ? 'you' : `user ${userId}`;
}

/** A group event as a sentence for a system line and the list's preview. */
function eventText(event: GroupEvent): string {
  const actor = who(event.actorUserId);
  const users = event.userIds.map(who).join(', ');
  switch (event.kind) {
    case GroupEventKind.CREATED: {
      // user_ids lists the owner first; "with" names the others.
      const others = event.userIds.filter((id) => id !== event.actorUserId).map(who);
      return `${actor} created the group “${event.name}”${others.length > 0 ? ` with ${others.join(', ')}` : ''}`;
    }
    case GroupEventKind.MEMBERS_ADDED: return `${actor} added ${users}`;
    case GroupEventKind.MEMBERS_REMOVED: return `${actor} removed ${users}`;
    case GroupEventKind.MEMBER_LEFT: return `${users || actor} left`;
    case GroupEventKind.ROLES_CHANGED: return `${actor} changed the role of ${users}`;
    case GroupEventKind.RENAMED: return `${actor} renamed the group to “${event.name}”`;
    default: return `${actor} changed the group`;
  }
}

function previewText(conv: Conv): string {
  const last = conv.last;
  if (last === null) return 'no messages yet';
  if (last.event !== null) return last.event;
  if (last.recalled) return 'message recalled';
  if (last.fromUserId === me) return `you: ${last.content}`;
  return conv.groupId === null ? last.content : `user ${last.fromUserId}: ${last.content}`;
}

function renderList(): void {
  const ordered = [...convs.values()].sort((a, b) => b.updateTimeMs - a.updateTimeMs || (a.convId < b.convId ? -1 : 1));
  ui.convList.replaceChildren(...ordered.map((conv) => {
    const classes = ['conv', conv.groupId === null ? 'c2c' : 'group', ...(conv === open?.conv ? ['active'] : [])];
    const ident: Record<string, string> = conv.groupId === null ? { 'data-peer': conv.peer } : { 'data-group-id': conv.groupId };
    const item = el('li', { class: classes.join(' '), 'data-testid': 'conv-item', 'data-conv-id': conv.convId, ...ident });
    const button = el('button', { type: 'button' });
    const badge = el('span', { class: 'unread', 'data-testid': 'unread' }, conv.unread > 999 ? '999+' : String(conv.unread));
    badge.hidden = conv.unread === 0;
    button.append(el('span', { class: 'peer', 'data-testid': 'conv-peer' }, convTitle(conv)), badge, el('span', { class: 'preview', 'data-testid': 'conv-preview' }, previewText(conv)));
    button.addEventListener('click', () => void openConversation(conv));
    item.append(button);
    return item;
  }));
}

// ---- incoming ----

function onMessage(m: ChatMessage): void {
  if (me === null || (m.groupId !== undefined && m.groupId !== '0')) return;
  const convId = m.convId || c2cConvId(m.fromUserId, m.toUserId);
  onEntry(convFor(convId, m.fromUserId === me ? m.toUserId : m.fromUserId), m);
}

function onGroupMessage(m: ChatMessage): void {
  const groupId = m.groupId !== undefined && m.groupId !== '0' && m.groupId !== '' ? m.groupId : m.convId?.replace(/^g_/, '');
  if (me === null || groupId === undefined || !isUserId(groupId)) return;
  const event = eventOf(m);
  if (event !== null && (event.kind === GroupEventKind.CREATED || event.kind === GroupEventKind.RENAMED)) setGroupName(groupId, event.name);
  onEntry(groupConvFor(groupId), m);
}

/** An entry of either kind: the list's preview and unread count, and the open conversation. */
function onEntry(conv: Conv, m: ChatMessage): void {
  const uncounted = !hasSeq(m.seq) || compareIds(m.seq, conv.countedSeq) > 0;
  if (hasSeq(m.seq)) {
    conv.maxSeq = maxSeq(conv.maxSeq, m.seq);
    conv.countedSeq = maxSeq(conv.countedSeq, m.seq);
  }
  const reading = open?.conv === conv && pageVisible();
  if (m.format === MsgFormat.RECALL) {
    if (m.recalledMsgId !== undefined) markRecalled(m.recalledMsgId);
    // The recalled message may have been one of the unread.
    if (!reading) scheduleRefresh();
  } else {
    conv.last = preview(m);
    conv.updateTimeMs = Math.max(conv.updateTimeMs, m.createTimeMs);
    // Group events are not messages: the server does not count them as unread either.
    if (uncounted && m.fromUserId !== me && !m.recalled && eventOf(m) === null && !reading) conv.unread++;
  }
  if (open?.conv === conv) {
    addEntry(open, m);
    if (m.fromUserId === typingUser) hideTyping();
    renderMessages();
    markOpenRead();
  }
  renderList();
}

function markRecalled(msgId: Id): void {
  for (const conv of convs.values()) {
    if (conv.last?.msgId === msgId) conv.last = { ...conv.last, content: '', recalled: true };
  }
  const row = open?.byMsgId.get(msgId);
  if (row !== undefined) {
    row.recalled = true;
    row.content = '';
    renderMessages();
  }
  renderList();
}

function onRead(r: ReadNotify): void {
  const conv = convs.get(r.convId);
  if (conv === undefined || r.userId === me) {
    // Read on another device of this user: the unread count is the server's to say.
    scheduleRefresh();
    return;
  }
  conv.peerReadSeq = maxSeq(conv.peerReadSeq, r.readSeq);
  if (open?.conv === conv) renderMessages();
}

function onTyping(t: TypingNotify): void {
  if (open === null || t.convId !== open.conv.convId || t.userId === me) return;
  // In a group another member's stop must not hide the one still typing.
  if (!t.typing) return t.userId === typingUser ? hideTyping() : undefined;
  typingUser = t.userId;
  ui.typing.textContent = `user ${t.userId} is typing…`;
  ui.typing.hidden = false;
  if (typingHideTimer !== null) clearTimeout(typingHideTimer);
  typingHideTimer = setTimeout(hideTyping, TYPING_SHOWN_MS);
}

function hideTyping(): void {
  if (typingHideTimer !== null) clearTimeout(typingHideTimer);
  typingHideTimer = null;
  typingUser = null;
  ui.typing.hidden = true;
  ui.typing.textContent = '';
}

// ---- the open conversation ----

function openPeer(peer: Id): void {
  if (me !== null) void openConversation(convFor(c2cConvId(me, peer), peer));
}

async function openConversation(conv: Conv): Promise<void> {
  const c = client;
  if (c === null || me === null) return;
  stopTyping();
  hideTyping();
  showChatError('');
  const view: OpenConv = {
    conv, rows: [], byMsgId: new Map(), byClientMsgId: new Map(),
    oldestSeq: null, newestSeq: '0', hasOlder: false, loadingOlder: false,
  };
  open = view;
  renderConversation();
  renderList();
  ui.messageInput.focus();
  try {
    const page = await c.history(conv.convId, { limit: PAGE_SIZE });
    if (open !== view) return;
    for (const m of page.messages) addEntry(view, m);
    view.hasOlder = page.hasMore;
    renderMessages('bottom');
    markOpenRead();
  } catch (err) {
    if (open === view) showChatError(`Could not load the conversation: ${describe(err)}`);
  }
}

async function loadOlder(): Promise<void> {
  const c = client;
  const view = open;
  if (c === null || view === null || !view.hasOlder || view.loadingOlder || view.oldestSeq === null) return;
  view.loadingOlder = true;
  ui.loadOlder.disabled = true;
  try {
    const page = await c.history(view.conv.convId, { beforeSeq: view.oldestSeq, limit: PAGE_SIZE });
    if (open !== view) return;
    for (const m of page.messages) addEntry(view, m);
    view.hasOlder = page.hasMore;
    renderMessages('keep');
  } catch (err) {
    if (open === view) showChatError(`Could not load older messages: ${describe(err)}`);
  } finally {
    view.loadingOlder = false;
    ui.loadOlder.disabled = false;
  }
}

/**
 * After a reconnect: the SDK catches up on conversations it delivered something of, but one that
 * was only read through HISTORY is this page's to fetch.
 */
async function catchUpOpen(): Promise<void> {
  const c = client;
  const view = open;
  if (c === null || view === null) return;
  try {
    let more = true;
    while (more && open === view) {
      const page = await c.history(view.conv.convId, { afterSeq: view.newestSeq, limit: 100 });
      for (const m of page.messages) addEntry(view, m);
      more = page.hasMore && page.messages.length > 0;
    }
  } catch (err) {
    console.warn('im-connect: open conversation not caught up', err);
    return;
  }
  if (open !== view) return;
  renderMessages();
  markOpenRead();
}

/** Adds an entry, pushed or from HISTORY, once: tombstones mark their original instead of showing. */
function addEntry(view: OpenConv, m: ChatMessage): void {
  if (hasSeq(m.seq)) {
    view.newestSeq = maxSeq(view.newestSeq, m.seq);
    if (view.oldestSeq === null || compareIds(m.seq, view.oldestSeq) < 0) view.oldestSeq = m.seq;
  }
  if (m.format === MsgFormat.RECALL) {
    const original = view.byMsgId.get(m.recalledMsgId ?? '');
    if (original !== undefined) Object.assign(original, { recalled: true, content: '' });
    return;
  }
  const event = eventOf(m);
  const known = view.byMsgId.get(m.msgId) ?? (m.fromUserId === me && event === null ? view.byClientMsgId.get(m.clientMsgId) : undefined);
  if (known !== undefined) {
    known.msgId = m.msgId;
    if (hasSeq(m.seq)) known.seq = m.seq;
    if (m.recalled) Object.assign(known, { recalled: true, content: '' });
    view.byMsgId.set(m.msgId, known);
  } else {
    const row: Row = {
      clientMsgId: m.clientMsgId, msgId: m.msgId, seq: hasSeq(m.seq) ? m.seq : null, fromUserId: m.fromUserId,
      content: m.recalled ? '' : m.content, timeMs: m.createTimeMs, recalled: m.recalled ?? false, failed: null,
      event: event === null ? null : eventText(event),
    };
    view.rows.push(row);
    view.byMsgId.set(m.msgId, row);
    if (m.fromUserId === me && event === null) view.byClientMsgId.set(m.clientMsgId, row);
  }
  sortRows(view);
}

/** By seq; own messages still without one (not acked yet) last, in the order they were sent. */
function sortRows(view: OpenConv): void {
  view.rows.sort((a, b) => {
    if (a.seq === null || b.seq === null) return (a.seq === null ? 1 : 0) - (b.seq === null ? 1 : 0);
    return compareIds(a.seq, b.seq);
  });
}

function markOpenRead(): void {
  const c = client;
  const view = open;
  if (c === null || view === null || !pageVisible() || compareIds(view.newestSeq, view.conv.readSeq) <= 0) return;
  const conv = view.conv;
  c.markRead(conv.convId, view.newestSeq).then((resp) => {
    conv.readSeq = maxSeq(conv.readSeq, resp.readSeq);
    conv.unread = resp.unread;
    renderList();
  }, (err: unknown) => console.warn('im-connect: read mark not stored', err));
}

async function sendMessage(): Promise<void> {
  const c = client;
  const view = open;
  const content = ui.messageInput.value;
  if (c === null || view === null || me === null || content.trim() === '') return;
  ui.messageInput.value = '';
  stopTyping();
  const row: Row = { clientMsgId: randomUUID(), msgId: null, seq: null, fromUserId: me, content, timeMs: Date.now(), recalled: false, failed: null, event: null };
  view.rows.push(row);
  view.byClientMsgId.set(row.clientMsgId, row);
  renderMessages('bottom');
  const conv = view.conv;
  try {
    const sent = conv.groupId === null
      ? await c.send(conv.peer, content, { clientMsgId: row.clientMsgId })
      : await c.sendGroup(conv.groupId, content, { clientMsgId: row.clientMsgId });
    row.msgId = sent.msgId;
    row.timeMs = sent.serverTimeMs;
    if (hasSeq(sent.seq)) {
      row.seq = sent.seq;
      view.newestSeq = maxSeq(view.newestSeq, sent.seq);
      conv.maxSeq = maxSeq(conv.maxSeq, sent.seq);
    }
    view.byMsgId.set(sent.msgId, row);
    sortRows(view);
    conv.last = { msgId: sent.msgId, fromUserId: me, content, recalled: row.recalled, event: null };
    conv.updateTimeMs = Math.max(conv.updateTimeMs, sent.serverTimeMs);
  } catch (err) {
    row.failed = describe(err);
  }
  if (open === view) renderMessages();
  renderList();
}

async function recall(row: Row): Promise<void> {
  const c = client;
  if (c === null || row.msgId === null) return;
  try {
    await c.recall(row.msgId);
    markRecalled(row.msgId);
  } catch (err) {
    const late = err instanceof ImError && err.code === ErrorCode.RECALL_WINDOW_EXPIRED;
    showChatError(late ? 'Too late to recall that message.' : `Recall failed: ${describe(err)}`);
  }
}

function onComposerInput(): void {
  const c = client;
  if (c === null || open === null) return;
  if (ui.messageInput.value === '') return stopTyping();
  typingIn = open.conv.convId;
  c.typing(typingIn, true);
  if (typingIdleTimer !== null) clearTimeout(typingIdleTimer);
  typingIdleTimer = setTimeout(stopTyping, TYPING_IDLE_MS);
}

function stopTyping(): void {
  if (typingIdleTimer !== null) clearTimeout(typingIdleTimer);
  typingIdleTimer = null;
  if (typingIn !== null) client?.typing(typingIn, false);
  typingIn = null;
}

function renderConversation(): void {
  renderHeader();
  ui.composer.hidden = open === null;
  renderMessages('bottom');
}

function renderHeader(): void {
  ui.convHeader.textContent = open === null ? 'Choose a conversation, start one with a user id, or create a group.' : convTitle(open.conv);
  ui.convHeader.dataset.convId = open?.conv.convId ?? '';
}

/** 'auto': stay at the bottom if the view was there; 'keep': older rows came in above. */
function renderMessages(scroll: 'auto' | 'bottom' | 'keep' = 'auto'): void {
  const pane = ui.pane;
  const oldHeight = pane.scrollHeight;
  const oldTop = pane.scrollTop;
  const atBottom = oldHeight - oldTop - pane.clientHeight < STICK_BOTTOM_PX;
  const view = open;
  ui.messages.replaceChildren(...(view?.rows.map((row) => renderRow(view, row)) ?? []));
  ui.loadOlder.hidden = !(view?.hasOlder ?? false);
  if (scroll === 'bottom' || (scroll === 'auto' && atBottom)) pane.scrollTop = pane.scrollHeight;
  else if (scroll === 'keep') pane.scrollTop = oldTop + pane.scrollHeight - oldHeight;
}

function renderRow(view: OpenConv, row: Row): HTMLLIElement {
  if (row.event !== null) {
    const line = el('li', { class: 'system', 'data-testid': 'group-event' }, row.event);
    if (row.msgId !== null) line.dataset.msgId = row.msgId;
    if (row.seq !== null) line.dataset.seq = row.seq;
    return line;
  }
  const own = row.fromUserId === me;
  const inGroup = view.conv.groupId !== null;
  // A group has no peer read position: READ there reaches only the reader's own devices.
  const read = own && !inGroup && row.seq !== null && compareIds(row.seq, view.conv.peerReadSeq) <= 0;
  const item = el('li', {
    class: `message ${own ? 'own' : 'theirs'}${row.recalled ? ' recalled' : ''}`,
    'data-testid': 'message', 'data-own': String(own), 'data-recalled': String(row.recalled), 'data-read': String(read),
  });
  if (row.msgId !== null) item.dataset.msgId = row.msgId;
  if (row.seq !== null) item.dataset.seq = row.seq;
  item.dataset.from = row.fromUserId;
  if (inGroup && !own) item.append(el('div', { class: 'sender', 'data-testid': 'msg-sender' }, `user ${row.fromUserId}`));
  item.append(el('div', { class: 'bubble', 'data-testid': 'msg-content' }, row.recalled ? 'message recalled' : row.content));
  const meta = el('div', { class: 'meta' });
  meta.append(el('time', { datetime: new Date(row.timeMs).toISOString() }, new Date(row.timeMs).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })));
  if (own) {
    const status = row.failed !== null ? `not sent: ${row.failed}` : row.msgId === null ? 'sending…' : read ? 'read' : 'sent';
    meta.append(el('span', { class: 'status', 'data-testid': 'msg-status' }, status));
    if (row.msgId !== null && !row.recalled) {
      const button = el('button', { type: 'button', class: 'recall', 'data-testid': 'recall-button' }, 'Recall');
      button.addEventListener('click', () => void recall(row));
      meta.append(button);
    }
  }
  item.append(meta);
  return item;
}

async function createGroup(): Promise<void> {
  const c = client;
  if (c === null) return;
  const name = ui.groupNameInput.value.trim();
  const members = ui.groupMembersInput.value.split(/[\s,]+/).filter((id) => id !== '');
  const bad = members.find((id) => !isUserId(id));
  if (name === '') {
    showChatError('A group needs a name.');
    return;
  }
  if (bad !== undefined) {
    showChatError(`"${bad}" is not a user id (a decimal number above 0, up to 2^64-1).`);
    return;
  }
  ui.createGroupButton.disabled = true;
  try {
    const group = await c.createGroup(name, members);
    if (c !== client) return;
    ui.groupNameInput.value = '';
    ui.groupMembersInput.value = '';
    setGroupName(group.groupId, group.name);
    const conv = groupConvFor(group.groupId);
    conv.updateTimeMs = Math.max(conv.updateTimeMs, group.createTimeMs);
    await openConversation(conv);
  } catch (err) {
    showChatError(`Could not create the group: ${describe(err)}`);
  } finally {
    ui.createGroupButton.disabled = false;
  }
}

function showChatError(text: string): void {
  ui.chatError.textContent = text;
}

// ---- wiring ----

ui.loginForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const token = ui.tokenInput.value.trim();
  if (token !== '') void logIn(token);
});
ui.logoutButton.addEventListener('click', () => void logOut());
ui.newConvForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const peer = ui.peerInput.value.trim();
  if (!isUserId(peer)) {
    showChatError(`"${peer}" is not a user id (a decimal number above 0, up to 2^64-1).`);
    return;
  }
  ui.peerInput.value = '';
  openPeer(peer);
});
ui.newGroupForm.addEventListener('submit', (event) => {
  event.preventDefault();
  void createGroup();
});
ui.composer.addEventListener('submit', (event) => {
  event.preventDefault();
  void sendMessage();
});
ui.messageInput.addEventListener('input', onComposerInput);
ui.loadOlder.addEventListener('click', () => void loadOlder());
ui.pane.addEventListener('scroll', () => {
  if (ui.pane.scrollTop < LOAD_OLDER_PX) void loadOlder();
});
document.addEventListener('visibilitychange', markOpenRead);
window.addEventListener('pagehide', stopTyping);

const urlToken = new URLSearchParams(location.search).get('token');
if (urlToken !== null && urlToken !== '') {
  ui.tokenInput.value = urlToken;
  void logIn(urlToken);
}
