// A mark on the scheda as a pencil would make it, and what the rules make of it (docs/election-rules.md). A mark that
// the rules could not take beside another one moves: the other is taken off, and the notice says which
// and why (never silently). What would void part of the ballot is refused with its reason, before it is
// taken, by ballot-core's own `validate`.
import { attribute, validate, type Contest, type MunicipalContest, type MunicipalSelection, type PartyListContest, type PartyListSelection, type RefusalCode, type Selection } from '@seggio/ballot-core';

export type Mark = { readonly mayor: string } | { readonly list: string } | { readonly candidate: string } | { readonly preference: { readonly list: string; readonly candidate: string } };

export interface Notice {
  readonly key: 'moved.split' | 'moved.outside' | 'moved.linked';
  /** The name of what was taken off. */
  readonly removed: string;
}

export type Marked = { readonly ok: true; readonly selection: Selection; readonly notice: Notice | null } | { readonly ok: false; readonly code: RefusalCode };

const person = (p: { surname: string; name: string }) => `${p.surname} ${p.name}`;
const EMPTY_MUNICIPAL: MunicipalSelection = { mayor: null, list: null, preferences: [] };
const EMPTY_PARTY: PartyListSelection = { list: null, candidate: null, preferences: [] };

/** The list a candidate of this contest stands for. */
export function listOfCandidate(contest: MunicipalContest | PartyListContest, candidate: string): string | null {
  return contest.lists.find((l) => l.candidates.some((c) => c.id === candidate))?.id ?? null;
}

/** The list a preference goes to: the one marked, else that of the first preference. */
function preferenceList(contest: MunicipalContest | PartyListContest, s: { list: string | null; preferences: readonly string[] }): string | null {
  return s.list ?? (s.preferences[0] ? listOfCandidate(contest, s.preferences[0]) : null);
}

/** The selection a mark leads to, with what it took off; or why it cannot be taken; null for a mark this ballot has not. */
type Moved<S> = { selection: S; notice: Notice | null } | RefusalCode | null;

export function mark(contest: Contest, current: Selection | undefined, target: Mark): Marked {
  const next = contest.type === 'municipal' ? markMunicipal(contest, current, target) : contest.type === 'referendum' ? null : markParty(contest, current, target);
  if (!next) return { ok: false, code: 'malformed' };
  if (typeof next === 'string') return { ok: false, code: next };
  const empty = Object.values(next.selection).every((v) => v === null || (Array.isArray(v) && v.length === 0));
  const checked = validate(contest, next.selection);
  // Taking every mark off is allowed while voting; the booth then asks for a choice or "Scheda bianca".
  if (!checked.ok && !(empty && checked.error[0]!.code === 'empty')) return { ok: false, code: checked.error[0]!.code };
  return { ok: true, ...next };
}

function togglePreference(preferences: readonly string[], candidate: string): string[] {
  return preferences.includes(candidate) ? preferences.filter((p) => p !== candidate) : [...preferences, candidate];
}

function markMunicipal(contest: MunicipalContest, current: Selection | undefined, target: Mark): Moved<MunicipalSelection> {
  const s = current && 'mayor' in current ? current : EMPTY_MUNICIPAL;
  const mayorOf = (list: string) => contest.mayors.find((m) => m.lists.includes(list))!;
  const listName = (id: string) => contest.lists.find((l) => l.id === id)!.name;
  const split = !contest.rules.splitVote;
  if ('mayor' in target) {
    if (s.mayor === target.mayor) return { selection: { ...s, mayor: null }, notice: null };
    const voted = preferenceList(contest, s);
    if (split && voted && mayorOf(voted).id !== target.mayor) {
      return { selection: { mayor: target.mayor, list: null, preferences: [] }, notice: { key: 'moved.split', removed: s.list ? listName(s.list) : s.preferences.map((p) => personOf(contest, p)).join(', ') } };
    }
    return { selection: { ...s, mayor: target.mayor }, notice: null };
  }
  if ('list' in target) {
    if (s.list === target.list) return { selection: { ...s, list: null, preferences: [] }, notice: s.preferences.length ? { key: 'moved.outside', removed: listName(target.list) } : null };
    const others = s.preferences.filter((p) => listOfCandidate(contest, p) !== target.list);
    const outside: Notice | null = others.length ? { key: 'moved.outside', removed: others.map((p) => personOf(contest, p)).join(', ') } : null;
    const kept = s.preferences.filter((p) => !others.includes(p));
    if (split && s.mayor && mayorOf(target.list).id !== s.mayor) {
      return { selection: { mayor: null, list: target.list, preferences: kept }, notice: { key: 'moved.split', removed: person(contest.mayors.find((m) => m.id === s.mayor)!) } };
    }
    return { selection: { ...s, list: target.list, preferences: kept }, notice: outside };
  }
  if ('preference' in target) {
    const { list, candidate } = target.preference;
    const voted = preferenceList(contest, s);
    if (voted && voted !== list) return 'outside-list';
    if (split && s.mayor && mayorOf(list).id !== s.mayor) return 'split-vote-not-allowed';
    return { selection: { ...s, preferences: togglePreference(s.preferences, candidate) }, notice: null };
  }
  return null;
}

function markParty(contest: PartyListContest, current: Selection | undefined, target: Mark): Moved<PartyListSelection> {
  const s = current && 'candidate' in current ? current : EMPTY_PARTY;
  const listName = (id: string) => contest.lists.find((l) => l.id === id)!.name;
  const people = contest.type === 'european' ? [] : contest.candidates;
  const linked = (candidate: string, list: string) => people.find((p) => p.id === candidate)?.lists.includes(list) ?? false;
  if ('candidate' in target) {
    if (s.candidate === target.candidate) return { selection: { ...s, candidate: null }, notice: null };
    if (s.list && !linked(target.candidate, s.list)) return { selection: { list: null, candidate: target.candidate, preferences: [] }, notice: { key: 'moved.linked', removed: listName(s.list) } };
    return { selection: { ...s, candidate: target.candidate }, notice: null };
  }
  if ('list' in target) {
    if (s.list === target.list) return { selection: { ...s, list: null, preferences: [] }, notice: s.preferences.length ? { key: 'moved.outside', removed: listName(target.list) } : null };
    const others = s.preferences.filter((p) => listOfCandidate(contest, p) !== target.list);
    const kept = s.preferences.filter((p) => !others.includes(p));
    if (s.candidate && !linked(s.candidate, target.list)) {
      return { selection: { list: target.list, candidate: null, preferences: kept }, notice: { key: 'moved.linked', removed: person(people.find((p) => p.id === s.candidate)!) } };
    }
    return { selection: { ...s, list: target.list, preferences: kept }, notice: others.length ? { key: 'moved.outside', removed: others.map((p) => personOf(contest, p)).join(', ') } : null };
  }
  if ('preference' in target) {
    const { list, candidate } = target.preference;
    const voted = preferenceList(contest, s);
    if (voted && voted !== list) return 'outside-list';
    return { selection: { ...s, preferences: togglePreference(s.preferences, candidate) }, notice: null };
  }
  return null;
}

export function personOf(contest: MunicipalContest | PartyListContest, candidate: string): string {
  for (const l of contest.lists) for (const c of l.candidates) if (c.id === candidate) return person(c);
  return candidate;
}

/**
 * Why the preference lines of `list` cannot be written now: the vote already goes to another list (a
 * preference goes only to a candidate of the list voted), by its symbol or preferences, or by a mayor
 * marked where a list gets its mayor's votes. The voter is told which, and to vote the list first; the
 * vote is never moved by a line touched. Null when the lines can be written.
 */
export function preferencesElsewhere(contest: Contest, selection: Selection | undefined, list: string): { readonly voted: string; readonly list: string; readonly mayor?: string } | null {
  const voted = counted(contest, selection).list;
  if (contest.type === 'referendum' || !voted || voted === list || !selection || !('list' in selection)) return null;
  const names = { voted: contest.lists.find((l) => l.id === voted)!.name, list: contest.lists.find((l) => l.id === list)!.name };
  const mayor = contest.type === 'municipal' && 'mayor' in selection && selection.list === null && selection.preferences.length === 0 ? contest.mayors.find((m) => m.id === selection.mayor) : undefined;
  return mayor ? { ...names, mayor: person(mayor) } : names;
}

/** What the ballot counts for, as the count will read it: the ids to show as counted on the scheda. */
export function counted(contest: Contest, selection: Selection | undefined): { mayor: string | null; list: string | null; candidate: string | null; preferences: readonly string[] } {
  const none = { mayor: null, list: null, candidate: null, preferences: [] };
  if (!selection || 'blank' in selection || 'answer' in selection) return none;
  const a = attribute(contest, selection);
  if (a.outcome !== 'valid' || 'answer' in a) return none;
  return { mayor: 'mayor' in a ? a.mayor : null, list: a.list, candidate: 'candidate' in a ? a.candidate : null, preferences: a.preferences };
}
