// Bounded memory of recently seen msg ids. The server re-pushes until it sees our ack, so a
// duplicate arrives shortly after the original: a window of recent ids is enough, and a ring
// keeps eviction O(1) at benchmark rates.

export class RecentIds {
  private readonly ids = new Set<string>();
  private readonly ring: Array<string | undefined>;
  private next = 0;

  constructor(capacity = 10_000) {
    this.ring = new Array<string | undefined>(capacity);
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** Records `id`; false when it is already among the recent ones. */
  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    const evicted = this.ring[this.next];
    if (evicted !== undefined) this.ids.delete(evicted);
    this.ring[this.next] = id;
    this.ids.add(id);
    this.next = (this.next + 1) % this.ring.length;
    return true;
  }
}
