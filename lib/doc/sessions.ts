import { compareTeams } from '../compare';
import * as Y from 'yjs';
import { facilitationState } from './facilitation';
import { readMap, readNumber, readString } from './fields';
import { subscribeRoots } from './subscribe';
import { newRecordId } from './ids';
import { clampText } from './text-diff';
import { LIMITS } from '../protocol';
import { DECISION_MAX_LENGTH, FacilitationRoot, LOCAL_ORIGIN, itemKey, parseItemKey, type ItemRef } from './schema';

/**
 * What the facilitator puts in front of the room: everyone's focus, the projector's join panel,
 * the dot-voting and consensus sessions, and the decisions they end in. (Participants' own
 * dots and answers live in the board document, see votes.ts.)
 */

// ---- focus, join panel -----------------------------------------------------------------

/**
 * `heatmap`: the confusion heat map, on the projector only (counts per item, never teams);
 * followers stay where they are, as it is the facilitator's panel.
 */
export const PANEL_FOCUSES = ['process', 'glossary', 'metrics', 'parking', 'vote', 'heatmap'] as const;
export type PanelFocus = (typeof PANEL_FOCUSES)[number];
export type Focus = { kind: 'panel'; panel: PanelFocus } | { kind: 'item'; item: ItemRef } | { kind: 'variants'; item: ItemRef } | { kind: 'none' };

const VARIANTS_FOCUS = 'variants:';

/**
 * The "contested term" focus: a term's (or metric's) team definitions side by side, then the
 * consensus result. A focus of its own rather than the item's, so that the projector knows to
 * show the comparison and not the single definition.
 */
export function variantsFocus(item: ItemRef): string {
  return `${VARIANTS_FOCUS}${itemKey(item)}`;
}

export function parseFocus(value: string): Focus {
  if ((PANEL_FOCUSES as readonly string[]).includes(value)) return { kind: 'panel', panel: value as PanelFocus };
  if (value.startsWith(VARIANTS_FOCUS)) {
    const item = parseItemKey(value.slice(VARIANTS_FOCUS.length));
    return item && (item.kind === 'term' || item.kind === 'metric') ? { kind: 'variants', item } : { kind: 'none' };
  }
  const item = parseItemKey(value);
  return item ? { kind: 'item', item } : { kind: 'none' };
}

export function getFocus(doc: Y.Doc): string {
  return readString(facilitationState(doc), 'focus');
}

/**
 * The current activity's id: new for every focus the facilitator sets (also the same focus
 * again: "bring everyone here"), every vote and every consensus check. Followers move when it
 * changes, so a second vote in a row moves them as the first did, and late joiners land on it.
 */
export function getActivity(doc: Y.Doc): string {
  return readString(facilitationState(doc), 'activity');
}

/** Sets everyone's focus as a new activity. Call inside a transaction, or use `setFocus`. */
export function writeFocus(doc: Y.Doc, focus: string): void {
  const state = facilitationState(doc);
  state.set('focus', focus);
  state.set('activity', newRecordId());
  // A focus chosen from the list is not a part of the wall; only "Bring everyone here" sets one.
  if (state.has('view')) state.delete('view');
}

/** Sets everyone's focus; setting the current focus again brings everyone back to it. */
export function setFocus(doc: Y.Doc, focus: string, origin: unknown = LOCAL_ORIGIN): void {
  doc.transact(() => writeFocus(doc, focus), origin);
}

export type WallView = { readonly x: number; readonly y: number; readonly width: number; readonly height: number };

/** The part of the wall the facilitator last brought everyone to, or null. */
export function getWallView(doc: Y.Doc): WallView | null {
  const view = readMap(facilitationState(doc), 'view');
  if (!view) return null;
  const rect = { x: readNumber(view, 'x'), y: readNumber(view, 'y'), width: readNumber(view, 'width'), height: readNumber(view, 'height') };
  return rect.width > 0 && rect.height > 0 ? rect : null;
}

/**
 * "Bring everyone here": the facilitator's visible part of the wall becomes everyone's focus, as
 * a new activity, so every follower's wall fits that rectangle to their own screen.
 */
export function bringEveryoneHere(doc: Y.Doc, view: WallView, origin: unknown = LOCAL_ORIGIN): void {
  const finite = (n: number) => (Number.isFinite(n) ? Math.round(n) : 0);
  doc.transact(() => {
    writeFocus(doc, 'process');
    const map = new Y.Map<unknown>();
    facilitationState(doc).set('view', map);
    map.set('x', finite(view.x));
    map.set('y', finite(view.y));
    map.set('width', Math.max(1, finite(view.width)));
    map.set('height', Math.max(1, finite(view.height)));
  }, origin);
}

/** Whether the projector shows its join panel (QR code and link). */
export function getShowJoin(doc: Y.Doc): boolean {
  return facilitationState(doc).get('showJoin') !== false;
}

export function setShowJoin(doc: Y.Doc, show: boolean, origin: unknown = LOCAL_ORIGIN): void {
  doc.transact(() => facilitationState(doc).set('showJoin', show), origin);
}

/**
 * Which showing of the join panel this is; null while it is hidden. Every `setShowJoin` writes
 * a new Yjs item, so hiding and showing the panel again gives a new version even if nobody saw
 * it hidden: the server ties each short join code to the version it was made for
 * (server/join-code.ts), and a code dies when the panel is hidden. Item ids survive storage and
 * compaction, so the version is the same on every replica.
 */
export function getJoinPanelVersion(doc: Y.Doc): string | null {
  if (!getShowJoin(doc)) return null;
  const item = facilitationState(doc)._map.get('showJoin');
  return item ? `${item.id.client}.${item.id.clock}` : 'seed';
}

// ---- vote and consensus sessions ------------------------------------------------------------

export type VoteSession = {
  readonly id: string;
  readonly title: string;
  readonly items: readonly string[];
  readonly dots: number;
  readonly stack: boolean;
  readonly status: 'open' | 'revealed' | 'closed';
};

export type ConsensusSession = { readonly id: string; readonly item: string; readonly status: 'open' | 'revealed' | 'closed' };

export const VOTE_LIMITS = { maxDots: 20, maxItems: 100 } as const;

export function getVote(doc: Y.Doc): VoteSession | null {
  const v = readMap(facilitationState(doc), 'vote');
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
    facilitationState(doc).set('vote', v);
    v.set('id', id);
    v.set('title', clampText(input.title.trim(), 120));
    v.set('items', JSON.stringify(input.items.slice(0, VOTE_LIMITS.maxItems)));
    v.set('dots', Math.min(VOTE_LIMITS.maxDots, Math.max(1, Math.round(input.dots))));
    v.set('stack', input.stack);
    v.set('status', 'open');
    writeFocus(doc, 'vote');
  }, origin);
  return id;
}

export function setVoteStatus(doc: Y.Doc, status: VoteSession['status'], origin: unknown = LOCAL_ORIGIN): void {
  const v = readMap(facilitationState(doc), 'vote');
  if (v) doc.transact(() => v.set('status', status), origin);
}

export function getConsensus(doc: Y.Doc): ConsensusSession | null {
  const c = readMap(facilitationState(doc), 'consensus');
  if (!c || !readString(c, 'id') || !parseItemKey(readString(c, 'item'))) return null;
  const status = c.get('status');
  return { id: readString(c, 'id'), item: readString(c, 'item'), status: status === 'revealed' || status === 'closed' ? status : 'open' };
}

export function openConsensus(doc: Y.Doc, item: string, origin: unknown = LOCAL_ORIGIN): string {
  const id = newRecordId();
  doc.transact(() => {
    const c = new Y.Map<unknown>();
    facilitationState(doc).set('consensus', c);
    c.set('id', id);
    c.set('item', item);
    c.set('status', 'open');
    writeFocus(doc, 'vote');
  }, origin);
  return id;
}

export function setConsensusStatus(doc: Y.Doc, status: ConsensusSession['status'], origin: unknown = LOCAL_ORIGIN): void {
  const c = readMap(facilitationState(doc), 'consensus');
  if (c) doc.transact(() => c.set('status', status), origin);
}

// ---- decisions ------------------------------------------------------------------------------

/** Consensus counts (level id → answers) of one team. */
export type TeamCounts = Readonly<Record<string, number>>;

export type Decision = {
  readonly item: string;
  readonly at: number;
  readonly counts: Readonly<Record<string, number>>;
  /**
   * The same answers split by the team of who gave them ('' = no team): counts only, never who.
   * Absent on decisions recorded before teams were kept, and when no answer was given.
   */
  readonly byTeam?: Readonly<Record<string, TeamCounts>>;
};

/** At most this many teams are kept with a decision (the largest first), so the record stays within its limit. */
export const DECISION_MAX_TEAMS = 24;

function countsOf(value: unknown): Record<string, number> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter(([level, n]) => level.length <= 40 && typeof n === 'number' && Number.isFinite(n) && n > 0).slice(0, 20)) as Record<string, number>;
}

/**
 * The teams kept with a decision: names cut to the team limit, the teams with most answers
 * first (then A–Z) up to `DECISION_MAX_TEAMS`, counts only.
 */
function keptTeams(byTeam: Readonly<Record<string, TeamCounts>>): Record<string, Record<string, number>> {
  const total = (counts: TeamCounts) => Object.values(counts).reduce((a, b) => a + b, 0);
  const merged = new Map<string, Record<string, number>>();
  for (const [team, counts] of Object.entries(byTeam)) {
    const name = clampText(team, LIMITS.teamMaxLength);
    const into = merged.get(name) ?? {};
    for (const [level, n] of Object.entries(countsOf(counts))) into[level] = (into[level] ?? 0) + n;
    if (Object.keys(into).length > 0) merged.set(name, into);
  }
  return Object.fromEntries(
    [...merged.entries()].sort(([a, ca], [b, cb]) => total(cb) - total(ca) || compareTeams(a, b)).slice(0, DECISION_MAX_TEAMS),
  );
}

/**
 * Records that an item was agreed, with the consensus distribution it was agreed with and, if
 * given, the same distribution per team (so a later "only Inside Sales had reservations" can
 * be checked against the record). The record fits `DECISION_MAX_LENGTH`, the limit the server
 * holds it to: teams past `DECISION_MAX_TEAMS` are left out.
 */
export function recordDecision(doc: Y.Doc, itemKey: string, at: number, counts: Record<string, number>, origin: unknown = LOCAL_ORIGIN, byTeam?: Readonly<Record<string, TeamCounts>>): void {
  const teams = byTeam ? keptTeams(byTeam) : {};
  const record = Object.keys(teams).length > 0 ? { at, counts, byTeam: teams } : { at, counts };
  let json = JSON.stringify(record);
  // Never reached with the limits as set (24 teams of 60 characters and a handful of levels).
  if (json.length > DECISION_MAX_LENGTH) json = JSON.stringify({ at, counts });
  doc.transact(() => doc.getMap<string>(FacilitationRoot.decisions).set(itemKey, json), origin);
}

/** The decision recorded for one item, or null. */
export function getDecision(doc: Y.Doc, itemKey: string): Decision | null {
  return listDecisions(doc).find((d) => d.item === itemKey) ?? null;
}

/** Calls `onChange` after any change to the recorded decisions. */
export function subscribeDecisions(doc: Y.Doc, onChange: () => void): () => void {
  return subscribeRoots(doc, { maps: [FacilitationRoot.decisions] }, onChange);
}

export function listDecisions(doc: Y.Doc): Decision[] {
  const out: Decision[] = [];
  for (const [item, value] of doc.getMap<string>(FacilitationRoot.decisions).entries()) {
    try {
      const parsed = JSON.parse(value) as { at?: unknown; counts?: unknown; byTeam?: unknown };
      if (!parseItemKey(item)) continue;
      const counts = typeof parsed.counts === 'object' && parsed.counts !== null ? (parsed.counts as Record<string, number>) : {};
      const byTeam = typeof parsed.byTeam === 'object' && parsed.byTeam !== null && !Array.isArray(parsed.byTeam) ? keptTeams(parsed.byTeam as Record<string, TeamCounts>) : {};
      out.push({ item, at: typeof parsed.at === 'number' ? parsed.at : 0, counts, ...(Object.keys(byTeam).length > 0 ? { byTeam } : {}) });
    } catch {
      // ignore malformed entries
    }
  }
  return out.sort((a, b) => a.at - b.at);
}
