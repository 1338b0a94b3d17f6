// `seggio election build`: election.json made from a folder of spreadsheets and symbols
// (docs/election-package.md). Every problem of the folder is reported at once, each at its file, line
// and column; what the election format then refuses is traced back to the cell it came from.
import { crossCheckElection, ITALY_TIME_ZONE, LIMITS, parseElection, type Election, type JsonProblem } from '@seggio/ballot-core';
import { Cells } from './cells.js';
import { buildProblem, type BuildProblem, type Cell } from './codes.js';
import { buildContests } from './contests.js';
import { readTable, type Row, type Table, type TableSpec } from './csv.js';
import type { Folder } from './folder.js';

/** Each file of the folder, its columns (Italian names), and whether it must be there. */
export const FILES = {
  'elezione.csv': { required: ['id', 'titolo', 'comune', 'codice_istat', 'provincia'], optional: ['fuso_orario', 'indirizzo_ufficio', 'esercitazione'] },
  'giorni.csv': { required: ['data', 'apertura', 'chiusura'] },
  'affluenze.csv': { required: ['id', 'data_ora', 'per_sesso'], optional: ['finale'] },
  'consultazioni.csv': { required: ['id', 'tipo', 'titolo', 'colore', 'ordine_scrutinio'], optional: ['titolo_de', 'titolo_en', 'genere', 'numero', 'quesito', 'quesito_de', 'quesito_en', 'abitanti', 'seggi', 'circoscrizione'] },
  'liste.csv': { required: ['consultazione', 'id', 'nome'], optional: ['contrassegno'] },
  'candidati.csv': { required: ['consultazione', 'lista', 'ordine', 'id', 'cognome', 'nome', 'sesso'] },
  'sindaci.csv': { required: ['consultazione', 'id', 'cognome', 'nome', 'sesso', 'liste'] },
  'uninominali.csv': { required: ['consultazione', 'id', 'cognome', 'nome', 'sesso', 'liste'] },
  'sezioni.csv': { required: ['id', 'nome', 'cabine', 'elettori_m', 'elettori_f'], optional: ['indirizzo', 'ue_comunali_m', 'ue_comunali_f', 'ue_europei_m', 'ue_europei_f'] },
} as const satisfies Record<string, TableSpec>;

type FileName = keyof typeof FILES;

/** The rules the law gives each contest, derived from the package and shown to the office before it signs. */
export interface DerivedRules {
  readonly contest: string;
  readonly type: string;
  readonly maxPreferences: number;
  /** Two preferences of one sex: the second is void (municipal); three not all of one sex (European). */
  readonly preferencesBySex: boolean;
  readonly splitVote: boolean;
}

export type BuildResult =
  | { readonly ok: true; readonly election: Election; readonly bytes: Uint8Array; readonly rules: readonly DerivedRules[] }
  | { readonly ok: false; readonly problems: readonly BuildProblem[] };

const ELECTOR_GROUPS = [['IT', 'elettori_m', 'elettori_f'], ['EU_MUNICIPAL', 'ue_comunali_m', 'ue_comunali_f'], ['EU_EUROPEAN', 'ue_europei_m', 'ue_europei_f']] as const;

function origin(origins: ReadonlyMap<string, Cell>, path: string): Cell | undefined {
  for (let p = path; p !== ''; p = p.replace(/(\.[^.[\]]+|\[[^\]]*\])$/, '')) {
    const cell = origins.get(p);
    if (cell) return cell;
    if (p === '$') break;
  }
  return undefined;
}

/** A refusal of the election format, at its cell; "the same as at PATH" becomes a duplicate of a line. */
function traced(origins: ReadonlyMap<string, Cell>, path: string, message: string): BuildProblem {
  const cell = origin(origins, path) ?? { file: 'elezione.csv', line: 0, column: '' };
  const same = /is the same as at (\$\S+); each must be unique/.exec(message);
  const first = same ? origin(origins, same[1]!) : undefined;
  if (first && first.file === cell.file) return buildProblem('duplicate', { ...cell, value: '', firstLine: first.line });
  return buildProblem('election-rule', { ...cell, path, reason: message });
}

export function buildElection(folder: Folder): BuildResult {
  const cells = new Cells();
  cells.problems.push(...folder.problems);
  const tables = {} as Record<FileName, Table | null>;
  for (const [name, spec] of Object.entries(FILES) as [FileName, TableSpec][]) {
    const bytes = folder.files.get(name);
    tables[name] = bytes ? readTable(name, bytes, spec, cells.problems) : null;
  }
  const present = (name: FileName) => folder.files.has(name);
  for (const name of ['elezione.csv', 'giorni.csv', 'affluenze.csv', 'consultazioni.csv', 'sezioni.csv'] as const) {
    if (!present(name)) cells.problems.push(buildProblem('file-missing', { file: name }));
  }
  const e = tables['elezione.csv'];
  const contestsTable = tables['consultazioni.csv'];
  const types = new Set(contestsTable?.rows.map((r) => r.cells.tipo?.toLowerCase()) ?? []);
  const needs = (name: FileName, wanted: boolean) => wanted && !present(name) && cells.problems.push(buildProblem('file-missing', { file: name }));
  needs('liste.csv', [...types].some((t) => t !== 'referendum'));
  needs('candidati.csv', [...types].some((t) => t !== 'referendum'));
  needs('sindaci.csv', types.has('comunali'));
  needs('uninominali.csv', types.has('camera') || types.has('senato'));

  const document: Record<string, unknown> = { format: 'seggio/election@1' };
  let row: Row | undefined;
  if (e) {
    if (e.rows.length !== 1) cells.problems.push(buildProblem('one-row', { file: e.file, rows: e.rows.length }));
    row = e.rows[0];
  }
  if (e && row) {
    document.id = cells.text(e, row, 'id', '$.id');
    document.title = cells.text(e, row, 'titolo', '$.title');
    const training = cells.yesNo(e, row, 'esercitazione', '$.training');
    if (training) document.training = true;
    cells.at('$.comune', e, row);
    document.comune = { name: cells.text(e, row, 'comune', '$.comune.name'), istat: cells.text(e, row, 'codice_istat', '$.comune.istat'), province: cells.text(e, row, 'provincia', '$.comune.province') };
    const url = cells.text(e, row, 'indirizzo_ufficio', '$.office.url', false);
    if (url !== undefined) document.office = { url };
    document.timezone = cells.text(e, row, 'fuso_orario', '$.timezone', false) ?? ITALY_TIME_ZONE;
  }
  const days = tables['giorni.csv'];
  if (days) {
    cells.unique(days, (r) => r.cells.data, 'data');
    document.days = days.rows.map((r, i) => {
      cells.at(`$.days[${i}]`, days, r);
      return { date: cells.text(days, r, 'data', `$.days[${i}].date`), open: cells.text(days, r, 'apertura', `$.days[${i}].open`), close: cells.text(days, r, 'chiusura', `$.days[${i}].close`) };
    });
  }
  const checkpoints = tables['affluenze.csv'];
  if (checkpoints) {
    document.turnoutCheckpoints = checkpoints.rows.map((r, i) => {
      const at = `$.turnoutCheckpoints[${i}]`;
      cells.at(at, checkpoints, r);
      const final = cells.yesNo(checkpoints, r, 'finale', `${at}.final`);
      return { id: cells.text(checkpoints, r, 'id', `${at}.id`), at: cells.text(checkpoints, r, 'data_ora', `${at}.at`), bySex: cells.yesNo(checkpoints, r, 'per_sesso', `${at}.bySex`) ?? false, ...(final ? { final: true } : {}) };
    });
  }
  if (contestsTable) {
    const built = buildContests(cells, folder.files, { contests: contestsTable, lists: tables['liste.csv'], candidates: tables['candidati.csv'], mayors: tables['sindaci.csv'], singleMember: tables['uninominali.csv'] });
    document.contests = built.contests;
    document.scrutinyOrder = built.scrutinyOrder;
    cells.at('$.scrutinyOrder', contestsTable, contestsTable.rows[0] ?? { line: 1, cells: {} }, 'ordine_scrutinio');
  }
  const sections = tables['sezioni.csv'];
  if (sections) {
    document.sections = sections.rows.map((r, i) => {
      const at = `$.sections[${i}]`;
      cells.at(at, sections, r);
      const electors: Record<string, { M: number | undefined; F: number | undefined }> = {};
      for (const [category, m, f] of ELECTOR_GROUPS) {
        const required = category === 'IT';
        if (!required && !r.cells[m] && !r.cells[f]) continue;
        electors[category] = { M: cells.int(sections, r, m, `${at}.electors.${category}.M`, 0, LIMITS.electorsPerGroup), F: cells.int(sections, r, f, `${at}.electors.${category}.F`, 0, LIMITS.electorsPerGroup) };
      }
      const address = cells.text(sections, r, 'indirizzo', `${at}.address`, false);
      return { id: cells.text(sections, r, 'id', `${at}.id`), name: cells.text(sections, r, 'nome', `${at}.name`), ...(address === undefined ? {} : { address }), electors, booths: cells.int(sections, r, 'cabine', `${at}.booths`, 1, LIMITS.booths) };
    });
  }
  for (const field of ['days', 'turnoutCheckpoints', 'contests', 'scrutinyOrder', 'sections']) document[field] ??= [];

  const bytes = new TextEncoder().encode(`${JSON.stringify(document, null, 2)}\n`);
  const parsed = parseElection(bytes);
  if (parsed.ok && cells.problems.length === 0) return { ok: true, election: parsed.value, bytes, rules: derivedRules(parsed.value) };
  // A file present but unreadable has said why: what the format would refuse for lack of it is not shown.
  const unreadable = (names: readonly FileName[]) => names.some((n) => present(n) && !tables[n]);
  const skipped = [
    ...(unreadable(['consultazioni.csv', 'liste.csv', 'candidati.csv', 'sindaci.csv', 'uninominali.csv']) ? ['$.contests', '$.scrutinyOrder'] : []),
    ...(unreadable(['giorni.csv']) ? ['$.days'] : []),
    ...(unreadable(['affluenze.csv']) ? ['$.turnoutCheckpoints'] : []),
    ...(unreadable(['sezioni.csv']) ? ['$.sections'] : []),
  ];
  const schema = parsed.ok ? [] : parsed.error.filter((p) => !skipped.some((s) => p.path === s || p.path.startsWith(`${s}[`) || p.path.startsWith(`${s}.`)));
  return { ok: false, problems: inReadingOrder([...cells.problems, ...formatProblems(cells, document, schema, skipped)]) };
}

/** Problems as staff correct them, file by file, line by line, column by column; the folder's own (no file) first. */
function inReadingOrder(problems: readonly BuildProblem[]): BuildProblem[] {
  const text = (a = '', b = '') => (a < b ? -1 : a > b ? 1 : 0);
  const at = (p: BuildProblem) => p.params as { file?: string; line?: string; column?: string };
  // Array sort is stable: problems of one cell keep the order they were found in.
  return [...problems].sort((a, b) => {
    const [x, y] = [at(a), at(b)];
    return text(x.file, y.file) || Number(x.line ?? 0) - Number(y.line ?? 0) || text(x.column, y.column);
  });
}

/**
 * What the format refuses beyond what the cells already showed: a cell reported once, and the rules
 * between rows (a list linked to two mayors, two names the same) checked even when some cell is wrong,
 * so that one run shows every problem.
 */
function formatProblems(cells: Cells, document: Record<string, unknown>, schema: readonly JsonProblem[], skipped: readonly string[]): BuildProblem[] {
  let crossChecks: JsonProblem[] = [];
  if (schema.length > 0 || cells.problems.length > 0) {
    try {
      crossChecks = crossCheckElection(document as unknown as Election).filter((p) => !skipped.some((s) => p.path.startsWith(s)));
    } catch {
      // A document too broken to cross-check: its cells' problems say why.
    }
  }
  const seen = new Set(cells.problems.map((p) => ('line' in p.params ? `${p.params.file}:${p.params.line}` : '')));
  const found: BuildProblem[] = [];
  for (const p of [...schema, ...crossChecks]) {
    const cell = origin(cells.origins, p.path);
    if (!cell ? cells.problems.length > 0 : seen.has(`${cell.file}:${cell.line}`)) continue;
    const problem = traced(cells.origins, p.path, p.message);
    const key = JSON.stringify(problem);
    if (found.some((f) => JSON.stringify(f) === key)) continue;
    found.push(problem);
  }
  return found;
}

export function derivedRules(election: Election): DerivedRules[] {
  return election.contests.flatMap((c): DerivedRules[] => {
    switch (c.type) {
      case 'referendum':
        return [];
      case 'municipal':
        return [{ contest: c.id, type: c.type, maxPreferences: c.rules.maxPreferences, preferencesBySex: c.rules.preferencesDifferentSex, splitVote: c.rules.splitVote }];
      case 'european':
        return [{ contest: c.id, type: c.type, maxPreferences: c.rules.maxPreferences, preferencesBySex: c.rules.preferencesMixedSex, splitVote: false }];
      default:
        return [{ contest: c.id, type: c.type, maxPreferences: 0, preferencesBySex: false, splitVote: false }];
    }
  });
}
