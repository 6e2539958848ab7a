// npx tsx scripts/bench/store.ts [--batches 2000] [--size 8] [--conversations 50]
//
// What a group-commit batch costs the gateway on MariaDB, with nothing else in the way: one
// batch after the other, a send batch (insertBatch of --size messages over --conversations
// conversations) and then the ack batch of the same messages (markDeliveredMany), timed by this
// process's CPU (process.cpuUsage: the driver, TypeORM, the store and the socket writes) and by
// the wall clock, with the statements MariaDB counted (its Questions). Run it in two trees with
// the same flags to compare them: the figures are per batch, so load does not change them much.
import mysql from 'mysql2/promise';
import { performance } from 'node:perf_hooks';
import { messageEvent } from '../../src/mq/events.js';
import { openMysqlStores } from '../../src/storage/sql/data-source.js';
import { BASE_USER, BENCH_DATABASE, BENCH_MYSQL, FlagCursor, dropDatabase } from './support.js';

const DATABASE = `${BENCH_DATABASE}_store`;

const args = { batches: 2000, size: 8, conversations: 50 };
const flags = new FlagCursor(process.argv.slice(2));
for (let flag = flags.next(); flag !== undefined; flag = flags.next()) {
  if (flag === '--batches') args.batches = flags.number(1, 1e7, true);
  else if (flag === '--size') args.size = flags.number(1, 10_000, true);
  else if (flag === '--conversations') args.conversations = flags.number(1, 1e6, true);
  else throw new Error(`unknown flag ${flag} (--batches N, --size N, --conversations N)`);
}

const admin = await mysql.createConnection(BENCH_MYSQL);
const questions = async () => {
  const [rows] = await admin.query("SHOW GLOBAL STATUS LIKE 'Questions'") as unknown as [Array<{ Value: string }>];
  return Number(rows[0]!.Value);
};
await dropDatabase(DATABASE);
const stores = await openMysqlStores({ ...BENCH_MYSQL, database: DATABASE, poolSize: 4 });
const store = stores.messages;

// Ids above 2^53, as the gateway's; users in pairs, one conversation per pair.
let next = 0n;
const batch = () => Array.from({ length: args.size }, () => {
  next += 1n;
  const pair = next % BigInt(args.conversations);
  const m = {
    msgId: (BASE_USER + next).toString(), clientMsgId: `c-${next}`, fromUserId: (BASE_USER + 2n * pair).toString(),
    toUserId: (BASE_USER + 2n * pair + 1n).toString(), content: 'hello', format: 1, createTime: Date.now(),
  };
  return { message: m, event: messageEvent(m) };
});

type Totals = { cpuUs: number; wallMs: number; statements: number };
const totals = { send: { cpuUs: 0, wallMs: 0, statements: 0 }, ack: { cpuUs: 0, wallMs: 0, statements: 0 } };
async function timed(into: Totals, work: () => Promise<unknown>): Promise<void> {
  const q0 = await questions();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await work();
  into.wallMs += performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  into.cpuUs += cpu.user + cpu.system;
  into.statements += (await questions()) - q0 - 1; // the SHOW is a question too
}

for (let i = 0; i < 50; i++) {
  const writes = batch();
  await store.insertBatch(writes);
  await store.markDeliveredMany(writes.map(({ message: m }) => ({ toUserId: m.toUserId, msgIds: [m.msgId] })));
}
for (let i = 0; i < args.batches; i++) {
  const writes = batch();
  await timed(totals.send, () => store.insertBatch(writes));
  await timed(totals.ack, () => store.markDeliveredMany(writes.map(({ message: m }) => ({ toUserId: m.toUserId, msgIds: [m.msgId] }))));
}
await store.close();
await admin.end();
await dropDatabase(DATABASE);

const row = (name: string, t: Totals) =>
  `| ${name} | ${(t.cpuUs / args.batches).toFixed(0)} | ${(t.wallMs / args.batches).toFixed(2)} | ${(t.statements / args.batches).toFixed(2)} |`;
process.stdout.write([
  '',
  `batches=${args.batches} size=${args.size} conversations=${args.conversations} node=${process.version}`,
  '',
  '| batch | gateway CPU µs per batch | wall ms per batch | statements per batch |',
  '|---|---|---|---|',
  row(`send (insertBatch of ${args.size})`, totals.send),
  row(`ack (markDeliveredMany of ${args.size})`, totals.ack),
  '',
].join('\n'));
