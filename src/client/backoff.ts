// Reconnect delays. Full jitter spreads a whole fleet that lost the same node over the window
// instead of having it reconnect in lockstep (AWS Architecture Blog, "Exponential Backoff And Jitter").

export interface BackoffOptions {
  /** Upper bound of the first delay, ms. */
  initialMs: number;
  /** Upper bound of any delay, ms. */
  maxMs: number;
}

/** A random delay in [0, min(maxMs, initialMs * 2^attempt)); `attempt` counts from 0. */
export function backoffDelay(attempt: number, { initialMs, maxMs }: BackoffOptions, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(maxMs, initialMs * 2 ** attempt));
}
