// The tally as a `;`-separated CSV in the vocabulary of the Ministry's open data (Eligendo: ele_m,
// vot_t, voti_si, sk_bianche …), one figure a row; not an official format.
import type { Election } from '../election/schema.js';
import type { MunicipalResults, PartyListResults, ReferendumResults, SectionTally } from './types.js';

const HEADER = ['cod_consultazione', 'tipo', 'sezione', 'voce', 'cod', 'descrizione', 'valore'];

const TYPE: Record<Election['contests'][number]['type'], string> = {
  referendum: 'referendum',
  municipal: 'comunali',
  european: 'europee',
  camera: 'camera',
  senato: 'senato',
};

/**
 * One cell of a `;`-separated CSV (docs/threat-model.md R34): a text that starts with = + - @, a tab or a
 * carriage return is given a leading apostrophe, so that a spreadsheet shows it as text instead of
 * running it as a formula (=HYPERLINK(…), =cmd|…); a cell with the separator, a quote, a tab or a line
 * break is quoted. Every CSV Seggio writes goes through here.
 */
export function csvCell(value: string | number): string {
  const raw = String(value);
  const text = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[;"\t\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One figure of the record, in the vocabulary of the Ministry's open data (`voce`: ele_t, voti_si …). */
export interface TallyRow {
  readonly contest: string;
  readonly voce: string;
  readonly cod: string;
  readonly descrizione: string;
  readonly valore: number;
}

/** Every figure of the tally, per contest in the tally's (scrutiny) order: the CSV's rows, and the console's record. */
export function tallyRows(election: Election, tally: SectionTally): TallyRow[] {
  const rows: TallyRow[] = [];
  const person = (p: { surname: string; name: string }) => `${p.surname} ${p.name}`;
  for (const t of tally.contests) {
    const contest = election.contests.find((c) => c.id === t.id)!;
    const row = (voce: string, valore: number, cod = '', descrizione = '') => rows.push({ contest: t.id, voce, cod, descrizione, valore });
    row('ele_m', t.electors.M);
    row('ele_f', t.electors.F);
    row('ele_t', t.electors.T);
    row('vot_m', t.voters.M);
    row('vot_f', t.voters.F);
    row('vot_t', t.voters.T);
    row('sk_bianche', t.blank);
    row('sk_nulle', t.invalid);
    row('sk_contestate', t.contested);
    for (const report of tally.turnout) {
      const figures = report.contests[t.id];
      const at = election.turnoutCheckpoints.find((c) => c.id === report.checkpoint)?.at ?? '';
      if (figures) for (const sex of ['m', 'f', 't'] as const) row(`com_vot.vot_${sex}`, figures[sex.toUpperCase() as 'M' | 'F' | 'T'], report.checkpoint, at);
    }
    if (contest.type === 'referendum') {
      const r = t.results as ReferendumResults;
      row('voti_si', r.YES);
      row('voti_no', r.NO);
    } else if (contest.type === 'municipal') {
      const r = t.results as MunicipalResults;
      for (const m of contest.mayors) row('voti_sindaco', r.mayors[m.id]!.votes, m.id, person(m));
      for (const m of contest.mayors) row('voti_solo_sindaco', r.mayors[m.id]!.mayorOnly, m.id, person(m));
      for (const l of contest.lists) row('voti_lista', r.lists[l.id]!, l.id, l.name);
      for (const l of contest.lists) for (const c of l.candidates) row('voti_preferenza', r.preferences[c.id]!, c.id, person(c));
    } else {
      const r = t.results as PartyListResults;
      if (contest.type !== 'european') {
        for (const c of contest.candidates) row('voti_candidato', r.candidates[c.id]!, c.id, person(c));
        for (const c of contest.candidates) row('voti_solo_candidato', r.candidateOnly?.[c.id] ?? 0, c.id, person(c));
      }
      for (const l of contest.lists) row('voti_lista', r.lists[l.id]!, l.id, l.name);
      if (contest.type === 'european') for (const l of contest.lists) for (const c of l.candidates) row('voti_preferenza', r.preferences[c.id]!, c.id, person(c));
    }
  }
  return rows;
}

export function tallyCsv(election: Election, tally: SectionTally): string {
  const type = new Map(tally.contests.map((t) => [t.id, TYPE[t.type]]));
  const rows = tallyRows(election, tally).map((r) => [r.contest, type.get(r.contest)!, tally.section, r.voce, r.cod, r.descrizione, r.valore]);
  return [HEADER, ...rows].map((r) => r.map(csvCell).join(';')).join('\r\n') + '\r\n';
}
