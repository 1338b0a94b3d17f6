// The places on a scheda that take a mark, in the order they are drawn and reached by the keypad's
// arrows (each mayor or single-member candidate, then the symbols of their lists), and what the voice
// says of each. It says how many there are and where each one stands in that same count, so a blind
// voter is never told fewer choices than the arrows reach; a woman is named "candidata".
import type { Contest } from '@seggio/ballot-core';
import { bySex, type Translate } from './i18n.js';

export type ChoiceKey = `answer:${'YES' | 'NO'}` | `mayor:${string}` | `candidate:${string}` | `list:${string}`;

const person = (p: { surname: string; name: string }) => `${p.surname} ${p.name}`;

export function choicesOf(contest: Contest): readonly ChoiceKey[] {
  switch (contest.type) {
    case 'referendum':
      return ['answer:YES', 'answer:NO'];
    case 'european':
      return contest.lists.map((l) => `list:${l.id}` as const);
    case 'municipal':
      return contest.mayors.flatMap((m) => [`mayor:${m.id}` as const, ...m.lists.map((l) => `list:${l}` as const)]);
    case 'camera':
    case 'senato':
      return contest.candidates.flatMap((c) => [`candidate:${c.id}` as const, ...c.lists.map((l) => `list:${l}` as const)]);
  }
}

/** What the voice says of a choice after its name: what it is, i of n, and what it is linked to. */
export function sayOf(contest: Contest, key: ChoiceKey, t: Translate): string {
  const all = choicesOf(contest);
  const position = t('speech.position', { i: all.indexOf(key) + 1, n: all.length });
  const [kind, id] = key.split(':') as [string, string];
  if (contest.type === 'referendum') return `${t('ref.answer')}, ${position}`;
  if (kind === 'mayor' && contest.type === 'municipal') return `${t(bySex('mun.mayor', contest.mayors.find((m) => m.id === id)!.sex))}, ${position}`;
  if (kind === 'candidate' && contest.type !== 'municipal' && contest.type !== 'european') return `${t(bySex('party.candidate', contest.candidates.find((c) => c.id === id)!.sex))}, ${position}`;
  const list = contest.lists.find((l) => l.id === id)!;
  const linked = contest.type === 'municipal' ? contest.mayors.find((m) => m.lists.includes(id)) : contest.type === 'european' ? undefined : contest.candidates.find((c) => c.lists.includes(id));
  const said = [t('mun.list'), position, linked ? t('mun.linkedTo', { name: person(linked) }) : ''].filter(Boolean).join(', ');
  // On Camera and Senato the list's candidates are printed beside its symbol: they are said with it.
  return contest.type === 'camera' || contest.type === 'senato' ? `${said}; ${t('party.listCandidates')}: ${list.candidates.map(person).join(', ')}` : said;
}
