// What a ballot says in words: its rules, the marks made, and what they count for by the same rules as
// the count (ballot-core's `attribute`). The scheda shows these lines, the review shows and reads them
// back, and the voice says them: one wording for eye and ear.
import { attribute, type Contest, type Selection } from '@seggio/ballot-core';
import { bySex, type Translate } from './i18n.js';
import { personOf } from './marks.js';

const person = (p: { surname: string; name: string }) => `${p.surname} ${p.name}`;

/** The rules that limit this ballot, as the voter is told them. */
export function rulesText(contest: Contest, t: Translate): string {
  switch (contest.type) {
    case 'referendum':
      return t('rules.referendum');
    case 'municipal':
      return [contest.rules.splitVote ? t('rules.munLarge') : t('rules.munSmall'), contest.rules.maxPreferences === 1 ? t('rules.pref1') : t('rules.pref2')].join(' ');
    case 'european':
      return [t('rules.european'), contest.rules.maxPreferences > 0 ? t('rules.europeanPrefs', { max: contest.rules.maxPreferences }) : ''].filter(Boolean).join(' ');
    case 'camera':
    case 'senato':
      return t('rules.parliament');
  }
}

/** What the marks count for, one sentence, or null when there is nothing to count yet. */
export function countsFor(contest: Contest, selection: Selection | undefined, t: Translate): string | null {
  if (!selection || 'blank' in selection || contest.type === 'referendum') return null;
  const a = attribute(contest, selection);
  if (a.outcome !== 'valid' || 'answer' in a) return null;
  const listName = (id: string | null) => ('lists' in contest ? contest.lists.find((l) => l.id === id)?.name : undefined) ?? '';
  const lines: string[] = [];
  if ('mayor' in a && contest.type === 'municipal') {
    const entry = contest.mayors.find((m) => m.id === a.mayor)!;
    const mayor = person(entry);
    lines.push(a.list === null ? t(bySex('counts.mayorOnly', entry.sex), { mayor }) : t(bySex(a.splitVote ? 'counts.split' : 'counts.mayorAndList', entry.sex), { mayor, list: listName(a.list) }));
  } else if ('candidate' in a && (contest.type === 'camera' || contest.type === 'senato')) {
    const entry = contest.candidates.find((c) => c.id === a.candidate)!;
    const candidate = person(entry);
    lines.push(a.list === null ? t(bySex('counts.candidateOnly', entry.sex), { candidate }) : t(bySex('counts.listAndCandidate', entry.sex), { list: listName(a.list), candidate }));
  } else if (a.list) {
    lines.push(t('counts.list', { list: listName(a.list) }));
  }
  if (a.preferences.length) lines.push(t('counts.preferences', { names: a.preferences.map((p) => personOf(contest, p)).join(', ') }));
  return lines.join(' ');
}

/** The review's lines for one contest: what was marked, then what it counts for. */
export function readBack(contest: Contest, selection: Selection | undefined, t: Translate): string[] {
  if (!selection) return [t('review.none')];
  if ('blank' in selection) return [t('review.blank')];
  if ('answer' in selection) return [t('review.answer', { answer: selection.answer === 'YES' ? t('ref.yes') : t('ref.no') })];
  if (contest.type === 'referendum') return [t('review.none')];
  const marks: string[] = [];
  const named = (key: 'mun.mayor' | 'party.candidate', p: { surname: string; name: string; sex: 'M' | 'F' }) => `${t(bySex(key, p.sex))} ${person(p)}`;
  if ('mayor' in selection && selection.mayor && contest.type === 'municipal') marks.push(named('mun.mayor', contest.mayors.find((m) => m.id === selection.mayor)!));
  if ('candidate' in selection && selection.candidate && (contest.type === 'camera' || contest.type === 'senato')) marks.push(named('party.candidate', contest.candidates.find((c) => c.id === selection.candidate)!));
  if (selection.list) marks.push(`${t('mun.list')} ${contest.lists.find((l) => l.id === selection.list)!.name}`);
  const counts = countsFor(contest, selection, t);
  if (!marks.length && !selection.preferences.length) return [t('review.none')];
  return [marks.length ? t('review.marks', { marks: marks.join('; ') }) : '', counts ?? ''].filter(Boolean);
}
