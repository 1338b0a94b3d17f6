// How the scrutiny attributes a selection (docs/election-rules.md "Contests"), as a seat would read a paper ballot:
// what it counts for, which preferences are void and why, or why the ballot is invalid. The booth's
// stricter `validate` is derived from this, so the two can never disagree.
//
// ASSUMED RULES (docs/election-rules.md [assumed]; "verified": false in ballot-cases.json), to confirm with the
// Ministry's instructions before a real election:
// - B6: up to 15,000 inhabitants, a preference alone counts for its list and that list's mayor.
// - B7: up to 15,000, with a mayor marked, a preference for another mayor's list is void.
// - B8: up to 15,000, a mayor marked with another mayor's list makes the ballot invalid.
// - C5: a preference for a candidate of a list other than the one voted is void; the list vote stands.
// - European: a preference without the list mark counts for the preference's list.
// - Several preferences in different lists, no list marked: the first preference's list is voted
//   and the others are void.
import type { Contest, LinkedCandidateEntry, ListEntry, MunicipalContest, PartyListContest, Sex } from '../election/schema.js';
import { isBlank, selectionSchema, type MunicipalSelection, type PartyListSelection, type Selection } from '../selection.js';

export type VoidReason = 'duplicate' | 'outside-list' | 'too-many' | 'same-sex' | 'not-allowed';
export interface VoidedPreference {
  readonly candidate: string;
  readonly reason: VoidReason;
}

export type InvalidReason = 'malformed' | 'unknown-id' | 'split-vote-not-allowed' | 'candidate-list-not-linked' | 'candidate-not-allowed';

export type Attribution =
  | { readonly outcome: 'blank' }
  | { readonly outcome: 'invalid' }
  | { readonly outcome: 'valid'; readonly answer: 'YES' | 'NO' }
  | {
      readonly outcome: 'valid';
      readonly mayor: string;
      readonly list: string | null;
      readonly preferences: readonly string[];
      readonly voidedPreferences: readonly string[];
      readonly mayorOnly?: true;
      readonly splitVote?: true;
    }
  | {
      readonly outcome: 'valid';
      readonly list: string | null;
      readonly candidate: string | null;
      readonly preferences: readonly string[];
      readonly voidedPreferences: readonly string[];
      readonly candidateOnly?: true;
    };

export interface Scrutiny {
  readonly attribution: Attribution;
  /** Why each voided preference is void. */
  readonly voided: readonly VoidedPreference[];
  /** Why the ballot is invalid, when it is. */
  readonly invalid?: InvalidReason;
  /** No mark at all: blank on paper, but the booth asks for an explicit "Scheda bianca". */
  readonly empty?: true;
}

const invalid = (reason: InvalidReason): Scrutiny => ({ attribution: { outcome: 'invalid' }, voided: [], invalid: reason });

/** Attributes any value offered as a selection for this contest. */
export function scrutinise(contest: Contest, selection: unknown): Scrutiny {
  const parsed = selectionSchema(contest).safeParse(selection);
  return parsed.success ? scrutiniseShaped(contest, parsed.data) : invalid('malformed');
}

/**
 * Attributes a selection that already has this contest's shape: what `selectionSchema(contest)` gave
 * (decodeBallotPlaintext's selection), so that the verifier does not run the schema twice on a ballot.
 */
export function scrutiniseShaped(contest: Contest, value: Selection): Scrutiny {
  if (isBlank(value)) return { attribution: { outcome: 'blank' }, voided: [] };
  switch (contest.type) {
    case 'referendum':
      return { attribution: { outcome: 'valid', answer: (value as { answer: 'YES' | 'NO' }).answer }, voided: [] };
    case 'municipal':
      return scrutiniseMunicipal(contest, value as MunicipalSelection);
    case 'european':
    case 'camera':
    case 'senato':
      return scrutinisePartyList(contest, value as PartyListSelection);
  }
}

interface Lookup {
  readonly lists: Map<string, ListEntry>;
  readonly listOfCandidate: Map<string, string>;
  readonly sexOf: Map<string, Sex>;
}

const lookups = new WeakMap<readonly ListEntry[], Lookup>();

/** Per contest, once: the scrutiny runs for every ballot of the count. */
function lookup(lists: readonly ListEntry[]): Lookup {
  let found = lookups.get(lists);
  if (!found) lookups.set(lists, (found = buildLookup(lists)));
  return found;
}

function buildLookup(lists: readonly ListEntry[]): Lookup {
  const listOfCandidate = new Map<string, string>();
  const sexOf = new Map<string, Sex>();
  for (const list of lists) {
    for (const c of list.candidates) {
      listOfCandidate.set(c.id, list.id);
      sexOf.set(c.id, c.sex);
    }
  }
  return { lists: new Map(lists.map((l) => [l.id, l])), listOfCandidate, sexOf };
}

const links = new WeakMap<readonly LinkedCandidateEntry[], Map<string, string>>();
const candidatesById = new WeakMap<readonly LinkedCandidateEntry[], Map<string, LinkedCandidateEntry>>();

/** List id -> the mayor or single-member candidate it supports (per contest, once). */
function linkedTo(candidates: readonly LinkedCandidateEntry[]): Map<string, string> {
  let map = links.get(candidates);
  if (!map) links.set(candidates, (map = new Map(candidates.flatMap((p) => p.lists.map((l) => [l, p.id] as const)))));
  return map;
}

function byId(candidates: readonly LinkedCandidateEntry[]): Map<string, LinkedCandidateEntry> {
  let map = candidatesById.get(candidates);
  if (!map) candidatesById.set(candidates, (map = new Map(candidates.map((p) => [p.id, p]))));
  return map;
}

/**
 * Keeps the preferences for candidates of `list`, in order, up to `max`, then applies the sex rule:
 * `pairs` (municipal) voids a second preference of the first one's sex; `mixed` (European) voids the
 * second and third when all are of one sex.
 */
function sortPreferences(preferences: readonly string[], list: string | null, max: number, sexRule: 'pairs' | 'mixed' | 'none', look: Lookup) {
  const kept: string[] = [];
  const voided: VoidedPreference[] = [];
  for (const candidate of preferences) {
    if (kept.includes(candidate) || voided.some((v) => v.candidate === candidate)) voided.push({ candidate, reason: 'duplicate' });
    else if (max === 0) voided.push({ candidate, reason: 'not-allowed' });
    else if (look.listOfCandidate.get(candidate) !== list) voided.push({ candidate, reason: 'outside-list' });
    else if (kept.length >= max) voided.push({ candidate, reason: 'too-many' });
    else kept.push(candidate);
  }
  const sexes = kept.map((c) => look.sexOf.get(c));
  if (sexRule === 'pairs' && kept.length === 2 && sexes[0] === sexes[1]) {
    voided.push({ candidate: kept.pop()!, reason: 'same-sex' });
  } else if (sexRule === 'mixed' && kept.length >= 2 && sexes.every((s) => s === sexes[0])) {
    for (const candidate of kept.splice(1)) voided.push({ candidate, reason: 'same-sex' });
  }
  return { kept, voided };
}

function scrutiniseMunicipal(contest: MunicipalContest, s: MunicipalSelection): Scrutiny {
  const look = lookup(contest.lists);
  const mayorOfList = linkedTo(contest.mayors);
  const mayors = byId(contest.mayors);
  if ((s.mayor !== null && !mayors.has(s.mayor)) || (s.list !== null && !look.lists.has(s.list)) || s.preferences.some((p) => !look.listOfCandidate.has(p))) {
    return invalid('unknown-id');
  }
  if (s.mayor === null && s.list === null && s.preferences.length === 0) return { attribution: { outcome: 'blank' }, voided: [], empty: true };
  const { rules } = contest;

  // The list voted: marked, else that of the first preference (docs/election-rules.md: a preference alone counts
  // for its list [assumed up to 15,000, sec over]), else the mayor's own list where a mayor vote
  // extends to it. Up to 15,000 a preference for another list than the marked mayor's is void.
  let list = s.list;
  if (list === null && s.preferences.length > 0) {
    const fromPreference = look.listOfCandidate.get(s.preferences[0]!)!;
    const mayorsOwn = s.mayor !== null && !rules.splitVote ? mayors.get(s.mayor)!.lists[0]! : null;
    list = mayorsOwn !== null && mayorOfList.get(fromPreference) !== s.mayor ? mayorsOwn : fromPreference;
  }
  if (list === null && s.mayor !== null && rules.mayorOnlyVoteGoesToList) list = mayors.get(s.mayor)!.lists[0]!;

  const mayor = s.mayor ?? mayorOfList.get(list!)!;
  const split = list !== null && mayorOfList.get(list) !== mayor;
  if (split && !rules.splitVote) return invalid('split-vote-not-allowed');

  const { kept, voided } = sortPreferences(s.preferences, list, rules.maxPreferences, rules.preferencesDifferentSex ? 'pairs' : 'none', look);
  return {
    attribution: {
      outcome: 'valid',
      mayor,
      list,
      preferences: kept,
      voidedPreferences: voided.map((v) => v.candidate),
      ...(list === null ? { mayorOnly: true as const } : {}),
      ...(split ? { splitVote: true as const } : {}),
    },
    voided,
  };
}

function scrutinisePartyList(contest: PartyListContest, s: PartyListSelection): Scrutiny {
  const look = lookup(contest.lists);
  const people = contest.type === 'european' ? [] : contest.candidates;
  const candidateOfList = linkedTo(people);
  const knownPerson = (id: string) => people.some((p) => p.id === id);
  if ((s.list !== null && !look.lists.has(s.list)) || (s.candidate !== null && !knownPerson(s.candidate)) || s.preferences.some((p) => !look.listOfCandidate.has(p))) {
    return invalid(s.candidate !== null && contest.type === 'european' ? 'candidate-not-allowed' : 'unknown-id');
  }
  if (s.list === null && s.candidate === null && s.preferences.length === 0) return { attribution: { outcome: 'blank' }, voided: [], empty: true };

  if (contest.type === 'european') {
    // A preference without the list mark counts for the preference's list [assumed].
    const list = s.list ?? look.listOfCandidate.get(s.preferences[0]!)!;
    const { kept, voided } = sortPreferences(s.preferences, list, contest.rules.maxPreferences, contest.rules.preferencesMixedSex ? 'mixed' : 'none', look);
    return { attribution: { outcome: 'valid', list, candidate: null, preferences: kept, voidedPreferences: voided.map((v) => v.candidate) }, voided };
  }

  // Camera and Senato (L. 165/2017): one mark and no preferences (a written name would be a mark of
  // recognition). A list vote goes to its single-member candidate too; a candidate alone is split pro
  // rata among the coalition's lists later, so it is counted apart as candidateOnly.
  if (s.preferences.length > 0) return invalid('malformed');
  if (s.list !== null && s.candidate !== null && candidateOfList.get(s.list) !== s.candidate) return invalid('candidate-list-not-linked');
  const list = s.list;
  const candidate = s.candidate ?? candidateOfList.get(list!)!;
  return {
    attribution: { outcome: 'valid', list, candidate, preferences: [], voidedPreferences: [], ...(list === null ? { candidateOnly: true as const } : {}) },
    voided: [],
  };
}
