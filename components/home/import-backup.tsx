'use client';

import { api } from '@/lib/api-client';
import type { Created } from './home-page';
import { ImportFile } from './import-file';

/** Restores a JSON backup as a new workshop (new id, new links). */
export function ImportBackup({ onCreated }: { onCreated: (created: Created) => void }) {
  return (
    <ImportFile
      heading="Restore a backup"
      description="A backup (JSON, from a workshop’s Export menu) becomes a new workshop with new links."
      choose="Choose a backup file…"
      accept=".json,application/json"
      send={(text) => api.importBackup(text)}
      titleOf={(name) => name.replace(/\.json$/i, '')}
      onCreated={onCreated}
    />
  );
}
