import type { Bodies, Id, KnownCmd } from '../protocol/messages.js';
import type { Logger } from '../log/logger.js';
import type { Session } from '../pipeline/session.js';

/** Which of a user's sessions a delivery is for. */
export interface DeliveryTarget {
  /** Not this one (the session that caused it). */
  except?: Session;
  /** Only sessions that asked for echo_own_messages (a user's own message, to its other devices). */
  echoOnly?: boolean;
}

/**
 * Getting a server-initiated frame to a user's sessions wherever they are (the cluster Router
 * in a gateway). At most once per session; what matters more is the caller's to retry.
 */
export interface Fanout {
  /** Returns how many sessions took it (local ones that accepted it, plus remote routes reached). */
  deliver<C extends KnownCmd>(userId: Id, cmd: C, body: Bodies[C], target?: DeliveryTarget): Promise<number>;
}

/**
 * For notices whose change is already stored (read receipts, typing, recall notices): a failed
 * delivery (e.g. Redis down while looking up routes) is logged and counts as reaching nobody,
 * instead of failing the request that caused it. Devices that missed it catch up by SYNC.
 */
export class BestEffortFanout implements Fanout {
  constructor(private readonly fanout: Fanout, private readonly logger: Logger) {}

  async deliver<C extends KnownCmd>(userId: Id, cmd: C, body: Bodies[C], target?: DeliveryTarget): Promise<number> {
    try {
      return await this.fanout.deliver(userId, cmd, body, target);
    } catch (err) {
      this.logger.warn('live notice not delivered; devices catch up with SYNC', { userId, cmd, err: (err as Error).message });
      return 0;
    }
  }
}
