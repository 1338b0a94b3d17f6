// One screen per kind of ballot. A choice the rules would void is prevented here, with the reason
// shown (DOMAIN.md): every change is checked with ballot-core's own `validate` before it is taken.
import { useState } from 'react';
import { validate, type Contest, type ListEntry, type MunicipalContest, type MunicipalSelection, type PartyListContest, type PartyListSelection, type Selection } from '@seggio/ballot-core';
import { refusalText, type Translate } from './i18n.js';

interface BallotProps<C extends Contest> {
  readonly contest: C;
  readonly selection: Selection | undefined;
  readonly onChange: (selection: Selection) => void;
  readonly t: Translate;
}

const person = (p: { surname: string; name: string }) => `${p.surname} ${p.name}`;

function Choice(props: { pressed: boolean; onPress: () => void; children: React.ReactNode; big?: boolean; label?: string }) {
  return (
    <button type="button" className={`choice${props.big ? ' big' : ''}${props.pressed ? ' chosen' : ''}`} aria-pressed={props.pressed} onClick={props.onPress} aria-label={props.label}>
      {props.children}
    </button>
  );
}

function Symbol({ list }: { list: ListEntry }) {
  // Symbols are raster images from the signed package (R26), shown as images, never as markup.
  return list.symbol ? <img className="symbol" src={list.symbol} alt="" /> : <span className="symbol placeholder" aria-hidden="true">{list.name.slice(0, 1)}</span>;
}

export function ReferendumBallot({ contest, selection, onChange, t }: BallotProps<Extract<Contest, { type: 'referendum' }>>) {
  const answer = selection && 'answer' in selection ? selection.answer : null;
  return (
    <fieldset className="ballot-body">
      <legend className="question">{contest.question}</legend>
      <div className="answers">
        <Choice big pressed={answer === 'YES'} onPress={() => onChange({ answer: 'YES' })}>{t('ref.yes')}</Choice>
        <Choice big pressed={answer === 'NO'} onPress={() => onChange({ answer: 'NO' })}>{t('ref.no')}</Choice>
      </div>
    </fieldset>
  );
}

/** Applies a change only if the booth may cast the result; otherwise says why. */
function useChecked<S extends Selection>(contest: Contest, onChange: (s: Selection) => void, t: Translate) {
  const [refusal, setRefusal] = useState<string | null>(null);
  const propose = (next: S) => {
    const empty = Object.values(next).every((v) => v === null || (Array.isArray(v) && v.length === 0));
    const result = validate(contest, next);
    const code = result.ok ? null : result.error[0]!.code;
    if (code && !(empty && code === 'empty')) {
      setRefusal(refusalText(t, code));
      return;
    }
    setRefusal(null);
    onChange(next);
  };
  return { refusal, propose };
}

export function MunicipalBallot({ contest, selection, onChange, t }: BallotProps<MunicipalContest>) {
  const current: MunicipalSelection = selection && 'preferences' in selection && 'mayor' in selection ? selection : { mayor: null, list: null, preferences: [] };
  const { refusal, propose } = useChecked<MunicipalSelection>(contest, onChange, t);
  const mayorOf = (listId: string) => contest.mayors.find((m) => m.lists.includes(listId));
  const shownList = current.list ?? (current.mayor && !contest.rules.splitVote ? contest.mayors.find((m) => m.id === current.mayor)!.lists[0]! : null);
  const list = contest.lists.find((l) => l.id === shownList);

  const chooseMayor = (id: string) => {
    if (current.mayor === id) return propose({ ...current, mayor: null });
    const keepList = current.list !== null && (contest.rules.splitVote || mayorOf(current.list)?.id === id);
    propose({ mayor: id, list: keepList ? current.list : null, preferences: keepList ? current.preferences : [] });
  };
  const chooseList = (id: string) => {
    if (current.list === id) return propose({ ...current, list: null, preferences: [] });
    const keepMayor = current.mayor !== null && (contest.rules.splitVote || mayorOf(id)?.id === current.mayor);
    propose({ mayor: keepMayor ? current.mayor : null, list: id, preferences: [] });
  };
  const togglePreference = (id: string) => {
    const preferences = current.preferences.includes(id) ? current.preferences.filter((p) => p !== id) : [...current.preferences, id];
    propose({ ...current, list: current.list ?? shownList, preferences });
  };

  return (
    <div className="ballot-body">
      <fieldset>
        <legend>{t('mun.mayors')}</legend>
        {contest.mayors.map((m) => (
          <Choice key={m.id} pressed={current.mayor === m.id} onPress={() => chooseMayor(m.id)}>
            <span className="name">{person(m)}</span>
            <span className="detail">{t('mun.listOf', { lists: m.lists.map((l) => contest.lists.find((x) => x.id === l)!.name).join(', ') })}</span>
          </Choice>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('mun.lists')}</legend>
        {contest.lists.map((l) => (
          <Choice key={l.id} pressed={current.list === l.id} onPress={() => chooseList(l.id)}>
            <Symbol list={l} />
            <span className="name">{l.name}</span>
          </Choice>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('mun.preferences', { max: contest.rules.maxPreferences })}</legend>
        {contest.rules.preferencesDifferentSex && <p className="hint">{t('mun.preferencesSex')}</p>}
        {list ? (
          list.candidates.map((c) => (
            <Choice key={c.id} pressed={current.preferences.includes(c.id)} onPress={() => togglePreference(c.id)}>
              <span className="name">{person(c)}</span>
            </Choice>
          ))
        ) : (
          <p className="hint">{t('mun.preferencesHint')}</p>
        )}
      </fieldset>
      <p className="refusal" role="alert">{refusal}</p>
    </div>
  );
}

export function PartyListBallot({ contest, selection, onChange, t }: BallotProps<PartyListContest>) {
  const current: PartyListSelection = selection && 'candidate' in selection ? selection : { list: null, candidate: null, preferences: [] };
  const { refusal, propose } = useChecked<PartyListSelection>(contest, onChange, t);
  const list = contest.lists.find((l) => l.id === current.list);
  const maxPreferences = contest.type === 'european' ? contest.rules.maxPreferences : 0;
  return (
    <div className="ballot-body">
      {contest.type !== 'european' && (
        <fieldset>
          <legend>{t('party.candidates')}</legend>
          {contest.candidates.map((c) => (
            <Choice key={c.id} pressed={current.candidate === c.id} onPress={() => propose({ list: current.list && c.lists.includes(current.list) ? current.list : null, candidate: current.candidate === c.id ? null : c.id, preferences: [] })}>
              <span className="name">{person(c)}</span>
            </Choice>
          ))}
        </fieldset>
      )}
      <fieldset>
        <legend>{t('mun.lists')}</legend>
        {contest.lists.map((l) => (
          <Choice key={l.id} pressed={current.list === l.id} onPress={() => propose({ list: current.list === l.id ? null : l.id, candidate: contest.type === 'european' ? null : contest.candidates.find((c) => c.lists.includes(l.id))?.id ?? null, preferences: [] })}>
            <Symbol list={l} />
            <span className="name">{l.name}</span>
          </Choice>
        ))}
      </fieldset>
      {maxPreferences > 0 && list && (
        <fieldset>
          <legend>{t('mun.preferences', { max: maxPreferences })}</legend>
          {list.candidates.map((c) => (
            <Choice key={c.id} pressed={current.preferences.includes(c.id)} onPress={() => propose({ ...current, preferences: current.preferences.includes(c.id) ? current.preferences.filter((p) => p !== c.id) : [...current.preferences, c.id] })}>
              <span className="name">{person(c)}</span>
            </Choice>
          ))}
        </fieldset>
      )}
      <p className="refusal" role="alert">{refusal}</p>
    </div>
  );
}
