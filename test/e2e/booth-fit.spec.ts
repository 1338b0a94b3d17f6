// Every voter screen fits the kiosk without hidden scroll (R27), at 1920×1080 and 1080×1920 and at each
// of the three text sizes, voted by touch: each contest type (municipal under and over 15,000, European,
// Senato, Camera, referendum), its preference lines, the review and the confirmation. Where a screen has
// more than fits, it pages, and the "altri candidati" button is there, large, and turns the page; by
// keyboard alone too, at every shape and size, a voter reaches the last page's candidate and the review.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { REPO_ROOT } from '../support/index.js';
import { button, checkScreen, enable, startStation, type Station } from './station.js';

const SHAPES = [
  { width: 1920, height: 1080 },
  { width: 1080, height: 1920 },
] as const;
const SIZES = ['Normale', 'Grande', 'Molto grande'] as const;
const ELECTIONS = ['sanvalle-2020', 'rivafonda-2020', 'politiche-2022'] as const;

/** The election's first section. */
const parseSection = (bytes: Buffer) => (JSON.parse(bytes.toString('utf8')) as { sections: { id: string }[] }).sections[0]!.id;

test.use({ hasTouch: true });
test.describe.configure({ mode: 'serial' });

/** What does not fit: the page scrolling, a box hiding part of its content, a control or text off the screen. */
async function misfits(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollHeight > innerHeight + 1 || doc.scrollWidth > innerWidth + 1) problems.push(`the page scrolls: ${doc.scrollWidth}×${doc.scrollHeight}`);
    const name = (el: Element) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    for (const el of document.querySelectorAll('#root *')) {
      const style = getComputedStyle(el);
      const clips = [style.overflowX, style.overflowY].some((o) => o !== 'visible');
      if (clips && (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)) problems.push(`${name(el)} hides ${el.scrollHeight - el.clientHeight} px`);
      if (['BUTTON', 'H1', 'H2', 'P', 'IMG', 'LI'].includes(el.tagName)) {
        const box = el.getBoundingClientRect();
        if (box.width > 0 && (box.bottom > innerHeight + 1 || box.right > innerWidth + 1 || box.top < -1 || box.left < -1)) problems.push(`${name(el)} is off the screen`);
      }
    }
    return problems;
  });
}

/** The pencil's cross on a marked list lies over its symbol, never over the list's name. */
async function nameUncovered(page: Page, where: string): Promise<void> {
  const pencil = await page.locator('.target.list.marked .pencil').boundingBox();
  const name = await page.locator('.target.list.marked .name').boundingBox();
  if (!pencil || !name) throw new Error(`${where}: no marked list with its cross and name`);
  const overlaps = pencil.y + pencil.height > name.y && name.y + name.height > pencil.y && pencil.x + pencil.width > name.x && name.x + name.width > pencil.x;
  expect(overlaps, `${where}: the cross covers the list's name`).toBe(false);
}

/** Whether the election of the screen being measured is a training one: then every screen says so. */
let training = false;

async function fits(page: Page, where: string): Promise<void> {
  expect(await misfits(page), where).toEqual([]);
  await expect(page.locator('.training'), `${where}: the training banner`).toHaveText(training ? ['ELEZIONE DI PROVA — non valida'] : []);
}

/** On a tall screen a scheda wholly on one page fills it: no more than a fifth of it left empty below. */
async function filled(page: Page, where: string): Promise<void> {
  const empty = await page.evaluate(() => {
    const box = document.querySelector('.page.scheda')?.getBoundingClientRect();
    const last = Math.max(...[...document.querySelectorAll('.page.scheda > .rett')].map((r) => r.getBoundingClientRect().bottom));
    return box && innerHeight > innerWidth && document.querySelector('.page.scheda')?.getAttribute('data-page') === '1/1' ? (box.bottom - last) / box.height : 0;
  });
  expect(empty, `${where}: the part of the scheda left empty below its rectangles`).toBeLessThanOrEqual(0.2);
}

/** How a paged screen shows its items (a scheda's rectangles, a list's candidates): pages, and the most on one. */
interface Paging {
  readonly pages: number;
  readonly perPage: number;
  readonly items: number;
}

/** Every page of a paged screen fits too; says how many pages there were and how many items fit one. */
async function everyPage(page: Page, where: string): Promise<Paging> {
  await fits(page, where);
  await filled(page, where);
  const shown = () => page.locator('.paged > .page > *').count();
  let pages = 1;
  let perPage = await shown();
  let items = perPage;
  for (;;) {
    const more = page.locator('button.pager').last();
    if (!(await more.count()) || (await more.isDisabled())) return { pages, perPage, items };
    const box = (await more.boundingBox())!;
    expect(box.height, `${where}: the "more" button is large`).toBeGreaterThanOrEqual(48);
    await more.tap();
    pages++;
    await expect(page.locator('.page')).toHaveAttribute('data-page', new RegExp(`^${pages}/`));
    await fits(page, `${where}, page ${pages}`);
    const here = await shown();
    perPage = Math.max(perPage, here);
    items += here;
  }
}

/**
 * The schede that must show all their rectangles on one page at both shapes and every text size: the
 * municipal ballot over 15,000 uses the screen's width (each mayor beside the symbols of the linked
 * lists, two columns where the screen is wide), so its four mayors fit one page even at the largest text.
 */
const WHOLE: Readonly<Record<string, readonly number[]>> = { 'rivafonda-2020': [2] };

for (const name of ELECTIONS) {
  test.describe(name, () => {
    const electionBytes = readFileSync(join(REPO_ROOT, 'fixtures', `${name}.election.json`));
    let station: Station;
    test.beforeAll(async () => {
      station = await startStation(electionBytes, parseSection(electionBytes));
      station.seat.openVoting();
      training = name === 'politiche-2022';
    });
    test.afterAll(async () => station.stop());

    for (const shape of SHAPES) {
      for (const size of SIZES) {
        test(`every screen fits at ${shape.width}×${shape.height}, text "${size}"`, async ({ page }) => {
          await page.setViewportSize(shape);
          // At the default size, each scheda is also checked with axe-core and photographed, in both shapes.
          const photo = size === 'Grande' ? `${name.split('-')[0]}-${shape.width > shape.height ? 'landscape' : 'portrait'}` : null;
          await page.goto(station.shell.url);
          const session = await enable(station.seat);
          await button(page, size).tap();
          await fits(page, 'welcome');
          await page.locator('.start').tap();
          const figures: string[] = [];
          for (let contest = 0; ; contest++) {
            const where = `contest ${contest + 1}`;
            await expect(page.locator('.counter')).toHaveText(new RegExp(`^\\S+ ${contest + 1} `));
            // Each scheda opens on its first page, whichever page the last one was left at.
            await expect(page.locator('.page:not([data-page^="1/"])')).toHaveCount(0);
            const { pages, perPage, items } = await everyPage(page, where);
            figures.push(`scheda ${contest + 1}: ${perPage} of ${items} per page`);
            if (WHOLE[name]?.includes(contest + 1)) expect(pages, `${where}: every rectangle on one page`).toBe(1);
            // Back to the first page, then the first list of the scheda marked, and its preference lines.
            const previous = page.locator('button.pager').first();
            for (let p = pages; p > 1; p--) await previous.tap();
            if (await page.locator('.target.list').count()) {
              await page.locator('.target.list').first().tap();
              await fits(page, `${where}, a list marked`);
              await nameUncovered(page, `${where}, a list marked`);
              if (photo) await checkScreen(page, `${photo}-scheda-${contest + 1}`);
              const line = page.locator('button.line').first();
              if (await line.count()) {
                await line.tap();
                const lines = await everyPage(page, `${where}, preferences`);
                figures.push(`scheda ${contest + 1}'s preference lines: ${lines.perPage} of ${lines.items} candidates per page`);
                if (photo) await checkScreen(page, `${photo}-scheda-${contest + 1}-preferences`);
                await page.locator('.steps .primary').tap();
              }
            } else if (await page.locator('.target.answer').count()) {
              await page.locator('.target.answer').first().tap();
              if (photo) await checkScreen(page, `${photo}-scheda-${contest + 1}`);
            }
            // Left on its last page before going on.
            for (let p = 1; p < pages; p++) await page.locator('button.pager').last().tap();
            await page.locator('.steps .primary').tap();
            if (await page.locator('#title', { hasText: /^Riepilogo/ }).count()) break;
          }
          const review = await everyPage(page, 'review');
          figures.push(`review: ${review.perPage} of ${review.items} ballots per page`);
          // How many fit, said with the test: at each shape and size, per screen.
          test.info().annotations.push({ type: 'per page', description: figures.join('; ') });
          console.log(JSON.stringify({ election: name, screen: `${shape.width}x${shape.height}`, size, perPage: figures }));
          if (photo) await checkScreen(page, `${photo}-review`);
          await page.locator('.steps .primary').tap();
          await fits(page, 'confirm');
          station.seat.cancelSession({ session });
          await expect(page.getByRole('heading', { name: 'Cabina libera' })).toBeVisible();
          await fits(page, 'waiting');
        });
      }
    }
  });
}

test.describe('by keyboard alone', () => {
  const electionBytes = readFileSync(join(REPO_ROOT, 'fixtures', 'rivafonda-2020.election.json'));
  let station: Station;
  test.beforeAll(async () => {
    station = await startStation(electionBytes, parseSection(electionBytes));
    station.seat.openVoting();
    training = false;
  });
  test.afterAll(async () => station.stop());

  for (const shape of SHAPES) {
    for (const size of SIZES) {
      test(`a vote reaches every page and the review at ${shape.width}×${shape.height}, text "${size}"`, async ({ page }) => {
        await page.setViewportSize(shape);
        await page.goto(station.shell.url);
        const session = await enable(station.seat);
        const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
        /** Arrows down until the focus is on `name`, then Enter. */
        const choose = async (name: RegExp) => {
          for (let i = 0; i < 60; i++) {
            if (name.test(await focused())) return page.keyboard.press('Enter');
            await page.keyboard.press('ArrowDown');
          }
          throw new Error(`could not reach ${String(name)} with the arrows`);
        };
        await choose(new RegExp(`^${size}$`));
        await choose(/^Iniziare il voto$/);
        await choose(/^SÌ$/);
        await choose(/^Avanti$/);
        // The last mayor is on the last page at any size that pages: "Altri candidati" until it shows.
        while (!(await page.getByRole('button', { name: 'CARONI VALENTINA', exact: true }).count())) await choose(/^Altri candidati/);
        await fits(page, 'the last page, reached by keyboard');
        await choose(/^CARONI VALENTINA/);
        await expect(page.getByRole('status')).toHaveText('Il voto vale solo per la candidata sindaca CARONI VALENTINA.');
        await choose(/^Avanti$/);
        await expect(page.getByRole('heading', { name: 'Riepilogo del voto' })).toBeVisible();
        await fits(page, 'review');
        await choose(/^Confermare il voto$/);
        await expect(page.getByRole('heading', { name: 'Confermare il voto?' })).toBeVisible();
        station.seat.cancelSession({ session });
        await expect(page.getByRole('heading', { name: 'Cabina libera' })).toBeVisible();
      });
    }
  }
});
