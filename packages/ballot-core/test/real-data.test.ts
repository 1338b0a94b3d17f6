// The 2020 constitutional referendum in the 113 comuni of the province of Cremona (Eligendo, via
// onData, CC BY 4.0): each comune's voters and ballots replayed through the tally give back the
// published figures, and the record checks C1 and C3 hold.
import { describe, expect, it } from 'vitest';
import { tallyCsv, tallySection, type CountedBallot, type Election } from '../src/index.js';
import { loadElection, referendumRows } from './fixtures.js';

const rows = referendumRows().filter((r) => r.desc_prov === 'CREMONA');
const template = loadElection('referendum-2020');
const n = (row: Record<string, string>, key: string) => Number(row[key]);

/** One section holding the whole comune's electors. */
function electionFor(row: Record<string, string>): Election {
  return {
    ...template,
    comune: { name: row.desc_com!, istat: row['CODICE ISTAT']!, province: 'CR' },
    sections: [{ id: '1', name: 'Comune', electors: { IT: { M: n(row, 'elettori_maschi'), F: n(row, 'elettrici_femmine') } }, booths: 4 }],
  };
}

function replay(row: Record<string, string>) {
  const election = electionFor(row);
  const contest = 'REF-2020-1';
  const ballots: CountedBallot[] = [];
  const cast = (count: number, selection: unknown) => {
    for (let i = 0; i < count; i++) ballots.push({ h: ballots.length.toString(16).padStart(64, '0'), selection });
  };
  cast(n(row, 'voti_si'), { answer: 'YES' });
  cast(n(row, 'voti_no'), { answer: 'NO' });
  cast(n(row, 'schede_bianche'), { blank: true });
  // A paper ballot marked twice: the booth cannot make one, the count must still classify it.
  cast(n(row, 'schede_nulle'), { answers: ['YES', 'NO'] });
  const voters = { M: n(row, 'votatanti_maschi'), F: n(row, 'votanti_femmine'), T: n(row, 'votanti_totali') };
  return {
    election,
    outcome: tallySection({
      election,
      electionDigest: '0'.repeat(64),
      section: '1',
      pollbook: { format: 'seggio/pollbook@1', contests: { [contest]: { voters } }, sessions: { enabled: voters.T, cast: voters.T, cancelled: 0 }, turnout: [{ checkpoint: 'C4', contests: { [contest]: voters } }] },
      ballots: { [contest]: ballots },
      castSessions: { [contest]: ballots.length },
    }),
  };
}

describe('the 2020 referendum in the province of Cremona', () => {
  it('has 113 comuni and 405 sections in the data', () => {
    expect(rows).toHaveLength(113);
    expect(rows.reduce((s, r) => s + n(r, 'sezioni_totali'), 0)).toBe(405);
  });

  it.each(rows.map((r) => [r.desc_com!, r] as const))('%s reproduces its published figures', (_name, row) => {
    const { election, outcome } = replay(row);
    const [t] = outcome.tally.contests;
    expect({
      ele_m: t!.electors.M, ele_f: t!.electors.F, ele_t: t!.electors.T,
      vot_m: t!.voters.M, vot_f: t!.voters.F, vot_t: t!.voters.T,
      voti_si: (t!.results as { YES: number }).YES, voti_no: (t!.results as { NO: number }).NO,
      sk_bianche: t!.blank, sk_nulle: t!.invalid, sk_contestate: t!.contested,
    }).toEqual({
      ele_m: n(row, 'elettori_maschi'), ele_f: n(row, 'elettrici_femmine'), ele_t: n(row, 'elettori_totali'),
      vot_m: n(row, 'votatanti_maschi'), vot_f: n(row, 'votanti_femmine'), vot_t: n(row, 'votanti_totali'),
      voti_si: n(row, 'voti_si'), voti_no: n(row, 'voti_no'),
      sk_bianche: n(row, 'schede_bianche'), sk_nulle: n(row, 'schede_nulle'), sk_contestate: n(row, 'schede_contestate'),
    });
    const failed = outcome.checks.filter((c) => !c.ok);
    expect(failed).toEqual([]);
    expect(outcome.checks.filter((c) => c.check === 'C1' || c.check === 'C3').map((c) => c.ok)).toEqual([true, true]);
    const csv = tallyCsv(election, outcome.tally);
    expect(csv).toContain(`REF-2020-1;referendum;1;voti_si;;;${row.voti_si}\r\n`);
    expect(csv).toContain(`REF-2020-1;referendum;1;sk_nulle;;;${row.schede_nulle}\r\n`);
  });

  it('Cremona itself: 16,949 + 9,109 + 54 + 98 + 0 = 26,210 (docs/election-rules.md C3)', () => {
    const { outcome } = replay(rows.find((r) => r.desc_com === 'CREMONA')!);
    expect(outcome.checks.find((c) => c.check === 'C3')!.detail).toBe('YES 16949 + NO 9109 + blank 54 + invalid 98 + contested 0 = 26210 = voters 26210');
  });

  it('a missing ballot breaks C3 and E1, and says by how much', () => {
    const row = { ...rows.find((r) => r.desc_com === 'CREMONA')! };
    row.voti_si = String(n(row, 'voti_si') - 1);
    const failed = replay(row).outcome.checks.filter((c) => !c.ok);
    expect(failed.map((c) => [c.check, c.detail])).toEqual([
      ['C3', 'YES 16948 + NO 9109 + blank 54 + invalid 98 + contested 0 = 26209 ≠ voters 26210'],
      ['E1', 'ballots in the box 26209, sessions that cast this contest 26209, voters registered 26210: they must be equal'],
    ]);
  });
});
