import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson } from '@seggio/ballot-core';
import { describe, expect, it } from 'vitest';
import { buildElection } from '../src/build/build.js';
import { ALLOWED_LIMIT, allowedText } from '../src/build/cells.js';
import type { BuildProblem } from '../src/build/codes.js';
import { MAX_ROWS } from '../src/build/csv.js';
import { FOLDER_LIMITS, folderFromEntries, readFolder } from '../src/build/folder.js';
import { EXIT, main } from '../src/main.js';

const root = new URL('../../../', import.meta.url).pathname;
const EXAMPLES = [
  ['fixtures/sanvalle-2020', 'fixtures/sanvalle-2020.election.json'],
  ['fixtures/rivafonda-2020', 'fixtures/rivafonda-2020.election.json'],
  ['fixtures/politiche-2022', 'fixtures/politiche-2022.election.json'],
  ['demo/sanvalle-demo', 'demo/sanvalle-demo.election.json'],
] as const;

async function run(...argv: string[]) {
  const text = { out: '', err: '' };
  const code = await main(argv, { out: { write: (t: string) => (text.out += t) }, err: { write: (t: string) => (text.err += t) } });
  return { code, ...text };
}

/** A copy of the Sanvalle folder to break. */
function sanvalle(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'seggio-build-')), 'cartella');
  cpSync(join(root, 'fixtures/sanvalle-2020'), dir, { recursive: true });
  return dir;
}
const edit = (dir: string, file: string, from: string | RegExp, to: string) => {
  const before = readFileSync(join(dir, file), 'utf8');
  const after = before.replace(from, to);
  expect(after, `${file}: ${from}`).not.toBe(before);
  writeFileSync(join(dir, file), after);
};
/** The one problem of this code whose params match `wanted` (a RegExp for part of a text). */
function found(list: readonly BuildProblem[], code: BuildProblem['code'], wanted: Record<string, string | RegExp>): BuildProblem {
  const match = list.find((p) => p.code === code && Object.entries(wanted).every(([k, v]) => {
    const given = (p.params as Record<string, string>)[k] ?? '';
    return typeof v === 'string' ? given === v : v.test(given);
  }));
  if (!match) throw new Error(`no ${code} ${JSON.stringify(wanted, (_k, v: unknown) => (v instanceof RegExp ? String(v) : v))} among ${JSON.stringify(list, null, 1)}`);
  return match;
}
const problems = (dir: string) => {
  const result = buildElection(readFolder(dir));
  if (result.ok) throw new Error('the broken folder was accepted');
  return result.problems;
};

describe('seggio election build: the example folders', () => {
  it.each(EXAMPLES)('%s reproduces %s byte for byte after canonicalisation', (folder, fixture) => {
    const result = buildElection(readFolder(join(root, folder)));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const expected = JSON.parse(readFileSync(join(root, fixture), 'utf8')) as Record<string, unknown>;
    const built = JSON.parse(new TextDecoder().decode(result.bytes)) as Record<string, unknown>;
    expect(canonicalJson(built.contests)).toBe(canonicalJson(expected.contests));
    expect(canonicalJson(built)).toBe(canonicalJson(expected));
  });

  it('writes election.json that `seggio election check` accepts, and prints the rules the law gives each contest', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'seggio-build-')), 'election.json');
    const built = await run('election', 'build', join(root, 'fixtures/rivafonda-2020'), '--out', out);
    expect(built.code).toBe(EXIT.ok);
    expect(built.out).toContain('COM-999002-2020: up to 2 preferences, of different sex; split vote allowed');
    expect((await run('election', 'check', out)).code).toBe(EXIT.ok);
    expect((await run('election', 'build', join(root, 'fixtures/rivafonda-2020'), '--out', out)).code).toBe(EXIT.usage);
  });
});

describe('seggio election build: a broken folder', () => {
  it('names what is allowed, cut to a bounded length that still says how many are left out', () => {
    expect(allowedText(['L1', 'L2', 'L3'])).toBe('L1, L2, L3');
    expect(allowedText([])).toBe('—');
    const many = allowedText(Array.from({ length: 300 }, (_, i) => `LISTA-${i + 1}`));
    expect(many.length).toBeLessThanOrEqual(ALLOWED_LIMIT + 12);
    expect(many).toMatch(/^LISTA-1, LISTA-2, .*, … \(\+\d+\)$/);
    const shown = many.split(', ').length - 1;
    expect(many.endsWith(`(+${300 - shown})`)).toBe(true);
  });

  it('reports every problem at once, each with its file, line and column', async () => {
    const dir = sanvalle();
    edit(dir, 'sezioni.csv', ';cabine;', ';');
    edit(dir, 'sezioni.csv', 'Tigli 4;3;', 'Tigli 4;');
    edit(dir, 'candidati.csv', 'L1;5;L1-C05', 'L9;5;L1-C05');
    edit(dir, 'sindaci.csv', 'ROBERTO;M;L2', 'ROBERTO;M;L1');
    writeFileSync(join(dir, 'l3.png'), 'GIF89a not a picture');
    edit(dir, 'candidati.csv', 'L1-C03;GABELLI;ELENA', 'L1-C03;Tinazzi;Lùca');
    edit(dir, 'liste.csv', 'Sanvalle Domani', '=HYPERLINK("http://example.invalid")');
    const all = problems(dir);
    expect(all).toEqual(expect.arrayContaining([
      { code: 'column-missing', params: { file: 'sezioni.csv', line: '1', column: 'cabine', allowed: 'id, nome, cabine, elettori_m, elettori_f' } },
      { code: 'reference-unknown', params: { file: 'candidati.csv', line: '6', column: 'lista', value: 'L9', target: 'liste.csv', allowed: 'L1, L2, L3' } },
      { code: 'symbol-not-png', params: { file: 'liste.csv', line: '4', column: 'contrassegno', value: 'l3.png' } },
      { code: 'duplicate', params: { file: 'candidati.csv', line: '4', column: '', value: '', firstLine: '2' } },
      { code: 'cell-formula', params: { file: 'liste.csv', line: '3', column: 'nome', value: '=HYPERLINK("http://example.invalid")' } },
    ]));
    found(all, 'election-rule', { file: 'sindaci.csv', line: '3', column: 'liste', reason: /already linked to mayor "S1"/ });
    expect(all).toHaveLength(6);
    // In the order staff correct them: by file, line and column.
    expect(all.map((p) => { const at = p.params as { file: string; line: string; column: string }; return `${at.file}:${at.line}:${at.column}`; })).toEqual([
      'candidati.csv:4:', 'candidati.csv:6:lista', 'liste.csv:3:nome', 'liste.csv:4:contrassegno', 'sezioni.csv:1:cabine', 'sindaci.csv:3:liste',
    ]);
    const cli = await run('election', 'build', dir, '--out', join(dir, '..', 'election.json'));
    expect(cli.code).toBe(EXIT.failed);
    expect(cli.err).toContain('sezioni.csv line 1: column "cabine" is missing');
    expect(cli.err).toContain('candidati.csv line 6, column lista: "L9" is not in liste.csv; allowed: L1, L2, L3');
    expect(cli.err).toContain('liste.csv line 3, column nome: "=HYPERLINK(\\"http://example.invalid\\")" would be run as a formula');
    expect(cli.err).toContain('candidati.csv line 4: is the same as on line 2 (names compared without case, accents or punctuation)');
  });

  it('refuses a symbol that only begins like a PNG, a number and a choice not allowed, each at its cell', () => {
    const dir = sanvalle();
    const png = readFileSync(join(dir, 'l2.png'));
    writeFileSync(join(dir, 'l2.png'), png.subarray(0, 40));
    edit(dir, 'sezioni.csv', 'Tigli 4;3;', 'Tigli 4;9;');
    edit(dir, 'candidati.csv', 'GABELLI;ELENA;F', 'GABELLI;ELENA;X');
    expect(problems(dir)).toEqual([
      { code: 'cell-not-choice', params: { file: 'candidati.csv', line: '4', column: 'sesso', value: 'X', allowed: 'm, f' } },
      { code: 'symbol-damaged', params: { file: 'liste.csv', line: '3', column: 'contrassegno', value: 'l2.png' } },
      { code: 'cell-not-number', params: { file: 'sezioni.csv', line: '2', column: 'cabine', value: '9', min: '1', max: '8' } },
    ]);
  });

  it('refuses two mayors for one list and a mayor with two lists under 15,000 inhabitants', () => {
    const dir = sanvalle();
    edit(dir, 'sindaci.csv', 'DAVIDE;M;L3', 'DAVIDE;M;L3 L2');
    found(problems(dir), 'election-rule', { file: 'sindaci.csv', line: '4', column: 'liste', reason: /up to 15,000 inhabitants each mayor has exactly one/ });
  });

  it('refuses a time zone the machines do not know at its cell', () => {
    const dir = sanvalle();
    edit(dir, 'elezione.csv', ';CR;Europe/Rome;', ';CR;Europe/Roma;');
    found(problems(dir), 'election-rule', { file: 'elezione.csv', line: '2', column: 'fuso_orario', path: '$.timezone', reason: /not a time zone this machine knows \("Europe\/Roma"\)/ });
  });

  it('reads a quoted cell with the separator and a line break in it, and reports the line of a CSV error', () => {
    const dir = sanvalle();
    edit(dir, 'liste.csv', 'Civica Argine Verde', '"Civica; Argine\nVerde"');
    found(problems(dir), 'election-rule', { file: 'liste.csv', line: '5', column: 'nome', reason: /control character/ });
    edit(dir, 'liste.csv', '"Civica; Argine\nVerde"', '"Civica Argine Verde');
    const unclosed = problems(dir);
    expect(unclosed).toHaveLength(1);
    found(unclosed, 'csv-syntax', { file: 'liste.csv', line: '5', reason: /Quote Not Closed/ });
  });

  it('takes only the folder\'s own plain files: no link, no subfolder, no path in a symbol\'s name', () => {
    const dir = sanvalle();
    symlinkSync(join(dir, 'l1.png'), join(dir, 'link.png'));
    mkdirSync(join(dir, 'sub'));
    edit(dir, 'liste.csv', 'l2.png', 'link.png');
    edit(dir, 'liste.csv', 'l3.png', '../l3.png');
    expect(problems(dir)).toEqual(expect.arrayContaining([
      { code: 'entry-not-file', params: { file: 'link.png' } },
      { code: 'entry-not-file', params: { file: 'sub' } },
      { code: 'symbol-missing', params: { file: 'liste.csv', line: '3', column: 'contrassegno', value: 'link.png' } },
      { code: 'symbol-name', params: { file: 'liste.csv', line: '4', column: 'contrassegno', value: '../l3.png' } },
    ]));
  });

  it('bounds every file, the rows of a table and the names of uploaded files', () => {
    const dir = sanvalle();
    writeFileSync(join(dir, 'l2.png'), new Uint8Array(FOLDER_LIMITS.pngBytes + 1));
    writeFileSync(join(dir, 'note.txt'), new Uint8Array(FOLDER_LIMITS.otherBytes + 1));
    // Sparse, so it takes no room on disk: read whole, it would not fit in memory.
    writeFileSync(join(dir, 'grande.csv'), '');
    truncateSync(join(dir, 'grande.csv'), 5 * 1024 ** 3);
    const rows = Array.from({ length: MAX_ROWS + 1 }, (_, i) => `${i + 10};Sezione ${i + 10};1;1;1`).join('\n');
    writeFileSync(join(dir, 'sezioni.csv'), `id;nome;cabine;elettori_m;elettori_f\n${rows}\n`);
    expect(problems(dir)).toEqual(expect.arrayContaining([
      { code: 'file-too-large', params: { file: 'l2.png', limit: String(FOLDER_LIMITS.pngBytes) } },
      { code: 'file-too-large', params: { file: 'note.txt', limit: String(FOLDER_LIMITS.otherBytes) } },
      { code: 'file-too-large', params: { file: 'grande.csv', limit: String(FOLDER_LIMITS.csvBytes) } },
      { code: 'csv-too-many-rows', params: { file: 'sezioni.csv', limit: String(MAX_ROWS) } },
    ]));
    const uploaded = folderFromEntries([{ name: '../elezione.csv', bytes: new Uint8Array(1) }, { name: '.hidden', bytes: new Uint8Array(1) }]);
    expect(uploaded.problems).toEqual([{ code: 'entry-name', params: { file: '../elezione.csv' } }, { code: 'entry-name', params: { file: '.hidden' } }]);
  });

  it('names a missing file and refuses text that is not UTF-8, with its line', () => {
    const dir = sanvalle();
    writeFileSync(join(dir, 'giorni.csv'), Buffer.concat([Buffer.from('data;apertura;chiusura\n2020-09-20;07:00;23:00\n2020-09-21;07:00;'), Buffer.from([0xe8]), Buffer.from('\n')]));
    expect(problems(dir)).toContainEqual({ code: 'csv-encoding', params: { file: 'giorni.csv', line: '3' } });
    const bare = folderFromEntries([{ name: 'elezione.csv', bytes: readFileSync(join(dir, 'elezione.csv')) }]);
    const result = buildElection(bare);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual(expect.arrayContaining([{ code: 'file-missing', params: { file: 'consultazioni.csv' } }, { code: 'file-missing', params: { file: 'sezioni.csv' } }]));
  });
});
