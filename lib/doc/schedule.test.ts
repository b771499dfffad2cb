import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { TimerState } from '../clock';
import { addAgendaItem, listAgenda, scheduleStatus, stepAgenda } from './agenda';

const MIN = 60_000;
const T0 = 1_800_000_000_000;

describe('the schedule line agrees with the timer', () => {
  it('says ahead when earlier items finished early, but "over time" once the timer is up', () => {
    const doc = new Y.Doc();
    addAgendaItem(doc, { title: 'Intro', minutes: 20 });
    const terms = addAgendaItem(doc, { title: 'Terms', minutes: 30 });
    stepAgenda(doc, 1, T0);
    stepAgenda(doc, 1, T0 + 5 * MIN); // Intro took 5 of its 20 minutes: 15 ahead
    const agenda = listAgenda(doc);
    const running: TimerState = { status: 'running', totalMs: 2 * MIN, endsAt: T0 + 7 * MIN }; // a 2-minute timer on Terms
    expect(scheduleStatus(agenda, terms, running, T0 + 6 * MIN)).toEqual({ kind: 'ahead', ms: 15 * MIN });
    // The timer ran out 1:23 ago: the line does not say "ahead" next to "Time's up".
    expect(scheduleStatus(agenda, terms, running, T0 + 8 * MIN + 23_000)).toEqual({ kind: 'over-time', ms: MIN + 23_000 });
    // A paused or idle timer is never over: back to the schedule.
    expect(scheduleStatus(agenda, terms, { status: 'paused', totalMs: 2 * MIN, remainingMs: 30_000 }, T0 + 9 * MIN).kind).toBe('ahead');
  });

  it('behind, and on schedule within a second', () => {
    const doc = new Y.Doc();
    const intro = addAgendaItem(doc, { title: 'Intro', minutes: 10 });
    stepAgenda(doc, 1, T0);
    const agenda = listAgenda(doc);
    const idle: TimerState = { status: 'idle', totalMs: 0 };
    expect(scheduleStatus(agenda, intro, idle, T0 + 5 * MIN)).toEqual({ kind: 'on-schedule' });
    expect(scheduleStatus(agenda, intro, idle, T0 + 13 * MIN)).toEqual({ kind: 'behind', ms: 3 * MIN });
  });
});
