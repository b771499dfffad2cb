import * as Y from 'yjs';
import { findDamaged, removeDamaged, type DamagedEntry } from '../doc/damage';
import { BOARD_SHAPE, FACILITATION_SHAPE, LOCAL_ORIGIN } from '../doc/schema';
import { createSnapshotStore, type SnapshotStore } from './snapshot-store';

export type DamageSnapshot = { readonly board: readonly DamagedEntry[]; readonly facilitation: readonly DamagedEntry[]; readonly count: number };

/**
 * Records of either document that readers skip because they do not fit the schema (written
 * before the server checked updates). Rebuilt lazily after a change of any map's entries.
 */
export function createDamageStore(board: Y.Doc, facilitation: Y.Doc): SnapshotStore<DamageSnapshot> {
  return createSnapshotStore(
    (onChange) => {
      // Only a change of a map's entries can add or remove damage; typing (text changes) is the
      // common case and must not rescan both documents on every keystroke.
      const handler = (transaction: Y.Transaction) => {
        for (const type of transaction.changed.keys()) if (type instanceof Y.Map) return onChange();
      };
      board.on('afterTransaction', handler);
      facilitation.on('afterTransaction', handler);
      return () => {
        board.off('afterTransaction', handler);
        facilitation.off('afterTransaction', handler);
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
