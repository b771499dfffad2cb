import type { FacilitationSnapshot } from './facilitation-store';

type Sessions = Pick<FacilitationSnapshot, 'vote' | 'consensus' | 'locks'>;

/**
 * What the facilitator just did, in words for everyone, from two successive snapshots of the
 * facilitation document: opening, revealing and closing a vote or a consensus check, and
 * locking or reopening an item. Every client observes the same document changes, so every
 * screen says the same thing without any message being sent. `label` names an item key
 * ("Term Lead"). Changes that arrive together (one transaction) give one sentence each.
 */
export function describeFacilitationChange(prev: Sessions, next: Sessions, label: (itemKey: string) => string): string[] {
  const said: string[] = [];
  const theVote = (title: string) => (title ? `the vote “${title}”` : 'the vote');
  const TheVote = (title: string) => (title ? `The vote “${title}”` : 'The vote');

  const pv = prev.vote;
  const nv = next.vote;
  if (nv && nv.id !== pv?.id) {
    // "…: Where do we lose most deals?" ends with the question's own mark, not "?.".
    if (nv.status !== 'closed') said.push(nv.title ? `A vote has opened: ${nv.title}${/[.?!…]$/.test(nv.title) ? '' : '.'}` : 'A vote has opened.');
  } else if (nv && pv && nv.status !== pv.status) {
    if (nv.status === 'revealed') said.push(`The results of ${theVote(nv.title)} are revealed.`);
    if (nv.status === 'closed') said.push(`${TheVote(nv.title)} is closed.`);
  } else if (!nv && pv && pv.status !== 'closed') {
    said.push(`${TheVote(pv.title)} is closed.`);
  }

  const pc = prev.consensus;
  const nc = next.consensus;
  const closedAgreed = new Set<string>();
  if (nc && nc.id !== pc?.id) {
    if (nc.status !== 'closed') said.push(`Consensus check: ${label(nc.item)}.`);
  } else if (nc && pc && nc.status !== pc.status) {
    if (nc.status === 'revealed') said.push(`The consensus results on ${label(nc.item)} are shown to everyone.`);
    if (nc.status === 'closed') {
      if (next.locks.has(nc.item)) {
        said.push(`${label(nc.item)} is agreed and locked.`);
        closedAgreed.add(nc.item);
      } else said.push(`The consensus check on ${label(nc.item)} was closed without agreement.`);
    }
  }

  for (const key of next.locks) if (!prev.locks.has(key) && !closedAgreed.has(key)) said.push(`${label(key)} is agreed and locked.`);
  for (const key of prev.locks) if (!next.locks.has(key)) said.push(`${label(key)} was reopened.`);
  return said;
}
