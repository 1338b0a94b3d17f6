// `seggio verify --lang`: the report said in Italian, German or English, with each contest's figures as
// recounted from the ballots beside the signed tally's, and a figure that differs marked.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDay, parseElection, seededRandom, type Election, type TallyDocument } from '@seggio/ballot-core';
import { main } from '@seggio/cli';
import { REPO_ROOT } from '../support/index.js';
import { endDay, runDay, type DayResult } from '../simulate/day.js';

let day: DayResult;
let officeKey: string;
let yes: number;
const work = mkdtempSync(join(tmpdir(), 'seggio-verify-lang-'));

beforeAll(async () => {
  const electionBytes = readFileSync(join(REPO_ROOT, 'fixtures', 'sanvalle-2020.election.json'));
  const election = (parseElection(electionBytes) as { ok: true; value: Election }).value;
  day = await runDay({ election, electionBytes, section: '3', day: generateDay(election, '3', 20, seededRandom(9)), booths: 1, out: join(work, 'day') });
  officeKey = readFileSync(join(work, 'day', 'office.pub'), 'utf8').trim();
  const tally = JSON.parse(readFileSync(join(day.bundle, 'tally.json'), 'utf8')) as TallyDocument;
  yes = (tally.contests.find((c) => c.id === 'REF-2020-1')!.results as { YES: number }).YES;
}, 60_000);
afterAll(async () => {
  await endDay(day);
  rmSync(work, { recursive: true, force: true });
});

async function verify(dir: string, ...extra: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await main(['verify', dir, '--office-key', officeKey, '--workers', '1', ...extra], { out: { write: (t: string) => (out += t) }, err: { write: () => undefined } });
  return { code, out };
}

describe('seggio verify --lang', () => {
  it('says the checks, the result and every figure in Italian, recounted beside signed', async () => {
    const { code, out } = await verify(day.bundle, '--lang', 'it');
    expect(code).toBe(0);
    expect(out).toContain("OK       election       il pacchetto dell'elezione, firmato dalla chiave dell'ufficio");
    expect(out).toContain('Cifre di ogni consultazione: ricontate dalle schede e firmate nel verbale');
    expect(out).toMatch(new RegExp(`^ {4}Voti SÌ +${yes} +${yes}$`, 'm'));
    expect(out).toMatch(/^ {4}Votanti: totale +20 +20$/m);
    expect(out).not.toContain('DIVERSE');
    expect(out.trimEnd().split('\n').at(-1)).toBe('ESITO: REGOLARE: ogni controllo è superato');
  });

  it('in German, and in English by default', async () => {
    expect((await verify(day.bundle, '--lang', 'de')).out).toContain('ERGEBNIS: IN ORDNUNG: jede Prüfung besteht');
    const english = (await verify(day.bundle)).out;
    expect(english).toMatch(new RegExp(`^ {4}YES votes +${yes} +${yes}$`, 'm'));
    expect(english).toContain('RESULT: PASS: every check holds');
  });

  it('marks a signed figure that the recount does not find, and the JSON report carries both', async () => {
    const dir = join(work, 'changed');
    cpSync(day.bundle, dir, { recursive: true });
    const tally = JSON.parse(readFileSync(join(dir, 'tally.json'), 'utf8')) as { contests: { id: string; results: { YES: number } }[] };
    tally.contests.find((c) => c.id === 'REF-2020-1')!.results.YES += 1;
    writeFileSync(join(dir, 'tally.json'), JSON.stringify(tally));
    const { code, out } = await verify(dir, '--lang', 'it');
    expect(code).toBe(1);
    expect(out).toMatch(new RegExp(`^ {4}Voti SÌ +${yes} +${yes + 1}  DIVERSE$`, 'm'));
    expect(out).toContain('ESITO: IRREGOLARE:');
    const json = JSON.parse((await verify(dir, '--json')).out) as { figures: { contest: string; rows: { voce: string; recounted: number; signed: number }[] }[] };
    expect(json.figures.find((f) => f.contest === 'REF-2020-1')!.rows.find((r) => r.voce === 'voti_si')).toMatchObject({ recounted: yes, signed: yes + 1 });
  });

  it('words the record checks of the recount with their figures in the language asked for, and says that the other details stay English', async () => {
    const italian = (await verify(day.bundle, '--lang', 'it', '--verbose')).out;
    expect(italian).toContain('I dettagli dei controlli restano in inglese, come nel formato del pacchetto, salvo quelli del riscontro e del verbale (C1-C8, E1).');
    expect(italian).toMatch(new RegExp(`ok {4}contest REF-2020-1: C3: SÌ ${yes} \\+ NO \\d+ \\+ bianche \\d+ \\+ nulle 0 \\+ contestate 0 = 20 = votanti 20$`, 'm'));
    expect(italian).toMatch(/contest REF-2020-1: E1: schede nell'urna 20, votazioni che hanno espresso questa consultazione 20, votanti registrati 20$/m);
    expect(italian).not.toMatch(/: C\d: .*\b(voters|blank|ballots)\b/);
    // The reconciliation's details are codes, said in Italian too.
    expect(italian).toMatch(/^ +ok {4}contest REF-2020-1: 20 schede = 20 votanti$/m);
    expect(italian).toMatch(/^ +ok {4}booth B1, contest REF-2020-1: 20 schede = il conteggio e l'impronta del sigillo$/m);
    expect((await verify(day.bundle, '--lang', 'de', '--verbose')).out).toMatch(new RegExp(`contest REF-2020-1: C3: JA ${yes} \\+ NEIN \\d+`));
    // The JSON report keeps each check's English and carries its figures.
    const json = JSON.parse((await verify(day.bundle, '--json')).out) as { checks: { check: string; items: { message: string; recordCheck?: { check: string; figures: { yes?: number } } }[] }[] };
    const c3 = json.checks.find((c) => c.check === 'recount')!.items.find((i) => i.recordCheck?.check === 'C3' && i.message.includes('YES'))!;
    expect(c3.recordCheck!.figures.yes).toBe(yes);
  });

  it('refuses a language it does not speak, as a usage error', async () => {
    expect((await verify(day.bundle, '--lang', 'fr')).code).toBe(2);
  });
});
