// The contests' titles and the referendum's question in German and English, from consultazioni.csv's
// optional columns titolo_de, titolo_en, quesito_de and quesito_en (docs/election-package.md).
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LIMITS, parseElection } from '@seggio/ballot-core';
import { describe, expect, it } from 'vitest';
import { buildElection } from '../src/build/build.js';
import { describeBuildProblem } from '../src/build/english.js';
import { readFolder } from '../src/build/folder.js';

const root = new URL('../../../', import.meta.url).pathname;

/** The packages made before titles in other languages existed: their bytes, and so their digests, stay. */
const DIGESTS = {
  'fixtures/sanvalle-2020.election.json': 'a2b0cce7df342826d0d990eed32dd2e022b6d2b486eaf30f7da8992e13125ac5',
  'fixtures/rivafonda-2020.election.json': 'c681944dcf9c6be103f1a10e7c25d6e35b7a1d121474033232f91d0e44323dcc',
  'fixtures/politiche-2022.election.json': 'e68278e20e2e45adc944b8adf4b4e49eded1705ec73bb5bf39990769ec2550be',
  'demo/sanvalle-demo.election.json': '779d925e380fbc545f833154820962ffd1a21026a04abaad6a4411f374e1d62d',
};

/** A copy of the Sanvalle folder whose consultazioni.csv has these columns more, a cell for each row. */
function withColumns(columns: Record<string, readonly string[]>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'seggio-titles-')), 'cartella');
  cpSync(join(root, 'fixtures/sanvalle-2020'), dir, { recursive: true });
  const file = join(dir, 'consultazioni.csv');
  const lines = readFileSync(file, 'utf8').trimEnd().split(/\r?\n/);
  const names = Object.keys(columns);
  writeFileSync(file, `${lines.map((line, i) => [line, ...names.map((n) => (i === 0 ? n : (columns[n]![i - 1] ?? '')))].join(';')).join('\n')}\n`);
  return dir;
}

const DE_TITLE = 'Verfassungsreferendum – Verringerung der Zahl der Parlamentarier';
const DE_QUESTION = 'Billigen Sie den Text des Verfassungsgesetzes betreffend „Änderungen der Artikel 56, 57 und 59 der Verfassung zur Verringerung der Zahl der Parlamentarier“?';

describe('seggio election build: titles and the question in German and English', () => {
  it('the example packages keep their bytes and digests, and the builder adds no field to a folder without the columns', () => {
    for (const [file, digest] of Object.entries(DIGESTS)) expect(createHash('sha256').update(readFileSync(join(root, file))).digest('hex'), file).toBe(digest);
    const built = buildElection(readFolder(join(root, 'fixtures/sanvalle-2020')));
    if (!built.ok) throw new Error(JSON.stringify(built.problems));
    const text = new TextDecoder().decode(built.bytes);
    expect(text).not.toContain('"titles"');
    expect(text).not.toContain('"questions"');
  });

  it('reads titolo_de, titolo_en and quesito_de into the contests, leaving out what is not given', () => {
    const dir = withColumns({ titolo_de: [DE_TITLE, 'Direktwahl des Bürgermeisters und des Gemeinderats von Sanvalle Cremonese'], titolo_en: ['Constitutional referendum', ''], quesito_de: [DE_QUESTION, ''] });
    const built = buildElection(readFolder(dir));
    if (!built.ok) throw new Error(JSON.stringify(built.problems));
    const parsed = parseElection(built.bytes);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    const [referendum, municipal] = parsed.value.contests;
    expect(referendum).toMatchObject({ titles: { de: DE_TITLE, en: 'Constitutional referendum' }, questions: { de: DE_QUESTION } });
    expect(referendum && 'questions' in referendum && referendum.questions).not.toHaveProperty('en');
    expect(municipal!.titles).toEqual({ de: 'Direktwahl des Bürgermeisters und des Gemeinderats von Sanvalle Cremonese' });
  });

  it('refuses an over-long title and a question with a hidden character, at the cell, with the reason', () => {
    const dir = withColumns({ titolo_en: ['T'.repeat(LIMITS.title + 1), ''], quesito_de: ['Billigen Sie\u200B das Gesetz?', ''] });
    const built = buildElection(readFolder(dir));
    if (built.ok) throw new Error('accepted');
    expect(built.problems).toEqual([
      { code: 'election-rule', params: { file: 'consultazioni.csv', line: '2', column: 'quesito_de', path: '$.contests[0].questions.de', reason: 'contains a zero-width character (U+200B) at position 12; allowed: visible text in Unicode NFC' } },
      { code: 'election-rule', params: { file: 'consultazioni.csv', line: '2', column: 'titolo_en', path: '$.contests[0].titles.en', reason: `is too long: at most ${LIMITS.title} characters are allowed` } },
    ]);
    expect(describeBuildProblem(built.problems[1]!)).toBe(`consultazioni.csv line 2, column titolo_en: is too long: at most ${LIMITS.title} characters are allowed ($.contests[0].titles.en)`);
  });
});
