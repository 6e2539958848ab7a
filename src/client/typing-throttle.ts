// TYPING_REQ at most once per conversation per interval. The gateway silently drops more than one
// per session and conversation per 3 s (PROTOCOL.md behaviour 13), so the SDK holds back what the
// gateway would drop: a repeat of the state last sent is dropped, a change is sent once the
// interval is over (only the latest state), so that "stopped typing" is not lost.

/** The gateway's 3 s plus room for network jitter between two frames. */
export const TYPING_INTERVAL_MS = 3500;

/** Conversations remembered before idle ones are swept. */
const SWEEP_AT = 1000;

interface State {
  sentAt: number;
  sent: boolean;
  /** The state to send once the interval is over; null when there is nothing new to say. */
  pending: boolean | null;
  timer: NodeJS.Timeout | null;
}

export class TypingThrottle {
  private readonly convs = new Map<string, State>();

  constructor(
    private readonly send: (convId: string, typing: boolean) => void,
    private readonly intervalMs = TYPING_INTERVAL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  typing(convId: string, typing: boolean): void {
    const now = this.now();
    const state = this.convs.get(convId);
    if (state === undefined || now - state.sentAt >= this.intervalMs) {
      if (state?.timer) clearTimeout(state.timer);
      if (state === undefined && this.convs.size >= SWEEP_AT) this.sweep(now);
      this.convs.set(convId, { sentAt: now, sent: typing, pending: null, timer: null });
      this.send(convId, typing);
      return;
    }
    state.pending = typing === state.sent ? null : typing;
    if (state.pending !== null) state.timer ??= setTimeout(() => this.flush(convId), state.sentAt + this.intervalMs - now);
  }

  /** Forgets everything (the connection is gone: a new session starts with a fresh server throttle). */
  clear(): void {
    for (const state of this.convs.values()) if (state.timer) clearTimeout(state.timer);
    this.convs.clear();
  }

  private flush(convId: string): void {
    const state = this.convs.get(convId);
    if (state === undefined) return;
    state.timer = null;
    if (state.pending === null) return;
    state.sent = state.pending;
    state.pending = null;
    state.sentAt = this.now();
    this.send(convId, state.sent);
  }

  private sweep(now: number): void {
    for (const [convId, state] of this.convs) {
      if (state.timer === null && now - state.sentAt >= this.intervalMs) this.convs.delete(convId);
    }
  }
}
