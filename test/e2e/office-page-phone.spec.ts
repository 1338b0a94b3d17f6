// The public results page fits a 360×740 phone: no sideways scroll, and every cell of the turnout and
// results tables on the screen (men, women, total), in Italian and English, for a comune and a province
// with large figures and checkpoints over two days.
import { expect, test } from '@playwright/test';
import { PAGE_CSS, renderPage, type ResultsView } from '@seggio/office';

const counts = { M: 123456, F: 234567, T: 358023 };
const checkpoint = (id: string, at: string, reported: number) => ({ id, at, bySex: true, contests: { COM: counts, EU: counts }, reported: Array.from({ length: reported }, (_, i) => String(i + 1)), missing: ['999'] });
const view = (level: 'comune' | 'provincia'): ResultsView => ({
  election: { id: 'e', title: 'Elezioni comunali ed europee', digest: 'd', comune: 'Sanvalle', training: true, level },
  sectionsTotal: 1234,
  sectionsAccepted: 1233,
  contests: [{
    id: 'COM', title: 'Elezione del sindaco e del consiglio comunale', type: 'municipal', electors: counts, voters: counts, blank: 12345, invalid: 2345, contested: 12,
    rows: [{ group: 'mayor', id: 'm1', name: 'BASSELLI ILARIA MARIA', votes: 123456 }, { group: 'list', id: 'l1', name: 'Insieme per Sanvalle', votes: 98765 }, { group: 'preference', id: 'p1', name: 'GABELLI ELENA', votes: 4567 }],
  }],
  titles: { COM: 'Elezione del sindaco e del consiglio comunale', EU: 'Elezione dei membri del Parlamento europeo spettanti all’Italia' },
  sections: [],
  turnout: [checkpoint('C1', '2024-06-08T23:00:00+02:00', 1233), checkpoint('C2', '2024-06-09T12:00:00+02:00', 1200), checkpoint('C3', '2024-06-09T23:00:00+02:00', 0)],
  version: 1,
});

for (const level of ['comune', 'provincia'] as const) {
  for (const lang of ['it', 'de', 'en'] as const) {
    test(`the ${level}'s page in ${lang} fits 360 px: no sideways scroll, every table cell on the screen`, async ({ page }) => {
      await page.setViewportSize({ width: 360, height: 740 });
      await page.setContent(renderPage(view(level), lang).replace('<link rel="stylesheet" href="/page.css">', `<style>${PAGE_CSS}</style>`).replace('<script src="/live.js" defer></script>', ''));
      await expect(page.locator('#h-turnout')).toBeVisible();
      const misfits = await page.evaluate(() => {
        const out: string[] = [];
        const doc = document.documentElement;
        if (doc.scrollWidth > innerWidth) out.push(`the page is ${doc.scrollWidth} px wide`);
        for (const cell of document.querySelectorAll('th, td, caption')) {
          const box = cell.getBoundingClientRect();
          if (box.right > innerWidth || box.left < 0) out.push(`"${(cell.textContent ?? '').trim()}" reaches ${Math.round(box.right)} px`);
        }
        return out;
      });
      expect(misfits).toEqual([]);
    });
  }
}
