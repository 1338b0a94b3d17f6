// The booth's screens for the president before voting (docs/design.md §6): its certificate imported from
// the drive, and the console's machine id and fingerprint confirmed on the booth itself (R32).
import { useCallback, useEffect, useState } from 'react';
import type { BoothView } from '../shared/api.js';
import { bridge } from './bridge.js';
import { enrolmentTranslator, noticeText } from './enrolment-i18n.js';
import type { Language, Translate } from './i18n.js';
import { useKeys } from './use-keys.js';

function Notice({ view, language }: { view: BoothView; language: Language }) {
  if (!view.notice) return null;
  const imported = view.notice.code === 'certificate-imported';
  return (
    <p className={imported ? 'detail' : 'refusal'} role={imported ? 'status' : 'alert'}>
      {noticeText(enrolmentTranslator(language), view.notice)}
    </p>
  );
}

/** Not enrolled: the certificate files on the drive, one button each. */
export function Unenrolled({ view, language, t }: { view: BoothView; language: Language; t: Translate }) {
  useKeys(useCallback(() => undefined, []));
  const e = enrolmentTranslator(language);
  const [files, setFiles] = useState<string[] | null>(null);
  useEffect(() => {
    void bridge.call('listCertificates').then(setFiles);
  }, [view.notice]);
  return (
    <section className="screen message" aria-labelledby="title">
      <h1 id="title">{e('unenrolled.title')}</h1>
      <p>{e('unenrolled.text')}</p>
      <p className="detail">{`${t('notOpen.fingerprint')}: ${view.boothFingerprint}`}</p>
      <Notice view={view} language={language} />
      {files && files.length === 0 && <p>{e('unenrolled.none')}</p>}
      {files?.map((file) => (
        <button key={file} type="button" onClick={() => void bridge.call('importCertificate', { file })}>
          {e('unenrolled.import', { file })}
        </button>
      ))}
    </section>
  );
}

/** Enrolled, waiting for a console or its zero report: who the booth is. */
export function NotOpen({ view, language, t }: { view: BoothView; language: Language; t: Translate }) {
  useKeys(useCallback(() => undefined, []));
  const e = enrolmentTranslator(language);
  return (
    <section className="screen message" aria-labelledby="title">
      <h1 id="title">{view.boothId ? `${t('booth.label', { id: view.boothId })} · ${t('notOpen.title')}` : t('notOpen.title')}</h1>
      <p>{`${t('notOpen.fingerprint')}: ${view.boothFingerprint}`}</p>
      {view.machine && <p className="detail">{`${e('machine')}: ${view.machine}`}</p>}
      {view.consoleFingerprint && <p className="detail">{`${t('notOpen.console')}: ${view.consoleFingerprint}${view.consoleMachine ? ` (${view.consoleMachine})` : ''}`}</p>}
      <Notice view={view} language={language} />
    </section>
  );
}

/** A console's set-up holds: the president compares its machine id and fingerprint, then answers. */
export function ConfirmConsole({ view, language }: { view: BoothView; language: Language }) {
  useKeys(useCallback(() => undefined, []));
  const e = enrolmentTranslator(language);
  const pending = view.pendingConsole!;
  return (
    <section className="screen message" aria-labelledby="title">
      <h1 id="title">{e('confirm.title')}</h1>
      <p>{e('confirm.text')}</p>
      <p>
        {`${e('confirm.machine')}: `}
        <strong>{pending.machine}</strong>
      </p>
      <p>
        {`${e('confirm.fingerprint')}: `}
        <strong>{pending.fingerprint}</strong>
      </p>
      <button type="button" className="primary" onClick={() => void bridge.call('confirmConsole', { accept: true })}>
        {e('confirm.accept')}
      </button>
      <button type="button" onClick={() => void bridge.call('confirmConsole', { accept: false })}>
        {e('confirm.refuse')}
      </button>
    </section>
  );
}
