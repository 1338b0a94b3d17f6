// Enrolling the section machines (docs/design.md §6): each request from the drive with the fingerprint to
// compare with the machine's screen, a button to enrol it, and the enrolled machines by role.
import { useCallback, useEffect, useState } from 'react';
import { CONFIRM_CHARACTERS, type Answer, type MachinesView, type MachineView, type PreparationProblem, type RequestView } from '../shared/preparation.js';
import { api } from './api.js';
import { ProblemList } from './preparation.js';
import type { PrepareTranslate } from './preparation-i18n.js';

function Enrolled({ t, title, machines }: { t: PrepareTranslate; title: string; machines: readonly MachineView[] }) {
  return (
    <>
      <h4>{title}</h4>
      {machines.length === 0 ? <p>{t('machines.noneEnrolled')}</p> : (
        <ul>{machines.map((m) => <li key={m.machine} data-machine={m.machine}>{m.machine}: <code>{m.fingerprint}</code></li>)}</ul>
      )}
    </>
  );
}

/** A request waiting: the end of the fingerprint read on the machine's screen, typed, then the button. */
function Confirm({ t, request, onEnrol }: { t: PrepareTranslate; request: RequestView; onEnrol: (confirm: string) => void }) {
  const [typed, setTyped] = useState('');
  const id = `confirm-${request.file}`;
  return (
    <form onSubmit={(e) => { e.preventDefault(); onEnrol(typed); }}>
      <label htmlFor={id}>{t('machines.confirm', { n: CONFIRM_CHARACTERS, machine: request.machine ?? '' })}</label>{' '}
      <input id={id} value={typed} size={CONFIRM_CHARACTERS + 2} maxLength={CONFIRM_CHARACTERS} autoComplete="off" spellCheck={false} onChange={(e) => setTyped(e.target.value)} />{' '}
      <button type="submit" disabled={typed.trim().length !== CONFIRM_CHARACTERS}>{t('machines.enrol', { machine: request.machine ?? '' })}</button>
    </form>
  );
}

export function MachinesPage({ t }: { t: PrepareTranslate }) {
  const [view, setView] = useState<MachinesView | null>(null);
  const [problems, setProblems] = useState<readonly PreparationProblem[]>([]);
  const refresh = useCallback(async () => setView((await (await api('api/machines')).json()) as MachinesView), []);
  useEffect(() => void refresh(), [refresh]);
  const enrol = async (file: string, confirm: string) => {
    const answer = (await (await api('api/machines/enrol', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ file, confirm }) })).json()) as Answer<MachinesView>;
    if (answer.ok) {
      setView(answer.view);
      setProblems([]);
    } else setProblems(answer.problems);
  };
  if (!view) return null;
  return (
    <section aria-labelledby="machines-title">
      <h2 id="machines-title">{t('machines.title')}</h2>
      <p>{view.comune === null ? t('code.no-comune') : t('machines.comune', { comune: view.comune })}</p>
      {!view.drive && <p>{t('machines.noDrive')}</p>}
      {problems.length > 0 && <div role="alert"><ProblemList t={t} problems={problems} /></div>}
      <h3>{t('machines.requests')}</h3>
      <p>{t('machines.compare')}</p>
      {view.requests.length === 0 ? <p>{t('machines.noRequests')}</p> : (
        <table>
          <thead><tr><th scope="col">{t('machines.file')}</th><th scope="col">{t('machines.role')}</th><th scope="col">{t('machines.machine')}</th><th scope="col">{t('machines.fingerprint')}</th><th scope="col">{t('machines.state')}</th></tr></thead>
          <tbody>
            {view.requests.map((r) => (
              <tr key={r.file} data-request={r.file}>
                <td>{r.file}</td>
                <td>{r.role ? t(`role.${r.role}`) : '—'}</td>
                <td>{r.machine ?? '—'}</td>
                <td><code>{r.fingerprint ?? '—'}</code></td>
                <td className={r.state === 'refused' ? 'state-refused' : r.state === 'enrolled' ? 'state-accepted' : undefined}>
                  {r.state === 'waiting' ? <Confirm t={t} request={r} onEnrol={(confirm) => void enrol(r.file, confirm)} /> : t(`machines.state.${r.state}`)}
                  {r.problem && <ProblemList t={t} problems={[r.problem]} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t('machines.enrolled')}</h3>
      <Enrolled t={t} title={t('machines.consoles')} machines={view.enrolled.filter((m) => m.role === 'console')} />
      <Enrolled t={t} title={t('machines.booths')} machines={view.enrolled.filter((m) => m.role === 'booth')} />
      {view.problems.length > 0 && <ProblemList t={t} problems={view.problems} />}
    </section>
  );
}
