import { ErrorCode } from '../protocol/messages.js';

/**
 * Where a failure came from. Only 'server' carries a meaningful ErrorCode (from an ERROR frame);
 * the local kinds use ERROR_CODE_UNSPECIFIED.
 *  - timeout: no reply within requestTimeoutMs (the server may still have acted on the request)
 *  - disconnected: the connection dropped, or the client stopped reconnecting
 *  - closed: close() was called, or the client was never connected
 */
export type ImErrorKind = 'server' | 'timeout' | 'disconnected' | 'closed';

export class ImError extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly kind: ImErrorKind = 'server') {
    super(message);
    this.name = 'ImError';
  }

  static local(kind: Exclude<ImErrorKind, 'server'>, message: string): ImError {
    return new ImError(ErrorCode.ERROR_CODE_UNSPECIFIED, message, kind);
  }
}
