'use client';

import { api } from '@/lib/api-client';
import type { Created } from './home-page';
import { ImportFile } from './import-file';

/** Starts a workshop from an existing process: a `.bpmn` file from Signavio, Camunda or bpmn.io. */
export function ImportBpmn({ onCreated }: { onCreated: (created: Created) => void }) {
  return (
    <ImportFile
      heading="Start from a BPMN file"
      description="A process from Signavio, Camunda Modeler or bpmn.io (.bpmn): its tasks become the steps in order, its lanes the owners, its documentation the descriptions."
      choose="Choose a BPMN file…"
      accept=".bpmn,.xml,application/xml,text/xml"
      send={(text) => api.importBpmn(text)}
      titleOf={(name) => name.replace(/\.(bpmn|xml)$/i, '')}
      onCreated={onCreated}
    />
  );
}
