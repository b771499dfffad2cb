/**
 * A token bucket: `ratePerSecond` tokens refill continuously up to `burstSeconds` worth; each
 * event takes `cost` tokens. Used per connection for messages, bytes and presence updates.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly capacity: number;

  constructor(
    private readonly ratePerSecond: number,
    burstSeconds = 4,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.capacity = ratePerSecond * burstSeconds;
    this.tokens = this.capacity;
    this.last = now();
  }

  /** Takes `cost` tokens; false when there are not enough (the event is over the limit). */
  take(cost = 1): boolean {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.last) / 1000) * this.ratePerSecond);
    this.last = t;
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }
}
