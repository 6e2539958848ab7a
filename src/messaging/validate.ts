import { ErrorCode, MsgFormat } from '../protocol/messages.js';
import { RequestError } from '../pipeline/request-error.js';
import { FIRST_SERVER_FORMAT } from '../storage/message-store.js';
import type { UserRate } from '../storage/user-rate.js';
import type { Id } from '../protocol/messages.js';

/** One send from the user's shared budget; RATE_LIMITED when spent, UNAVAILABLE when it cannot be asked. */
export async function takeSend(userRate: UserRate, userId: Id): Promise<void> {
  let taken: boolean;
  try {
    taken = await userRate.take(userId, 1);
  } catch {
    throw new RequestError(ErrorCode.UNAVAILABLE, 'send limit unavailable; resend with the same client_msg_id');
  }
  if (!taken) throw new RequestError(ErrorCode.RATE_LIMITED, 'too many sends from this user; slow down');
}

const MAX_CLIENT_MSG_ID = 64;
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Characters (code points) in `s`. The UTF-16 length is never fewer, so code points are only
 * counted when that length is over the limit.
 */
function charCount(s: string, limit: number): number {
  return s.length <= limit ? s.length : [...s].length;
}

/** What every message a client sends must be, one-to-one or to a group; BAD_REQUEST or TOO_LARGE. */
export function validateMessage(req: { clientMsgId: string; content: string; format: MsgFormat }, maxContentChars: number): void {
  const bad = (why: string) => new RequestError(ErrorCode.BAD_REQUEST, why);
  if (req.clientMsgId.length === 0 || charCount(req.clientMsgId, MAX_CLIENT_MSG_ID) > MAX_CLIENT_MSG_ID) {
    throw bad('client_msg_id must be 1-64 characters');
  }
  // MySQL compares VARCHARs ignoring trailing spaces: "x" and "x " would be one message there.
  if (req.clientMsgId.endsWith(' ')) throw bad('client_msg_id must not end with a space');
  // Control characters are reserved for the server's own keys (tombstones, group events).
  if (CONTROL.test(req.clientMsgId)) throw bad('client_msg_id must not contain control characters');
  if (req.content.length === 0) throw bad('content must not be empty');
  if (!(req.format in MsgFormat) || req.format === MsgFormat.MSG_FORMAT_UNSPECIFIED) throw bad(`unknown format ${req.format}`);
  if (req.format >= FIRST_SERVER_FORMAT) throw bad(`format ${MsgFormat[req.format]} is made by the server only`);
  if (charCount(req.content, maxContentChars) > maxContentChars) {
    throw new RequestError(ErrorCode.TOO_LARGE, `content exceeds ${maxContentChars} characters`);
  }
}
