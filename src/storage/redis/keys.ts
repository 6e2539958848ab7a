// Every Redis key and pub/sub channel the gateway uses, named in one place. On a Redis Cluster a
// key's slot is the hash of its `{hash tag}` (or of the whole name without one): keys that one
// script or transaction touches share a tag, and shared structures are split over several tags so
// that no single slot carries the whole deployment's traffic.
import { crc32 } from 'node:zlib';
import type { Id } from '../../ids/id.js';

/** The retry queue is this many ZSETs (each with its attempts hash), by receiver. */
export const RETRY_SHARDS = 16;
/** Group entries travel on this many channels, by group. */
export const GROUP_CHANNELS = 16;

/** A user's offline list and its completeness marker: one slot (`{uid}`). */
export function offlineKeys(prefix: string, userId: Id): { list: string; ready: string } {
  return { list: `${prefix}offline:msg:{${userId}}`, ready: `${prefix}offline:ready:{${userId}}` };
}

/** A user's device routes (HASH). */
export function presenceKey(prefix: string, userId: Id): string {
  return `${prefix}presence:{${userId}}`;
}

/** Every node's presence lease (ZSET, nodeId scored by expiry): one slot, a write per node per beat. */
export function nodesKey(prefix: string): string {
  return `${prefix}nodes`;
}

/** A user's send-rate token bucket (HASH). */
export function rateKey(prefix: string, userId: Id): string {
  return `${prefix}rate:{${userId}}`;
}

/** One shard of the retry queue: its ZSET and attempts hash share the `{retry:N}` slot. */
export function retryKeys(prefix: string, shard: number): { set: string; attempts: string } {
  return { set: `${prefix}{retry:${shard}}`, attempts: `${prefix}{retry:${shard}}:attempt` };
}

/**
 * The receiver's retry shard. A hash of the id, not the id modulo the shard count: snowflake-like
 * user ids often share their low bits and would all land in one shard.
 */
export function retryShardOf(userId: Id): number {
  return crc32(userId) % RETRY_SHARDS;
}

/** The lease of snowflake worker id `workerId`: a key (and so a slot) per id. */
export function workerKey(prefix: string, workerId: number): string {
  return `${prefix}worker:${workerId}`;
}

/** The sharded pub/sub channel a node receives its envelopes on. */
export function nodeChannel(prefix: string, nodeId: string): string {
  return `${prefix}node:${nodeId}`;
}

/** Group channel `n` (0 .. GROUP_CHANNELS - 1); every node listens on all of them. */
export function groupChannel(prefix: string, n: number): string {
  return `${prefix}groups:${n}`;
}

/** One group's entries always take the same channel, so they arrive in the order they were sent. */
export function groupChannelOf(prefix: string, groupId: Id): string {
  return groupChannel(prefix, crc32(groupId) % GROUP_CHANNELS);
}
