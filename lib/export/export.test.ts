import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { recordParticipant } from '../doc/participants';
import { addLooseSticky, addStep, addSticky, deleteStep } from '../doc/process';
import { BoardRoot } from '../doc/schema';
import { seedBoardBase } from '../doc/workshop';
import { serializeGlossaryCsv } from '../glossary/csv';
import type { ParticipantId } from '../presence';
import { createBackup, parseBackup } from './backup';
import { fixtureWorkshop } from './fixture';
import { buildHandbook, handbookToMarkdown, metricsToCsv } from './handbook';
import { blocksToMarkdown, safeHref, type Block } from './rich-blocks';

const expected = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');
const DATE = new Date('2026-11-26T10:00:00Z');

describe('exports of a fixture workshop match the expected files', () => {
  const { board, facilitation } = fixtureWorkshop();
  const handbook = buildHandbook(board, facilitation, DATE);
  it('Markdown handbook (headings, lists, bold, links; unsafe links dropped)', () => {
    expect(handbookToMarkdown(handbook)).toBe(expected('handbook.md'));
  });
  it('glossary CSV', () => {
    expect(serializeGlossaryCsv(handbook.terms)).toBe(expected('glossary.csv'));
  });
  it('metrics CSV', () => {
    expect(metricsToCsv(handbook.metrics)).toBe(expected('metrics.csv'));
  });
});

describe('rich text to Markdown', () => {
  it('renders nested and ordered lists, quotes, code and escapes', () => {
    const blocks: Block[] = [
      { type: 'list', ordered: true, items: [[{ type: 'paragraph', inlines: [{ text: 'One' }] }, { type: 'list', ordered: false, items: [[{ type: 'paragraph', inlines: [{ text: 'inner' }] }]] }], [{ type: 'paragraph', inlines: [{ text: 'Two', bold: true }] }]] },
      { type: 'quote', blocks: [{ type: 'paragraph', inlines: [{ text: 'Said *loudly*' }] }] },
      { type: 'code', text: 'a < b' },
      { type: 'paragraph', inlines: [{ text: '- not a list' }] },
    ];
    expect(blocksToMarkdown(blocks)).toBe('1. One\n\n   - inner\n2. **Two**\n\n> Said \\*loudly\\*\n\n```\na < b\n```\n\n\\- not a list');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('mailto:a@b.c')).toBe('mailto:a@b.c');
  });
});

describe('JSON backup', () => {
  it('backup → import → export gives the same content', () => {
    const { board, facilitation } = fixtureWorkshop();
    const json = JSON.parse(JSON.stringify(createBackup(board, facilitation, DATE)));
    const parsed = parseBackup(json);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.title).toBe('Sales process *EMEA*');
    const restoredBoard = new Y.Doc();
    const restoredFacilitation = new Y.Doc();
    Y.applyUpdate(restoredBoard, parsed.board);
    Y.applyUpdate(restoredFacilitation, parsed.facilitation);
    expect(handbookToMarkdown(buildHandbook(restoredBoard, restoredFacilitation, DATE))).toBe(expected('handbook.md'));
    expect(json.content.steps.map((s: { title: string }) => s.title)).toEqual(['Qualify', 'Propose']);
  });

  it.each([
    ['not an object', 'hello'],
    ['a foreign file', { format: 'other', version: 1 }],
    ['a newer version', { format: 'common-ground-backup', version: 99, documents: {} }],
    ['missing documents', { format: 'common-ground-backup', version: 1 }],
    ['corrupt documents', { format: 'common-ground-backup', version: 1, documents: { board: 'AAAA////', facilitation: '' } }],
    ['truncated documents', (() => {
      const { board, facilitation } = fixtureWorkshop();
      const b = createBackup(board, facilitation, DATE);
      return { ...b, documents: { ...b.documents, board: b.documents.board.slice(0, 40) } };
    })()],
  ])('refuses %s with a clear error', (_name, input) => {
    const parsed = parseBackup(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(/backup/i);
  });
});

describe('notes on no step', () => {
  it('loose notes and notes whose step was deleted meanwhile are in the handbook, under “Notes not on a step”', () => {
    const a = seedBoardBase('Notes');
    const step = addStep(a, { title: 'Qualify' });
    addSticky(a, { stepId: step, kind: 'pain', text: 'On its step', authorId: 'a', authorName: 'Ana' });
    addLooseSticky(a, { x: 0, y: 0, kind: 'idea', text: 'Brain dump idea', authorId: 'a', authorName: 'Ana' });
    addLooseSticky(a, { x: 10, y: 0, kind: 'idea', text: '  ', authorId: 'a', authorName: 'Ana' });
    // Ben adds a note to the step while Ana deletes the step: the note outlives its step.
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    addSticky(b, { stepId: step, kind: 'question', text: 'Who signs?', authorId: 'b', authorName: 'Ben' });
    deleteStep(a, step);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));

    const h = buildHandbook(a, new Y.Doc(), new Date('2026-12-01T10:00:00Z'));
    expect(h.steps).toEqual([]);
    expect(h.unplacedNotes.map((n) => n.text).sort()).toEqual(['Brain dump idea', 'Who signs?']);
    const markdown = handbookToMarkdown(h);
    expect(markdown).toContain('### Notes not on a step');
    expect(markdown).toContain('> **Question** (Ben): Who signs?');
    expect(markdown).toContain('(Ana): Brain dump idea');
  });
});

describe('participants in the handbook', () => {
  it('one person per name and team, one group per team, whatever the case and spacing', () => {
    const board = seedBoardBase('Teams');
    const join = (id: string, name: string, team: string) => recordParticipant(board, { id: id as ParticipantId, name, team });
    join('s1', 'Ana', 'East');
    join('s2', 'ana', 'east'); // Ana again, typed in lower case in another browser
    join('s3', 'Cleo', 'east');
    join('s4', 'Dev', 'EAST ');
    join('s5', 'Ben', 'West');
    join('s6', 'Fran', '');
    join('s7', 'Eve', 'East');
    // Written by an older or foreign client, not through recordParticipant's clean-up.
    board.getMap<string>(BoardRoot.participants).set('s8', JSON.stringify({ name: ' Gus ', team: ' East  ' }));

    const h = buildHandbook(board, new Y.Doc(), new Date('2026-12-01T10:00:00Z'));
    expect(h.participants).toEqual([
      { team: 'East', names: ['Ana', 'Cleo', 'Dev', 'Eve', 'Gus'] },
      { team: 'West', names: ['Ben'] },
      { team: '', names: ['Fran'] },
    ]);
    expect(handbookToMarkdown(h)).toContain('- **East:** Ana, Cleo, Dev, Eve, Gus\n');
  });
});
