// verbale.pdf read as a person reads it (pdftotext): laid out as the Ministry's model of the section's
// record, each contest's tables carry the tally's own figures, every page has the seat's signatures
// and its number, the turnout's times are in Italian words, and the QR code is the tally's digest.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDay, parseElection, seededRandom, tallyDigest, type Election, type MunicipalResults, type ReferendumResults, type TallyDocument } from '@seggio/ballot-core';
import { pdfQrCodes, pdfText, REPO_ROOT } from '../support/index.js';
import { endDay, runDay, type DayResult } from '../simulate/day.js';

let day: DayResult;
let election: Election;
let tally: TallyDocument;
let text: string;
const work = mkdtempSync(join(tmpdir(), 'seggio-verbale-day-'));

beforeAll(async () => {
  const electionBytes = readFileSync(join(REPO_ROOT, 'fixtures', 'sanvalle-2020.election.json'));
  election = (parseElection(electionBytes) as { ok: true; value: Election }).value;
  day = await runDay({ election, electionBytes, section: '3', day: generateDay(election, '3', 40, seededRandom(3)), booths: 2, out: join(work, 'day') });
  tally = JSON.parse(readFileSync(join(day.bundle, 'tally.json'), 'utf8')) as TallyDocument;
  text = pdfText(join(day.bundle, 'verbale.pdf'));
}, 60_000);
afterAll(async () => {
  await endDay(day);
  rmSync(work, { recursive: true, force: true });
});

/** A table row as pdftotext lays it out: its label, then its figures, separated by spaces. */
const row = (label: string, ...figures: number[]) => new RegExp(`^ *${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} +${figures.join(' +')} *$`, 'm');

describe('verbale.pdf', () => {
  it("has each contest's figures in its tables, as the tally has them", () => {
    for (const t of tally.contests) {
      expect(text).toMatch(row('Elettori iscritti', t.electors.M, t.electors.F, t.electors.T));
      expect(text).toMatch(row('Votanti', t.voters.M, t.voters.F, t.voters.T));
      expect(text).toMatch(row('Schede bianche', t.blank));
    }
    const ref = tally.contests.find((c) => c.id === 'REF-2020-1')!.results as ReferendumResults;
    expect(text).toMatch(row('SÌ', ref.YES));
    expect(text).toMatch(row('NO', ref.NO));
    const com = election.contests.find((c) => c.type === 'municipal')!;
    const results = tally.contests.find((c) => c.id === com.id)!.results as MunicipalResults;
    for (const l of com.type === 'municipal' ? com.lists : []) expect(text).toMatch(row(l.name, results.lists[l.id]!));
    for (const m of com.type === 'municipal' ? com.mayors : []) expect(text).toMatch(row(`${m.surname} ${m.name}`, results.mayors[m.id]!.votes, results.mayors[m.id]!.mayorOnly));
  });

  it('says the turnout times in Italian words', () => {
    expect(text).toMatch(/^ *C1 +domenica 20 settembre 2020, ore 12:00 +\d+ +\d+ +\d+ *$/m);
    expect(text).toMatch(/lunedì 21 settembre 2020, ore 15:00/);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it('carries the signatures of the seat and of the list representatives, and its number, on every page', () => {
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      for (const words of ['Il presidente', 'Il segretario', 'Gli scrutatori', 'I rappresentanti di lista presenti']) expect(page, `page ${i + 1}`).toContain(words);
      expect(page).toContain(`Verbale della sezione 3, Sanvalle Cremonese · pagina ${i + 1} di ${pages.length}`);
    });
  });

  it("prints the tally's digest as a QR code", () => {
    expect(pdfQrCodes(join(day.bundle, 'verbale.pdf'))).toEqual([tallyDigest(tally)]);
  });
});
