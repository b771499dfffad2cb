import * as Y from 'yjs';
import { overrunMs, startTimer, timerPhase, type TimerState } from '../clock';
import { facilitationState } from './facilitation';
import { writeFocus } from './sessions';
import { BoardLimitError, type Fields, recordAt, recordEntries, readNumber, readString } from './fields';
import { newRecordId } from './ids';
import { FALLBACK_ORDER_KEY, compareOrdered, isValidOrderKey, keyForIndex } from './ordering';
import { FacilitationRoot, LOCAL_ORIGIN } from './schema';
import { clampText } from './text-diff';
import { getTimer, setTimer } from './timer';

/** The agenda, the current item and the time booked to each item. */

export type AgendaItem = {
  readonly id: string;
  readonly title: string;
  readonly minutes: number;
  /** A focus string (see parseFocus); '' for none. */
  readonly focus: string;
  readonly order: string;
  /** Time spent on the item while it was current, before the present stint. */
  readonly actualMs: number;
  /** Server time when it last became current (0 when not current). */
  readonly startedAt: number;
};

export const AGENDA_LIMITS = { titleMaxLength: 120, maxMinutes: 600, maxItems: 100 } as const;

function agendaMap(doc: Y.Doc): Y.Map<Fields> {
  return doc.getMap<Fields>(FacilitationRoot.agenda);
}

export function listAgenda(doc: Y.Doc): AgendaItem[] {
  return recordEntries(agendaMap(doc))
    .map(([id, m]) => {
      const order = m.get('order');
      return {
        id,
        title: readString(m, 'title'),
        minutes: Math.min(AGENDA_LIMITS.maxMinutes, Math.max(0, readNumber(m, 'minutes'))),
        focus: readString(m, 'focus'),
        order: isValidOrderKey(order) ? order : FALLBACK_ORDER_KEY,
        actualMs: Math.max(0, readNumber(m, 'actualMs')),
        startedAt: readNumber(m, 'startedAt'),
      };
    })
    .sort(compareOrdered);
}

export function addAgendaItem(doc: Y.Doc, input: { title: string; minutes: number; focus?: string }, origin: unknown = LOCAL_ORIGIN): string {
  const agenda = agendaMap(doc);
  if (agenda.size >= AGENDA_LIMITS.maxItems) throw new BoardLimitError(`An agenda can have at most ${AGENDA_LIMITS.maxItems} items.`);
  const id = newRecordId();
  doc.transact(() => {
    const list = listAgenda(doc);
    const m = new Y.Map<unknown>();
    agenda.set(id, m);
    m.set('order', keyForIndex(list, list.length, (other, key) => agenda.get(other)?.set('order', key)));
    writeAgendaFields(m, input);
    m.set('actualMs', 0);
    m.set('startedAt', 0);
  }, origin);
  return id;
}

function writeAgendaFields(m: Fields, patch: { title?: string; minutes?: number; focus?: string }) {
  if (patch.title !== undefined) m.set('title', clampText(patch.title.trim(), AGENDA_LIMITS.titleMaxLength));
  if (patch.minutes !== undefined) m.set('minutes', Math.min(AGENDA_LIMITS.maxMinutes, Math.max(0, Math.round(patch.minutes))));
  if (patch.focus !== undefined) m.set('focus', patch.focus);
}

export function updateAgendaItem(doc: Y.Doc, id: string, patch: { title?: string; minutes?: number; focus?: string }, origin: unknown = LOCAL_ORIGIN): void {
  const m = recordAt(agendaMap(doc), id);
  if (m) doc.transact(() => writeAgendaFields(m, patch), origin);
}

export function moveAgendaItem(doc: Y.Doc, id: string, index: number, origin: unknown = LOCAL_ORIGIN): void {
  const agenda = agendaMap(doc);
  const m = agenda.get(id);
  if (!m) return;
  doc.transact(() => {
    const others = listAgenda(doc).filter((a) => a.id !== id);
    m.set('order', keyForIndex(others, index, (other, key) => agenda.get(other)?.set('order', key)));
  }, origin);
}

export function deleteAgendaItem(doc: Y.Doc, id: string, origin: unknown = LOCAL_ORIGIN): void {
  const agenda = agendaMap(doc);
  if (!agenda.has(id)) return;
  doc.transact(() => {
    if (getCurrentItemId(doc) === id) facilitationState(doc).set('current', '');
    agenda.delete(id);
  }, origin);
}

export function getCurrentItemId(doc: Y.Doc): string | null {
  const current = readString(facilitationState(doc), 'current');
  return current && agendaMap(doc).has(current) ? current : null;
}

/**
 * Makes `id` the current agenda item at server time `now`: the time spent on the previous
 * item is booked to it, the new item's focus becomes everyone's focus, and (optionally) its
 * timebox starts on the timer.
 */
export function setCurrentItem(doc: Y.Doc, id: string | null, now: number, options: { startTimebox?: boolean } = {}, origin: unknown = LOCAL_ORIGIN): void {
  const agenda = agendaMap(doc);
  doc.transact(() => {
    const previous = getCurrentItemId(doc);
    if (previous === id) return;
    const prev = previous ? agenda.get(previous) : undefined;
    if (prev) {
      const startedAt = readNumber(prev, 'startedAt');
      if (startedAt > 0) prev.set('actualMs', readNumber(prev, 'actualMs') + Math.max(0, now - startedAt));
      prev.set('startedAt', 0);
    }
    const next = id ? agenda.get(id) : undefined;
    facilitationState(doc).set('current', next ? id : '');
    if (!next) return;
    next.set('startedAt', now);
    const focus = readString(next, 'focus');
    if (focus) writeFocus(doc, focus);
    if (options.startTimebox) setTimer(doc, startTimer(getTimer(doc), now, readNumber(next, 'minutes') * 60_000), origin);
  }, origin);
}

/** Moves to the next (+1) or previous (-1) agenda item. */
export function stepAgenda(doc: Y.Doc, direction: 1 | -1, now: number, options: { startTimebox?: boolean } = {}, origin: unknown = LOCAL_ORIGIN): void {
  const list = listAgenda(doc);
  const current = getCurrentItemId(doc);
  const index = current ? list.findIndex((a) => a.id === current) : -1;
  const target = list[index === -1 ? (direction === 1 ? 0 : list.length - 1) : index + direction];
  if (target) setCurrentItem(doc, target.id, now, options, origin);
}

/** Time spent on an item so far, including the present stint if it is current. */
export function spentMs(item: AgendaItem, now: number): number {
  return item.actualMs + (item.startedAt > 0 ? Math.max(0, now - item.startedAt) : 0);
}

/**
 * Ahead or behind schedule: for the items done and the current one, time spent minus time
 * planned (the current item only counts once it overruns). Positive = behind.
 */
export function scheduleDeltaMs(agenda: readonly AgendaItem[], currentId: string | null, now: number): number {
  const index = currentId ? agenda.findIndex((a) => a.id === currentId) : -1;
  if (index < 0) return 0;
  let delta = 0;
  agenda.forEach((item, i) => {
    const planned = item.minutes * 60_000;
    if (i < index) delta += spentMs(item, now) - planned;
    else if (i === index) delta += Math.max(0, spentMs(item, now) - planned);
  });
  return delta;
}

export type ScheduleStatus = { kind: 'on-schedule' } | { kind: 'ahead' | 'behind' | 'over-time'; ms: number };

/**
 * The schedule line beside the timer, which must never contradict it: while the timer says
 * "Time's up" the room is over time on this item, whatever earlier items saved, so the line says
 * how long ("2:05 over time") rather than "ahead of schedule". Otherwise ahead or behind as
 * `scheduleDeltaMs` says.
 */
export function scheduleStatus(agenda: readonly AgendaItem[], currentId: string | null, timer: TimerState, now: number): ScheduleStatus {
  if (timerPhase(timer, now) === 'over') return { kind: 'over-time', ms: overrunMs(timer, now) };
  const delta = scheduleDeltaMs(agenda, currentId, now);
  // Under a second either way is on schedule (the display rounds to seconds).
  if (Math.abs(delta) < 1000) return { kind: 'on-schedule' };
  return delta > 0 ? { kind: 'behind', ms: delta } : { kind: 'ahead', ms: -delta };
}
