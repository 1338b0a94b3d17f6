// The contests of the package from consultazioni.csv, liste.csv, candidati.csv, sindaci.csv and
// uninominali.csv (docs/election-package.md). What the law fixes is derived, not asked for: who may vote
// each ballot, the municipal rules from the population, the European preferences, a referendum's quorum.
import { ELIGIBLE_CATEGORIES, LIMITS, municipalRulesFor, TRANSLATED, type Contest, type ListEntry, type Translated } from '@seggio/ballot-core';
import { toBase64 } from '@seggio/crypto';
import { PNG } from 'pngjs';
import type { Cells } from './cells.js';
import { buildProblem } from './codes.js';
import type { Row, Table } from './csv.js';
import { FILE_NAME } from './folder.js';

export const CONTEST_TYPES = { referendum: 'referendum', comunali: 'municipal', europee: 'european', camera: 'camera', senato: 'senato' } as const;
const KINDS = { costituzionale: 'constitutional', abrogativo: 'abrogative' } as const;
const SEXES = { m: 'M', f: 'F' } as const;
/** The European ballot's preferences (L. 18/1979): up to three, not all of one sex. */
const EUROPEAN_RULES = { maxPreferences: 3, preferencesMixedSex: true };
const PNG_PREFIX = 'data:image/png;base64,';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export interface ContestTables {
  readonly contests: Table;
  readonly lists: Table | null;
  readonly candidates: Table | null;
  readonly mayors: Table | null;
  readonly singleMember: Table | null;
}

/** A symbol file beside the spreadsheets, checked to be a PNG by decoding it whole. */
function symbol(cells: Cells, files: ReadonlyMap<string, Uint8Array>, table: Table, row: Row, path: string): string | null {
  const name = cells.text(table, row, 'contrassegno', path, false);
  if (name === undefined) return null;
  const at = { file: table.file, line: row.line, column: 'contrassegno', value: name.slice(0, 60) };
  if (!FILE_NAME.test(name) || !name.toLowerCase().endsWith('.png')) {
    cells.problems.push(buildProblem('symbol-name', at));
    return null;
  }
  const bytes = files.get(name);
  if (!bytes) {
    cells.problems.push(buildProblem('symbol-missing', at));
    return null;
  }
  if (bytes.length > LIMITS.symbolBytes) {
    cells.problems.push(buildProblem('symbol-too-large', { ...at, limit: LIMITS.symbolBytes }));
    return null;
  }
  if (bytes.length < PNG_SIGNATURE.length || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) {
    cells.problems.push(buildProblem('symbol-not-png', at));
    return null;
  }
  // Decoded whole: a file that only begins like a PNG is refused here, not on the booth's screen.
  let image: { width: number; height: number };
  try {
    image = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch {
    cells.problems.push(buildProblem('symbol-damaged', at));
    return null;
  }
  if (image.width > LIMITS.symbolPixels || image.height > LIMITS.symbolPixels) {
    cells.problems.push(buildProblem('symbol-too-wide', { ...at, limit: LIMITS.symbolPixels }));
    return null;
  }
  return `${PNG_PREFIX}${toBase64(bytes)}`;
}

/**
 * The German and English of a cell ("titolo_de", "titolo_en"), for a bilingual comune's ballots; left
 * out of the package when neither is given, so that a package without them is as it always was.
 */
function translations(cells: Cells, table: Table, row: Row, column: string, path: string): Partial<Record<Translated, string>> | undefined {
  const given = Object.fromEntries(TRANSLATED.flatMap((language) => {
    const text = cells.text(table, row, `${column}_${language}`, `${path}.${language}`, false);
    return text === undefined ? [] : [[language, text]];
  }));
  if (Object.keys(given).length === 0) return undefined;
  cells.at(path, table, row, `${column}_${Object.keys(given)[0]!}`);
  return given;
}

type Draft = Record<string, unknown> & { id: string; type: Contest['type']; order: number | undefined };

export function buildContests(cells: Cells, files: ReadonlyMap<string, Uint8Array>, t: ContestTables): { contests: Record<string, unknown>[]; scrutinyOrder: string[] } {
  const drafts: Draft[] = [];
  const byId = new Map<string, { draft: Draft; at: string }>();
  cells.unique(t.contests, (r) => r.cells.id, 'id');
  cells.unique(t.contests, (r) => r.cells.ordine_scrutinio, 'ordine_scrutinio');
  t.contests.rows.forEach((row) => {
    const at = `$.contests[${drafts.length}]`;
    const type = cells.choice(t.contests, row, 'tipo', null, CONTEST_TYPES);
    const id = cells.text(t.contests, row, 'id', `${at}.id`) ?? '';
    if (type === undefined || id === undefined) return;
    cells.at(at, t.contests, row);
    const title = cells.text(t.contests, row, 'titolo', `${at}.title`) ?? '';
    const titles = translations(cells, t.contests, row, 'titolo', `${at}.titles`);
    const draft: Draft = { id, type, title, ...(titles ? { titles } : {}), colour: cells.text(t.contests, row, 'colore', `${at}.colour`) ?? '', eligibility: [...ELIGIBLE_CATEGORIES[type]], order: cells.int(t.contests, row, 'ordine_scrutinio', null, 1, LIMITS.contests) };
    cells.at(`${at}.eligibility`, t.contests, row, 'tipo');
    if (type === 'referendum') {
      const kind = cells.choice(t.contests, row, 'genere', `${at}.kind`, KINDS);
      const questions = translations(cells, t.contests, row, 'quesito', `${at}.questions`);
      Object.assign(draft, { kind, number: cells.int(t.contests, row, 'numero', `${at}.number`, 1, 99), question: cells.text(t.contests, row, 'quesito', `${at}.question`) ?? '', ...(questions ? { questions } : {}), quorum: kind === 'abrogative' ? 0.5 : null });
    } else if (type === 'municipal') {
      const population = cells.int(t.contests, row, 'abitanti', `${at}.population`, 1, 5_000_000);
      cells.at(`${at}.rules`, t.contests, row, 'abitanti');
      Object.assign(draft, { population, seats: cells.int(t.contests, row, 'seggi', `${at}.seats`, 1, 100), rules: municipalRulesFor(population ?? 0), mayors: [], lists: [] });
    } else {
      const constituency = cells.text(t.contests, row, 'circoscrizione', `${at}.constituency`, false);
      if (constituency !== undefined) draft.constituency = constituency;
      if (type === 'european') draft.rules = { ...EUROPEAN_RULES };
      else draft.candidates = [];
      draft.lists = [];
    }
    byId.set(id, { draft, at });
    drafts.push(draft);
  });

  const contestOf = (table: Table, row: Row, wants: (type: Contest['type']) => boolean) => {
    const id = cells.text(table, row, 'consultazione', null);
    if (id === undefined) return undefined;
    const found = byId.get(id);
    if (!found) return void cells.unknown(table, row, 'consultazione', 'consultazioni.csv', [...byId.keys()]);
    if (!wants(found.draft.type)) return cells.notChoice(table, row, 'consultazione', byId.size > 0 ? [...byId.values()].filter((c) => wants(c.draft.type)).map((c) => c.draft.id) : [], 'contest-wrong-type');
    return found;
  };

  // Lists, in the order of their rows.
  type Placed = { list: ListEntry & { candidates: unknown[] }; at: string; row: Row };
  const listsOf = new Map<Draft, Map<string, Placed>>();
  if (t.lists) {
    cells.unique(t.lists, (r) => `${r.cells.consultazione}\n${r.cells.id}`, 'id');
    for (const row of t.lists.rows) {
      const found = contestOf(t.lists, row, (type) => type !== 'referendum');
      if (!found) continue;
      const lists = found.draft.lists as unknown[];
      const at = `${found.at}.lists[${lists.length}]`;
      const id = cells.text(t.lists, row, 'id', `${at}.id`) ?? '';
      if (id === undefined) continue;
      cells.at(at, t.lists, row);
      const list = { id, name: cells.text(t.lists, row, 'nome', `${at}.name`) ?? '', symbol: symbol(cells, files, t.lists, row, `${at}.symbol`), candidates: [] };
      lists.push(list);
      const known = listsOf.get(found.draft) ?? new Map<string, Placed>();
      if (!known.has(id)) known.set(id, { list, at, row });
      listsOf.set(found.draft, known);
    }
  }

  // Candidates of each list, in the order their "ordine" gives.
  if (t.candidates) {
    const table = t.candidates;
    cells.unique(table, (r) => `${r.cells.consultazione}\n${r.cells.lista}\n${r.cells.ordine}`, 'ordine');
    const placed: { row: Row; entry: { list: ListEntry & { candidates: unknown[] }; at: string }; order: number }[] = [];
    for (const row of table.rows) {
      const found = contestOf(table, row, (type) => type !== 'referendum');
      const order = cells.int(table, row, 'ordine', null, 1, LIMITS.candidatesPerList);
      if (!found) continue;
      const listId = cells.text(table, row, 'lista', null);
      if (listId === undefined) continue;
      const entry = listsOf.get(found.draft)?.get(listId);
      if (!entry) {
        // With liste.csv unreadable its own problem says why; its lists are not unknown.
        if (t.lists) cells.unknown(table, row, 'lista', 'liste.csv', [...(listsOf.get(found.draft)?.keys() ?? [])]);
        continue;
      }
      if (order !== undefined) placed.push({ row, entry, order });
    }
    placed.sort((a, b) => a.order - b.order);
    for (const { row, entry } of placed) {
      const at = `${entry.at}.candidates[${entry.list.candidates.length}]`;
      cells.at(at, table, row);
      entry.list.candidates.push({ id: cells.text(table, row, 'id', `${at}.id`) ?? '', surname: cells.text(table, row, 'cognome', `${at}.surname`) ?? '', name: cells.text(table, row, 'nome', `${at}.name`) ?? '', sex: cells.choice(table, row, 'sesso', `${at}.sex`, SEXES) ?? '' });
    }
  }

  // Mayors and single-member candidates, each naming the lists linked to them.
  const linked = (table: Table | null, field: 'mayors' | 'candidates', wants: (type: Contest['type']) => boolean) => {
    if (!table) return;
    for (const row of table.rows) {
      const found = contestOf(table, row, wants);
      if (!found) continue;
      const people = found.draft[field] as unknown[];
      const at = `${found.at}.${field}[${people.length}]`;
      cells.at(at, table, row);
      const named = (cells.text(table, row, 'liste', `${at}.lists`) ?? '').split(/[\s+]+/).filter((l) => l !== '');
      const known = listsOf.get(found.draft);
      const lists = named.filter((l) => known?.has(l));
      if (lists.length < named.length && t.lists) cells.unknown(table, row, 'liste', 'liste.csv', [...(known?.keys() ?? [])]);
      lists.forEach((_, k) => cells.at(`${at}.lists[${k}]`, table, row, 'liste'));
      people.push({ id: cells.text(table, row, 'id', `${at}.id`) ?? '', surname: cells.text(table, row, 'cognome', `${at}.surname`) ?? '', name: cells.text(table, row, 'nome', `${at}.name`) ?? '', sex: cells.choice(table, row, 'sesso', `${at}.sex`, SEXES) ?? '', lists });
    }
  };
  linked(t.mayors, 'mayors', (type) => type === 'municipal');
  linked(t.singleMember, 'candidates', (type) => type === 'camera' || type === 'senato');

  const scrutinyOrder = [...drafts].sort((a, b) => (a.order ?? 0) - (b.order ?? 0)).map((d) => d.id);
  return { contests: drafts.map(({ order: _order, ...contest }) => contest), scrutinyOrder };
}
