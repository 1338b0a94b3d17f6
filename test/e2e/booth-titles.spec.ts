// A bilingual comune's ballots (docs/bundle-format.md §3.1): the package gives each contest's title and
// the referendum's question in German too, and the booth shows and says them to a voter who chose
// German, with the keypad alone; a language the package has no title in gets the kind of the ballot
// and the Italian title, as a package without titles gives every voter (booth-keypad.spec.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { parseElection, type Election, type ReferendumContest } from '@seggio/ballot-core';
import { forVoice, translator } from '@seggio/booth/catalogue';
import { REPO_ROOT } from '../support/index.js';
import { keypadStation } from './keypad-station.js';
import { boothSelections, until } from './station.js';

const DE = {
  referendum: 'Verfassungsreferendum – Verringerung der Zahl der Parlamentarier',
  question: 'Billigen Sie den Text des Verfassungsgesetzes betreffend „Änderungen der Artikel 56, 57 und 59 der Verfassung zur Verringerung der Zahl der Parlamentarier“?',
  municipal: 'Direktwahl des Bürgermeisters und des Gemeinderats von Sanvalle',
};
/** The demo's package with its titles and question in German (none in English). */
const demo = JSON.parse(readFileSync(join(REPO_ROOT, 'demo', 'sanvalle-demo.election.json'), 'utf8')) as Election;
const [REF, COM] = demo.scrutinyOrder as [string, string];
for (const contest of demo.contests) {
  contest.titles = { de: contest.id === REF ? DE.referendum : DE.municipal };
  if (contest.type === 'referendum') contest.questions = { de: DE.question };
}
const electionBytes = new TextEncoder().encode(`${JSON.stringify(demo, null, 2)}\n`);
const election = (parseElection(electionBytes) as { ok: true; value: Election }).value;
const referendum = election.contests.find((c) => c.id === REF) as ReferendumContest;

const day = keypadStation(electionBytes, '3');
const { voice, press, lastSaid } = day;
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1920, height: 1080 } });

/** Moves down until the booth says `name`, then selects it. */
async function choose(name: string): Promise<void> {
  const heard: string[] = [];
  for (let i = 0; i < 80; i++) {
    const item = (await press('down')).split('. ').at(-1)!;
    heard.push(item);
    if (item === name || item.startsWith(`${name},`)) {
      await press('select');
      return;
    }
  }
  throw new Error(`never heard ${name}; heard: ${[...new Set(heard)].join(' | ')}`);
}
async function arrive(page: Page): Promise<string> {
  await page.goto(day.station.shell.url);
  await until(() => day.station.seat.getView().booths[0]?.state === 'idle' && !day.station.seat.getView().booths[0]?.session);
  const enabled = day.station.seat.enableBooth({ booth: 'B1', category: 'IT', sex: 'M' });
  if (!enabled.ok) throw new Error(JSON.stringify(enabled.error));
  await expect.poll(lastSaid).toContain('Benvenuta, benvenuto.');
  return enabled.value.session;
}

test('a German voter sees and hears each title and the question in German, with no Italian title, and the review reads them back', async ({ page }) => {
  test.setTimeout(120_000);
  const t = translator('de');
  await arrive(page);
  const from = voice.said.length;
  await choose('Deutsch');
  await choose(t('welcome.start'));
  await expect.poll(lastSaid).toContain(t('ballot.of', { i: 1, n: 2 }));
  // Shown in German, marked as German for the screen reader, the kind not repeated before it.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(DE.referendum);
  await expect(page.getByRole('heading', { level: 1 })).toHaveAttribute('lang', 'de');
  await expect(page.locator('.question')).toHaveText(DE.question);
  await expect(page.locator('.question')).toHaveAttribute('lang', 'de');
  await expect(page.locator('.kind')).toHaveCount(0);
  expect(lastSaid()).toContain(`${t('ballot.of', { i: 1, n: 2 })}. ${DE.referendum}. ${forVoice(DE.question, 'de')} `);
  await choose(t('ref.no'));
  await choose(t('ballot.next'));
  await expect.poll(lastSaid).toContain(`${t('ballot.of', { i: 2, n: 2 })}. ${DE.municipal}. `);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(DE.municipal);
  await choose('Sanvalle Domani');
  await choose(t('ballot.next'));
  await expect.poll(lastSaid).toContain(t('review.title'));
  const review = lastSaid();
  expect(review).toContain(`${t('ballot.of', { i: 1, n: 2 })}, ${DE.referendum}: ${t('review.answer', { answer: t('ref.no') })}`);
  expect(review).toContain(`${t('ballot.of', { i: 2, n: 2 })}, ${DE.municipal}: `);
  await expect(page.getByRole('heading', { level: 2 })).toHaveText([DE.referendum, DE.municipal]);
  expect(await press('down')).toBe(`${t('review.change')}, ${t('review.changeWhich', { i: 1, title: DE.referendum })}`);
  await choose(t('review.confirm'));
  await choose(t('confirm.yes'));
  await expect.poll(lastSaid, { timeout: 15_000 }).toBe(`${t('recorded.title')}. ${t('recorded.text')}`);
  // Nowhere the Italian titles or question, nor the kinds said for a title in Italian.
  const heard = voice.said.slice(from).map((s) => s.text).join('\n');
  for (const italian of [referendum.title, referendum.question, election.contests.find((c) => c.id === COM)!.title, t('kind.referendum'), t('kind.municipal')]) expect(heard).not.toContain(italian);
  const selections = await boothSelections(day.station, electionBytes, election);
  expect(Object.fromEntries(selections)[REF]).toEqual({ answer: 'NO' });
});

test('an English voter, for whom the package has no title, hears the kind of the ballot, then its Italian title and question', async ({ page }) => {
  const t = translator('en');
  const session = await arrive(page);
  await choose('English');
  await choose(t('welcome.start'));
  await expect.poll(lastSaid).toContain(`${t('ballot.of', { i: 1, n: 2 })}. ${t('kind.referendum')}: ${referendum.title}. ${forVoice(referendum.question, 'en')} `);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(referendum.title);
  await expect(page.getByRole('heading', { level: 1 })).toHaveAttribute('lang', 'it');
  await expect(page.locator('.kind')).toHaveText(t('kind.referendum'));
  await expect(page.locator('.question')).toHaveAttribute('lang', 'it');
  day.station.seat.cancelSession({ session });
  await expect(page.getByRole('heading', { name: t('waiting.title') })).toBeVisible();
});
