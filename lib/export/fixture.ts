import * as Y from 'yjs';
import { setLock } from '../doc/locks';
import { openConsensus, openVote, recordDecision, setConsensusStatus, setVoteStatus } from '../doc/sessions';
import { castBallot, setAnswer } from '../doc/votes';
import { addAlias, addExample, addTerm, setTermStatus } from '../doc/glossary';
import { addMetric, setMetricText } from '../doc/metrics';
import { recordParticipant } from '../doc/participants';
import { addStep, addSticky, setStepStatus, setStepText } from '../doc/process';
import { metricDefinitionField, stepDescriptionField, termDefinitionField } from '../doc/schema';
import type { ParticipantId } from '../presence';
import { addParkingItem, setFlag, setParkingResolved } from '../doc/signals';
import { addVariant } from '../doc/variants';
import { setTitle } from '../doc/workshop';

function paragraph(parts: Array<string | { text: string; attrs: Record<string, unknown> }>): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  p.insert(0, [text]);
  let at = 0;
  for (const part of parts) {
    // An explicit {} keeps plain text plain (without it, Yjs continues the formatting to the left).
    if (typeof part === 'string') text.insert(at, part, {});
    else text.insert(at, part.text, part.attrs);
    at += typeof part === 'string' ? part.length : part.text.length;
  }
  return p;
}

/** A small but complete workshop, used by the export tests and their expected files. */
export function fixtureWorkshop(): { board: Y.Doc; facilitation: Y.Doc } {
  const board = new Y.Doc();
  const facilitation = new Y.Doc();
  setTitle(board, 'Sales process *EMEA*');
  recordParticipant(board, { id: 'p1' as ParticipantId, name: 'Ana', team: 'East' });
  recordParticipant(board, { id: 'p2' as ParticipantId, name: 'Ben', team: 'West' });
  recordParticipant(board, { id: 'p3' as ParticipantId, name: 'Fran', team: '' });
  // Ana again from another browser: the same person, listed once.
  recordParticipant(board, { id: 'p4' as ParticipantId, name: 'Ana', team: 'East' });

  const qualify = addStep(board, { title: 'Qualify' });
  const propose = addStep(board, { title: 'Propose' });
  setStepText(board, qualify, 'ownerRole', 'SDR');
  setStepText(board, qualify, 'entryCriteria', 'Lead has a named contact');
  setStepText(board, qualify, 'exitCriteria', 'BANT confirmed');
  setStepStatus(board, qualify, 'agreed');
  const heading = new Y.XmlElement('heading');
  heading.setAttribute('level', '2' as never);
  heading.insert(0, [new Y.XmlText('Checks')]);
  const list = new Y.XmlElement('bulletList');
  for (const item of ['Budget', 'Authority']) {
    const li = new Y.XmlElement('listItem');
    li.insert(0, [paragraph([item])]);
    list.insert(list.length, [li]);
  }
  board.getXmlFragment(stepDescriptionField(qualify)).insert(0, [
    paragraph(['Call the lead ', { text: 'within 24 hours', attrs: { bold: true } }, '. See ', { text: 'the playbook', attrs: { link: { href: 'https://example.org/playbook' } } }, '.']),
    heading,
    list,
    paragraph([{ text: 'unsafe link', attrs: { link: { href: 'javascript:alert(1)' } } }]),
  ]);
  addSticky(board, { stepId: qualify, kind: 'decision', text: 'Use BANT, not MEDDIC', authorId: 'p1', authorName: 'Ana' });
  addSticky(board, { stepId: propose, kind: 'pain', text: 'Pricing approvals take a week', authorId: 'p2', authorName: 'Ben' });

  const opportunity = addTerm(board, { name: 'Opportunity' });
  addAlias(board, opportunity, { text: 'Deal', team: 'East' });
  addAlias(board, opportunity, { text: 'Opp', team: 'West' });
  addExample(board, opportunity, { text: 'Budget confirmed, demo booked', kind: 'is' });
  board.getXmlFragment(termDefinitionField(opportunity)).insert(0, [paragraph(['A ', { text: 'qualified', attrs: { italic: true } }, ' chance to sell.'])]);
  // Each team's wording before the agreement: the handbook keeps them as history.
  addVariant(board, { kind: 'term', id: opportunity }, 'East', { id: 'p1', name: 'Ana' }, 'A deal with budget confirmed.');
  addVariant(board, { kind: 'term', id: opportunity }, 'West', { id: 'p2', name: 'Ben' }, 'A deal with a demo booked.');
  setTermStatus(board, opportunity, 'agreed');
  const lead = addTerm(board, { name: 'Lead', definition: 'Someone interested.' });
  addAlias(board, lead, { text: 'Prospect', team: '' });

  const conversion = addMetric(board, { name: 'Conversion', attachment: { kind: 'boundary', fromStepId: qualify, toStepId: propose } });
  setMetricText(board, conversion, 'numerator', 'Opportunities reaching Propose');
  setMetricText(board, conversion, 'denominator', 'Opportunities in Qualify');
  setMetricText(board, conversion, 'target', '40 %');
  board.getXmlFragment(metricDefinitionField(conversion)).insert(0, [paragraph(['Share of opportunities that move on.'])]);

  const parked = addParkingItem(board, { text: 'Who approves discounts?', source: { kind: 'step', id: propose }, createdBy: 'Ben', createdAt: 1 });
  addParkingItem(board, { text: 'CRM migration', source: null, createdBy: 'Ana', createdAt: 2 });
  setParkingResolved(board, parked, false);
  setFlag(board, { kind: 'term', id: 'missing' }, 't1', 'East', false);
  setFlag(board, { kind: 'step', id: propose }, 't1', 'East', true);

  openConsensus(facilitation, `term:${opportunity}`);
  recordDecision(facilitation, `term:${opportunity}`, Date.parse('2026-11-30T09:15:00Z'), { full: 3, reservations: 1 }, undefined, { East: { full: 2 }, West: { full: 1, reservations: 1 } });
  setLock(facilitation, `term:${opportunity}`, true);

  // A revealed dot vote and a revealed consensus check with a block and an "I don't understand yet".
  const vote = openVote(facilitation, { title: 'What to fix first', items: [`step:${propose}`, `term:${lead}`], dots: 2, stack: false });
  castBallot(board, vote, 'p1', [`step:${propose}`, `term:${lead}`]);
  castBallot(board, vote, 'p2', [`step:${propose}`]);
  setVoteStatus(facilitation, 'revealed');
  const check = openConsensus(facilitation, `step:${propose}`);
  setAnswer(board, check, 'p1', { level: 'block', reason: 'Pricing is not settled' });
  setAnswer(board, check, 'p2', { level: 'unclear', reason: '' });
  setAnswer(board, check, 'p3', { level: 'full', reason: '' });
  setConsensusStatus(facilitation, 'revealed');
  return { board, facilitation };
}
