import type { createClient } from 'redis';
import type { WriteBudget } from '../sync/room-log';
import { budgetKey } from './wire';

const WINDOW_MS = 60_000;

/**
 * A workshop's write budget (bytes of updates per minute) shared by every instance: one Redis
 * counter per workshop and minute. A connection decides on arrival of each frame, without
 * waiting for Redis: it compares what the cluster had counted at the last answer plus what
 * this instance took since with the limit, and adds its bytes to the counter in the background.
 * Instances may overshoot by what they take in the same few milliseconds, never by a minute's
 * worth each. While Redis is away, the instance counts alone (the budget is a guard against
 * floods, not an accounting record).
 *
 * A fixed window per minute rather than the single instance's token bucket: a counter per
 * minute is one INCRBY, where a shared bucket would need a script per frame.
 */
export class SharedWriteBudget implements WriteBudget {
  private window = -1;
  /** The cluster's total for the window at Redis's last answer (ours included). */
  private shared = 0;
  /** Taken here and not yet in an answer from Redis. */
  private unflushed = 0;
  private flushing = false;

  constructor(
    private readonly redis: ReturnType<typeof createClient>,
    private readonly workshopId: string,
    private readonly bytesPerMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(cost: number): boolean {
    const window = Math.floor(this.now() / WINDOW_MS);
    if (window !== this.window) {
      this.window = window;
      this.shared = 0;
      this.unflushed = 0;
    }
    if (this.shared + this.unflushed + cost > this.bytesPerMinute) return false;
    this.unflushed += cost;
    if (!this.flushing) setImmediate(() => void this.flush());
    this.flushing = true;
    return true;
  }

  private async flush(): Promise<void> {
    const window = this.window;
    const sent = this.unflushed;
    try {
      const key = budgetKey(this.workshopId, window);
      const [total] = await this.redis.multi().incrBy(key, sent).pExpire(key, 2 * WINDOW_MS).exec();
      if (window === this.window) {
        this.shared = Number(total);
        this.unflushed -= sent;
      }
    } catch {
      // Redis away: keep counting here.
    } finally {
      this.flushing = false;
      if (this.unflushed > 0 && window === this.window && this.redis.isReady) {
        this.flushing = true;
        setTimeout(() => void this.flush(), 50).unref();
      }
    }
  }
}
