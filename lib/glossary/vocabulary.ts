import { compareNamesStrict } from '../compare';
import type { TermId, TermRecord } from '../doc/schema';

/**
 * The team vocabulary: one row per term, one column per team — every team present (teams of
 * the participants as well as teams named on aliases, so a team that uses the canonical word
 * shows up as agreeing rather than missing) — and a last column for aliases without a team.
 */
export const NO_TEAM_COLUMN = 'Any team';

export type TeamVocabulary = {
  /** Team names, sorted; `NO_TEAM_COLUMN` last when some alias has no team. */
  readonly columns: readonly string[];
  /** One per term, in the order given; `words` by column, each column's aliases in their order. */
  readonly rows: ReadonlyArray<{ readonly id: TermId; readonly term: string; readonly words: Readonly<Record<string, readonly string[]>> }>;
};

export function teamVocabulary(terms: readonly Pick<TermRecord, 'id' | 'name' | 'aliases'>[], participantTeams: readonly string[]): TeamVocabulary {
  const teams = new Set<string>(participantTeams.map((t) => t.trim()).filter(Boolean));
  let untagged = false;
  const rows = terms.map((t) => {
    const words: Record<string, string[]> = {};
    for (const alias of t.aliases) {
      const team = alias.team.trim();
      if (team) teams.add(team);
      else untagged = true;
      const column = team || NO_TEAM_COLUMN;
      (words[column] ??= []).push(alias.text);
    }
    return { id: t.id, term: t.name, words };
  });
  const columns = [...teams].filter((t) => t !== NO_TEAM_COLUMN).sort(compareNamesStrict);
  return { columns: untagged || teams.has(NO_TEAM_COLUMN) ? [...columns, NO_TEAM_COLUMN] : columns, rows };
}
