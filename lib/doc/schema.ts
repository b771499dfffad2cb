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
 *              moving a sticky rewrites only this and `order`; '' = a loose note in the wall's
 *              brain-dump area), `kind`, `text` (Y.Text), `authorId`, `authorName`, `order`
 *              (fractional index within the step), `x`/`y` (a loose note's place on the wall, in
 *              wall coordinates, shared). A note is one entry whoever drags it, so two people
 *              dragging it to different steps leave it under exactly one (last writer wins).
 *   - `terms`  Y.Map<TermId, Y.Map> — the glossary: `name`, `owner` (Y.Text), `status`,
 *              `aliases` Y.Map<AliasId, Y.Map{ text, team }> ("Team East calls this Deal"),
 *              `examples` Y.Map<ExampleId, Y.Map{ text, kind: 'is' | 'isNot' }>, `createdAt`.
 *              Aliases and examples are maps keyed by id (not arrays) so that concurrent adds
 *              and removals of different entries never collide.
 *   - `term:<TermId>` Y.XmlFragment (root level) — the term's rich-text definition.
 *   - `metrics` Y.Map<MetricId, Y.Map> — `name`, `numerator`, `denominator`, `unit`, `target`,
 *              `cadence`, `dataSource`, `owner` (Y.Text each), `status` (as terms), and what it
 *              measures: `stepId` alone = a step; `stepId` + `toStepId` = the boundary between
 *              two steps ("conversion from Qualify to Propose"). The ids stay when a step is
 *              deleted: the metric reads as unattached, and undoing the delete re-attaches it.
 *   - `metric:<MetricId>` Y.XmlFragment (root level) — the metric's rich-text definition.
 *   - `flags`  Y.Map<`${ItemKey}#${FlagToken}`, team> — "I don't understand" signals. The
 *              token is a random id per browser and workshop, never shown with a name, so the
 *              UI can show counts (and the facilitator counts by team) without saying who; one
 *              token counts once however often its person leaves and rejoins.
 *   - `parking` Y.Map<ParkingId, Y.Map> — the parking lot: `text` (Y.Text), `source` (ItemKey
 *              or ''), `resolved` boolean, `createdBy` name, `createdAt`.
 *   - `participants` Y.Map<ParticipantId, JSON { name, team }> — who took part (each person
 *              writes their own entry on joining), for the handbook.
 *   - `variantAuthors` Y.Map<`${ItemKey}#${teamKey}#${ParticipantId}`, Y.Map{ name, team, at }> —
 *              competing definitions ("Sales East means something else by Qualified lead"): one
 *              variant per team on a term or metric, and one entry per person who wrote in it. A
 *              variant exists while it has an author entry. Keyed by team (normalised, see
 *              variants.ts) and person rather than by a variant id, so that two people of one team
 *              adding "our definition" at the same moment write into the same variant, and no
 *              concurrent creation of a record can overwrite another's (there is none to create).
 *   - `variant:${ItemKey}#${teamKey}` Y.Text (root level) — the variant's wording, plain text: the
 *              word diff and clause picking work on words, and a root type is named, never created
 *              by a write, so two people of one team starting it at once share one text (a
 *              fragment would need a first paragraph each of them would insert).
 *   - `variantPart:${part}:${ItemKey}#${teamKey}` Y.Text (root level) — a metric variant's
 *              numerator, denominator, unit and target, for the same reason.
 *   - `convergedFrom` Y.Map<`${ItemKey}#${teamKey}`, JSON { team, order }> — whose variants the
 *              agreed wording of a term or metric was built from (team name as written, and its
 *              place in the pick order), for the handbook's "why we define it this way". One entry
 *              per team rather than one list per item, so that two people converging at once with
 *              different variants both keep their teams (a list would be overwritten by the last
 *              writer). Converging again deletes the item's entries it saw and writes its own.
 *   Terms and metrics may also carry `convergedFrom` (JSON string[] of team names): the same, as
 *   boards written before the map stored it; read when the map has nothing for the item.
 *
 * Facilitation document (`<workshopId>/facilitation`), written only by facilitator connections
 * (the server drops everyone else's updates), read by all:
 *   - `facilitation` Y.Map — session state, one key each:
 *       `current`   agenda item id ('' = none).
 *       `focus`     what everyone who follows looks at: 'process' | 'glossary' | 'metrics' |
 *                   'parking' | 'vote' | 'heatmap' (the projector only; followers stay) | an
 *                   ItemKey ('step:<id>', 'term:<id>', 'metric:<id>').
 *       `timer`     Y.Map { status: 'idle'|'running'|'paused', totalMs, endsAt (server clock ms,
 *                   while running), remainingMs (while paused) } — times in the server's clock so
 *                   every client shows the same remaining time after correcting its own offset.
 *       `vote`      Y.Map { id, title, items (JSON ItemKey[]), dots, stack, status:
 *                   'open'|'revealed'|'closed' } — the current dot-voting session.
 *       `consensus` Y.Map { id, item (ItemKey), status: 'open'|'revealed'|'closed' }.
 *       `activity`  id of the current activity, new with every focus, vote and consensus check
 *                   (followers move when it changes, see sessions.ts).
 *       `showJoin`  boolean — the projector's join panel (QR code and link; the projector
 *                   derives the participant link from its own, see lib/join-secret.ts).
 *       `view`      Y.Map { x, y, width, height } — the part of the wall the facilitator showed
 *                   with "Bring everyone here" (wall coordinates); followers fit it to their screen.
 *   - `agenda` Y.Map<AgendaItemId, Y.Map{ title, minutes, focus, order, actualMs, startedAt }>
 *              — ordered by fractional index; `actualMs` accumulates the time spent while current.
 *   - `locks`  Y.Map<ItemKey, true> — agreed items, read-only for participants until reopened.
 *   - `decisions` Y.Map<ItemKey, JSON { at, counts, byTeam? }> — when an item was agreed and the
 *              consensus result it was agreed with (`byTeam`: the same counts per team of who
 *              answered, never who), for the handbook and the facilitator's signals by team.
 *
 * Participants' own votes and answers live in the board document (they cannot write this one):
 *   - `ballots`   Y.Map<`${voteId}#${participantId}`, JSON ItemKey[]> — one person's dots; the
 *                 tally counts at most `dots` per person (and one per item unless stacking is on),
 *                 whatever a crafted update says.
 *   - `answers`   Y.Map<`${sessionId}#${participantId}`, JSON { level, reason }> — consensus.
 */
import { LIMITS } from '../protocol';
import type { DocumentShape, Shape } from './shape';

export const SCHEMA_VERSION = 1;

export const BoardRoot = {
  title: 'title',
  meta: 'meta',
  steps: 'steps',
  stickies: 'stickies',
  terms: 'terms',
  metrics: 'metrics',
  flags: 'flags',
  parking: 'parking',
  ballots: 'ballots',
  answers: 'answers',
  participants: 'participants',
  variantAuthors: 'variantAuthors',
  convergedFrom: 'convergedFrom',
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

export type MetricId = string & { readonly __brand: 'MetricId' };

/** A metric variant's formula parts, each a root-level Y.Text (see `variantPartField`). */
export const VARIANT_PARTS = ['numerator', 'denominator', 'unit', 'target'] as const;
export type VariantPart = (typeof VARIANT_PARTS)[number];

/** The root-level text of a variant's wording; `variantKey` is `${ItemKey}#${teamKey}`. */
export function variantTextField(variantKey: string): string {
  return `variant:${variantKey}`;
}

/** The root-level text of one formula part of a metric variant. */
export function variantPartField(part: VariantPart, variantKey: string): string {
  return `variantPart:${part}:${variantKey}`;
}

/** The plain-text fields of a metric. */
export const METRIC_TEXT_FIELDS = ['name', 'numerator', 'denominator', 'unit', 'target', 'cadence', 'dataSource', 'owner'] as const;
export type MetricTextField = (typeof METRIC_TEXT_FIELDS)[number];

/** The root-level fragment that holds a metric's definition. */
export function metricDefinitionField(metricId: string): string {
  return `metric:${metricId}`;
}

export type MetricAttachment =
  | { readonly kind: 'none' }
  | { readonly kind: 'step'; readonly stepId: StepId }
  | { readonly kind: 'boundary'; readonly fromStepId: StepId; readonly toStepId: StepId };

export type MetricRecord = {
  readonly id: MetricId;
  readonly name: string;
  readonly numerator: string;
  readonly denominator: string;
  readonly unit: string;
  readonly target: string;
  readonly cadence: string;
  readonly dataSource: string;
  readonly owner: string;
  readonly status: TermStatus;
  /** As stored; may name a deleted step (then the metric shows as unattached). */
  readonly attachment: MetricAttachment;
  readonly definition: string;
  readonly createdAt: number;
};

/** A board item that can be flagged, linked from the parking lot, or navigated to. */
export const ITEM_KINDS = ['step', 'sticky', 'term', 'metric'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
export type ItemRef = { readonly kind: ItemKind; readonly id: string };

export function itemKey(ref: ItemRef): string {
  return `${ref.kind}:${ref.id}`;
}

export function parseItemKey(key: string): ItemRef | null {
  const colon = key.indexOf(':');
  const kind = key.slice(0, colon);
  const id = key.slice(colon + 1);
  return colon > 0 && id && (ITEM_KINDS as readonly string[]).includes(kind) ? { kind: kind as ItemKind, id } : null;
}

export type ParkingRecord = {
  readonly id: string;
  readonly text: string;
  readonly source: ItemRef | null;
  readonly resolved: boolean;
  readonly createdBy: string;
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
  /** A loose note's place on the wall (wall coordinates); 0 for notes under a step. */
  readonly x: number;
  readonly y: number;
};

export const FacilitationRoot = {
  facilitation: 'facilitation',
  agenda: 'agenda',
  locks: 'locks',
  decisions: 'decisions',
} as const;

/** Transaction origin for edits made by this client's user; undo is scoped to it. */
export const LOCAL_ORIGIN = Symbol('common-ground/local');
/** Transaction origin for content the server seeds at creation (templates, title). */
export const SEED_ORIGIN = 'common-ground/seed';

// ---------------------------------------------------------------------------------------------
// The shapes of both documents, declared once. The server refuses any update that does not fit
// them (lib/doc/validate-update.ts), and the accessors above write only what fits (they take
// their field lists and enums from the same constants). Limits are the user-facing ones of
// lib/protocol.ts; where the UI has no limit, the bound is generous and only stops abuse.

const ID = 200; // ids, order keys, item keys
const id = { kind: 'string', maxLength: ID } as const;
const num = { kind: 'number' } as const;
const bool = { kind: 'boolean' } as const;
const text = (maxLength: number) => ({ kind: 'text', maxLength }) as const;
const str = (maxLength: number, oneOf?: readonly string[]) => ({ kind: 'string', maxLength, ...(oneOf ? { oneOf } : {}) }) as const;
const collection = (maxEntries: number, entry: Shape) => ({ kind: 'collection', maxKeyLength: ID, maxEntries, entry }) as const;
const record = (fields: Record<string, Shape>) => ({ kind: 'record', fields }) as const;
/** Rich text (descriptions, definitions): characters per field. */
export const RICH_TEXT_MAX_LENGTH = 20_000;
const rich = { kind: 'rich', maxLength: RICH_TEXT_MAX_LENGTH } as const;
const SESSION_STATUSES = ['open', 'revealed', 'closed'] as const;
/** `convergedFrom` (the older field on a term or metric): JSON of at most 12 team names. */
const CONVERGED_FROM_MAX_LENGTH = 2000;
/** A `convergedFrom` entry: JSON { team (at most 60 characters), order }. */
const CONVERGED_FROM_ENTRY_MAX_LENGTH = 300;
export const VARIANT_AUTHOR_KEY_MAX_LENGTH = 400;
/** A decision record (JSON { at, counts, byTeam? }): room for 24 teams' counts (see sessions.ts). */
export const DECISION_MAX_LENGTH = 10_000;

export const BOARD_SHAPE: DocumentShape = {
  roots: {
    [BoardRoot.title]: text(LIMITS.titleMaxLength),
    [BoardRoot.meta]: record({ schemaVersion: num }),
    [BoardRoot.steps]: collection(
      LIMITS.maxSteps,
      record({
        order: id,
        status: str(ID, STEP_STATUSES),
        createdBy: id,
        ...Object.fromEntries(STEP_TEXT_FIELDS.map((f) => [f, text(f === 'title' ? LIMITS.stepTitleMaxLength : LIMITS.stepFieldMaxLength)])),
      }),
    ),
    [BoardRoot.stickies]: collection(
      LIMITS.maxStickies,
      record({ stepId: id, kind: str(ID, STICKY_KINDS), text: text(LIMITS.stickyTextMaxLength), authorId: id, authorName: str(LIMITS.displayNameMaxLength), order: id, x: num, y: num }),
    ),
    [BoardRoot.terms]: collection(
      LIMITS.maxTerms,
      record({
        name: text(LIMITS.termNameMaxLength),
        owner: text(LIMITS.displayNameMaxLength * 2),
        status: str(ID, TERM_STATUSES),
        createdAt: num,
        aliases: collection(LIMITS.maxAliasesPerTerm, record({ text: str(LIMITS.aliasMaxLength), team: str(LIMITS.teamMaxLength) })),
        examples: collection(LIMITS.maxExamplesPerTerm, record({ text: str(LIMITS.exampleMaxLength), kind: str(ID, EXAMPLE_KINDS), createdAt: num })),
        convergedFrom: str(CONVERGED_FROM_MAX_LENGTH),
      }),
    ),
    [BoardRoot.metrics]: collection(
      LIMITS.maxMetrics,
      record({
        ...Object.fromEntries(METRIC_TEXT_FIELDS.map((f) => [f, text(f === 'name' ? LIMITS.metricNameMaxLength : LIMITS.metricFieldMaxLength)])),
        status: str(ID, TERM_STATUSES),
        createdAt: num,
        stepId: id,
        toStepId: id,
        convergedFrom: str(CONVERGED_FROM_MAX_LENGTH),
      }),
    ),
    [BoardRoot.flags]: collection(100_000, str(LIMITS.teamMaxLength)),
    [BoardRoot.parking]: collection(
      LIMITS.maxParkingItems,
      record({ text: text(LIMITS.parkingTextMaxLength), source: id, resolved: bool, createdBy: str(LIMITS.displayNameMaxLength), createdAt: num }),
    ),
    // JSON strings: a ballot holds at most 100 item keys, an answer a level and a 300-character reason.
    [BoardRoot.ballots]: collection(100_000, str(100 * ID)),
    [BoardRoot.answers]: collection(100_000, str(2000)),
    [BoardRoot.participants]: collection(10_000, str(1000)),
    // Keys hold an item key, a team (up to 60 characters, lower-cased) and a participant id. The
    // server bounds the entries board-wide; "at most 12 teams per item" is checked by the accessors
    // only (a per-item count is not a shape), so a crafted client could add more, and readers show them.
    [BoardRoot.variantAuthors]: {
      kind: 'collection',
      maxKeyLength: VARIANT_AUTHOR_KEY_MAX_LENGTH,
      maxEntries: LIMITS.maxVariantAuthors,
      entry: record({ name: str(LIMITS.displayNameMaxLength), team: str(LIMITS.teamMaxLength), at: num }),
    },
    // Keys hold an item key and a team, as a variant's; at most one entry per team and item.
    [BoardRoot.convergedFrom]: {
      kind: 'collection',
      maxKeyLength: VARIANT_AUTHOR_KEY_MAX_LENGTH,
      maxEntries: (LIMITS.maxTerms + LIMITS.maxMetrics) * LIMITS.maxVariantsPerItem,
      entry: str(CONVERGED_FROM_ENTRY_MAX_LENGTH),
    },
  },
  prefixedRoots: {
    'step:': rich,
    'term:': rich,
    'metric:': rich,
    'variant:': text(LIMITS.variantTextMaxLength),
    'variantPart:': text(LIMITS.metricFieldMaxLength),
  },
};

export const FACILITATION_SHAPE: DocumentShape = {
  roots: {
    [FacilitationRoot.facilitation]: record({
      current: id,
      focus: id,
      activity: id,
      showJoin: bool,
      view: record({ x: num, y: num, width: num, height: num }),
      timer: record({ status: str(ID, ['idle', 'running', 'paused']), totalMs: num, endsAt: num, remainingMs: num }),
      vote: record({ id, title: str(200), items: str(100 * ID), dots: num, stack: bool, status: str(ID, SESSION_STATUSES) }),
      consensus: record({ id, item: id, status: str(ID, SESSION_STATUSES) }),
    }),
    [FacilitationRoot.agenda]: collection(100, record({ title: str(120), minutes: num, focus: id, order: id, actualMs: num, startedAt: num })),
    [FacilitationRoot.locks]: collection(10_000, bool),
    [FacilitationRoot.decisions]: collection(10_000, str(DECISION_MAX_LENGTH)),
  },
  prefixedRoots: {},
};
