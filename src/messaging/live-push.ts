import { Cmd } from '../protocol/messages.js';
import type { Logger } from '../log/logger.js';
import type { Metrics } from '../ops/metrics.js';
import type { Session } from '../pipeline/session.js';
import type { StoredMessage } from '../storage/message-store.js';
import { toChatMessage } from './chat-message.js';
import type { DeliveryTarget, Fanout } from './fanout.js';

export type PushKind = 'first' | 'retry';

/** C2C_PUSH of a stored message to its receiver's sessions wherever they are, counted. */
export class LivePush {
  constructor(private readonly fanout: Fanout, private readonly logger: Logger, private readonly metrics: Metrics) {}

  /** Returns how many sessions took it. */
  async push(message: StoredMessage, kind: PushKind, target?: DeliveryTarget): Promise<number> {
    const n = await this.fanout.deliver(message.toUserId, Cmd.C2C_PUSH, { message: toChatMessage(message) }, target);
    if (n > 0) this.metrics.pushes.inc({ kind }, n);
    return n;
  }

  /**
   * First live push of an armed message, after the sender's ack; never to the sending session
   * (a note to yourself reaches your other sessions). Never rejects: what this push misses, the
   * retry scanner and the offline list deliver.
   */
  async first(message: StoredMessage, sender: Session): Promise<void> {
    try {
      await this.push(message, 'first', message.toUserId === message.fromUserId ? { except: sender } : undefined);
    } catch (err) {
      this.logger.warn('live push failed; the retry scanner will push again', { msgId: message.msgId, err: (err as Error).message });
    }
  }

  /**
   * A fresh message to the sender's other sessions that asked for echo_own_messages: at most
   * once, no ack, no retry. A note to yourself is delivered by the normal path instead.
   */
  async echo(message: StoredMessage, sender: Session): Promise<void> {
    if (message.toUserId === message.fromUserId) return;
    try {
      await this.fanout.deliver(message.fromUserId, Cmd.C2C_PUSH, { message: toChatMessage(message) }, { except: sender, echoOnly: true });
    } catch (err) {
      this.logger.warn('echo to own devices failed; they catch up with SYNC and HISTORY', { msgId: message.msgId, err: (err as Error).message });
    }
  }
}
