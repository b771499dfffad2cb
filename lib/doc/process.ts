import { generateKeyBetween } from 'fractional-indexing';
import * as Y from 'yjs';
import { LIMITS } from '../protocol';
import { FALLBACK_ORDER_KEY, compareOrdered, isValidOrderKey, keyForIndex } from './ordering';
import {
  BoardRoot,
  LOCAL_ORIGIN,
  STEP_STATUSES,
  STEP_TEXT_FIELDS,
  STICKY_KINDS,
  stepDescriptionField,
  type StepId,
  type StepRecord,
  type StepStatus,
  type StepTextField,
  type StickyId,
  type StickyKind,
  type StickyRecord,
} from './schema';
import { BoardLimitError, type Fields, recordAt, recordEntries, clampLine, readNumber, readOneOf, readString, readText, writeText } from './fields';
import { addTerm } from './glossary';
import { newRecordId } from './ids';
import { fragmentToPlainText, initRichText } from './rich-text';
import { subscribeRoots } from './subscribe';
import { clampText } from './text-diff';

/** Accessors for the process map: steps and their sticky notes. */

function stepsMap(doc: Y.Doc): Y.Map<Fields> {
  return doc.getMap<Fields>(BoardRoot.steps);
}

function stickiesMap(doc: Y.Doc): Y.Map<Fields> {
  return doc.getMap<Fields>(BoardRoot.stickies);
}

function orderOf(map: Fields): string {
  const order = map.get('order');
  return isValidOrderKey(order) ? order : FALLBACK_ORDER_KEY;
}

function readStep(id: string, map: Fields): StepRecord {
  return {
    id: id as StepId,
    order: orderOf(map),
    title: readText(map, 'title'),
    ownerRole: readText(map, 'ownerRole'),
    entryCriteria: readText(map, 'entryCriteria'),
    exitCriteria: readText(map, 'exitCriteria'),
    inputs: readText(map, 'inputs'),
    outputs: readText(map, 'outputs'),
    status: readOneOf(map, 'status', STEP_STATUSES, 'draft'),
  };
}

function readSticky(id: string, map: Fields): StickyRecord {
  return {
    id: id as StickyId,
    stepId: readString(map, 'stepId') as StepId,
    kind: readOneOf(map, 'kind', STICKY_KINDS, 'idea'),
    text: readText(map, 'text'),
    authorId: readString(map, 'authorId'),
    authorName: readString(map, 'authorName'),
    order: orderOf(map),
    x: readNumber(map, 'x'),
    y: readNumber(map, 'y'),
  };
}

/** The steps in process order. */
export function listSteps(doc: Y.Doc): StepRecord[] {
  return recordEntries(stepsMap(doc)).map(([id, map]) => readStep(id, map)).sort(compareOrdered);
}

export function hasStep(doc: Y.Doc, id: StepId): boolean {
  return stepsMap(doc).has(id);
}

export function maxLengthOf(field: StepTextField): number {
  return field === 'title' ? LIMITS.stepTitleMaxLength : LIMITS.stepFieldMaxLength;
}

/** Adds an empty step at `index` (the end when omitted); returns its id. */
export function addStep(
  doc: Y.Doc,
  options: { index?: number; title?: string; createdBy?: string } = {},
  origin: unknown = LOCAL_ORIGIN,
): StepId {
  const steps = stepsMap(doc);
  if (steps.size >= LIMITS.maxSteps) {
    throw new BoardLimitError(`A process can have at most ${LIMITS.maxSteps} steps.`);
  }
  const id = newRecordId() as StepId;
  doc.transact(() => {
    writeNewStep(doc, id, { ...options, title: clampLine(options.title ?? '', LIMITS.stepTitleMaxLength) });
    // Its first paragraph comes with it, so that people typing in it at once share one paragraph.
    initRichText(doc.getXmlFragment(stepDescriptionField(id)));
  }, origin);
  return id;
}

/** Writes a new draft step's entry at `index` (the end when omitted). Call inside a transaction. */
function writeNewStep(doc: Y.Doc, id: StepId, options: { index?: number; title: string; createdBy?: string }): void {
  const steps = stepsMap(doc);
  const list = listSteps(doc);
  const order = keyForIndex(list, options.index ?? list.length, (other, key) => steps.get(other)?.set('order', key));
  const map = new Y.Map<unknown>();
  steps.set(id, map);
  map.set('order', order);
  map.set('status', 'draft');
  map.set('createdBy', options.createdBy ?? '');
  for (const field of STEP_TEXT_FIELDS) {
    const value = new Y.Text();
    map.set(field, value);
    if (field === 'title' && options.title) value.insert(0, options.title);
  }
}

/** Edits one plain-text field by a minimal change, clamped to its limit; returns the stored value. */
export function setStepText(
  doc: Y.Doc,
  id: StepId,
  field: StepTextField,
  value: string,
  origin: unknown = LOCAL_ORIGIN,
): string {
  const clamped = field === 'title' ? clampLine(value, maxLengthOf(field)) : clampText(value, maxLengthOf(field));
  const map = recordAt(stepsMap(doc), id);
  if (!map) return clamped;
  doc.transact(() => writeText(map, field, clamped), origin);
  return clamped;
}

export function setStepStatus(doc: Y.Doc, id: StepId, status: StepStatus, origin: unknown = LOCAL_ORIGIN): void {
  const map = recordAt(stepsMap(doc), id);
  if (map && map.get('status') !== status) doc.transact(() => map.set('status', status), origin);
}

/** Moves a step to `index` in the order as it would be without the step itself. */
export function moveStep(doc: Y.Doc, id: StepId, index: number, origin: unknown = LOCAL_ORIGIN): void {
  const steps = stepsMap(doc);
  const map = recordAt(steps, id);
  if (!map) return;
  doc.transact(() => {
    const others = listSteps(doc).filter((s) => s.id !== id);
    const current = listSteps(doc).findIndex((s) => s.id === id);
    if (current === index) return;
    map.set('order', keyForIndex(others, index, (other, key) => steps.get(other)?.set('order', key)));
  }, origin);
}

/** Deletes a step and the stickies under it, in one transaction (so one undo restores both). */
export function deleteStep(doc: Y.Doc, id: StepId, origin: unknown = LOCAL_ORIGIN): void {
  const steps = stepsMap(doc);
  if (!steps.has(id)) return;
  doc.transact(() => {
    const stickies = stickiesMap(doc);
    for (const [stickyId, map] of recordEntries(stickies)) {
      if (map.get('stepId') === id) stickies.delete(stickyId);
    }
    steps.delete(id);
  }, origin);
}

/** Stickies in order, grouped by step is up to the caller. */
export function listStickies(doc: Y.Doc): StickyRecord[] {
  return recordEntries(stickiesMap(doc)).map(([id, map]) => readSticky(id, map)).sort(compareOrdered);
}

function lastStickyOrder(doc: Y.Doc, stepId: StepId, except?: StickyId): string | null {
  const inStep = listStickies(doc).filter((s) => s.stepId === stepId && s.id !== except);
  return inStep.at(-1)?.order ?? null;
}

export function addSticky(
  doc: Y.Doc,
  input: { stepId: StepId; kind: StickyKind; text: string; authorId: string; authorName: string },
  origin: unknown = LOCAL_ORIGIN,
): StickyId {
  const stickies = stickiesMap(doc);
  if (stickies.size >= LIMITS.maxStickies) {
    throw new BoardLimitError(`A board can have at most ${LIMITS.maxStickies} sticky notes.`);
  }
  if (!hasStep(doc, input.stepId)) throw new BoardLimitError('That step no longer exists.');
  const id = newRecordId() as StickyId;
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    stickies.set(id, map);
    map.set('stepId', input.stepId);
    map.set('kind', input.kind);
    map.set('authorId', input.authorId);
    map.set('authorName', input.authorName);
    map.set('order', generateKeyBetween(lastStickyOrder(doc, input.stepId), null));
    const body = new Y.Text();
    map.set('text', body);
    body.insert(0, clampText(input.text, LIMITS.stickyTextMaxLength));
  }, origin);
  return id;
}

export function setStickyText(doc: Y.Doc, id: StickyId, value: string, origin: unknown = LOCAL_ORIGIN): string {
  const clamped = clampText(value, LIMITS.stickyTextMaxLength);
  const map = recordAt(stickiesMap(doc), id);
  if (map) doc.transact(() => writeText(map, 'text', clamped), origin);
  return clamped;
}

export function setStickyKind(doc: Y.Doc, id: StickyId, kind: StickyKind, origin: unknown = LOCAL_ORIGIN): void {
  const map = recordAt(stickiesMap(doc), id);
  if (map && map.get('kind') !== kind) doc.transact(() => map.set('kind', kind), origin);
}

/** Whether a note is loose: in the wall's brain-dump area rather than under a step. */
export function isLoose(sticky: Pick<StickyRecord, 'stepId'>): boolean {
  return sticky.stepId === '';
}

/** A wall coordinate as stored: finite and within a generous wall (a crafted value cannot fling a note to infinity). */
export const WALL_EXTENT = 1_000_000;
function wallCoordinate(value: number): number {
  return Number.isFinite(value) ? Math.max(-WALL_EXTENT, Math.min(WALL_EXTENT, Math.round(value))) : 0;
}

function checkStickyRoom(doc: Y.Doc): void {
  if (stickiesMap(doc).size >= LIMITS.maxStickies) {
    throw new BoardLimitError(`A board can have at most ${LIMITS.maxStickies} sticky notes.`);
  }
}

/** Adds a loose note at a place on the wall (the brain dump: "everyone writes their steps on stickies"). */
export function addLooseSticky(
  doc: Y.Doc,
  input: { x: number; y: number; kind: StickyKind; text: string; authorId: string; authorName: string },
  origin: unknown = LOCAL_ORIGIN,
): StickyId {
  checkStickyRoom(doc);
  const id = newRecordId() as StickyId;
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    stickiesMap(doc).set(id, map);
    map.set('stepId', '');
    map.set('kind', input.kind);
    map.set('authorId', input.authorId);
    map.set('authorName', input.authorName);
    map.set('order', FALLBACK_ORDER_KEY);
    map.set('x', wallCoordinate(input.x));
    map.set('y', wallCoordinate(input.y));
    const body = new Y.Text();
    map.set('text', body);
    body.insert(0, clampText(input.text, LIMITS.stickyTextMaxLength));
  }, origin);
  return id;
}

/** Moves a note to a place in the brain-dump area (a loose note stays loose; a step's note becomes loose). */
export function setStickyPosition(doc: Y.Doc, id: StickyId, x: number, y: number, origin: unknown = LOCAL_ORIGIN): void {
  const map = recordAt(stickiesMap(doc), id);
  if (!map) return;
  doc.transact(() => {
    if (map.get('stepId') !== '') map.set('stepId', '');
    map.set('x', wallCoordinate(x));
    map.set('y', wallCoordinate(y));
  }, origin);
}

/**
 * Puts a note under a step at `index` among that step's other notes (the end when omitted):
 * dragging a loose note onto a step, a note to another step, or reordering within a step.
 * One transaction, so one undo step puts it back where it was.
 */
export function placeSticky(doc: Y.Doc, id: StickyId, stepId: StepId, index?: number, origin: unknown = LOCAL_ORIGIN): void {
  const map = recordAt(stickiesMap(doc), id);
  if (!map || !hasStep(doc, stepId)) return;
  const others = listStickies(doc).filter((s) => s.stepId === stepId && s.id !== id);
  const at = Math.max(0, Math.min(index ?? others.length, others.length));
  const current = listStickies(doc).filter((s) => s.stepId === stepId);
  if (map.get('stepId') === stepId && current.findIndex((s) => s.id === id) === at) return;
  doc.transact(() => {
    map.set('stepId', stepId);
    map.set('order', generateKeyBetween(others[at - 1]?.order ?? null, others[at]?.order ?? null));
  }, origin);
}

/**
 * The id of the step a note becomes. Derived from the note, so that two people turning the same
 * note into a step at once write the same map entry: one step, whoever wins.
 */
export function stepIdFromSticky(id: StickyId): StepId {
  return `n${id}` as StepId;
}

/**
 * Turns a note into a new step (its text becomes the title) at `index` in the process (the end
 * when omitted), in one transaction: one undo step brings the note back and removes the step.
 */
export function convertStickyToStep(doc: Y.Doc, id: StickyId, options: { index?: number; createdBy?: string } = {}, origin: unknown = LOCAL_ORIGIN): StepId | null {
  const stickies = stickiesMap(doc);
  const map = recordAt(stickies, id);
  if (!map) return null;
  const steps = stepsMap(doc);
  const stepId = stepIdFromSticky(id);
  if (!steps.has(stepId) && steps.size >= LIMITS.maxSteps) throw new BoardLimitError(`A process can have at most ${LIMITS.maxSteps} steps.`);
  const title = clampLine(readText(map, 'text').replace(/\s+/g, ' ').trim(), LIMITS.stepTitleMaxLength);
  doc.transact(() => {
    writeNewStep(doc, stepId, { ...options, title });
    const description = doc.getXmlFragment(stepDescriptionField(stepId));
    // Only the first to convert seeds the paragraph; a concurrent second is collapsed by tidyDescription.
    if (description.length === 0) initRichText(description);
    stickies.delete(id);
  }, origin);
  return stepId;
}

/**
 * Two people who convert the same note at the same moment each seed the description's first
 * paragraph. When every paragraph is still empty, all but the first are removed — the same
 * choice on every client, so concurrent tidies delete the same items and converge.
 */
export function tidyDescription(doc: Y.Doc, id: StepId, origin: unknown = LOCAL_ORIGIN): void {
  const fragment = doc.getXmlFragment(stepDescriptionField(id));
  if (fragment.length < 2) return;
  const children = fragment.toArray();
  const empty = children.every((child) => child instanceof Y.XmlElement && child.nodeName === 'paragraph' && child.toArray().every((t) => t instanceof Y.XmlText && t.length === 0));
  if (empty) doc.transact(() => fragment.delete(1, fragment.length - 1), origin);
}

/** Turns a note into a glossary term named by its text, in one transaction (one undo step). */
export function convertStickyToTerm(doc: Y.Doc, id: StickyId, origin: unknown = LOCAL_ORIGIN): string | null {
  const stickies = stickiesMap(doc);
  const map = recordAt(stickies, id);
  if (!map) return null;
  const name = readText(map, 'text').replace(/\s+/g, ' ').trim();
  if (!name) throw new BoardLimitError('Write the word on the note first.');
  let termId: string | null = null;
  doc.transact(() => {
    termId = addTerm(doc, { name: clampLine(name, LIMITS.termNameMaxLength) }, origin);
    stickies.delete(id);
  }, origin);
  return termId;
}

/** Moves a sticky to the end of another step's stickies. */
export function moveSticky(doc: Y.Doc, id: StickyId, stepId: StepId, origin: unknown = LOCAL_ORIGIN): void {
  const map = recordAt(stickiesMap(doc), id);
  if (!map || !hasStep(doc, stepId) || map.get('stepId') === stepId) return;
  doc.transact(() => {
    const last = lastStickyOrder(doc, stepId, id);
    map.set('stepId', stepId);
    map.set('order', generateKeyBetween(last, null));
  }, origin);
}

export function deleteSticky(doc: Y.Doc, id: StickyId, origin: unknown = LOCAL_ORIGIN): void {
  const stickies = stickiesMap(doc);
  if (stickies.has(id)) doc.transact(() => stickies.delete(id), origin);
}

/** The shared types a board-level undo manager tracks (title, steps, stickies). */
export function processUndoScope(doc: Y.Doc): Array<Y.AbstractType<unknown>> {
  return [doc.getText(BoardRoot.title), stepsMap(doc), stickiesMap(doc)] as Array<Y.AbstractType<unknown>>;
}

/** Calls `onChange` after any change to steps or stickies (local or remote). */
export function subscribeProcess(doc: Y.Doc, onChange: () => void): () => void {
  return subscribeRoots(doc, { maps: [BoardRoot.steps, BoardRoot.stickies] }, onChange);
}

/** A step's rich-text description as plain text (for the projector and tooltips). */
export function getStepDescription(doc: Y.Doc, id: StepId): string {
  return fragmentToPlainText(doc.getXmlFragment(stepDescriptionField(id)));
}

/** Calls `onChange` after any change to a step description (local or remote). */
export function subscribeStepDescriptions(doc: Y.Doc, onChange: () => void): () => void {
  return subscribeRoots(doc, { fragmentPrefixes: ['step:'] }, onChange);
}
