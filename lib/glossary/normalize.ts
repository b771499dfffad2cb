/**
 * Names that mean the same word: case, spacing and simple English plurals are ignored, so
 * "Opportunity", "opportunities" and " opportunity " collide. Only the last word is
 * singularised ("qualified leads" → "qualified lead").
 */
export function normalizeTermName(name: string): string {
  const words = name.normalize('NFKC').toLowerCase().trim().split(/\s+/).filter(Boolean);
  const last = words.pop();
  if (last === undefined) return '';
  return [...words, singular(last)].join(' ');
}

/** A simple singular: enough for workshop vocabulary, not a full English stemmer. */
export function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(sses|xes|zes|ches|shes)$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Plural surface forms of a name, to find "opportunities" in text for the term "Opportunity". */
export function surfaceForms(name: string): string[] {
  const clean = name.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (clean === '') return [];
  const lower = clean.toLowerCase();
  const forms = new Set([lower]);
  if (/[^aeiou]y$/.test(lower)) forms.add(`${lower.slice(0, -1)}ies`);
  else if (/(s|x|z|ch|sh)$/.test(lower)) forms.add(`${lower}es`);
  else forms.add(`${lower}s`);
  return [...forms];
}

export type NameOwner = { termId: string; termName: string; via: 'name' | 'alias'; text: string; team?: string };

/**
 * Where a proposed name would collide with an existing term name or alias (after
 * normalisation). `exceptTermId` skips the term being edited itself.
 */
export function findCollisions(
  proposed: string,
  owners: readonly NameOwner[],
  exceptTermId?: string,
): NameOwner[] {
  const key = normalizeTermName(proposed);
  if (key === '') return [];
  return owners.filter((o) => o.termId !== exceptTermId && normalizeTermName(o.text) === key);
}

/** Groups of terms whose names or aliases collide with each other (duplicates already in the glossary). */
export function duplicateGroups(owners: readonly NameOwner[]): NameOwner[][] {
  const byKey = new Map<string, NameOwner[]>();
  for (const owner of owners) {
    const key = normalizeTermName(owner.text);
    if (!key) continue;
    byKey.set(key, [...(byKey.get(key) ?? []), owner]);
  }
  return [...byKey.values()].filter((group) => new Set(group.map((o) => o.termId)).size > 1);
}
