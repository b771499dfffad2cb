import type { createClient } from 'redis';
import type { WriteBudget } from '../sync/room-log';
import { budgetKey } from './wire';

const WINDOW_MS = 60_000;
/** How old the last known total may be before a frame asks Redis again (in the background). */
const REFRESH_MS = 1000;

/**
 * A workshop's write budget (bytes of updates per minute) shared by every instance: one Redis
 * counter per workshop and minute. A connection decides on arrival of each frame, without
 * waiting for Redis: it compares what the cluster had counted at the last answer plus what
 * this instance took since with the limit, and adds its bytes to the counter in the background.
 * Instances may overshoot by what they take in the same few milliseconds, never by a minute's
 * worth each. While Redis is away, the instance counts alone (the budget is a guard against
 * floods, not an accounting record).
 *
 * The cluster's total is read (GET) when the budget is made and at the start of each window,
 * and again whenever the last answer is more than a second old, so an instance that joins a
 * workshop others have been writing to starts from their total, not from zero (it would
 * otherwise learn it only from its first INCRBY's answer, after admitting a frame of up to a
 * whole budget). A frame that arrives before the first answer is decided on what is known.
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
  /** When Redis last told us the total (this instance's clock); a GET is in flight. */
  private answeredAt = -Infinity;
  private reading = false;

  constructor(
    private readonly redis: ReturnType<typeof createClient>,
    private readonly workshopId: string,
    private readonly bytesPerMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.enterWindow(Math.floor(this.now() / WINDOW_MS));
  }

  take(cost: number): boolean {
    const now = this.now();
    const window = Math.floor(now / WINDOW_MS);
    if (window !== this.window) this.enterWindow(window);
    else if (now - this.answeredAt > REFRESH_MS) void this.read();
    if (this.shared + this.unflushed + cost > this.bytesPerMinute) return false;
    this.unflushed += cost;
    if (!this.flushing) setImmediate(() => void this.flush());
    this.flushing = true;
    return true;
  }

  private enterWindow(window: number): void {
    this.window = window;
    this.shared = 0;
    this.unflushed = 0;
    this.answeredAt = -Infinity;
    void this.read();
  }

  /** The cluster's total for this window so far (our own flushed bytes included). */
  private async read(): Promise<void> {
    if (this.reading || !this.redis.isReady) return;
    this.reading = true;
    const window = this.window;
    try {
      const total = Number((await this.redis.get(budgetKey(this.workshopId, window))) ?? 0);
      // An INCRBY answered meanwhile may know more; totals only grow within a window.
      if (window === this.window && total > this.shared) this.shared = total;
      if (window === this.window) this.answeredAt = this.now();
    } catch {
      // Redis away: keep counting here.
    } finally {
      this.reading = false;
    }
  }

  private async flush(): Promise<void> {
    const window = this.window;
    const sent = this.unflushed;
    try {
      const key = budgetKey(this.workshopId, window);
      const [total] = await this.redis.multi().incrBy(key, sent).pExpire(key, 2 * WINDOW_MS).exec();
      if (window === this.window) {
        this.shared = Math.max(this.shared, Number(total));
        this.unflushed -= sent;
        this.answeredAt = this.now();
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
