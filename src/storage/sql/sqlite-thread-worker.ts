// The store thread of sqlite-thread.ts: opens the SQLite stores and answers calls, in order.
import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteStores, type StoreOptions } from './data-source.js';
import { PORTABLE_FUNCTIONS, STORE_METHODS, toWire, type Call, type Reply } from './sqlite-thread.js';

const port = parentPort!;
const { file, options } = workerData as { file: string; options: StoreOptions };

try {
  const stores = await openSqliteStores(file, options);
  port.on('message', ({ id, store, method, args, functions }: Call) => {
    for (const i of functions) args[i] = PORTABLE_FUNCTIONS[args[i] as string];
    const answer = (reply: Reply) => {
      try {
        port.postMessage(reply);
      } catch (err) {
        port.postMessage({ id, error: toWire(err) } satisfies Reply);
      }
    };
    if (!STORE_METHODS[store]?.has(method)) {
      answer({ id, error: toWire(new TypeError(`no method ${store}.${method}`)) });
      return;
    }
    const target = stores[store] as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    Promise.resolve()
      .then(() => target[method]!(...args))
      .then((result) => answer({ id, result }), (err: unknown) => answer({ id, error: toWire(err) }));
  });
  port.postMessage({ opened: true });
} catch (err) {
  port.postMessage({ error: toWire(err) });
}
