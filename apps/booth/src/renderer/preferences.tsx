// Writing preferences: on paper a surname on the line beside the symbol; here the list's candidates in
// their order, each marked as a pencil would. The rules' limits are refused with their reason.
import type { ListEntry, MunicipalContest, PartyListContest, Selection } from '@seggio/ballot-core';
import { bySex, type Translate } from './i18n.js';
import type { Mark } from './marks.js';
import { Paged } from './paged.js';
import { Pencil } from './scheda.js';

const person = (p: { surname: string; name: string }) => `${p.surname} ${p.name}`;

export interface PreferencesProps {
  readonly contest: MunicipalContest | PartyListContest;
  readonly list: ListEntry;
  readonly selection: Selection | undefined;
  readonly onMark: (mark: Mark) => void;
  readonly t: Translate;
}

function maxPreferences(contest: MunicipalContest | PartyListContest): number {
  return contest.type === 'municipal' || contest.type === 'european' ? contest.rules.maxPreferences : 0;
}

/** What may be written on a list's lines, as the voter is told on arriving: how many, and the rule of sex. */
export function mayWrite(contest: MunicipalContest | PartyListContest, t: Translate): string {
  const max = maxPreferences(contest);
  if (max === 1) return t('pref.may1');
  if (contest.type === 'municipal' && contest.rules.preferencesDifferentSex) return t('pref.mayDifferent', { max });
  if (contest.type === 'european' && contest.rules.preferencesMixedSex) return t('pref.mayMixed', { max });
  return t('pref.may', { max });
}

/** How many preferences are written, of how many: on this list's lines only. */
export function writtenText(contest: MunicipalContest | PartyListContest, list: ListEntry, selection: Selection | undefined, t: Translate): string {
  const given = selection && 'preferences' in selection ? selection.preferences : [];
  return t('pref.given', { given: given.filter((p) => list.candidates.some((c) => c.id === p)).length, max: maxPreferences(contest) });
}

export function Preferences({ contest, list, selection, onMark, t }: PreferencesProps) {
  const given = selection && 'preferences' in selection ? selection.preferences : [];
  const items = list.candidates.map((c, i) => {
    const marked = given.includes(c.id);
    return (
      <button key={c.id} type="button" className={`target candidate${marked ? ' marked' : ''}`} aria-pressed={marked} data-say={t(bySex('pref.candidate', c.sex), { i: i + 1, n: list.candidates.length })} onClick={() => onMark({ preference: { list: list.id, candidate: c.id } })}>
        <span className="number" aria-hidden="true">
          {i + 1}.
        </span>
        <span className="name">{person(c)}</span>
        {marked && <Pencil />}
      </button>
    );
  });
  return (
    <div className="preferences">
      <p className="given" role="status">
        {writtenText(contest, list, selection, t)}
      </p>
      <Paged items={items} className="candidates" t={t} what="candidates" />
    </div>
  );
}
