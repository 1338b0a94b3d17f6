// The record checks said in the president's language from their figures (ballot-core gives the
// figures, and an English wording for the command line), with lists, mayors and candidates by name.
import type { Election, RecordCheck, SexCounts, TurnoutProblem } from '@seggio/ballot-core';
import type { Translate } from './i18n.js';

const COUNTED = { mayors: 'check.C4.mayors', lists: 'check.C4.lists', candidates: 'check.C4.candidates' } as const;
const SEX = { M: 'check.sex.M', F: 'check.sex.F', T: 'check.sex.T' } as const;
const eq = (a: number, b: number) => (a === b ? '=' : '≠');

/** The names the election gives its lists, mayors and candidates, by id. */
export function namesOf(election: Election | null): ReadonlyMap<string, string> {
  const names = new Map<string, string>();
  const person = (p: { id: string; surname: string; name: string }) => names.set(p.id, `${p.surname} ${p.name}`);
  for (const contest of election?.contests ?? []) {
    if (contest.type === 'referendum') continue;
    if (contest.type === 'municipal') contest.mayors.forEach(person);
    else if (contest.type !== 'european') contest.candidates.forEach(person);
    for (const list of contest.lists) {
      names.set(list.id, list.name);
      list.candidates.forEach(person);
    }
  }
  return names;
}

/** What a check compared, with its figures, in the language of `t`. */
export function checkText(t: Translate, names: ReadonlyMap<string, string>, check: RecordCheck): string {
  const name = (id: string) => names.get(id) ?? id;
  switch (check.check) {
    case 'C1': {
      const sexes = (c: SexCounts, prefix: string) => ({ [`${prefix}m`]: c.M, [`${prefix}f`]: c.F, [`${prefix}t`]: c.T, [`${prefix}eq`]: eq(c.M + c.F, c.T) });
      return t('check.C1', { ...sexes(check.figures.voters, 'v'), ...sexes(check.figures.electors, 'e') });
    }
    case 'C2': {
      const c = check.figures;
      return t('check.C2', { v: c.voters, cmp: check.ok ? '≤' : '>', e: c.electors, a: c.admitted });
    }
    case 'C3': {
      const c = check.figures;
      return t('check.C3', { yes: c.yes, no: c.no, blank: c.blank, invalid: c.invalid, contested: c.contested, total: c.total, eq: eq(c.total, c.voters), v: c.voters });
    }
    case 'C4': {
      const c = check.figures;
      return t('check.C4', { what: t(COUNTED[c.counted]), votes: c.votes, blank: c.blank, invalid: c.invalid, contested: c.contested, total: c.total, eq: eq(c.total, c.voters), v: c.voters });
    }
    case 'C5':
      if (check.figures.mismatches.length === 0) return t('check.C5.ok');
      return check.figures.mismatches.map((m) => t('check.C5.item', { list: name(m.list), lv: m.listVotes, mayor: name(m.mayor), mv: m.mayorVotes })).join('; ');
    case 'C6': {
      const c = check.figures;
      return t('check.C6', { m: c.mayors, eq: eq(c.mayors, c.lists + c.mayorOnly), l: c.lists, o: c.mayorOnly });
    }
    case 'C7':
      if (check.figures.over.length === 0) return t('check.C7.ok');
      return check.figures.over.map((o) => t('check.C7.item', { candidate: name(o.candidate), p: o.preferences, list: name(o.list), lv: o.listVotes })).join('; ');
    case 'C8':
      if (check.figures.problems.length === 0) return t('check.C8.ok', { final: check.figures.final, v: check.figures.voters });
      return check.figures.problems.map((p) => turnoutProblem(t, p)).join('; ');
    case 'E1': {
      const c = check.figures;
      return t(check.ok ? 'check.E1' : 'check.E1.fail', { b: c.ballots, s: c.sessions, v: c.voters });
    }
  }
}

function turnoutProblem(t: Translate, p: TurnoutProblem): string {
  const sex = (s: keyof SexCounts) => t(SEX[s]);
  switch (p.problem) {
    case 'unknown-checkpoint':
      return t('check.C8.unknown-checkpoint', { checkpoint: p.checkpoint });
    case 'out-of-order':
      return t('check.C8.out-of-order', { checkpoint: p.checkpoint });
    case 'fell':
      return t('check.C8.fell', { sex: sex(p.sex), from: p.from, at: p.at, to: p.to, checkpoint: p.checkpoint });
    case 'final-missing':
      return t('check.C8.final-missing', { checkpoint: p.checkpoint });
    case 'final-differs':
      return t('check.C8.final-differs', { checkpoint: p.checkpoint, sex: sex(p.sex), reported: p.reported, v: p.voters });
  }
}
