import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Config } from '../config/schema.js';

/**
 * `node.id` when configured, else `{hostname}-{pid}-{random}`: the random part keeps a restarted
 * process that got the same pid (common in containers, where it is often 1) apart from its
 * predecessor, whose presence routes and worker id lease may not have expired yet.
 */
export function resolveNodeId(config: Pick<Config, 'node'>): string {
  if (config.node.id !== '') return config.node.id;
  return `${os.hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
}
