// A whole polling station in Chromium: the seat console and two booths, each through its web shell,
// driven only through their screens. Set-up (package, keys, shares, each machine's certificate
// imported from the drive, pairing by fingerprint and machine id confirmed on console and booth, roll), ten voters (one EU
// citizen who gets only the municipal ballot, one cancelled, a roll voter refused a second vote), a
// turnout checkpoint exported for the Prefettura, close, count with three of the five shares and
// export; then `seggio verify` accepts the bundle and the verbale's QR code is the tally's digest.
// Every console screen is checked with axe-core and photographed into docs/screens/.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { encodeSidecar, parseElection, signBytes, signCertificate, tallyDigest, type Election, type TallyDocument } from '@seggio/ballot-core';
import { BoothService } from '@seggio/booth';
import { startBoothWebShell, type WebShell } from '@seggio/booth/web';
import { toBase64 } from '@seggio/crypto';
import { createKeyFile } from '@seggio/crypto/key-file';
import { nodeCrypto } from '@seggio/crypto/node';
import { EspeakVoice } from '@seggio/hardware';
import { SeatConsole } from '@seggio/seat-console';
import { startConsoleWebShell } from '@seggio/seat-console/web';
import { pdfQrCodes, pdfText, pngQrCode, REPO_ROOT } from '../support/index.js';
import { button, checkScreen, until } from './station.js';

const DEMO = join(REPO_ROOT, 'demo');
const electionBytes = readFileSync(join(DEMO, 'sanvalle-demo.election.json'));
const election = (parseElection(electionBytes) as { ok: true; value: Election }).value;
const [REF, COM] = election.scrutinyOrder as [string, string];
/** The demo roll: number -> "Surname Name". */
const ROLL = new Map(
  readFileSync(join(DEMO, 'lista-sezionale.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(';'))
    .map(([number, surname, name]) => [Number(number), `${surname} ${name}`]),
);

const day = mkdtempSync(join(tmpdir(), 'seggio-console-e2e-'));
const drive = join(day, 'drive');
const exportDir = join(day, 'export');
const office = nodeCrypto.generateSigningKeyPair();
let seat: SeatConsole;
let consoleShell: WebShell;
const booths: { service: BoothService; shell: WebShell }[] = [];

test.beforeAll(async () => {
  mkdirSync(drive);
  writeFileSync(join(drive, 'election.json'), electionBytes);
  writeFileSync(join(drive, 'election.json.sig'), encodeSidecar(signBytes(nodeCrypto, electionBytes, office)));
  writeFileSync(join(day, 'office.pub'), toBase64(office.publicKey));
  // Enrolment at the office (docs/design.md §6): each machine's key, and the office's certificate for it
  // on the drive, which each app imports through its own screen below.
  mkdirSync(join(drive, 'macchine'));
  for (const [role, machine, file] of [['console', 'CONSOLE-S3', 'console'], ['booth', 'CABINA-S3-1', 'booth-1'], ['booth', 'CABINA-S3-2', 'booth-2']] as const) {
    const key = createKeyFile(nodeCrypto, join(day, 'machines', `${file}.key`));
    const signed = signCertificate(nodeCrypto, office, { comune: election.comune.istat, role, machine, publicKey: toBase64(key.publicKey) });
    writeFileSync(join(drive, 'macchine', `${machine}.json`), signed.bytes);
    writeFileSync(join(drive, 'macchine', `${machine}.json.sig`), encodeSidecar(signed.sidecar));
  }
  seat = await SeatConsole.start(nodeCrypto, { storePath: join(day, 'console.db'), machineKeyPath: join(day, 'machines', 'console.key'), officeKey: office.publicKey, host: '127.0.0.1', port: 0, packagesDir: drive, exportDir });
  consoleShell = await startConsoleWebShell(seat, join(REPO_ROOT, 'apps', 'seat-console', 'dist', 'renderer'));
  for (const i of [1, 2]) {
    const service = BoothService.start(nodeCrypto, { storePath: join(day, `booth-${i}.db`), machineKeyPath: join(day, 'machines', `booth-${i}.key`), driveDir: drive, officeKey: office.publicKey, consoleUrl: seat.url });
    booths.push({ service, shell: await startBoothWebShell(service, join(REPO_ROOT, 'apps', 'booth', 'dist', 'renderer'), 0, { voice: new EspeakVoice() }) });
  }
});
test.afterAll(async () => {
  for (const { service, shell } of booths) {
    await shell.close();
    service.stop();
  }
  await consoleShell?.close();
  await seat?.stop();
});

test.describe.configure({ mode: 'serial' });

let president: Page;
let boothPages: Page[];
const shares: string[] = [];
test.beforeAll(async ({ browser }) => {
  president = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  boothPages = [];
  for (const b of booths) {
    // The booth kiosk's screen: its scheda is on one page there.
    const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    await page.goto(b.shell.url);
    boothPages.push(page);
  }
});

test('set-up: a tampered package is refused with its reason, the signed one loads', async () => {
  await president.goto(consoleShell.url);
  await expect(president.getByRole('heading', { name: "Caricamento del pacchetto dell'elezione" })).toBeVisible();
  await expect(president.getByText(seat.getView().officeFingerprint).first()).toBeVisible();
  await checkScreen(president, 'load', 'console');
  // The same package with one byte changed, chosen as files: the office's signature no longer holds.
  const tampered = join(day, 'tampered');
  mkdirSync(tampered);
  writeFileSync(join(tampered, 'sanvalle-modificato.json'), Buffer.from(electionBytes.toString('utf8').replace('Sezione 3', 'Sezione 4')));
  copyFileSync(join(drive, 'election.json.sig'), join(tampered, 'firma-ufficio.sig'));
  await president.getByLabel('Il pacchetto (election.json) e la sua firma (election.json.sig)').setInputFiles([join(tampered, 'sanvalle-modificato.json'), join(tampered, 'firma-ufficio.sig')]);
  await button(president, 'Verificare e caricare i file scelti').click();
  await expect(president.getByRole('alert')).toContainText('Pacchetto rifiutato');
  await expect(president.getByRole('alert')).toContainText('firma-ufficio.sig: la firma non corrisponde al pacchetto: è stato modificato dopo la firma');
  await checkScreen(president, 'load-refused', 'console');
  await button(president, 'Verificare e caricare election.json').click();
  await expect(president.getByRole('heading', { name: 'Elezione verificata' })).toBeVisible();
  await expect(president.getByText(seat.getView().election!.digest)).toBeVisible();
  await expect(president.getByText('ELEZIONE DI PROVA')).toBeVisible();
  await checkScreen(president, 'keys', 'console');
});

test('set-up: the keys are created and each of the five shares is shown once, as text and as a QR code', async () => {
  await button(president, 'Creare le chiavi del seggio').click();
  await expect(president.getByRole('heading', { name: "Consegna delle quote della chiave dell'urna" })).toBeVisible();
  for (let i = 1; i <= 5; i++) {
    await expect(president.getByRole('heading', { name: `Quota ${i} di 5` })).toBeVisible();
    const share = (await president.locator('.share-text').textContent())!.trim();
    expect(shares).not.toContain(share);
    shares.push(share);
    // The QR code on screen reads back as the share's text.
    expect(pngQrCode(await president.getByRole('img', { name: `Codice QR della quota ${i}` }).screenshot())).toBe(share);
    if (i === 1) {
      await checkScreen(president, 'shares', 'console');
      // The member's sheet to print: the share's text and its QR code, read back from the PDF.
      const [download] = await Promise.all([president.waitForEvent('download'), president.getByRole('link', { name: `Stampare il foglio della quota ${i} (PDF, per il componente del seggio)` }).click()]);
      expect(download.suggestedFilename()).toBe(`quota-${i}-di-5.pdf`);
      const sheet = join(day, download.suggestedFilename());
      await download.saveAs(sheet);
      const printed = pdfText(sheet);
      expect(printed).toContain(`Quota ${i} di 5 della chiave dell'urna`);
      expect(printed.replace(/\s+/g, '')).toContain(share);
      expect(pdfQrCodes(sheet)).toEqual([share]);
    }
    await button(president, i < 5 ? 'Consegnata: mostrare la successiva' : 'Consegnata: tutte le quote sono state consegnate').click();
  }
  await expect(president.getByRole('heading', { name: 'Abbinamento delle cabine' })).toBeVisible();
  // Given out, the shares are nowhere on the console's screen again.
  for (const share of shares) await expect(president.getByText(share)).toHaveCount(0);
});

test("set-up: the console imports its certificate, refusing a booth's; each booth imports its own", async () => {
  await expect(president.getByText('Questa postazione non è ancora registrata')).toBeVisible();
  // The booths, not enrolled yet, were refused when they said hello: the president reads why.
  for (const b of booths) await expect(president.getByText(`la cabina con impronta ${b.service.getView().boothFingerprint} non ha un certificato dell'ufficio elettorale`)).toBeVisible();
  await button(president, 'Importare CABINA-S3-1.json').click();
  await expect(president.getByRole('alert')).toContainText('macchine/CABINA-S3-1.json: registra una cabina, non una postazione del presidente');
  await button(president, 'Importare CONSOLE-S3.json').click();
  await expect(president.getByText("Postazione registrata dall'ufficio elettorale come CONSOLE-S3.")).toBeVisible();
  for (const [i, page] of boothPages.entries()) {
    await expect(page.getByRole('heading', { name: 'Cabina non registrata' })).toBeVisible();
    if (i === 0) {
      await page.getByRole('button', { name: 'Importare CABINA-S3-2.json' }).click();
      await expect(page.getByRole('alert')).toContainText("macchine/CABINA-S3-2.json: è per un'altra chiave (macchina CABINA-S3-2)");
      await checkScreen(page, 'unenrolled');
    }
    await page.getByRole('button', { name: `Importare CABINA-S3-${i + 1}.json` }).click();
    await expect(page.getByText(`Certificato importato: questa è la cabina CABINA-S3-${i + 1}.`)).toBeVisible();
  }
});

test('set-up: each booth is paired by its fingerprint and machine id, the console confirmed on each booth, both zero reports arrive, the roll is imported', async () => {
  for (const [i, page] of boothPages.entries()) {
    const fingerprint = booths[i]!.service.getView().boothFingerprint;
    await expect(page.getByText(fingerprint)).toBeVisible();
    const pending = president.locator('li.pending', { hasText: fingerprint });
    await expect(pending).toBeVisible();
    await expect(pending).toContainText(`Identificativo della cabina: CABINA-S3-${i + 1}`);
    if (i === 0) await checkScreen(president, 'pairing', 'console');
    await pending.getByRole('button', { name: `L'impronta coincide: abbinare come B${i + 1}` }).click();
    // On the booth: the console's machine id and fingerprint, for the president to compare.
    await expect(page.getByRole('heading', { name: 'Confermare la postazione del seggio' })).toBeVisible();
    await expect(page.getByText('CONSOLE-S3')).toBeVisible();
    await expect(page.getByText(seat.getView().consoleFingerprint)).toBeVisible();
    if (i === 0) await checkScreen(page, 'confirm-console');
    await page.getByRole('button', { name: 'Coincidono: confermare la postazione' }).click();
  }
  await expect(president.getByText('verificato: urna vuota')).toHaveCount(2);
  await expect(button(president, 'Aprire la votazione')).toBeEnabled();
  // A roll with a bad line is refused line by line; the demo roll is taken.
  const bad = join(day, 'roll-bad.csv');
  writeFileSync(bad, 'number;surname;name;sex;category\n1;Bianchi;Anna;X;IT\n');
  await president.getByLabel('File della lista sezionale').setInputFiles(bad);
  await expect(president.getByRole('alert')).toContainText('roll-bad.csv: riga 2: il sesso "X" deve essere M o F');
  await president.getByLabel('File della lista sezionale').setInputFiles(join(DEMO, 'lista-sezionale.csv'));
  await expect(president.getByText('Lista sezionale: elettori 12, votanti 0').first()).toBeVisible();
  await checkScreen(president, 'paired', 'console');
  await button(president, 'Aprire la votazione').click();
  await expect(president.getByRole('heading', { name: 'Cabine', exact: true })).toBeVisible();
  for (const page of boothPages) await expect(page.getByRole('heading', { name: 'Cabina libera' })).toBeVisible();
});

interface Voter {
  readonly booth: 1 | 2;
  readonly category?: 'IT' | 'EU_MUNICIPAL';
  readonly sex: 'M' | 'F';
  /** A number on the section roll: looked up, which sets category and sex. */
  readonly roll?: number;
  readonly declines?: string;
  /** What the voter touches on each ballot, in order. */
  readonly ballots: readonly (string | RegExp)[];
}

/** Presses Tab until the element has the focus (at most 60 times). */
async function tabTo(target: Locator): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await president.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${String(target)}`);
}

async function enable(voter: Voter): Promise<string> {
  const form = president.locator('form', { has: president.getByRole('button', { name: 'Abilitare la cabina' }) });
  await expect(form.getByRole('radio', { name: `Cabina B${voter.booth}` })).toBeVisible();
  await form.getByRole('radio', { name: `Cabina B${voter.booth}` }).check();
  if (voter.roll !== undefined) {
    await form.getByLabel('Numero nella lista sezionale').fill(String(voter.roll));
    await button(president, 'Cercare nella lista').click();
    await expect(form.getByRole('status').filter({ hasText: ROLL.get(voter.roll)! })).toBeVisible();
  } else {
    await form.getByRole('radio', { name: voter.category === 'EU_MUNICIPAL' ? "Cittadino dell'Unione europea (elezioni comunali)" : 'Cittadino italiano' }).check();
    await form.getByRole('radio', { name: voter.sex === 'F' ? 'Donna' : 'Uomo' }).check();
  }
  if (voter.declines) await form.getByRole('checkbox', { name: voter.declines }).uncheck();
  await button(president, 'Abilitare la cabina').click();
  const done = president.getByText(`Cabina B${voter.booth} abilitata:`);
  await expect(done).toBeVisible();
  return (await done.textContent())!;
}

async function vote(voter: Voter): Promise<void> {
  const page = boothPages[voter.booth - 1]!;
  await expect(page.getByText(`Schede da votare: ${voter.ballots.length}`)).toBeVisible();
  await button(page, 'Iniziare il voto').click();
  for (const choice of voter.ballots) {
    await button(page, choice).click();
    await button(page, 'Avanti').click();
  }
  await button(page, 'Confermare il voto').click();
  await button(page, 'Sì, confermo il voto').click();
  await expect(page.getByRole('heading', { name: 'Voto registrato' })).toBeVisible();
  await until(() => seat.getView().booths[voter.booth - 1]?.state === 'idle');
}

test('voting: ten voters, an EU citizen with the municipal ballot only, one cancelled, a second vote refused, a checkpoint, one enabled by keyboard alone', async () => {
  const cast = async (voter: Voter) => {
    await enable(voter);
    await vote(voter);
  };
  await cast({ booth: 1, sex: 'F', roll: 1, ballots: ['SÌ', 'Insieme per Sanvalle'] });
  await cast({ booth: 2, sex: 'M', roll: 2, ballots: ['NO', /TINARI ROBERTO/] });
  await cast({ booth: 1, sex: 'F', category: 'IT', ballots: ['SÌ', 'Civica Argine Verde'] });
  // The EU citizen: the form offers only the municipal ballot, and the booth shows only that one.
  const eu: Voter = { booth: 2, sex: 'F', roll: 11, ballots: ['Sanvalle Domani'] };
  const form = president.locator('form', { has: president.getByRole('button', { name: 'Abilitare la cabina' }) });
  expect(await enable(eu)).toBe(`Cabina B2 abilitata: ${election.contests.find((c) => c.id === COM)!.title}`);
  await vote(eu);
  await cast({ booth: 1, sex: 'M', category: 'IT', ballots: ['SÌ', 'Scheda bianca'] });

  // The roll's number 1 has voted: a second attempt is refused, with the reason.
  await form.getByLabel('Numero nella lista sezionale').fill('1');
  await button(president, 'Cercare nella lista').click();
  await expect(form.getByText('Bianchi Anna — Donna, Cittadino italiano — HA GIÀ VOTATO')).toBeVisible();
  await button(president, 'Abilitare la cabina').click();
  await expect(president.getByRole('alert')).toContainText('Bianchi Anna (numero 1) ha già votato');
  await checkScreen(president, 'enable-refused', 'console');
  await form.getByLabel('Numero nella lista sezionale').fill('');

  // Turnout at the first checkpoint, exported for the Prefettura.
  await button(president, 'Registrare la rilevazione C1').click();
  await button(president, 'Esportare la rilevazione C1 per la Prefettura').click();
  await expect(president.getByText(/Salvata in .*affluenza-C1\.csv/)).toBeVisible();
  const report = readFileSync(join(seat.exportDir, 'affluenza-C1.csv'), 'utf8');
  expect(report).toContain(`${REF};999001;3;C1;2020-09-20T12:00:00+02:00;2;2;4`);
  expect(report).toContain(`${COM};999001;3;C1;2020-09-20T12:00:00+02:00;2;3;5`);

  // A voter walks away: the president cancels, the booth is free again, and nothing is counted.
  await enable({ booth: 2, sex: 'M', category: 'IT', ballots: [] });
  await expect(boothPages[1]!.getByRole('heading', { name: 'Benvenuta, benvenuto' })).toBeVisible();
  await until(() => seat.getView().booths[1]?.state === 'in-session' || seat.getView().booths[1]?.session);
  // Each tile says the booth has its voice for the headphones (R29: every booth accessible).
  for (const id of ['B1', 'B2']) await expect(president.locator(`li[data-booth="${id}"]`)).toContainText('voce guida disponibile');
  await checkScreen(president, 'voting', 'console');
  await button(president, 'Annullare la votazione in B2').click();
  await button(president, 'Sì, annullare').click();
  await expect(boothPages[1]!.getByRole('heading', { name: 'Cabina libera' })).toBeVisible();
  await until(() => seat.getView().sessions.cancelled === 1 && seat.getView().booths[1]?.state === 'idle');

  await cast({ booth: 2, sex: 'F', category: 'IT', ballots: ['NO', 'Insieme per Sanvalle'] });
  await cast({ booth: 1, sex: 'M', category: 'IT', ballots: ['SÌ', 'Sanvalle Domani'] });
  await cast({ booth: 2, sex: 'F', category: 'IT', declines: election.contests.find((c) => c.id === COM)!.title, ballots: ['Scheda bianca'] });
  // The last voter is enabled with the keyboard alone: Tab between groups, arrows within a group, Enter.
  const last: Voter = { booth: 1, sex: 'M', category: 'IT', ballots: ['NO', 'Insieme per Sanvalle'] };
  await president.locator('body').click({ position: { x: 5, y: 5 } });
  await tabTo(form.locator('input[name="booth"]:checked'));
  for (let i = 0; i < 3 && !(await form.getByRole('radio', { name: 'Cabina B1' }).isChecked()); i++) await president.keyboard.press('ArrowDown');
  await tabTo(form.getByRole('radio', { name: 'Donna' }));
  await president.keyboard.press('ArrowDown');
  await expect(form.getByRole('radio', { name: 'Uomo' })).toBeChecked();
  await tabTo(form.getByRole('button', { name: 'Abilitare la cabina' }));
  await president.keyboard.press('Enter');
  await expect(president.getByText('Cabina B1 abilitata:')).toBeVisible();
  await vote(last);
  expect(seat.getView().sessions).toEqual({ enabled: 10, cast: 9, cancelled: 1, open: 0 });
  await expect(president.getByText('Lista sezionale: elettori 12, votanti 3').first()).toBeVisible();
});

test('close: confirmed, every seal arrives and the reconciliation holds', async () => {
  await button(president, 'Chiudere la votazione').click();
  await expect(president.getByText('La chiusura è definitiva')).toBeVisible();
  await checkScreen(president, 'close-confirm', 'console');
  await button(president, 'Confermo la chiusura').click();
  await expect(president.getByRole('heading', { name: 'Scrutinio' })).toBeVisible();
  await expect(president.getByText('Schede nelle urne, votazioni concluse e votanti coincidono:')).toBeVisible();
  for (const contest of [REF, COM]) await expect(president.locator(`tr[data-contest="${contest}"] td`)).toHaveText(['8', '8', '8']);
  for (const page of boothPages) await expect(page.getByRole('heading', { name: 'Votazione chiusa' })).toBeVisible();
  await checkScreen(president, 'count', 'console');
});

test('count: a wrong share is refused, three good ones rebuild the key; the record has every figure and every check holds', async () => {
  const fields = president.locator('input.share-input');
  await expect(fields).toHaveCount(3);
  await fields.nth(0).fill(shares[0]!);
  await fields.nth(1).fill(shares[2]!);
  await fields.nth(2).fill(shares[2]!);
  await button(president, 'Aprire le urne e contare').click();
  await expect(president.getByRole('alert')).toContainText('Scrutinio non eseguito');
  await expect(president.getByRole('alert')).toContainText('quota 3: la quota numero 3 è già stata inserita');
  await fields.nth(2).fill(shares[4]!);
  await button(president, 'Aprire le urne e contare').click();
  await expect(president.getByRole('heading', { name: 'Risultati della sezione' })).toBeVisible();
  const ref = president.locator('article', { has: president.locator(`#contest-${REF}`) });
  const com = president.locator('article', { has: president.locator(`#contest-${COM}`) });
  await expect(ref.locator('tr[data-voce="voti_si"] td')).toHaveText('4');
  await expect(ref.locator('tr[data-voce="voti_no"] td')).toHaveText('3');
  await expect(ref.locator('tr[data-voce="sk_bianche"] td')).toHaveText('1');
  await expect(ref.locator('tr[data-voce="vot_t"] td')).toHaveText('8');
  await expect(ref.locator('tr[data-voce="vot_f"] td')).toHaveText('4');
  await expect(com.locator('tr[data-voce="vot_t"] td')).toHaveText('8');
  await expect(com.locator('tr[data-voce="sk_bianche"] td')).toHaveText('1');
  await expect(com.locator('tr[data-voce="voti_lista"][data-cod="L1"] td')).toHaveText('3');
  await expect(com.locator('tr[data-voce="voti_sindaco"][data-cod="S3"] td')).toHaveText('1');
  // Every check of the record, for both contests, holds; none fails.
  await expect(president.locator('li.check-ok')).toHaveCount(seat.getView().count!.checks.length);
  await expect(president.locator('li.check-fail')).toHaveCount(0);
  for (const check of ['C1', 'C3', 'C8', 'E1']) await expect(ref.locator(`li[data-check="${check}"]`)).toContainText('regolare');
  // Said in Italian from the check's figures.
  await expect(ref.locator('li[data-check="C3"]')).toHaveText('C3: regolare SÌ 4 + NO 3 + bianche 1 + nulle 0 + contestate 0 = 8 = votanti 8');
  await checkScreen(president, 'record', 'console');
});

test('export: the bundle is signed into a folder; seggio verify accepts it and the PDF QR code is the tally digest', async () => {
  // The folder suggested is a new one beside the turnout reports.
  const dir = join(seat.exportDir, 'bundle');
  await expect(president.getByLabel('Cartella di destinazione (vuota o nuova)')).toHaveValue(dir);
  const form = president.locator('form', { has: president.getByRole('button', { name: 'Firmare il verbale ed esportare' }) });
  // A folder that is not empty is refused, and nothing is written over it.
  await form.getByLabel('Cartella di destinazione (vuota o nuova)').fill(drive);
  await button(president, 'Firmare il verbale ed esportare').click();
  await expect(president.getByRole('alert')).toContainText(`${drive} non è vuota: il verbale non viene mai scritto sopra altri file`);
  await form.getByLabel('Cartella di destinazione (vuota o nuova)').fill(dir);
  await button(president, 'Firmare il verbale ed esportare').click();
  await expect(president.getByText(`Verbale firmato ed esportato in ${dir}`)).toBeVisible();
  // A second copy would go to the next free folder.
  await expect(president.getByLabel('Cartella di destinazione (vuota o nuova)')).toHaveValue(`${dir}-2`);
  const shown = (await president.locator('.tally-digest').textContent())!;
  await checkScreen(president, 'exported', 'console');

  for (const file of ['election.json', 'setup.json', 'ballots.jsonl', 'pollbook.json', 'urna-key.json', 'tally.json', 'tally.csv', 'verbale.pdf', 'log.jsonl']) expect(existsSync(join(dir, file)), file).toBe(true);
  for (const machine of ['CONSOLE-S3', 'CABINA-S3-1', 'CABINA-S3-2']) expect(readFileSync(join(dir, 'machines', `${machine}.json`))).toEqual(readFileSync(join(drive, 'macchine', `${machine}.json`)));
  // The auditor with the office key and the digest the paper verbale carries: provenance holds too.
  const verify = spawnSync(process.execPath, [join(REPO_ROOT, 'apps', 'cli', 'bin', 'seggio.js'), 'verify', dir, '--office-key', join(day, 'office.pub'), '--training', '--tally-digest', shown, '--json'], { encoding: 'utf8' });
  expect(verify.status, verify.stdout + verify.stderr).toBe(0);
  expect((JSON.parse(verify.stdout) as { checks: { check: string; status: string }[] }).checks.find((c) => c.check === 'provenance')?.status).toBe('pass');
  const tally = JSON.parse(readFileSync(join(dir, 'tally.json'), 'utf8')) as TallyDocument;
  expect(shown).toBe(tallyDigest(tally));
  expect(pdfQrCodes(join(dir, 'verbale.pdf'))).toEqual([shown]);
  // The section roll never leaves the console: no name of it is in any file of the bundle.
  const everything = ['setup.json', 'pollbook.json', 'tally.json', 'tally.csv', 'log.jsonl', 'ballots.jsonl'].map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
  for (const name of ['Bianchi', 'Rossi', 'Nowak']) expect(everything).not.toContain(name);
});

test('the console speaks German and English too', async () => {
  await president.getByLabel('Lingua').selectOption('de');
  await expect(president.getByRole('heading', { name: 'Ergebnisse des Sprengels' })).toBeVisible();
  await expect(president.getByText('Niederschrift unterzeichnet').first()).toBeVisible();
  await checkScreen(president, 'record-de', 'console');
  await president.getByLabel('Sprache').selectOption('en');
  await expect(president.getByRole('heading', { name: "The section's results" })).toBeVisible();
  await expect(president.locator('html')).toHaveAttribute('lang', 'en');
  // The president's choice is kept when the page is loaded again.
  await president.reload();
  await expect(president.getByRole('heading', { name: "The section's results" })).toBeVisible();
  await expect(president.getByLabel('Language')).toHaveValue('en');
});
