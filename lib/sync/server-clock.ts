import { estimateOffset, type ClockSample } from '../clock';

/**
 * The server's clock on this client: `now()` is local time corrected by the offset measured
 * against `/api/time`, so timers agree across machines whose clocks disagree.
 */
export class ServerClock {
  private offset = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly fetchServerTime: () => Promise<number>,
    private readonly localNow: () => number = Date.now,
  ) {}

  now(): number {
    return this.localNow() + this.offset;
  }

  getOffset(): number {
    return this.offset;
  }

  /** Takes a few samples and keeps the best; failures leave the previous offset. */
  async sync(samples = 5): Promise<void> {
    const taken: ClockSample[] = [];
    for (let i = 0; i < samples; i++) {
      try {
        const sentAt = this.localNow();
        const serverTime = await this.fetchServerTime();
        taken.push({ sentAt, serverTime, receivedAt: this.localNow() });
      } catch {
        // offline: try again at the next sync
      }
    }
    if (taken.length === 0) return;
    this.offset = estimateOffset(taken);
    for (const listener of this.listeners) listener();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
