// One CSV file of the folder, read with csv-parse (quotes, doubled quotes, line breaks inside a quoted
// cell, a UTF-8 BOM), its separator, ";" or ",", taken from its header line. Every row keeps its line
// number; every cell is checked for what a spreadsheet would run (a formula) before anyone reads it.
import { parse, CsvError } from 'csv-parse/sync';
import { buildProblem, type BuildProblem, type Cell } from './codes.js';

export const MAX_ROWS = 20_000;
const MAX_CELL = 8000;

export interface TableSpec {
  readonly required: readonly string[];
  readonly optional?: readonly string[];
}

export interface Row {
  readonly line: number;
  readonly cells: Readonly<Record<string, string>>;
  /** Cells already reported (a formula, too long): not reported again as empty. */
  readonly refused?: ReadonlySet<string>;
}

export interface Table {
  readonly file: string;
  readonly rows: readonly Row[];
}

/** Cells a spreadsheet would evaluate when the file is opened again (CSV injection). */
const FORMULA = /^[=+\-@\t\r]/;

export function cellOf(table: Table, row: Row, column: string): Cell {
  return { file: table.file, line: row.line, column };
}

/** The table, or null when the file cannot be read as one; problems are added to `problems`. */
export function readTable(file: string, bytes: Uint8Array, spec: TableSpec, problems: BuildProblem[]): Table | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // The line of the first byte that is not UTF-8.
    const good = new TextDecoder('utf-8').decode(bytes).split('\uFFFD')[0] ?? '';
    problems.push(buildProblem('csv-encoding', { file, line: good.split('\n').length }));
    return null;
  }
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = header.includes(';') ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, delimiter, info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, to: MAX_ROWS + 2, max_record_size: MAX_CELL * 4 }) as unknown as typeof records;
  } catch (error) {
    const line = error instanceof CsvError ? Number((error as unknown as { lines?: number }).lines ?? 0) : 0;
    problems.push(buildProblem('csv-syntax', { file, line, reason: (error as Error).message.replace(/^Invalid [^:]*: /, '').slice(0, 200) }));
    return null;
  }
  if (records.length === 0) {
    problems.push(buildProblem('csv-empty', { file }));
    return null;
  }
  if (records.length > MAX_ROWS + 1) {
    problems.push(buildProblem('csv-too-many-rows', { file, limit: MAX_ROWS }));
    return null;
  }
  const [first, ...body] = records;
  const columns = first!.record.map((c) => c.trim().toLowerCase());
  const allowed = [...spec.required, ...(spec.optional ?? [])];
  const headerLine = first!.info.lines;
  let usable = true;
  columns.forEach((column, i) => {
    if (!allowed.includes(column)) problems.push(buildProblem('column-unknown', { file, line: headerLine, column: column || `#${i + 1}`, allowed: allowed.join(', ') }));
    else if (columns.indexOf(column) !== i) problems.push(buildProblem('column-twice', { file, line: headerLine, column }));
  });
  for (const column of spec.required) {
    if (!columns.includes(column)) {
      problems.push(buildProblem('column-missing', { file, line: headerLine, column, allowed: spec.required.join(', ') }));
      usable = false;
    }
  }
  const rows: Row[] = [];
  for (const { record, info } of body) {
    const cells: Record<string, string> = {};
    const refused = new Set<string>();
    columns.forEach((column, i) => {
      const value = (record[i] ?? '').trim();
      if (!allowed.includes(column) || column in cells) return;
      if (value.length > MAX_CELL) {
        problems.push(buildProblem('cell-too-long', { file, line: info.lines, column, limit: MAX_CELL }));
        return void refused.add(column);
      }
      if (FORMULA.test(value)) {
        problems.push(buildProblem('cell-formula', { file, line: info.lines, column, value: value.slice(0, 40) }));
        return void refused.add(column);
      }
      cells[column] = value;
    });
    if (record.length > columns.length && record.slice(columns.length).some((v) => v.trim() !== '')) {
      problems.push(buildProblem('row-too-long', { file, line: info.lines, columns: columns.length }));
    }
    rows.push({ line: info.lines, cells, refused });
  }
  return usable ? { file, rows } : null;
}
