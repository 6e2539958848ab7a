// The embedded SQLite stores on a thread of their own. better-sqlite3 runs every statement
// synchronously, so on the gateway's thread each commit (a few hundred µs to a few ms: it writes
// every page the batch dirtied to the WAL) held up every socket. Here the gateway's thread posts
// calls and takes results; the store thread runs the same stores over one connection, in order.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { GroupRuleError } from '../../groups/membership.js';
import { groupMemberEvent } from '../../mq/events.js';
import type { ConversationStore } from '../conversation-store.js';
import type { GroupStore } from '../group-store.js';
import type { MessageStore } from '../message-store.js';
import type { StoreOptions } from './data-source.js';
import { SqlConversationStore } from './sql-conversation-store.js';
import { SqlGroupStore } from './sql-group-store.js';
import { SqlMessageStore } from './sql-message-store.js';

/** The stores over one database; closing `messages` closes the database. */
export interface Stores {
  messages: MessageStore;
  conversations: ConversationStore;
  groups: GroupStore;
}

export type StoreName = keyof Stores;

/** What each store answers on the thread: the public methods of its SQL class. */
export const STORE_METHODS: Record<StoreName, ReadonlySet<string>> = {
  messages: methodsOf(SqlMessageStore.prototype),
  conversations: methodsOf(SqlConversationStore.prototype),
  groups: methodsOf(SqlGroupStore.prototype),
};

/**
 * The functions a store takes as arguments (a group change's outbox event builder), passed by
 * name: a function cannot cross to another thread, and these are the module's own.
 */
export const PORTABLE_FUNCTIONS: Readonly<Record<string, (...args: never[]) => unknown>> = { groupMemberEvent };

export interface Call {
  id: number;
  store: StoreName;
  method: string;
  args: unknown[];
  /** Indexes of `args` that are names in PORTABLE_FUNCTIONS. */
  functions: number[];
}

export interface Reply {
  id: number;
  result?: unknown;
  error?: WireError;
}

export interface WireError {
  name: string;
  message: string;
  code?: unknown;
}

export function toWire(err: unknown): WireError {
  const e = err instanceof Error ? err : new Error(String(err));
  return { name: e.name, message: e.message, ...(e instanceof GroupRuleError && { code: e.code }) };
}

const STANDARD_ERRORS: Record<string, new (message: string) => Error> = { RangeError, TypeError, ReferenceError, SyntaxError };

/** The error as the store threw it: callers tell GroupRuleError and RangeError apart. */
function fromWire(e: WireError): Error {
  if (e.name === 'GroupRuleError') return new GroupRuleError(e.code as GroupRuleError['code'], e.message);
  const err = new (STANDARD_ERRORS[e.name] ?? Error)(e.message);
  if (err.name !== e.name) err.name = e.name;
  return err;
}

/**
 * Opens the SQLite stores of `file` (or ":memory:") on a new thread. A call made after the thread
 * stopped (or while it stops) rejects; the thread keeps the process alive only while calls are
 * waiting, as a socket with a request in flight would.
 */
export async function openSqliteStoresOnThread(file: string, options: StoreOptions = {}): Promise<Stores> {
  const worker = startWorker({ file, options });
  worker.unref();
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (err: Error) => void }>();
  let nextId = 0;
  let stopped: Error | null = null;
  const stop = (err: Error) => {
    stopped ??= err;
    for (const call of waiting.values()) call.reject(stopped);
    waiting.clear();
  };

  await new Promise<void>((resolve, reject) => {
    const opening = (reply: { opened: true } | { error: WireError }) => {
      worker.off('error', reject);
      worker.off('exit', exited);
      if ('error' in reply) reject(fromWire(reply.error));
      else resolve();
    };
    const exited = (code: number) => reject(new Error(`the SQLite thread exited (code ${code}) before opening ${file}`));
    worker.once('message', opening);
    worker.once('error', reject);
    worker.once('exit', exited);
  });
  worker.on('message', ({ id, result, error }: Reply) => {
    const call = waiting.get(id);
    if (call === undefined) return;
    waiting.delete(id);
    if (waiting.size === 0) worker.unref();
    if (error !== undefined) call.reject(fromWire(error));
    else call.resolve(result);
  });
  worker.on('error', (err) => stop(new Error(`the SQLite thread failed: ${err.message}`)));
  worker.on('exit', (code) => stop(new Error(`the SQLite thread exited (code ${code})`)));

  const call = (store: StoreName, method: string, args: unknown[]): Promise<unknown> => new Promise((resolve, reject) => {
    if (stopped !== null) return reject(stopped);
    const functions: number[] = [];
    const wireArgs = args.map((arg, i) => {
      if (typeof arg !== 'function') return arg;
      const name = Object.keys(PORTABLE_FUNCTIONS).find((key) => PORTABLE_FUNCTIONS[key] === arg);
      if (name === undefined) throw new TypeError(`${store}.${method}: argument ${i} is a function the SQLite thread does not know`);
      functions.push(i);
      return name;
    });
    const id = nextId++;
    waiting.set(id, { resolve, reject });
    if (waiting.size === 1) worker.ref();
    worker.postMessage({ id, store, method, args: wireArgs, functions } satisfies Call);
  });

  const stub = <T>(store: StoreName): T => Object.fromEntries(
    [...STORE_METHODS[store]].map((method) => [method, (...args: unknown[]) => call(store, method, args)]),
  ) as T;
  const messages = stub<MessageStore>('messages');
  const close = messages.close;
  messages.close = async () => {
    if (stopped !== null) return;
    try {
      await close();
    } finally {
      stop(new Error('the SQLite stores are closed'));
      await worker.terminate();
    }
  };
  return { messages, conversations: stub('conversations'), groups: stub('groups') };
}

function startWorker(workerData: { file: string; options: StoreOptions }): Worker {
  const source = new URL(`./sqlite-thread-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
  if (!source.pathname.endsWith('.ts')) return new Worker(source, { workerData });
  // From source (tests, tsx): a worker does not inherit tsx's loader, so it registers it first.
  // The ES module of tsx/esm/api: its CommonJS twin registers a loader path that does not exist.
  const tsx = pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source.href)}); })`,
    { eval: true, workerData });
}

function methodsOf(prototype: object): ReadonlySet<string> {
  return new Set(Object.getOwnPropertyNames(prototype).filter((name) => name !== 'constructor'
    && typeof Object.getOwnPropertyDescriptor(prototype, name)?.value === 'function'));
}
