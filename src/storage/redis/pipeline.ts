import { Cluster, type ChainableCommander } from 'ioredis';
import type { RedisClient } from './connect.js';

/** One command of a batch: `slot` is its keys' hash tag (they share one), `add` queues it. */
export interface Batched {
  slot: string;
  add: (pipeline: ChainableCommander) => void;
}

/**
 * Sends a batch of commands as one pipeline, and returns their replies in order; the first
 * failed command rejects the whole. ioredis refuses a Cluster pipeline whose keys live on more
 * than one node (it does not split it), so on a Cluster there is one pipeline per slot instead,
 * all sent at once: still one round trip.
 */
export async function pipelined(redis: RedisClient, commands: readonly Batched[]): Promise<unknown[]> {
  if (commands.length === 0) return [];
  const groups = new Map<string, number[]>();
  commands.forEach(({ slot }, i) => {
    const key = redis instanceof Cluster ? slot : '';
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [i]);
    else group.push(i);
  });
  const replies = new Array<unknown>(commands.length);
  await Promise.all([...groups.values()].map(async (indexes) => {
    const pipeline = redis.pipeline();
    for (const i of indexes) commands[i]!.add(pipeline);
    const results = (await pipeline.exec()) ?? [];
    results.forEach(([err, reply], j) => {
      if (err) throw err;
      replies[indexes[j]!] = reply;
    });
  }));
  return replies;
}

/** A script registered with scriptsOf, queued on a pipeline (defineCommand adds it there too). */
export function script(pipeline: ChainableCommander, name: string, ...args: Array<string | number>): void {
  (pipeline as unknown as Record<string, (...a: Array<string | number>) => unknown>)[name]!(...args);
}
