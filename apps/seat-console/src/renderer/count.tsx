// Count and export (docs/design.md §2 step 5): the reconciliation, k shares, the record per contest in
// scrutiny order with checks C1–C8 and E1, and the signed bundle written to a folder.
import { useEffect, useState, type FormEvent } from 'react';
import { checkText, namesOf, tallyRows } from '@seggio/ballot-core';
import type { Result } from '@seggio/crypto';
import type { ReconciledContest } from '../shared/api.js';
import type { Refusal } from '../shared/refusals.js';
import { bridge } from './bridge.js';
import { ShareCamera } from './camera.js';
import { knownKey } from './i18n.js';
import { OfficePushPanel } from './office-push.js';
import { contestTitle, Problems, useConsole } from './ui.js';
import { EventLog } from './voting.js';

export function CountScreen() {
  const { t, view, election } = useConsole();
  const k = view.shares?.threshold ?? 3;
  const [reconciled, setReconciled] = useState<Result<readonly ReconciledContest[], readonly Refusal[]> | null>(null);
  const [shares, setShares] = useState<string[]>(() => Array.from({ length: k }, () => ''));
  const [problems, setProblems] = useState<readonly Refusal[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [read, setRead] = useState<string | null>(null);
  // A share read from the camera goes into the first empty field.
  const fromCamera = (text: string) => {
    const i = shares.findIndex((s) => s.trim() === '');
    if (i < 0) return;
    setShares(shares.map((s, j) => (j === i ? text : s)));
    setRead(t('camera.read', { i: i + 1 }));
  };

  useEffect(() => {
    void bridge.call('reconcile').then(setReconciled);
  }, []);

  const count = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblems(null);
    const result = await bridge.call('count', { shares: shares.map((s) => s.trim()) });
    setBusy(false);
    if (!result.ok) setProblems(result.error);
  };

  return (
    <section aria-labelledby="count-title">
      <h1 id="count-title">{t('count.title')}</h1>
      <h2>{t('recon.title')}</h2>
      {reconciled && !reconciled.ok && <Problems title={t('recon.fail')} items={reconciled.error} />}
      {reconciled?.ok && (
        <div className="done" role="status">
          <p>{t('recon.ok')}</p>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('turnout.contest')}</th>
                <th scope="col">{t('recon.ballots')}</th>
                <th scope="col">{t('recon.sessions')}</th>
                <th scope="col">{t('recon.voters')}</th>
              </tr>
            </thead>
            <tbody>
              {reconciled.value.map((r) => (
                <tr key={r.contest} data-contest={r.contest}>
                  <th scope="row">{contestTitle(election, r.contest)}</th>
                  <td>{r.ballots}</td>
                  <td>{r.sessions}</td>
                  <td>{r.voters}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Problems title={t('count.refused')} items={problems} />
      <form onSubmit={(e) => void count(e)}>
        <p>{t('count.hint', { k })}</p>
        <ShareCamera entered={shares.filter((s) => s.trim() !== '')} full={shares.every((s) => s.trim() !== '')} onShare={fromCamera} />
        {read && <p role="status">{read}</p>}
        {shares.map((share, i) => (
          <label key={i} className="field">
            {t('count.share', { i: i + 1 })}
            <input
              type="text"
              className="share-input"
              autoComplete="off"
              spellCheck={false}
              value={share}
              onChange={(e) => setShares(shares.map((s, j) => (j === i ? e.target.value : s)))}
            />
          </label>
        ))}
        <button type="submit" className="primary" disabled={busy || shares.some((s) => s.trim() === '')}>
          {t('count.start')}
        </button>
        {busy && <p role="status">{t('count.running')}</p>}
      </form>
    </section>
  );
}

export function RecordScreen() {
  const { t, view, election } = useConsole();
  const count = view.count;
  if (!election) return null;
  if (!count) {
    // The urna key is kept in memory only (R22): after a restart the shares are entered again.
    return <CountScreen />;
  }
  const rows = tallyRows(election, count.tally);
  const names = namesOf(election);
  const label = (voce: string, cod: string, d: string) => {
    const key = knownKey(`voce.${voce}`);
    return key ? t(key, { cod, d }) : `${voce} ${cod} ${d}`;
  };
  return (
    <>
      <section aria-labelledby="record-title">
        <h1 id="record-title">{t('record.title')}</h1>
        {count.tally.contests.map((contest) => (
          <article key={contest.id} className="contest" aria-labelledby={`contest-${contest.id}`}>
            <h2 id={`contest-${contest.id}`}>{contestTitle(election, contest.id)}</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('record.figure')}</th>
                  <th scope="col">{t('record.value')}</th>
                </tr>
              </thead>
              <tbody>
                {rows
                  .filter((r) => r.contest === contest.id)
                  .map((r) => (
                    <tr key={`${r.voce}-${r.cod}`} data-voce={r.voce} data-cod={r.cod}>
                      <th scope="row">{label(r.voce, r.cod, r.descrizione)}</th>
                      <td>{r.valore}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
            <h3>{t('record.checks')}</h3>
            <ul className="checks">
              {count.checks
                .filter((c) => c.contest === contest.id)
                .map((c) => (
                  <li key={c.check} className={c.ok ? 'check-ok' : 'check-fail'} data-check={c.check}>
                    <strong>
                      {c.check}: {c.ok ? t('record.holds') : t('record.fails')}
                    </strong>{' '}
                    {checkText(t, names, c)}
                  </li>
                ))}
            </ul>
          </article>
        ))}
      </section>
      <Export />
      <OfficePushPanel />
      <section aria-labelledby="log-title">
        <h2 id="log-title">{t('log.title')}</h2>
        <EventLog />
      </section>
    </>
  );
}

function Export() {
  const { t, view, election } = useConsole();
  const [dir, setDir] = useState(view.bundleDir);
  const [publicOnly, setPublicOnly] = useState(false);
  const [problems, setProblems] = useState<readonly Refusal[] | null>(null);
  const [busy, setBusy] = useState(false);
  const names = namesOf(election);
  const failing = view.count?.checks.filter((c) => !c.ok).map((c) => `${c.check} ${contestTitle(election, c.contest)}: ${checkText(t, names, c)}`) ?? [];

  const sign = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await bridge.call('exportBundle', { dir, publicOnly });
    setBusy(false);
    setProblems(result.ok ? null : result.error);
  };
  // Once written, the folder is taken: the next copy goes to the next free one.
  const written = view.exported?.dir;
  useEffect(() => {
    if (written) setDir(view.bundleDir);
  }, [written, view.bundleDir]);

  return (
    <section aria-labelledby="export-title" className="panel">
      <h2 id="export-title">{t('export.title')}</h2>
      <Problems title={t('export.blocked')} items={failing} />
      <Problems title={t('export.refused')} items={problems} />
      {view.exported && (
        <div className="done" role="status">
          <p>{t('export.done', { dir: view.exported.dir })}</p>
          <ul className="files">
            {view.exported.files.map((f) => (
              <li key={f}>
                <code>{f}</code>
              </li>
            ))}
          </ul>
          <p>
            {t('export.digest')}: <code className="tally-digest">{view.exported.tallyDigest}</code>
          </p>
          <p>{t('export.verify')}</p>
          <pre className="verify-command">{view.exported.verify}</pre>
        </div>
      )}
      <form onSubmit={(e) => void sign(e)}>
        <label className="field">
          {t('export.dir')}
          <input type="text" value={dir} spellCheck={false} onChange={(e) => setDir(e.target.value)} />
        </label>
        <label className="option">
          <input type="checkbox" checked={publicOnly} onChange={(e) => setPublicOnly(e.target.checked)} />
          {t('export.public')}
        </label>
        <button type="submit" className="primary" disabled={busy || failing.length > 0 || dir.trim() === ''}>
          {view.exported ? t('export.again') : t('export.sign')}
        </button>
      </form>
    </section>
  );
}
