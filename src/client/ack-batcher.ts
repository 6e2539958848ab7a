// Collects msg ids to confirm and hands them over once per event-loop turn, so a burst of pushes
// costs one C2C_ACK frame instead of one each.

/** Keeps one C2C_ACK far below the gateway's default 64 KiB frame limit (≤ 11 bytes per id). */
const MAX_IDS_PER_FRAME = 1000;

export class AckBatcher {
  private ids: string[] = [];
  private scheduled: NodeJS.Immediate | null = null;

  constructor(private readonly sendAck: (msgIds: string[]) => void) {}

  add(msgId: string): void {
    this.ids.push(msgId);
    // setImmediate (not a microtask) runs after every socket read of this turn, so frames that
    // arrived in separate TCP reads still share one ack.
    this.scheduled ??= setImmediate(() => this.flush());
  }

  flush(): void {
    this.cancel();
    const ids = this.ids;
    this.ids = [];
    for (let i = 0; i < ids.length; i += MAX_IDS_PER_FRAME) this.sendAck(ids.slice(i, i + MAX_IDS_PER_FRAME));
  }

  /** Forgets unsent ids: without a connection they cannot be sent, and the server re-pushes them. */
  clear(): void {
    this.cancel();
    this.ids = [];
  }

  private cancel(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
  }
}
