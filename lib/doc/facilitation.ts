import * as Y from 'yjs';
import type { TimerState } from '../clock';
import { addTime, pauseTimer, resetTimer, startTimer } from '../clock';
import { type Fields, readNumber, readString } from './fields';
import { newRecordId } from './ids';
import { FALLBACK_ORDER_KEY, compareOrdered, isValidOrderKey, keyForIndex } from './ordering';
import { FacilitationRoot, LOCAL_ORIGIN, parseItemKey, type ItemRef } from './schema';

/**
 * Accessors for the facilitation document: agenda, current item, timer, focus, vote and
 * consensus sessions, locks. Only facilitator connections can change it (the server drops
 * everyone else's updates); these functions do not check roles themselves.
 */

export const PANEL_FOCUSES = ['process', 'glossary', 'metrics', 'parking', 'vote'] as const;
export type PanelFocus = (typeof PANEL_FOCUSES)[number];
export type Focus = { kind: 'panel'; panel: PanelFocus } | { kind: 'item'; item: ItemRef } | { kind: 'none' };

export function parseFocus(value: string): Focus {
  if ((PANEL_FOCUSES as readonly string[]).includes(value)) return { kind: 'panel', panel: value as PanelFocus };
  const item = parseItemKey(value);
  return item ? { kind: 'item', item } : { kind: 'none' };
}

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

export type VoteSession = {
  readonly id: string;
  readonly title: string;
  readonly items: readonly string[];
  readonly dots: number;
  readonly stack: boolean;
  readonly status: 'open' | 'revealed' | 'closed';
};

export type ConsensusSession = { readonly id: string; readonly item: string; readonly status: 'open' | 'revealed' | 'closed' };

function state(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(FacilitationRoot.facilitation);
}
function agendaMap(doc: Y.Doc): Y.Map<Fields> {
  return doc.getMap<Fields>(FacilitationRoot.agenda);
}
function locksMap(doc: Y.Doc): Y.Map<boolean> {
  return doc.getMap<boolean>(FacilitationRoot.locks);
}
function sub(doc: Y.Doc, key: string): Y.Map<unknown> | null {
  const value = state(doc).get(key);
  return value instanceof Y.Map ? value : null;
}

// ---- agenda ---------------------------------------------------------------------------

export const AGENDA_LIMITS = { titleMaxLength: 120, maxMinutes: 600, maxItems: 100 } as const;

export function listAgenda(doc: Y.Doc): AgendaItem[] {
  return [...agendaMap(doc).entries()]
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
  if (agenda.size >= AGENDA_LIMITS.maxItems) throw new Error(`An agenda can have at most ${AGENDA_LIMITS.maxItems} items.`);
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
  if (patch.title !== undefined) m.set('title', patch.title.trim().slice(0, AGENDA_LIMITS.titleMaxLength));
  if (patch.minutes !== undefined) m.set('minutes', Math.min(AGENDA_LIMITS.maxMinutes, Math.max(0, Math.round(patch.minutes))));
  if (patch.focus !== undefined) m.set('focus', patch.focus);
}

export function updateAgendaItem(doc: Y.Doc, id: string, patch: { title?: string; minutes?: number; focus?: string }, origin: unknown = LOCAL_ORIGIN): void {
  const m = agendaMap(doc).get(id);
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
    if (getCurrentItemId(doc) === id) state(doc).set('current', '');
    agenda.delete(id);
  }, origin);
}

export function getCurrentItemId(doc: Y.Doc): string | null {
  const current = state(doc).get('current');
  return typeof current === 'string' && current && agendaMap(doc).has(current) ? current : null;
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
    state(doc).set('current', next ? id : '');
    if (!next) return;
    next.set('startedAt', now);
    const focus = readString(next, 'focus');
    if (focus) state(doc).set('focus', focus);
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

// ---- timer --------------------------------------------------------------------------------

export function getTimer(doc: Y.Doc): TimerState {
  const t = sub(doc, 'timer');
  const totalMs = t ? Math.max(0, readNumber(t as Fields, 'totalMs')) : 0;
  const status = t?.get('status');
  if (t && status === 'running') return { status, totalMs, endsAt: readNumber(t as Fields, 'endsAt') };
  if (t && status === 'paused') return { status, totalMs, remainingMs: Math.max(0, readNumber(t as Fields, 'remainingMs')) };
  return { status: 'idle', totalMs };
}

export function setTimer(doc: Y.Doc, timer: TimerState, origin: unknown = LOCAL_ORIGIN): void {
  doc.transact(() => {
    let t = sub(doc, 'timer');
    if (!t) state(doc).set('timer', (t = new Y.Map()));
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

// ---- focus, join panel -----------------------------------------------------------------

export function getFocus(doc: Y.Doc): string {
  const focus = state(doc).get('focus');
  return typeof focus === 'string' ? focus : '';
}

export function setFocus(doc: Y.Doc, focus: string, origin: unknown = LOCAL_ORIGIN): void {
  if (getFocus(doc) !== focus) doc.transact(() => state(doc).set('focus', focus), origin);
}

/** Whether the projector shows its join panel (QR code and link). */
export function getShowJoin(doc: Y.Doc): boolean {
  return state(doc).get('showJoin') !== false;
}

export function setShowJoin(doc: Y.Doc, show: boolean, origin: unknown = LOCAL_ORIGIN): void {
  doc.transact(() => state(doc).set('showJoin', show), origin);
}

/** The facilitation document's initial content (seeded by the server at creation). */
export function seedFacilitation(): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    state(doc).set('showJoin', true);
    state(doc).set('focus', 'process');
  });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

// ---- vote and consensus sessions ------------------------------------------------------------

export const VOTE_LIMITS = { maxDots: 20, maxItems: 100 } as const;

export function getVote(doc: Y.Doc): VoteSession | null {
  const v = sub(doc, 'vote') as Fields | null;
  if (!v || !readString(v, 'id')) return null;
  let items: unknown = [];
  try {
    items = JSON.parse(readString(v, 'items') || '[]');
  } catch {
    items = [];
  }
  const status = v.get('status');
  return {
    id: readString(v, 'id'),
    title: readString(v, 'title'),
    items: Array.isArray(items) ? items.filter((i): i is string => typeof i === 'string' && parseItemKey(i) !== null).slice(0, VOTE_LIMITS.maxItems) : [],
    dots: Math.min(VOTE_LIMITS.maxDots, Math.max(1, Math.round(readNumber(v, 'dots')) || 1)),
    stack: v.get('stack') === true,
    status: status === 'revealed' || status === 'closed' ? status : 'open',
  };
}

export function openVote(doc: Y.Doc, input: { title: string; items: readonly string[]; dots: number; stack: boolean }, origin: unknown = LOCAL_ORIGIN): string {
  const id = newRecordId();
  doc.transact(() => {
    const v = new Y.Map<unknown>();
    state(doc).set('vote', v);
    v.set('id', id);
    v.set('title', input.title.trim().slice(0, 120));
    v.set('items', JSON.stringify(input.items.slice(0, VOTE_LIMITS.maxItems)));
    v.set('dots', Math.min(VOTE_LIMITS.maxDots, Math.max(1, Math.round(input.dots))));
    v.set('stack', input.stack);
    v.set('status', 'open');
  }, origin);
  return id;
}

export function setVoteStatus(doc: Y.Doc, status: VoteSession['status'], origin: unknown = LOCAL_ORIGIN): void {
  const v = sub(doc, 'vote');
  if (v) doc.transact(() => v.set('status', status), origin);
}

export function getConsensus(doc: Y.Doc): ConsensusSession | null {
  const c = sub(doc, 'consensus') as Fields | null;
  if (!c || !readString(c, 'id') || !parseItemKey(readString(c, 'item'))) return null;
  const status = c.get('status');
  return { id: readString(c, 'id'), item: readString(c, 'item'), status: status === 'revealed' || status === 'closed' ? status : 'open' };
}

export function openConsensus(doc: Y.Doc, item: string, origin: unknown = LOCAL_ORIGIN): string {
  const id = newRecordId();
  doc.transact(() => {
    const c = new Y.Map<unknown>();
    state(doc).set('consensus', c);
    c.set('id', id);
    c.set('item', item);
    c.set('status', 'open');
  }, origin);
  return id;
}

export function setConsensusStatus(doc: Y.Doc, status: ConsensusSession['status'], origin: unknown = LOCAL_ORIGIN): void {
  const c = sub(doc, 'consensus');
  if (c) doc.transact(() => c.set('status', status), origin);
}

// ---- locks ------------------------------------------------------------------------------------

export function listLocks(doc: Y.Doc): Set<string> {
  return new Set([...locksMap(doc).entries()].filter(([key, on]) => on === true && parseItemKey(key)).map(([key]) => key));
}

export function setLock(doc: Y.Doc, itemKey: string, locked: boolean, origin: unknown = LOCAL_ORIGIN): void {
  const locks = locksMap(doc);
  doc.transact(() => (locked ? locks.set(itemKey, true) : locks.delete(itemKey)), origin);
}

export function subscribeFacilitation(doc: Y.Doc, onChange: () => void): () => void {
  const types = [state(doc), agendaMap(doc), locksMap(doc)] as unknown as Array<Y.Map<unknown>>;
  const handler = () => onChange();
  for (const t of types) t.observeDeep(handler);
  return () => types.forEach((t) => t.unobserveDeep(handler));
}

// ---- decisions ------------------------------------------------------------------------------

export type Decision = { readonly item: string; readonly at: number; readonly counts: Readonly<Record<string, number>> };

/** Records that an item was agreed, with the consensus distribution it was agreed with. */
export function recordDecision(doc: Y.Doc, itemKey: string, at: number, counts: Record<string, number>, origin: unknown = LOCAL_ORIGIN): void {
  doc.transact(() => doc.getMap<string>(FacilitationRoot.decisions).set(itemKey, JSON.stringify({ at, counts })), origin);
}

export function listDecisions(doc: Y.Doc): Decision[] {
  const out: Decision[] = [];
  for (const [item, value] of doc.getMap<string>(FacilitationRoot.decisions).entries()) {
    try {
      const parsed = JSON.parse(value) as { at?: unknown; counts?: unknown };
      if (!parseItemKey(item)) continue;
      const counts = typeof parsed.counts === 'object' && parsed.counts !== null ? (parsed.counts as Record<string, number>) : {};
      out.push({ item, at: typeof parsed.at === 'number' ? parsed.at : 0, counts });
    } catch {
      // ignore malformed entries
    }
  }
  return out.sort((a, b) => a.at - b.at);
}
