// The JWT secret actually in use. Embedded mode may leave auth.jwtSecret empty: the first process
// to need one (the gateway or `npm run token`) generates it into DATA_DIR/jwt-secret and every
// later one reads it, so tokens minted by the script keep working against `npm start`.
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/schema.js';

const DEFAULT_DATA_DIR = './data';
const SECRET_FILE = 'jwt-secret';

/** Just what this module logs with; the winston Logger satisfies it. */
export interface SecretLogger {
  info(message: string, meta?: Record<string, unknown>): unknown;
  warn(message: string, meta?: Record<string, unknown>): unknown;
}

export function resolveJwtSecret(config: Pick<Config, 'mode' | 'auth'>, logger?: SecretLogger, dataDir: string = DEFAULT_DATA_DIR): string {
  if (config.auth.jwtSecret !== '') return config.auth.jwtSecret;
  if (config.mode !== 'embedded') throw new Error('auth.jwtSecret is empty; production mode requires one');
  const file = join(dataDir, SECRET_FILE);
  const existing = readSecret(file);
  if (existing !== null) {
    logger?.info('auth.jwtSecret is empty: using the generated secret', { file });
    return existing;
  }
  const created = createSecret(dataDir, file);
  if (created === null) return readSecret(file)!; // another process created it first
  logger?.warn('auth.jwtSecret is empty: generated a random secret; set auth.jwtSecret to choose one', { file });
  return created;
}

function readSecret(file: string): string | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const secret = text.trim();
  // Replacing it silently would invalidate every token already handed out.
  if (secret === '') throw new Error(`${file} is empty; delete it to generate a new secret`);
  return secret;
}

/** Returns the new secret, or null if the file appeared meanwhile. Never leaves a partial file. */
function createSecret(dataDir: string, file: string): string | null {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('hex');
  // Written in full under a private name, then linked into place: link() refuses to replace an
  // existing file, so two processes starting together agree on one secret.
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temp, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temp, file);
    return secret;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw err;
  } finally {
    unlinkSync(temp);
  }
}
