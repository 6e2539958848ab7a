// Rough throughput of Snowflake.next() on the real clock: `npx tsx scripts/bench-snowflake.ts [count]`.
// The ceiling is 4096 ids per ms per worker (~4.1 M/s); above that next() spins for the next ms.
import { Snowflake } from '../src/ids/snowflake.js';

const count = Number(process.argv[2] ?? 2_000_000);
const gen = new Snowflake({ workerId: 1 });

for (let i = 0; i < 100_000; i++) gen.next(); // warm up the JIT

let last = '';
const start = process.hrtime.bigint();
for (let i = 0; i < count; i++) last = gen.next();
const seconds = Number(process.hrtime.bigint() - start) / 1e9;

console.log(`${count} ids in ${seconds.toFixed(3)} s: ${Math.round(count / seconds).toLocaleString('en-US')} ids/s (last ${last})`);
