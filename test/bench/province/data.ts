// The province of Cremona's 2020 referendum as published (data/referendum-2020-comuni.csv): each comune's
// electors, voters by sex, YES, NO, blank and invalid, and what the bench makes of them: each comune's
// election package and its voters spread over its sections.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseElection, type Election, type Selection } from '@seggio/ballot-core';
import { REPO_ROOT } from '../../support/index.js';

export interface Published { istat: string; name: string; sections: number; ele: { M: number; F: number }; vot: { M: number; F: number }; yes: number; no: number; blank: number; invalid: number }

/** A voter of the bench: the sex the console records and what the voter answers at the booth. */
export interface Voter { readonly sex: 'M' | 'F'; readonly selection: Selection }

/** Booths in each section. */
export const BOOTHS = 2;

export function published(): Published[] {
  const [header, ...lines] = readFileSync(join(REPO_ROOT, 'data', 'referendum-2020-comuni.csv'), 'utf8').trim().split(/\r?\n/);
  const keys = header!.split(',');
  return lines
    .map((line) => Object.fromEntries(line.split(',').map((v, i) => [keys[i]!, v])))
    .filter((r) => r.desc_prov === 'CREMONA')
    .map((r) => ({
      istat: r['CODICE ISTAT']!, name: r.desc_com!, sections: Number(r.sezioni_totali),
      ele: { M: Number(r.elettori_maschi), F: Number(r.elettrici_femmine) }, vot: { M: Number(r.votatanti_maschi), F: Number(r.votanti_femmine) },
      yes: Number(r.voti_si), no: Number(r.voti_no), blank: Number(r.schede_bianche), invalid: Number(r.schede_nulle) + Number(r.schede_contestate),
    }));
}

/** `total` over `n` parts, the first ones one more. */
const spread = (total: number, n: number) => Array.from({ length: n }, (_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0));

export function electionFor(c: Published): { bytes: Uint8Array; election: Election } {
  const template = JSON.parse(readFileSync(join(REPO_ROOT, 'fixtures', 'referendum-2020.election.json'), 'utf8')) as Election;
  const eleM = spread(c.ele.M, c.sections);
  const eleF = spread(c.ele.F, c.sections);
  const name = c.name.replace(/[^A-Za-zÀ-ÿ' -]/g, ' ').trim();
  const doc = {
    ...template, id: `2020-09-20-ref-${c.istat}`, comune: { name, istat: c.istat, province: 'CR' },
    sections: eleM.map((M, i) => ({ id: String(i + 1), name: `Sezione ${i + 1}`, electors: { IT: { M, F: eleF[i]! } }, booths: BOOTHS })),
  };
  const bytes = new TextEncoder().encode(`${JSON.stringify(doc, null, 2)}\n`);
  const parsed = parseElection(bytes);
  if (!parsed.ok) throw new Error(`${c.name}: ${JSON.stringify(parsed.error)}`);
  return { bytes, election: parsed.value };
}

/** The comune's voters, spread over its sections: who voted (by sex) and what they answered. */
export function votersFor(c: Published): Voter[][] {
  // The invalid and contested ballots' voters are left out, from the women first and the men after, half each.
  const outF = Math.min(c.vot.F, Math.ceil(c.invalid / 2));
  const sexes = { M: spread(c.vot.M - (c.invalid - outF), c.sections), F: spread(c.vot.F - outF, c.sections) };
  const answers = { YES: spread(c.yes, c.sections), NO: spread(c.no, c.sections), blank: spread(c.blank, c.sections) };
  return Array.from({ length: c.sections }, (_, s) => {
    const choices: Selection[] = [
      ...Array<Selection>(answers.YES[s]!).fill({ answer: 'YES' }), ...Array<Selection>(answers.NO[s]!).fill({ answer: 'NO' }), ...Array<Selection>(answers.blank[s]!).fill({ blank: true }),
    ];
    const who: ('M' | 'F')[] = [...Array<'M'>(sexes.M[s]!).fill('M'), ...Array<'F'>(sexes.F[s]!).fill('F')];
    // The two spreads may differ by a voter in a section; the comune's sums are what must match.
    while (who.length < choices.length) who.push('F');
    return choices.map((selection, i) => ({ sex: who[i]!, selection }));
  });
}
