// Inactivity (docs/threat-model.md R11, R27): first a warning, then the booth asks for the president. Nothing is
// ever cast by itself, and the voter's choices stay as they were.
import { useEffect, useState } from 'react';
import { bridge } from './bridge.js';
import type { Translate } from './i18n.js';

/** Defaults for a real booth; the web shell's address may shorten them for training and tests. */
function delays(): { warn: number; call: number } {
  const given = Number(new URLSearchParams(location.search).get('inactivity'));
  return given > 0 ? { warn: given, call: given * 2 } : { warn: 90_000, call: 150_000 };
}

export type Inactivity = 'active' | 'warned' | 'call-president';

/**
 * `paused` while the booth's service is away: a voter is never timed out because the machine failed.
 * The time waited then starts again from nothing once the service is back.
 */
export function useInactivity(paused: boolean): [Inactivity, () => void] {
  const [state, setState] = useState<Inactivity>('active');
  const [since, setSince] = useState(() => Date.now());
  useEffect(() => {
    if (!paused) setSince(Date.now());
  }, [paused]);
  useEffect(() => {
    if (paused) return;
    const { warn, call } = delays();
    const reset = () => setSince(Date.now());
    const events = ['pointerdown', 'keydown'] as const;
    for (const e of events) document.addEventListener(e, reset, { capture: true });
    const tick = setInterval(() => {
      const idle = Date.now() - since;
      setState((current) => (idle >= call ? 'call-president' : idle >= warn ? (current === 'call-president' ? current : 'warned') : current));
    }, Math.min(250, warn / 4));
    return () => {
      clearInterval(tick);
      for (const e of events) document.removeEventListener(e, reset, { capture: true });
    };
  }, [since, paused]);
  return [
    state,
    () => {
      setSince(Date.now());
      setState('active');
    },
  ];
}

export function InactivityNotice({ state, resume, t }: { state: Inactivity; resume: () => void; t: Translate }) {
  // The call is shown on this booth's tile at the console too, until the voter goes on (or the session ends).
  useEffect(() => {
    if (state !== 'call-president') return;
    void bridge.call('callPresident', { calling: true }).catch(() => undefined);
    return () => void bridge.call('callPresident', { calling: false }).catch(() => undefined);
  }, [state]);
  if (state === 'active') return null;
  return (
    <div className="inactivity" role="alertdialog" aria-modal="true" aria-labelledby="inactivity-title" aria-describedby="inactivity-text">
      <h2 id="inactivity-title">{state === 'warned' ? t('inactivity.title') : t('oos.text')}</h2>
      <p id="inactivity-text">{state === 'warned' ? t('inactivity.text') : t('inactivity.call')}</p>
      <button type="button" className="primary" autoFocus onClick={resume}>
        {t('inactivity.continue')}
      </button>
    </div>
  );
}
