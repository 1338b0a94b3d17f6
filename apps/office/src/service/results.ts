// The comune's figures (docs/design.md §7): per contest the sums of accepted sections, per section its own,
// turnout per checkpoint by sex with the sections that have not reported; the CSV and the JSON feed.
import { sumContests, tallyRows, type ContestTally, type Election, type MunicipalResults, type PartyListResults, type ReferendumResults, type SectionTally, type SummedContest } from '@seggio/ballot-core';
import type { CheckpointView, ContestTotals, ResultsView, SexCounts } from '../shared/api.js';
import type { OfficeStore } from './store.js';

const person = (p: { surname: string; name: string }) => `${p.surname} ${p.name}`;

/** A summed contest with every choice named, in the ballot's order. */
export function contestTotals(election: Election, c: SummedContest): ContestTotals {
  const contest = election.contests.find((k) => k.id === c.id)!;
  const rows: ContestTotals['rows'][number][] = [];
  if (contest.type === 'referendum') {
    const r = c.results as ReferendumResults;
    rows.push({ group: 'answer', id: 'YES', name: 'YES', votes: r.YES }, { group: 'answer', id: 'NO', name: 'NO', votes: r.NO });
  } else if (contest.type === 'municipal') {
    const r = c.results as MunicipalResults;
    for (const m of contest.mayors) rows.push({ group: 'mayor', id: m.id, name: person(m), votes: r.mayors[m.id]?.votes ?? 0 });
    for (const l of contest.lists) rows.push({ group: 'list', id: l.id, name: l.name, votes: r.lists[l.id] ?? 0 });
    for (const l of contest.lists) for (const k of l.candidates) rows.push({ group: 'preference', id: k.id, name: person(k), votes: r.preferences[k.id] ?? 0 });
  } else {
    const r = c.results as PartyListResults;
    if (contest.type !== 'european') for (const k of contest.candidates) rows.push({ group: 'candidate', id: k.id, name: person(k), votes: r.candidates[k.id] ?? 0 });
    for (const l of contest.lists) rows.push({ group: 'list', id: l.id, name: l.name, votes: r.lists[l.id] ?? 0 });
    if (contest.type === 'european') for (const l of contest.lists) for (const k of l.candidates) rows.push({ group: 'preference', id: k.id, name: person(k), votes: r.preferences[k.id] ?? 0 });
  }
  return { id: c.id, title: contest.title, type: c.type, electors: c.electors, voters: c.voters, blank: c.blank, invalid: c.invalid, contested: c.contested, rows };
}

const zero = (): { M: number; F: number; T: number } => ({ M: 0, F: 0, T: 0 });

export function turnoutView(election: Election, store: OfficeStore): CheckpointView[] {
  const rows = store.turnoutFigures().filter((t) => t.state === 'accepted');
  return election.turnoutCheckpoints.map((cp) => {
    const mine = rows.filter((r) => r.checkpoint === cp.id);
    const contests: Record<string, SexCounts> = {};
    for (const id of election.scrutinyOrder) {
      const sum = zero();
      for (const r of mine) {
        const f = (JSON.parse(r.figures) as Record<string, SexCounts>)[id];
        if (!f) continue;
        sum.M += f.M;
        sum.F += f.F;
        sum.T += f.T;
      }
      contests[id] = sum;
    }
    const reported = [...new Set(mine.map((r) => r.section))].sort();
    return { id: cp.id, at: cp.at, bySex: cp.bySex, contests, reported, missing: election.sections.map((s) => s.id).filter((s) => !reported.includes(s)) };
  });
}

/** The accepted sections' tallies, by section id. */
export function acceptedTallies(store: OfficeStore): { tally: SectionTally; setup: string }[] {
  return store.accepted().map((s) => ({ tally: JSON.parse(s.tally!) as SectionTally, setup: s.setup! }));
}

export function resultsView(election: Election, digest: string, store: OfficeStore, version: number): ResultsView {
  const accepted = acceptedTallies(store);
  const name = (id: string) => election.sections.find((s) => s.id === id)?.name ?? id;
  return {
    election: { id: election.id, title: election.title, digest, comune: election.comune.name, training: election.training === true, level: 'comune' },
    sectionsTotal: election.sections.length,
    sectionsAccepted: accepted.length,
    contests: sumContests(election.scrutinyOrder, accepted.map((a) => a.tally)).map((c) => contestTotals(election, c)),
    titles: Object.fromEntries(election.contests.map((c) => [c.id, c.title])),
    sections: accepted.map(({ tally }) => ({ id: tally.section, name: name(tally.section), contests: sumContests(election.scrutinyOrder, [tally]).map((c) => contestTotals(election, c)) })),
    turnout: turnoutView(election, store),
    version,
  };
}

/** A cell a spreadsheet would read as a formula is given a leading apostrophe (CSV injection). */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

const field = (value: string | number) => {
  const text = neutralise(String(value));
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** Rows of summed figures in the Eligendo vocabulary, each part under its comune's code and `sezione`. */
export function csvOf(parts: readonly { comune: string; section: string; election: Election; contests: readonly SummedContest[] }[]): string {
  const lines = [['cod_com', 'sezione', 'cod_consultazione', 'tipo', 'voce', 'cod', 'descrizione', 'valore'].join(';')];
  for (const p of parts) {
    const tally: SectionTally = {
      format: 'seggio/tally@1', election: '', section: p.section, turnout: [],
      contests: p.contests.map((c): ContestTally => ({ ...c, ballots: { count: c.ballots, ballotsDigest: '', plaintextLength: 0 } })),
    };
    for (const r of tallyRows(p.election, tally)) lines.push([p.comune, p.section, r.contest, p.election.contests.find((c) => c.id === r.contest)!.type, r.voce, r.cod, r.descrizione, r.valore].map(field).join(';'));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Each section's figures and the comune's totals (`sezione` TOTALE), in the Eligendo vocabulary. */
export function resultsCsv(election: Election, store: OfficeStore): string {
  const accepted = acceptedTallies(store).map((a) => a.tally);
  const part = (section: string, tallies: readonly SectionTally[]) => ({ comune: election.comune.istat, section, election, contests: sumContests(election.scrutinyOrder, tallies) });
  return csvOf([...accepted.map((t) => part(t.section, [t])), part('TOTALE', accepted)]);
}
