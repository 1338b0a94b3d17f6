// One ballot of the package being prepared, drawn by the booth's own components and styles
// (@seggio/booth/ballot) at one of its text sizes, from exactly the bytes the office will sign. Shown in an
// iframe of the booth's screen size by the package page; nothing here takes a mark.
import { createRoot } from 'react-dom/client';
import { contestTitle, parseElection, type Contest } from '@seggio/ballot-core';
import { FitContext, MunicipalScheda, PartyListScheda, ReferendumScheda, rulesText, TEXT_SIZES, translator, type Language } from '@seggio/booth/ballot';
import '@seggio/booth/ballot.css';
import { api } from './api.js';

const query = new URLSearchParams(location.search);
const size = TEXT_SIZES.find((s) => s === query.get('size')) ?? 'm';
const language: Language = query.get('lang') === 'de' ? 'de' : query.get('lang') === 'en' ? 'en' : 'it';
const t = translator(language);
const none = () => {};

function Ballot({ contest, training }: { contest: Contest; training: boolean }) {
  const constituency = 'constituency' in contest && contest.constituency ? ` — ${contest.constituency}` : '';
  const props = { selection: undefined, t, onMark: none, openPreferences: none };
  // As the booth draws it for a voter of this language: the title in it where the package gives it.
  const title = contestTitle(contest, language);
  return (
    <FitContext.Provider value={size}>
      {training && <p className="training" role="note">{t('training')}</p>}
      <section className="screen ballot" aria-labelledby="title" style={{ '--ballot-colour': contest.colour } as React.CSSProperties}>
        <header className="ballot-head">
          <h1 id="title" lang={title.language}>{title.text}{constituency}</h1>
          {contest.type !== 'referendum' && <p className="rules">{rulesText(contest, t)}</p>}
        </header>
        {contest.type === 'referendum' ? <ReferendumScheda contest={contest} selection={undefined} onMark={none} t={t} language={language} /> : contest.type === 'municipal' ? <MunicipalScheda contest={contest} {...props} /> : <PartyListScheda contest={contest} {...props} />}
      </section>
    </FitContext.Provider>
  );
}

async function show(): Promise<void> {
  document.documentElement.lang = language;
  document.documentElement.dataset.size = size;
  const root = createRoot(document.getElementById('root')!);
  const response = await api('api/package/election.json');
  const parsed = response.ok ? parseElection(new Uint8Array(await response.arrayBuffer())) : null;
  const contest = parsed?.ok ? parsed.value.contests.find((c) => c.id === query.get('contest')) : undefined;
  if (!parsed?.ok || !contest) return root.render(<p role="alert">—</p>);
  root.render(<Ballot contest={contest} training={parsed.value.training === true} />);
}

void show();
