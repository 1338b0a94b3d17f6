// The booth's screens are a function of the service's state: one ordered switch.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Election, Selection } from '@seggio/ballot-core';
import type { BoothView, CastFailure } from '../shared/api.js';
import type { ConnectionState } from '@seggio/shell/browser';
import { bridge } from './bridge.js';
import { ConfirmConsole, NotOpen, Unenrolled } from './enrolment.js';
import { LANGUAGES, translator, type Language, type Translate } from './i18n.js';
import { FitContext } from './paged.js';
import { KEYPAD_KEYS, screenTitle, Speech } from './speech.js';
import { useKeys } from './use-keys.js';
import { Voting } from './voting.js';

type Size = 's' | 'm' | 'l';
type Outcome = { session: string; recorded: boolean; message?: string };

/** What the president reads on a cast that failed: why the booth stopped, in the booth's language. */
const failureText = (t: Translate, failure: CastFailure): string | undefined =>
  failure.code === 'not-recorded' ? t(`oos.${failure.reason.code}`, failure.reason.params) : 'message' in failure ? failure.message : undefined;

function Settings(props: { t: Translate; language: Language; setLanguage: (l: Language) => void; size: Size; setSize: (s: Size) => void; contrast: boolean; setContrast: (c: boolean) => void }) {
  const { t } = props;
  return (
    <div className="settings">
      <fieldset>
        <legend>{t('welcome.language')}</legend>
        {LANGUAGES.map((l) => (
          <button key={l.code} type="button" lang={l.code} className={`choice${props.language === l.code ? ' chosen' : ''}`} aria-pressed={props.language === l.code} onClick={() => props.setLanguage(l.code)}>
            {l.name}
          </button>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('welcome.size')}</legend>
        {(['s', 'm', 'l'] as const).map((s) => (
          <button key={s} type="button" className={`choice size-${s}${props.size === s ? ' chosen' : ''}`} aria-pressed={props.size === s} onClick={() => props.setSize(s)}>
            {t(`welcome.size.${s}`)}
          </button>
        ))}
      </fieldset>
      <button type="button" className={`choice${props.contrast ? ' chosen' : ''}`} aria-pressed={props.contrast} onClick={() => props.setContrast(!props.contrast)}>
        {t('welcome.contrast')}
      </button>
    </div>
  );
}

function Message({ title, text, detail }: { title: string; text?: string; detail?: string | null }) {
  useKeys(useCallback(() => undefined, []));
  return (
    <section className="screen message" aria-labelledby="title" data-intro={[title, text, detail].filter(Boolean).join('. ')}>
      <h1 id="title">{title}</h1>
      {text && <p>{text}</p>}
      {detail && <p className="detail">{detail}</p>}
    </section>
  );
}

export function App() {
  const [view, setView] = useState<BoothView | null>(null);
  const [election, setElection] = useState<Election | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [language, setLanguage] = useState<Language>('it');
  const [size, setSize] = useState<Size>('m');
  const [contrast, setContrast] = useState(false);
  const t = translator(language);

  const [link, setLink] = useState<ConnectionState>('connecting');
  useEffect(() => {
    const off = bridge.on('view', setView);
    // Each time the service is reached (again) the page asks where the booth stands: a service started
    // again from its store may stand elsewhere than this page last saw.
    const offLink = bridge.onConnection((state) => {
      setLink(state);
      if (state === 'connected') void bridge.call('getView').then(setView, () => undefined);
    });
    return () => {
      off();
      offLink();
    };
  }, []);
  useEffect(() => {
    if (view?.boothId && !election) void bridge.call('getElection').then(setElection);
  }, [view?.boothId, election]);
  useEffect(() => {
    document.documentElement.lang = language;
    document.documentElement.dataset.size = size;
    document.documentElement.dataset.contrast = contrast ? 'high' : 'normal';
  }, [language, size, contrast]);
  // The keypad: its arrows, select and back are the keyboard's keys; help, repeat and volume are for
  // the headphones, whose voice is on from the voter's arrival.
  const tRef = useRef(t);
  tRef.current = t;
  const [speech] = useState(() => new Speech(() => tRef.current, (text, lang) => bridge.call('speak', { text, language: lang })));
  speech.language = language;
  useEffect(() => {
    void bridge.call('voice').then((voice) => (speech.boothVoice = voice.available));
  }, [speech]);
  useEffect(
    () =>
      bridge.on('keypad', (button) => {
        speech.enabled = true;
        const key = KEYPAD_KEYS[button];
        if (key) document.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
        if (button === 'help') speech.say(tRef.current('speech.help'));
        else if (button === 'repeat') speech.repeat();
        else if (button === 'volume-up' || button === 'volume-down') speech.changeVolume(button === 'volume-up' ? 1 : -1);
        else speech.announceSoon();
      }),
    [speech],
  );
  // A new screen starts from the top: the focus left on a control of the last screen is dropped, so
  // that "down" goes to the first item, never straight to a choice. A screen that changes by itself
  // ("recorded", "closed") is said too, once the voice is on.
  useEffect(() => {
    const root = document.getElementById('root');
    if (!root) return;
    let title = screenTitle();
    let lang = document.documentElement.lang;
    const observer = new MutationObserver(() => {
      const now = screenTitle();
      if (now === title) return;
      // The same screen in another language keeps its focus.
      const sameScreen = document.documentElement.lang !== lang;
      title = now;
      lang = document.documentElement.lang;
      if (!sameScreen && document.activeElement instanceof HTMLElement && root.contains(document.activeElement)) document.activeElement.blur();
      // A screen with one obvious next step starts on it ("Iniziare il voto": one press of the keypad).
      if (!sameScreen) root.querySelector<HTMLElement>('[data-autofocus]')?.focus();
      speech.announceNewScreen();
    });
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [speech]);

  // A new voter starts in Italian, at the default size and contrast, hearing where they are and how the
  // keys work, and the last voter's outcome is forgotten (else a cancelled session would end on the
  // previous voter's "recorded").
  useEffect(() => {
    if (view?.session) {
      speech.reset();
      speech.announceSoon();
      setOutcome(null);
      setLanguage('it');
      setSize('m');
      setContrast(false);
    }
  }, [view?.session?.id]);
  // Once voting is closed the booth is the president's again: its screen in Italian, whoever voted last.
  useEffect(() => {
    if (view?.state === 'closed') setLanguage('it');
  }, [view?.state]);

  if (!view) return null;
  const settings = <Settings {...{ t, language, setLanguage, size, setSize, contrast, setContrast }} />;
  return (
    <FitContext.Provider value={size}>
      {election?.training && (
        <p className="training" role="note">
          {t('training')}
        </p>
      )}
      {/* While the booth's service is away nothing can be cast: the voter is told to wait, the choices
          stay on the screen beneath (the same place in the tree, never made anew), and the page goes
          on by itself once the service is back. */}
      {link === 'lost' && (
        <div className="inactivity service-lost" role="alertdialog" aria-modal="true" aria-labelledby="lost-title" aria-describedby="lost-text" data-service="lost">
          <h2 id="lost-title">{t('lost.title')}</h2>
          <p id="lost-text">{t('lost.text')}</p>
        </div>
      )}
      <Screen {...{ view, election, outcome, setOutcome, t, language, settings }} serviceLost={link === 'lost'} />
    </FitContext.Provider>
  );
}

interface ScreenProps {
  readonly view: BoothView;
  readonly election: Election | null;
  readonly outcome: Outcome | null;
  readonly setOutcome: (outcome: Outcome) => void;
  readonly t: Translate;
  /** For the president's screens before voting (enrolment.tsx), which have their own catalogue. */
  readonly language: Language;
  readonly settings: React.ReactNode;
  readonly serviceLost: boolean;
}

/** The screen for the service's state, in one ordered switch. */
function Screen({ view, election, outcome, setOutcome, t, language, settings, serviceLost }: ScreenProps) {
  if (outcome && !outcome.recorded) return <Message title={t('notRecorded.title')} text={t('notRecorded.text')} detail={outcome.message ? `${t('oos.reason')}: ${outcome.message}` : null} />;
  switch (view.state) {
    case 'out-of-service':
      return <Message title={t('oos.title')} text={t('oos.text')} detail={view.reason ? `${t('oos.reason')}: ${t(`oos.${view.reason.code}`, view.reason.params)}` : null} />;
    case 'closed':
      return <Message title={t('closed.title')} />;
    case 'unenrolled':
      return <Unenrolled view={view} language={language} t={t} />;
    case 'confirming':
      return <ConfirmConsole view={view} language={language} />;
    case 'unpaired':
    case 'paired':
    case 'ready':
      return <NotOpen view={view} language={language} t={t} />;
    case 'in-session':
      if (view.session && election && outcome?.session !== view.session.id) {
        const session = view.session;
        const cast = async (selections: Record<string, Selection>) => {
          // A cast the service never answered leaves the voter where they are: the page says the
          // service is away, and once it is back the booth's view tells whether the vote went in.
          const result = await bridge.call('castBallots', { session: session.id, selections }).catch(() => null);
          if (!result) return;
          setOutcome(result.ok ? { session: session.id, recorded: true } : { session: session.id, recorded: false, message: failureText(t, result.error) });
        };
        return <Voting key={session.id} election={election} contests={session.contests} t={t} language={language} settings={settings} serviceLost={serviceLost} cast={cast} />;
      }
      // The vote just cast, before the service's view says the session is over; or a session opened
      // before this page has read the election: never "booth free" to a voter standing in it.
      if (outcome?.recorded && outcome.session === view.session?.id) return <Message title={t('recorded.title')} text={t('recorded.text')} />;
      return <Message title={t('preparing.title')} />;
    case 'idle':
      if (outcome?.recorded) return <Message title={t('recorded.title')} text={t('recorded.text')} />;
      return <Message title={t('waiting.title')} text={t('waiting.text')} detail={view.boothId ? t('booth.label', { id: view.boothId }) : null} />;
  }
}
