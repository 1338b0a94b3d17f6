// The pieces of the office's screen that both its faces use (the comune's results and the
// Prefettura's): the language chooser, problems in words, the upload of a section's export, the submissions.
import { useState } from 'react';
import type { SubmissionView } from '../shared/api.js';
import type { Problem } from '../shared/codes.js';
import { api } from './api.js';
import { explain, LANGUAGES, timeIn, type Key, type Language, type Translate } from './i18n.js';

/** The public page in the staff's language (Italian is its own, without `?lang`). */
export function publicPageIn(publicUrl: string, language: Language): string {
  const url = new URL(publicUrl);
  if (language !== 'it') url.searchParams.set('lang', language);
  return url.href;
}

/** The staff's languages, each button named in its own language; the one shown is pressed. */
export function LanguageChoice({ t, language, choose }: { t: Translate; language: Language; choose: (language: Language) => void }) {
  return (
    <p className="lang" role="group" aria-label={t('language')}>
      {LANGUAGES.map((l) => (
        <button key={l.code} type="button" lang={l.code} aria-pressed={l.code === language} onClick={() => choose(l.code)}>
          {l.name}
        </button>
      ))}
    </p>
  );
}

export function Problems({ t, problems }: { t: Translate; problems: readonly Problem[] }) {
  if (problems.length === 0) return <>{t('none')}</>;
  return (
    <ul>
      {problems.map((p, i) => (
        <li key={i}>{explain(t, p)}</li>
      ))}
    </ul>
  );
}

export function Upload({ t, limit, onAnswer, label = 'upload' }: { t: Translate; limit: number; onAnswer: (problems: readonly Problem[] | null) => void; label?: Key }) {
  const [busy, setBusy] = useState(false);
  const submit = async (form: HTMLFormElement) => {
    const file = (form.elements.namedItem('export') as HTMLInputElement).files?.[0];
    if (!file) return;
    // The office would refuse it too, after the whole file had been sent.
    if (file.size > limit) return onAnswer([{ code: 'body-too-large', params: { limit: String(limit) } }]);
    setBusy(true);
    const response = await api('api/upload', { method: 'POST', headers: { 'content-type': 'application/x-tar', 'x-file-name': file.name }, body: await file.arrayBuffer() });
    const answer = (await response.json()) as { ok: boolean; problems?: Problem[] };
    setBusy(false);
    onAnswer(answer.ok ? null : (answer.problems ?? []));
    form.reset();
  };
  return (
    <form onSubmit={(e) => { e.preventDefault(); void submit(e.currentTarget); }}>
      <label htmlFor="export">{t(label)}</label>{' '}
      <input id="export" name="export" type="file" accept=".tar,application/x-tar" />{' '}
      <button type="submit" disabled={busy}>{busy ? t('uploading') : t('uploadButton')}</button>
    </form>
  );
}

/** A submission's row, received at the time the staff read in the election's zone. */
function Submission({ t, s, language, timeZone }: { t: Translate; s: SubmissionView; language: Language; timeZone: string }) {
  return (
    <tr data-submission={s.id}>
      <td>{s.id}</td>
      <td>{timeIn(s.receivedAt, language, timeZone)}</td>
      <td>{t(`channel.${s.channel}`)}</td>
      <td>{s.origin}</td>
      <td>{s.section ?? '—'}</td>
      <td className={`state-${s.state}`}>{t(`state.${s.state}`)}</td>
      <td><Problems t={t} problems={s.problems} /></td>
    </tr>
  );
}

/**
 * What became of each submission (`where`: the column of what it is for, a section or a comune), and
 * the files of the import folder that were not read.
 */
export function Submissions({ t, language, title, where, view }: { t: Translate; language: Language; title: Key; where: Key; view: { readonly submissions: readonly SubmissionView[]; readonly folder: readonly Problem[]; readonly timeZone: string } }) {
  return (
    <>
      <h2>{t(title)}</h2>
      <table>
        <thead><tr><th scope="col">#</th><th scope="col">{t('received')}</th><th scope="col">{t('channel')}</th><th scope="col">{t('origin')}</th><th scope="col">{t(where)}</th><th scope="col">{t('state')}</th><th scope="col">{t('reasons')}</th></tr></thead>
        <tbody>{view.submissions.map((s) => <Submission key={s.id} t={t} s={s} language={language} timeZone={view.timeZone} />)}</tbody>
      </table>
      {view.folder.length > 0 && (
        <>
          <h2>{t('folder')}</h2>
          <Problems t={t} problems={view.folder} />
        </>
      )}
    </>
  );
}
