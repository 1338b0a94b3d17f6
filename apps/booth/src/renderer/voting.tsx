// One voter's session: welcome, a scheda per contest in scrutiny order (with its preference lines),
// review, confirm. The choices live here and are dropped when the session ends; "recorded" comes only
// from the service (R6). Each screen carries what the voice says on arriving at it (data-intro).
import { useCallback, useReducer } from 'react';
import { referendumQuestion, validate, type Contest, type Election, type Selection } from '@seggio/ballot-core';
import { choicesOf } from './choices.js';
import { listOf, refusalText, titleFor, type Language, type Translate } from './i18n.js';
import { InactivityNotice, useInactivity } from './inactivity.js';
import { mark, preferencesElsewhere, type Mark } from './marks.js';
import { Paged } from './paged.js';
import { mayWrite, Preferences, writtenText } from './preferences.js';
import { countsFor, readBack, rulesText } from './readback.js';
import { MunicipalScheda, PartyListScheda, ReferendumScheda } from './scheda.js';
import { useKeys } from './use-keys.js';

export type Step = { kind: 'welcome' } | { kind: 'contest'; index: number; from?: string } | { kind: 'preferences'; index: number; list: string } | { kind: 'review' } | { kind: 'confirm' } | { kind: 'sending' };

interface State {
  readonly step: Step;
  readonly selections: Readonly<Record<string, Selection>>;
  /** What the last mark took off, or why it was refused: shown and said until the next mark or screen. */
  readonly message: string | null;
}

type Action = { type: 'go'; step: Step } | { type: 'choose'; contest: string; selection: Selection; message: string | null } | { type: 'say'; message: string };

function reducer(state: State, action: Action): State {
  switch (action.type) {
    case 'go':
      return { ...state, step: action.step, message: null };
    case 'choose':
      return { ...state, selections: { ...state.selections, [action.contest]: action.selection }, message: action.message };
    case 'say':
      return { ...state, message: action.message };
  }
}

export interface VotingProps {
  readonly election: Election;
  readonly contests: readonly string[];
  readonly t: Translate;
  /** The voter's language: each contest's title and question in it where the package gives them (titleFor). */
  readonly language: Language;
  readonly settings: React.ReactNode;
  /** The booth's service is away: nothing can be cast, and the voter's time is not counted. */
  readonly serviceLost: boolean;
  /** Casts every ballot at once; resolves when the service has answered. */
  readonly cast: (selections: Record<string, Selection>) => Promise<void>;
}

/** Whether a selection may be cast: a mark the rules take, or an explicit blank. */
const castable = (contest: Contest, selection: Selection | undefined) => selection !== undefined && validate(contest, selection).ok;

export function Voting({ election, contests, t, language, settings, serviceLost, cast }: VotingProps) {
  const [state, dispatch] = useReducer(reducer, { step: { kind: 'welcome' }, selections: {}, message: null });
  const go = (step: Step) => dispatch({ type: 'go', step });
  const ballots = contests.map((id) => election.contests.find((c) => c.id === id)!);
  const { step, selections, message } = state;
  const back = useCallback(() => {
    const previous = backFrom(step, ballots.length);
    if (previous) dispatch({ type: 'go', step: previous });
  }, [step, ballots.length]);
  useKeys(back);
  const [inactivity, resume] = useInactivity(serviceLost);
  if (inactivity !== 'active' && step.kind !== 'sending') return <InactivityNotice state={inactivity} resume={resume} t={t} />;
  const training = election.training ? `${t('training')}. ` : '';

  if (step.kind === 'welcome') {
    const intro = `${training}${t('welcome.title')}. ${t('welcome.where')} ${t('welcome.ballots', { n: ballots.length })}. ${t('speech.help')} ${t('speech.start')}`;
    return (
      <section className="screen welcome" aria-labelledby="title" data-intro={intro}>
        <h1 id="title">{t('welcome.title')}</h1>
        <p>{t('welcome.ballots', { n: ballots.length })}</p>
        {settings}
        <button type="button" className="primary start" data-autofocus onClick={() => go({ kind: 'contest', index: 0 })}>
          {t('welcome.start')}
        </button>
      </section>
    );
  }

  if (step.kind === 'contest' || step.kind === 'preferences') {
    const contest = ballots[step.index]!;
    const selection = selections[contest.id];
    const onMark = (target: Mark) => {
      const marked = mark(contest, selection, target);
      if (!marked.ok) return dispatch({ type: 'say', message: refusalText(t, marked.code) });
      dispatch({ type: 'choose', contest: contest.id, selection: marked.selection, message: marked.notice ? t(marked.notice.key, { removed: marked.notice.removed }) : null });
    };
    const counter = t('ballot.of', { i: step.index + 1, n: ballots.length });
    const counts = countsFor(contest, selection, t);
    const colour = { '--ballot-colour': contest.colour } as React.CSSProperties;
    if (step.kind === 'preferences' && contest.type !== 'referendum') {
      const list = contest.lists.find((l) => l.id === step.list)!;
      const title = t('pref.title', { list: list.name });
      const rules = mayWrite(contest, t);
      // On arriving: how many preferences may be written, and how many are (the status line says it after each mark).
      return (
        <section key={`${contest.id}/${list.id}`} className="screen ballot" aria-labelledby="title" style={colour} data-intro={`${counter}. ${title}. ${rules} ${writtenText(contest, list, selection, t)} ${t('speech.hint')}`}>
          <header className="ballot-head">
            <p className="counter">{counter}</p>
            <h1 id="title">{title}</h1>
            <p className="rules">{rules}</p>
          </header>
          <Preferences contest={contest} list={list} selection={selection} onMark={onMark} t={t} />
          <p className="notice" role="alert">{message}</p>
          <nav className="steps">
            <button type="button" className="primary" onClick={() => go({ kind: 'contest', index: step.index, from: step.list })}>
              {t('pref.done')}
            </button>
          </nav>
        </section>
      );
    }
    const blank = selection !== undefined && 'blank' in selection;
    // A list's lines open only where its preferences can be written: else the voter is told why.
    const openPreferences = (list: string) => {
      const elsewhere = preferencesElsewhere(contest, selection, list);
      if (!elsewhere) return go({ kind: 'preferences', index: step.index, list });
      dispatch({ type: 'say', message: t(elsewhere.mayor ? 'pref.otherListMayor' : 'pref.otherList', elsewhere) });
    };
    // Back from a list's lines, the scheda opens where that list is, with its first line focused.
    const from = step.kind === 'contest' ? step.from : undefined;
    const props = { selection, t, onMark, openPreferences, ...(from ? { from } : {}) };
    const choices = choicesOf(contest).length;
    const rules = rulesText(contest, t);
    const question = contest.type === 'referendum' ? `${referendumQuestion(contest, language).text} ` : '';
    const { title, kind } = titleFor(contest, language, t);
    // The controls below the scheda, named in the order the arrows reach them.
    const controls = listOf([t('ballot.back'), t('ballot.blank'), t('ballot.next')], language);
    const next = () => {
      if (!castable(contest, selection)) return dispatch({ type: 'say', message: t('refusal.empty') });
      go(step.index + 1 < ballots.length ? { kind: 'contest', index: step.index + 1 } : { kind: 'review' });
    };
    const heading = `${counter}. ${kind ? `${kind}: ` : ''}${title.text}.`;
    // Back from a list's lines the rules were heard already: the scheda is named, with what the marks
    // now count for, and then the line the focus is on.
    const intro = from ? [heading, counts].filter(Boolean).join(' ') : `${heading} ${question}${rules} ${t('rules.choices', { n: choices })} ${t('rules.blank', { controls })} ${t('speech.hint')}`;
    return (
      // Each scheda and each list's lines are a screen of their own (the key): another ballot with as
      // many rectangles starts on its first page, measured afresh, never on the page the last one was left at.
      <section key={contest.id} className="screen ballot" aria-labelledby="title" style={colour} data-intro={intro}>
        <header className="ballot-head">
          <p className="counter">{counter}</p>
          {kind && <p className="kind">{kind}</p>}
          <h1 id="title" lang={title.language}>
            {title.text}
          </h1>
          {contest.type !== 'referendum' && <p className="rules">{rules}</p>}
        </header>
        {contest.type === 'referendum' ? (
          <ReferendumScheda contest={contest} selection={selection} onMark={(answer) => dispatch({ type: 'choose', contest: contest.id, selection: { answer }, message: null })} t={t} language={language} />
        ) : contest.type === 'municipal' ? (
          <MunicipalScheda contest={contest} {...props} />
        ) : (
          <PartyListScheda contest={contest} {...props} />
        )}
        <p className="notice" role="alert">{message}</p>
        <p className="counts" role="status">{blank ? t('review.blank') : counts}</p>
        <nav className="steps">
          <button type="button" onClick={back}>
            {t('ballot.back')}
          </button>
          <button type="button" className={`blank${blank ? ' marked' : ''}`} aria-pressed={blank} onClick={() => dispatch({ type: 'choose', contest: contest.id, selection: { blank: true }, message: null })}>
            {t('ballot.blank')}
          </button>
          <button type="button" className="primary" onClick={next}>
            {t('ballot.next')}
          </button>
        </nav>
      </section>
    );
  }

  if (step.kind === 'review') {
    const lines = ballots.map((c) => readBack(c, selections[c.id], t));
    // Each ballot named as its scheda is headed, in the voter's language where the package gives it, with its collegio.
    const titles = ballots.map((c) => titleFor(c, language, t));
    const named = (index: number) => {
      const { title, kind } = titles[index]!;
      return kind ? `${kind}: ${title.text}` : title.text;
    };
    const intro = `${t('review.title')}. ${t('review.intro')} ${ballots.map((c, i) => `${t('ballot.of', { i: i + 1, n: ballots.length })}, ${named(i)}: ${lines[i]!.join(' ')}`).join(' ')} ${t('speech.hint')}`;
    const items = ballots.map((c, index) => (
      <div key={c.id} className="review-item" style={{ '--ballot-colour': c.colour } as React.CSSProperties}>
        {titles[index]!.kind && <p className="kind">{titles[index]!.kind}</p>}
        <h2 lang={titles[index]!.title.language}>{titles[index]!.title.text}</h2>
        {lines[index]!.map((line) => (
          <p key={line}>{line}</p>
        ))}
        <button type="button" onClick={() => go({ kind: 'contest', index })} data-say={t('review.changeWhich', { i: index + 1, title: named(index) })}>
          {t('review.change')}
        </button>
      </div>
    ));
    return (
      <section className="screen" aria-labelledby="title" data-intro={intro}>
        <h1 id="title">{t('review.title')}</h1>
        <p>{t('review.intro')}</p>
        <Paged items={items} className="review" t={t} what="ballots" />
        <nav className="steps">
          <button type="button" onClick={back}>
            {t('ballot.back')}
          </button>
          <button type="button" className="primary" onClick={() => go({ kind: 'confirm' })}>
            {t('review.confirm')}
          </button>
        </nav>
      </section>
    );
  }

  return (
    <section className="screen confirm" aria-labelledby="title" data-intro={`${t('confirm.title')} ${t('confirm.text')} ${t('speech.hint')}`}>
      <h1 id="title">{t('confirm.title')}</h1>
      <p>{t('confirm.text')}</p>
      {step.kind === 'sending' ? (
        <p role="status">{t('confirm.sending')}</p>
      ) : (
        <nav className="steps">
          <button type="button" onClick={() => go({ kind: 'review' })}>
            {t('confirm.no')}
          </button>
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
    case 'preferences':
      return { kind: 'contest', index: step.index, from: step.list };
    case 'review':
      return { kind: 'contest', index: count - 1 };
    case 'confirm':
      return { kind: 'review' };
    default:
      return null;
  }
}
