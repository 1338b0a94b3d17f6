// Random valid voters for a section, and what they meant. The generator decides each voter's intent
// first (mayor, list, preferences …), writes it as one of the selections that express it, and counts
// the intent itself: so what it expects is never taken from the count it is used to check.
import type { Category, Contest, Election, ListEntry, Sex } from './election/schema.js';
import type { Selection } from './selection.js';
import type { MunicipalResults, PartyListResults, ReferendumResults, Results } from './tally/types.js';

export type Random = () => number;

/** A small, fast, seeded generator (mulberry32): the same seed gives the same day. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedVoter {
  readonly sex: Sex;
  readonly category: Category;
  /** The contests the voter accepted, with what they cast in each. */
  readonly selections: Readonly<Record<string, Selection>>;
}

export interface ExpectedContest {
  blank: number;
  results: Results;
}

export interface GeneratedDay {
  readonly voters: readonly GeneratedVoter[];
  readonly expected: { readonly contests: Record<string, ExpectedContest> };
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

function zeroResults(contest: Contest): Results {
  const zero = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, 0]));
  const candidateIds = (lists: readonly ListEntry[]) => lists.flatMap((l) => l.candidates.map((c) => c.id));
  switch (contest.type) {
    case 'referendum':
      return { YES: 0, NO: 0 };
    case 'municipal':
      return { mayors: Object.fromEntries(contest.mayors.map((m) => [m.id, { votes: 0, mayorOnly: 0 }])), lists: zero(contest.lists.map((l) => l.id)), preferences: zero(candidateIds(contest.lists)) };
    case 'european':
      return { lists: zero(contest.lists.map((l) => l.id)), candidates: {}, preferences: zero(candidateIds(contest.lists)) };
    case 'camera':
    case 'senato':
      return { lists: zero(contest.lists.map((l) => l.id)), candidates: zero(contest.candidates.map((c) => c.id)), preferences: {}, candidateOnly: zero(contest.candidates.map((c) => c.id)) };
  }
}

/** Up to `max` distinct candidates of `list`; `rule` keeps the sexes such that none is void. */
function preferencesFrom(random: Random, list: ListEntry, max: number, rule: 'pairs' | 'mixed' | 'none'): string[] {
  const count = Math.min(Math.floor(random() * (max + 1)), list.candidates.length);
  const pool = [...list.candidates];
  const chosen: typeof pool = [];
  while (chosen.length < count && pool.length > 0) {
    const candidate = pool.splice(Math.floor(random() * pool.length), 1)[0]!;
    const last = chosen.length === count - 1;
    const sameAsAll = chosen.length > 0 && chosen.every((c) => c.sex === candidate.sex);
    if (sameAsAll && ((rule === 'pairs' && chosen.length === 1) || (rule === 'mixed' && last))) continue;
    chosen.push(candidate);
  }
  // A list of one sex cannot give mixed preferences: keep the first only.
  if (rule !== 'none' && chosen.length >= 2 && chosen.every((c) => c.sex === chosen[0]!.sex)) chosen.length = 1;
  return chosen.map((c) => c.id);
}

/** One voter's intent in one contest: the selection cast, and the counts it adds to `expected`. */
function castOne(random: Random, contest: Contest, expected: ExpectedContest): Selection {
  if (random() < 0.06) {
    expected.blank++;
    return { blank: true };
  }
  switch (contest.type) {
    case 'referendum': {
      const answer = random() < 0.6 ? 'YES' : 'NO';
      (expected.results as ReferendumResults)[answer]++;
      return { answer };
    }
    case 'municipal': {
      const r = expected.results as MunicipalResults;
      const mayor = pick(random, contest.mayors);
      r.mayors[mayor.id]!.votes++;
      if (contest.rules.splitVote && random() < 0.15) {
        r.mayors[mayor.id]!.mayorOnly++;
        return { mayor: mayor.id, list: null, preferences: [] };
      }
      const split = contest.rules.splitVote && random() < 0.2;
      const listId = split ? pick(random, contest.lists).id : pick(random, mayor.lists);
      const list = contest.lists.find((l) => l.id === listId)!;
      const preferences = preferencesFrom(random, list, contest.rules.maxPreferences, contest.rules.preferencesDifferentSex ? 'pairs' : 'none');
      r.lists[list.id]!++;
      for (const p of preferences) r.preferences[p]!++;
      const own = mayor.lists.includes(list.id);
      const forms: Selection[] = [{ mayor: mayor.id, list: list.id, preferences }];
      if (own) forms.push({ mayor: null, list: list.id, preferences });
      if (own && mayor.lists.length === 1 && contest.rules.mayorOnlyVoteGoesToList) forms.push({ mayor: mayor.id, list: null, preferences });
      if (preferences.length > 0 && (own || contest.rules.splitVote)) forms.push({ mayor: own ? null : mayor.id, list: null, preferences });
      return pick(random, forms);
    }
    case 'european': {
      const r = expected.results as PartyListResults;
      const list = pick(random, contest.lists);
      const preferences = preferencesFrom(random, list, contest.rules.maxPreferences, contest.rules.preferencesMixedSex ? 'mixed' : 'none');
      r.lists[list.id]!++;
      for (const p of preferences) r.preferences[p]!++;
      return preferences.length > 0 && random() < 0.3 ? { list: null, candidate: null, preferences } : { list: list.id, candidate: null, preferences };
    }
    case 'camera':
    case 'senato': {
      const r = expected.results as PartyListResults;
      const candidate = pick(random, contest.candidates);
      r.candidates[candidate.id]!++;
      if (random() < 0.3) {
        r.candidateOnly![candidate.id]!++;
        return { list: null, candidate: candidate.id, preferences: [] };
      }
      const list = pick(random, candidate.lists);
      r.lists[list]!++;
      return { list, candidate: random() < 0.5 ? candidate.id : null, preferences: [] };
    }
  }
}

/**
 * `count` voters of a section: category and sex in proportion to its electors, each accepting the
 * contests their category allows (now and then refusing one), in scrutiny order.
 */
export function generateDay(election: Election, sectionId: string, count: number, random: Random): GeneratedDay {
  const section = election.sections.find((s) => s.id === sectionId);
  if (!section) throw new RangeError(`section "${sectionId}" is not in election ${election.id}`);
  const contests = election.scrutinyOrder.map((id) => election.contests.find((c) => c.id === id)!);
  const expected: Record<string, ExpectedContest> = Object.fromEntries(contests.map((c) => [c.id, { blank: 0, results: zeroResults(c) }]));
  const groups = (Object.entries(section.electors) as [Category, { M: number; F: number }][])
    .flatMap(([category, e]) => (['M', 'F'] as const).map((sex) => ({ category, sex, weight: e[sex] })))
    .filter((g) => g.weight > 0 && contests.some((c) => c.eligibility.includes(g.category)));
  const total = groups.reduce((s, g) => s + g.weight, 0);
  const voters: GeneratedVoter[] = [];
  for (let i = 0; i < count; i++) {
    let x = random() * total;
    const group = groups.find((g) => (x -= g.weight) < 0) ?? groups.at(-1)!;
    const allowed = contests.filter((c) => c.eligibility.includes(group.category));
    const refused = allowed.length > 1 && random() < 0.05 ? pick(random, allowed).id : null;
    const selections: Record<string, Selection> = {};
    for (const contest of allowed) if (contest.id !== refused) selections[contest.id] = castOne(random, contest, expected[contest.id]!);
    voters.push({ sex: group.sex, category: group.category, selections });
  }
  return { voters, expected: { contests: expected } };
}
