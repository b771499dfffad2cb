import type * as Y from 'yjs';
import type { TimerState } from '../clock';
import { getCurrentItemId, listAgenda, type AgendaItem } from '../doc/agenda';
import { subscribeFacilitation } from '../doc/facilitation';
import { listLocks } from '../doc/locks';
import { getActivity, getConsensus, getFocus, getJoinPanelVersion, getShowJoin, getVote, getWallView, type ConsensusSession, type VoteSession, type WallView } from '../doc/sessions';
import { getTimer } from '../doc/timer';
import { createSnapshotStore, type SnapshotStore } from './snapshot-store';

export type FacilitationSnapshot = {
  readonly agenda: readonly AgendaItem[];
  readonly currentId: string | null;
  readonly focus: string;
  /** Changes with every new activity (focus, vote, consensus check); followers move on it. */
  readonly activity: string;
  readonly timer: TimerState;
  readonly vote: VoteSession | null;
  readonly consensus: ConsensusSession | null;
  readonly locks: ReadonlySet<string>;
  readonly showJoin: boolean;
  /** The part of the wall "Bring everyone here" showed, while that is the focus. */
  readonly view: WallView | null;
  /** getJoinPanelVersion: the projector asks for a new short code when it changes. */
  readonly joinPanelVersion: string | null;
};

export const EMPTY_FACILITATION: FacilitationSnapshot = {
  agenda: [],
  currentId: null,
  focus: '',
  activity: '',
  timer: { status: 'idle', totalMs: 0 },
  vote: null,
  consensus: null,
  locks: new Set(),
  showJoin: true,
  view: null,
  joinPanelVersion: null,
};

export function createFacilitationStore(doc: Y.Doc): SnapshotStore<FacilitationSnapshot> {
  return createSnapshotStore(
    (onChange) => subscribeFacilitation(doc, onChange),
    () => ({
      agenda: listAgenda(doc),
      currentId: getCurrentItemId(doc),
      focus: getFocus(doc),
      activity: getActivity(doc),
      timer: getTimer(doc),
      vote: getVote(doc),
      consensus: getConsensus(doc),
      locks: listLocks(doc),
      showJoin: getShowJoin(doc),
      view: getWallView(doc),
      joinPanelVersion: getJoinPanelVersion(doc),
    }),
  );
}
