// The web chat page in a real browser (Debian's chromium, driven by playwright-core) against a
// real embedded gateway: two users in two browser windows, everything through the page's UI.
// Without chromium the suite skips, or fails when CI or IM_REQUIRE_SERVICES is set.
import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { buildWeb } from '../../scripts/build-web.js';
import { ImClient } from '../../src/client/im-client.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import { TcpProxy } from '../support/tcp-proxy.js';

const CHROMIUM = process.env.IM_CHROMIUM ?? '/usr/bin/chromium';
const required = ['CI', 'IM_REQUIRE_SERVICES'].some((name) => !['', '0', 'false', undefined].includes(process.env[name]));
// No internet here: chromium's own background traffic (component updates, sync, QUIC) is switched
// off, since it only gets in the way of the test's connections.
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
/** Screenshots of failed tests (gitignored). */
const RESULTS = fileURLToPath(new URL('../../test-results/', import.meta.url));

const ALICE = '9007199254740993'; // 2^53 + 1: as a number it would print as ...992
const BOB = '9007199254740994';
const CAROL = '9007199254740995';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until the element's text is exactly `expected` (playwright-core has no assertions). */
async function expectText(locator: Locator, expected: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: string | null = null;
  for (;;) {
    last = await locator.textContent({ timeout: Math.max(1, deadline - Date.now()) }).catch(() => null);
    if (last?.trim() === expected) return;
    if (Date.now() > deadline) throw new Error(`${locator}: expected text ${JSON.stringify(expected)}, last ${JSON.stringify(last)}`);
    await sleep(25);
  }
}

const conv = (page: Page, peer: string) => page.locator(`[data-testid=conv-item][data-peer="${peer}"]`);
const messages = (page: Page) => page.getByTestId('message');
const byMsgId = (page: Page, msgId: string) => page.locator(`[data-testid=message][data-msg-id="${msgId}"]`);
const message = (page: Page, content: string) => messages(page).filter({ has: page.getByTestId('msg-content').getByText(content, { exact: true }) });

describe('web/chat page in chromium', function () {
  this.timeout(30_000);
  let browser: Browser;
  let gw: TestGateway;
  let contexts: Array<{ name: string; context: BrowserContext; page: Page }>;
  let logs: string[];
  let sdkClients: ImClient[];
  let proxy: TcpProxy | null;

  before(async function () {
    this.timeout(90_000);
    if (!existsSync(CHROMIUM)) {
      const why = `chromium not found at ${CHROMIUM} (apt-get install -y chromium, or set IM_CHROMIUM)`;
      if (required) throw new Error(`${why}; CI or IM_REQUIRE_SERVICES is set`);
      console.warn(`  skipping: ${why}`);
      this.skip();
    }
    // Built every run, so that the test never judges a stale bundle.
    await buildWeb();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    gw = await startGateway();
    contexts = [];
    logs = [];
    sdkClients = [];
    proxy = null;
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await mkdir(RESULTS, { recursive: true });
      const slug = this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
      for (const { name, page } of contexts) {
        const file = path.join(RESULTS, `web-${slug}-${name}.png`);
        await page.screenshot({ path: file, fullPage: true }).then(() => console.warn(`  screenshot: ${file}`), () => {});
      }
      for (const line of logs) console.warn(`  ${line}`);
    }
    for (const { context } of contexts) await context.close();
    await Promise.all(sdkClients.map((c) => c.close()));
    await proxy?.cut();
    await gw.stop();
  });

  /** A page in a browser window of its own (a separate context), its errors collected in `logs`. */
  async function newPage(name: string): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('pageerror', (err) => logs.push(`${name} pageerror: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') logs.push(`${name} console.${msg.type()}: ${msg.text()}`);
    });
    contexts.push({ name, context, page });
    return page;
  }

  /** A page logged in as `userId` through `?token=`. */
  async function openAs(name: string, userId: string, port = gw.gateway.clientPort): Promise<Page> {
    const page = await newPage(name);
    await page.goto(`http://127.0.0.1:${port}/?token=${encodeURIComponent(await gw.token(userId))}`);
    // The id arrives as a string: a trip through a JavaScript number would show ...992.
    await expectText(page.getByTestId('me'), `user ${userId}`);
    return page;
  }

  /** Uncaught exceptions in a page fail the test, even where the UI happened to look right. */
  function expectNoPageErrors(): void {
    expect(logs.filter((line) => line.includes(' pageerror: '))).to.deep.equal([]);
  }

  async function sdk(userId: string): Promise<ImClient> {
    const client = new ImClient({ url: gw.url, token: await gw.token(userId), deviceId: 'node' });
    sdkClients.push(client);
    await client.connect();
    return client;
  }

  it('shows typing, delivers, counts unread, marks read and recalls between two users', async () => {
    const alice = await openAs('alice', ALICE);
    const bob = await openAs('bob', BOB);
    const startChat = async (page: Page, peer: string) => {
      await page.getByTestId('peer-input').fill(peer);
      await page.getByTestId('open-peer-button').click();
      await expectText(page.getByTestId('conv-header'), `user ${peer}`);
    };
    await startChat(alice, BOB);
    await startChat(bob, ALICE);

    // Alice's first keystroke in the conversation goes out at once (the SDK throttles repeats).
    const input = alice.getByTestId('message-input');
    await input.fill('hello from alice');
    await expectText(bob.getByTestId('typing'), `user ${ALICE} is typing…`);

    // Bob looks elsewhere, so the message counts as unread in his list.
    await startChat(bob, '1003');
    await bob.getByTestId('typing').waitFor({ state: 'hidden' });
    await input.press('Enter');
    await expectText(message(alice, 'hello from alice').getByTestId('msg-status'), 'sent');
    const msgId = await message(alice, 'hello from alice').getAttribute('data-msg-id');
    expect(msgId).to.match(/^[1-9][0-9]{15,19}$/);
    // By id from here on: a recall replaces the text.
    const sent = byMsgId(alice, msgId!);
    await expectText(conv(bob, ALICE).getByTestId('unread'), '1');
    await expectText(conv(bob, ALICE).getByTestId('conv-preview'), 'hello from alice');

    await conv(bob, ALICE).click();
    const received = byMsgId(bob, msgId!);
    await expectText(received.getByTestId('msg-content'), 'hello from alice');
    expect(await received.getAttribute('data-own')).to.equal('false');
    await conv(bob, ALICE).getByTestId('unread').waitFor({ state: 'hidden' });
    await expectText(sent.getByTestId('msg-status'), 'read');
    expect(await sent.getAttribute('data-read')).to.equal('true');

    await sent.getByTestId('recall-button').click();
    await expectText(sent.getByTestId('msg-content'), 'message recalled');
    await expectText(received.getByTestId('msg-content'), 'message recalled');
    expect(await received.getAttribute('data-recalled')).to.equal('true');
    await expectText(conv(bob, ALICE).getByTestId('conv-preview'), 'message recalled');
    expect(await sent.getByTestId('recall-button').count()).to.equal(0);
    expectNoPageErrors();
  });

  it('creates a group from the page: the member sees it with its unread count, reads it, replies, and a recall reaches both', async () => {
    const alice = await openAs('alice', ALICE);
    const bob = await openAs('bob', BOB);

    await alice.getByTestId('group-name-input').fill('team');
    await alice.getByTestId('group-members-input').fill(`${BOB}, ${CAROL}`);
    await alice.getByTestId('create-group-button').click();
    await expectText(alice.getByTestId('conv-header'), 'team');
    const convId = await alice.getByTestId('conv-header').getAttribute('data-conv-id');
    expect(convId).to.match(/^g_[1-9][0-9]{15,19}$/);
    const groupId = convId!.slice(2);
    // A snowflake, far above 2^53: a trip through a JavaScript number would change its digits.
    expect(BigInt(groupId) > 2n ** 53n).to.equal(true);
    const group = (page: Page) => page.locator(`[data-testid=conv-item][data-group-id="${groupId}"]`);
    await expectText(alice.getByTestId('group-event'), `you created the group “team” with user ${BOB}, user ${CAROL}`);

    // Bob was online: the CREATED entry put the group in his list, named, and events are not unread.
    await expectText(group(bob).getByTestId('conv-peer'), 'team');
    expect(await group(bob).getByTestId('unread').isHidden()).to.equal(true);

    await alice.getByTestId('message-input').fill('hello group');
    await alice.getByTestId('message-input').press('Enter');
    await expectText(message(alice, 'hello group').getByTestId('msg-status'), 'sent');
    const msgId = await message(alice, 'hello group').getAttribute('data-msg-id');
    expect(msgId).to.match(/^[1-9][0-9]{15,19}$/);
    await expectText(group(bob).getByTestId('unread'), '1');
    await expectText(group(bob).getByTestId('conv-preview'), `user ${ALICE}: hello group`);

    await group(bob).click();
    await expectText(bob.getByTestId('conv-header'), 'team');
    const received = byMsgId(bob, msgId!);
    await expectText(received.getByTestId('msg-content'), 'hello group');
    await expectText(received.getByTestId('msg-sender'), `user ${ALICE}`);
    expect(await received.getAttribute('data-own')).to.equal('false');
    await expectText(bob.getByTestId('group-event'), `user ${ALICE} created the group “team” with you, user ${CAROL}`);
    await group(bob).getByTestId('unread').waitFor({ state: 'hidden' });
    // The read mark is the server's: another device of Bob's sees the group read.
    const bobsPhone = await sdk(BOB);
    const state = (await bobsPhone.syncAll()).convs.find((c) => c.convId === convId);
    expect(state).to.include({ unread: 0, readSeq: '2' });

    await bob.getByTestId('message-input').fill('hi alice');
    await expectText(alice.getByTestId('typing'), `user ${BOB} is typing…`);
    await bob.getByTestId('message-input').press('Enter');
    const reply = message(alice, 'hi alice');
    await expectText(reply.getByTestId('msg-sender'), `user ${BOB}`);
    await alice.getByTestId('typing').waitFor({ state: 'hidden' });
    // Alice has the group open: Bob's reply is read at once, so her list shows no unread.
    expect(await group(alice).getByTestId('unread').isHidden()).to.equal(true);
    await expectText(group(alice).getByTestId('conv-preview'), `user ${BOB}: hi alice`);

    const sent = byMsgId(alice, msgId!);
    await sent.getByTestId('recall-button').click();
    await expectText(sent.getByTestId('msg-content'), 'message recalled');
    await expectText(received.getByTestId('msg-content'), 'message recalled');
    expect(await received.getAttribute('data-recalled')).to.equal('true');
    expect(await sent.getByTestId('recall-button').count()).to.equal(0);
    expectNoPageErrors();
  });

  it('scrolls back through older messages when the view reaches the top', async () => {
    const sender = await sdk(ALICE);
    // One at a time, so that seq order is the order of the numbers.
    for (let i = 1; i <= 45; i++) await sender.send(BOB, `m${i}`);
    const bob = await openAs('bob', BOB);
    await expectText(conv(bob, ALICE).getByTestId('unread'), '45');
    // The login's offline pushes may reach the page before its SYNC or after it: once the page has
    // acked them all, the count is still the SYNC's, not the SYNC's plus the pushes.
    for (const deadline = Date.now() + 5000; (await gw.backends.store.listPending(BOB, '0', 100)).length > 0;) {
      if (Date.now() > deadline) throw new Error('the page did not ack its offline pushes');
      await sleep(25);
    }
    await expectText(conv(bob, ALICE).getByTestId('unread'), '45');

    await conv(bob, ALICE).click();
    await message(bob, 'm45').waitFor();
    await expectText(messages(bob).first().getByTestId('msg-content'), 'm16');
    expect(await messages(bob).count()).to.equal(30);
    await bob.getByTestId('load-older').waitFor();

    await bob.getByTestId('messages-pane').evaluate((pane) => { pane.scrollTop = 0; });
    await expectText(messages(bob).first().getByTestId('msg-content'), 'm1');
    expect(await messages(bob).count()).to.equal(45);
    await bob.getByTestId('load-older').waitFor({ state: 'hidden' });
    const seqs = await messages(bob).evaluateAll((rows) => rows.map((row) => row.getAttribute('data-seq')));
    expect(seqs).to.deep.equal(Array.from({ length: 45 }, (_, i) => String(i + 1)));
    expectNoPageErrors();
  });

  it('shows the reconnect banner while the connection is down and catches up after it', async () => {
    proxy = new TcpProxy('127.0.0.1', gw.gateway.clientPort);
    const bob = await openAs('bob', BOB, await proxy.start());
    await bob.getByTestId('peer-input').fill(ALICE);
    await bob.getByTestId('open-peer-button').click();
    await expectText(bob.getByTestId('conv-header'), `user ${ALICE}`);
    const banner = bob.getByTestId('banner');
    expect(await banner.isHidden()).to.equal(true);

    await proxy.cut();
    await bob.locator('[data-testid=banner][data-state=reconnecting]').waitFor();
    expect(await banner.textContent()).to.match(/^Connection lost\. Reconnecting \(attempt \d+\)…$/);
    const sender = await sdk(ALICE);
    await sender.send(BOB, 'while you were away');

    await proxy.start();
    await banner.waitFor({ state: 'hidden', timeout: 15_000 });
    await message(bob, 'while you were away').waitFor();
    await expectText(conv(bob, ALICE).getByTestId('conv-preview'), 'while you were away');
    // Open and visible: read at once (a SYNC answered before the READ may show it briefly).
    await conv(bob, ALICE).getByTestId('unread').waitFor({ state: 'hidden' });
    expectNoPageErrors();
  });

  it('says why a login failed, on the login form', async () => {
    const page = await newPage('stranger');
    await page.goto(`http://127.0.0.1:${gw.gateway.clientPort}/?token=not-a-jwt`);
    await page.getByTestId('login-error').filter({ hasText: /^Login failed: UNAUTHENTICATED/ }).waitFor();
    expect(await page.getByTestId('chat').isHidden()).to.equal(true);
    expectNoPageErrors();
  });
});
