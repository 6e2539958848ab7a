// The terminal chat: `npm run chat -- --user 1001 [--url ws://127.0.0.1:7070/ws] [--device ID]
// [--token JWT] [--config FILE]`. Everything but the process lives in src/cli/chat.ts.
import { runChat } from '../src/cli/chat.js';

const terminal = Boolean(process.stdin.isTTY && process.stdout.isTTY);
runChat(process.argv.slice(2), { input: process.stdin, output: process.stdout, errors: process.stderr, terminal }).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`chat: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
