// The terminal chat as a user runs it: real `scripts/chat.ts` processes driven through stdin and
// read from stdout, against a real embedded gateway started in this process.
import { expect } from 'chai';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ImClient } from '../../src/client/im-client.js';
import { eventText, parseNewGroup } from '../../src/cli/chat-session.js';
import { GroupEventKind } from '../../src/protocol/messages.js';
import type { ChatMessage } from '../../src/protocol/messages.js';
import { startGateway, TEST_SECRET, type TestGateway } from '../support/gateway.js';
import { TcpProxy } from '../support/tcp-proxy.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ALICE = '9007199254740993'; // 2^53 + 1: as a number it would round to 2^53
const BOB = '9007199254740994';
const CAROL = '9007199254740995';
const CONV = `c_${ALICE}_${BOB}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The child's environment without IM_* variables, so that only the flags configure it. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('IM_')));
}

/** One `scripts/chat.ts` process: lines in, every stdout line kept, read forward with a cursor. */
class ChatProcess {
  readonly lines: string[] = [];
  readonly exited: Promise<number | null>;
  stderr = '';
  private readonly child: ChildProcessWithoutNullStreams;
  private cursor = 0;

  constructor(args: string[]) {
    this.child = spawn(process.execPath, ['--import', 'tsx', 'scripts/chat.ts', ...args], { cwd: REPO, env: cleanEnv() });
    createInterface({ input: this.child.stdout }).on('line', (line) => this.lines.push(line));
    this.child.stderr.on('data', (chunk: Buffer) => { this.stderr += chunk.toString(); });
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  type(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }

  /** Types `line`, then expects `answers` in order. */
  async say(line: string, ...answers: Array<RegExp | string>): Promise<void> {
    this.type(line);
    for (const answer of answers) await this.expect(answer);
  }

  endInput(): void {
    this.child.stdin.end();
  }

  /** The next line from the cursor on that matches (skipping others); the cursor moves past it. */
  async expect(pattern: RegExp | string, timeoutMs = 20_000): Promise<RegExpMatchArray> {
    const regex = typeof pattern === 'string' ? new RegExp(`^${escape(pattern)}$`) : pattern;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (let i = this.cursor; i < this.lines.length; i++) {
        const match = regex.exec(this.lines[i]!);
        if (match) {
          this.cursor = i + 1;
          return match;
        }
      }
      if (Date.now() > deadline) {
        throw new Error(`no line matching ${regex} after line ${this.cursor}; output:\n${this.lines.join('\n')}\nstderr:\n${this.stderr}`);
      }
      await sleep(10);
    }
  }

  /** The exit code, once it exited by itself. */
  async exitCode(timeoutMs = 10_000): Promise<number | null> {
    const timeout = sleep(timeoutMs).then(() => 'still running' as const);
    const code = await Promise.race([this.exited, timeout]);
    if (code === 'still running') throw new Error(`did not exit within ${timeoutMs} ms; output:\n${this.lines.join('\n')}`);
    return code;
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('cli/chat: the terminal chat against a gateway', function () {
  this.timeout(60_000);
  let gw: TestGateway;
  let dir: string;
  let processes: ChatProcess[];
  let clients: ImClient[];

  const chat = (args: string[]) => {
    const p = new ChatProcess(args);
    processes.push(p);
    return p;
  };

  /** A chat process logged in with a token minted here (--token). */
  async function chatWithToken(userId: string, url = gw.url): Promise<ChatProcess> {
    const p = chat(['--url', url, '--token', await gw.token(userId)]);
    await p.expect(`connected as ${userId}`);
    return p;
  }

  /** A chat process that mints its own token from a config file holding the gateway's secret. */
  async function chatWithConfig(userId: string): Promise<ChatProcess> {
    const config = join(dir, 'chat.yaml');
    writeFileSync(config, `auth:\n  jwtSecret: "${TEST_SECRET}"\n`);
    const p = chat(['--user', userId, '--url', gw.url, '--config', config, '--device', 'terminal']);
    await p.expect(`connected as ${userId}`);
    return p;
  }

  beforeEach(async () => {
    gw = await startGateway();
    dir = mkdtempSync(join(tmpdir(), 'im-chat-'));
    processes = [];
    clients = [];
  });

  afterEach(async () => {
    for (const p of processes) p.kill();
    await Promise.all(clients.map((c) => c.close()));
    await gw.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('carries messages both ways, lists unread, shows history and read receipts, recalls, and quits with 0', async () => {
    const alice = await chatWithConfig(ALICE);
    const bob = await chatWithToken(BOB);

    alice.type(`/to ${BOB}`);
    await alice.expect(`chatting with ${BOB} in ${CONV}`);
    alice.type('hello bob');
    const [, first] = await alice.expect(/^sent (\d+)$/);
    await bob.expect(`[${ALICE}] hello bob`);

    bob.type('/list');
    await bob.expect('conversations: 1');
    await bob.expect(`${CONV} with ${ALICE}: 1 unread, last [${ALICE}] hello bob`);

    bob.type(`/to ${ALICE}`);
    await bob.expect(`chatting with ${ALICE} in ${CONV}`);
    bob.type('/read');
    await bob.expect('read up to seq 1, 0 unread');
    await alice.expect(`read by ${BOB} up to seq 1`);

    bob.type('hi alice');
    const [, second] = await bob.expect(/^sent (\d+)$/);
    await alice.expect(`[${BOB}] hi alice`);
    // Alice has the conversation open: what she was shown counts as read.
    await bob.expect(`read by ${ALICE} up to seq 2`);

    alice.type('/history');
    await alice.expect(`history of ${CONV}: 2 entries`);
    await alice.expect(`#1 ${first} [${ALICE}] hello bob`);
    await alice.expect(`#2 ${second} [${BOB}] hi alice`);

    alice.type('/recall');
    await alice.expect(`recalled ${first}`);
    await bob.expect(`${ALICE} recalled ${first}`);

    bob.type('/history 5');
    await bob.expect(`history of ${CONV}: 3 entries`);
    await bob.expect(`#1 ${first} [${ALICE}] (recalled)`);
    await bob.expect(`#2 ${second} [${BOB}] hi alice`);
    await bob.expect(new RegExp(`^#3 \\d+ \\[${ALICE}\\] recalled ${first}$`));
    // RECALL_NOTIFY and the tombstone entry are one recall: shown once.
    expect(bob.lines.filter((l) => l === `${ALICE} recalled ${first}`)).to.have.length(1);

    bob.type('/list');
    await bob.expect(new RegExp(`^${CONV} with ${ALICE}: 0 unread, last \\[${ALICE}\\] recalled ${first}$`));

    alice.type('/quit');
    bob.type('/quit');
    expect(await alice.exitCode()).to.equal(0);
    expect(await bob.exitCode()).to.equal(0);
    expect(alice.lines.some((l) => l.startsWith('disconnected'))).to.equal(false);
  });

  it('shows typing from the peer and messages from conversations that are not open', async () => {
    const bob = await chatWithToken('1002');
    const carol = new ImClient({ url: gw.url, token: await gw.token('1001'), deviceId: 'phone' });
    clients.push(carol);
    await carol.connect();

    bob.type('/to 1003');
    await bob.expect('chatting with 1003 in c_1002_1003');
    await carol.send('1002', 'line one\nline two \u001b[2J');
    await bob.expect('[1001] line one\\nline two \\u001b[2J');
    carol.typing('c_1001_1002', true);
    await bob.expect('1001 is typing');
    // Not the open conversation: nothing was marked read.
    bob.type('/list');
    await bob.expect(/^c_1001_1002 with 1001: 1 unread/);
  });

  it('sends to the peer even after the connection drops, with reconnecting and reconnected lines', async () => {
    const proxy = new TcpProxy('127.0.0.1', Number(new URL(gw.url).port));
    await proxy.start();
    try {
      const received: ChatMessage[] = [];
      const bob = new ImClient({ url: gw.url, token: await gw.token(BOB), deviceId: 'phone' });
      clients.push(bob);
      bob.on('message', (m) => received.push(m));
      await bob.connect();

      const alice = await chatWithToken(ALICE, `ws://127.0.0.1:${proxy.port}/ws`);
      alice.type(`/to ${BOB}`);
      await alice.expect(`chatting with ${BOB} in ${CONV}`);
      await proxy.cut();
      await alice.expect(/^disconnected \(code \d+\)$/);
      await alice.expect(/^reconnecting in \d+ ms \(attempt 1\)$/);
      await proxy.start();
      await alice.expect('reconnected');

      alice.type('back again');
      const [, msgId] = await alice.expect(/^sent (\d+)$/);
      const deadline = Date.now() + 5000;
      while (!received.some((m) => m.msgId === msgId) && Date.now() < deadline) await sleep(10);
      expect(received.map((m) => [m.msgId, m.fromUserId, m.content])).to.deep.include([msgId, ALICE, 'back again']);
      alice.type('/quit');
      expect(await alice.exitCode()).to.equal(0);
    } finally {
      await proxy.cut();
    }
  });

  it('answers /help, unknown commands and misuse with one clear line, and exits 0 at the end of input', async () => {
    const alice = await chatWithToken(ALICE);
    await alice.say('hello?', 'no conversation: choose one with /to USER_ID or /group ID');
    await alice.say('/group 42', /^error: NOT_FOUND: /);
    await alice.say('/group team', 'usage: /group ID (a decimal group id)');
    await alice.say('/newgroup', 'usage: /newgroup NAME [USER_ID...] (a NAME with spaces in "double quotes")');
    await alice.say('/newgroup "team 1002', 'usage: /newgroup NAME [USER_ID...] (a NAME with spaces in "double quotes")');
    await alice.say('/members', 'no group open: choose one with /group ID or create one with /newgroup NAME');
    await alice.say('/to 1.5', 'usage: /to USER_ID (a decimal user id)');
    await alice.say('/recall', 'nothing to recall: you have not sent anything yet');
    await alice.say('/frobnicate', 'unknown command /frobnicate; /help lists the commands');
    await alice.say('/help', 'commands:', /^ {2}\/newgroup NAME /, /^ {2}\/quit /);
    alice.type(`/to ${BOB}`);
    await alice.say('/add 1003', 'no group open: choose one with /group ID or create one with /newgroup NAME');
    await alice.say('/history 0', 'usage: /history [N] with N from 1 to 1000');
    await alice.say('/read', `nothing to read in ${CONV}`);
    await alice.say('/recall 1', /^error: NOT_FOUND: /);
    alice.endInput();
    expect(await alice.exitCode()).to.equal(0);
  });

  it('creates a group from the terminal and carries its messages, adds, members, unread, leaves, history and recalls', async () => {
    const alice = await chatWithConfig(ALICE);
    const bob = await chatWithToken(BOB);
    const carol = await chatWithToken(CAROL);

    alice.type(`/newgroup "team one" ${BOB}`);
    const [, group] = await alice.expect(/^group (\d+) created$/);
    // Snowflake ids are far above 2^53: any trip through a number would change the digits.
    expect(BigInt(group!) > 2n ** 53n).to.equal(true);
    const conv = `g_${group}`;
    await alice.expect(`chatting in group ${group} "team one" (2 members) in ${conv}`);
    await alice.expect(`group ${group}: ${ALICE} created "team one" with ${BOB}`);
    await bob.expect(`group ${group}: ${ALICE} created "team one" with ${BOB}`);

    alice.type('hello team');
    await alice.expect(/^sent \d+$/);
    await bob.expect(`[g:${group} ${ALICE}] hello team`);
    bob.type('/list');
    await bob.expect('conversations: 1');
    await bob.expect(`${conv} group "team one": 1 unread, last [${ALICE}] hello team`);

    bob.type(`/group ${group}`);
    await bob.expect(`chatting in group ${group} "team one" (2 members) in ${conv}`);
    bob.type('/read');
    await bob.expect('read up to seq 2, 0 unread');
    bob.type('hi alice');
    await bob.expect(/^sent \d+$/);
    await alice.expect(`[g:${group} ${BOB}] hi alice`);

    alice.type(`/add ${CAROL}`);
    await alice.expect(`group ${group} has 3 members`);
    // The acting session gets no push of its own change: the SDK fetches the entry.
    await alice.expect(`group ${group}: ${ALICE} added ${CAROL}`);
    await bob.expect(`group ${group}: ${ALICE} added ${CAROL}`);
    await carol.expect(`group ${group}: ${ALICE} added ${CAROL}`);

    carol.type(`/group ${group}`);
    await carol.expect(`chatting in group ${group} "team one" (3 members) in ${conv}`);
    carol.type('hey all');
    await carol.expect(/^sent \d+$/);
    await alice.expect(`[g:${group} ${CAROL}] hey all`);
    await bob.expect(`[g:${group} ${CAROL}] hey all`);

    alice.type('/members');
    await alice.expect(`members of group ${group}: 3`);
    await alice.expect(`${ALICE} owner`);
    await alice.expect(`${BOB} member`);
    await alice.expect(`${CAROL} member`);

    bob.type('/leave');
    await bob.expect(`left group ${group}`);
    await bob.expect(`group ${group}: ${BOB} left`);
    await alice.expect(`group ${group}: ${BOB} left`);
    await carol.expect(`group ${group}: ${BOB} left`);

    alice.type('after bob left');
    const [, last] = await alice.expect(/^sent (\d+)$/);
    await carol.expect(`[g:${group} ${ALICE}] after bob left`);
    bob.type('still here?');
    await bob.expect(/^error: FORBIDDEN: /);
    expect(bob.lines).to.not.include(`[g:${group} ${ALICE}] after bob left`);

    // Bob had the group open while Carol wrote: shown counts as read. He reads up to his leaving.
    bob.type('/history');
    await bob.expect(`history of ${conv}: 6 entries`);
    await bob.expect(new RegExp(`^#1 \\d+ ${ALICE} created "team one" with ${BOB}$`));
    await bob.expect(new RegExp(`^#2 \\d+ \\[${ALICE}\\] hello team$`));
    await bob.expect(new RegExp(`^#3 \\d+ \\[${BOB}\\] hi alice$`));
    await bob.expect(new RegExp(`^#4 \\d+ ${ALICE} added ${CAROL}$`));
    await bob.expect(new RegExp(`^#5 \\d+ \\[${CAROL}\\] hey all$`));
    await bob.expect(new RegExp(`^#6 \\d+ ${BOB} left$`));
    bob.type('/list');
    await bob.expect(`${conv} group "team one": 0 unread, last ${BOB} left`);

    alice.type('/recall');
    await alice.expect(`recalled ${last}`);
    await carol.expect(`${ALICE} recalled ${last}`);
    // Alice had the group open all along: what she was shown is read, and her own never count.
    alice.type('/list');
    await alice.expect('conversations: 1');
    await alice.expect(new RegExp(`^${conv} group "team one": 0 unread, last \\[${ALICE}\\] recalled ${last}$`));
    alice.type('/read');
    // The tombstone is the latest entry.
    await alice.expect('read up to seq 8, 0 unread');

    for (const p of [alice, bob, carol]) p.type('/quit');
    for (const p of [alice, bob, carol]) expect(await p.exitCode()).to.equal(0);
    expect(alice.lines.filter((l) => l === `${ALICE} recalled ${last}`)).to.have.length(0);
  });

  it('shows group typing and messages of groups that are not open, and lists groups beside one-to-one conversations', async () => {
    const bob = await chatWithToken(BOB);
    const alice = new ImClient({ url: gw.url, token: await gw.token(ALICE), deviceId: 'phone' });
    clients.push(alice);
    await alice.connect();
    const group = await alice.createGroup('ops\n\u001b[2J', [BOB, CAROL]);
    await bob.expect(`group ${group.groupId}: ${ALICE} created "ops\\n\\u001b[2J" with ${BOB}, ${CAROL}`);
    await alice.send(BOB, 'direct');
    await bob.expect(`[${ALICE}] direct`);

    bob.type(`/to ${ALICE}`);
    await bob.expect(`chatting with ${ALICE} in ${CONV}`);
    await alice.sendGroup(group.groupId, 'line one\nline two');
    await bob.expect(`[g:${group.groupId} ${ALICE}] line one\\nline two`);
    alice.typing(`g_${group.groupId}`, true);
    await bob.expect(`${ALICE} is typing in group ${group.groupId}`);
    bob.type('/list');
    await bob.expect('conversations: 2');
    await bob.expect(`g_${group.groupId} group "ops\\n\\u001b[2J": 1 unread, last [${ALICE}] line one\\nline two`);
    // It came before Bob opened the conversation: still unread.
    await bob.expect(`${CONV} with ${ALICE}: 1 unread, last [${ALICE}] direct`);
  });

  it('phrases every kind of group event on one line', () => {
    const event = (kind: GroupEventKind, userIds: string[], name = '') => eventText({ kind, actorUserId: ALICE, userIds, name });
    expect(event(GroupEventKind.CREATED, [ALICE], 'solo')).to.equal(`${ALICE} created "solo"`);
    expect(event(GroupEventKind.MEMBERS_ADDED, [BOB, CAROL])).to.equal(`${ALICE} added ${BOB}, ${CAROL}`);
    expect(event(GroupEventKind.MEMBERS_REMOVED, [BOB])).to.equal(`${ALICE} removed ${BOB}`);
    expect(event(GroupEventKind.ROLES_CHANGED, [BOB])).to.equal(`${ALICE} changed the role of ${BOB}`);
    expect(event(GroupEventKind.RENAMED, [], 'say "hi"\u009b')).to.equal(`renamed to "say \\"hi\\"\\u009b" by ${ALICE}`);
    expect(parseNewGroup(' "a  b" 1002 1003')).to.deep.equal({ name: 'a  b', members: ['1002', '1003'] });
    expect(parseNewGroup('solo')).to.deep.equal({ name: 'solo', members: [] });
    expect(parseNewGroup('team 1002 x')).to.equal(null);
    expect(parseNewGroup('"a"b')).to.equal(null);
    expect(parseNewGroup('""')).to.equal(null);
  });

  it('exits 2 with the usage on bad flags, and 1 when it cannot log in', async () => {
    const badUser = chat(['--user', '12abc']);
    expect(await badUser.exitCode()).to.equal(2);
    expect(badUser.stderr).to.contain("--user must be a decimal user id, got '12abc'").and.contain('usage: npm run chat');

    const badToken = chat(['--url', gw.url, '--token', 'not-a-jwt']);
    expect(await badToken.exitCode()).to.equal(1);
    expect(badToken.lines.join('\n')).to.match(/^error: cannot connect to ws:\/\/127\.0\.0\.1:\d+\/ws: /);
  });
});
