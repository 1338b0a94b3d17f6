// What a schema cannot say: references resolve, ids and names are unique, and each contest's rules
// are those the law gives for it (docs/election-rules.md).
import type { JsonProblem } from '../json.js';
import { nameKey } from '../text.js';
import type { Category, Contest, Election, LinkedCandidateEntry, ListEntry, MunicipalContest } from './schema.js';

/** Who votes which ballot (docs/election-rules.md). */
export const ELIGIBLE_CATEGORIES: Record<Contest['type'], readonly Category[]> = {
  referendum: ['IT'],
  municipal: ['IT', 'EU_MUNICIPAL'],
  european: ['IT', 'EU_EUROPEAN'],
  camera: ['IT'],
  senato: ['IT'],
};

/** The contests a voter of this category is given, in scrutiny order: those the election opens to the category and the law allows it. */
export function contestsFor(election: Election, category: Category): string[] {
  return election.scrutinyOrder.filter((id) => {
    const contest = election.contests.find((c) => c.id === id)!;
    return contest.eligibility.includes(category) && ELIGIBLE_CATEGORIES[contest.type].includes(category);
  });
}

/** The municipal rules the law gives a comune of this population (docs/election-rules.md; TUEL art. 71–73). */
export function municipalRulesFor(population: number): MunicipalContest['rules'] {
  const large = population > 15_000;
  const maxPreferences = population <= 5_000 ? 1 : 2;
  return { maxPreferences, preferencesDifferentSex: maxPreferences === 2, splitVote: large, mayorOnlyVoteGoesToList: !large };
}

/** The UTC offset written at the end of a date and time ("+02:00"; "Z" is "+00:00"). */
const writtenOffset = (at: string): string | null => {
  const m = /(Z|[+-]\d\d:\d\d)$/.exec(at);
  return m ? (m[1] === 'Z' ? '+00:00' : m[1]!) : null;
};

/** The zone's UTC offset at that instant, as "+02:00" (Intl's "GMT+02:00"; plain "GMT" at zero). */
function zoneOffset(timeZone: string, instant: Date): string | null {
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value;
    if (name === 'GMT') return '+00:00';
    return name?.startsWith('GMT') ? name.slice(3) : null;
  } catch {
    return null;
  }
}

/**
 * The instant at which the clock in `timeZone` reads `date` `clock` ("2020-09-21", "15:00"): the zone's
 * offset at that hour taken away (outside the hour a change of summer time skips or repeats).
 */
export function localInstant(date: string, clock: string, timeZone: string): number {
  const asUtc = Date.parse(`${date}T${clock}:00Z`);
  const offset = zoneOffset(timeZone, new Date(asUtc)) ?? '+00:00';
  const minutes = (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  return asUtc - minutes * 60_000;
}

export function crossCheckElection(election: Election): JsonProblem[] {
  const problems: JsonProblem[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });

  /** Reports the second and later occurrence of each key. */
  const unique = <T>(items: readonly T[], key: (item: T) => string, path: (i: number) => string, what: string) => {
    const first = new Map<string, number>();
    items.forEach((item, i) => {
      const k = key(item);
      const j = first.get(k);
      if (j === undefined) first.set(k, i);
      else problem(path(i), `${what} is the same as at ${path(j)}; each must be unique`);
    });
  };

  unique(election.contests, (c) => c.id, (i) => `$.contests[${i}].id`, 'the contest id');
  unique(election.sections, (s) => s.id, (i) => `$.sections[${i}].id`, 'the section id');
  unique(election.sections, (s) => nameKey(s.name), (i) => `$.sections[${i}].name`, 'the section name');
  unique(election.turnoutCheckpoints, (c) => c.id, (i) => `$.turnoutCheckpoints[${i}].id`, 'the checkpoint id');
  unique(election.days, (d) => d.date, (i) => `$.days[${i}].date`, 'the date');

  const contestIds = new Set(election.contests.map((c) => c.id));
  election.scrutinyOrder.forEach((id, i) => {
    if (!contestIds.has(id)) problem(`$.scrutinyOrder[${i}]`, `names contest "${id}", which is not among the contests`);
  });
  unique(election.scrutinyOrder, (id) => id, (i) => `$.scrutinyOrder[${i}]`, 'the contest');
  for (const id of contestIds) {
    if (!election.scrutinyOrder.includes(id)) problem('$.scrutinyOrder', `does not list contest "${id}"; every contest must be counted once`);
  }

  election.days.forEach((day, i) => {
    if (day.open >= day.close) problem(`$.days[${i}].close`, `is not after the opening time ${day.open}`);
    if (i > 0 && day.date <= election.days[i - 1]!.date) problem(`$.days[${i}].date`, 'is not after the previous day; days must be in order');
  });

  const checkpoints = election.turnoutCheckpoints;
  checkpoints.forEach((c, i) => {
    if (i > 0 && Date.parse(c.at) <= Date.parse(checkpoints[i - 1]!.at)) {
      problem(`$.turnoutCheckpoints[${i}].at`, 'is not after the previous checkpoint; checkpoints must be in time order');
    }
    if (c.final && i !== checkpoints.length - 1) problem(`$.turnoutCheckpoints[${i}].final`, 'is set, but only the last checkpoint may be final');
    // Written in the comune's hour, which every screen and record shows: the same instant written with
    // another offset (the winter one in September) would read as another hour on the public page.
    const written = writtenOffset(c.at);
    const zone = zoneOffset(election.timezone, new Date(c.at));
    if (written && zone && written !== zone) problem(`$.turnoutCheckpoints[${i}].at`, `has the UTC offset ${written}, but at that moment ${election.timezone} is at ${zone}: write the comune's hour with its offset, like "${c.at.slice(0, 10)}T12:00:00${zone}"`);
  });
  if (!checkpoints.at(-1)?.final) problem(`$.turnoutCheckpoints[${checkpoints.length - 1}]`, 'the last checkpoint must be the final one ("final": true)');

  const admitted = new Set<Category>();
  election.contests.forEach((contest, i) => {
    const at = `$.contests[${i}]`;
    unique(contest.eligibility, (c) => c, (j) => `${at}.eligibility[${j}]`, 'the category');
    contest.eligibility.forEach((category, j) => {
      admitted.add(category);
      const allowed = ELIGIBLE_CATEGORIES[contest.type];
      if (!allowed.includes(category)) {
        problem(`${at}.eligibility[${j}]`, `${category} electors do not vote in a ${contest.type} contest; allowed: ${allowed.join(', ')}`);
      }
    });
    checkContest(contest, at, problem, unique);
  });
  const referendums = election.contests.flatMap((c, i) => (c.type === 'referendum' ? [{ c, i }] : []));
  unique(referendums, ({ c }) => String(c.number), (k) => `$.contests[${referendums[k]!.i}].number`, 'the referendum number');

  election.sections.forEach((section, i) => {
    for (const category of Object.keys(section.electors) as Category[]) {
      if (!admitted.has(category)) problem(`$.sections[${i}].electors.${category}`, `lists ${category} electors, but no contest admits them`);
    }
  });
  return problems;
}

type Report = (path: string, message: string) => void;
type Unique = <T>(items: readonly T[], key: (item: T) => string, path: (i: number) => string, what: string) => void;

function checkContest(contest: Contest, at: string, problem: Report, unique: Unique): void {
  switch (contest.type) {
    case 'referendum':
      if (contest.kind === 'abrogative' && contest.quorum === null) problem(`${at}.quorum`, 'must be set for an abrogative referendum (0.5: half the electors plus one)');
      if (contest.kind === 'constitutional' && contest.quorum !== null) problem(`${at}.quorum`, 'must be null: a constitutional referendum has no quorum');
      return;
    case 'municipal': {
      checkLists(contest.lists, at, unique);
      checkLinked(contest.mayors, 'mayors', 'mayor', contest.lists, at, problem, unique);
      checkIdsDisjoint(contest, at, problem);
      const expected = municipalRulesFor(contest.population);
      for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
        if (contest.rules[key] !== expected[key]) {
          problem(`${at}.rules.${key}`, `is ${contest.rules[key]}, but a comune of ${contest.population} inhabitants has ${expected[key]}`);
        }
      }
      if (contest.population <= 15_000) {
        contest.mayors.forEach((m, j) => {
          if (m.lists.length !== 1) problem(`${at}.mayors[${j}].lists`, `has ${m.lists.length} lists; up to 15,000 inhabitants each mayor has exactly one`);
        });
      }
      return;
    }
    case 'european':
      checkLists(contest.lists, at, unique);
      checkIdsDisjoint(contest, at, problem);
      return;
    case 'camera':
    case 'senato':
      checkLists(contest.lists, at, unique);
      checkLinked(contest.candidates, 'candidates', 'single-member candidate', contest.lists, at, problem, unique);
      checkIdsDisjoint(contest, at, problem);
      return;
  }
}

function checkLists(lists: readonly ListEntry[], at: string, unique: Unique): void {
  unique(lists, (l) => l.id, (j) => `${at}.lists[${j}].id`, 'the list id');
  unique(lists, (l) => nameKey(l.name), (j) => `${at}.lists[${j}].name`, 'the list name');
  const candidates = lists.flatMap((l, j) => l.candidates.map((c, k) => ({ c, path: `${at}.lists[${j}].candidates[${k}]` })));
  unique(candidates, ({ c }) => c.id, (k) => `${candidates[k]!.path}.id`, 'the candidate id');
  lists.forEach((list, j) => {
    unique(list.candidates, (c) => nameKey(`${c.surname} ${c.name}`), (k) => `${at}.lists[${j}].candidates[${k}]`, 'the candidate name');
  });
}

function checkLinked(people: readonly LinkedCandidateEntry[], field: string, what: string, lists: readonly ListEntry[], at: string, problem: Report, unique: Unique): void {
  unique(people, (p) => p.id, (j) => `${at}.${field}[${j}].id`, `the ${what} id`);
  unique(people, (p) => nameKey(`${p.surname} ${p.name}`), (j) => `${at}.${field}[${j}]`, `the ${what} name`);
  const listIds = new Set(lists.map((l) => l.id));
  const linkedTo = new Map<string, string>();
  people.forEach((person, j) => {
    person.lists.forEach((listId, k) => {
      const path = `${at}.${field}[${j}].lists[${k}]`;
      if (!listIds.has(listId)) return problem(path, `names list "${listId}", which is not among the contest's lists`);
      const other = linkedTo.get(listId);
      if (other !== undefined) return problem(path, `links list "${listId}", already linked to ${what} "${other}"; a list supports one ${what}`);
      linkedTo.set(listId, person.id);
    });
  });
  lists.forEach((list, j) => {
    if (!linkedTo.has(list.id)) problem(`${at}.lists[${j}]`, `list "${list.id}" is linked to no ${what}`);
  });
}

/** Within a contest a selection names mayors, lists and candidates by id: one namespace. */
function checkIdsDisjoint(contest: Exclude<Contest, { type: 'referendum' }>, at: string, problem: Report): void {
  const people = contest.type === 'municipal' ? contest.mayors : contest.type === 'european' ? [] : contest.candidates;
  const kinds = new Map<string, string>();
  const note = (id: string, kind: string) => {
    const previous = kinds.get(id);
    if (previous !== undefined && previous !== kind) problem(at, `the id "${id}" is used for a ${previous} and a ${kind}; ids must differ across the contest`);
    kinds.set(id, kind);
  };
  people.forEach((p) => note(p.id, 'person'));
  contest.lists.forEach((l) => {
    note(l.id, 'list');
    l.candidates.forEach((c) => note(c.id, 'list candidate'));
  });
}
