/**
 * The layout of a workshop's shared documents. This file (with the accessors beside it) is
 * the only place that knows root names; components and the server go through accessors.
 *
 * Board document (`<workshopId>/board`), written by participants and facilitators:
 *   - `title`  Y.Text — the workshop title; a Y.Text (not a string in a map) so that two
 *              people typing in it at once merge character by character.
 *   - `meta`   Y.Map  — `schemaVersion`: lets a later client migrate or refuse an older layout.
 *
 * Facilitation document (`<workshopId>/facilitation`), written only by facilitators:
 *   - `facilitation` Y.Map — agenda, timer, votes, focus and locks (later issues); it exists now
 *              so that the server's per-document authority is in place before its content is.
 */
export const SCHEMA_VERSION = 1;

export const BoardRoot = {
  title: 'title',
  meta: 'meta',
} as const;

export const FacilitationRoot = {
  facilitation: 'facilitation',
} as const;

/** Transaction origin for edits made by this client's user; undo is scoped to it. */
export const LOCAL_ORIGIN = Symbol('common-ground/local');
/** Transaction origin for content the server seeds at creation (templates, title). */
export const SEED_ORIGIN = 'common-ground/seed';
