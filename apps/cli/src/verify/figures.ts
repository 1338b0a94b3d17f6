// Each contest's figures for the auditor's report: every voce of the record (as in tally.csv), as the
// recount found it beside as the signed tally states it, so that a reader sees the figures themselves,
// not only that they agree.
import { tallyRows, type Election, type SectionTally, type TallyDocument } from '@seggio/ballot-core';
import type { ContestFigures, FigureRow } from './report.js';

/** The tally's rows keyed by contest, voce and code; none when the document cannot be read as a tally. */
function rowsOf(election: Election, tally: SectionTally | TallyDocument | null): Map<string, number> {
  const rows = new Map<string, number>();
  if (!tally) return rows;
  try {
    for (const r of tallyRows(election, tally)) rows.set(`${r.contest}\u0000${r.voce}\u0000${r.cod}`, r.valore);
  } catch {
    // A signed tally that lacks a contest's results: its figures show as missing, and the recount
    // check (verify.ts) already fails it.
  }
  return rows;
}

/** Per contest in scrutiny order, each figure recounted beside signed, in the recount's rows (or, with no recount, the signed tally's). */
export function contestFigures(election: Election, recounted: SectionTally | null, signed: TallyDocument): ContestFigures[] {
  const mine = rowsOf(election, recounted);
  const theirs = rowsOf(election, signed);
  let order: ReturnType<typeof tallyRows>;
  try {
    order = tallyRows(election, (recounted ?? signed));
  } catch {
    // No recount and a signed tally that cannot be laid out: no figures to show (the checks fail it).
    return [];
  }
  return election.scrutinyOrder.map((id) => {
    const rows: FigureRow[] = order
      .filter((r) => r.contest === id)
      .map((r) => {
        const key = `${r.contest}\u0000${r.voce}\u0000${r.cod}`;
        return { voce: r.voce, cod: r.cod, descrizione: r.descrizione, recounted: recounted ? (mine.get(key) ?? null) : null, signed: theirs.get(key) ?? null };
      });
    return { contest: id, title: election.contests.find((c) => c.id === id)?.title ?? id, rows };
  });
}
