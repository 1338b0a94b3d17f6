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
    test(`the ${level}'s page in ${lang} fits 360 px: no sideways scroll, every table cell on the screen, each link on its bullet's line`, async ({ page }) => {
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
        // A link that wraps starts on its bullet's line (a probe at the item's start is on that line).
        for (const item of document.querySelectorAll('li')) {
          const link = item.querySelector('a');
          if (!link?.firstChild) continue;
          const probe = document.createElement('span');
          probe.textContent = '\u200b';
          item.prepend(probe);
          const bullet = probe.getBoundingClientRect().bottom;
          probe.remove();
          const first = document.createRange();
          first.setStart(link.firstChild, 0);
          first.setEnd(link.firstChild, 1);
          const line = first.getClientRects()[0]!.bottom;
          if (Math.abs(line - bullet) > 2) out.push(`"${(link.textContent ?? '').trim()}" starts ${Math.round(line - bullet)} px from its bullet's line`);
        }
        // A link in brackets is on the line of its opening bracket.
        const lineOf = (node: Node, at: number) => {
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + 1);
          return range.getClientRects()[0]!.bottom;
        };
        // A figure's column heading sits over its figures: both set to the same side.
        for (const table of document.querySelectorAll('table')) {
          const heads = [...table.querySelectorAll('thead th')];
          const row = table.querySelector('tbody tr');
          heads.forEach((head, i) => {
            const cell = row?.children[i];
            if (i > 0 && cell?.tagName === 'TD' && getComputedStyle(head).textAlign !== getComputedStyle(cell).textAlign) out.push(`"${(head.textContent ?? '').trim()}" is set ${getComputedStyle(head).textAlign}, its figures ${getComputedStyle(cell).textAlign}`);
          });
        }
        for (const link of document.querySelectorAll('li a')) {
          const before = link.previousSibling;
          const text = before?.nodeType === Node.TEXT_NODE ? (before.textContent ?? '') : '';
          if (!before || !text.endsWith('(') || !link.firstChild) continue;
          if (Math.abs(lineOf(before, text.length - 1) - lineOf(link.firstChild, 0)) > 2) out.push(`"(" and "${link.textContent ?? ''}" are on different lines`);
        }
        return out;
      });
      expect(misfits).toEqual([]);
    });
  }
}
