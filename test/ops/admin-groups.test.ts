// The ops admin API for groups against a real embedded gateway: the same rules, entries, pushes
// and MQ events as the client commands, over HTTP with the admin token.
import { expect } from 'chai';
import { openBackends } from '../../src/app/backends.js';
import { silentLogger } from '../../src/log/logger.js';
import type { MqEvent, MqPublisher } from '../../src/mq/publisher.js';
import { Cmd, GroupEventKind, MsgFormat, type ChatMessage, type GroupInfo } from '../../src/protocol/messages.js';
import { startGateway, testConfig, type TestGateway } from '../support/gateway.js';
import { RawClient } from '../support/raw-client.js';

const TOKEN = 'admin-token-for-groups';
const MAX_MEMBERS = 6;
const OWNER = '9007199254740993'; // 2^53 + 1: a JSON number would round it
const A = '1002';
const B = '1003';
const C = '1004';
const MAX_UINT64 = '18446744073709551615';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

interface MemberJson {
  userId: string;
  role: string;
  joinTimeMs: number;
}

/** Records what the outbox relay publishes. */
class RecordingPublisher implements MqPublisher {
  readonly events: MqEvent[] = [];

  async publish(events: readonly MqEvent[]): Promise<void> {
    this.events.push(...events);
  }

  async close(): Promise<void> {}

  /** Bodies of the GROUP_MEMBER events so far. */
  memberEvents(): Array<{ kind: string; groupId: string; actorUserId: string; userIds: string[]; seq: string }> {
    return this.events.filter((e) => e.tag === 'GROUP_MEMBER').map((e) => JSON.parse(e.body.toString()));
  }
}

describe('admin API for groups (embedded gateway, real HTTP and WebSocket clients)', () => {
  let gw: TestGateway;
  let mq: RecordingPublisher;
  const clients: RawClient[] = [];

  async function call(method: string, path: string, body?: unknown, token: string | null = TOKEN): Promise<Answer> {
    const headers: Record<string, string> = token === null ? {} : { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${gw.opsUrl}${path}`, { method, headers, body: typeof body === 'string' || body === undefined ? body : JSON.stringify(body) });
    return { status: res.status, headers: res.headers, body: await res.json() as Record<string, unknown> };
  }

  async function ok(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
    const answer = await call(method, path, body);
    expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body)}`).to.equal(200);
    return answer.body;
  }

  const create = async (memberUserIds: string[], extra: Record<string, unknown> = {}) =>
    (await ok('POST', '/admin/groups', { ownerUserId: OWNER, name: 'ops', memberUserIds, ...extra })).group as GroupInfo;
  const members = async (groupId: string, query = '') =>
    (await ok('GET', `/admin/groups/${groupId}${query}`)) as { group: GroupInfo; members: MemberJson[]; hasMore: boolean };

  async function login(userId: string): Promise<RawClient> {
    const client = await RawClient.open(gw.url);
    clients.push(client);
    client.send(Cmd.AUTH_REQ, { token: await gw.token(userId), deviceId: 'phone', platform: 'test' });
    await client.next(Cmd.AUTH_RESP);
    return client;
  }

  async function pushed(client: RawClient, seq: string): Promise<ChatMessage> {
    return (await client.next(Cmd.GROUP_PUSH, (f) => f.body.message.seq === seq)).body.message;
  }

  beforeEach(async () => {
    // mq.kind log: an outbox and its relay, publishing to the recorder in place of the log sink.
    const overrides = { ops: { adminToken: TOKEN }, groups: { maxMembers: MAX_MEMBERS }, mq: { kind: 'log' as const } };
    const backends = await openBackends(testConfig(overrides), silentLogger());
    mq = new RecordingPublisher();
    backends.publisher = mq;
    gw = await startGateway(overrides, backends);
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await gw.stop();
  });

  it('creates a group: the owner and members, one CREATED entry pushed to online members, the GROUP_MEMBER event; a repeated clientReqId returns it', async () => {
    const a = await login(A);
    const group = await create([A, B, OWNER, A], { clientReqId: 'crm-1' });
    expect(group).to.include({ ownerUserId: OWNER, name: 'ops', memberCount: 3 });
    expect(group.groupId).to.be.a('string').and.match(/^[1-9][0-9]*$/);
    expect(group.createTimeMs).to.be.a('number');

    const entry = await pushed(a, '1');
    expect(entry).to.include({ groupId: group.groupId, format: MsgFormat.GROUP_EVENT, fromUserId: OWNER });
    expect(entry.groupEvent).to.deep.include({ kind: GroupEventKind.CREATED, actorUserId: OWNER, userIds: [OWNER, A, B], name: 'ops' });

    const again = await create([A, B], { clientReqId: 'crm-1' });
    expect(again.groupId).to.equal(group.groupId);
    const page = await members(group.groupId);
    expect(page.members.map((m) => [m.userId, m.role])).to.deep.equal([[A, 'GROUP_ROLE_MEMBER'], [B, 'GROUP_ROLE_MEMBER'], [OWNER, 'GROUP_ROLE_OWNER']]);
    expect(page.hasMore).to.equal(false);

    await sleep(200);
    expect(a.all(Cmd.GROUP_PUSH)).to.have.length(0);
    expect(mq.memberEvents().map((e) => [e.kind, e.groupId, e.seq])).to.deep.equal([['CREATED', group.groupId, '1']]);
  });

  it('adds, sets roles, removes and renames: each change one entry, pushed to the online members (a removed one gets its removal, then nothing)', async () => {
    const group = await create([A]);
    const [a, b, c] = [await login(A), await login(B), await login(C)];
    const path = `/admin/groups/${group.groupId}`;
    /** Every client gets entry `seq` of `kind`, and nothing else in between. */
    const entry = async (to: RawClient[], seq: string, kind: GroupEventKind, userIds: string[]) => {
      for (const client of to) {
        expect((await pushed(client, seq)).groupEvent).to.deep.include({ kind, actorUserId: OWNER, userIds });
        expect(client.all(Cmd.GROUP_PUSH).map((f) => f.body.message.seq), `besides ${seq}`).to.deep.equal([]);
      }
    };

    expect(((await ok('POST', `${path}/members`, { add: [B, C] })).group as GroupInfo).memberCount).to.equal(4);
    await entry([a, b, c], '2', GroupEventKind.MEMBERS_ADDED, [B, C]);

    await ok('POST', `${path}/members`, { promote: [B] });
    await entry([a, b, c], '3', GroupEventKind.ROLES_CHANGED, [B]);
    expect((await members(group.groupId)).members.find((m) => m.userId === B)?.role).to.equal('GROUP_ROLE_ADMIN');
    await ok('POST', `${path}/members`, { demote: [B] });
    await entry([a, b, c], '4', GroupEventKind.ROLES_CHANGED, [B]);
    expect((await members(group.groupId)).members.find((m) => m.userId === B)?.role).to.equal('GROUP_ROLE_MEMBER');

    expect(((await ok('POST', `${path}/members`, { remove: [C] })).group as GroupInfo).memberCount).to.equal(3);
    await entry([a, b, c], '5', GroupEventKind.MEMBERS_REMOVED, [C]);

    const renamed = (await ok('POST', `${path}/name`, { name: 'renamed' })).group as GroupInfo;
    expect(renamed).to.include({ name: 'renamed', memberCount: 3 });
    await entry([a, b], '6', GroupEventKind.RENAMED, []);
    expect((await members(group.groupId)).group.name).to.equal('renamed');

    // Asking for what already is makes no entry.
    await ok('POST', `${path}/members`, { add: [A], demote: [A] });
    await sleep(200);
    for (const client of [a, b, c]) expect(client.all(Cmd.GROUP_PUSH)).to.have.length(0);

    // The entries are the group's history, as for changes made by members.
    const seq = a.send(Cmd.HISTORY_REQ, { convId: `g_${group.groupId}`, afterSeq: '0', beforeSeq: '0', limit: 0 });
    const history = (await a.next(Cmd.HISTORY_RESP, (f) => f.seq === seq)).body.messages;
    expect(history.map((m) => [m.seq, m.groupEvent?.kind])).to.deep.equal([
      ['1', GroupEventKind.CREATED], ['2', GroupEventKind.MEMBERS_ADDED], ['3', GroupEventKind.ROLES_CHANGED],
      ['4', GroupEventKind.ROLES_CHANGED], ['5', GroupEventKind.MEMBERS_REMOVED], ['6', GroupEventKind.RENAMED],
    ]);
    for (let i = 0; i < 100 && mq.memberEvents().length < 6; i++) await sleep(20);
    expect(mq.memberEvents().map((e) => [e.kind, e.seq])).to.deep.equal([
      ['CREATED', '1'], ['MEMBERS_ADDED', '2'], ['ROLES_CHANGED', '3'], ['ROLES_CHANGED', '4'], ['MEMBERS_REMOVED', '5'], ['RENAMED', '6'],
    ]);
  });

  // The entries name the owner as their user; the owner's own sessions must not be taken for the sender's.
  it('pushes an operator\'s entries to the owner\'s sessions too: the owner did not make them', async () => {
    const owner = await login(OWNER);
    const group = await create([A]);
    expect((await pushed(owner, '1')).groupEvent?.kind).to.equal(GroupEventKind.CREATED);
    await ok('POST', `/admin/groups/${group.groupId}/name`, { name: 'renamed' });
    expect((await pushed(owner, '2')).groupEvent?.kind).to.equal(GroupEventKind.RENAMED);
  });

  it('reads the group and pages its members in unsigned order, ids as strings', async () => {
    const group = await create(['2', '10', '18446744073709551614', MAX_UINT64, '9007199254740992']);
    const pages: string[][] = [];
    let after = '0';
    for (;;) {
      const page = await members(group.groupId, `?afterUserId=${after}&limit=2`);
      expect(page.group).to.deep.equal(group);
      pages.push(page.members.map((m) => m.userId));
      if (!page.hasMore) break;
      after = page.members.at(-1)!.userId;
    }
    expect(pages).to.deep.equal([['2', '10'], ['9007199254740992', OWNER], ['18446744073709551614', MAX_UINT64]]);
    const all = await members(group.groupId);
    expect(all.members).to.have.length(6);
    expect(all.members[0]!.joinTimeMs).to.equal(group.createTimeMs);
    expect((await members(group.groupId, '?limit=100000')).members).to.have.length(6);
    expect((await members(group.groupId, `?afterUserId=${MAX_UINT64}`))).to.deep.include({ members: [], hasMore: false });
  });

  it('keeps behaviour 14: the owner cannot be removed or have its role changed (403), a full group is 409, an unknown group 404', async () => {
    const group = await create([A, B]);
    const a = await login(A);
    const path = `/admin/groups/${group.groupId}`;
    const refused = async (p: string, body: unknown, status: number, code: string) => {
      const answer = await call('POST', p, body);
      expect(answer.status, JSON.stringify(body)).to.equal(status);
      expect(answer.body.code).to.equal(code);
      expect(answer.body.error).to.be.a('string').that.is.not.empty;
    };
    await refused(`${path}/members`, { remove: [OWNER] }, 403, 'FORBIDDEN');
    await refused(`${path}/members`, { remove: [A, OWNER] }, 403, 'FORBIDDEN');
    await refused(`${path}/members`, { demote: [OWNER] }, 403, 'FORBIDDEN');
    await refused(`${path}/members`, { add: ['2001', '2002', '2003', '2004'] }, 409, 'LIMIT_EXCEEDED');
    await refused('/admin/groups', { ownerUserId: OWNER, name: 'big', memberUserIds: ['1', '2', '3', '4', '5', '6'] }, 409, 'LIMIT_EXCEEDED');
    await refused(`${path}/name`, { name: 'x'.repeat(129) }, 400, 'BAD_REQUEST');
    await refused('/admin/groups/12345/members', { add: [A] }, 404, 'NOT_FOUND');
    await refused(`/admin/groups/${MAX_UINT64}/name`, { name: 'n' }, 404, 'NOT_FOUND');
    const unknown = await call('GET', '/admin/groups/12345');
    expect(unknown.status).to.equal(404);
    expect(unknown.body.code).to.equal('NOT_FOUND');

    // A group filled to the maximum is allowed; nothing refused above made an entry.
    expect(((await ok('POST', `${path}/members`, { add: ['2001', '2002', '2003'] })).group as GroupInfo).memberCount).to.equal(MAX_MEMBERS);
    expect((await pushed(a, '2')).groupEvent?.kind).to.equal(GroupEventKind.MEMBERS_ADDED);
    await sleep(100);
    expect(a.all(Cmd.GROUP_PUSH)).to.have.length(0);
  });

  it('answers 400 naming the field for bad JSON, bad ids and unknown fields, and changes nothing', async () => {
    const group = await create([A]);
    const a = await login(A);
    const path = `/admin/groups/${group.groupId}`;
    const cases: Array<[string, string, unknown, string]> = [
      ['POST', '/admin/groups', '{"ownerUserId": "1",', 'JSON'],
      ['POST', '/admin/groups', '', 'JSON'],
      ['POST', '/admin/groups', ['1'], 'JSON object'],
      ['POST', '/admin/groups', { ownerUserId: 1001, name: 'n', memberUserIds: [] }, 'ownerUserId'],
      ['POST', '/admin/groups', { ownerUserId: '0', name: 'n', memberUserIds: [] }, 'ownerUserId'],
      ['POST', '/admin/groups', { name: 'n', memberUserIds: [] }, 'ownerUserId'],
      ['POST', '/admin/groups', { ownerUserId: OWNER, memberUserIds: [] }, 'name'],
      ['POST', '/admin/groups', { ownerUserId: OWNER, name: 'n' }, 'memberUserIds'],
      ['POST', '/admin/groups', { ownerUserId: OWNER, name: 'n', memberUserIds: ['1', '007'] }, 'memberUserIds[1]'],
      ['POST', '/admin/groups', { ownerUserId: OWNER, name: 'n', memberUserIds: [], clientReqId: 7 }, 'clientReqId'],
      ['POST', '/admin/groups', { ownerUserId: OWNER, name: 'n', memberUserIds: [], members: [] }, '"members"'],
      ['POST', `${path}/members`, { add: '1005' }, 'add'],
      ['POST', `${path}/members`, { remove: [MAX_UINT64 + '0'] }, 'remove[0]'],
      ['POST', `${path}/members`, { promote: [2] }, 'promote[0]'],
      ['POST', `${path}/members`, { addUserIds: ['1005'] }, '"addUserIds"'],
      ['POST', `${path}/name`, { name: null }, 'name'],
      ['POST', `${path}/name`, 'null', 'JSON object'],
      ['POST', '/admin/groups/abc/members', { add: [B] }, 'groupId'],
      ['POST', '/admin/groups/0/name', { name: 'n' }, 'groupId'],
      ['GET', '/admin/groups/-1', undefined, 'groupId'],
      ['GET', '/admin/groups/', undefined, 'groupId'],
      ['GET', `${path}?afterUserId=abc`, undefined, 'afterUserId'],
      ['GET', `${path}?limit=0`, undefined, 'limit'],
      ['GET', `${path}?limit=ten`, undefined, 'limit'],
      ['GET', `${path}?after=1`, undefined, '"after"'],
    ];
    for (const [method, p, body, field] of cases) {
      const answer = await call(method, p, body);
      const what = `${method} ${p} ${JSON.stringify(body)}`;
      expect(answer.status, what).to.equal(400);
      expect(answer.body.code, what).to.equal('BAD_REQUEST');
      expect(answer.body.error, what).to.contain(field);
    }
    expect((await members(group.groupId)).group).to.deep.equal(group);
    expect(await gw.backends.groups.groupsOf(OWNER)).to.deep.equal([group.groupId]);
    await sleep(100);
    expect(a.all(Cmd.GROUP_PUSH)).to.have.length(0);
  });

  it('answers 413 for a body over 1 MiB, and keeps the connection usable', async () => {
    const answer = await call('POST', '/admin/groups', JSON.stringify({ ownerUserId: OWNER, name: 'x'.repeat(1 << 20), memberUserIds: [] }));
    expect(answer.status).to.equal(413);
    expect(answer.body.code).to.equal('TOO_LARGE');
    expect((await call('GET', '/admin/node')).status).to.equal(200);
  });

  it('answers 401 without the admin token or with a wrong one, doing nothing', async () => {
    const group = await create([A]);
    const a = await login(A);
    const requests: Array<[string, string, unknown]> = [
      ['POST', '/admin/groups', { ownerUserId: OWNER, name: 'n', memberUserIds: [B] }],
      ['POST', `/admin/groups/${group.groupId}/members`, { remove: [A] }],
      ['POST', `/admin/groups/${group.groupId}/name`, { name: 'stolen' }],
      ['GET', `/admin/groups/${group.groupId}`, undefined],
    ];
    for (const token of [null, 'wrong', `${TOKEN}x`]) {
      for (const [method, p, body] of requests) {
        const answer = await call(method, p, body, token);
        expect(answer.status, `${method} ${p} with ${token}`).to.equal(401);
        expect(answer.headers.get('www-authenticate')).to.equal('Bearer');
      }
    }
    expect(await gw.backends.groups.groupsOf(OWNER)).to.deep.equal([group.groupId]);
    expect((await members(group.groupId)).group).to.deep.equal(group);
    await sleep(100);
    expect(a.all(Cmd.GROUP_PUSH)).to.have.length(0);
  });

  it('answers 405 with Allow for the wrong method', async () => {
    const group = await create([A]);
    for (const [method, p, allow] of [
      ['GET', '/admin/groups', 'POST'], ['POST', `/admin/groups/${group.groupId}`, 'GET'], ['DELETE', `/admin/groups/${group.groupId}`, 'GET'],
      ['GET', `/admin/groups/${group.groupId}/members`, 'POST'], ['PUT', `/admin/groups/${group.groupId}/name`, 'POST'],
    ] as const) {
      const answer = await call(method, p);
      expect(answer.status, `${method} ${p}`).to.equal(405);
      expect(answer.headers.get('allow')).to.equal(allow);
    }
  });

  it('answers 503 UNAVAILABLE while the group store fails', async () => {
    const group = await create([A]);
    const store = gw.backends.groups;
    const down = async () => { throw new Error('database is down'); };
    const saved = { group: store.group, changeMembers: store.changeMembers };
    store.group = down;
    store.changeMembers = down;
    try {
      for (const [method, p, body] of [['GET', `/admin/groups/${group.groupId}`, undefined], ['POST', `/admin/groups/${group.groupId}/members`, { add: [B] }]] as const) {
        const answer = await call(method, p, body);
        expect(answer.status, `${method} ${p}`).to.equal(503);
        expect(answer.body.code).to.equal('UNAVAILABLE');
        expect(answer.headers.get('retry-after')).to.equal('1');
      }
    } finally {
      Object.assign(store, saved);
    }
    expect((await members(group.groupId)).group.memberCount).to.equal(2);
  });
});
