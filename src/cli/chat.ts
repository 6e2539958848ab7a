// cli/: command-line programs built on the client SDK. This file is `npm run chat`: its flags,
// the token, and the line-based terminal around a ChatSession (chat-session.ts).
import { clearLine, createInterface, cursorTo, type Interface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ImClient } from '../client/im-client.js';
import { signToken } from '../auth/jwt.js';
import { resolveJwtSecret } from '../auth/secret.js';
import { ConfigError, loadConfig } from '../config/load.js';
import { isUserId, type Id } from '../ids/id.js';
import { ChatSession } from './chat-session.js';

export const USAGE = 'usage: npm run chat -- --user USER_ID [--url ws://127.0.0.1:7070/ws] [--device ID] [--token JWT] [--config FILE]';

const DEFAULT_URL = 'ws://127.0.0.1:7070/ws';
const DEFAULT_DEVICE = 'cli';
/** Tokens are minted afresh for every login, so a short life costs nothing. */
const TOKEN_TTL_SECONDS = 3600;

export interface ChatOptions {
  /** Required when no token is given: the user the minted token names. */
  user?: Id;
  url: string;
  device: string;
  token?: string;
  config?: string;
}

export interface ChatIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  errors: NodeJS.WritableStream;
  /** A person at a keyboard: show a prompt and keep it below incoming lines. */
  terminal: boolean;
}

class UsageError extends Error {}

export function parseChatArgs(argv: readonly string[]): ChatOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        user: { type: 'string' },
        url: { type: 'string', default: DEFAULT_URL },
        device: { type: 'string', default: DEFAULT_DEVICE },
        token: { type: 'string' },
        config: { type: 'string' },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.user !== undefined && !isUserId(values.user)) throw new UsageError(`--user must be a decimal user id, got '${values.user}'`);
  if (values.user === undefined && values.token === undefined) throw new UsageError('--user is required (or --token)');
  return { user: values.user, url: values.url, device: values.device, token: values.token, config: values.config };
}

/**
 * The token for every login: --token as given, or one signed with the secret of the gateway's
 * config (the same file, IM_* variables and ./data/jwt-secret as `npm start` and `npm run token`).
 */
function tokenSource(options: ChatOptions, errors: NodeJS.WritableStream): string | (() => Promise<string>) {
  if (options.token !== undefined) return options.token;
  const { config } = loadConfig({ argv: options.config === undefined ? [] : ['--config', options.config] });
  const secret = resolveJwtSecret(config, {
    info: () => {},
    warn: (message, meta) => errors.write(`chat: ${message} ${JSON.stringify(meta)}\n`),
  });
  const userId = options.user!;
  return () => signToken({ userId, secret, ttlSeconds: TOKEN_TTL_SECONDS });
}

/** Runs the chat until /quit or the end of input; resolves the process exit code. */
export async function runChat(argv: readonly string[], io: ChatIo): Promise<number> {
  let options: ChatOptions;
  let token: string | (() => Promise<string>);
  try {
    options = parseChatArgs(argv);
    token = tokenSource(options, io.errors);
  } catch (err) {
    if (err instanceof ConfigError) io.errors.write(`chat: configuration error:\n${err.message}\n`);
    else if (err instanceof UsageError) io.errors.write(`chat: ${err.message}\n${USAGE}\n`);
    else io.errors.write(`chat: ${(err as Error).message}\n`);
    return 2;
  }

  let rl: Interface | null = null;
  const print = (line: string) => {
    if (rl === null || !io.terminal) {
      io.output.write(`${line}\n`);
      return;
    }
    // Incoming lines go above what the user is typing, which is redrawn below them.
    clearLine(io.output, 0);
    cursorTo(io.output, 0);
    io.output.write(`${line}\n`);
    rl.prompt(true);
  };

  const client = new ImClient({ url: options.url, token, deviceId: options.device, platform: 'cli' });
  const session = new ChatSession(client, print);
  try {
    await client.connect();
  } catch (err) {
    print(`error: cannot connect to ${options.url}: ${(err as Error).message}`);
    return 1;
  }

  const lines = createInterface({ input: io.input, output: io.terminal ? io.output : undefined, terminal: io.terminal });
  rl = lines;
  lines.setPrompt('> ');
  print('type /help for the commands');
  // One line at a time, in the order typed, so that output follows input.
  let queue = Promise.resolve(true);
  lines.on('line', (line) => {
    queue = queue.then((going) => (going ? session.handle(line) : false)).then((going) => {
      if (!going) lines.close();
      else if (io.terminal) lines.prompt(true);
      return going;
    });
  });
  lines.on('SIGINT', () => lines.close());
  await new Promise<void>((resolve) => lines.once('close', () => resolve()));
  rl = null;
  if (await queue) await session.quit();
  return 0;
}
