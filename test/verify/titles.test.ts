// A day whose package gives its titles and question in German and English (docs/bundle-format.md §3.1):
// `seggio verify` and the specification's reference verifier, which knows nothing of these fields, accept
// its bundle; the same bundle whose German title was changed after the office signed is refused.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDay, parseElection, seededRandom, type Election, type ReferendumContest } from '@seggio/ballot-core';
import { main } from '@seggio/cli';
import { REPO_ROOT, sodiumPython } from '../support/index.js';
import { endDay, runDay, type DayResult } from '../simulate/day.js';

const work = mkdtempSync(join(tmpdir(), 'seggio-titles-'));
let day: DayResult;

beforeAll(async () => {
  const document = JSON.parse(readFileSync(join(REPO_ROOT, 'fixtures', 'sanvalle-2020.election.json'), 'utf8')) as Election;
  const [referendum, municipal] = document.contests as [ReferendumContest, Election['contests'][number]];
  referendum.titles = { de: 'Verfassungsreferendum – Verringerung der Zahl der Parlamentarier', en: 'Constitutional referendum – reducing the number of members of Parliament' };
  referendum.questions = { de: 'Billigen Sie den Text des Verfassungsgesetzes?' };
  municipal.titles = { de: 'Direktwahl des Bürgermeisters und des Gemeinderats von Sanvalle Cremonese' };
  const electionBytes = new TextEncoder().encode(`${JSON.stringify(document, null, 2)}\n`);
  const parsed = parseElection(electionBytes);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  day = await runDay({ election: parsed.value, electionBytes, section: '3', day: generateDay(parsed.value, '3', 12, seededRandom(17)), booths: 1, out: join(work, 'day') });
}, 60_000);
afterAll(async () => {
  await endDay(day);
  rmSync(work, { recursive: true, force: true });
});

async function verify(bundle: string): Promise<{ code: number; failed: { check: string; items: { status: string; message: string }[] }[] }> {
  let out = '';
  const officeKey = readFileSync(join(work, 'day', 'office.pub'), 'utf8').trim();
  const code = await main(['verify', bundle, '--office-key', officeKey, '--json', '--workers', '1'], { out: { write: (t: string) => (out += t) }, err: { write: () => undefined } });
  const report = JSON.parse(out) as { checks: { check: string; status: string; items: { status: string; message: string }[] }[] };
  return { code, failed: report.checks.filter((c) => c.status === 'fail') };
}

/** The reference verifier of Appendix A, copied out of docs/reference-verifier.md and run with Python over libsodium. */
function reference(bundle: string) {
  const code = /```python\n([\s\S]*?)\n```/.exec(readFileSync(join(REPO_ROOT, 'docs', 'reference-verifier.md'), 'utf8'))![1]!;
  const script = join(work, 'verify.py');
  writeFileSync(script, `${code}\n`);
  const result = spawnSync(sodiumPython(), [script, bundle, join(work, 'day', 'office.pub')], { encoding: 'utf8' });
  return { out: result.stdout, stderr: result.stderr, failures: result.stdout.split('\n').filter((l) => l.startsWith('FAIL')) };
}

describe('a bundle whose package has titles in German and English', () => {
  it('is accepted by seggio verify and by the reference verifier', async () => {
    expect(readFileSync(join(day.bundle, 'election.json'), 'utf8')).toContain('"titles"');
    expect(await verify(day.bundle)).toEqual({ code: 0, failed: [] });
    const checked = reference(day.bundle);
    expect(checked.stderr).toBe('');
    expect(checked.failures).toEqual([]);
    expect(checked.out).toContain('RESULT: PASS');
  });

  it('is refused once its German title was changed after the office signed it', async () => {
    const bundle = join(work, 'changed');
    cpSync(day.bundle, bundle, { recursive: true });
    const file = join(bundle, 'election.json');
    const before = readFileSync(file, 'utf8');
    const after = before.replace('Verringerung der Zahl der Parlamentarier', 'Erhöhung der Zahl der Parlamentarier');
    expect(after).not.toBe(before);
    writeFileSync(file, after);
    const { code, failed } = await verify(bundle);
    expect(code).not.toBe(0);
    const election = failed.find((c) => c.check === 'election')?.items ?? [];
    expect(election.some((i) => i.status === 'fail' && /the signature is not valid/.test(i.message)), JSON.stringify(election)).toBe(true);
    expect(reference(bundle).failures.join('\n')).toMatch(/election/);
  });
});
