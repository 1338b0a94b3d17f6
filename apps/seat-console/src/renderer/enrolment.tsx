// The console's own certificate (docs/design.md §6): imported from the drive's `macchine/` folder before any
// booth is paired, refused with the file and the reason; once imported, the machine id is shown.
import { useEffect, useState } from 'react';
import { bridge } from './bridge.js';
import { knownKey } from './i18n.js';
import type { Refusal } from '../shared/refusals.js';
import { Done, Problems, useConsole } from './ui.js';

export function ConsoleCertificate() {
  const { t, view } = useConsole();
  const [files, setFiles] = useState<readonly string[] | null>(null);
  const [problem, setProblem] = useState<Refusal | null>(null);
  useEffect(() => {
    if (!view.consoleMachine) void bridge.call('listCertificates').then(setFiles);
  }, [view.consoleMachine]);

  const importFile = async (file: string) => {
    const result = await bridge.call('importCertificate', { file });
    setProblem(result.ok ? null : result.error);
  };

  return (
    <section aria-labelledby="enrol-title">
      <h2 id="enrol-title">{t('enrol.title')}</h2>
      {view.consoleMachine ? (
        <Done>{t('enrol.done', { machine: view.consoleMachine })}</Done>
      ) : (
        <>
          <p>{t('enrol.missing')}</p>
          <Problems title={t('enrol.refused')} items={problem ? [problem] : null} />
          {files && files.length === 0 && <p>{t('enrol.none')}</p>}
          <ul className="plain">
            {files?.map((file) => (
              <li key={file}>
                <button type="button" onClick={() => void importFile(file)}>
                  {t('enrol.import', { file })}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The booths refused at pairing lately (the log's booth-refused entries), each with its reason in words. */
export function RefusedBooths() {
  const { t, view } = useConsole();
  const refused = view.log.filter((e) => e.event === 'booth-refused').slice(-5);
  if (refused.length === 0) return null;
  return (
    <>
      <h2>{t('pair.refusedBooths')}</h2>
      <ul>
        {refused.map((e) => {
          const key = knownKey(`refusal.booth-${String(e.detail.reason)}`);
          const params = { fingerprint: String(e.detail.fingerprint), machine: String(e.detail.machine || '?') };
          return <li key={e.seq}>{key ? t(key, params) : t('event.booth-refused')}</li>;
        })}
      </ul>
    </>
  );
}
