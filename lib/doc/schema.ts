/**
 * The layout of a workshop's shared documents. This file (with the accessors beside it) is
 * the only place that knows root names; components and the server go through accessors.
 *
 * Board document (`<workshopId>/board`), written by participants and facilitators:
 *   - `title`  Y.Text — the workshop title; a Y.Text (not a string in a map) so that two
 *              people typing in it at once merge character by character.
 *   - `meta`   Y.Map  — `schemaVersion`: lets a later client migrate or refuse an older layout.
 *   - `steps`  Y.Map<StepId, Y.Map> — the process steps, keyed by id (a map, not an array: a
 *              step is one entry however many people move it at once, so concurrent reorders
 *              can never duplicate or lose it). Each step map holds:
 *                `order`  string — a fractional index (the `fractional-indexing` package); steps
 *                         sort by (order, id). Moving a step rewrites only its own `order`, so
 *                         two concurrent moves of one step resolve last-writer-wins, and two
 *                         steps that land on the same key are ordered by id, the same everywhere.
 *                `title`, `ownerRole`, `entryCriteria`, `exitCriteria`, `inputs`, `outputs`
 *                         Y.Text — plain text that merges character by character when two
 *                         people type in the same field.
 *                `status` 'draft' | 'discussing' | 'agreed'.
 *                `createdBy` participant id — who added it (for attribution, not permission).
 *   - `step:<StepId>` Y.XmlFragment (root level) — the step's rich-text description, bound to
 *              Tiptap's Collaboration extension. Root level because fragments nested in a Y.Map
 *              have open sync bugs in y-prosemirror; a root type cannot be deleted, so deleting a
 *              step leaves its description in place and undoing the delete finds it intact.
 *   - `stickies` Y.Map<StickyId, Y.Map> — sticky notes: `stepId` (which step they sit under;
 *              moving a sticky rewrites only this), `kind`, `text` (Y.Text), `authorId`,
 *              `authorName`, `order` (fractional index within the step).
 *   - `terms`  Y.Map<TermId, Y.Map> — the glossary: `name`, `owner` (Y.Text), `status`,
 *              `aliases` Y.Map<AliasId, Y.Map{ text, team }> ("Team East calls this Deal"),
 *              `examples` Y.Map<ExampleId, Y.Map{ text, kind: 'is' | 'isNot' }>, `createdAt`.
 *              Aliases and examples are maps keyed by id (not arrays) so that concurrent adds
 *              and removals of different entries never collide.
 *   - `term:<TermId>` Y.XmlFragment (root level) — the term's rich-text definition.
 *
 * Facilitation document (`<workshopId>/facilitation`), written only by facilitators:
 *   - `facilitation` Y.Map — agenda, timer, votes, focus and locks (later issues); it exists now
 *              so that the server's per-document authority is in place before its content is.
 */
export const SCHEMA_VERSION = 1;

export const BoardRoot = {
  title: 'title',
  meta: 'meta',
  steps: 'steps',
  stickies: 'stickies',
  terms: 'terms',
} as const;

/** The root-level fragment that holds a step's description. */
export function stepDescriptionField(stepId: string): string {
  return `step:${stepId}`;
}

export type StepId = string & { readonly __brand: 'StepId' };
export type StickyId = string & { readonly __brand: 'StickyId' };

export const STEP_STATUSES = ['draft', 'discussing', 'agreed'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** The plain-text fields of a step, each a Y.Text inside the step's map. */
export const STEP_TEXT_FIELDS = ['title', 'ownerRole', 'entryCriteria', 'exitCriteria', 'inputs', 'outputs'] as const;
export type StepTextField = (typeof STEP_TEXT_FIELDS)[number];

export const STICKY_KINDS = ['pain', 'question', 'idea', 'decision'] as const;
export type StickyKind = (typeof STICKY_KINDS)[number];

export type TermId = string & { readonly __brand: 'TermId' };

export const TERM_STATUSES = ['proposed', 'discussing', 'agreed', 'parked'] as const;
export type TermStatus = (typeof TERM_STATUSES)[number];

export const EXAMPLE_KINDS = ['is', 'isNot'] as const;
export type ExampleKind = (typeof EXAMPLE_KINDS)[number];

/** The root-level fragment that holds a term's definition. */
export function termDefinitionField(termId: string): string {
  return `term:${termId}`;
}

export type AliasRecord = { readonly id: string; readonly text: string; readonly team: string };
export type ExampleRecord = { readonly id: string; readonly text: string; readonly kind: ExampleKind };

export type TermRecord = {
  readonly id: TermId;
  readonly name: string;
  readonly owner: string;
  readonly status: TermStatus;
  readonly aliases: readonly AliasRecord[];
  readonly examples: readonly ExampleRecord[];
  /** Plain text of the rich definition, for search, tooltips and CSV. */
  readonly definition: string;
  readonly createdAt: number;
};

export type StepRecord = {
  readonly id: StepId;
  readonly order: string;
  readonly title: string;
  readonly ownerRole: string;
  readonly entryCriteria: string;
  readonly exitCriteria: string;
  readonly inputs: string;
  readonly outputs: string;
  readonly status: StepStatus;
};

export type StickyRecord = {
  readonly id: StickyId;
  readonly stepId: StepId;
  readonly kind: StickyKind;
  readonly text: string;
  readonly authorId: string;
  readonly authorName: string;
  readonly order: string;
};

export const FacilitationRoot = {
  facilitation: 'facilitation',
} as const;

/** Transaction origin for edits made by this client's user; undo is scoped to it. */
export const LOCAL_ORIGIN = Symbol('common-ground/local');
/** Transaction origin for content the server seeds at creation (templates, title). */
export const SEED_ORIGIN = 'common-ground/seed';
