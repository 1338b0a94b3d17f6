// The package of the day (docs/election-package.md): the staff choose the folder of spreadsheets, the
// office builds it and lists every problem at its cell, shows the rules derived and each ballot as the
// booth draws it at its three text sizes, then signs it and writes it to the removable drive.
import { useCallback, useEffect, useState } from 'react';
import type { Answer, PackageView, PreparationProblem, RulesView } from '../shared/preparation.js';
import { api, token } from './api.js';
import { timeIn, type Language } from './i18n.js';
import { explainPreparation, type PrepareTranslate } from './preparation-i18n.js';

const SIZES = ['s', 'm', 'l'] as const;

/** The folder's files, by their names inside it; a file in a subfolder keeps its path, which the office refuses. */
async function folderFiles(list: FileList): Promise<{ name: string; data: string }[]> {
  const files = [...list];
  return Promise.all(
    files.map(async (file) => {
      const name = file.webkitRelativePath ? file.webkitRelativePath.split('/').slice(1).join('/') : file.name;
      const bytes = new Uint8Array(await file.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return { name, data: btoa(binary) };
    }),
  );
}

export function ProblemList({ t, problems }: { t: PrepareTranslate; problems: readonly PreparationProblem[] }) {
  return (
    <ul className="problems">
      {problems.map((p, i) => (
        <li key={i} data-code={p.code}>{explainPreparation(t, p)}</li>
      ))}
    </ul>
  );
}

function rulesText(t: PrepareTranslate, r: RulesView): string {
  const preferences = r.maxPreferences === 0 ? t('rules.none') : r.maxPreferences === 1 ? t('rules.one') : t('rules.many', { n: r.maxPreferences });
  const bySex = r.preferencesBySex ? `, ${r.type === 'european' ? t('rules.mixedSex') : t('rules.differentSex')}` : '';
  return `${preferences}${bySex}; ${r.splitVote ? t('rules.split') : t('rules.noSplit')}`;
}

/** Each ballot in an iframe of the booth's screen (1920×1080), drawn by the booth's own components. */
function Preview({ t, view, digest }: { t: PrepareTranslate; view: PackageView; digest: string }) {
  return (
    <section aria-labelledby="preview-title">
      <h3 id="preview-title">{t('package.preview')}</h3>
      {view.contests.map((c) => (
        <div key={c.id} className="preview-row">
          {SIZES.map((size) => (
            <figure key={size} className="preview" data-contest={c.id} data-size={size}>
              <div className="screen-box">
                <iframe title={t('package.previewOf', { contest: c.title, size: t(`size.${size}`) })} src={`anteprima.html?token=${encodeURIComponent(token)}&contest=${encodeURIComponent(c.id)}&size=${size}&v=${digest.slice(0, 12)}`} />
              </div>
              <figcaption>{t('package.previewOf', { contest: c.title, size: t(`size.${size}`) })}</figcaption>
            </figure>
          ))}
        </div>
      ))}
    </section>
  );
}

export function PackagePage({ t, language }: { t: PrepareTranslate; language: Language }) {
  const [view, setView] = useState<PackageView | null>(null);
  // The refusals of the last signing or writing; a build's are kept by the office, in view.problems, apart from the package.
  const [problems, setProblems] = useState<readonly PreparationProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const refresh = useCallback(async () => setView((await (await api('api/package')).json()) as PackageView), []);
  useEffect(() => void refresh(), [refresh]);
  const answered = async (response: Response, building: boolean) => {
    const answer = (await response.json()) as Answer<PackageView>;
    setBusy(false);
    setProblems(answer.ok || building ? [] : answer.problems);
    if (answer.ok) setView(answer.view);
    else await refresh();
  };
  const build = async (form: HTMLFormElement) => {
    const input = form.elements.namedItem('cartella') as HTMLInputElement;
    if (!input.files || input.files.length === 0) return;
    setBusy(true);
    await answered(await api('api/package/build', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ files: await folderFiles(input.files) }) }), true);
  };
  const post = async (path: string) => {
    setBusy(true);
    await answered(await api(path, { method: 'POST' }), false);
  };
  if (!view) return null;
  const final = view.state === 'signed' || view.state === 'written';
  return (
    <section aria-labelledby="package-title">
      <h2 id="package-title">{t('package.title')}</h2>
      <form onSubmit={(e) => { e.preventDefault(); void build(e.currentTarget); }}>
        <label htmlFor="cartella">{t('package.folder')}</label>{' '}
        <input id="cartella" name="cartella" type="file" multiple {...{ webkitdirectory: '' }} />{' '}
        <button type="submit" disabled={busy}>{busy ? t('package.building') : t('package.build')}</button>
      </form>
      {view.refusedAt && (
        <div role="alert" id="build-refused">
          {/* The folder refused is not the package shown below, if there is one: said before its problems. */}
          <h3>{t(view.state === 'none' ? 'package.problems' : 'package.problemsApart', { n: view.problems.length, at: timeIn(view.refusedAt, language, view.timeZone) })}</h3>
          <ProblemList t={t} problems={view.problems} />
        </div>
      )}
      {view.state === 'none' ? (
        <p>{t('package.none')}</p>
      ) : (
        <>
          <h3>{view.title}</h3>
          <p>{view.comune}{view.training && <> · <strong>{t('package.training')}</strong></>} · {t('package.sections', { n: view.sections })}</p>
          <p id="package-state" className={view.state === 'written' ? 'state-accepted' : undefined}>{t(`package.state.${view.state}`)}</p>
          {final && <p id="package-final"><strong>{t('package.final')}</strong></p>}
          <p>{t('package.digest')}: <code id="package-digest">{view.digest}</code></p>
          {view.builtAt && <p id="package-folder">{t('package.folderRead', { at: timeIn(view.builtAt, language, view.timeZone), files: view.folder.map((f) => f.name).join(', ') })}</p>}
          {view.officeElection === view.digest && <p id="package-office">{t('package.officeElection')}</p>}
          {view.signer && <p>{t('package.signer', { signer: view.signer })}</p>}
          {view.rules.length > 0 && (
            <>
              <h3>{t('package.rules')}</h3>
              <ul id="package-rules">{view.rules.map((r) => <li key={r.contest}>{view.contests.find((c) => c.id === r.contest)?.title}: {rulesText(t, r)}</li>)}</ul>
            </>
          )}
          <p>
            <button type="button" disabled={busy || final} onClick={() => void post('api/package/sign')}>{t('package.sign')}</button>{' '}
            <button type="button" disabled={busy || view.state === 'built' || !view.drive} onClick={() => void post('api/package/drive')}>{t('package.drive')}</button>
          </p>
          {problems.length > 0 && <div role="alert" id="action-refused"><ProblemList t={t} problems={problems} /></div>}
          {!view.drive && <p>{t('package.noDrive')}</p>}
          {view.written.length > 0 && <p id="package-written">{t('package.written', { files: view.written.join(', ') })}</p>}
          <Preview t={t} view={view} digest={view.digest ?? ''} />
        </>
      )}
    </section>
  );
}
