import type { ErrorCode } from '../protocol/messages.js';

/** A request that fails with an ERROR frame to the client (the session goes on). */
export class RequestError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
    this.name = 'RequestError';
  }
}
