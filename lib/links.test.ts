import { describe, expect, it } from 'vitest';
import { buildLink, parseLink, secretFromFragment, syncUrl } from './links';
import { canWrite, parseSyncPath } from './protocol';

const secret = 'abcdefghijklmnopqrstuvwx';

describe('links', () => {
  it('round-trips every role', () => {
    for (const role of ['participant', 'facilitator', 'projector'] as const) {
      const link = buildLink('http://localhost:3000/', 'AbCdEfGhIjKl', role, secret);
      expect(link).toContain('#k=');
      expect(parseLink(link)).toEqual({ origin: 'http://localhost:3000', workshopId: 'AbCdEfGhIjKl', role, secret });
    }
  });

  it('rejects truncated secrets, bad ids and foreign URLs', () => {
    expect(parseLink(`http://x/w/AbCdEfGhIjKl#k=${secret.slice(1)}`)).toBeNull();
    expect(parseLink(`http://x/w/short#k=${secret}`)).toBeNull();
    expect(parseLink('not a url')).toBeNull();
    expect(parseLink(`http://x/other/AbCdEfGhIjKl#k=${secret}`)).toBeNull();
    expect(secretFromFragment('')).toBeNull();
  });

  it('derives the sync URL from the page origin', () => {
    expect(syncUrl('http://localhost:3000')).toBe('ws://localhost:3000/sync');
    expect(syncUrl('https://cg.example.org/')).toBe('wss://cg.example.org/sync');
  });
});

describe('protocol', () => {
  it('parses sync paths strictly', () => {
    expect(parseSyncPath('/sync/AbCdEfGhIjKl/board')).toEqual({ workshopId: 'AbCdEfGhIjKl', kind: 'board' });
    expect(parseSyncPath('/sync/AbCdEfGhIjKl/facilitation')).toEqual({ workshopId: 'AbCdEfGhIjKl', kind: 'facilitation' });
    expect(parseSyncPath('/sync/AbCdEfGhIjKl/other')).toBeNull();
    expect(parseSyncPath('/sync/../board')).toBeNull();
    expect(parseSyncPath('/sync/AbCdEfGhIjKl/board/x')).toBeNull();
  });

  it('gives write access by role and document', () => {
    expect(canWrite('participant', 'board')).toBe(true);
    expect(canWrite('participant', 'facilitation')).toBe(false);
    expect(canWrite('facilitator', 'facilitation')).toBe(true);
    expect(canWrite('projector', 'board')).toBe(false);
    expect(canWrite('projector', 'facilitation')).toBe(false);
  });
});
