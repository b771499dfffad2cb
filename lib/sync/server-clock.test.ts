import { describe, expect, it } from 'vitest';
import { ServerClock } from './server-clock';

describe('ServerClock', () => {
  it('corrects the local clock by the measured offset and keeps it when offline', async () => {
    let local = 1_000;
    const clock = new ServerClock(async () => {
      local += 10; // 20 ms round trip, server read half-way
      const server = local + 60_000;
      local += 10;
      return server;
    }, () => local);
    await clock.sync(3);
    expect(clock.getOffset()).toBe(60_000);
    expect(clock.now()).toBe(local + 60_000);
    const offline = new ServerClock(async () => {
      throw new Error('offline');
    }, () => 5);
    await offline.sync(2);
    expect(offline.now()).toBe(5);
  });
});
