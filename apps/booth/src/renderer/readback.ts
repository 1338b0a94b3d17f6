// What a ballot says in words: its rules, the marks made, and what they count for by the same rules as
// the count (ballot-core's `attribute`). The scheda shows these lines, the review shows and reads them
// back, and the voice says them: one wording for eye and ear.
import { attribute, type Contest, type Selection } from '@seggio/ballot-core';
import type { Translate } from './i18n.js';
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
    const mayor = person(contest.mayors.find((m) => m.id === a.mayor)!);
    lines.push(a.list === null ? t('counts.mayorOnly', { mayor }) : t(a.splitVote ? 'counts.split' : 'counts.mayorAndList', { mayor, list: listName(a.list) }));
  } else if ('candidate' in a && (contest.type === 'camera' || contest.type === 'senato')) {
    const candidate = person(contest.candidates.find((c) => c.id === a.candidate)!);
    lines.push(a.list === null ? t('counts.candidateOnly', { candidate }) : t('counts.listAndCandidate', { list: listName(a.list), candidate }));
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
  if ('mayor' in selection && selection.mayor && contest.type === 'municipal') marks.push(`${t('mun.mayor')} ${person(contest.mayors.find((m) => m.id === selection.mayor)!)}`);
  if ('candidate' in selection && selection.candidate && (contest.type === 'camera' || contest.type === 'senato')) marks.push(`${t('party.candidate')} ${person(contest.candidates.find((c) => c.id === selection.candidate)!)}`);
  if (selection.list) marks.push(`${t('mun.list')} ${contest.lists.find((l) => l.id === selection.list)!.name}`);
  const counts = countsFor(contest, selection, t);
  if (!marks.length && !selection.preferences.length) return [t('review.none')];
  return [marks.length ? t('review.marks', { marks: marks.join('; ') }) : '', counts ?? ''].filter(Boolean);
}
