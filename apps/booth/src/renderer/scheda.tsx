// Each ballot drawn as its paper scheda (docs/election-rules.md "How each ballot looks on paper"): the rectangles in
// the order drawn, the lists' symbols large, the preference lines beside them. A touch marks a name or a
// symbol as a pencil would; what the marks count for is shown where it counts ("il voto vale anche qui").
import { referendumQuestion, type Contest, type ListEntry, type MunicipalContest, type PartyListContest, type ReferendumContest, type Selection } from '@seggio/ballot-core';
import { sayOf } from './choices.js';
import { upperFirst, type Language, type Translate } from './i18n.js';
import { counted, type Mark } from './marks.js';
import { Paged } from './paged.js';

export interface SchedaProps<C extends Contest> {
  readonly contest: C;
  readonly selection: Selection | undefined;
  readonly onMark: (mark: Mark) => void;
  readonly openPreferences: (list: string) => void;
  /** The list whose lines the voter comes back from: its page shown, its first line focused. */
  readonly from?: string;
  readonly t: Translate;
}

const person = (p: { surname: string; name: string }) => `${p.surname} ${p.name}`;

/** A pencil cross over what was marked, as on paper. */
export function Pencil() {
  return (
    <svg className="pencil" viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true">
      <path d="M12 14 Q50 52 88 86 M86 12 Q52 46 14 88" />
    </svg>
  );
}

/**
 * A place on the scheda that takes a mark: a name, a symbol, SÌ or NO. A list draws its own cross, over
 * its symbol only, so that the list's name stays readable beneath it (`ownPencil`).
 */
function Target(props: { marked: boolean; counted?: boolean; ownPencil?: boolean; onPress: () => void; say: string; className: string; t: Translate; children: React.ReactNode }) {
  const { marked, t } = props;
  const counts = !marked && props.counted;
  return (
    <button type="button" className={`target ${props.className}${marked ? ' marked' : ''}${counts ? ' counted' : ''}`} aria-pressed={marked} data-say={props.say} data-counted={counts ? t('counts.badge') : undefined} onClick={props.onPress}>
      {props.children}
      {counts && (
        <span className="badge" aria-hidden="true">
          ✓ {t('counts.badge')}
        </span>
      )}
      {marked && !props.ownPencil && <Pencil />}
    </button>
  );
}

function Symbol({ list }: { list: ListEntry }) {
  // Symbols are raster images from the signed package (R26), shown as images, never as markup.
  return list.symbol ? <img className="symbol" src={list.symbol} alt="" /> : <span className="symbol placeholder" aria-hidden="true" />;
}

/** The lines beside a symbol where preferences are written; touching one opens the list's candidates. */
function PreferenceLines({ list, max, written, open, back, t }: { list: ListEntry; max: number; written: readonly string[]; open: () => void; back: boolean; t: Translate }) {
  if (max === 0) return null;
  const names = written.map((id) => list.candidates.find((c) => c.id === id)).filter((c) => c !== undefined);
  return (
    <div className="lines">
      {Array.from({ length: max }, (_, i) => {
        const name = names[i] ? person(names[i]) : null;
        return (
          <button key={i} type="button" className="line" onClick={open} data-autofocus={back && i === 0 ? true : undefined} aria-label={`${t('pref.line', { i: i + 1, n: max, list: list.name })}: ${name ?? t('pref.empty')}`}>
            <span className="written">{name ?? ' '}</span>
          </button>
        );
      })}
    </div>
  );
}

export interface ReferendumProps {
  readonly contest: ReferendumContest;
  readonly selection: Selection | undefined;
  readonly onMark: (answer: 'YES' | 'NO') => void;
  readonly t: Translate;
  /** The voter's language: the question in it where the package gives it, in Italian otherwise. */
  readonly language: Language;
}

export function ReferendumScheda({ contest, selection, onMark, t, language }: ReferendumProps) {
  const answer = selection && 'answer' in selection ? selection.answer : null;
  const question = referendumQuestion(contest, language);
  return (
    <div className="scheda referendum">
      <p className="question" lang={question.language}>
        {question.text}
      </p>
      <div className="answers">
        {(['YES', 'NO'] as const).map((a) => (
          <Target key={a} className="answer" marked={answer === a} onPress={() => onMark(a)} say={sayOf(contest, `answer:${a}`, t)} t={t}>
            <span className="box">{a === 'YES' ? t('ref.yes') : t('ref.no')}</span>
          </Target>
        ))}
      </div>
    </div>
  );
}

function ListMark(props: { contest: MunicipalContest | PartyListContest; list: ListEntry; selection: Selection | undefined; onMark: (m: Mark) => void; t: Translate }) {
  const { contest, list, selection, t } = props;
  const marked = selection !== undefined && 'list' in selection && selection.list === list.id;
  return (
    <Target className="list" marked={marked} ownPencil counted={counted(contest, selection).list === list.id} onPress={() => props.onMark({ list: list.id })} say={sayOf(contest, `list:${list.id}`, t)} t={t}>
      <span className="symbol-mark">
        <Symbol list={list} />
        {marked && <Pencil />}
      </span>
      <span className="name">{list.name}</span>
    </Target>
  );
}

export function MunicipalScheda({ contest, selection, onMark, openPreferences, from, t }: SchedaProps<MunicipalContest>) {
  const s = selection && 'mayor' in selection ? selection : null;
  const count = counted(contest, selection);
  const max = contest.rules.maxPreferences;
  const rectangles = contest.mayors.map((m) => (
    <div key={m.id} className={`rett${m.lists.length > 1 ? ' coalition' : ''}`} role="group" aria-label={person(m)}>
      <Target className="person" marked={s?.mayor === m.id} counted={count.mayor === m.id} onPress={() => onMark({ mayor: m.id })} say={sayOf(contest, `mayor:${m.id}`, t)} t={t}>
        <span className="name">{person(m)}</span>
      </Target>
      <div className="lists">
        {m.lists.map((id) => {
          const list = contest.lists.find((l) => l.id === id)!;
          return (
            <div key={id} className="list-row">
              <ListMark contest={contest} list={list} selection={selection} onMark={onMark} t={t} />
              <PreferenceLines list={list} max={max} written={(s?.preferences ?? []).filter((p) => list.candidates.some((c) => c.id === p))} open={() => openPreferences(id)} back={from === id} t={t} />
            </div>
          );
        })}
      </div>
    </div>
  ));
  return <Paged items={rectangles} start={Math.max(0, contest.mayors.findIndex((m) => from !== undefined && m.lists.includes(from)))} className="scheda municipal" t={t} what="candidates" />;
}

export function PartyListScheda({ contest, selection, onMark, openPreferences, from, t }: SchedaProps<PartyListContest>) {
  const s = selection && 'candidate' in selection ? selection : null;
  const count = counted(contest, selection);
  if (contest.type === 'european') {
    const max = contest.rules.maxPreferences;
    const rectangles = contest.lists.map((list) => (
      <div key={list.id} className="rett" role="group" aria-label={list.name}>
        <div className="list-row">
          <ListMark contest={contest} list={list} selection={selection} onMark={onMark} t={t} />
          <PreferenceLines list={list} max={max} written={(s?.preferences ?? []).filter((p) => list.candidates.some((c) => c.id === p))} open={() => openPreferences(list.id)} back={from === list.id} t={t} />
        </div>
      </div>
    ));
    return <Paged items={rectangles} start={Math.max(0, contest.lists.findIndex((l) => l.id === from))} className="scheda european" t={t} what="candidates" />;
  }
  const rectangles = contest.candidates.map((c) => (
    <div key={c.id} className="rett" role="group" aria-label={person(c)}>
      <Target className="person" marked={s?.candidate === c.id} counted={count.candidate === c.id} onPress={() => onMark({ candidate: c.id })} say={sayOf(contest, `candidate:${c.id}`, t)} t={t}>
        <span className="name">{person(c)}</span>
      </Target>
      <div className="lists">
        {c.lists.map((id) => {
          const list = contest.lists.find((l) => l.id === id)!;
          const names = list.candidates.map(person);
          return (
            <div key={id} className="list-row">
              <ListMark contest={contest} list={list} selection={selection} onMark={onMark} t={t} />
              <ol className="names" aria-label={`${upperFirst(t('party.listCandidates'))} ${list.name}`}>
                {names.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ol>
            </div>
          );
        })}
      </div>
    </div>
  ));
  return <Paged items={rectangles} className="scheda parliament" t={t} what="candidates" />;
}
