import * as Y from 'yjs';
import { findDamaged, removeDamaged, type DamagedEntry } from '../doc/damage';
import { BOARD_SHAPE, FACILITATION_SHAPE, LOCAL_ORIGIN } from '../doc/schema';
import { createSnapshotStore, type SnapshotStore } from './snapshot-store';

export type DamageSnapshot = { readonly board: readonly DamagedEntry[]; readonly facilitation: readonly DamagedEntry[]; readonly count: number };

/**
 * Records of either document that readers skip because they do not fit the schema (written
 * before the server checked updates). Rebuilt lazily after any change of either document.
 */
export function createDamageStore(board: Y.Doc, facilitation: Y.Doc): SnapshotStore<DamageSnapshot> {
  return createSnapshotStore(
    (onChange) => {
      board.on('afterTransaction', onChange);
      facilitation.on('afterTransaction', onChange);
      return () => {
        board.off('afterTransaction', onChange);
        facilitation.off('afterTransaction', onChange);
      };
    },
    () => {
      const onBoard = findDamaged(board, BOARD_SHAPE);
      const onFacilitation = findDamaged(facilitation, FACILITATION_SHAPE);
      return { board: onBoard, facilitation: onFacilitation, count: onBoard.length + onFacilitation.length };
    },
  );
}

/** The facilitator's repair: removes every damaged entry of both documents. */
export function removeAllDamaged(board: Y.Doc, facilitation: Y.Doc, damage: DamageSnapshot): void {
  removeDamaged(board, damage.board, LOCAL_ORIGIN);
  removeDamaged(facilitation, damage.facilitation, LOCAL_ORIGIN);
}
