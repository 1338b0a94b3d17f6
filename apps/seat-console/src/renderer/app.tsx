// The president's console: one screen per step of the day, chosen from the service's phase
// (docs/design.md §2). Every action is a call to the service; what it refuses is shown with its reasons.
import { useEffect, useMemo, useState } from 'react';
import type { Election } from '@seggio/ballot-core';
import type { DeviceStatus } from '@seggio/hardware/types';
import type { ConsoleView } from '../shared/api.js';
import { keepChoice, keptChoice, type ConnectionState } from '@seggio/shell/browser';
import { bridge } from './bridge.js';
import { CountScreen, RecordScreen } from './count.js';
import { LANGUAGES, translator, type Language } from './i18n.js';
import { CreateKeys, GiveShares, LoadPackage, Pairing, type GivenShares } from './setup.js';
import { ConsoleContext, Fingerprint, ServiceStatus } from './ui.js';
import { Closing, Voting } from './voting.js';

/** The president's language, kept across a reload of the page. */
const LANGUAGE_KEPT = 'seggio.console.language';

export function App() {
  const [view, setView] = useState<ConsoleView | null>(null);
  const [election, setElection] = useState<Election | null>(null);
  const [language, setLanguage] = useState<Language>(() => keptChoice(LANGUAGE_KEPT, LANGUAGES.map((l) => l.code), 'it'));
  // The shares live here, in this page's memory only, until the last one has been given out (R19).
  const [shares, setShares] = useState<GivenShares | null>(null);
  const [devices, setDevices] = useState<readonly DeviceStatus[]>([]);
  const [link, setLink] = useState<ConnectionState>('connecting');
  // Whether the service was lost since this page first reached it: then its return is said too.
  const [wasLost, setWasLost] = useState(false);
  const t = useMemo(() => translator(language), [language]);

  useEffect(() => {
    const off = [bridge.on('view', setView), bridge.on('devices', setDevices)];
    // Each time the service is reached (again), the page asks it how the day stands: a service started
    // again from its store may stand elsewhere than this page last saw.
    off.push(
      bridge.onConnection((state) => {
        setLink(state);
        if (state === 'lost') setWasLost(true);
        if (state === 'connected') void bridge.call('getView').then(setView, () => undefined);
      }),
    );
    return () => off.forEach((f) => f());
  }, []);
  const digest = view?.election?.digest;
  useEffect(() => {
    if (digest && link === 'connected') void bridge.call('getElection').then(setElection, () => undefined);
  }, [digest, link]);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('app.title');
  }, [language, t]);

  if (!view) return <p className="connecting">{t('app.connecting')}</p>;
  const context = { view, election, t, language };

  let screen;
  switch (view.phase) {
    case 'no-election':
      screen = <LoadPackage />;
      break;
    case 'setup':
      screen = shares ? <GiveShares shares={shares} onDone={() => setShares(null)} /> : view.urnaFingerprint ? <Pairing /> : <CreateKeys onShares={setShares} />;
      break;
    case 'voting':
      screen = <Voting />;
      break;
    case 'closing':
      screen = <Closing />;
      break;
    case 'closed':
    case 'reconciled':
      screen = <CountScreen />;
      break;
    case 'counted':
    case 'signed':
      screen = <RecordScreen />;
      break;
  }

  return (
    <ConsoleContext.Provider value={context}>
      <header className="top">
        <div>
          <p className="app-name">{t('app.title')}</p>
          {view.election && (
            <p className="election">
              {view.election.title}
              {view.section && <> · {t('app.section', { s: view.section })}</>}
            </p>
          )}
          <p className="phase">{t(`phase.${view.phase}`)}</p>
        </div>
        <label className="language">
          {t('app.language')}{' '}
          <select value={language} onChange={(e) => {
            const chosen = e.target.value as Language;
            setLanguage(chosen);
            keepChoice(LANGUAGE_KEPT, chosen);
          }}>
            {LANGUAGES.map((l) => (
              <option key={l.code} value={l.code} lang={l.code}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
      </header>
      <ServiceStatus link={link} wasLost={wasLost} t={t} />
      <main>
        {view.election?.training && (
          <p className="training" role="note">
            {t('app.training')}
          </p>
        )}
        {screen}
      </main>
      <footer className="keys">
        <Fingerprint label={t('fp.office')} value={view.officeFingerprint} />
        <Fingerprint label={t('fp.console')} value={view.consoleFingerprint} />
        {view.consoleMachine && <Fingerprint label={t('fp.consoleMachine')} value={view.consoleMachine} />}
        {view.urnaFingerprint && <Fingerprint label={t('fp.urna')} value={view.urnaFingerprint} />}
        {devices.map((d) => (
          <p key={d.profile} className={`device device-${d.state}`} data-device={d.profile}>
            {t('devices.buttons')}: {t(`devices.${d.state}`)}
            {/* The device layer's own words are English: said only for a fault, and marked as such. */}
            {d.state === 'error' && (
              <span className="log-detail">
                {' '}
                ({t('devices.detail')}: <span lang="en">{d.detail}</span>)
              </span>
            )}
          </p>
        ))}
      </footer>
    </ConsoleContext.Provider>
  );
}
