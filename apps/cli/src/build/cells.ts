// Reading typed values out of a table's cells: each value read is recorded with the cell it came from
// (its path in election.json to its file, line and column), so that what the election format later
// refuses is reported at the cell a person can correct.
import { buildProblem, type BuildProblem, type Cell } from './codes.js';
import { cellOf, type Row, type Table } from './csv.js';

/**
 * What a refusal names as allowed, cut to a length a message can carry (a contest may have hundreds of lists), in
 * signs every language reads: "L1, L2, … (+37)"; "—" when there is nothing allowed.
 */
export const ALLOWED_LIMIT = 120;
export function allowedText(values: readonly string[]): string {
  if (values.length === 0) return '—';
  let text = '';
  for (const [i, value] of values.entries()) {
    const next = i === 0 ? value : `${text}, ${value}`;
    if (next.length > ALLOWED_LIMIT) return `${text}, … (+${values.length - i})`;
    text = next;
  }
  return text;
}

export class Cells {
  readonly problems: BuildProblem[] = [];
  /** A path in election.json (as the format names it, "$.contests[1].title") to its cell. */
  readonly origins = new Map<string, Cell>();

  at(path: string, table: Table, row: Row, column = ''): void {
    this.origins.set(path, cellOf(table, row, column));
  }

  /** A cell's text; a required one that is empty is a problem (and undefined). */
  text(table: Table, row: Row, column: string, path: string | null, required = true): string | undefined {
    const value = row.cells[column] ?? '';
    if (value === '') {
      if (required && !row.refused?.has(column)) this.problems.push(buildProblem('cell-required', { file: table.file, line: row.line, column }));
      return undefined;
    }
    if (path !== null) this.at(path, table, row, column);
    return value;
  }

  /** A cell that is not one of the values allowed (given as they are written in the cell). */
  notChoice(table: Table, row: Row, column: string, allowed: readonly string[], code: 'cell-not-choice' | 'contest-wrong-type' = 'cell-not-choice'): undefined {
    this.problems.push(buildProblem(code, { file: table.file, line: row.line, column, value: (row.cells[column] ?? '').slice(0, 60), allowed: allowedText(allowed) }));
    return undefined;
  }

  int(table: Table, row: Row, column: string, path: string | null, min: number, max: number, required = true): number | undefined {
    const value = this.text(table, row, column, path, required);
    if (value === undefined) return undefined;
    // Thousands written with "." as Italians do ("7.480"), never a decimal.
    const digits = /^\d{1,3}(\.\d{3})+$/.test(value) ? value.replace(/\./g, '') : value;
    if (!/^\d{1,9}$/.test(digits) || Number(digits) < min || Number(digits) > max) {
      this.problems.push(buildProblem('cell-not-number', { file: table.file, line: row.line, column, value: value.slice(0, 60), min, max }));
      return undefined;
    }
    return Number(digits);
  }

  choice<T>(table: Table, row: Row, column: string, path: string | null, choices: Readonly<Record<string, T>>, required = true): T | undefined {
    const value = this.text(table, row, column, path, required);
    if (value === undefined) return undefined;
    const key = value.toLowerCase();
    if (!Object.hasOwn(choices, key)) return this.notChoice(table, row, column, Object.keys(choices));
    return choices[key];
  }

  yesNo(table: Table, row: Row, column: string, path: string | null): boolean | undefined {
    return this.choice(table, row, column, path, { sì: true, si: true, no: false }, false);
  }

  /** A cell naming what `target` does not have; `allowed` are the values it has there. */
  unknown(table: Table, row: Row, column: string, target: string, allowed: readonly string[]): void {
    this.problems.push(buildProblem('reference-unknown', { file: table.file, line: row.line, column, value: (row.cells[column] ?? '').slice(0, 60), target, allowed: allowedText(allowed) }));
  }

  /** Reports a value met again in `column`, naming the line it was first seen on. */
  unique(table: Table, keyOf: (row: Row) => string | undefined, column: string): void {
    const first = new Map<string, number>();
    for (const row of table.rows) {
      const key = keyOf(row);
      if (key === undefined || key === '') continue;
      const seen = first.get(key);
      if (seen === undefined) first.set(key, row.line);
      else this.problems.push(buildProblem('duplicate', { file: table.file, line: row.line, column, value: (row.cells[column] ?? '').slice(0, 60), firstLine: seen }));
    }
  }
}
