// One voter's session: welcome, a screen per contest in scrutiny order, review, confirm. The choices
// live here and are dropped when the session ends; "recorded" comes only from the service (R6).
import { useCallback, useReducer } from 'react';
import { attribute, type Contest, type Election, type Selection } from '@seggio/ballot-core';
import { MunicipalBallot, PartyListBallot, ReferendumBallot } from './ballots.js';
import type { Translate } from './i18n.js';
import { useKeys } from './use-keys.js';
import { InactivityNotice, useInactivity } from './inactivity.js';

export type Step = { kind: 'welcome' } | { kind: 'contest'; index: number } | { kind: 'review' } | { kind: 'confirm' } | { kind: 'sending' };

interface State {
  readonly step: Step;
  readonly selections: Readonly<Record<string, Selection>>;
}

type Action = { type: 'go'; step: Step } | { type: 'choose'; contest: string; selection: Selection };

function reducer(state: State, action: Action): State {
  switch (action.type) {
    case 'go':
      return { ...state, step: action.step };
    case 'choose':
      return { ...state, selections: { ...state.selections, [action.contest]: action.selection } };
  }
}

export interface VotingProps {
  readonly election: Election;
  readonly contests: readonly string[];
  readonly t: Translate;
  readonly settings: React.ReactNode;
  /** Casts every ballot at once; resolves when the service has answered. */
  readonly cast: (selections: Record<string, Selection>) => Promise<void>;
}

const person = (p: { surname: string; name: string }) => `${p.surname} ${p.name}`;

function describe(contest: Contest, selection: Selection | undefined, t: Translate): string[] {
  if (!selection) return ['—'];
  if ('blank' in selection) return [t('ballot.blank')];
  if ('answer' in selection) return [selection.answer === 'YES' ? t('ref.yes') : t('ref.no')];
  const lists = 'lists' in contest ? contest.lists : [];
  const listName = (id: string | null) => lists.find((l) => l.id === id)?.name;
  const candidate = (id: string) => {
    for (const l of lists) for (const c of l.candidates) if (c.id === id) return person(c);
    return id;
  };
  const lines: string[] = [];
  if ('mayor' in selection && contest.type === 'municipal') {
    const mayor = contest.mayors.find((m) => m.id === selection.mayor);
    if (mayor) lines.push(`${t('review.mayor')}: ${person(mayor)}`);
  }
  if ('candidate' in selection && selection.candidate && (contest.type === 'camera' || contest.type === 'senato')) {
    const c = contest.candidates.find((x) => x.id === selection.candidate);
    if (c) lines.push(`${t('review.candidate')}: ${person(c)}`);
  }
  if (selection.list) lines.push(`${t('review.list')}: ${listName(selection.list)}`);
  if (selection.preferences.length) lines.push(`${t('review.preferences')}: ${selection.preferences.map(candidate).join(', ')}`);
  // What the marks count for, by the same rules as the count: a list vote under 15,000 also elects its mayor.
  const counted = attribute(contest, selection);
  if (counted.outcome === 'valid' && 'mayor' in counted && contest.type === 'municipal') {
    const mayor = contest.mayors.find((m) => m.id === counted.mayor)!;
    lines.push(`${t('review.countsFor')}: ${[person(mayor), listName(counted.list)].filter(Boolean).join(', ')}`);
  }
  return lines;
}

export function Voting({ election, contests, t, settings, cast }: VotingProps) {
  const [state, dispatch] = useReducer(reducer, { step: { kind: 'welcome' }, selections: {} });
  const go = (step: Step) => dispatch({ type: 'go', step });
  const ballots = contests.map((id) => election.contests.find((c) => c.id === id)!);
  const { step, selections } = state;
  const back = useCallback(() => {
    const previous = backFrom(step, ballots.length);
    if (previous) dispatch({ type: 'go', step: previous });
  }, [step, ballots.length]);
  useKeys(back);
  const [inactivity, resume] = useInactivity();
  if (inactivity !== 'active' && step.kind !== 'sending') return <InactivityNotice state={inactivity} resume={resume} t={t} />;

  if (step.kind === 'welcome') {
    return (
      <section className="screen" aria-labelledby="title">
        <h1 id="title">{t('welcome.title')}</h1>
        <p>{t('welcome.ballots', { n: ballots.length })}</p>
        {settings}
        <button type="button" className="primary" onClick={() => go({ kind: 'contest', index: 0 })}>{t('welcome.start')}</button>
      </section>
    );
  }

  if (step.kind === 'contest') {
    const contest = ballots[step.index]!;
    const selection = selections[contest.id];
    const choose = (s: Selection) => dispatch({ type: 'choose', contest: contest.id, selection: s });
    const props = { selection, onChange: choose, t };
    const blank = selection !== undefined && 'blank' in selection;
    return (
      <section className="screen ballot" aria-labelledby="title" style={{ '--ballot-colour': contest.colour } as React.CSSProperties}>
        <p className="counter">{t('ballot.of', { i: step.index + 1, n: ballots.length })}</p>
        <h1 id="title">{contest.title}</h1>
        {contest.type === 'referendum' ? <ReferendumBallot contest={contest} {...props} /> : contest.type === 'municipal' ? <MunicipalBallot contest={contest} {...props} /> : <PartyListBallot contest={contest} {...props} />}
        <button type="button" className={`choice blank${blank ? ' chosen' : ''}`} aria-pressed={blank} onClick={() => choose({ blank: true })}>{t('ballot.blank')}</button>
        <nav className="steps">
          <button type="button" onClick={() => go(step.index === 0 ? { kind: 'welcome' } : { kind: 'contest', index: step.index - 1 })}>{t('ballot.back')}</button>
          <button type="button" className="primary" disabled={selection === undefined} onClick={() => go(step.index + 1 < ballots.length ? { kind: 'contest', index: step.index + 1 } : { kind: 'review' })}>{t('ballot.next')}</button>
        </nav>
      </section>
    );
  }

  if (step.kind === 'review') {
    return (
      <section className="screen" aria-labelledby="title">
        <h1 id="title">{t('review.title')}</h1>
        <ul className="review">
          {ballots.map((c, index) => (
            <li key={c.id} style={{ '--ballot-colour': c.colour } as React.CSSProperties}>
              <h2>{c.title}</h2>
              {describe(c, selections[c.id], t).map((line) => <p key={line}>{line}</p>)}
              <button type="button" onClick={() => go({ kind: 'contest', index })}>{t('review.change')}</button>
            </li>
          ))}
        </ul>
        <button type="button" className="primary" onClick={() => go({ kind: 'confirm' })}>{t('review.confirm')}</button>
      </section>
    );
  }

  return (
    <section className="screen" aria-labelledby="title">
      <h1 id="title">{t('confirm.title')}</h1>
      <p>{t('confirm.text')}</p>
      {step.kind === 'sending' ? (
        <p role="status">{t('confirm.sending')}</p>
      ) : (
        <nav className="steps">
          <button type="button" onClick={() => go({ kind: 'review' })}>{t('confirm.no')}</button>
          <button
            type="button"
            className="primary"
            onClick={() => {
              go({ kind: 'sending' });
              void cast({ ...selections });
            }}
          >
            {t('confirm.yes')}
          </button>
        </nav>
      )}
    </section>
  );
}

/** Where Escape leads from each step. */
function backFrom(step: Step, count: number): Step | null {
  switch (step.kind) {
    case 'contest':
      return step.index === 0 ? { kind: 'welcome' } : { kind: 'contest', index: step.index - 1 };
    case 'review':
      return { kind: 'contest', index: count - 1 };
    case 'confirm':
      return { kind: 'review' };
    default:
      return null;
  }
}
