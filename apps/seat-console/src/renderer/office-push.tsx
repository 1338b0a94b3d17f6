// "Inviare al Comune" on the closing screen: how the push of the public export to the Comune's electoral
// office stands (sent and accepted, queued and why, refused and the office's reasons), and the button
// that sends it again now rather than at its next try.
import { useState } from 'react';
import type { Refusal } from '../shared/refusals.js';
import { bridge } from './bridge.js';
import { officeReason, Problems, timeOf, useConsole } from './ui.js';

export function OfficePushPanel() {
  const { t, view, election, language } = useConsole();
  const [refused, setRefused] = useState<readonly Refusal[] | null>(null);
  const push = view.officePush;
  if (!push || !election) return null;
  const when = (at: string | null) => (at ? timeOf(at, language, election.timezone) : t('office.time-unknown'));
  const send = async () => {
    const result = await bridge.call('retryOfficePush');
    setRefused(result.ok ? null : [result.error]);
  };
  return (
    <section aria-labelledby="office-push-title" className="panel">
      <h2 id="office-push-title">{t('office.title')}</h2>
      <div className={push.state === 'accepted' ? 'done' : 'notice'} role="status">
        {push.state === 'sending' && <p>{t('office.sending')}</p>}
        {push.state === 'queued' && push.problems.length === 0 && <p>{t('office.queued', { reason: push.reason, at: when(push.retryAt) })}</p>}
        {push.state === 'queued' && push.problems.length > 0 && <p>{t('office.queued-said', { at: when(push.retryAt) })}</p>}
        {push.state === 'accepted' && <p>{t('office.accepted', { at: when(push.at) })}</p>}
        {push.state === 'refused' && <p>{t('office.refused', { at: when(push.at) })}</p>}
        {push.state === 'refused' && push.unreadable !== null && <p>{t('office.answer-unreadable', { answer: push.unreadable })}</p>}
        {push.state === 'refused' && push.unreadable === null && push.problems.length === 0 && <p>{t('office.no-reasons')}</p>}
        {push.state === 'accepted' && push.problems.length > 0 && <p>{t('office.notes')}</p>}
        {push.state !== 'sending' && push.problems.length > 0 && (
          <ul className="office-reasons">
            {push.problems.map((p, i) => (
              <li key={i}>{officeReason(t, p)}</li>
            ))}
          </ul>
        )}
      </div>
      <Problems title={t('office.not-sent')} items={refused} />
      <button type="button" className="primary" disabled={push.state === 'accepted' || push.state === 'sending'} onClick={() => void send()}>
        {t('office.send')}
      </button>
    </section>
  );
}
