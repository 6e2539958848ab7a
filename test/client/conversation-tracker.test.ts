// The seq-tracking rules without a server: a scripted conversation log answers HISTORY.
import { expect } from 'chai';
import { ConversationTracker, type HistoryResp } from '../../src/client/conversation-tracker.js';
import { ImError } from '../../src/client/im-error.js';
import { RecentIds } from '../../src/client/recent-ids.js';
import { ErrorCode, MsgFormat, type ChatMessage } from '../../src/protocol/messages.js';

const CONV = 'c_9007199254740993_9007199254740994';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function entry(seq: bigint | number, convId = CONV): ChatMessage & { convId: string; seq: string } {
  const s = BigInt(seq).toString();
  return { msgId: convId === CONV ? `m${s}` : `${convId}/m${s}`, clientMsgId: `c${s}`, fromUserId: '9007199254740993', toUserId: '9007199254740994', content: `e${s}`, format: MsgFormat.TEXT, createTimeMs: 1, convId, seq: s };
}

/** A server's view of every conversation, and a tracker that reads it. */
class Harness {
  readonly log = new Map<string, ChatMessage[]>();
  readonly delivered: string[] = [];
  readonly fetches: Array<{ convId: string; afterSeq: string; limit: number }> = [];
  readonly errors: Error[] = [];
  connected = true;
  /** Replaces the answer of the next fetches, one each. */
  failures: Error[] = [];
  readonly tracker: ConversationTracker;

  constructor(pageLimit = 2) {
    this.tracker = new ConversationTracker(new RecentIds(100), {
      fetch: async (convId, afterSeq, limit) => {
        this.fetches.push({ convId, afterSeq, limit });
        await sleep(1);
        const failure = this.failures.shift();
        if (failure) throw failure;
        const above = (this.log.get(convId) ?? []).filter((m) => BigInt(m.seq!) > BigInt(afterSeq));
        const resp: HistoryResp = { messages: above.slice(0, limit), hasMore: above.length > limit, minSeq: '1' };
        return resp;
      },
      deliver: (m) => this.delivered.push(m.seq!),
      canFetch: () => this.connected,
      onError: (err) => this.errors.push(err),
    }, { pageLimit, rateLimitedRetryMs: 20 });
  }

  /** Appends entries from..to to the server's log and returns them. */
  commit(from: bigint | number, to: bigint | number, convId = CONV): Array<ChatMessage & { convId: string; seq: string }> {
    const out = [];
    for (let s = BigInt(from); s <= BigInt(to); s++) out.push(entry(s, convId));
    this.log.set(convId, [...(this.log.get(convId) ?? []), ...out]);
    return out;
  }

  async settle(): Promise<void> {
    await sleep(30);
  }
}

describe('client/ConversationTracker', () => {
  it('starts a new conversation at its first entry and delivers consecutive ones without fetching', () => {
    const h = new Harness();
    const [e5, e6, e7] = h.commit(1, 7).slice(4);
    expect([e5, e6, e7].map((e) => h.tracker.live(e!))).to.deep.equal(['delivered', 'delivered', 'delivered']);
    expect(h.delivered).to.deep.equal(['5', '6', '7']);
    expect(h.fetches).to.deep.equal([]);
    expect(h.tracker.lastSeq(CONV)).to.equal('7');
  });

  it('delivers every entry below the starting point that arrives later, in any order, and each once', () => {
    const h = new Harness();
    const all = h.commit(1, 10);
    // Offline pushes go by msg_id and live ones race them: 10 first, then 8, then 9.
    expect([all[9]!, all[7]!, all[8]!].map((e) => h.tracker.live(e))).to.deep.equal(['delivered', 'delivered', 'delivered']);
    expect(h.delivered).to.deep.equal(['10', '8', '9']);
    expect(h.tracker.live(all[8]!)).to.equal('duplicate');
  });

  it('fills a jump with HISTORY after the last seq, paging while has_more, then delivers the held entry', async () => {
    const h = new Harness(2);
    const all = h.commit(1, 6);
    h.tracker.live(all[0]!);
    expect(h.tracker.live(all[5]!)).to.equal('held');
    // A push that arrives while the gap is being filled waits its turn too.
    h.tracker.live(all[3]!);
    await h.settle();
    expect(h.delivered).to.deep.equal(['1', '2', '3', '4', '5', '6']);
    expect(h.fetches.map((f) => f.afterSeq)).to.deep.equal(['1', '4']);
    expect(h.fetches[0]).to.include({ convId: CONV, limit: 2 });
  });

  it('drops duplicates by seq and by msg_id', async () => {
    const h = new Harness();
    const [e1, e2] = h.commit(1, 2);
    h.tracker.live(e1!);
    h.tracker.live(e2!);
    expect(h.tracker.live(e2!)).to.equal('duplicate');
    expect(h.tracker.live({ ...e1!, msgId: 'another' })).to.equal('duplicate');
    expect(h.tracker.live({ ...entry(9), msgId: e2!.msgId })).to.equal('duplicate');
    await h.settle();
    expect(h.delivered).to.deep.equal(['1', '2']);
  });

  it('compares seqs above 2^53 exactly', async () => {
    const h = new Harness();
    const base = 2n ** 53n; // 9007199254740992: as numbers, base + 1 and base are the same
    const [a, b, c] = h.commit(base, base + 2n);
    h.tracker.live(a!);
    h.tracker.live(c!);
    await h.settle();
    expect(h.fetches.map((f) => f.afterSeq)).to.deep.equal(['9007199254740992']);
    expect(h.delivered).to.deep.equal(['9007199254740992', '9007199254740993', '9007199254740994']);
    expect(h.tracker.live(b!)).to.equal('duplicate');
  });

  it("moves past the application's own entries without delivering them, also when they come back from HISTORY", async () => {
    const h = new Harness();
    const [e1, own2, e3, e4, own5] = h.commit(1, 5);
    h.tracker.live(e1!);
    h.tracker.seen(CONV, own2!.seq, own2!.msgId);
    h.tracker.live(e3!);
    expect(h.fetches).to.deep.equal([]);
    // The ack of own entry 5 overtakes the push of 4: 4 is fetched, 5 is not delivered.
    h.tracker.seen(CONV, own5!.seq, own5!.msgId);
    await h.settle();
    expect(h.tracker.live(e4!)).to.equal('duplicate');
    expect(h.delivered).to.deep.equal(['1', '3', '4']);
    expect(h.fetches.map((f) => f.afterSeq)).to.deep.equal(['3']);
    expect(h.tracker.lastSeq(CONV)).to.equal('5');
  });

  it('own entries and SYNC news do not start tracking a conversation never received from', async () => {
    const h = new Harness();
    h.commit(1, 3);
    h.tracker.seen(CONV, '2', 'm2');
    h.tracker.known(CONV, '3');
    await h.settle();
    expect([h.tracker.lastSeq(CONV), h.fetches.length]).to.deep.equal([null, 0]);
  });

  it('delivers an unseen entry below the starting point as it comes', () => {
    const h = new Harness();
    const [e4, e5] = h.commit(1, 5).slice(3);
    h.tracker.live(e5!);
    expect(h.tracker.live(e4!)).to.equal('delivered');
    expect(h.tracker.live(e4!)).to.equal('duplicate');
    expect(h.delivered).to.deep.equal(['5', '4']);
  });

  it('keeps a gap while disconnected and fills it on catchUp(), with what SYNC announced', async () => {
    const h = new Harness(10);
    const [e1] = h.commit(1, 1);
    h.tracker.live(e1!);
    h.connected = false;
    const [, , e4] = h.commit(2, 4);
    h.tracker.live(e4!);
    h.commit(5, 6);
    await h.settle();
    expect(h.delivered).to.deep.equal(['1']);
    h.connected = true;
    h.tracker.known(CONV, '6', false);
    await h.tracker.catchUp();
    expect(h.delivered).to.deep.equal(['1', '2', '3', '4', '5', '6']);
  });

  it('retries after RATE_LIMITED and gives the gap up after another ERROR, delivering what it holds', async () => {
    const h = new Harness(10);
    const other = 'c_1_2';
    const [a1, a2, a3] = h.commit(1, 3);
    const [b1, , b3] = h.commit(1, 3, other);
    h.tracker.live(a1!);
    h.tracker.live(b1!);
    h.failures = [new ImError(ErrorCode.RATE_LIMITED, 'slow down'), new ImError(ErrorCode.FORBIDDEN, 'no')];
    h.tracker.live(a3!);
    await sleep(5);
    h.tracker.live(b3!);
    await sleep(60);
    // CONV: rate limited, then filled on retry. other: forbidden, so 2 is skipped.
    expect(h.delivered).to.deep.equal(['1', '1', '3', '2', '3']);
    expect(h.errors.map((e) => e.message)).to.deep.equal(['no']);
    expect(h.tracker.lastSeq(CONV)).to.equal('3');
    expect(h.tracker.live(a2!)).to.equal('duplicate');
  });

  it('gives up when HISTORY has nothing where something was announced', async () => {
    const h = new Harness();
    const [e1] = h.commit(1, 1);
    h.tracker.live(e1!);
    h.tracker.known(CONV, '4');
    await h.settle();
    expect(h.errors).to.have.length(1);
    h.tracker.live(entry(2));
    expect(h.delivered).to.deep.equal(['1', '2']);
  });
  it('reports no error when live entries overtake a page in flight, paging from where they left it', async () => {
    const h = new Harness(2);
    const all = h.commit(1, 8);
    h.tracker.live(all[0]!);
    h.tracker.live(all[2]!); // held: fetch after 1
    // Before that page (2, 3, has_more) arrives, the pushes of 2..8 do.
    for (const e of all.slice(1)) h.tracker.live(e);
    await h.settle();
    expect(h.delivered).to.deep.equal(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(h.errors).to.deep.equal([]);
    expect(h.fetches.map((f) => f.afterSeq)).to.deep.equal(['1']);
  });

  it('asks again, without giving up, when an entry announced during an empty page is newer than it', async () => {
    const h = new Harness();
    const [e1] = h.commit(1, 1);
    h.tracker.live(e1!);
    h.tracker.refresh(CONV); // the page finds nothing above 1 ...
    const [e2, e3] = h.commit(2, 3); // ... while 2 and 3 are committed and 3 is pushed
    h.tracker.live(e3!);
    await h.settle();
    expect(h.delivered).to.deep.equal(['1', '2', '3']);
    expect(h.errors).to.deep.equal([]);
    expect(h.tracker.live(e2!)).to.equal('duplicate');
  });

  it('track() starts after a given seq, fetches up to what is known and drops anything older', async () => {
    const h = new Harness(10);
    h.commit(1, 5);
    expect(h.tracker.track(CONV, '3', '5')).to.equal(true);
    expect(h.tracker.track(CONV, '0', '9')).to.equal(false);
    await h.settle();
    expect(h.delivered).to.deep.equal(['4', '5']);
    expect(h.fetches.map((f) => f.afterSeq)).to.deep.equal(['3']);
    expect(h.tracker.live(entry(2))).to.equal('duplicate');
    expect(h.tracker.live(entry(6))).to.equal('delivered');
  });

  it('track() without fill waits for catchUp(); a seq above 2^63 stays exact', async () => {
    const h = new Harness(10);
    const base = 2n ** 63n;
    h.commit(base, base + 2n);
    h.tracker.track(CONV, (base - 1n).toString(), (base + 2n).toString(), false);
    await h.settle();
    expect(h.fetches).to.deep.equal([]);
    await h.tracker.catchUp();
    expect(h.delivered).to.deep.equal(['9223372036854775808', '9223372036854775809', '9223372036854775810']);
  });

  it('refresh() fetches after the last seq once; an empty answer is no error, an unknown conversation is ignored', async () => {
    const h = new Harness();
    const [e1] = h.commit(1, 1);
    h.tracker.refresh(CONV);
    await h.settle();
    expect(h.fetches).to.deep.equal([]);
    h.tracker.live(e1!);
    h.tracker.refresh(CONV);
    await h.settle();
    expect(h.fetches.map((f) => f.afterSeq)).to.deep.equal(['1']);
    h.commit(2, 2);
    h.tracker.refresh(CONV);
    await h.settle();
    expect(h.delivered).to.deep.equal(['1', '2']);
    expect(h.errors).to.deep.equal([]);
  });

  it('refresh() during a fill is made once that fill is done', async () => {
    const h = new Harness(10);
    const [e1, , e3] = h.commit(1, 3);
    h.tracker.live(e1!);
    h.tracker.live(e3!); // fill after 1 in flight
    h.tracker.refresh(CONV); // that page may have been read before what refresh() is about
    await h.settle();
    expect(h.delivered).to.deep.equal(['1', '2', '3']);
    expect(h.fetches.map((f) => f.afterSeq)).to.deep.equal(['1', '3']);
    expect(h.errors).to.deep.equal([]);
  });

  it('a refresh() cut off by RATE_LIMITED or a lost connection is made by the next catchUp()', async () => {
    const h = new Harness();
    const [e1] = h.commit(1, 1);
    h.tracker.live(e1!);
    h.commit(2, 2);
    h.failures = [ImError.local('disconnected', 'gone')];
    h.tracker.refresh(CONV);
    await h.settle();
    expect(h.delivered).to.deep.equal(['1']);
    await h.tracker.catchUp();
    expect(h.delivered).to.deep.equal(['1', '2']);
    h.commit(3, 3);
    h.failures = [new ImError(ErrorCode.RATE_LIMITED, 'slow down')];
    h.tracker.refresh(CONV);
    for (let waited = 0; h.delivered.length < 3 && waited < 1000; waited += 10) await sleep(10); // past rateLimitedRetryMs
    expect(h.delivered).to.deep.equal(['1', '2', '3']);
    expect(h.fetches.map((f) => f.afterSeq)).to.deep.equal(['1', '1', '2', '2']);
    expect(h.errors).to.deep.equal([]);
  });
});
