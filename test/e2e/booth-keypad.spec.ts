// A blind voter at the booth (docs/threat-model.md R27): the accessible keypad, a fake device behind node-hid's
// interface in the device thread, pressed from this test and from the web shell's virtual keypad page;
// the voter finds their way by what the booth says in the headphones, never by looking. The booth's
// voice is the real eSpeak NG: what the page asks it to say is recorded on the way, and the sound the
// page plays is measured. Without a voice of its own the booth falls back to the browser's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { parseElection, type Election } from '@seggio/ballot-core';
import { EspeakVoice, HardwareHost, loadProfiles } from '@seggio/hardware';
import { bySex, CATALOGUES, forVoice, listOf, translator } from '@seggio/booth/catalogue';
import { REPO_ROOT } from '../support/index.js';
import { PAD, keypadStation } from './keypad-station.js';
import { boothSelections, checkScreen, startStation, until } from './station.js';

const electionBytes = readFileSync(join(REPO_ROOT, 'demo', 'sanvalle-demo.election.json'));
const election = (parseElection(electionBytes) as { ok: true; value: Election }).value;
const [REF, COM] = election.scrutinyOrder as [string, string];

const day = keypadStation(electionBytes, '3');
const { voice, press, lastSaid } = day;
test.describe.configure({ mode: 'serial' });
// The kiosk's screen: the demo's scheda is on one page.
test.use({ viewport: { width: 1920, height: 1080 } });

type Played = { seconds: number; gain: number };
/** Records each sound the page starts, with its length and the volume it is played at. */
async function listen(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const played: { seconds: number; gain: number }[] = [];
    (window as unknown as { played: typeof played }).played = played;
    const gains = new WeakMap<AudioNode, number>();
    const connect = Reflect.get(AudioNode.prototype, 'connect') as (this: AudioNode, destination: AudioNode) => AudioNode;
    AudioNode.prototype.connect = function (this: AudioNode, destination: AudioNode) {
      if (this instanceof AudioBufferSourceNode && destination instanceof GainNode) gains.set(this, destination.gain.value);
      return connect.call(this, destination);
    } as typeof AudioNode.prototype.connect;
    const start: (this: AudioBufferSourceNode, when?: number) => void = Reflect.get(AudioBufferSourceNode.prototype, 'start');
    AudioBufferSourceNode.prototype.start = function (this: AudioBufferSourceNode, when?: number) {
      played.push({ seconds: this.buffer?.duration ?? 0, gain: gains.get(this) ?? 1 });
      start.call(this, when);
    };
  });
}
const played = (page: Page) => page.evaluate(() => (window as unknown as { played: Played[] }).played.slice());

/** Moves down until the booth says `name` (as a blind voter does), then selects it. */
async function choose(name: string | RegExp): Promise<void> {
  const heard: string[] = [];
  for (let i = 0; i < 80; i++) {
    const said = await press('down');
    const item = said.split('. ').at(-1)!;
    heard.push(item);
    if (typeof name === 'string' ? item === name || item.startsWith(`${name},`) : name.test(item)) {
      await press('select');
      return;
    }
  }
  throw new Error(`never heard ${String(name)}; heard: ${[...new Set(heard)].join(' | ')}`);
}

test('a voter completes the whole flow with the keypad and the headphones alone', async ({ page }) => {
  await listen(page);
  await page.goto(day.station.shell.url);
  await until(() => day.station.seat.getView().booths[0]?.state === 'idle');
  const enabled = day.station.seat.enableBooth({ booth: 'B1', category: 'IT', sex: 'F' });
  if (!enabled.ok) throw new Error(JSON.stringify(enabled.error));
  await expect(page.getByRole('heading', { name: 'Benvenuta, benvenuto' })).toBeVisible();
  // On arrival, before any key: where the voter is (a training election, said first), how the keys
  // work, and the one key that starts; help says the keys again, by the names printed on them.
  await expect.poll(lastSaid).toMatch(/^ELEZIONE DI PROVA — non valida\. Benvenuta, benvenuto\. Lei è nella cabina elettorale\. Schede da votare: 2\. Tastierino: .* Premere Conferma per iniziare il voto\. Iniziare il voto$/);
  expect(await press('help')).toBe('Tastierino: Giù e Su passano da una voce all’altra, come Destra e Sinistra; Conferma sceglie la voce; Indietro torna alla schermata precedente; Ripeti fa riascoltare; Aiuto ripete questa spiegazione; Volume + e Volume − regolano il volume.');
  expect(await press('volume-up')).toBe('Volume 100 per cento');
  expect(await press('volume-down')).toBe('Volume 80 per cento');
  // Said in Italian by the booth's voice, and played in the headphones at the voter's volume.
  expect(voice.said.at(-1)).toMatchObject({ language: 'it' });
  await expect.poll(async () => (await played(page)).at(-1)?.gain).toBeCloseTo(0.8, 5);
  expect(await press('repeat')).toBe('Volume 80 per cento');

  // One press starts: the focus is on "Iniziare il voto".
  await press('select');
  await expect.poll(lastSaid).toContain('Scheda 1 di 2');
  await choose('NO');
  expect(lastSaid()).toBe('NO, risposta, 2 di 2, segnato');
  await choose('Avanti');
  await expect.poll(lastSaid).toContain('Scheda 2 di 2');
  await choose('Sanvalle Domani');
  expect(lastSaid()).toBe('Sanvalle Domani, simbolo della lista, 4 di 6, collegata a TINARI ROBERTO, segnato. Il voto vale per il candidato sindaco TINARI ROBERTO e per la lista Sanvalle Domani.');
  await choose('Avanti');
  await expect.poll(lastSaid).toContain('Riepilogo del voto');
  await checkScreen(page, 'keypad-review');
  // Each ballot's "Modificare" names the ballot as the German and English ones do, with no article.
  expect(await press('down')).toBe('Modificare, scheda 1, Referendum costituzionale - riduzione del numero dei parlamentari');
  await choose('Confermare il voto');
  await choose('Sì, confermo il voto');
  // The recorded screen is said without a key being pressed.
  await expect.poll(lastSaid).toBe('Voto registrato. Grazie, può uscire dalla cabina.');
  await expect(page.getByRole('heading', { name: 'Voto registrato' })).toBeVisible();

  // Every announcement became sound, and the page played sound as long as the voice made: the last
  // one at least ("Voto registrato" and what follows), which no key cut short.
  expect(voice.said.every((s) => s.seconds > 0.3)).toBe(true);
  await expect.poll(async () => (await played(page)).at(-1)?.seconds ?? 0).toBeCloseTo(voice.said.at(-1)!.seconds, 1);

  // What the booth recorded is what the voter heard and chose.
  const selections = await boothSelections(day.station, electionBytes, election);
  expect(Object.fromEntries(selections)).toEqual({ [REF]: { answer: 'NO' }, [COM]: { mayor: null, list: 'L2', preferences: [] } });
});

const LANGUAGE_NAMES = { it: 'Italiano', de: 'Deutsch', en: 'English' } as const;

for (const language of ['it', 'de', 'en'] as const) {
  test(`a whole keypad-only vote is spoken in ${LANGUAGE_NAMES[language]}: the question, every choice and the review's read-back`, async ({ page }) => {
    test.setTimeout(120_000);
    const t = translator(language);
    await page.goto(day.station.shell.url);
    await until(() => day.station.seat.getView().booths[0]?.state === 'idle' && !day.station.seat.getView().booths[0]?.session);
    const from = voice.said.length;
    const enabled = day.station.seat.enableBooth({ booth: 'B1', category: 'IT', sex: 'M' });
    if (!enabled.ok) throw new Error(JSON.stringify(enabled.error));
    await expect.poll(lastSaid).toContain('Benvenuta, benvenuto.');
    if (language !== 'it') await choose(LANGUAGE_NAMES[language]);
    await choose(t('welcome.start'));
    /** Down through every control of the screen, as a voter listening to all of it; what each said. */
    const listenToAll = async () => {
      const controls = await page.locator('#root button:not([disabled])').count();
      const items: string[] = [];
      for (let i = 0; i < controls; i++) items.push(await press('down'));
      return items;
    };
    const onReferendum = await listenToAll();
    await choose(t('ref.no'));
    await choose(t('ballot.next'));
    await listenToAll();
    await choose('Sanvalle Domani');
    // Another list's lines, once a list is voted: they do not open, and the voter hears and reads which
    // list the vote went to and what to do to write preferences there; the vote stays where it was.
    await choose(new RegExp(`^${t('pref.line', { i: 1, n: 2, list: 'Insieme per Sanvalle' })}`));
    const elsewhere = t('pref.otherList', { voted: 'Sanvalle Domani', list: 'Insieme per Sanvalle' });
    expect(lastSaid()).toContain(elsewhere);
    await expect(page.getByRole('alert')).toHaveText(elsewhere);
    await expect(page.getByRole('status')).toHaveText(t('counts.mayorAndList', { mayor: 'TINARI ROBERTO', list: 'Sanvalle Domani' }));
    await choose(new RegExp(`^${t('pref.line', { i: 1, n: 2, list: 'Sanvalle Domani' })}`));
    // On arriving at the lines: how many preferences may be written, of which sex, and how many are.
    const may = t('pref.mayDifferent', { max: 2 });
    expect(lastSaid()).toContain(`${t('pref.title', { list: 'Sanvalle Domani' })}. ${may} ${t('pref.given', { given: 0, max: 2 })}`);
    await expect(page.locator('.ballot-head .rules')).toHaveText(may);
    await expect(page.getByRole('status')).toHaveText(t('pref.given', { given: 0, max: 2 }));
    await choose('DOSSINI SARA');
    // What the mark did, said as a sentence of its own after the name.
    expect(lastSaid()).toContain(`${t('speech.marked')}. ${t('pref.given', { given: 1, max: 2 })}`);
    await choose(t('pref.done'));
    // Back on the scheda: its name, what the marks count for, and the line just written; not the rules again.
    const written = `${t('counts.mayorAndList', { mayor: 'TINARI ROBERTO', list: 'Sanvalle Domani' })} ${t('counts.preferences', { names: 'DOSSINI SARA' })}`;
    const back = lastSaid();
    expect(back.startsWith(`${t('ballot.of', { i: 2, n: 2 })}. `), back).toBe(true);
    expect(back.endsWith(`. ${written} ${t('pref.line', { i: 1, n: 2, list: 'Sanvalle Domani' })}: DOSSINI SARA`), back).toBe(true);
    expect(back).not.toContain(t('rules.choices', { n: 6 }));
    await choose(t('ballot.next'));
    await expect.poll(lastSaid).toContain(t('review.title'));
    await listenToAll();
    await choose(t('review.confirm'));
    await choose(t('confirm.yes'));
    await expect.poll(lastSaid, { timeout: 15_000 }).toBe(`${t('recorded.title')}. ${t('recorded.text')}`);

    const said = voice.said.slice(from);
    const heard = said.map((s) => s.text).join('\n');
    const referendum = election.contests.find((c) => c.id === REF)!;
    const municipal = election.contests.find((c) => c.id === COM)!;
    if (referendum.type !== 'referendum' || municipal.type !== 'municipal') throw new Error('the demo has a referendum and a municipal ballot');
    const choices = [t('ref.yes'), t('ref.no'), ...municipal.mayors.map((m) => `${m.surname} ${m.name}`), ...municipal.lists.map((l) => l.name), t('ballot.blank')];
    // The question as a person reads it aloud: "n. 240" is "numero 240" (eSpeak NG would say the letter).
    for (const expected of [t('training'), forVoice(referendum.question, language), ...choices]) expect(heard, `the voice said "${expected}"`).toContain(expected);
    expect(heard).toContain(`${language === 'de' ? 'Nummer' : language === 'en' ? 'number' : 'numero'} 240`);
    expect(heard).not.toContain('n. 240');
    // The controls below the scheda are named in the order the arrows reach them.
    const controls = onReferendum.slice(2).map((item) => item.split(', ')[0]!);
    expect(controls).toEqual([t('ballot.back'), t('ballot.blank'), t('ballot.next')]);
    expect(heard).toContain(listOf(controls, language));
    // Each ballot's kind in the voter's language before its title, which the package gives in Italian
    // only; in Italian the title says it.
    const titled = (c: typeof referendum | typeof municipal) => (language === 'it' ? c.title : `${t(`kind.${c.type}`)}: ${c.title}`);
    expect(heard).toContain(`${t('ballot.of', { i: 1, n: 2 })}. ${titled(referendum)}. `);
    expect(heard).toContain(`${t('ballot.of', { i: 2, n: 2 })}. ${titled(municipal)}. `);
    // Each choice of the scheda by its position within the one count announced, a woman as such.
    const reach = municipal.mayors.flatMap((m) => [{ name: `${m.surname} ${m.name}`, kind: t(bySex('mun.mayor', m.sex)) }, ...m.lists.map((id) => ({ name: municipal.lists.find((l) => l.id === id)!.name, kind: t('mun.list') }))]);
    expect(heard).toContain(t('rules.choices', { n: reach.length }));
    reach.forEach(({ name, kind }, i) => expect(heard).toContain(`${name}, ${kind}, ${t('speech.position', { i: i + 1, n: reach.length })}`));
    const domani = municipal.lists.find((l) => l.name === 'Sanvalle Domani')!;
    const sara = domani.candidates.findIndex((c) => c.surname === 'DOSSINI');
    expect(heard).toContain(`DOSSINI SARA, ${t(bySex('pref.candidate', 'F'), { i: sara + 1, n: domani.candidates.length })}`);
    // The review reads back every contest's choice and what it counts for.
    const review = said.find((s) => s.text.startsWith(t('review.title')))!.text;
    expect(review).toContain(`${t('ballot.of', { i: 1, n: 2 })}, ${titled(referendum)}: ${t('review.answer', { answer: t('ref.no') })}`);
    expect(review).toContain(`${t('counts.mayorAndList', { mayor: 'TINARI ROBERTO', list: 'Sanvalle Domani' })} ${t('counts.preferences', { names: 'DOSSINI SARA' })}`);
    // All of it in the voter's language, once chosen.
    expect(said.slice(language === 'it' ? 0 : said.findIndex((s) => s.language === language)).every((s) => s.language === language)).toBe(true);
  });
}

test('a scheda on two pages says so on arrival, and the page turned says which page it is', async ({ page }) => {
  const t = translator('it');
  // The demo's municipal scheda is on one page of the kiosk's 1920×1080 at every text size; on a
  // lower screen, at the largest text, it takes two.
  await page.setViewportSize({ width: 1920, height: 800 });
  await page.goto(day.station.shell.url);
  await until(() => day.station.seat.getView().booths[0]?.state === 'idle' && !day.station.seat.getView().booths[0]?.session);
  const enabled = day.station.seat.enableBooth({ booth: 'B1', category: 'IT', sex: 'M' });
  if (!enabled.ok) throw new Error(JSON.stringify(enabled.error));
  await expect.poll(lastSaid).toContain('Benvenuta, benvenuto.');
  await choose(t('welcome.size.l'));
  await choose(t('welcome.start'));
  await choose(t('ref.yes'));
  await choose(t('ballot.next'));
  await expect.poll(lastSaid).toContain('Scheda 2 di 2');
  await expect(page.locator('.page')).toHaveAttribute('data-page', '1/2');
  expect(lastSaid()).toContain(t('page.intro', { n: 2, more: t('page.more') }));
  await choose(new RegExp(`^${t('page.more')}`));
  await expect(page.locator('.page')).toHaveAttribute('data-page', '2/2');
  // The page first, then the first choice on it, by its place in the scheda's one count.
  expect(lastSaid()).toMatch(/^Pagina 2 di 2\. [^.]+, [2-6] di 6, non segnato$/);
  day.station.seat.cancelSession({ session: enabled.value.session });
  await expect(page.getByRole('heading', { name: 'Cabina libera' })).toBeVisible();
});

test('the web shell serves a virtual keypad that presses the fake one, whose printed labels are the keys the voice names; the next voter hears the arrival afresh', async ({ page, context }) => {
  await listen(page);
  await page.goto(day.station.shell.url);
  await until(() => day.station.seat.getView().booths[0]?.state === 'idle' && !day.station.seat.getView().booths[0]?.session);
  const enabled = day.station.seat.enableBooth({ booth: 'B1', category: 'IT', sex: 'M', accepts: [REF] });
  if (!enabled.ok) throw new Error(JSON.stringify(enabled.error));
  await expect(page.getByRole('heading', { name: 'Benvenuta, benvenuto' })).toBeVisible();
  const pad = await context.newPage();
  await pad.goto(day.station.shell.url.replace('/?token=', '/keypad.html?token='));
  await expect(pad.getByText('Collegato alla cabina.')).toBeVisible();
  // Each key's printed label is the name help and the hints give it.
  const labels = await pad.locator('button[data-button]').evaluateAll((keys) => keys.map((k) => [(k as HTMLElement).dataset.button, k.textContent]));
  expect(labels).toHaveLength(10);
  for (const [button, label] of labels) expect(label, `the ${button} key`).toBe(CATALOGUES.it[`key.${button}` as keyof typeof CATALOGUES.it]);
  await expect.poll(lastSaid).toMatch(/^ELEZIONE DI PROVA — non valida\. Benvenuta, benvenuto\. Lei è nella cabina elettorale\. /);
  await pad.getByRole('button', { name: 'Aiuto' }).click();
  await expect.poll(lastSaid).toMatch(/^Tastierino: Giù e Su /);
  await pad.getByRole('button', { name: 'Giù' }).click();
  await expect.poll(lastSaid).toBe('Italiano, segnato');
  // The bridge takes only the keypad's buttons from the page.
  const refused = await pad.evaluate(
    () =>
      new Promise<unknown>((resolve) => {
        const socket = new WebSocket(`ws://${location.host}/bridge${location.search}`);
        socket.onopen = () => socket.send(JSON.stringify({ id: 1, method: 'pressKeypad', input: { button: 'eject' } }));
        socket.onmessage = (event) => {
          const message = JSON.parse(String(event.data)) as { id?: number };
          if (message.id === 1) resolve(message);
        };
      }),
  );
  expect(refused).toEqual({ id: 1, result: { ok: false, error: 'not a keypad button' } });
  day.station.seat.cancelSession({ session: enabled.value.session });
  await expect(page.getByRole('heading', { name: 'Cabina libera' })).toBeVisible();
});

test("the console hears whether the booth's keypad is there: pulled out, then plugged in again; and that it has its voice", async () => {
  await until(() => day.station.seat.getView().booths[0]?.keypad === 'connected');
  expect(day.station.seat.getView().booths[0]?.voice).toBe(true);
  day.keypad.fake.unplug(PAD);
  await until(() => day.station.seat.getView().booths[0]?.keypad === 'absent');
  day.keypad.fake.plug(PAD);
  await until(() => day.station.seat.getView().booths[0]?.keypad === 'connected');
  // Its connection only: keys pressed send nothing to the console.
  const heard: string[] = [];
  const listener = (_booth: string, body: { type: string }) => heard.push(body.type);
  day.station.seat.on('booth', listener);
  for (const button of ['down', 'select', 'help', 'back'] as const) day.keypad.fake.press(PAD, button);
  day.keypad.fake.unplug(PAD);
  await until(() => heard.length > 0);
  await new Promise((r) => setTimeout(r, 200));
  day.station.seat.off('booth', listener);
  expect(heard).toEqual(['devices']);
  day.keypad.fake.plug(PAD);
});

test("a booth whose voice is missing speaks with the browser's speech synthesis, and the console is told", async ({ page }) => {
  const pad = HardwareHost.start({ profiles: loadProfiles().profiles.filter((p) => p.kind === 'booth-keypad'), backend: 'fake', scanMs: 50 });
  pad.fake.plug(PAD);
  const silent = await startStation(electionBytes, '3', { source: pad, voice: new EspeakVoice({ command: 'seggio-no-such-espeak' }) });
  try {
    await page.addInitScript(() => {
      const log: { text: string; lang: string; volume: number }[] = [];
      (window as unknown as { synthesised: typeof log }).synthesised = log;
      speechSynthesis.speak = (utterance: SpeechSynthesisUtterance) => void log.push({ text: utterance.text, lang: utterance.lang, volume: utterance.volume });
    });
    await page.goto(silent.shell.url);
    silent.seat.openVoting();
    await until(() => silent.seat.getView().booths[0]?.state === 'idle');
    const enabled = silent.seat.enableBooth({ booth: 'B1', category: 'IT', sex: 'M' });
    if (!enabled.ok) throw new Error(JSON.stringify(enabled.error));
    await expect(page.getByRole('heading', { name: 'Benvenuta, benvenuto' })).toBeVisible();
    await until(() => pad.status()[0]?.state === 'connected');
    const before = voice.said.length;
    const synthesised = () => page.evaluate(() => (window as unknown as { synthesised: { text: string; lang: string; volume: number }[] }).synthesised.slice());
    // The arrival message first, then help when asked.
    await expect.poll(async () => (await synthesised()).at(-1)?.text).toMatch(/Benvenuta, benvenuto\. /);
    pad.fake.press(PAD, 'help');
    await expect.poll(async () => (await synthesised()).at(-1)).toMatchObject({ text: expect.stringMatching(/^Tastierino: /), lang: 'it-IT', volume: expect.closeTo(0.8, 5) });
    expect(voice.said.length).toBe(before);
    // The president sees that this booth has no voice of its own.
    await until(() => silent.seat.getView().booths[0]?.voice === false);
  } finally {
    await silent.stop();
    await pad.stop();
  }
});
