// Set-up (docs/design.md §2 step 2): the election package, the keys and their shares, the booths' pairing
// and zero reports, the optional section roll, and opening the vote.
import { useEffect, useState, type FormEvent } from 'react';
import { toBase64 } from '@seggio/crypto';
import type { PackageEntry } from '../shared/api.js';
import type { Refusal } from '../shared/refusals.js';
import { bridge } from './bridge.js';
import { ConsoleCertificate, RefusedBooths } from './enrolment.js';
import { Done, Fingerprint, Problems, useConsole, type Said } from './ui.js';

export interface GivenShares {
  readonly shares: readonly string[];
  readonly qrCodes: readonly string[];
  /** Each share's sheet to print, a PDF in base64. */
  readonly pdfs: readonly string[];
}

export function LoadPackage() {
  const { t, view } = useConsole();
  const [packages, setPackages] = useState<readonly PackageEntry[] | null>(null);
  const [problems, setProblems] = useState<readonly Said[] | null>(null);
  const [files, setFiles] = useState<FileList | null>(null);

  useEffect(() => {
    void bridge.call('listPackages').then((r) => setPackages(r.ok ? r.value : []));
  }, []);

  const load = async (file: string) => {
    const result = await bridge.call('loadPackage', { file });
    setProblems(result.ok ? null : result.error);
  };
  const loadFiles = async (event: FormEvent) => {
    event.preventDefault();
    const chosen = [...(files ?? [])];
    const signature = chosen.find((f) => f.name.endsWith('.sig'));
    const bytes = chosen.find((f) => !f.name.endsWith('.sig'));
    if (chosen.length !== 2 || !signature || !bytes) return setProblems([t('load.needTwo')]);
    const result = await bridge.call('loadElectionFiles', {
      bytes: toBase64(new Uint8Array(await bytes.arrayBuffer())),
      signature: toBase64(new Uint8Array(await signature.arrayBuffer())),
      names: { package: bytes.name, signature: signature.name },
    });
    setProblems(result.ok ? null : result.error);
  };

  return (
    <section aria-labelledby="load-title">
      <h1 id="load-title">{t('load.title')}</h1>
      <p>{t('load.office')}</p>
      <Fingerprint label={t('fp.office')} value={view.officeFingerprint} />
      <Problems title={t('load.refused')} items={problems} />
      {packages && packages.length > 0 && (
        <>
          <h2>{t('load.folder')}</h2>
          <ul className="plain">
            {packages.map((p) => (
              <li key={p.file}>
                {p.signature ? (
                  <button type="button" className="primary" onClick={() => void load(p.file)}>
                    {t('load.load', { file: p.file })}
                  </button>
                ) : (
                  <span>{t('load.noSig', { file: p.file })}</span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {packages && packages.length === 0 && <p>{t('load.none')}</p>}
      <form onSubmit={(e) => void loadFiles(e)}>
        <h2>{t('load.files')}</h2>
        <label className="field">
          {t('load.pick')}
          <input type="file" multiple accept=".json,.sig" onChange={(e) => setFiles(e.target.files)} />
        </label>
        <button type="submit">{t('load.submit')}</button>
      </form>
    </section>
  );
}

export function CreateKeys({ onShares }: { onShares: (shares: GivenShares) => void }) {
  const { t, view, election } = useConsole();
  const sections = election?.sections ?? [];
  const [section, setSection] = useState('');
  const [threshold, setThreshold] = useState(3);
  const [count, setCount] = useState(5);
  const [problem, setProblem] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = section || sections[0]?.id || '';

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await bridge.call('createKeys', { section: chosen, threshold, count });
    setBusy(false);
    if (!result.ok) return setProblem(result.error);
    onShares({ shares: result.value.shares, qrCodes: result.value.qrCodes, pdfs: result.value.pdfs });
  };

  return (
    <section aria-labelledby="keys-title">
      <h1 id="keys-title">{t('keys.title')}</h1>
      <Done>{t('keys.verified')}</Done>
      {view.election && <Fingerprint label={t('keys.digest')} value={view.election.digest} />}
      <Problems title={t('keys.refused')} items={problem ? [problem] : null} />
      <form onSubmit={(e) => void create(e)}>
        <label className="field">
          {t('keys.section')}
          <select value={chosen} onChange={(e) => setSection(e.target.value)}>
            {sections.map((s) => (
              <option key={s.id} value={s.id}>
                {s.id}: {s.name}, {s.address}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('keys.threshold')}
          <input type="number" min={2} max={20} value={threshold} onChange={(e) => setThreshold(Number(e.target.value))} />
        </label>
        <label className="field">
          {t('keys.count')}
          <input type="number" min={2} max={20} value={count} onChange={(e) => setCount(Number(e.target.value))} />
        </label>
        <button type="submit" className="primary" disabled={busy || !chosen}>
          {t('keys.create')}
        </button>
      </form>
    </section>
  );
}

/** One share at a time, to one seat member at a time; none is kept once the last is given. */
export function GiveShares({ shares, onDone }: { shares: GivenShares; onDone: () => void }) {
  const { t, view } = useConsole();
  const [index, setIndex] = useState(0);
  const n = shares.shares.length;
  const last = index === n - 1;
  return (
    <section aria-labelledby="shares-title">
      <h1 id="shares-title">{t('shares.title')}</h1>
      <p>{t('shares.once', { k: view.shares?.threshold ?? '', n })}</p>
      <h2>{t('shares.of', { i: index + 1, n })}</h2>
      <p>{t('shares.member', { i: index + 1 })}</p>
      <div className="share">
        <img src={shares.qrCodes[index]} alt={t('shares.qr', { i: index + 1 })} width={280} height={280} />
        <code className="share-text" data-share={index + 1}>
          {shares.shares[index]}
        </code>
      </div>
      <p>
        <a className="print" href={`data:application/pdf;base64,${shares.pdfs[index]}`} download={`quota-${index + 1}-di-${n}.pdf`}>
          {t('shares.print', { i: index + 1 })}
        </a>
      </p>
      <button type="button" className="primary" onClick={() => (last ? onDone() : setIndex(index + 1))}>
        {last ? t('shares.done') : t('shares.next')}
      </button>
    </section>
  );
}

export function Pairing() {
  const { t, view } = useConsole();
  const [problem, setProblem] = useState<Refusal | null>(null);
  const [rollProblems, setRollProblems] = useState<readonly Refusal[] | null>(null);
  // Each waiting booth is offered every name still free, so that the president names each booth by
  // where it stands (the one by the door B1): two booths waiting are never both told "B1" as if there
  // were no choice. The booth then shows the name it was given, for the president to check.
  const taken = new Set(view.booths.map((b) => b.id));
  const free = Array.from({ length: view.booths.length + view.pendingBooths.length }, (_, i) => `B${i + 1}`).filter((id) => !taken.has(id));

  const pair = async (fingerprint: string, id: string) => {
    const result = await bridge.call('pairBooth', { fingerprint, id });
    setProblem(result.ok ? null : result.error);
  };
  const open = async () => {
    const result = await bridge.call('openVoting');
    setProblem(result.ok ? null : result.error);
  };
  const importRoll = async (file: File | undefined) => {
    if (!file) return;
    const result = await bridge.call('importRoll', { file: file.name, text: await file.text() });
    setRollProblems(result.ok ? null : result.error);
  };
  const ready = view.booths.length > 0 && view.booths.every((b) => b.zeroReport);

  return (
    <section aria-labelledby="pair-title">
      <h1 id="pair-title">{t('pair.title')}</h1>
      <ConsoleCertificate />
      <Problems title={t('pair.refused')} items={problem ? [problem] : null} />
      <h2>{t('pair.pending')}</h2>
      <p>{t('pair.compare')}</p>
      {view.pendingBooths.length === 0 ? (
        <p>{t('pair.none')}</p>
      ) : (
        <ul className="plain">
          {view.pendingBooths.map((b) => (
            <li key={b.fingerprint} className="pending">
              <code className="big-fingerprint">{b.fingerprint}</code>
              <span>{t('pair.machine', { machine: b.machine })}</span>
              {free.map((id) => (
                <button key={id} type="button" className="primary" onClick={() => void pair(b.fingerprint, id)}>
                  {t('pair.confirm', { id })}
                </button>
              ))}
            </li>
          ))}
        </ul>
      )}
      <RefusedBooths />
      <h2>{t('pair.paired')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('enable.booth')}</th>
            <th scope="col">{t('pair.fingerprint')}</th>
            <th scope="col">{t('pair.zero')}</th>
          </tr>
        </thead>
        <tbody>
          {view.booths.map((b) => (
            <tr key={b.id}>
              <th scope="row">{b.id}</th>
              <td>
                <code>{b.fingerprint}</code>
              </td>
              <td>{b.zeroReport ? t('pair.zeroOk') : t('pair.zeroWait')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('roll.title')}</h2>
      <p>{t('roll.hint')}</p>
      <Problems title={t('roll.refused')} items={rollProblems} />
      {view.roll && <Done>{t('roll.size', { n: view.roll.electors, v: view.roll.voted })}</Done>}
      <label className="field">
        {t('roll.file')}
        <input type="file" accept=".csv,text/csv" onChange={(e) => void importRoll(e.target.files?.[0])} />
      </label>
      <div className="actions">
        {!ready && <p>{t('open.needBooths')}</p>}
        <button type="button" className="primary" disabled={!ready} onClick={() => void open()}>
          {t('open.button')}
        </button>
      </div>
    </section>
  );
}
