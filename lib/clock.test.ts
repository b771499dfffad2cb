import { describe, expect, it } from 'vitest';
import { addTime, estimateOffset, formatDuration, pauseTimer, remainingMs, resetTimer, startTimer, timerPhase, type TimerState } from './clock';

describe('server clock offset', () => {
  it('takes the sample with the shortest round trip and assumes the server read half-way', () => {
    // Local clock is 5 s behind the server.
    const offset = estimateOffset([
      { sentAt: 1000, serverTime: 6300, receivedAt: 1400 }, // slow round trip
      { sentAt: 2000, serverTime: 7010, receivedAt: 2020 }, // fast: 7010 - 2010
    ]);
    expect(offset).toBe(5000);
    expect(estimateOffset([])).toBe(0);
  });

  it('two clients with different clocks show the same remaining time', () => {
    const serverNow = 1_000_000;
    const timer = startTimer({ status: 'idle', totalMs: 0 }, serverNow, 10 * 60_000);
    const clientA = { local: serverNow - 3_000, offset: 3_000 };
    const clientB = { local: serverNow + 7_500, offset: -7_500 };
    expect(remainingMs(timer, clientA.local + clientA.offset)).toBe(remainingMs(timer, clientB.local + clientB.offset));
  });
});

describe('timer', () => {
  const idle: TimerState = { status: 'idle', totalMs: 60_000 };
  it('starts, pauses, resumes, adds time and resets', () => {
    let t = startTimer(idle, 0);
    expect(remainingMs(t, 20_000)).toBe(40_000);
    t = pauseTimer(t, 20_000);
    expect(t).toEqual({ status: 'paused', totalMs: 60_000, remainingMs: 40_000 });
    expect(remainingMs(t, 999_999)).toBe(40_000);
    t = startTimer(t, 100_000);
    expect(remainingMs(t, 110_000)).toBe(30_000);
    t = addTime(t, 60_000, 110_000);
    expect(remainingMs(t, 110_000)).toBe(90_000);
    expect(t.totalMs).toBe(120_000);
    expect(resetTimer(t)).toEqual({ status: 'idle', totalMs: 120_000 });
  });

  it('adding time after time is up restarts from now', () => {
    const t = addTime(startTimer(idle, 0), 30_000, 100_000);
    expect(remainingMs(t, 100_000)).toBe(30_000);
  });

  it('warns at 20 % and 5 % left and says when time is up', () => {
    const t = startTimer({ status: 'idle', totalMs: 100_000 }, 0);
    expect(timerPhase(t, 70_000)).toBe('normal');
    expect(timerPhase(t, 80_000)).toBe('warning');
    expect(timerPhase(t, 95_000)).toBe('critical');
    expect(timerPhase(t, 100_000)).toBe('over');
    expect(timerPhase(idle, 0)).toBe('normal');
  });

  it('formats durations', () => {
    expect(formatDuration(61_000)).toBe('1:01');
    expect(formatDuration(59_001)).toBe('1:00');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
    expect(formatDuration(-5)).toBe('0:00');
  });
});
