// The record checks said in Italian, German or English from their figures, with lists, mayors and
// candidates by name: one place for the console's count screen and `seggio verify --lang` (describeCheck
// in checks.ts is the English of the logs). Each language asks for the same figures (a test).
import type { Election } from '../election/schema.js';
import type { RecordCheck, SexCounts, TurnoutProblem } from './types.js';

const it = {
  'check.C1': 'votanti U {vm} + D {vf} {veq} T {vt}; elettori U {em} + D {ef} {eeq} T {et}',
  'check.C2': 'votanti {v} {cmp} elettori {e} + ammessi al voto non iscritti nella lista {a}',
  'check.C3': 'SÌ {yes} + NO {no} + bianche {blank} + nulle {invalid} + contestate {contested} = {total} {eq} votanti {v}',
  'check.C4': '{what} {votes} + bianche {blank} + nulle {invalid} + contestate {contested} = {total} {eq} votanti {v}',
  'check.C4.mayors': 'voti ai sindaci',
  'check.C4.lists': 'voti di lista',
  'check.C4.candidates': 'voti ai candidati uninominali',
  'check.C5.ok': 'i voti di ogni lista sono uguali a quelli del suo candidato sindaco',
  'check.C5.item': 'la lista {list} ha {lv} voti, il suo candidato sindaco {mayor} {mv}',
  'check.C6': 'voti ai sindaci {m} {eq} voti di lista {l} + voti al solo sindaco {o}',
  'check.C7.ok': 'nessun candidato ha più preferenze dei voti della sua lista',
  'check.C7.item': '{candidate} ha {p} preferenze, la lista {list} {lv} voti',
  'check.C8.ok': "l'affluenza non diminuisce mai e la rilevazione finale {final} è uguale ai votanti {v}",
  'check.C8.unknown-checkpoint': "la rilevazione {checkpoint} non è tra quelle dell'elezione",
  'check.C8.out-of-order': 'la rilevazione {checkpoint} è fuori ordine',
  'check.C8.fell': '{sex}: da {from} alla rilevazione {at} scende a {to} alla {checkpoint}',
  'check.C8.final-missing': 'la rilevazione finale {checkpoint} non è stata registrata',
  'check.C8.final-differs': 'la rilevazione finale {checkpoint} riporta {sex} {reported}, i votanti registrati sono {v}',
  'check.E1': "schede nell'urna {b}, votazioni che hanno espresso questa consultazione {s}, votanti registrati {v}",
  'check.E1.fail': "schede nell'urna {b}, votazioni che hanno espresso questa consultazione {s}, votanti registrati {v}: devono essere uguali",
  'check.sex.M': 'uomini',
  'check.sex.F': 'donne',
  'check.sex.T': 'totale',
} as const;

export type CheckWordKey = keyof typeof it;

export const CHECK_WORDS: Readonly<Record<'it' | 'de' | 'en', Readonly<Record<CheckWordKey, string>>>> = {
  it,
  de: {
    'check.C1': 'Wähler M {vm} + F {vf} {veq} G {vt}; Wahlberechtigte M {em} + F {ef} {eeq} G {et}',
    'check.C2': 'Wähler {v} {cmp} Wahlberechtigte {e} + nicht im Wählerverzeichnis zugelassene Wähler {a}',
    'check.C3': 'JA {yes} + NEIN {no} + leer {blank} + ungültig {invalid} + angefochten {contested} = {total} {eq} Wähler {v}',
    'check.C4': '{what} {votes} + leer {blank} + ungültig {invalid} + angefochten {contested} = {total} {eq} Wähler {v}',
    'check.C4.mayors': 'Stimmen für die Bürgermeisterkandidaten',
    'check.C4.lists': 'Listenstimmen',
    'check.C4.candidates': 'Stimmen für die Wahlkreiskandidaten',
    'check.C5.ok': 'die Stimmen jeder Liste sind gleich denen ihres Bürgermeisterkandidaten',
    'check.C5.item': 'die Liste {list} hat {lv} Stimmen, ihr Bürgermeisterkandidat {mayor} {mv}',
    'check.C6': 'Stimmen für die Bürgermeisterkandidaten {m} {eq} Listenstimmen {l} + nur für den Bürgermeisterkandidaten {o}',
    'check.C7.ok': 'kein Kandidat hat mehr Vorzugsstimmen als seine Liste Stimmen',
    'check.C7.item': '{candidate} hat {p} Vorzugsstimmen, die Liste {list} {lv} Stimmen',
    'check.C8.ok': 'die Wahlbeteiligung sinkt nie, und die letzte Erhebung {final} ist gleich den Wählern {v}',
    'check.C8.unknown-checkpoint': 'die Erhebung {checkpoint} gehört nicht zu dieser Wahl',
    'check.C8.out-of-order': 'die Erhebung {checkpoint} ist außer der Reihe',
    'check.C8.fell': '{sex}: von {from} bei der Erhebung {at} auf {to} bei {checkpoint} gesunken',
    'check.C8.final-missing': 'die letzte Erhebung {checkpoint} wurde nicht erfasst',
    'check.C8.final-differs': 'die letzte Erhebung {checkpoint} meldet {sex} {reported}, erfasst sind {v} Wähler',
    'check.E1': 'Stimmzettel in der Urne {b}, Wahlgänge mit dieser Abstimmung {s}, erfasste Wähler {v}',
    'check.E1.fail': 'Stimmzettel in der Urne {b}, Wahlgänge mit dieser Abstimmung {s}, erfasste Wähler {v}: sie müssen gleich sein',
    'check.sex.M': 'Männer',
    'check.sex.F': 'Frauen',
    'check.sex.T': 'gesamt',
  },
  en: {
    'check.C1': 'voters M {vm} + F {vf} {veq} T {vt}; electors M {em} + F {ef} {eeq} T {et}',
    'check.C2': 'voters {v} {cmp} electors {e} + voters admitted without being on the roll {a}',
    'check.C3': 'YES {yes} + NO {no} + blank {blank} + invalid {invalid} + contested {contested} = {total} {eq} voters {v}',
    'check.C4': '{what} {votes} + blank {blank} + invalid {invalid} + contested {contested} = {total} {eq} voters {v}',
    'check.C4.mayors': 'mayor votes',
    'check.C4.lists': 'list votes',
    'check.C4.candidates': 'single-member candidate votes',
    'check.C5.ok': "each list's votes equal its mayoral candidate's",
    'check.C5.item': 'list {list} has {lv} votes, its mayoral candidate {mayor} {mv}',
    'check.C6': 'mayor votes {m} {eq} list votes {l} + for the mayor only {o}',
    'check.C7.ok': "no candidate has more preferences than the list's votes",
    'check.C7.item': '{candidate} has {p} preferences, list {list} {lv} votes',
    'check.C8.ok': 'turnout never decreases and the final checkpoint {final} equals the voters {v}',
    'check.C8.unknown-checkpoint': "checkpoint {checkpoint} is not one of the election's",
    'check.C8.out-of-order': 'checkpoint {checkpoint} is out of order',
    'check.C8.fell': '{sex}: fell from {from} at checkpoint {at} to {to} at {checkpoint}',
    'check.C8.final-missing': 'the final checkpoint {checkpoint} has not been recorded',
    'check.C8.final-differs': 'the final checkpoint {checkpoint} reports {sex} {reported}, the voters recorded are {v}',
    'check.E1': 'ballots in the box {b}, sessions that cast this contest {s}, voters recorded {v}',
    'check.E1.fail': 'ballots in the box {b}, sessions that cast this contest {s}, voters recorded {v}: they must be equal',
    'check.sex.M': 'men',
    'check.sex.F': 'women',
    'check.sex.T': 'total',
  },
};

/** A catalogue's words for the keys above, with their figures put in. */
export type SayCheck = (key: CheckWordKey, params?: Record<string, string | number>) => string;

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
export function checkText(t: SayCheck, names: ReadonlyMap<string, string>, check: RecordCheck): string {
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

function turnoutProblem(t: SayCheck, p: TurnoutProblem): string {
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
