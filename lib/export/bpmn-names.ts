/**
 * The name of the lane (BPMN) and subgraph (Mermaid) for steps nobody owns yet. Its own file so
 * that the diagram code the print view loads does not pull in bpmn-moddle.
 */
export const NO_OWNER_LANE = 'No owner named';

/** The labelled lines of a task's documentation after its description; the import reads them back. */
export const BPMN_DOC_LABELS = { entryCriteria: 'Entry criteria', exitCriteria: 'Exit criteria', inputs: 'Inputs', outputs: 'Outputs' } as const;
export const BPMN_METRIC_PREFIX = 'Metric: ';
