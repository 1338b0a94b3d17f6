// Voting (docs/design.md §2 step 3): a tile per booth, enabling a booth for one voter, cancelling, the
// turnout and its checkpoints, the event log; then the close.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { CATEGORIES, contestsFor, type Category, type Sex } from '@seggio/ballot-core';
import type { RollVoter } from '../shared/api.js';
import type { ConsoleButton } from '../shared/bridge.js';
import type { Refusal } from '../shared/refusals.js';
import { bridge } from './bridge.js';
import { knownKey } from './i18n.js';
import { contestTitle, Done, Problems, timeOf, useConsole, type Said } from './ui.js';

export function Voting() {
  const { t } = useConsole();
  return (
    <div className="voting">
      {/* The phase is in the header already: the heading is for screen readers, the room is the form's. */}
      <h1 className="wide visually-hidden">{t('phase.voting')}</h1>
      <section aria-labelledby="booths-title" className="panel">
        <h2 id="booths-title">{t('booths.title')}</h2>
        <BoothTiles />
      </section>
      <section aria-labelledby="enable-title" className="panel">
        <h2 id="enable-title">{t('enable.title')}</h2>
        <EnableForm />
      </section>
      <section aria-labelledby="turnout-title" className="panel">
        <h2 id="turnout-title">{t('turnout.title')}</h2>
        <Turnout />
      </section>
      <section aria-labelledby="close-title" className="panel">
        <h2 id="close-title">{t('close.title')}</h2>
        <CloseVoting />
      </section>
      <section aria-labelledby="log-title" className="panel">
        <h2 id="log-title">{t('log.title')}</h2>
        <EventLog />
      </section>
    </div>
  );
}

function BoothTiles() {
  const { t, view } = useConsole();
  const [asking, setAsking] = useState<string | null>(null);
  const [problem, setProblem] = useState<Refusal | null>(null);
  const cancel = async (session: string) => {
    const result = await bridge.call('cancelSession', { session });
    setAsking(null);
    setProblem(result.ok ? null : result.error);
  };
  return (
    <>
      <Problems title={t('app.reason')} items={problem ? [problem] : null} />
      <ul className="tiles">
        {view.booths.map((b) => {
          const state = knownKey(`booth.state.${b.state}`);
          return (
            <li key={b.id} className={`tile state-${b.state}${b.connected ? '' : ' offline'}`} data-booth={b.id}>
              <h3>{t('booth.name', { id: b.id })}</h3>
              <p className="tile-state">{state ? t(state) : b.state}</p>
              <p>{b.connected ? t('booth.connected') : t('booth.disconnected')}</p>
              {b.keypad && <p className={b.keypad === 'connected' ? undefined : 'tile-warning'}>{t(`booth.keypad.${b.keypad}`)}</p>}
              {b.voice !== null && <p className={b.voice ? undefined : 'tile-warning'}>{t(b.voice ? 'booth.voice.yes' : 'booth.voice.no')}</p>}
              {b.sealed && <p>{t('booth.sealed')}</p>}
              {b.session && <p className="tile-session">{t('booth.enabled')}</p>}
              {b.calling && (
                <p className="tile-calling" role="alert">
                  {t('booth.calling', { id: b.id })}
                </p>
              )}
              {b.session && asking !== b.session && (
                <button type="button" onClick={() => setAsking(b.session)}>
                  {t('booth.cancel', { id: b.id })}
                </button>
              )}
              {b.session && asking === b.session && (
                <div role="group" aria-label={t('booth.cancelSure', { id: b.id })}>
                  <p>{t('booth.cancelSure', { id: b.id })}</p>
                  <button type="button" className="danger" onClick={() => void cancel(b.session!)}>
                    {t('booth.cancelYes')}
                  </button>
                  <button type="button" onClick={() => setAsking(null)}>
                    {t('booth.cancelNo')}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}

function EnableForm() {
  const { t, view, election } = useConsole();
  const categories = election ? CATEGORIES.filter((c) => contestsFor(election, c).length > 0) : [];
  const free = view.booths.filter((b) => b.state === 'idle' && !b.session && b.connected);
  const [booth, setBooth] = useState('');
  const [category, setCategory] = useState<Category>('IT');
  const [sex, setSex] = useState<Sex | null>(null);
  const [declined, setDeclined] = useState<ReadonlySet<string>>(new Set());
  const [number, setNumber] = useState('');
  const [voter, setVoter] = useState<RollVoter | null>(null);
  const [problem, setProblem] = useState<Said | null>(null);
  // What was last done, and the session it concerns: "Cabina B1 abilitata" is said only while that
  // session is still open, never after it was cancelled or cast.
  const [done, setDone] = useState<{ text: string; session: string | null } | null>(null);
  const [cancelArmed, setCancelArmed] = useState(false);
  const submitRef = useRef<HTMLButtonElement>(null);
  const pressRef = useRef<(button: ConsoleButton) => Promise<void>>(() => Promise.resolve());
  useEffect(() => bridge.on('buttons', (button) => void pressRef.current(button)), []);
  // The roll has said who the voter is: the next Enter enables the booth chosen.
  useEffect(() => {
    if (voter && !voter.voted && !voter.atBooth) submitRef.current?.focus();
  }, [voter]);
  const freeIds = free.map((b) => b.id).join(' ');
  // The booth chosen is always one shown as free and checked: a booth freed later never takes the
  // choice from under the president's finger.
  useEffect(() => {
    const ids = freeIds ? freeIds.split(' ') : [];
    if (!ids.includes(booth)) setBooth(ids[0] ?? '');
  }, [freeIds, booth]);
  if (!election) return null;
  const chosenBooth = free.some((b) => b.id === booth) ? booth : '';
  const allowed = contestsFor(election, category);
  const accepts = allowed.filter((id) => !declined.has(id));
  // A number typed but not yet looked up holds the form: the roll must learn who this voter is.
  const lookupPending = number !== '' && voter?.number !== Number(number);

  const lookup = async () => {
    setVoter(null);
    const result = await bridge.call('lookupVoter', { number: Number(number) });
    if (!result.ok) return setProblem(result.error);
    setProblem(null);
    setVoter(result.value);
    setCategory(result.value.category);
    setSex(result.value.sex);
    setDeclined(new Set());
  };
  const enableOn = async (target: string) => {
    if (!sex) return setProblem(t('buttons.needSex'));
    if (lookupPending) return;
    setDone(null);
    const result = await bridge.call('enableBooth', { booth: target, category, sex, accepts, ...(voter ? { voter: voter.number } : {}) });
    if (!result.ok) return setProblem(result.error);
    setProblem(null);
    setDone({ text: t('enable.done', { booth: target, contests: result.value.contests.map((id) => contestTitle(election, id)).join('; ') }), session: result.value.session });
    setSex(null);
    setCategory('IT');
    setDeclined(new Set());
    setVoter(null);
    setNumber('');
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void enableOn(chosenBooth);
  };
  // The president's button box: "enable N" enables booth BN for the voter described in this form;
  // "cancel", then "enable N", cancels the vote at booth BN.
  const press = async (button: ConsoleButton) => {
    if (button === 'cancel') {
      setCancelArmed(true);
      setProblem(null);
      return setDone({ text: t('buttons.cancelArmed'), session: null });
    }
    const target = `B${button.slice('enable-'.length)}`;
    if (!cancelArmed) return enableOn(target);
    setCancelArmed(false);
    const session = view.booths.find((b) => b.id === target)?.session;
    if (!session) return setProblem(t('buttons.noSession', { id: target }));
    const result = await bridge.call('cancelSession', { session });
    if (!result.ok) return setProblem(result.error);
    setProblem(null);
    setDone({ text: t('buttons.cancelled', { id: target }), session: null });
  };
  pressRef.current = press;
  const shown = done && (done.session === null || view.booths.some((b) => b.session === done.session)) ? done.text : null;

  return (
    <form onSubmit={submit} aria-describedby="enable-outcome">
      <div id="enable-outcome">
        <Problems title={t('enable.refused')} items={problem ? [problem] : null} />
        {shown && <Done>{shown}</Done>}
      </div>
      <fieldset className="row">
        <legend>{t('enable.booth')}</legend>
        {free.length === 0 && <p>{t('enable.noFree')}</p>}
        {free.map((b) => (
          <label key={b.id} className="option">
            <input type="radio" name="booth" value={b.id} checked={chosenBooth === b.id} onChange={() => setBooth(b.id)} />
            {t('booth.name', { id: b.id })}
          </label>
        ))}
      </fieldset>
      {view.roll && (
        <fieldset>
          <legend>{t('roll.size', { n: view.roll.electors, v: view.roll.voted })}</legend>
          <div className="lookup">
            <label className="field">
              {t('enable.voter')}
              <input
                type="text"
                inputMode="numeric"
                pattern="[0-9]*"
                value={number}
                aria-describedby="enable-lookup-hint"
                onChange={(e) => {
                  // Another number is another voter: the one looked up no longer holds the form.
                  setNumber(e.target.value);
                  setVoter(null);
                }}
                onKeyDown={(e) => {
                  // Enter looks the number up (it never enables a booth for a voter not yet known).
                  if (e.key !== 'Enter') return;
                  e.preventDefault();
                  if (/^[0-9]+$/.test(number)) void lookup();
                }}
              />
            </label>
            <button type="button" onClick={() => void lookup()} disabled={!/^[0-9]+$/.test(number)}>
              {t('enable.lookup')}
            </button>
          </div>
          <p id="enable-lookup-hint" className="hint">
            {t('enable.lookupHint')}
          </p>
          {voter && (
            <p className={voter.voted || voter.atBooth ? 'problems-title' : 'done'} role="status">
              {t('enable.found', { surname: voter.surname, name: voter.name })}
              {` — ${t(`sex.${voter.sex}`)}, ${t(`cat.${voter.category}`)}`}
              {voter.voted && ` — ${t('enable.already')}`}
              {voter.atBooth && ` — ${t('enable.atBooth')}`}
            </p>
          )}
        </fieldset>
      )}
      {/* A voter from the roll: category and sex are the roll's, said in the line above, not asked. */}
      <fieldset className="row" hidden={voter !== null}>
        <legend>{t('enable.category')}</legend>
        {categories.map((c) => (
          <label key={c} className="option">
            <input
              type="radio"
              name="category"
              value={c}
              checked={category === c}
              disabled={voter !== null}
              onChange={() => {
                setCategory(c);
                setDeclined(new Set());
              }}
            />
            {t(`cat.${c}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="row" hidden={voter !== null}>
        <legend>{t('enable.sex')}</legend>
        {(['F', 'M'] as const).map((s) => (
          <label key={s} className="option">
            <input type="radio" name="sex" value={s} checked={sex === s} disabled={voter !== null} onChange={() => setSex(s)} />
            {t(`sex.${s}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="row">
        <legend>{t('enable.accepts')}</legend>
        {allowed.length === 0 && <p>{t('enable.noBallot')}</p>}
        {allowed.map((id) => (
          <label key={id} className="option">
            <input
              type="checkbox"
              checked={!declined.has(id)}
              onChange={(e) => {
                const next = new Set(declined);
                if (e.target.checked) next.delete(id);
                else next.add(id);
                setDeclined(next);
              }}
            />
            {contestTitle(election, id)}
          </label>
        ))}
      </fieldset>
      <button ref={submitRef} type="submit" className="primary" disabled={!chosenBooth || !sex || accepts.length === 0 || lookupPending}>
        {t('enable.submit')}
      </button>
    </form>
  );
}

function Turnout() {
  const { t, view, election, language } = useConsole();
  const [problem, setProblem] = useState<Refusal | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  if (!view.turnout || !election) return null;
  const { live, checkpoints } = view.turnout;
  const next = checkpoints.find((c) => !c.recorded && !checkpoints.slice(checkpoints.indexOf(c) + 1).some((later) => later.recorded));
  const when = (at: string) => timeOf(at, language, election.timezone);

  const record = async (checkpoint: string, early = false) => {
    const result = await bridge.call('recordTurnout', { checkpoint, ...(early ? { early } : {}) });
    setProblem(result.ok ? null : result.error);
  };
  const save = async (checkpoint: string) => {
    const result = await bridge.call('saveTurnoutReport', { checkpoint });
    setProblem(result.ok ? null : result.error);
    setSaved(result.ok ? t('turnout.saved', { file: result.value.file }) : null);
  };
  const table = (caption: string, figures: Readonly<Record<string, { M: number; F: number; T: number }>>) => (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('turnout.contest')}</th>
          <th scope="col">{t('turnout.M')}</th>
          <th scope="col">{t('turnout.F')}</th>
          <th scope="col">{t('turnout.T')}</th>
        </tr>
      </thead>
      <tbody>
        {election.scrutinyOrder.map((id) => (
          <tr key={id}>
            <th scope="row">{contestTitle(election, id)}</th>
            <td>{figures[id]?.M ?? 0}</td>
            <td>{figures[id]?.F ?? 0}</td>
            <td>{figures[id]?.T ?? 0}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <>
      <Problems title={t('turnout.refused')} items={problem ? [problem] : null} />
      {saved && <Done>{saved}</Done>}
      {table(t('turnout.live'), live)}
      {next && (
        <div className="actions">
          <p>{t('turnout.next', { id: next.id, at: when(next.at) })}</p>
          <button type="button" className="primary" onClick={() => void record(next.id)}>
            {t('turnout.record', { id: next.id })}
          </button>
          {/* Before its time only when the president says so: the console's clock may be the one that is wrong. */}
          {problem?.code === 'checkpoint-early' && (
            <button type="button" onClick={() => void record(next.id, true)}>
              {t('turnout.recordEarly', { id: next.id })}
            </button>
          )}
        </div>
      )}
      {checkpoints
        .filter((c) => c.recorded)
        .map((c) => (
          <div key={c.id} className="checkpoint">
            {table(t('turnout.checkpoint', { id: c.id, at: when(c.at) }), c.recorded!)}
            <button type="button" onClick={() => void save(c.id)}>
              {t('turnout.export', { id: c.id })}
            </button>
          </div>
        ))}
    </>
  );
}

function CloseVoting() {
  const { t, view } = useConsole();
  // A voter still at a booth loses their vote if the president closes now: the warning names the booths.
  const inside = view.booths.filter((b) => b.session).map((b) => b.id);
  const [asking, setAsking] = useState(false);
  const [problem, setProblem] = useState<Refusal | null>(null);
  const close = async (early = false) => {
    const result = await bridge.call('closeVoting', early ? { early } : {});
    setAsking(false);
    setProblem(result.ok ? null : result.error);
  };
  return (
    <>
      <Problems title={t('close.refused')} items={problem ? [problem] : null} />
      {/* Before the closing time only when the president says so: the console's clock may be the one that is wrong. */}
      {!asking && problem?.code === 'close-early' && (
        <button type="button" className="danger" onClick={() => void close(true)}>
          {t('close.early')}
        </button>
      )}
      {!asking ? (
        <button type="button" onClick={() => setAsking(true)}>
          {t('close.button')}
        </button>
      ) : (
        <div role="group" aria-labelledby="close-warning" className="confirm">
          <p id="close-warning">{t('close.warn')}</p>
          {inside.length > 0 && (
            <p className="problems-title" role="alert" data-inside={inside.join(' ')}>
              {t(inside.length === 1 ? 'close.voterInside' : 'close.votersInside', { booths: inside.join(', ') })}
            </p>
          )}
          <button type="button" className="danger" onClick={() => void close()}>
            {t('close.confirm')}
          </button>
          <button type="button" onClick={() => setAsking(false)}>
            {t('close.back')}
          </button>
        </div>
      )}
    </>
  );
}

export function EventLog() {
  const { t, view } = useConsole();
  return (
    // Scrollable, so reachable by keyboard to scroll it.
    <ol className="log" reversed tabIndex={0} aria-label={t('log.title')}>
      {[...view.log].reverse().map((entry) => {
        const key = knownKey(`event.${entry.event}`);
        const word = (w: string | number) => {
          const known = knownKey(`logword.${w}`);
          return known ? t(known) : String(w);
        };
        const detail = Object.entries(entry.detail)
          .map(([k, v]) => `${word(k)}: ${word(v)}`)
          .join(', ');
        return (
          <li key={entry.seq} value={entry.seq}>
            <span className="log-event">{key ? t(key) : t('event.other', { e: entry.event })}</span>
            {detail && <span className="log-detail"> ({detail})</span>}
          </li>
        );
      })}
    </ol>
  );
}

export function Closing() {
  const { t, view } = useConsole();
  const sealed = view.booths.filter((b) => b.sealed).length;
  return (
    <section aria-labelledby="closing-title">
      <h1 id="closing-title">{t('close.title')}</h1>
      <p role="status">{t('close.progress', { n: sealed, m: view.booths.length })}</p>
      <progress value={sealed} max={view.booths.length} aria-label={t('close.progress', { n: sealed, m: view.booths.length })} />
      <h2>{t('booths.title')}</h2>
      <BoothTiles />
      <h2>{t('log.title')}</h2>
      <EventLog />
    </section>
  );
}
