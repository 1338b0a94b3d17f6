// The office staff's screen: the sections and what became of each submission, with every reason in
// words; an upload; turnout flags; the way to the public page. Read from the service's view, again
// each time the service says something changed.
import { useCallback, useEffect, useState } from 'react';
import { keepChoice, keptChoice } from '@seggio/shell/browser';
import type { OfficeView, PrefetturaView, PreparingView } from '../shared/api.js';
import type { Problem } from '../shared/codes.js';
import { api, token } from './api.js';
import { LANGUAGES, translator, type Language } from './i18n.js';
import { MachinesPage } from './machines.js';
import { PackagePage } from './preparation.js';
import { LanguageChoice, Problems, publicPageIn, Submissions, Upload } from './parts.js';
import { PrefetturaScreen } from './prefettura.js';
import { prepareTranslator } from './preparation-i18n.js';

/** The results of the day, and the preparation before it: the package and the machines. */
type Tab = 'results' | 'package' | 'machines';
const TABS: readonly Tab[] = ['results', 'package', 'machines'];

/** The staff's language, kept across a reload of the page. */
const LANGUAGE_KEPT = 'seggio.office.language';

export function App() {
  const [language, setLanguage] = useState<Language>(() => keptChoice(LANGUAGE_KEPT, LANGUAGES.map((l) => l.code), 'it'));
  const choose = (chosen: Language) => {
    setLanguage(chosen);
    keepChoice(LANGUAGE_KEPT, chosen);
  };
  const [view, setView] = useState<OfficeView | PrefetturaView | PreparingView | null>(null);
  const [uploadProblems, setUploadProblems] = useState<readonly Problem[] | null>(null);
  const [tab, setTab] = useState<Tab>('results');
  const t = translator(language);
  const tp = prepareTranslator(language);
  const refresh = useCallback(async () => setView((await (await api('api/view')).json()) as OfficeView | PrefetturaView | PreparingView), []);
  useEffect(() => {
    void refresh();
    const source = new EventSource(`api/events?token=${encodeURIComponent(token)}`);
    source.addEventListener('update', () => void refresh());
    return () => source.close();
  }, [refresh]);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('pageTitle');
  }, [language, t]);
  if (!view) return null;
  const lang = <LanguageChoice t={t} language={language} choose={choose} />;
  if ('mode' in view) return <PrefetturaScreen t={t} view={view} lang={lang} language={language} />;
  const tabs = <nav className="tabs">{TABS.map((k) => <button key={k} type="button" aria-pressed={tab === k} onClick={() => setTab(k)}>{tp(`tab.${k}`)}</button>)}</nav>;
  const preparation = (
    <>
      {tab === 'package' && <main><PackagePage t={tp} language={language} /></main>}
      {tab === 'machines' && <main><MachinesPage t={tp} /></main>}
    </>
  );
  // Before a package is signed the office only prepares: the results' tab says why it is closed.
  if ('preparing' in view) {
    return (
      <>
        <header>{lang}<h1>{tp('office.preparing')}</h1>{tabs}</header>
        {preparation}
        {tab === 'results' && <main><p id="results-closed">{tp('tab.closed')}</p></main>}
      </>
    );
  }
  const r = view.results;
  return (
    <>
      <header>
        {lang}
        <h1>{t('title', { comune: r.election.comune })}</h1>
        <p>{r.election.title}</p>
        <p id="sections-in">{t('sectionsIn', { n: r.sectionsAccepted, of: r.sectionsTotal })}</p>
        {view.publicUrl && <p><a href={publicPageIn(view.publicUrl, language)}>{t('publicPage')}</a></p>}
        {tabs}
      </header>
      {preparation}
      {tab === 'results' && <main>
        <Upload t={t} limit={view.archiveLimit} onAnswer={setUploadProblems} />
        {uploadProblems && <div role="alert"><Problems t={t} problems={uploadProblems} /></div>}
        <h2>{t('sections')}</h2>
        <table>
          <thead><tr><th scope="col">{t('section')}</th><th scope="col">{t('name')}</th><th scope="col">{t('state')}</th><th scope="col">{t('turnout')}</th></tr></thead>
          <tbody>
            {view.sections.map((s) => (
              <tr key={s.id} data-section={s.id}>
                <td>{s.id}</td>
                <td>{s.name}</td>
                <td className={s.accepted ? 'state-accepted' : undefined}>{s.accepted ? t('sectionAccepted') : t('notReceived')}{s.unmatched && <> · <strong className="flag">{t('unmatched')}</strong></>}{s.conflicts > 0 && <> · {t('conflicts', { n: s.conflicts })}</>}</td>
                <td>{s.turnout.join(', ') || t('noTurnout')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Submissions t={t} language={language} title="submissions" where="section" view={view} />
        {view.turnoutFlags.length > 0 && (
          <>
            <h2>{t('turnoutFlags')}</h2>
            <ul>{view.turnoutFlags.map((f) => <li key={f.id}>{f.section} {f.checkpoint}: <Problems t={t} problems={f.problems} /></li>)}</ul>
          </>
        )}
      </main>}
    </>
  );
}
