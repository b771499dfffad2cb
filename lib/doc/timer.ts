import * as Y from 'yjs';
import type { TimerState } from '../clock';
import { addTime, pauseTimer, resetTimer, startTimer } from '../clock';
import { facilitationState } from './facilitation';
import { readMap, readNumber, writeMap } from './fields';
import { LOCAL_ORIGIN } from './schema';

/**
 * The facilitator's timer, in the facilitation document's `timer` map. Times are in the
 * server's clock so that every client shows the same remaining time (see lib/clock.ts).
 */

export function getTimer(doc: Y.Doc): TimerState {
  const t = readMap(facilitationState(doc), 'timer');
  const totalMs = t ? Math.max(0, readNumber(t, 'totalMs')) : 0;
  const status = t?.get('status');
  if (t && status === 'running') return { status, totalMs, endsAt: readNumber(t, 'endsAt') };
  if (t && status === 'paused') return { status, totalMs, remainingMs: Math.max(0, readNumber(t, 'remainingMs')) };
  return { status: 'idle', totalMs };
}

export function setTimer(doc: Y.Doc, timer: TimerState, origin: unknown = LOCAL_ORIGIN): void {
  doc.transact(() => {
    const t = writeMap(facilitationState(doc), 'timer');
    t.set('status', timer.status);
    t.set('totalMs', timer.totalMs);
    t.set('endsAt', timer.status === 'running' ? timer.endsAt : 0);
    t.set('remainingMs', timer.status === 'paused' ? timer.remainingMs : 0);
  }, origin);
}

export const timerActions = {
  start: (doc: Y.Doc, now: number, totalMs?: number) => setTimer(doc, startTimer(getTimer(doc), now, totalMs)),
  pause: (doc: Y.Doc, now: number) => setTimer(doc, pauseTimer(getTimer(doc), now)),
  add: (doc: Y.Doc, ms: number, now: number) => setTimer(doc, addTime(getTimer(doc), ms, now)),
  reset: (doc: Y.Doc) => setTimer(doc, resetTimer(getTimer(doc))),
};
