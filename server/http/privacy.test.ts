import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_FILES } from '../../lib/api-client';
import { addStep, setStepStatus } from '../../lib/doc/process';
import { recordDecision } from '../../lib/doc/sessions';
import { setFlag, summarizeFlags } from '../../lib/doc/signals';
import { castBallot, readAnswers, readBallots, setAnswer } from '../../lib/doc/votes';
import { ROLES } from '../../lib/protocol';
import { connectProvider, createWorkshop, eventually, startInProcess, testConfig, whenSynced, type CreatedWorkshop } from '../testing/harness';

let server: Awaited<ReturnType<typeof startInProcess>>;
beforeAll(async () => {
  server = await startInProcess(testConfig());
});
afterAll(() => server.close());

const get = (id: string, file: string, secret: string) =>
  fetch(`${server.origin}/api/workshops/${id}/export/${file}`, { headers: { authorization: `Bearer ${secret}` } });

// Words that exist only in the per-person data: who flagged (token, team), who voted what, who answered what.
const FLAG_TOKEN = 'flagtokenQ7Zx9';
const FLAG_TEAM = 'Team Zanzibar';
const VOTER = 'voterIdK3m8';
const ANSWER_REASON = 'my private doubt about pricing';

/** A workshop where a participant flagged, voted and answered, and the facilitator recorded a decision. */
async function workshopWithSignals(): Promise<CreatedWorkshop> {
  const w = await createWorkshop(server.origin, 'Private signals');
  const participant = connectProvider(server.origin, w, 'participant');
  const facilitator = connectProvider(server.origin, w, 'facilitator', 'facilitation');
  await Promise.all([whenSynced(participant.provider), whenSynced(facilitator.provider)]);
  const stepId = addStep(participant.doc, { title: 'Qualify' });
  setFlag(participant.doc, { kind: 'step', id: stepId }, FLAG_TOKEN, FLAG_TEAM, true);
  castBallot(participant.doc, 'vote1', VOTER, [`step:${stepId}`]);
  setAnswer(participant.doc, 'consensus1', VOTER, { level: 'full', reason: ANSWER_REASON });
  setStepStatus(participant.doc, stepId, 'agreed');
  recordDecision(facilitator.doc, `step:${stepId}`, Date.now(), { full: 1 });
  // Everything private has reached the server (the facilitator's backup holds it whole), so
  // the checks below that it is absent from the other exports can fail.
  const observer = connectProvider(server.origin, w, 'facilitator');
  await eventually(async () => {
    expect(summarizeFlags(observer.doc).map((f) => f.count)).toEqual([1]);
    expect([...readBallots(observer.doc, 'vote1').keys()]).toEqual([VOTER]);
    expect([...readAnswers(observer.doc, 'consensus1').keys()]).toEqual([VOTER]);
    const handbook = await (await get(w.id, 'handbook.md', w.secrets.facilitator)).text();
    expect(handbook).toContain('consensus: Fully agree: 1');
  });
  participant.destroy();
  facilitator.destroy();
  observer.destroy();
  return w;
}

describe('privacy of exports', () => {
  it('backup.json (the whole documents: ballots, flag teams and tokens) needs the facilitator secret: 403 for projector and participant', async () => {
    const w = await workshopWithSignals();
    for (const role of ['projector', 'participant'] as const) {
      const res = await get(w.id, 'backup.json', w.secrets[role]);
      expect(res.status, role).toBe(403);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ error: expect.stringMatching(/facilitator/) });
      expect(text).not.toContain(FLAG_TOKEN);
    }
    const backup = await get(w.id, 'backup.json', w.secrets.facilitator);
    expect(backup.status).toBe(200);
  });

  it('the handbook and CSVs, for every role, hold flags as counts only and no ballot, answer or flag author', async () => {
    const w = await workshopWithSignals();
    for (const role of ROLES) {
      for (const file of EXPORT_FILES.filter((f) => f !== 'backup.json')) {
        const res = await get(w.id, file, w.secrets[role]);
        expect(res.status, `${role} ${file}`).toBe(200);
        const text = await res.text();
        for (const secret of [FLAG_TOKEN, FLAG_TEAM, VOTER, ANSWER_REASON, 'vote1', 'consensus1']) {
          expect(text, `${role} ${file} holds ${secret}`).not.toContain(secret);
        }
        if (file === 'handbook.md') {
          expect(text).toContain('consensus: Fully agree: 1');
        }
      }
    }
  });
});
