// The Prefettura staff's screen: each comune of the province and its sections counted, what became of
// each package with every reason in words, an upload, the way to the province's public page.
import { useState, type ReactNode } from 'react';
import type { PrefetturaView } from '../shared/api.js';
import type { Problem } from '../shared/codes.js';
import { Problems, publicPageIn, Submissions, Upload } from './parts.js';
import type { Language, Translate } from './i18n.js';

export function PrefetturaScreen({ t, view, lang, language }: { t: Translate; view: PrefetturaView; lang: ReactNode; language: Language }) {
  const [uploadProblems, setUploadProblems] = useState<readonly Problem[] | null>(null);
  const r = view.results;
  return (
    <>
      <header>
        {lang}
        <h1>{t('prefettura.title', { province: r.election.comune })}</h1>
        <p>{r.election.title}</p>
        <p id="comuni-in">{t('prefettura.comuniIn', { n: r.sectionsAccepted, of: r.sectionsTotal })}</p>
        {view.publicUrl && <p><a href={publicPageIn(view.publicUrl, language)}>{t('publicPage')}</a></p>}
      </header>
      <main>
        <Upload t={t} limit={view.archiveLimit} onAnswer={setUploadProblems} label="prefettura.upload" />
        {uploadProblems && <div role="alert"><Problems t={t} problems={uploadProblems} /></div>}
        <h2>{t('prefettura.comuni')}</h2>
        <table>
          <thead><tr><th scope="col">{t('prefettura.istat')}</th><th scope="col">{t('name')}</th><th scope="col">{t('state')}</th><th scope="col">{t('prefettura.sections')}</th></tr></thead>
          <tbody>
            {view.comuni.map((c) => (
              <tr key={c.id} data-comune={c.id}>
                <td>{c.id}</td>
                <td>{c.name}</td>
                <td className={c.accepted ? 'state-accepted' : undefined}>{c.accepted ? t('state.accepted') : t('prefettura.notReceived')}{c.conflicts > 0 && <> · {t('conflicts', { n: c.conflicts })}</>}</td>
                <td>{c.accepted ? t('prefettura.sectionsOf', { n: c.sectionsCounted, of: c.sectionsTotal }) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Submissions t={t} language={language} title="prefettura.packages" where="prefettura.istat" view={view} />
      </main>
    </>
  );
}
